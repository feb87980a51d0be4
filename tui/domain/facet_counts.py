"""What the facet panel shows and does: counts per value for a query, and toggling a value.

The panel never holds its own selection: toggling rewrites the filter text, so the text
always says what is applied, and the counts are computed from that text again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tui.domain.evidence import Evidence
from tui.domain.facets import (
    FACET_KEYS,
    FACET_TITLES,
    POPULATION_FACETS,
    UNSTATED,
    facet_values,
    row_facets,
    value_label,
)
from tui.domain.query import FacetTerm, Query, QueryError, parse_query
from tui.domain.records import Record


@dataclass(frozen=True, slots=True)
class FacetCount:
    """One line of the facet panel: a value, how many matching rows have it, and its state."""

    key: str
    value: str
    label: str
    count: int
    applied: bool

    @property
    def term(self) -> str:
        """The query term this line adds or removes, e.g. ``ph:pos``."""
        return f"{self.key}:{self.value}"

    @property
    def title(self) -> str:
        """The facet's heading, e.g. "Ph status"."""
        return FACET_TITLES[self.key]


def all_records(evidence: Evidence) -> list[Record]:
    """Every record of every table, in dataset order: the "All" view's universe."""
    return [record for table_id in evidence.table_ids for record in evidence.records[table_id]]


def matching_records(evidence: Evidence, query: Query | None) -> list[Record]:
    """Every row of every table the query keeps, table by table in dataset order.

    The order of the review itself (published studies, then phase I, then phase II), each
    table in its printed order, so an ID list copied from it reads like the source.
    """
    records = all_records(evidence)
    return query.filter(records) if query else records


def facet_counts(
    records: Iterable[Record], query: Query | None, keys: Sequence[str] = FACET_KEYS
) -> list[FacetCount]:
    """Per facet and value (``unstated`` last), how many of the rows the query keeps have it.

    A row with two values of one facet (Ph- and Ph+) counts under both, so a facet's counts
    may add up to more than the rows shown.
    """
    kept = query.filter(list(records)) if query else list(records)
    applied = {term.term for term in query.applied_facets()} if query else set()
    tallies = {key: dict.fromkeys((*facet_values(key), UNSTATED), 0) for key in keys}
    # Population facets are read from each row's set of (key, value) pairs, which holds
    # (key, unstated) where the row states none: no set is built per row and key.
    pairs = [
        (tallies[key], [(value, (key, value)) for value in tallies[key]])
        for key in keys
        if key in POPULATION_FACETS
    ]
    classes = "class" in keys
    for record in kept:
        facets = row_facets(record)
        terms = facets.terms
        for tally, wanted in pairs:
            for value, pair in wanted:
                if pair in terms:
                    tally[value] += 1
        if classes:
            for value in facets.of("class") or {UNSTATED}:
                tallies["class"][value] += 1
    return [
        FacetCount(key, value, value_label(key, value), count, f"{key}:{value}" in applied)
        for key in keys
        for value, count in tallies[key].items()
    ]


def toggle_facet(text: str, term: str, columns: Sequence[str]) -> str:
    """The filter text with ``term`` (``ph:pos``) added as one more AND item, or taken out.

    Taken out where it stands alone at the top level (an occurrence inside OR or a group is
    part of another condition and left alone); otherwise appended. A text that does not parse
    gets the term appended, and keeps its error for the filter bar to show.
    """
    try:
        query = parse_query(text, columns)
    except QueryError:
        return _append(text, term)
    found = [t for t in query.applied_facets() if t.term == _canonical(term, columns)]
    if not found:
        return _append(text, term)
    for facet in sorted(found, key=lambda t: t.span[0], reverse=True):
        start, end = facet.span
        before, after = text[:start].rstrip(), text[end:].lstrip()
        text = f"{before} {after}" if before and after else before + after
    return text


def _canonical(term: str, columns: Sequence[str]) -> str:
    """``ph:positive`` -> ``ph:pos``, so a toggle matches however the term was typed."""
    try:
        (parsed,) = parse_query(term, columns).terms
    except (QueryError, ValueError):
        return term
    return parsed.term if isinstance(parsed, FacetTerm) else term


def _append(text: str, term: str) -> str:
    stripped = text.rstrip()
    return f"{stripped} {term}" if stripped else term
