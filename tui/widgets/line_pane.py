"""A scrollable view of wrapped text that repaints only the lines that changed.

Over SSH a detail pane repainted in full on every cursor move costs kilobytes per keystroke,
though two records' details mostly share their layout (headings, labels, blank lines).
``LinePane`` keeps the wrapped lines as strips, and on ``update`` compares the new ones with
those on screen and refreshes only the lines that differ.
"""

from __future__ import annotations

from rich.text import Text
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip


class LinePane(ScrollView, can_focus=True):
    """Rich ``Text`` wrapped to the pane's width, drawn with the Line API."""

    DEFAULT_CSS = """
    LinePane {
        overflow-x: hidden;
    }
    """

    def __init__(
        self,
        text: Text | None = None,
        *,
        id: str | None = None,  # noqa: A002
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._text = text if text is not None else Text()
        self._lines: list[Strip] = []
        self._wrapped_at = -1

    @property
    def content(self) -> Text:
        """The text shown (before wrapping)."""
        return self._text

    @property
    def lines(self) -> list[Strip]:
        """The wrapped lines, as drawn (for tests and the owner)."""
        return list(self._lines)

    @property
    def text_width(self) -> int:
        """Cells a line may take: the content width less room for a vertical scrollbar.

        Room is kept whether or not the scrollbar shows, so its coming and going never
        re-wraps (and so repaints) the text.
        """
        return max(0, self.size.width - self.styles.scrollbar_size_vertical)

    def update(self, text: Text) -> None:
        """Show ``text``; only the lines that differ from those shown are repainted."""
        self._text = text
        if not self.is_mounted or self.text_width <= 0:
            return
        old = self._lines
        self._lines = self._wrap(text, self.text_width)
        self.virtual_size = Size(self.text_width, len(self._lines))
        top = self.scroll_offset.y
        for y in range(self.size.height):
            index = top + y
            before = old[index] if index < len(old) else None
            after = self._lines[index] if index < len(self._lines) else None
            if before != after:
                self.refresh(Region(0, y, self.size.width, 1))

    def on_resize(self) -> None:
        """A new width re-wraps everything (a repaint is due anyway)."""
        if self.text_width != self._wrapped_at and self.text_width > 0:
            self._lines = self._wrap(self._text, self.text_width)
            self.virtual_size = Size(self.text_width, len(self._lines))
            self.refresh()

    def _wrap(self, text: Text, width: int) -> list[Strip]:
        self._wrapped_at = width
        console = self.app.console
        lines = text.wrap(console, width, justify="left", overflow="fold")
        strips = []
        for line in lines:
            line.end = ""
            line.rstrip()
            strips.append(Strip(line.render(console), line.cell_len).simplify())
        return strips

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        index = scroll_y + y
        style = self.rich_style
        if index >= len(self._lines):
            return Strip.blank(width, style)
        return self._lines[index].apply_style(style).crop_extend(scroll_x, scroll_x + width, style)

    def notify_style_update(self) -> None:
        """A new theme may change how the text's styles render: repaint everything."""
        super().notify_style_update()
        self.refresh()
