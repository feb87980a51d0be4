"""RowView, the virtualised table: renders on demand, moves its cursor, scrolls, clicks."""

from __future__ import annotations

import pytest
from rich.text import Text
from textual.app import App, ComposeResult

from tests.rendering import screen_strips
from tui.widgets.row_view import RowView

ROWS = 1000


class RowsApp(App[None]):
    """One RowView of ``count`` numbered rows, counting the rows it is asked to render."""

    def __init__(self, count: int = ROWS, widths: tuple[int, ...] = (6, 20)) -> None:
        super().__init__()
        self.count = count
        self.widths = widths
        self.asked: list[int] = []
        self.moves: list[int] = []

    def compose(self) -> ComposeResult:
        yield RowView()

    def on_mount(self) -> None:
        view = self.query_one(RowView)
        view.set_columns([Text("No."), Text("Name")], lambda _width: self.widths)
        view.set_rows(self.count, self.cells)
        view.focus()

    def cells(self, row: int) -> list[Text]:
        self.asked.append(row)
        return [Text(str(row)), Text(f"row {row} " + "x" * 40)]

    def on_row_view_cursor_moved(self, event: RowView.CursorMoved) -> None:
        self.moves.append(event.row)


def screen_lines(app: App) -> list[str]:
    """The screen as plain text lines."""
    strips = screen_strips(app)
    return ["".join(segment.text for segment in strip) for strip in strips]


async def test_only_the_rows_on_screen_are_rendered() -> None:
    app = RowsApp()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        assert app.asked, "visible rows were rendered"
        assert max(app.asked) < 12, "rows below the screen were never asked for"
        lines = screen_lines(app)
        assert lines[0].split() == ["No.", "Name"]
        assert lines[1].split()[:3] == ["0", "row", "0"]


async def test_long_cells_end_in_an_ellipsis_at_their_column_width() -> None:
    app = RowsApp()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        line = screen_lines(app)[1]
        name = line[1 + 6 + 1 :]  # after the first column and its padding
        assert name[: 1 + 20 + 1] == " " + ("row 0 " + "x" * 40)[:19] + "… ", "20 cells, padded"


async def test_cursor_keys_move_and_announce() -> None:
    app = RowsApp()
    async with app.run_test(size=(40, 12)) as pilot:
        view = app.query_one(RowView)
        await pilot.press("j", "j", "down", "k")
        await pilot.pause()
        assert view.cursor == 2
        assert app.moves == [1, 2, 3, 2]
        await pilot.press("k", "k", "k")
        assert view.cursor == 0, "the cursor stops at the first row"
        await pilot.press("G")
        await pilot.pause()
        assert view.cursor == ROWS - 1
        await pilot.press("j")
        assert view.cursor == ROWS - 1, "and at the last"
        await pilot.press("g")
        assert view.cursor == 0


async def test_the_cursor_stays_in_view() -> None:
    app = RowsApp()
    async with app.run_test(size=(40, 12)) as pilot:
        view = app.query_one(RowView)
        await pilot.press(*"j" * 15)
        await pilot.pause()
        top = view.scroll_offset.y
        assert top <= 15 < top + view.page_height
        assert any(line.split()[:1] == ["15"] for line in screen_lines(app))
        await pilot.press("end")
        await pilot.pause()
        assert view.scroll_offset.y == ROWS - view.page_height
        assert max(app.asked) == ROWS - 1
        await pilot.press("home")
        await pilot.pause()
        assert view.scroll_offset.y == 0


async def test_page_keys_move_a_page() -> None:
    app = RowsApp()
    async with app.run_test(size=(40, 12)) as pilot:
        view = app.query_one(RowView)
        await pilot.press("pagedown")
        assert view.cursor == view.page_height
        await pilot.press("pagedown", "pageup")
        assert view.cursor == view.page_height
        await pilot.press("pageup", "pageup")
        assert view.cursor == 0


