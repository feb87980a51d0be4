"""Enter shows the highlighted row in full; d gives the freed room to the table; the glossary
cuts long cells with an ellipsis."""

from __future__ import annotations

from tui.app import VenTuiApp
from tui.domain import Evidence
from tui.screens.row_screen import RowScreen
from tui.widgets.detail_pane import DetailPane
from tui.widgets.glossary_view import GlossaryView
from tui.widgets.nav_table import NavTable
from tui.widgets.row_view import RowView


def drawn(pane: DetailPane) -> str:
    return "\n".join(line.text for line in pane.lines)


async def test_enter_after_moves_typed_ahead_shows_that_row_in_full(shipped_evidence: Evidence):
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "j", "enter")  # together: Enter must follow the moves
        await pilot.pause()
        assert isinstance(app.screen, RowScreen)
        record = shipped_evidence.records["published"][2]
        assert app.screen.record == record
        text = drawn(app.screen.query_one(DetailPane))
        assert "Table 1 (Published studies) · row 3" in text
        for cell in record.cells.values():
            assert " ".join(cell.split())[:40] in " ".join(text.split())
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, RowScreen)
        assert app.screen.state.detail() == record


async def test_enter_does_nothing_off_the_tables_or_without_rows(shipped_evidence: Evidence):
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("/", *"zzzz", "enter", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, RowScreen)
        await pilot.press("escape", "5", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, RowScreen)


async def test_d_gives_the_detail_panes_room_to_the_table(shipped_evidence: Evidence):
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        view = app.screen.query_one("#pane-published RowView", RowView)
        before = sum(view.column_widths)
        await pilot.press("d")
        await pilot.pause()
        await pilot.pause()
        assert sum(view.column_widths) > before + 40  # wider columns, not only a wider pane
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.screen.query_one("#pane-published RowView", RowView)
        rows_before = view.page_height
        await pilot.press("d")
        await pilot.pause()
        assert view.page_height > rows_before  # stacked: the table takes the lines freed


async def test_the_glossary_ends_a_cut_cell_with_an_ellipsis(shipped_evidence: Evidence):
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        table = app.screen.query_one(GlossaryView).query_one(NavTable)
        cells = [str(cell) for row in range(table.row_count) for cell in table.get_row_at(row)]
        assert any(cell.endswith("…") for cell in cells)
        lines = [table.render_line(y).text for y in range(1, table.size.height)]
        assert any("…" in line for line in lines)
