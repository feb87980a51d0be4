"""Which agents each row's regimen text names, or expands to: the index behind the Agents tab.

Agents are found in each row's regimen text with a curated vocabulary
(``tui.domain.drug_classes``), and regimen acronyms are expanded into their components by
reading the agents out of the acronym's own definition: the table footnotes for
mini-hyper-CVD, hyper-CVAD and VXL, the inline definitions for OVD and VAO, and a ven-tui
supplement, marked as not from the source, for the CALGB 10403 protocol.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from tui.domain.drug_classes import (
    AGENTS,
    CLASS_SOURCE,
    GENERIC,
    REGIMEN_SUPPLEMENT_SOURCE,
    SPELLINGS,
    SUPPLEMENTARY_REGIMENS,
    SUPPORTIVE,
    SUPPORTIVE_ROLE,
)
from tui.domain.evidence import Evidence
from tui.domain.models import SourceTable
from tui.domain.records import Record

VENETOCLAX = "venetoclax"
INTERVENTION_COLUMN = "Intervention"

_ALTERNATIVES = "|".join(re.escape(s) for s in sorted(SPELLINGS, key=len, reverse=True))
# Token boundaries: not inside a longer word, and "chemotherapy-free" is not chemotherapy.
_AGENT = re.compile(rf"(?<![A-Za-z0-9])(?:{_ALTERNATIVES})(?![A-Za-z0-9])(?!-free)", re.I)
_SUPPLEMENTS = [
    (re.compile(rf"(?<![A-Za-z0-9]){pattern}(?![A-Za-z0-9])"), label, expansion)
    for pattern, (label, expansion) in SUPPLEMENTARY_REGIMENS.items()
]


@dataclass(frozen=True, slots=True)
class AgentUse:
    """One agent in one row, and how it was found there."""

    name: str
    via: str | None = None
    """None when the regimen text names the agent; else the acronym and where it is defined,
    e.g. ``VXL (Table 1 footnote)``."""
    from_source: bool = True
    """False when the only route to the agent is a ven-tui supplementary expansion."""


@dataclass(frozen=True, slots=True)
class Expansion:
    """A regimen acronym in a row, its definition's provenance, and the agents it contributes."""

    acronym: str
    source: str
    from_source: bool
    agents: tuple[str, ...]

    @property
    def label(self) -> str:
        """``VXL (Table 1 footnote)``: how an agent found through it is credited."""
        return f"{self.acronym} ({self.source})"


@dataclass(frozen=True, slots=True)
class AgentEntry:
    """One agent of the index: its class (never from the source) and the rows that use it."""

    name: str
    drug_class: str
    rows: tuple[str, ...]
    """Record keys (``published:3``), in table order."""
    counts: dict[str, int]
    """Rows per table id, every table present (zeros included), in dataset order."""
    via: tuple[str, ...] = ()
    """Acronym routes the agent was found through in rows that do not name it."""
    named_in_source: bool = True
    """False when only a ven-tui supplementary expansion yields the agent (e.g. CALGB 10403)."""
    note: str | None = None
    class_from_source: bool = False
    class_source: str = field(default=CLASS_SOURCE)
    role: str | None = None
    """``SUPPORTIVE_ROLE`` for a drug that is no combination partner (azoles); else None."""
    supplement_rows: tuple[str, ...] = ()
    """Record keys of the rows where the agent comes only from a ven-tui supplementary
    expansion (the CALGB 10403 components of [28]): marked as such wherever shown."""

    @property
    def total(self) -> int:
        return len(self.rows)


def regimen_column(table: SourceTable) -> str:
    """The heading whose cells describe each row's regimen.

    The "Intervention" column where the table has one. Table 3 of the review has none: its
    last column is headed "Primary outcome" but holds the regimens (a quirk of the printed
    table, kept as printed), so a table without an Intervention column uses its last column.
    """
    return INTERVENTION_COLUMN if INTERVENTION_COLUMN in table.columns else table.columns[-1]


def regimen_text(table: SourceTable, record: Record) -> str:
    """The verbatim regimen cell of ``record`` (empty if the row lacks that column)."""
    return record.cells.get(regimen_column(table), "")


def find_agents(text: str, *, include_generic: bool = True) -> list[str]:
    """Canonical agent names in ``text``, first mention first, each once; never raises."""
    found: dict[str, None] = {}
    for match in _AGENT.finditer(text):
        name = SPELLINGS[match.group(0).casefold()]
        if include_generic or name != GENERIC:
            found.setdefault(name, None)
    return list(found)


