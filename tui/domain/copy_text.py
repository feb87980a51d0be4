"""What the browser copies for a set of records, and how it tells the user what was copied.

Trials are copied as their NCT IDs (or ClinicalTrials.gov addresses), one per line, unique, in
the order given. Published studies have no NCT ID: they are copied as a one-line citation of the
row ("[19] R/R T-ALL (n = 13) — Venetoclax + … — 60% BM remission, … (J Hematol 2025;…,
Table 1)"), and have no address, so the address variant copies nothing for them and says so.
Every piece of text goes through ``safe_line``: nothing from data can reach the clipboard raw.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tui.domain.models import Citation
from tui.domain.records import Record
from tui.domain.sanitize import safe_line

PREVIEW_CHARS = 64
"""A notification names copied items while they fit in about this many characters."""
SEPARATOR = " — "
_REFERENCE_MARK = re.compile(r"\s*\[\d+(?:[,–-]\s*\d+)*\]")


@dataclass(frozen=True)
class Clip:
    """Text for the clipboard (empty: copy nothing) and the words of the notification."""

    text: str
    title: str
    message: str = ""

    @property
    def empty(self) -> bool:
        """True when there is nothing to put on the clipboard."""
        return not self.text


def source_reference(citation: Citation, table_label: str) -> str:
    """Where a row comes from, e.g. ``J Hematol 2025;14(4):193-201, Table 1``."""
    issue = f"({citation.issue})" if citation.issue else ""
    where = f"{citation.journal_abbreviation} {citation.year};{citation.volume}{issue}"
    return safe_line(f"{where}:{citation.pages}, {table_label}")


def row_citation(record: Record, source: str = "") -> str:
    """One line naming a row: ``[ref]`` then its cells (reference marks removed), then source."""
    cells = [_REFERENCE_MARK.sub("", value).strip() for value in record.cells.values()]
    line = SEPARATOR.join(" ".join(cell.split()) for cell in cells if cell)
    if record.reference is not None:
        line = f"[{record.reference}] {line}"
    if source:
        line = f"{line} ({source})"
    return safe_line(line)


def unique_nct_ids(records: Iterable[Record]) -> list[str]:
    """The records' NCT IDs, first occurrence first, each once."""
    seen: dict[str, None] = {}
    for record in records:
        if record.nct_id:
            seen.setdefault(safe_line(record.nct_id))
    return list(seen)


def copy_ids(records: Sequence[Record], sources: dict[str, str] | None = None) -> Clip:
    """NCT IDs one per line; with none among ``records``, one citation per published row.

    Args:
        records: the selection, in the order to copy.
        sources: table id -> ``source_reference`` text, appended to citations.
    """
    ids = unique_nct_ids(records)
    if ids:
        left_out = sum(1 for record in records if not record.nct_id)
        title = f"Copied {ids[0]}" if len(ids) == 1 else f"Copied {len(ids)} NCT IDs"
        message = preview(ids) if len(ids) > 1 else ""
        if left_out:
            note = f"({_count(left_out, 'row')} without an NCT ID left out)"
            message = f"{message}\n{note}" if message else note
        return Clip("\n".join(ids), title, message)
    if not records:
        return Clip("", "Nothing to copy", "No row is shown (the filter may hide every row).")
    sources = sources or {}
    citations = list(
        dict.fromkeys(row_citation(record, sources.get(record.table_id, "")) for record in records)
    )
    if len(records) == 1 and records[0].reference is not None:
        title = f"Copied citation of [{records[0].reference}]"
    else:
        title = f"Copied {_count(len(citations), 'citation')}"
    return Clip("\n".join(citations), title, preview(citations, PREVIEW_CHARS * 2))


def copy_urls(records: Sequence[Record]) -> Clip:
    """ClinicalTrials.gov addresses one per line; published rows have none, so nothing for them."""
    urls: dict[str, None] = {}
    for record in records:
        if record.url:
            urls.setdefault(safe_line(record.url))
    left_out = sum(1 for record in records if not record.nct_id)
    if not urls:
        if not records:
            return Clip("", "Nothing to copy", "No row is shown (the filter may hide every row).")
        what = "This published study has" if len(records) == 1 else "Published studies have"
        return Clip(
            "",
            "No ClinicalTrials.gov address",
            f"{what} no NCT ID, so no address; nothing copied (c copies a citation).",
        )
    items = list(urls)
    if len(items) == 1:
        title = f"Copied the address of {items[0].rsplit('/', 1)[-1]}"
    else:
        title = f"Copied {len(items)} ClinicalTrials.gov addresses"
    message = preview(items)
    if left_out:
        message += f"\n({_count(left_out, 'row')} without an NCT ID left out)"
    return Clip("\n".join(items), title, message)


def preview(items: Sequence[str], limit: int = PREVIEW_CHARS) -> str:
    """The items joined by commas while they fit in ``limit``; then ``… (+N)`` for the rest."""
    shown: list[str] = []
    used = 0
    for item in items:
        cost = len(item) + (2 if shown else 0)
        if shown and used + cost > limit:
            break
        shown.append(item)
        used += cost
    text = ", ".join(shown)
    rest = len(items) - len(shown)
    return f"{text}, … (+{rest})" if rest else text


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
