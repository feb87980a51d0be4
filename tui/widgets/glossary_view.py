"""Every abbreviation the data uses: its expansion and where the definition comes from."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from tui.domain import Query
from tui.domain.glossary_rows import GlossaryRow, matching_rows
from tui.domain.sanitize import safe_line
from tui.widgets.highlight import cell_text
from tui.widgets.nav_table import NavTable

HEADINGS = ("Abbreviation", "Expansion", "Defined in", "In source")


class GlossaryView(Vertical):
    """The glossary as a table, filtered by the same query as the evidence tables."""

    COMPONENT_CLASSES = {"glossary-view--match"}

    def __init__(
        self,
        rows: tuple[GlossaryRow, ...],
        query: Query | None = None,
        *,
        id: str | None = None,  # noqa: A002
    ) -> None:
        super().__init__(id=id)
        self._entries = rows
        self._query = query
        self._visible = matching_rows(rows, query)
        self._shown: tuple[GlossaryRow, ...] = ()
        """The rows the table holds (behind ``_visible`` while hidden)."""
        self._stale = False
        self._widths: list[int] = []

    def compose(self) -> ComposeResult:
        yield NavTable()
        yield Static(classes="glossary-entry")
        yield Static(
            Text("Only text terms filter here · In source: no = ven-tui's own expansion"),
            classes="status",
        )

    def on_data_table_row_highlighted(self, event: NavTable.RowHighlighted) -> None:
        """Show the highlighted definition in full under the table (cells there are cut)."""
        event.stop()
        self._show_entry()

    def _show_entry(self) -> None:
        row = self.query_one(NavTable).cursor_row
        entry = self._shown[row] if 0 <= row < len(self._shown) else None
        text = Text()
        if entry is not None:
            text.append(safe_line(entry.abbr), style="bold")
            text.append(": ")
            text.append(safe_line(entry.expansion))
            text.append("\nDefined in: ", style="italic")
            text.append(safe_line(entry.source))
        self.query_one(".glossary-entry", Static).update(text)

    def on_mount(self) -> None:
        self._rebuild()

    def on_resize(self) -> None:
        if self._fit_widths() != self._widths:
            self._rebuild()

    @property
    def total(self) -> int:
        """How many definitions there are, filtered or not."""
        return len(self._entries)

    @property
    def visible_entries(self) -> tuple[GlossaryRow, ...]:
        """The definitions shown, in order."""
        return self._visible

    def apply(self, query: Query | None) -> None:
        """Show the definitions the query's text terms match; keep the cursor's entry.

        Behind another tab the table is refilled when next shown, not at every keystroke.
        """
        self._query = query
        self._visible = matching_rows(self._entries, query)
        if self.display:
            self._rebuild()
        else:
            self._stale = True

    def on_show(self) -> None:
        if self._stale:
            self._rebuild()

    def focus(self, scroll_visible: bool = True) -> GlossaryView:
        """Focus the rows now, so the next key already goes to them."""
        self.screen.set_focus(self.query_one(NavTable), scroll_visible=scroll_visible)
        return self

    def _rebuild(self) -> None:
        self._stale = False
        table = self.query_one(NavTable)
        row = table.cursor_row
        current = self._shown[row] if 0 <= row < len(self._shown) else None
        self._visible = self._shown = matching_rows(self._entries, self._query)
        terms = self._query.highlights if self._query else []
        match = self.get_component_rich_style("glossary-view--match", partial=True)
        table.clear(columns=True)
        self._widths = self._fit_widths()
        for heading, width in zip(HEADINGS, self._widths, strict=True):
            table.add_column(heading, key=heading, width=width)
        for entry in self._visible:
            cells = [
                cell_text(entry.abbr, terms, match),
                cell_text(entry.expansion, terms, match),
                cell_text(entry.source, terms, match),
                Text("yes" if entry.from_source else "no (ven-tui)"),
            ]
            for cell, width in zip(cells, self._widths, strict=True):
                cell.truncate(width, overflow="ellipsis")  # a cut cell ends in "…"
            table.add_row(*cells, key=entry.key)
        if current in self._visible:
            table.move_cursor(row=self._visible.index(current), animate=False)
        self._show_entry()

    def _fit_widths(self) -> list[int]:
        """Abbreviation and In source whole; expansion and sources share the rest 3:2."""
        abbr = max(len(HEADINGS[0]), *(len(e.abbr) for e in self._entries))
        flag = len("no (ven-tui)")
        room = max(24, (self.size.width or 120) - abbr - flag - 2 * len(HEADINGS) - 2)
        return [abbr, room * 3 // 5, room - room * 3 // 5, flag]
