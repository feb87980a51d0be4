"""The facet panel: counts per population facet value for the current filter; Enter toggles.

Like ClinicalTrials.gov's filter sidebar or VisiData's frequency sheet, but it holds no
selection of its own: it posts ``FacetPanel.Toggled`` with the term, the screen rewrites the
filter text (``tui.domain.facet_counts.toggle_facet``) and hands back fresh ``counts``. So the
filter text always says what is applied, and the ticks are read from it.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.domain.facet_counts import FacetCount
from tui.domain.facets import FACET_TITLES

TICK, NO_TICK = "[x]", "[ ]"


class FacetPanel(OptionList):
    """A keyboard list of facet values with counts; Enter or space toggles the highlighted one."""

    BINDINGS = [
        Binding("down,j", "cursor_down", "Next value", show=False),
        Binding("up,k", "cursor_up", "Previous value", show=False),
        Binding("space", "select", "Toggle", show=False),
    ]

    counts: reactive[tuple[FacetCount, ...]] = reactive((), always_update=True)
    """Set by the owner after every filter change; the panel only shows it."""

    class Toggled(Message):
        """The user asked to add or remove ``term`` (``ph:pos``) in the filter."""

        def __init__(self, term: str) -> None:
            super().__init__()
            self.term = term

    def __init__(
        self,
        counts: Sequence[FacetCount] = (),
        *,
        id: str | None = None,  # noqa: A002
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.set_reactive(FacetPanel.counts, tuple(counts))

    def on_mount(self) -> None:
        self._rebuild(self.counts)

    def watch_counts(self, counts: tuple[FacetCount, ...]) -> None:
        self._rebuild(counts)

    def _rebuild(self, counts: tuple[FacetCount, ...]) -> None:
        """Re-list the values, keeping the highlight on the same term where it still is."""
        kept = self.highlighted_option.id if self.highlighted_option is not None else None
        options: list[Option] = []
        width = max((len(str(c.count)) for c in counts), default=1)
        key = None
        for count in counts:
            if count.key != key:
                key = count.key
                options.append(Option(Text(FACET_TITLES[key], style="bold"), disabled=True))
            options.append(Option(self._line(count, width), id=count.term))
        self.set_options(options)
        ids = [option.id for option in options if option.id]
        if kept in ids:
            self.highlighted = self.get_option_index(kept)
        elif ids:
            self.highlighted = self.get_option_index(ids[0])

    @staticmethod
    def _line(count: FacetCount, width: int) -> Text:
        tick = TICK if count.applied else NO_TICK
        # The count before the label: a narrow panel may wrap a long label, never the count.
        line = Text(f"{tick} {count.count:>{width}} {count.label}")
        if count.count == 0 and not count.applied:
            line.stylize("dim")
        return line

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Toggled(event.option.id))
