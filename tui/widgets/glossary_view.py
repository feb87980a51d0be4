"""Every abbreviation the data uses: its expansion and where the definition comes from."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from tui.domain import Query
from tui.domain.glossary import Glossary
from tui.domain.query import TextTerm
from tui.widgets.highlight import cell_text
from tui.widgets.nav_table import NavTable

HEADINGS = ("Abbreviation", "Expansion", "Defined in", "In source")


@dataclass(frozen=True)
class Entry:
    """One definition as a glossary row."""

    key: str
    abbr: str
    expansion: str
    source: str
    from_source: bool

    def matches(self, query: Query | None) -> bool:
        """The query's text terms, against this row's text; comparisons do not apply here."""
        if not query:
            return True
        haystack = f"{self.abbr}\n{self.expansion}\n{self.source}".casefold()
        return all(
            (term.text in haystack) != term.negated
            for term in query.terms
            if isinstance(term, TextTerm)
        )


def glossary_entries(glossary: Glossary) -> tuple[Entry, ...]:
    """Every definition, by abbreviation, then in the order the glossary gives."""
    return tuple(
        Entry(f"{d.abbr}|{d.source}", d.abbr, d.expansion, d.source, d.from_source)
        for group in glossary.definitions()
        for d in group
    )


class GlossaryView(Vertical):
    """The glossary as a table, filtered by the same query as the evidence tables."""

    COMPONENT_CLASSES = {"glossary-view--match"}

    def __init__(self, glossary: Glossary, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self._entries = glossary_entries(glossary)
        self._query: Query | None = None
        self._visible: tuple[Entry, ...] = self._entries

    def compose(self) -> ComposeResult:
        yield NavTable()
        yield Static(
            Text(
                "Comparisons (cr>=60, n>=10) do not apply to the glossary; "
                "'In source: no' marks ven-tui's own expansions.",
                style="italic",
            ),
            classes="status",
        )

    def on_mount(self) -> None:
        table = self.query_one(NavTable)
        for heading in HEADINGS:
            table.add_column(heading, key=heading)
        self._rebuild()

    @property
    def total(self) -> int:
        """How many definitions there are, filtered or not."""
        return len(self._entries)

    @property
    def visible_entries(self) -> tuple[Entry, ...]:
        """The definitions shown, in order."""
        return self._visible

    def apply(self, query: Query | None) -> None:
        """Show the definitions the query's text terms match; keep the cursor's entry."""
        self._query = query
        self._rebuild()

    def focus(self, scroll_visible: bool = True) -> GlossaryView:
        """Focus the rows now, so the next key already goes to them."""
        self.screen.set_focus(self.query_one(NavTable), scroll_visible=scroll_visible)
        return self

    def _rebuild(self) -> None:
        table = self.query_one(NavTable)
        current = self._visible[table.cursor_row] if self._visible else None
        self._visible = tuple(entry for entry in self._entries if entry.matches(self._query))
        terms = self._query.highlights if self._query else []
        match = self.get_component_rich_style("glossary-view--match", partial=True)
        table.clear()
        for entry in self._visible:
            table.add_row(
                cell_text(entry.abbr, terms, match),
                cell_text(entry.expansion, terms, match),
                cell_text(entry.source, terms, match),
                Text("yes" if entry.from_source else "no (ven-tui)"),
                key=entry.key,
            )
        if current in self._visible:
            table.move_cursor(row=self._visible.index(current), animate=False)
