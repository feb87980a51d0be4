"""What the browser shows, owned once: tabs, query, restriction, marks, sorts, highlights.

The screen keeps one ``BrowserState`` and replaces it on every event; each transition
returns a new state, and the questions the widgets ask (which rows, which detail, what
``c`` copies, where ``x`` goes) are pure methods of it. Keeping the pieces apart in widgets
let the detail pane show one trial while ``c`` copied another; here they cannot disagree.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from operator import attrgetter
from typing import TYPE_CHECKING

from tui.domain.evidence import Evidence
from tui.domain.records import Record
from tui.domain.registry import RegistryCache
from tui.domain.table_columns import Column, columns_for, sort_records

if TYPE_CHECKING:  # imported when first needed: the first frame needs neither
    from tui.domain.glossary_rows import GlossaryRow
    from tui.domain.query import Query

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
NEEDS_TABLE: Mapping[str, str] = {OUTCOMES: "published"}
"""Extra tabs shown only when the dataset has this table (the matrix is of Table 1)."""


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
    named: list[tuple[str, str, bool]] = [
        (table.id, TABLE_TITLES.get(table.id, table.label), True)
        for table in evidence.dataset.tables
    ]
    present = set(evidence.table_ids)
    named += [
        (name, title, False)
        for name, title in extra
        if name not in NEEDS_TABLE or NEEDS_TABLE[name] in present
    ]
    return tuple(
        Tab(name, title, str(number) if number <= 9 else "", is_table)
        for number, (name, title, is_table) in enumerate(named, start=1)
    )


CHARTED = "published"
"""The table the Compare tab charts when the dataset has it (else the first table)."""
MEMO_SIZE = 64
_INDEX = attrgetter("index")


@dataclass(frozen=True, slots=True)
class TableView:
    """What one table shows, pushed whole to its widget: nothing there is kept by hand."""

    table_id: str
    columns: tuple[Column, ...]
    """The table's columns: the source headings, Ref and n, the registry status if cached."""
    rows: tuple[Record, ...]
    total: int
    cursor_key: str | None
    """The record under the cursor (the detail pane's), None when no row is visible."""
    cursor_row: int
    """Where that record is in ``rows`` (0 when none is visible)."""
    marks: frozenset[str]
    sort: tuple[str, bool] | None
    terms: tuple[str, ...]
    """The query's words, highlighted in the cells."""
    restriction: str
    """The status line's words for a restriction in force ("" without one)."""
    mark_summary: str


