"""The view agrees with the state after a second sync, late highlights, Enter Enter on an
agent and sorting or clearing right after moves; hidden panes wait until shown."""

from __future__ import annotations

from dataclasses import replace

from tests.registry_fixtures import synthetic_cache
from tui.app import VenTuiApp
from tui.domain import Evidence
from tui.screens.row_screen import RowScreen
from tui.widgets.detail_pane import DetailPane
from tui.widgets.evidence_table import EvidenceTable
from tui.widgets.find_view import FindView
from tui.widgets.row_view import RowView


def last_cells(app: VenTuiApp, table_id: str) -> list[str]:
    table = app.screen.query_one(f"#pane-{table_id}", EvidenceTable)
    rows = table.query_one(RowView)
    return [rows.get_row_at(i)[-1].plain for i in range(len(table.visible_records))]


async def test_a_second_sync_redraws_the_status_column(shipped_evidence: Evidence) -> None:
    first = synthetic_cache()
    app = VenTuiApp(shipped_evidence, registry=first)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        assert "Recruiting" in last_cells(app, "phase1")
        terminated = {
            nct: replace(record, status="TERMINATED") for nct, record in first.records.items()
        }
        second = replace(first, records=terminated)
        app.screen.registry_synced(second)
        await pilot.pause()
        assert set(last_cells(app, "phase1")) == {"Terminated"}


async def test_enter_shows_the_registry_section_too(shipped_evidence: Evidence) -> None:
    app = VenTuiApp(shipped_evidence, registry=synthetic_cache())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "enter")
        await pilot.pause()
        assert isinstance(app.screen, RowScreen)
        assert "Registry (ClinicalTrials.gov" in app.screen.query_one(DetailPane).content.plain


async def test_enter_enter_on_an_agent_in_one_burst_restricts_then_lifts(
    shipped_evidence: Evidence,
) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("7")
        await pilot.pause()
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert app.screen.state.restriction is None


async def test_s_and_escape_right_after_moves_keep_the_row_the_user_sees(
    shipped_evidence: Evidence,
) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "j", "s")
        await pilot.pause()
        table = app.screen.active_table
        assert table is not None and table.cursor_record is not None
        assert table.cursor_record.key == "published:2"
        assert app.screen.state.detail() == table.cursor_record
        await pilot.press("/", *"aza", "enter", "j", "escape")
        await pilot.pause()
        assert app.screen.state.query is None
        assert app.screen.state.detail() == table.cursor_record


async def test_a_late_highlight_for_another_table_moves_that_tables_cursor(
    shipped_evidence: Evidence,
) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        screen = app.screen
        # A Highlighted message for Table 1 arriving after the switch to Table 3:
        screen.state = screen.state.moved_to("published", "published:4")
        await pilot.pause()
        published = screen.query_one("#pane-published", EvidenceTable)
        assert published.cursor_record is not None
        assert published.cursor_record.key == "published:4"
        await pilot.press("1")
        await pilot.pause()
        assert screen.state.detail() == published.cursor_record


async def test_a_hidden_find_tab_is_refilled_when_shown_not_at_every_key(
    shipped_evidence: Evidence,
) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("8", "1")
        await pilot.pause()
        find = app.screen.query_one(FindView)
        calls = []
        original = find.apply

        def counting(*args, **kwargs):
            calls.append(args)
            original(*args, **kwargs)

        find.apply = counting  # type: ignore[method-assign]
        await pilot.press("/", *"blinatumomab", "enter")
        await pilot.pause()
        assert calls == []
        await pilot.press("8")
        await pilot.pause()
        assert len(calls) == 1
        assert find.visible_records == app.screen.state.find_rows()
