"""The filter: one query, in the domain's language, applied to every tab as you type."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.widgets import Input, Label

from tui.domain.registry import RegistryCache
from tui.domain.sanitize import is_safe, safe_line

if TYPE_CHECKING:  # the parser is imported at the first keystroke (or by the warm-up)
    from tui.domain.query import Query, QueryError

NO_REGISTRY_NOTE = (
    "No registry data yet: status:, country: and age:N match nothing until R syncs it"
)
PLACEHOLDER = 'filter: words, "a phrase", -exclude, pop:aya, cr>=60, n>=10'


class _QueryInput(Input):
    """An Input whose pastes are sanitised whole, as typed text is.

    Textual's Input keeps only the text before a paste's first line break (CR included)
    and the filter then rewrote the whole value, moving the cursor: a bracketed paste
    with ESC, CR or an RLO came out scrambled. The paste is made one safe line first.
    """

    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)
    """Input sets this to the text's width at every change, and Textual's own reactive then
    lays out the whole screen: at 10,000 rows that was half the work of a keystroke. The box
    is one line whatever the text, and the scroll limits are read from this value as it is,
    so a change only repaints the input."""

    def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # Input's own handler would insert the first line again
        event.stop()
        text = safe_line(event.text)
        if not text:
            return
        if self.selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *self.selection)


class FilterBar(Vertical):
    """An input for the query, and a line under it that explains a malformed query."""

    @dataclass
    class Changed(Message):
        """A new, well-formed query (possibly empty) should be applied."""

        query: Query

    @dataclass
    class Explained(Message):
        """What to say about the text typed (why it is not applied, or a note); None: nothing.

        The bar has no line of its own for it: one appearing under the filter would move the
        whole screen down a line, and back, as a query is typed (and redraw all of it).
        """

        explanation: Text | None

    def __init__(
        self,
        columns: Sequence[str],
        *,
        registry: RegistryCache | None = None,
        id: str | None = None,  # noqa: A002
    ) -> None:
        super().__init__(id=id)
        self._columns = list(columns)
        self.registry = registry
        """The registry cache that ``status:``, ``country:`` and ``age:N`` ask, if any."""
        self.query_value: Query | None = None
        """The query last applied; None before the first keystroke."""
        self.error: QueryError | None = None
        self.explanation: Text | None = None
        """What the bar last said about the text typed (``Explained``)."""

    def compose(self) -> ComposeResult:
        with Horizontal(classes="filter-row"):
            yield Label("/", classes="filter-prompt")
            yield _QueryInput(placeholder=PLACEHOLDER, select_on_focus=False)

    @property
    def text(self) -> str:
        """The text typed so far."""
        return self.query_one(Input).value

    def focus(self, scroll_visible: bool = True) -> FilterBar:
        """Focus the input now, so keys typed right after ``/`` land in it.

        A query in force is selected, so what is typed next replaces it rather than append.
        """
        field = self.query_one(Input)
        self.screen.set_focus(field, scroll_visible=scroll_visible)
        if field.value:
            field.select_all()
        return self

    def set_registry(self, registry: RegistryCache | None) -> None:
        """A new registry cache (a sync): a query in force is applied again against it."""
        self.registry, self.query_value = registry, None
        self._typed(Input.Changed(self.query_one(Input), self.text))

    def set_text(self, text: str) -> None:
        """Replace the query text, as if typed (the change is applied)."""
        self.query_one(Input).value = text

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        from tui.domain.query import QueryError, parse_query

        if not is_safe(event.value) or "\n" in event.value:
            # A paste can carry escape sequences: show (and query) them as visible stand-ins.
            event.input.value = safe_line(event.value)
            return
        try:
            cached = self.registry.records if self.registry is not None else None
            query = parse_query(event.value, self._columns, cached)
        except QueryError as error:
            self._show_error(error)
            return
        note = None
        if self.registry is None and query.registry_terms():
            note = Text(NO_REGISTRY_NOTE, style="italic")
        self._show_error(None, otherwise=note)
        if query != self.query_value:
            self.query_value = query
            self.post_message(self.Changed(query))

    def _show_error(self, error: QueryError | None, otherwise: Text | None = None) -> None:
        """Explain ``error``; without one, say ``otherwise`` (a note) or nothing."""
        self.error = error
        self.set_class(error is not None, "-invalid")
        if error is None:
            self._explain(otherwise)
            return
        line = Text("✗ ", style="bold")
        line.append(safe_line(str(error)))
        line.append(" · last good filter kept", style="italic")
        self._explain(line)

    def _explain(self, explanation: Text | None) -> None:
        if explanation != self.explanation:
            self.explanation = explanation
            self.post_message(self.Explained(explanation))
