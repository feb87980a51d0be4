"""One line of text whose updates repaint it alone.

``Static.update`` asks for a layout of the whole screen, since new content may change its
size; a status line under every table, updated at each filter keystroke, cost a full layout
(about 18 ms at 10,000 rows) per key. This line has a fixed height of one, so a new text
only needs a repaint, and the same text needs nothing.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget


class StatusLine(Widget):
    """A single line of ``Text``; ``show`` replaces it and repaints only if it changed."""

    DEFAULT_CSS = """
    StatusLine {
        height: 1;
    }
    """

    def __init__(self, text: Text | str = "", *, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self._text = Text(text) if isinstance(text, str) else text

    @property
    def content(self) -> Text:
        """The text shown (named as ``Static.content`` is)."""
        return self._text

    def show(self, text: Text | str) -> None:
        new = Text(text) if isinstance(text, str) else text
        if new != self._text:
            self._text = new
            self.refresh()

    def render(self) -> Text:
        return self._text
