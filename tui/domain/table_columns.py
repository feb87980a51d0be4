"""The columns of an evidence table: reading a record, fitting widths, sorting (no Textual)."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from tui.domain import Record
from tui.domain.registry import RegistryRecord
from tui.domain.sanitize import safe_line

MAX_COLUMN_WIDTH = 60
MIN_COLUMN_WIDTH = 12
REGISTRY_STATUS = "Registry status"
UNKNOWN_STATUS = "-"
WIDTH_SAMPLE = 300
"""Rows measured for the widths at most: all of a table up to this, else a spread sample."""


def cell_len(text: str) -> int:
    """Terminal cells ``text`` takes: wide East Asian characters two, combining marks none.

    The domain imports no UI library, so this is the plain rule rather than Rich's table.
    """
    return sum(
        0 if unicodedata.combining(char) else 2 if unicodedata.east_asian_width(char) in "WF" else 1
        for char in text
    )


@dataclass(frozen=True)
class Column:
    """A displayed column: a source heading as printed, or a derived one (Ref, n)."""

    heading: str
    derived: bool = False

    def value(self, record: Record) -> str | int | None:
        """The record's value in this column (a number for Ref and n, None when absent)."""
        if self.derived and self.heading == "Ref":
            return record.reference
        if self.derived and self.heading == "n":
            return record.n
        return record.cells.get(self.heading, "")

    def text(self, record: Record) -> str:
        value = self.value(record)
        return "" if value is None else str(value)


@dataclass(frozen=True)
class RegistryStatusColumn(Column):
    """Today's status from the registry cache ("Recruiting"), "-" when it says nothing.

    Derived, and not from the review: the value is the cached ClinicalTrials.gov record's.
    """

    heading: str = REGISTRY_STATUS
    derived: bool = True
    registry: Mapping[str, RegistryRecord] = field(default_factory=dict, compare=False)

    def value(self, record: Record) -> str | int | None:
        """The status as the registry words it; None (sorted last) when unknown."""
        entry = self.registry.get(record.nct_id or "") if record.nct_id else None
        return entry.status_text if entry is not None and entry.status else None

    def text(self, record: Record) -> str:
        value = self.value(record)
        return UNKNOWN_STATUS if value is None else str(value)


def columns_for(
    headings: Sequence[str],
    records: Sequence[Record],
    registry: Mapping[str, RegistryRecord] | None = None,
) -> list[Column]:
    """The source headings, then Ref and n where any record has them.

    With a registry cache (NCT ID -> record), a "Registry status" column follows where any
    record has an NCT ID; without one there is no such column (nothing to show but dashes).
    """
    columns = [Column(heading) for heading in headings]
    if _may_cite(records) and any(record.reference is not None for record in records):
        columns.append(Column("Ref", derived=True))
    if any(record.n is not None for record in records):
        columns.append(Column("n", derived=True))
    if registry is not None and any(record.nct_id for record in records):
        columns.append(RegistryStatusColumn(registry=registry))
    return columns


def _may_cite(records: Sequence[Record]) -> bool:
    """False for a trial table's rows, which never have a reference, so 60,000 of them are
    not asked one by one (every record of a table shares its table's derivation)."""
    derive = records[0].derive if records else None
    return derive is None or not derive.nct_column


def natural_widths(columns: Sequence[Column], records: Sequence[Record]) -> list[int]:
    """Each column's widest value or heading (plus room for a sort arrow), capped.

    Up to ``WIDTH_SAMPLE`` rows every row is measured (the shipped tables, exactly); a
    larger table measures ``width_sample`` of them, so mounting costs the same at 100,000
    rows as at 300 (a width is a layout choice: a longer cell is cut with an ellipsis).
    """
    measured = width_sample(records)
    return [_natural_width(column, measured) for column in columns]


def width_sample(records: Sequence[Record], size: int = WIDTH_SAMPLE) -> Sequence[Record]:
    """Every record, or the first ``size // 2`` and ``size // 2`` spread over the rest."""
    if len(records) <= size:
        return records
    head = size // 2
    step = (len(records) - head) / (size - head)
    return [*records[:head], *(records[head + int(i * step)] for i in range(size - head))]


def _natural_width(column: Column, records: Sequence[Record]) -> int:
    """Stops at the cap, and measures printable ASCII by length: 10,000 rows take a moment."""
    widest = max(cell_len(column.heading) + 2, 1)
    for record in records:
        if widest >= MAX_COLUMN_WIDTH:
            return MAX_COLUMN_WIDTH
        text = column.text(record)
        if text.isascii() and text.isprintable():
            width = len(text)  # no controls to stand in for, one cell per character
        else:
            width = cell_len(safe_line(text))
        widest = max(widest, width)
    return min(MAX_COLUMN_WIDTH, widest)


def fit_widths(columns: Sequence[Column], natural: Sequence[int], width: int) -> list[int]:
    """Widths within ``width``: short columns whole, long ones share what is left."""
    widths = list(natural)
    # 2 cells of padding per column, the marker column and the scrollbar.
    room = width - 2 * len(widths) - 3 - 2
    pending = sorted(range(len(widths)), key=widths.__getitem__)
    while pending:
        share = room // len(pending)
        index = pending.pop(0)
        if columns[index].derived or widths[index] <= share:
            room -= widths[index]
            continue
        for shared in [index, *pending]:
            widths[shared] = max(MIN_COLUMN_WIDTH, min(widths[shared], share))
        break
    return widths


def sort_records(records: Sequence[Record], column: Column, reverse: bool) -> list[Record]:
    """Sorted by ``column``: numbers numerically, text case-insensitively, blanks always last."""
    present = [r for r in records if column.value(r) not in (None, "")]
    missing = [r for r in records if column.value(r) in (None, "")]
    present.sort(key=lambda r: sort_key(column.value(r)), reverse=reverse)
    return present + missing


def sort_key(value: str | int | None) -> tuple[int, float | str]:
    """Numbers before text, numbers numerically, text case-insensitively."""
    if isinstance(value, int | float):
        return (0, value)
    return (1, (value or "").casefold())
