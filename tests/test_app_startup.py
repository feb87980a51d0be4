"""What the browser does before its first frame, and what it leaves until a tab is first shown.

The first frame needs the three tables, the filter and the detail pane; the Glossary, About,
Compare and Agents tabs are built (and their modules imported) when first shown. None of
that may change what the user sees or where the keys go.
"""

from __future__ import annotations

from tui.app import VenTuiApp
from tui.domain import Evidence
from tui.domain.glossary_rows import matching_rows
from tui.widgets import AgentsView, CompareChart, GlossaryView

LAZY_PANES = ("pane-glossary", "pane-about", "pane-compare", "pane-agents")


def pane_ids(app: VenTuiApp) -> list[str]:
    return [child.id or "" for child in app.screen.query_one("#panes").children]


async def test_only_the_tables_exist_until_another_tab_is_shown(shipped_evidence: Evidence):
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert pane_ids(app) == ["pane-published", "pane-phase1", "pane-phase2"]
        for key, pane in zip("4567", LAZY_PANES, strict=True):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen.active_pane == pane
            assert pane in pane_ids(app)
        await pilot.press("1", "4")  # shown again: the same pane, not a second one
        await pilot.pause()
        assert pane_ids(app).count("pane-glossary") == 1
        assert [p for p in pane_ids(app) if app.screen.query_one(f"#{p}").display] == [
            "pane-glossary"
        ]


async def test_keys_typed_right_after_the_digit_reach_the_new_tab(shipped_evidence: Evidence):
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("4", "j", "j", "6", "o", "7", "j")  # no pause: typed ahead
        await pilot.pause()
        assert app.screen.query_one(GlossaryView).query_one("NavTable").cursor_row == 2
        assert app.screen.query_one(CompareChart).descending is False
        agents = app.screen.query_one(AgentsView)
        assert agents.query_one("NavTable").cursor_row == 1
        assert app.focused is agents.query_one("NavTable")


async def test_a_tab_built_late_shows_the_filter_and_agent_in_force(shipped_evidence: Evidence):
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"venetoclax cr>=60", "enter", "6", "4")
        await pilot.pause()
        chart = app.screen.query_one(CompareChart)
        published = app.screen.query_one("#pane-published")
        assert chart.records == published.visible_records
        assert chart.scope.startswith(f"Charting {len(published.visible_records)} of 12")
        glossary = app.screen.query_one(GlossaryView)
        expected = matching_rows(app.screen.glossary_rows, app.screen.query_value)
        assert glossary.visible_entries == expected
        assert 0 < len(expected) < glossary.total
