"""The cursor row stays on screen: after every move, and when the view gets shorter."""

from __future__ import annotations

from tui.app import VenTuiApp
from tui.domain import Evidence
from tui.widgets.agents_view import AgentsView
from tui.widgets.nav_table import NavTable
from tui.widgets.row_view import RowView


def nav_cursor_visible(table: NavTable) -> bool:
    """Rows below the header that fit, and the cursor among them."""
    rows_shown = table.scrollable_content_region.height - 1
    top = round(table.scroll_offset.y)
    return top <= table.cursor_row < top + rows_shown


def row_cursor_visible(view: RowView) -> bool:
    top = round(view.scroll_offset.y)
    return top <= view.cursor < top + view.page_height


async def test_agents_cursor_stays_visible_at_80x24_moving_down(shipped_evidence: Evidence):
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("7")
        await pilot.pause()
        table = app.screen.query_one(AgentsView).query_one(NavTable)
        for step in range(min(table.row_count - 1, 24)):
            await pilot.press("j")
            await pilot.pause()
            assert table.cursor_row == step + 1
            assert nav_cursor_visible(table), f"row {table.cursor_row} off screen"


async def test_table_cursor_stays_visible_at_40x12_and_after_shrinking(
    shipped_evidence: Evidence,
):
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        view = app.screen.query_one("#pane-published RowView", RowView)
        for _ in range(11):
            await pilot.press("j")
            await pilot.pause()
            assert row_cursor_visible(view), f"row {view.cursor} off screen"
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.press(*"j" * 10)
        await pilot.pause()
        view = app.screen.query_one("#pane-published RowView", RowView)
        assert view.cursor == 10 and row_cursor_visible(view)
        await pilot.resize_terminal(80, 14)
        await pilot.pause()
        await pilot.pause()
        assert row_cursor_visible(view), f"row {view.cursor} off screen after the resize"
