"""The glossary: every abbreviation defined in the source, and finding them in text."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from tui.domain.cell_store import StoredRows
from tui.domain.models import Dataset, SourceTable, footnote_source
from tui.domain.supplementary import (
    ASSEMBLED_PREFIX,
    SUPPLEMENT_SOURCE,
    SUPPLEMENTARY,
    supplement_source,
)

_DEFINITION = re.compile(r"(?P<abbr>[^\s:;]+): (?P<expansion>.+)", re.DOTALL)
_LIST_START = re.compile(r"(?:^|(?<=\. ))[A-Za-z][\w/+\-]*: ")
_INLINE = re.compile(r"\((?P<abbr>[A-Z]{2,8})(?: regimen)?\)")
_WORD = re.compile(r"[A-Za-z][\w\-]*")
_STOPWORDS = frozenset({"and", "plus", "of", "with", "the", "or", "to", "for", "in"})
_TOKEN_CHAR = r"A-Za-z0-9"
_CAPITALISED_WORD = re.compile(r"[A-Z][a-z]+-")
_DIGITS_TO_ZERO = str.maketrans("123456789", "000000000")


@dataclass(frozen=True, slots=True)
class Definition:
    """An abbreviation, its expansion, and where that expansion comes from."""

    abbr: str
    expansion: str
    source: str

    @property
    def from_source(self) -> bool:
        """False for ven-tui's own expansions, including those assembled from source parts."""
        return self.source != SUPPLEMENT_SOURCE and not self.source.startswith(ASSEMBLED_PREFIX)


def parse_definition_list(text: str, source: str) -> list[Definition]:
    """Split a footnote such as ``ALL: acute ...; Ph: Philadelphia chromosome.``.

    A piece without ``ABBR:`` continues the previous expansion (the source writes
    "...and cytarabine; anthracycline omitted;" inside one definition).
    """
    definitions: list[Definition] = []
    body = text.strip()
    if body.endswith("."):
        body = body[:-1]
    for piece in body.split("; "):
        match = _DEFINITION.fullmatch(piece)
        if match:
            definitions.append(Definition(match["abbr"], match["expansion"], source))
        elif definitions:
            last = definitions[-1]
            definitions[-1] = Definition(last.abbr, f"{last.expansion}; {piece}", source)
    return definitions


def legend_definitions(legend: str, source: str) -> list[Definition]:
    """The abbreviation list that closes a figure legend."""
    start = _LIST_START.search(legend)
    return parse_definition_list(legend[start.start() :], source) if start else []


def inline_definitions(text: str, source: str) -> list[Definition]:
    """Acronyms defined in passing, e.g. "membrane permeabilization (MOMP)".

    The acronym's letters must be the initials of the words just before it, read
    backwards, skipping linking words such as "plus" and "and".
    """
    return [
        Definition(abbr, text[start:end].rstrip(), source)
        for abbr, start, end in _inline_spans(text)
    ]


def _inline_spans(text: str) -> list[tuple[str, int, int]]:
    """(acronym, start, end) of each inline definition's expansion in ``text``.

    Digits never decide: a word starts with a letter, a linking word has no digit and an
    acronym is capitals, so ``text`` with its digits read as 0 has the same spans (cells
    differ mostly by numbers, and build_glossary remembers them by that key).
    """
    found: list[tuple[str, int, int]] = []
    # Words are found once for the whole text: rescanning the text before every match
    # was quadratic. No word runs into a match, which starts with "(".
    words = list(_WORD.finditer(text))
    word_starts = [word.start() for word in words]
    for match in _INLINE.finditer(text):
        abbr = match["abbr"]
        letter, start = len(abbr) - 1, None
        index = bisect_left(word_starts, match.start()) - 1
        while letter >= 0 and index >= 0:
            word = words[index].group(0)
            if word[0].lower() == abbr[letter].lower():
                start, letter = words[index].start(), letter - 1
            elif word.lower() not in _STOPWORDS:
                break
            index -= 1
        if letter < 0 and start is not None:
            found.append((abbr, start, match.start()))
    return found


