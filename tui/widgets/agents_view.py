"""Agents named in, or expanded from, each row's regimen text: class and rows, as a table.

Enter on an agent posts ``AgentsView.AgentChosen`` with the keys of the rows using it, so
the screen can restrict the evidence tables by key: acronym-expanded agents (cytarabine
inside mini-hyper-CVD) are found even where no cell names them.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import DataTable, Static

from tui.domain import Evidence, Record
from tui.domain.agents import AgentEntry, agent_index, regimen_text, rows_without_venetoclax
from tui.domain.drug_classes import SUPPLEMENTARY_REGIMENS
from tui.domain.sanitize import safe_line
from tui.widgets.nav_table import NavTable

CLASS_MARK = "†"
SUPPLEMENT_MARK = "‡"
NO_VENETOCLAX_MARK = "§"
CHOSEN = "●"
_EXPANDED = "/".join(label for label, _ in SUPPLEMENTARY_REGIMENS.values())
HEADING = "Agents named in, or expanded from, each row's regimen text · ven-tui's index"
"""Venetoclax itself is left out of the index: every row is about it."""
LEGEND = (
    f"{CLASS_MARK} class: ven-tui's own · {SUPPLEMENT_MARK} only via ven-tui's {_EXPANDED} "
    f"expansion · {NO_VENETOCLAX_MARK} names no venetoclax · (supportive): no combination "
    "partner · Enter: its rows"
)
CLASS_WIDTH = 40
FLAGGED_SHOWN = 3
MUTED = Style(italic=True)

_INDEX_CACHE: dict[int, tuple[weakref.ref[Evidence], tuple[AgentEntry, ...]]] = {}


def cached_agent_index(evidence: Evidence) -> tuple[AgentEntry, ...]:
    """``agent_index(evidence)``, computed once per Evidence object (it reads every row)."""
    key = id(evidence)
    hit = _INDEX_CACHE.get(key)
    if hit is not None and hit[0]() is evidence:
        return hit[1]
    entries = tuple(agent_index(evidence))
    _INDEX_CACHE[key] = (weakref.ref(evidence, lambda _ref: _INDEX_CACHE.pop(key, None)), entries)
    return entries


def row_label(record: Record) -> str:
    """How a row is named in the agent's summary: ``[23]``, an NCT ID, or its number."""
    if record.reference is not None:
        return f"[{record.reference}]"
    return record.nct_id or f"row {record.index + 1}"