async def test_a_click_selects_the_row() -> None:
    app = RowsApp()
    async with app.run_test(size=(40, 12)) as pilot:
        view = app.query_one(RowView)
        await pilot.click(RowView, offset=(3, 4))
        await pilot.pause()
        assert view.cursor == 3, "line 4 is the fourth row under the header"
        await pilot.click(RowView, offset=(3, 0))
        assert view.cursor == 3, "a click on the header moves nothing"


async def test_a_cursor_move_repaints_two_rows_only() -> None:
    app = RowsApp()
    async with app.run_test(size=(40, 12)) as pilot:
        view = app.query_one(RowView)
        await pilot.pause()
        painted: list[int] = []
        original = view.render_line

        def spy(y: int):
            painted.append(y)
            return original(y)

        view.render_line = spy  # type: ignore[method-assign]
        await pilot.press("j")
        await pilot.pause()
        assert sorted(set(painted)) == [1, 2], "the old and the new cursor rows"


async def test_set_rows_keeps_the_cursor_in_range() -> None:
    app = RowsApp()
    async with app.run_test(size=(40, 12)) as pilot:
        view = app.query_one(RowView)
        await pilot.press("end")
        view.set_rows(5, app.cells)
        await pilot.pause()
        assert view.cursor == 4
        assert view.scroll_offset.y == 0
        view.set_rows(0, app.cells)
        await pilot.pause()
        assert view.cursor == 0 and view.row_count == 0
        with pytest.raises(IndexError):
            view.get_row_at(0)
        await pilot.press("j", "G", "pagedown")
        assert view.cursor == 0, "keys on an empty table do nothing"


async def test_refresh_row_renders_it_again() -> None:
    app = RowsApp()
    async with app.run_test(size=(40, 12)) as pilot:
        view = app.query_one(RowView)
        await pilot.pause()
        app.asked.clear()
        view.refresh_row(2)
        await pilot.pause()
        assert app.asked == [2]


async def test_a_wide_table_scrolls_sideways_to_a_column() -> None:
    app = RowsApp(widths=(30, 30))
    async with app.run_test(size=(40, 12)) as pilot:
        view = app.query_one(RowView)
        await pilot.pause()
        assert view.virtual_size.width == 64
        view.scroll_to_column(1)
        await pilot.pause()
        x, width = view.column_span(1)
        assert (x, width) == (32, 32)
        left = view.scroll_offset.x
        assert left <= x and x + width <= left + view.scrollable_content_region.width + 2
        assert screen_lines(app)[0].split()[0] == "Name"


async def test_no_color_cursor_is_reverse_and_bold(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = RowsApp()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        view = app.query_one(RowView)
        style = view.get_component_rich_style("row-view--cursor")
        assert style.reverse and style.bold
        strip = view.render_line(1)
        assert all(segment.style.reverse for segment in strip if segment.text.strip())


class FittedApp(App[None]):
    """One RowView whose widths are fitted to its width; records every width it is given."""

    def __init__(self) -> None:
        super().__init__()
        self.asked_for: list[int] = []

    def compose(self) -> ComposeResult:
        yield RowView()

    def on_mount(self) -> None:
        view = self.query_one(RowView)
        view.set_columns([Text("No."), Text("Name")], self.widths_for)
        view.set_rows(50, lambda row: [Text(str(row)), Text("x" * 200)])

    def widths_for(self, width: int) -> list[int]:
        self.asked_for.append(width)
        return [6, width - 6 - 4 - 2]  # two columns' padding, and the scrollbar


async def test_columns_are_fitted_to_the_width_drawn_at_never_to_a_guess() -> None:
    app = FittedApp()
    async with app.run_test(size=(50, 12)) as pilot:
        await pilot.pause()
        view = app.query_one(RowView)
        assert app.asked_for == [50], "fitted once, when the width was known"
        assert view.column_widths == [6, 38]
        assert not view.show_horizontal_scrollbar
        assert all(len(line) == 50 for line in screen_lines(app))
        await pilot.resize_terminal(70, 12)
        await pilot.pause()
        assert app.asked_for == [50, 70] and view.column_widths == [6, 58]
        assert screen_lines(app)[1].rstrip().endswith("…"), "the long cell fills the new width"
