"""A scrollable view of wrapped text that repaints only the lines that changed.

Over SSH a detail pane repainted in full on every cursor move costs kilobytes per keystroke,
though two records' details share much of their layout (headings, labels, blank lines).
``LinePane`` keeps the wrapped lines as strips, and on ``update`` compares the new ones with
those on screen and refreshes only the lines that differ.

Within a line that changed, only the cells from the first to the last that differ are
refreshed (Textual 8 writes such a line from the pane's left edge up to the last of them:
an unchanged tail stays on screen), and runs of spaces take the style of the text before
them where that looks the same (a colour or bold on a space shows nothing), so fewer style
changes are written.

Text given as named sections (``update_sections``) is laid out a blank line apart, and a
section that would start a line or two above where the same section started before is moved
down to that line: the headings, labels and blank lines around it then stay put, and are not
written again. A line kept is worth its text and a style change, some 35 bytes and more.

Instead of Textual's scrollbar, which is repainted whole, every line of it, whenever the
text's length changes, the last column shows ▲ on the first line when there is more above
and ▼ on the last when there is more below, in the text's own style.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.widgets.quiet_resize import set_virtual_size

MORE_ABOVE, MORE_BELOW, NONE = "▲", "▼", " "
_BLANK = (" ", None)
MAX_GAP = 2
"""Blank lines a section may be moved down by to start where it started before."""


def _cells(strip: Strip | None) -> list[tuple[str, Style | None]] | None:
    """One (character, style) per cell; None where a character is not one cell wide."""
    if strip is None:
        return []
    cells: list[tuple[str, Style | None]] = []
    for text, style, control in strip:
        if control or len(text) != Segment(text).cell_length:
            return None
        cells.extend((char, style) for char in text)
    return cells


def changed_span(before: Strip | None, after: Strip | None) -> tuple[int, int] | None:
    """The cells ``[start, end)`` where two lines differ (beyond its end a line is blank),
    or None when they are the same. Lines with wide characters differ over their reach."""
    old, new = _cells(before), _cells(after)
    if old is None or new is None:
        reach = max(before.cell_length if before else 0, after.cell_length if after else 0)
        return (0, reach) if before != after else None
    length = max(len(old), len(new))
    old += [_BLANK] * (length - len(old))
    new += [_BLANK] * (length - len(new))
    start = 0
    while start < length and old[start] == new[start]:
        start += 1
    if start == length:
        return None
    end = length
    while old[end - 1] == new[end - 1]:
        end -= 1
    return start, end


def _shows_on_spaces(style: Style | None) -> tuple[object, ...]:
    """What of a style a run of spaces shows: background, lines, reversal, links."""
    if style is None:
        return ()
    return (
        style.bgcolor,
        style.reverse,
        style.underline,
        style.underline2,
        style.strike,
        style.overline,
        style.frame,
        style.encircle,
        style.link,
        style.meta,
    )


def merge_spaces(segments: list[Segment]) -> list[Segment]:
    """Spaces take the style of the text before them where that renders the same, so the
    line changes style less often (``Strip.simplify`` then joins them)."""
    merged: list[Segment] = []
    for segment in segments:
        text, style, control = segment
        if merged and not control and text and not text.strip(" ") and style is not None:
            before = merged[-1].style
            if (
                before is not None
                and not merged[-1].control
                and not style.reverse
                and not before.reverse
                and _shows_on_spaces(style) == _shows_on_spaces(before)
            ):
                segment = Segment(text, before)
        merged.append(segment)
    return merged


def scroll_marks(top: int, view: int, total: int) -> dict[int, str]:
    """The marks of a ``view``-row window on lines ``top``.. of ``total``, by row."""
    marks = {}
    if view > 0 and top > 0:
        marks[0] = MORE_ABOVE
    if view > 0 and top + view < total:
        marks[view - 1] = MORE_BELOW
    return marks


def join_sections(sections: Sequence[tuple[str, Text]]) -> Text:
    """Named sections' texts as one text, a blank line apart (as ``place_sections`` lays
    them out when no section moves)."""
    return Text("\n\n", end="").join(text for _, text in sections)


def place_sections(
    sections: Sequence[tuple[str, list[Strip]]],
    before: Mapping[str, int],
    max_gap: int = MAX_GAP,
) -> tuple[list[Strip], dict[str, int]]:
    """Sections' lines a blank line apart, each moved down by up to ``max_gap`` blank lines
    to start on the line it started on ``before`` (by name); also where each starts now."""
    lines: list[Strip] = []
    starts: dict[str, int] = {}
    for number, (name, strips) in enumerate(sections):
        gap = 1 if number else 0
        wanted = before.get(name, 0) - len(lines) - gap
        gap += wanted if 0 < wanted <= max_gap else 0
        lines.extend(Strip([]) for _ in range(gap))
        starts[name] = len(lines)
        lines.extend(strips)
    return lines, starts


class LinePane(ScrollView, can_focus=True):
    """Rich ``Text`` wrapped to the pane's width, drawn with the Line API."""

    DEFAULT_CSS = """
    LinePane {
        overflow-x: hidden;
        /* always "shown" and 0 wide: the text's length never changes the layout */
        overflow-y: scroll;
        scrollbar-size-vertical: 0;
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
        self._sections: list[tuple[str, Text]] | None = None
        self._starts: dict[str, int] = {}
        """Where each named section starts in ``_lines``."""
        self._lines: list[Strip] = []
        self._wrapped_at = -1
        self._pass: tuple[Style, dict[int, str]] | None = None
        """The style and scroll marks while ``render_lines`` draws."""

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
        """Cells a line of text may take: the width less the column of the ▲/▼ marks."""
        return max(0, self.size.width - 1)

    def update(self, text: Text) -> None:
        """Show ``text``; only the lines that differ from those shown are repainted."""
        self._sections = None
        self._repaint(text)

    def update_sections(self, sections: Sequence[tuple[str, Text]]) -> None:
        """Show named sections a blank line apart, each where it was if a small gap allows;
        only the lines that differ from those shown are repainted."""
        self._sections = list(sections)
        self._repaint(join_sections(self._sections))

    def _repaint(self, text: Text) -> None:
        self._text = text
        if not self.is_mounted or self.text_width <= 0:
            self._wrapped_at = 0  # hidden: wrap this text when shown, whatever the width then
            return
        old, old_marks = self._lines, self._marks()
        self._lines = self._layout(self.text_width)
        self._resize_virtual()
        new_marks = self._marks()
        top = self.scroll_offset.y
        for y in range(self.size.height):
            index = top + y
            before = old[index] if index < len(old) else None
            after = self._lines[index] if index < len(self._lines) else None
            if old_marks.get(y) != new_marks.get(y):
                self.refresh(Region(self.size.width - 1, y, 1, 1))
            if before != after and (span := changed_span(before, after)) is not None:
                # From the first cell that differs to the last: the rest is as it was.
                start, end = span
                self.refresh(Region(start, y, end - start, 1))

    def _resize_virtual(self) -> None:
        """The scrollable size: the wrapped lines (see quiet_resize)."""
        set_virtual_size(self, Size(self.text_width, len(self._lines)))

    def on_resize(self) -> None:
        """A new width re-wraps everything (a repaint is due anyway)."""
        if self.text_width != self._wrapped_at and self.text_width > 0:
            self._starts = {}  # lines of another width: nothing to keep in place
            self._lines = self._layout(self.text_width)
            self._resize_virtual()
            self.refresh()

    def _layout(self, width: int) -> list[Strip]:
        """The text's lines at ``width``; named sections kept where they were if they can."""
        self._wrapped_at = width
        if self._sections is None:
            self._starts = {}
            return self._wrap(self._text, width)
        wrapped = [(name, self._wrap(text, width)) for name, text in self._sections]
        lines, self._starts = place_sections(wrapped, self._starts)
        return lines

    def _wrap(self, text: Text, width: int) -> list[Strip]:
        console = self.app.console
        lines = text.wrap(console, width, justify="left", overflow="fold")
        strips = []
        for line in lines:
            line.end = ""
            line.rstrip()
            segments = merge_spaces(list(line.render(console)))
            strips.append(Strip(segments, line.cell_len).simplify())
        return strips

    def _marks(self) -> dict[int, str]:
        return scroll_marks(self.scroll_offset.y, self.size.height, len(self._lines))

    def render_lines(self, crop: Region) -> list[Strip]:
        # The style walks every ancestor's styles and the marks depend only on the scroll:
        # both once per pass, not once per line.
        self._pass = (self.rich_style, self._marks())
        try:
            return super().render_lines(crop)
        finally:
            self._pass = None

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.text_width
        index = scroll_y + y
        style, marks = self._pass if self._pass is not None else (self.rich_style, self._marks())
        if index < len(self._lines):
            line = self._lines[index].apply_style(style)
            line = line.crop_extend(scroll_x, scroll_x + width, style)
        else:
            line = Strip.blank(width, style)
        mark = Segment(marks.get(y, NONE), style)
        # One strip, simplified: the padding and the track join a last segment of their style.
        return Strip([*line, mark], width + 1).simplify()

    def notify_style_update(self) -> None:
        """A new theme may change how the text's styles render: repaint everything."""
        super().notify_style_update()
        self.refresh()