class Glossary:
    """All definitions, grouped by abbreviation, with a detector for running text."""

    def __init__(self, definitions: Iterable[Definition]) -> None:
        self._by_abbr: dict[str, list[Definition]] = {}
        seen: set[Definition] = set()  # a list's `in` made 4,000 rows defining one acronym
        for definition in definitions:  # inline take 1.8 s, and 100,000 rows minutes
            if definition in seen:
                continue
            seen.add(definition)
            self._by_abbr.setdefault(_group_key(definition.abbr), []).append(definition)
        variants: dict[str, str] = {}
        for key, group in self._by_abbr.items():
            for definition in group:
                for variant in _spellings(definition.abbr):
                    variants.setdefault(variant, key)
        self._variant_key = variants
        self._with_digits = tuple(v for v in variants if any(c.isdigit() for c in v))
        self._zero_safe = not any("0" in v for v in self._with_digits)
        self._best: dict[tuple[str, tuple[str, ...]], Definition] = {}
        alternatives = "|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True))
        self._pattern = (
            re.compile(rf"(?<![{_TOKEN_CHAR}])(?:{alternatives})(?![{_TOKEN_CHAR}])")
            if variants
            else None
        )

    def definitions(self) -> list[list[Definition]]:
        """Every abbreviation's definitions, sorted case-insensitively by abbreviation."""
        return sorted(self._by_abbr.values(), key=lambda group: group[0].abbr.casefold())

    def find(self, text: str) -> list[tuple[str, str]]:
        """Abbreviations in ``text`` as (text as written, glossary key), first occurrence order.

        Matching is case-sensitive on token boundaries and the longest entry wins; a
        lower-case-initial abbreviation is also found with a sentence-initial capital.
        """
        if self._pattern is None:
            return []
        seen: dict[str, str] = {}
        for match in self._pattern.finditer(text):
            key = self._variant_key[match.group(0)]
            seen.setdefault(key, match.group(0))
        return [(written, key) for key, written in seen.items()]

    def variants(self) -> list[tuple[str, str]]:
        """Every written form ``find`` looks for, with its glossary key."""
        return list(self._variant_key.items())

    def lookup_key(self, text: str) -> str:
        """A text that ``find`` answers exactly as it answers ``text``: its digits as 0.

        Cells differ mostly by their numbers ("(n = 18) [23]"), so callers that remember
        answers by this key look most cells up once. Exact: no entry contains a digit that
        could match differently (entries such as "BCL-2" keep the text as it is), digits
        stay token characters for the boundaries, and what is found contains no digit.
        """
        if not self._zero_safe:
            return text
        key = text.translate(_DIGITS_TO_ZERO)
        if key is text or key == text:
            return text
        for variant in self._with_digits:
            if variant in text or variant in key:
                return text
        return key

    def best(self, key: str, preferred_sources: Iterable[str]) -> Definition:
        """The definition to show: the first preferred source that has one, else the first."""
        preferred = tuple(preferred_sources)
        found = self._best.get((key, preferred))
        if found is None:
            found = self._best[key, preferred] = self._choose(key, preferred)
        return found

    def _choose(self, key: str, preferred_sources: tuple[str, ...]) -> Definition:
        group = self._by_abbr[key]
        for source in preferred_sources:
            for definition in group:
                if definition.source == source:
                    return definition
        in_source = [definition for definition in group if definition.from_source]
        return (in_source or group)[0]


def _group_key(abbr: str) -> str:
    """Group "Mini-hyper-CVD" with "mini-hyper-CVD": one abbreviation, two spellings."""
    return abbr[0].lower() + abbr[1:] if _CAPITALISED_WORD.match(abbr) else abbr


def _spellings(abbr: str) -> list[str]:
    """The written forms to look for: as defined, plus its sentence-initial variant.

    Only hyphenated forms led by a word ("mini-hyper-CVD") have one; "Ph" never
    becomes "ph", since lower-case words are not abbreviations.
    """
    if abbr[:1].islower():
        return [abbr, abbr[0].upper() + abbr[1:]]
    if _CAPITALISED_WORD.match(abbr):
        return [abbr, abbr[0].lower() + abbr[1:]]
    return [abbr]


def build_glossary(dataset: Dataset) -> Glossary:
    """Union of the footnotes, the figure legend, inline definitions and the supplement."""
    definitions: list[Definition] = []
    for table in dataset.tables:
        definitions += parse_definition_list(table.footnote, footnote_source(table.label))
    legend_source = f"{dataset.figure.label} legend"
    definitions += legend_definitions(dataset.figure.legend, legend_source)
    definitions += inline_definitions(
        dataset.figure.legend, f"defined inline in the {legend_source}"
    )
    # Cells repeat, and differ mostly by numbers: each text's spans are found once for all
    # the texts that differ from it only in their digits.
    in_cells: dict[str, list[tuple[str, int, int]]] = {}
    for table in dataset.tables:
        for row, heading, text in _cells_defining(table):
            key = text.translate(_DIGITS_TO_ZERO)
            spans = in_cells.get(key)
            if spans is None:
                spans = in_cells[key] = _inline_spans(key)
            if not spans:  # a "(AYA)" that is no definition: no label needed either
                continue
            where = _row_label(table, table.rows[row].cells)
            source = f"defined inline in {table.label}, {where}, {heading}"
            definitions += [
                Definition(abbr, text[start:end].rstrip(), source) for abbr, start, end in spans
            ]
    defined = {_group_key(definition.abbr) for definition in definitions}
    definitions += [
        Definition(abbr, expansion, supplement_source(abbr))
        for abbr, expansion in SUPPLEMENTARY.items()
        if _group_key(abbr) not in defined
    ]
    return Glossary(definitions)


def _cells_defining(table: SourceTable) -> Iterator[tuple[int, str, str]]:
    """(row, heading, text) of each cell in which an inline definition may start.

    Most cells define nothing, and 100,000 rows are read before the first frame: a stored
    table is searched in one pass over its buffer, other rows cell by cell ("(" first,
    since it is cheaper than the search).
    """
    rows = table.rows
    if isinstance(rows, StoredRows):
        store, headings = rows.cells, rows.cells.columns
        for row, column in store.matching(_INLINE, ascii_only=True):
            yield row, headings[column], store.value(row, column)
        return
    defines = _INLINE.search
    for at, source_row in enumerate(rows):
        for heading, text in source_row.cells.items():
            if "(" in text and defines(text) is not None:
                yield at, heading, text


def _row_label(table: SourceTable, cells: Mapping[str, str]) -> str:
    if table.nct_column:
        return cells.get(table.nct_column, "?")
    reference = re.search(r"\[(\d+)\]", " ".join(cells.values()))
    return f"ref. [{reference.group(1)}]" if reference else "a row"
