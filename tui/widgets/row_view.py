"""A virtualised table of one-line rows: only the rows on screen are ever rendered.

Textual's ``DataTable`` builds and measures every row up front and repaints widely when the
cursor moves; at 10,000 rows that costs seconds at start-up and tens of kilobytes per
keystroke over SSH. ``RowView`` draws with the Line API instead: the owner says how many
rows there are and supplies a callback that returns one row's cells as ``Text`` on demand;
a moved cursor repaints only the two rows concerned.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.widgets.quiet_resize import set_virtual_size

CellsFor = Callable[[int], Sequence[Text]]
"""Given a display position, the row's cells (one ``Text`` per column, single-line)."""
WidthsFor = Callable[[int], Sequence[int]]
"""Given the view's width, every column's content width."""

PADDING = 1
"""Blank cells either side of every column, as ``DataTable`` draws them."""


def _no_cells(_row: int) -> Sequence[Text]:
    return ()


def _no_widths(_width: int) -> Sequence[int]:
    return ()


class RowView(ScrollView, can_focus=True):
    """Rows under a fixed header, a row cursor, columns fitted to its width; scrolls both ways."""

    BINDINGS = [
        Binding("down,j", "cursor_down", "Next row", show=False),
        Binding("up,k", "cursor_up", "Previous row", show=False),
        Binding("g,home", "first_row", "First row", show=False),
        Binding("G,end", "last_row", "Last row", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
    ]
    COMPONENT_CLASSES = {"row-view--header", "row-view--cursor"}
    # Unscoped so the NO_COLOR rule can name the App: the cursor is reverse + bold there.
    SCOPED_CSS = False
    DEFAULT_CSS = """
    RowView {
        background: $surface;
        color: $foreground;
        &:focus {
            background-tint: $foreground 5%;
            & > .row-view--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .row-view--header {
                background-tint: $foreground 5%;
            }
        }
        & > .row-view--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .row-view--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .row-view--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    App:nocolor RowView > .row-view--cursor {
        text-style: reverse bold;
    }
    App:nocolor RowView:blur > .row-view--cursor {
        text-style: reverse;
    }
    """

    cursor: reactive[int] = reactive(0, repaint=False, init=False)
    """The display position of the cursor row (0 when there are no rows)."""

    @dataclass
    class CursorMoved(Message):
        """The cursor is on another display position."""

        view: RowView
        row: int

        @property
        def control(self) -> RowView:
            return self.view

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id, classes=classes)
        self._labels: list[Text] = []
        self._widths: list[int] = []
        self._widths_for: WidthsFor = _no_widths
        self._fitted_to = 0
        """The width ``_widths`` were fitted to (0: not yet, the width is not known)."""
        self._count = 0
        self._cells_for: CellsFor = _no_cells
        self._strips: dict[int, Strip] = {}
        self._header: Strip | None = None
        self._base: Style | None = None
        """The widget's style while ``render_lines`` draws: one lookup per pass, not per line."""

    # -- public API ------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        """How many rows there are (not only those on screen)."""
        return self._count

    @property
    def column_widths(self) -> list[int]:
        """The content width of every column, padding excluded."""
        return list(self._fit())

    @property
    def column_labels(self) -> list[Text]:
        """The header text of every column."""
        return list(self._labels)

    @property
    def page_height(self) -> int:
        """Rows visible at once, below the header."""
        return max(1, self.scrollable_content_region.height - 1)

    def set_columns(self, labels: Sequence[Text], widths_for: WidthsFor) -> None:
        """Set the header labels, and how the columns' widths fit the view's width.

        The widths are fitted once the width is known, when first drawn, and again when it
        changes: fitted to a guess instead, the first frame would show columns that do not
        fit (and a horizontal scrollbar) and then draw every line again, refitted.
        """
        self._labels = list(labels)
        self._widths_for = widths_for
        self._header = None
        self._strips.clear()
        self._fitted_to = 0
        self._fit()
        self.refresh()

    def set_rows(self, count: int, cells_for: CellsFor, cursor: int | None = None) -> None:
        """Show ``count`` rows whose cells ``cells_for(position)`` gives; cursor to ``cursor``."""
        self._count = count
        self._cells_for = cells_for
        self._strips.clear()
        self._resize_virtual()
        self.refresh()
        target = self.cursor if cursor is None else cursor
        self.set_reactive(RowView.cursor, self.validate_cursor(target))
        self._scroll_cursor_visible()

    def refresh_row(self, row: int) -> None:
        """The cells of ``row`` changed (a mark): render it again."""
        self._strips.pop(row, None)
        self._refresh_position(row)

    def refresh_header(self, labels: Sequence[Text]) -> None:
        """New header labels, same widths (the chosen or sorted column changed)."""
        self._labels = list(labels)
        self._header = None
        self.refresh(Region(0, 0, self.scrollable_content_region.width, 1))

    def get_row_at(self, row: int) -> list[Text]:
        """The cells of the row at display position ``row``, as the owner renders them."""
        if not 0 <= row < self._count:
            raise IndexError(row)
        return list(self._cells_for(row))

    def move_cursor(self, row: int) -> None:
        """Put the cursor on display position ``row`` (clamped to the rows there are)."""
        self.cursor = row

    def column_span(self, column: int) -> tuple[int, int]:
        """The x offset and width, padding included, of ``column`` in the full row."""
        widths = self._fit()
        x = sum(width + 2 * PADDING for width in widths[:column])
        return x, widths[column] + 2 * PADDING

    def scroll_to_column(self, column: int) -> None:
        """Scroll horizontally, if needed, so that ``column`` is in view."""
        if not 0 <= column < len(self._fit()):
            return
        x, width = self.column_span(column)
        view = self.scrollable_content_region.width
        left = self.scroll_offset.x
        if x < left:
            self.scroll_to(x=x, animate=False)
        elif x + width > left + view:
            self.scroll_to(x=min(x, x + width - view), animate=False)

    # -- cursor ----------------------------------------------------------------------

    def validate_cursor(self, row: int) -> int:
        return max(0, min(row, self._count - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        if not self._scroll_cursor_visible():
            self._refresh_position(old)
            self._refresh_position(new)
        self.post_message(self.CursorMoved(self, new))

    def on_resize(self) -> None:
        """Narrower or wider: columns fitted again; shorter: the cursor row kept in view."""
        self._fit()
        self._scroll_cursor_visible()

    def _scroll_cursor_visible(self) -> bool:
        """Scroll so the cursor row shows; True if that scrolled (and so repaints all)."""
        if not self._count:
            return False
        top = self.scroll_offset.y
        page = self.page_height
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
            return True
        if self.cursor >= top + page and self.size.height > 1:
            self.scroll_to(y=self.cursor - page + 1, animate=False)
            return True
        return False

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_first_row(self) -> None:
        self.cursor = 0

    def action_last_row(self) -> None:
        self.cursor = self._count - 1

    def action_page_down(self) -> None:
        self.cursor += self.page_height

    def action_page_up(self) -> None:
        self.cursor -= self.page_height

    def on_click(self, event: events.Click) -> None:
        """A click on a row puts the cursor there."""
        if event.y >= 1:
            row = self.scroll_offset.y + event.y - 1
            if row < self._count:
                self.cursor = row

    # -- rendering -------------------------------------------------------------------

    def _fit(self) -> list[int]:
        """The column widths for the view's width now (the width is known once laid out)."""
        width = self.size.width
        if width and width != self._fitted_to:
            self._fitted_to = width
            widths = list(self._widths_for(width))
            if widths != self._widths:
                self._widths = widths
                self._header = None
                self._strips.clear()
                self._resize_virtual()
        return self._widths

    def _resize_virtual(self) -> None:
        """The scrollable size: every column and row, plus the header (see quiet_resize)."""
        width = sum(width + 2 * PADDING for width in self._widths)
        set_virtual_size(self, Size(width, self._count + 1))

    def _refresh_position(self, row: int) -> None:
        y = row - self.scroll_offset.y + 1
        if 1 <= y < self.size.height:
            self.refresh(Region(0, y, self.scrollable_content_region.width, 1))

    def _render_cells(self, cells: Sequence[Text]) -> Strip:
        console = self.app.console
        segments: list[Segment] = []
        pad = Segment(" " * PADDING)
        for text, width in zip(cells, self._widths, strict=False):
            cell = text.copy()
            cell.end = ""
            cell.no_wrap = True
            cell.truncate(width, overflow="ellipsis", pad=True)
            segments.append(pad)
            segments.extend(cell.render(console))
            segments.append(pad)
        return Strip(segments).simplify()

    def _row_strip(self, row: int) -> Strip:
        strip = self._strips.get(row)
        if strip is None:
            strip = self._strips[row] = self._render_cells(self._cells_for(row))
        return strip

    def render_lines(self, crop: Region) -> list[Strip]:
        self._fit()
        self._base = self.rich_style  # walks every ancestor's styles: once, not per line
        try:
            return super().render_lines(crop)
        finally:
            self._base = None

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        base = self._base if self._base is not None else self.rich_style
        if y == 0:
            if self._header is None:
                self._header = self._render_cells(self._labels)
            style = base + self.get_component_rich_style("row-view--header")
            strip = self._header.apply_style(style)
        else:
            row = scroll_y + y - 1
            if row >= self._count:
                return Strip.blank(width, base)
            strip = self._row_strip(row).apply_style(base)
            if row == self.cursor:
                cursor = self.get_component_rich_style("row-view--cursor", partial=True)
                strip = Strip(Segment.apply_style(strip, post_style=cursor))
                style = base + cursor
            else:
                style = base
        return strip.crop_extend(scroll_x, scroll_x + width, style)

    def notify_style_update(self) -> None:
        """Theme or focus changed: every cached line (header and rows) takes the new styles."""
        super().notify_style_update()
        self._header = None
        self._strips.clear()
