"""The Find tab: facet counts that toggle the filter, one list across tables, one key to copy."""

from __future__ import annotations

from textual.widgets import DataTable, Input

from tui.app import VenTuiApp
from tui.domain import Evidence
from tui.widgets.facet_panel import FacetPanel
from tui.widgets.find_view import FindView
from tui.widgets.outcomes_view import OutcomesView

NEWLY_DIAGNOSED_PH_POS = ["NCT06082934", "NCT04872790", "NCT06578546", "NCT05594784"]


async def test_one_filter_and_one_key_copy_the_ids_of_an_answer_across_tables(
    shipped_evidence: Evidence,
):
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"ph:pos setting:nd", "enter", "8")
        await pilot.pause()
        find = app.screen.query_one(FindView)
        assert [r.table_id for r in find.visible_records] == ["phase1"] * 2 + ["phase2"] * 3
        assert find.query_one(DataTable).row_count == 5
        await pilot.press("C")
        await pilot.pause()
        assert app.clipboard.splitlines() == NEWLY_DIAGNOSED_PH_POS


async def test_toggling_a_facet_writes_the_filter_text(shipped_evidence: Evidence):
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("8")
        await pilot.pause()
        panel = app.screen.query_one(FacetPanel)
        assert panel.has_focus
        await pilot.press("enter")  # the first value: Ph+
        await pilot.pause()
        assert app.screen.query_one(Input).value == "ph:pos"
        counts = {c.term: c for c in panel.counts}
        assert counts["ph:pos"].applied and counts["ph:pos"].count == 7
        assert len(app.screen.query_one(FindView).visible_records) == 7
        await pilot.press("enter")  # again: the term comes out
        await pilot.pause()
        assert app.screen.query_one(Input).value == ""
        assert len(app.screen.query_one(FindView).visible_records) == 30


async def test_the_outcomes_matrix_is_a_tab(shipped_evidence: Evidence):
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("9")
        await pilot.pause()
        view = app.screen.query_one(OutcomesView)
        assert view.display and "Outcomes matrix" in view.content.plain