class _Memo:
    """Rows already filtered and sorted, shared by the states one screen goes through.

    Each keystroke in the filter asks every table for its rows several times (rows, counts,
    the detail); they are computed once. A query that narrows the last one ("aza" after
    "az") searches the last one's matches only.
    """

    def __init__(self) -> None:
        self.rows: OrderedDict[tuple[object, ...], tuple[Record, ...]] = OrderedDict()
        self.positions: OrderedDict[int, tuple[tuple[Record, ...], dict[str, int]]] = OrderedDict()
        self.matched: dict[str, tuple[Query, tuple[Record, ...]]] = {}
        self.glossary: tuple[GlossaryRow, ...] | None = None
        self.columns: dict[str, tuple[Column, ...]] = {}

    def recall(self, key: tuple[object, ...]) -> tuple[Record, ...] | None:
        rows = self.rows.get(key)
        if rows is not None:
            self.rows.move_to_end(key)
        return rows

    def remember(self, key: tuple[object, ...], rows: tuple[Record, ...]) -> tuple[Record, ...]:
        """Keep ``rows`` for ``key``, forgetting the least recently used beyond MEMO_SIZE."""
        self.rows[key] = rows
        while len(self.rows) > MEMO_SIZE:
            self.rows.popitem(last=False)
        return rows

    def position(self, rows: tuple[Record, ...], key: str) -> int | None:
        """Where the record with ``key`` sits in sorted ``rows`` (an index built once per tuple)."""
        known = self.positions.get(id(rows))
        if known is None or known[0] is not rows:
            known = (rows, {record.key: at for at, record in enumerate(rows)})
            self.positions[id(rows)] = known
            while len(self.positions) > MEMO_SIZE:
                self.positions.popitem(last=False)
        return known[1].get(key)

    def matching(
        self, table_id: str, query: Query, records: tuple[Record, ...]
    ) -> tuple[Record, ...]:
        searched = records
        last = self.matched.get(table_id)
        if last is not None and query.narrows(last[0]):
            searched = last[1]
        found = query.select(searched)
        self.matched[table_id] = (query, found)
        return found


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
    registry: RegistryCache | None = None
    """Today's registry data, if a cache was read or synced (the status column, status:)."""
    memo: _Memo = field(default_factory=_Memo, compare=False, repr=False)

    @classmethod
    def of(
        cls,
        evidence: Evidence,
        extra: Sequence[tuple[str, str]] = EXTRA_TABS,
        registry: RegistryCache | None = None,
    ) -> BrowserState:
        tabs = tab_registry(evidence, extra)
        return cls(evidence, tabs, tabs[0].name, registry=registry)

    # -- the registry ----------------------------------------------------------------

    @property
    def table_ids(self) -> list[str]:
        return [tab.name for tab in self.tabs if tab.is_table]

    def tab(self, name: str) -> Tab:
        for tab in self.tabs:
            if tab.name == name:
                return tab
        raise KeyError(name)

    def key_of(self, name: str) -> str:
        """The digit that opens tab ``name``; "" when it has none or the dataset lacks it."""
        return next((tab.key for tab in self.tabs if tab.name == name), "")

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
        counts = {t: (len(self.rows(t)), len(self.evidence.records[t])) for t in self.table_ids}
        if self.query and GLOSSARY in self.names:
            from tui.domain.glossary_rows import matching_rows

            every = self.glossary_rows()
            counts[GLOSSARY] = (len(matching_rows(every, self.query)), len(every))
        return counts

    # -- what a table shows -----------------------------------------------------------

    def columns(self, table_id: str) -> tuple[Column, ...]:
        """The table's columns, with the registry status column while a cache is held."""
        known = self.memo.columns.get(table_id)
        if known is None:
            table = self.evidence.table(table_id)
            records = self.evidence.records[table_id]
            cached = self.registry.records if self.registry is not None else None
            known = self.memo.columns[table_id] = tuple(columns_for(table.columns, records, cached))
        return known

    def rows(self, table_id: str) -> tuple[Record, ...]:
        """The rows the table shows: filtered, restricted, then sorted."""
        sort = self.sorts.get(table_id)
        key = (table_id, self.query, self.restriction, sort)
        if (known := self.memo.recall(key)) is not None:
            return known
        source = self.evidence.records[table_id]  # a tuple: kept, not copied
        records: Sequence[Record] = source
        if self.query:
            records = self.memo.matching(table_id, self.query, source)
        if self.restriction is not None:
            records = [r for r in records if r.key in self.restriction.keys]
        column = self._sort_column(table_id)
        if sort is not None and column is not None:
            records = sort_records(records, column, sort[1])
        return self.memo.remember(key, tuple(records))

    def _sort_column(self, table_id: str) -> Column | None:
        """The column ``table_id`` is sorted by; None unsorted, or by a heading it has no more."""
        sort = self.sorts.get(table_id)
        if sort is None:
            return None
        return next((c for c in self.columns(table_id) if c.heading == sort[0]), None)

    def position(self, table_id: str, key: str) -> int | None:
        """Where the record with ``key`` is in the rows ``table_id`` shows; None if hidden.

        Unsorted rows keep the source order, in which each record sits at its ``index``
        (``Evidence.records``), so a binary search on ``index`` finds it without a per-row
        index (a keystroke must not build one for 100,000 rows).
        """
        rows = self.rows(table_id)
        if self._sort_column(table_id) is not None:
            return self.memo.position(rows, key)
        record = self.evidence.record(key)
        if record is None or record.table_id != table_id:
            return None
        at = bisect_left(rows, record.index, key=_INDEX)
        return at if at < len(rows) and rows[at].key == key else None

    def table_view(self, table_id: str) -> TableView:
        """Everything the widget of ``table_id`` draws."""
        record = self.highlighted_record(table_id)
        restriction = ""
        if self.restriction is not None:
            agents = self.key_of(AGENTS)
            where = f"{agents} Agents" if agents else "Agents"
            restriction = f"only rows using {self.restriction.label} ({where}, ⌫ there: all)"
        rows = self.rows(table_id)
        key = record.key if record is not None else None
        return TableView(
            table_id=table_id,
            columns=self.columns(table_id),
            rows=rows,
            total=len(self.evidence.records[table_id]),
            cursor_key=key,
            cursor_row=(self.position(table_id, key) or 0) if key is not None else 0,
            marks=self.marks,
            sort=self.sorts.get(table_id),
            terms=self.highlights,
            restriction=restriction,
            mark_summary=self.showing(table_id).mark_summary(),
        )

    def hidden_by(self, record: Record) -> tuple[bool, bool]:
        """Whether the query, and whether the restriction, hide ``record``."""
        by_query = bool(self.query) and not self.query.matches(record)  # type: ignore[union-attr]
        by_restriction = self.restriction is not None and record.key not in self.restriction.keys
        return by_query, by_restriction

    # -- the other tabs' content ------------------------------------------------------

    @property
    def names(self) -> list[str]:
        return [tab.name for tab in self.tabs]

    @property
    def charted(self) -> str:
        """The table the Compare tab charts: the published studies, else the first table."""
        ids = self.table_ids
        return CHARTED if CHARTED in ids else ids[0]

    def chart_scope(self) -> str:
        """What narrows the charted rows: '6 of 12 published studies (filter “cr>=60”)'."""
        limits = []
        if self.query:
            limits.append(f"filter “{self.query.source}”")
        if self.restriction is not None:
            limits.append(f"using {self.restriction.label}")
        if not limits:
            return ""
        table_id = self.charted
        name = self.title(table_id).lower()
        shown = f"{len(self.rows(table_id))} of {len(self.evidence.records[table_id])} {name}"
        return f"Charting {shown} ({', '.join(limits)})"

    def glossary_rows(self) -> tuple[GlossaryRow, ...]:
        if self.memo.glossary is None:
            from tui.domain.glossary_rows import glossary_rows

            self.memo.glossary = glossary_rows(self.evidence.glossary)
        return self.memo.glossary

    def registry_rows(self) -> tuple[Record, ...]:
        """The Registry tab's trials: those the review lacks, the query applied (a registry-only
        trial has no review cells, so only status:, country: and age:N can keep it)."""
        if self.registry is None:
            return ()
        key = (REGISTRY, self.query, id(self.registry))
        if (known := self.memo.recall(key)) is not None:
            return known
        from tui.domain.export import registry_rows

        return self.memo.remember(
            key, tuple(registry_rows(self.registry, self.evidence, self.query))
        )

    def find_rows(self) -> tuple[Record, ...]:
        """The Find tab's list: every row of every table the query keeps, in the review's order."""
        key = (FIND, self.query)
        if (known := self.memo.recall(key)) is not None:
            return known
        from tui.domain.facet_counts import matching_records

        return self.memo.remember(key, tuple(matching_records(self.evidence, self.query)))

    def highlighted_record(self, table_id: str) -> Record | None:
        """The highlighted row if visible, else the first visible row, else None."""
        rows = self.rows(table_id)
        key = self.highlighted.get(table_id)
        at = self.position(table_id, key) if key is not None else None
        if at is not None:
            return rows[at]
        return rows[0] if rows else None

    def shows(self, table_id: str, key: str) -> bool:
        """Whether ``table_id`` shows the record with ``key`` now."""
        return self.position(table_id, key) is not None

    @property
    def highlights(self) -> tuple[str, ...]:
        """The query's words, highlighted wherever rows are drawn."""
        return tuple(self.query.highlights) if self.query else ()

    def listings(self, record: Record | None) -> list[Record]:
        """Every entry of ``record``'s trial, in any table (the detail pane shows them)."""
        nct = record.nct_id if record is not None else None
        return self.evidence.tables_listing(nct) if nct else []

    def detail(self) -> Record | None:
        """The record the detail pane shows: the current table's highlighted visible row."""
        tab = self.tab(self.current)
        return self.highlighted_record(tab.name) if tab.is_table else None

    # -- marks and copies -------------------------------------------------------------

    def marked_records(self) -> list[Record]:
        """Marked records of every table, tab order then source order (filters aside)."""
        if not self.marks:
            return []
        order = {table_id: n for n, table_id in enumerate(self.table_ids)}
        found = [r for key in self.marks if (r := self.evidence.record(key)) is not None]
        return sorted(found, key=lambda r: (order[r.table_id], r.index))

    def copy_selection(self) -> list[Record] | None:
        """What ``c`` and ``u`` copy: the marks, else the detail row; None off the tables."""
        marked = self.marked_records()
        if marked:
            return marked
        if self.current == REGISTRY:
            rows = self.registry_rows()
            if not rows:
                return None
            nct = self.highlighted.get(REGISTRY)  # the Registry tab's cursor, by NCT ID
            return [next((r for r in rows if r.nct_id == nct), rows[0])]
        if not self.tab(self.current).is_table:
            return None
        record = self.detail()
        return [record] if record is not None else []

    def copy_all(self) -> tuple[Record, ...] | None:
        """What ``C`` copies: every row the current table (or Find) shows; None elsewhere."""
        if self.current == FIND:
            return self.find_rows()
        if self.current == REGISTRY:
            return self.registry_rows() or None
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
        return jump_target(record, self.listings(record)) if record is not None else None

    # -- transitions ------------------------------------------------------------------

    def showing(self, name: str) -> BrowserState:
        self.tab(name)
        return replace(self, current=name)

    def filtered(self, query: Query | None) -> BrowserState:
        query = query if query else None
        if query == self.query:
            return self
        return replace(self, query=query)._settled()

    def restricted(self, restriction: Restriction | None) -> BrowserState:
        return replace(self, restriction=restriction)._settled()

    def _settled(self) -> BrowserState:
        """Each table's highlight on the row it now shows: the one the user sees stays.

        A filter hiding the highlighted row puts the cursor on the first row shown; when the
        filter is lifted again, the cursor stays there rather than jumping back. A filter
        that hides every row keeps the old highlight, since no other row was seen.
        """
        shown = dict(self.highlighted)  # other tabs (the Registry tab) keep theirs
        for table_id in self.table_ids:
            record = self.highlighted_record(table_id)
            if record is not None:
                shown[table_id] = record.key
        return self if shown == self.highlighted else replace(self, highlighted=shown)

    def with_registry(self, registry: RegistryCache | None) -> BrowserState:
        """A new cache (a sync): new columns, and the query read again to ask the new cache.

        A query's ``status:``/``country:``/``age:`` terms hold the cache they were parsed
        with; the same text, parsed against the new one, answers from today's data.
        """
        query = self.query
        if query:
            from tui.domain.query import parse_query

            cached = registry.records if registry is not None else None
            query = parse_query(query.source, self.evidence.all_columns(), cached)
        return replace(self, registry=registry, query=query, memo=_Memo())._settled()

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
        """``x``: show and highlight the detail row's other listing (unchanged if none).

        A clinician pressing ``x`` wants to read that entry: whatever hides it (the filter,
        the restriction, or both) is lifted, and only that.
        """
        target = self.jump()
        if target is None:
            return self
        by_query, by_restriction = self.hidden_by(target)
        state = self.filtered(None) if by_query else self
        state = state.restricted(None) if by_restriction else state
        return state.moved_to(target.table_id, target.key).showing(target.table_id)
