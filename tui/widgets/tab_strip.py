"""The row of tab names: one line, one widget, the active tab shown; a click chooses a tab.

Textual's ``Tabs`` builds a dozen widgets (one per tab, a scroller, an underline), and every
widget is styled and laid out before the browser's first frame. Here the labels are one line
of text drawn by one widget; the digit keys stay the main way to switch.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

PAD = 1
"""Blank cells each side of a label."""


def label_width(label: Text) -> int:
    """Cells a label takes in the strip, padding included."""
    return cell_len(label.plain) + 2 * PAD


def strip_offset(widths: Sequence[int], active: int, room: int) -> int:
    """How many cells to skip on the left so the active label fits in ``room`` cells."""
    if not widths or room <= 0 or sum(widths) <= room:
        return 0
    start = sum(widths[:active])
    end = start + widths[active]
    return max(0, min(start, end - room))


class TabStrip(Widget):
    """Tab names on one line; the screen sets the labels (safe text) and ``active``.

    A click on a name posts ``Chosen``; the screen decides what showing a tab means.
    """

    DEFAULT_CSS = """
    TabStrip {
        height: 1;
        width: 1fr;
        background: $panel;
        color: $text-muted;
    }
    TabStrip > .tab-strip--active {
        color: $text;
        background: $primary-muted;
        text-style: bold underline;
    }
    TabStrip.-notice {
        color: $text-error;
        background: $error-muted;
    }
    """
    COMPONENT_CLASSES = {"tab-strip--active"}

    active: reactive[int] = reactive(0)
    notice: reactive[Text | None] = reactive(None)
    """A line shown instead of the names, such as why the filter typed is not applied; the
    strip keeps its one line, so showing it moves nothing else on the screen."""

    @dataclass
    class Chosen(Message):
        """The tab at ``index`` was clicked."""

        index: int

    def __init__(self, labels: Sequence[Text], *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self._labels = list(labels)

    @property
    def labels(self) -> list[Text]:
        """The labels shown, in tab order."""
        return list(self._labels)

    def set_labels(self, labels: Sequence[Text]) -> None:
        """Show new labels (counts under a filter, shorter names when narrow)."""
        if list(labels) != self._labels:
            self._labels = list(labels)
            self.refresh()

    def span(self, index: int) -> tuple[int, int]:
        """The cells (start, end) of tab ``index`` on screen, as drawn now."""
        widths = [label_width(label) for label in self._labels]
        start = sum(widths[:index]) - strip_offset(widths, self.active, self.size.width)
        return start, start + widths[index]

    def watch_notice(self, notice: Text | None) -> None:
        self.set_class(notice is not None, "-notice")

    def render(self) -> Text:
        if self.notice is not None:  # one line, cut with an ellipsis (the line's own setting)
            return Text.assemble(" " * PAD, self.notice, no_wrap=True, overflow="ellipsis", end="")
        active_style = self.get_component_rich_style("tab-strip--active", partial=True)
        line = Text(no_wrap=True, overflow="crop", end="")
        for index, label in enumerate(self._labels):
            cell = Text.assemble(" " * PAD, label, " " * PAD)
            if index == self.active:
                cell.stylize(active_style)
            line.append_text(cell)
        widths = [label_width(label) for label in self._labels]
        skip = strip_offset(widths, self.active, self.size.width)
        return line[skip:] if skip else line

    def on_click(self, event: events.Click) -> None:
        event.stop()
        if self.notice is not None:
            return
        for index in range(len(self._labels)):
            start, end = self.span(index)
            if start <= event.x < end:
                self.post_message(self.Chosen(index))
                return
