"""What the browser shows, owned once: tabs, query, restriction, marks, sorts, highlights.

The screen keeps one ``BrowserState`` and replaces it on every event; each transition
returns a new state, and the questions the widgets ask (which rows, which detail, what
``c`` copies, where ``x`` goes) are pure methods of it. Keeping the pieces apart in widgets
let the detail pane show one trial while ``c`` copied another; here they cannot disagree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from tui.domain.evidence import Evidence
from tui.domain.query import Query
from tui.domain.records import Record
from tui.domain.table_columns import Column, columns_for, sort_records

GLOSSARY, ABOUT, COMPARE, AGENTS = "glossary", "about", "compare", "agents"
FIND, OUTCOMES = "find", "outcomes"
REGISTRY = "registry"
TABLE_TITLES: Mapping[str, str] = {
    "published": "Published studies",
    "phase1": "Phase I trials",
    "phase2": "Phase II trials",
}
SHORT_TITLES: Mapping[str, str] = {
    "published": "Published",
    "phase1": "Phase I",
    "phase2": "Phase II",
    ABOUT: "About",
    FIND: "Find",
    REGISTRY: "Registry",
}
EXTRA_TABS: tuple[tuple[str, str], ...] = (
    (GLOSSARY, "Glossary"),
    (ABOUT, "About/Source"),
    (COMPARE, "Compare"),
    (AGENTS, "Agents"),
    (FIND, "Find (all tables)"),
    (OUTCOMES, "Outcomes"),
    (REGISTRY, "Registry (not in the review)"),
)
"""The tabs after the tables, in order: adding a tab is one entry here (and a pane factory)."""


@dataclass(frozen=True, slots=True)
class Tab:
    """One tab: its name (pane id), its title, its digit key ("" past 9), whether a table."""

    name: str
    title: str
    key: str
    is_table: bool

    @property
    def short_title(self) -> str:
        return SHORT_TITLES.get(self.name, self.title)


def tab_registry(
    evidence: Evidence, extra: Sequence[tuple[str, str]] = EXTRA_TABS
) -> tuple[Tab, ...]:
    """Each table in file order, then the extra tabs; digits 1-9 in that order."""
    named = [
        (table.id, TABLE_TITLES.get(table.id, table.label), True)
        for table in evidence.dataset.tables
    ]
    named += [(name, title, False) for name, title in extra]
    return tuple(
        Tab(name, title, str(number) if number <= 9 else "", is_table)
        for number, (name, title, is_table) in enumerate(named, start=1)
    )


@dataclass(frozen=True, slots=True)
class Restriction:
    """Rows limited to those with these keys, e.g. the rows using one agent."""

    label: str
    keys: frozenset[str]


def jump_target(record: Record, listings: Sequence[Record]) -> Record | None:
    """The listing ``x`` goes to: the next one after ``record``, wrapping round; else None."""
    keys = [listing.key for listing in listings]
    if record.key in keys and len(keys) > 1:
        return listings[(keys.index(record.key) + 1) % len(keys)]
    others = [other for other in listings if other.key != record.key]
    return others[0] if others else None


@dataclass(frozen=True)
class BrowserState:
    """The single owner of what the browser shows; transitions return a new state."""

    evidence: Evidence = field(compare=False, repr=False)
    tabs: tuple[Tab, ...] = field(compare=False)
    current: str
    query: Query | None = None
    restriction: Restriction | None = None
    marks: frozenset[str] = frozenset()
    sorts: Mapping[str, tuple[str, bool]] = field(default_factory=dict)
    """Per table: the heading sorted by and whether reversed (absent: source order)."""
    highlighted: Mapping[str, str] = field(default_factory=dict)
    """Per table: the key of the record last highlighted (shown only while visible)."""

    @classmethod
    def of(cls, evidence: Evidence, extra: Sequence[tuple[str, str]] = EXTRA_TABS) -> BrowserState:
        tabs = tab_registry(evidence, extra)
        return cls(evidence, tabs, tabs[0].name)

    # -- the registry ----------------------------------------------------------------

    @property
    def table_ids(self) -> list[str]:
        return [tab.name for tab in self.tabs if tab.is_table]

    def tab(self, name: str) -> Tab:
        for tab in self.tabs:
            if tab.name == name:
                return tab
        raise KeyError(name)

    def tab_at(self, index: int) -> Tab | None:
        """The tab a digit opens (index = digit - 1), None past the registry."""
        return self.tabs[index] if 0 <= index < len(self.tabs) else None

    def table_keys(self) -> str:
        """ "tabs 1-3" (or "tab 1"): the digits of the tables, for notices."""
        keys = [tab.key for tab in self.tabs if tab.is_table and tab.key]
        if len(keys) == 1:
            return f"tab {keys[0]}"
        return f"tabs {keys[0]}-{keys[-1]}" if keys else "the tables"

    def title(self, name: str) -> str:
        return self.tab(name).title

    def counts(self) -> dict[str, tuple[int, int]]:
        """(visible, total) of each table while a filter or restriction narrows them."""
        if not self.query and self.restriction is None:
            return {}
        return {t: (len(self.rows(t)), len(self.evidence.records[t])) for t in self.table_ids}

    # -- what a table shows -----------------------------------------------------------

    def columns(self, table_id: str) -> list[Column]:
        table = self.evidence.table(table_id)
        return columns_for(table.columns, self.evidence.records[table_id])

    def rows(self, table_id: str) -> tuple[Record, ...]:
        """The rows the table shows: filtered, restricted, then sorted."""
        records: Sequence[Record] = self.evidence.records[table_id]
        if self.query:
            records = self.query.filter(records)
        if self.restriction is not None:
            records = [r for r in records if r.key in self.restriction.keys]
        sort = self.sorts.get(table_id)
        if sort is not None:
            column = next(c for c in self.columns(table_id) if c.heading == sort[0])
            records = sort_records(records, column, sort[1])
        return tuple(records)

    def highlighted_record(self, table_id: str) -> Record | None:
        """The highlighted row if visible, else the first visible row, else None."""
        rows = self.rows(table_id)
        key = self.highlighted.get(table_id)
        return next((r for r in rows if r.key == key), rows[0] if rows else None)

    def detail(self) -> Record | None:
        """The record the detail pane shows: the current table's highlighted visible row."""
        tab = self.tab(self.current)
        return self.highlighted_record(tab.name) if tab.is_table else None

    # -- marks and copies -------------------------------------------------------------

    def marked_records(self) -> list[Record]:
        """Marked records of every table, tab order then source order (filters aside)."""
        return [
            record
            for table_id in self.table_ids
            for record in self.evidence.records[table_id]
            if record.key in self.marks
        ]

    def copy_selection(self) -> list[Record] | None:
        """What ``c`` and ``u`` copy: the marks, else the detail row; None off the tables."""
        marked = self.marked_records()
        if marked:
            return marked
        if not self.tab(self.current).is_table:
            return None
        record = self.detail()
        return [record] if record is not None else []

    def copy_all(self) -> tuple[Record, ...] | None:
        """What ``C`` copies: every row the current table shows; None off the tables."""
        return self.rows(self.current) if self.tab(self.current).is_table else None

    def picked(self) -> list[Record]:
        """What ``--pick`` prints: the same records as ``c`` (none off the tables)."""
        return self.copy_selection() or []

    def marks_elsewhere(self) -> list[str]:
        """Titles of the other tables holding marks, in tab order."""
        places = dict.fromkeys(r.table_id for r in self.marked_records())
        return [self.title(t) for t in places if t != self.current]

    def mark_summary(self) -> str:
        """ "3 marked: 2 in Phase I, 1 here" (empty without marks)."""
        marked = self.marked_records()
        if not marked:
            return ""
        per_table: dict[str, int] = {}
        for record in marked:
            per_table[record.table_id] = per_table.get(record.table_id, 0) + 1
        parts = [
            f"{count} here" if t == self.current else f"{count} in {self.tab(t).short_title}"
            for t, count in per_table.items()
        ]
        return f"{len(marked)} marked: {', '.join(parts)}"

    def jump(self) -> Record | None:
        """Where ``x`` goes from the detail row: its trial's next listing, else None."""
        record = self.detail()
        if record is None or not record.nct_id:
            return None
        return jump_target(record, self.evidence.tables_listing(record.nct_id))

    # -- transitions ------------------------------------------------------------------

    def showing(self, name: str) -> BrowserState:
        self.tab(name)
        return replace(self, current=name)

    def filtered(self, query: Query | None) -> BrowserState:
        return replace(self, query=query if query else None)

    def restricted(self, restriction: Restriction | None) -> BrowserState:
        return replace(self, restriction=restriction)

    def toggled_mark(self, key: str) -> BrowserState:
        return replace(self, marks=self.marks ^ {key})

    def marked_detail(self) -> BrowserState:
        """Space: mark or unmark the detail row of the current table."""
        record = self.detail()
        return self if record is None else self.toggled_mark(record.key)

    def cleared_marks(self) -> BrowserState:
        return replace(self, marks=frozenset())

    def sorted_by(self, table_id: str, heading: str) -> BrowserState:
        """Sort by ``heading``; again by the same heading reverses."""
        reverse = self.sorts.get(table_id) == (heading, False)
        return replace(self, sorts={**self.sorts, table_id: (heading, reverse)})

    def moved_to(self, table_id: str, key: str) -> BrowserState:
        """Highlight the record with ``key`` in ``table_id``."""
        return replace(self, highlighted={**self.highlighted, table_id: key})

    def jumped(self) -> BrowserState:
        """``x``: show and highlight the detail row's other listing (unchanged if none)."""
        target = self.jump()
        if target is None:
            return self
        state = self.moved_to(target.table_id, target.key)
        if target.key not in {r.key for r in state.rows(target.table_id)}:
            state = state.filtered(None).restricted(None)
        return state.showing(target.table_id)