def regimen_expansions(table: SourceTable, record: Record) -> list[Expansion]:
    """The acronyms in a row's regimen cell that stand for agents, with those agents.

    Acronyms come from the row's detected abbreviations, whose expansions the glossary took
    from the footnotes or inline definitions; the agents are read out of that expansion
    text. Generic words there ("a ... chemotherapy regimen") add nothing: the named
    components say more.
    """
    column = regimen_column(table)
    expansions: list[Expansion] = []
    for abbreviation in record.cell_abbreviations.get(column, ()):
        agents = find_agents(abbreviation.expansion, include_generic=False)
        if agents:
            expansions.append(
                Expansion(
                    abbreviation.abbr,
                    abbreviation.source,
                    abbreviation.from_source,
                    tuple(agents),
                )
            )
    text = record.cells.get(column, "")
    for pattern, label, expansion in _SUPPLEMENTS:
        if pattern.search(text):
            components = tuple(find_agents(expansion, include_generic=False))
            expansions.append(Expansion(label, REGIMEN_SUPPLEMENT_SOURCE, False, components))
    return expansions


def row_agents(table: SourceTable, record: Record) -> tuple[AgentUse, ...]:
    """Every agent of a row, venetoclax included: named ones first, then acronym components.

    An agent both named and inside an acronym counts as named; one inside two acronyms is
    credited to the first.
    """
    uses = {name: AgentUse(name) for name in find_agents(regimen_text(table, record))}
    for expansion in regimen_expansions(table, record):
        for name in expansion.agents:
            if name not in uses:
                uses[name] = AgentUse(name, expansion.label, expansion.from_source)
    return tuple(uses.values())


def agent_index(evidence: Evidence) -> list[AgentEntry]:
    """Every agent named in, or expanded from, each row's regimen text, most-used first.

    Supportive or interacting drugs (azoles) come after every combination partner.

    Venetoclax itself is left out: every row of the review is about it, so it would head
    the list and filter nothing. ``records_using(evidence, VENETOCLAX)`` lists the rows
    whose regimen text mentions it, for a count.
    """
    rows: dict[str, list[str]] = {}
    counts: dict[str, dict[str, int]] = {}
    via: dict[str, dict[str, None]] = {}
    named: dict[str, bool] = {}
    supplemented: dict[str, list[str]] = {}
    for table_id, record in _all_records(evidence):
        for use in row_agents(evidence.table(table_id), record):
            if use.name == VENETOCLAX:
                continue
            rows.setdefault(use.name, []).append(record.key)
            table_counts = counts.setdefault(use.name, dict.fromkeys(evidence.table_ids, 0))
            table_counts[table_id] += 1
            if use.via:
                via.setdefault(use.name, {})[use.via] = None
            named[use.name] = named.get(use.name, False) or use.from_source
            if not use.from_source:
                supplemented.setdefault(use.name, []).append(record.key)
    entries = [
        AgentEntry(
            name=name,
            drug_class=AGENTS[name][0],
            rows=tuple(keys),
            counts=counts[name],
            via=tuple(via.get(name, {})),
            named_in_source=named[name],
            note=AGENTS[name][1],
            role=SUPPORTIVE_ROLE if name in SUPPORTIVE else None,
            supplement_rows=tuple(supplemented.get(name, ())),
        )
        for name, keys in rows.items()
    ]
    # Combination partners first, most-used first; supportive drugs (azoles) after them all.
    return sorted(
        entries, key=lambda entry: (entry.role is not None, -entry.total, entry.name.casefold())
    )


def rows_without_venetoclax(evidence: Evidence) -> list[Record]:
    """The rows whose regimen text does not name venetoclax (e.g. NCT06742515), flagged."""
    return [
        record
        for table_id, record in _all_records(evidence)
        if VENETOCLAX not in find_agents(regimen_text(evidence.table(table_id), record))
    ]


def records_using(evidence: Evidence, agent: str) -> list[Record]:
    """The rows, in table order, whose regimen uses ``agent`` (any case; acronyms expanded)."""
    wanted = agent.casefold()
    return [
        record
        for table_id, record in _all_records(evidence)
        if any(
            use.name.casefold() == wanted for use in row_agents(evidence.table(table_id), record)
        )
    ]


def _all_records(evidence: Evidence) -> Iterable[tuple[str, Record]]:
    for table_id in evidence.table_ids:
        for record in evidence.records.get(table_id, ()):
            yield table_id, record
