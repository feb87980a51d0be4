"""A row-cursor DataTable with the app's movement keys (vi-style j/k, g/G, Home/End)."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import DataTable


class NavTable(DataTable[object]):
    """DataTable whose Home/End (and g/G) go to the first/last row, not the first column."""

    BINDINGS = [
        Binding("down,j", "cursor_down", "Next row", show=False),
        Binding("up,k", "cursor_up", "Previous row", show=False),
        Binding("g,home", "scroll_top", "First row", show=False),
        Binding("G,end", "scroll_bottom", "Last row", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:  # noqa: A002
        super().__init__(cursor_type="row", id=id, classes=classes)

    def on_resize(self) -> None:
        """Shorter now (a line below grew): keep the cursor row in view, as after a move."""
        if self.row_count:
            self.move_cursor(row=self.cursor_row, animate=False, scroll=True)