class AgentsView(Vertical):
    """The agents index; the screen reacts to ``AgentChosen`` and ``AgentCleared``."""

    BINDINGS = [
        Binding("enter", "choose", "Show rows", tooltip="Show the rows using the agent"),
        Binding("backspace,delete", "clear", "All rows", tooltip="Stop filtering by agent"),
    ]

    @dataclass
    class AgentChosen(Message):
        """Show only the rows using ``agent``: ``keys`` are their record keys."""

        agent: str
        keys: frozenset[str]

    @dataclass
    class AgentCleared(Message):
        """Stop restricting the tables to one agent's rows."""

    chosen: reactive[str | None] = reactive(None, init=False)
    """The agent whose rows the tables show, marked ●: set by the screen from its state."""

    def __init__(
        self,
        evidence: Evidence,
        table_titles: Mapping[str, str] | None = None,
        *,
        id: str | None = None,  # noqa: A002
    ) -> None:
        super().__init__(id=id)
        self.evidence = evidence
        self.table_ids = list(evidence.table_ids)
        titles = dict(table_titles or {})
        self.titles = {t: titles.get(t) or evidence.table(t).label for t in self.table_ids}
        self._filled = False

    @cached_property
    def entries(self) -> tuple[AgentEntry, ...]:
        """The index, built on first use: it reads every row, too slow for start-up at 10k."""
        return cached_agent_index(self.evidence)

    @cached_property
    def _labels(self) -> dict[str, str]:
        return {
            record.key: row_label(record)
            for records in self.evidence.records.values()
            for record in records
        }

    DEFAULT_CSS = """
    AgentsView .agents-heading {
        height: auto;
        padding: 0 1;
        text-style: bold;
    }
    AgentsView .agents-flagged {
        height: auto;
        max-height: 3;
        padding: 0 1;
        color: $warning;
    }
    """

    @cached_property
    def _no_venetoclax(self) -> tuple[Record, ...]:
        """The rows whose regimen text names no venetoclax (read once: it scans every row)."""
        return tuple(rows_without_venetoclax(self.evidence))

    @cached_property
    def _without_venetoclax(self) -> frozenset[str]:
        return frozenset(record.key for record in self._no_venetoclax)

    def flagged_text(self) -> Text:
        """The rows whose regimen text names no venetoclax, each with that text as printed.

        At most ``FLAGGED_SHOWN`` are spelt out; the rest are counted (a large dataset may
        have thousands, and the line has three rows of room).
        """
        records = self._no_venetoclax
        out = Text(end="")
        if not records:
            return out
        out.append(f"{NO_VENETOCLAX_MARK} Regimen text names no venetoclax: ")
        parts = []
        for record in records[:FLAGGED_SHOWN]:
            table = self.evidence.table(record.table_id)
            title = self.titles.get(record.table_id, record.table_id)
            printed = safe_line(regimen_text(table, record))
            parts.append(f"{title} {row_label(record)} (\u201c{printed}\u201d)")
        if len(records) > FLAGGED_SHOWN:
            parts.append(
                f"and {len(records) - FLAGGED_SHOWN} more rows, marked {NO_VENETOCLAX_MARK}"
            )
        out.append(safe_line("; ".join(parts)))
        out.append("; agents listed as printed.", style=MUTED)
        return out

    def compose(self) -> ComposeResult:
        yield Static(Text(HEADING), classes="agents-heading")
        yield Static(classes="agents-flagged")
        yield NavTable()
        yield Static(classes="agent-summary")
        yield Static(Text(LEGEND, style=MUTED), classes="status")

    def on_mount(self) -> None:
        # After the first refresh: by then a tab switcher has hidden this pane, if it does.
        self.call_after_refresh(self._fill_if_shown)

    def on_show(self) -> None:
        self._fill_if_shown()

    def _fill_if_shown(self) -> None:
        """Fill the table the first time it is seen (building the index reads every row)."""
        if self._filled or not self.display:
            return
        self._filled = True
        flagged = self.flagged_text()
        self.query_one(".agents-flagged", Static).update(flagged)
        self.query_one(".agents-flagged", Static).display = bool(flagged.plain)
        table = self.query_one(NavTable)
        table.add_column(" ", key="chosen", width=1)
        table.add_column("Agent", key="agent")
        table.add_column("Rows", key="rows")
        for table_id in self.table_ids:
            table.add_column(safe_line(self.titles[table_id]), key=f"count-{table_id}")
        table.add_column(f"Class {CLASS_MARK}", key="class", width=CLASS_WIDTH)
        table.add_column("Via (acronym expanded)", key="via")
        for entry in self.entries:
            table.add_row(*self._cells(entry), key=entry.name)
        self._summarise()

    # -- public API ------------------------------------------------------------------

    @property
    def highlighted(self) -> AgentEntry | None:
        """The agent under the cursor."""
        row = self.query_one(NavTable).cursor_row
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def entry(self, agent: str) -> AgentEntry | None:
        """The index entry of ``agent`` (any case), if it is in the index."""
        wanted = agent.casefold()
        return next((e for e in self.entries if e.name.casefold() == wanted), None)

    def focus(self, scroll_visible: bool = True) -> AgentsView:
        """Focus the rows now (filled now if still empty), so the next key already moves them."""
        self._fill_if_shown()
        self.screen.set_focus(self.query_one(NavTable), scroll_visible=scroll_visible)
        return self

    # -- actions and events ----------------------------------------------------------

    def action_choose(self) -> None:
        """Ask for the highlighted agent's rows; asked again, the screen shows every row."""
        entry = self.highlighted
        if entry is None:
            return
        # The screen decides: the agent in force chosen again lifts the restriction.
        self.post_message(self.AgentChosen(entry.name, frozenset(entry.rows)))

    def action_clear(self) -> None:
        """Ask for every row again; the screen sets ``chosen`` from the state it then has."""
        if self.chosen is not None:
            self.post_message(self.AgentCleared())

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_choose()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._summarise()

    def watch_chosen(self, old: str | None, new: str | None) -> None:
        if not self.is_mounted or not self._filled:
            return
        table = self.query_one(NavTable)
        for name in (old, new):
            if name is not None and self.entry(name) is not None:
                mark = Text(CHOSEN if name == new else " ")
                table.update_cell(name, "chosen", mark)

    # -- internals -------------------------------------------------------------------

    def _cells(self, entry: AgentEntry) -> list[Text]:
        name = Text(safe_line(entry.name), style="bold")
        if not entry.named_in_source:
            name.append(f" {SUPPLEMENT_MARK}")
        if entry.role:
            name.append(" (supportive)", style="italic")
        mark = "" if entry.class_from_source else f" {CLASS_MARK}"
        drug_class = Text(safe_line(entry.drug_class))
        if mark and drug_class.cell_len + len(mark) > CLASS_WIDTH:
            drug_class.truncate(CLASS_WIDTH - len(mark), overflow="ellipsis")
        drug_class.append(mark)
        counts = [
            Text(str(count), justify="right", style="" if count else "dim")
            for count in (entry.counts.get(t, 0) for t in self.table_ids)
        ]
        return [
            Text(CHOSEN if entry.name == self.chosen else " "),
            name,
            Text(str(entry.total), justify="right"),
            *counts,
            drug_class,
            Text(safe_line("; ".join(entry.via))),
        ]

    def _row_mark(self, entry: AgentEntry, key: str) -> str:
        """A row's label in the summary, marked ‡ where only ven-tui's expansion gives the
        agent and § where the row's regimen text names no venetoclax."""
        label = self._labels.get(key, key)
        if key in entry.supplement_rows:
            label += SUPPLEMENT_MARK
        if key in self._without_venetoclax:
            label += NO_VENETOCLAX_MARK
        return label

    def _summarise(self) -> None:
        """Under the table: where the highlighted agent is used, and its note if any."""
        entry = self.highlighted
        summary = Text(end="")
        if entry is not None:
            summary.append(safe_line(entry.name), style="bold")
            summary.append(": ")
            groups = []
            for table_id in self.table_ids:
                prefix = f"{table_id}:"
                labels = [self._row_mark(entry, k) for k in entry.rows if k.startswith(prefix)]
                if labels:
                    groups.append(f"{self.titles[table_id]} {' '.join(labels)}")
            summary.append(safe_line("; ".join(groups)))
            if entry.note:
                summary.append(" \u2014 ")
                summary.append(safe_line(entry.note), style=MUTED)
        self.query_one(".agent-summary", Static).update(summary)
