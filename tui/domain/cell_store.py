"""A table's cells kept in one buffer, for the memory of a 100,000-row dataset.

Decoded JSON keeps a dictionary per row and a string object per cell: about 480 bytes a
row at 100,000 rows, most of it object headers. Here a table's cells are joined, in row
order, into one string (one byte a character when every cell is ASCII, else UTF-8 bytes)
with an array of the length before each cell: about 150 bytes a row. A cell is cut out when it
is read (a row on screen, an export, the derivations of ``tui.domain.records``, each of
which remembers what it derives).

Only tables whose every row has exactly the table's headings, in order, are stored this
way (the loader guarantees it of every file it accepts); ``stored`` leaves any other table
as it is, so a hand-made dataset in a test keeps its rows exactly.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import ItemsView, Iterable, Iterator, Mapping, Sequence, ValuesView
from dataclasses import replace
from itertools import accumulate, chain
from operator import methodcaller
from typing import Any, overload

from tui.domain.models import Dataset, SourceRow, SourceTable

_SEPARATOR = "\x00"
"""Between two cells in the buffer. A table with a cell that holds one is still stored,
and read cell by cell (``TableCells._separated``)."""
_values = methodcaller("values")
_ERRORS = "surrogatepass"  # a hand-made cell may hold one; the loader refuses them in files


class TableCells:
    """Every cell of a table, row after row, in one buffer, and where each cell starts."""

    __slots__ = ("columns", "rows", "_column_at", "_buffer", "_lengths", "_splits")

    def __init__(self, columns: Sequence[str], values: Sequence[str]) -> None:
        """``values``: every row's cells in column order, row after row."""
        self.columns: tuple[str, ...] = tuple(columns)
        width = len(self.columns)
        if not width or len(values) % width:
            raise ValueError("values must fill whole rows of the columns")
        self.rows = len(values) // width
        self._column_at = {heading: at for at, heading in enumerate(self.columns)}
        text = _SEPARATOR.join(values)
        self._buffer: str | bytes
        if text.isascii():
            self._buffer, lengths = text, map(len, values)
        else:
            self._buffer = text.encode("utf-8", _ERRORS)
            lengths = map(len, (value.encode("utf-8", _ERRORS) for value in values))
        # The length of the cells before each cell, and of them all: cell k starts at
        # _lengths[k] + k (after k separators) and ends at _lengths[k + 1] + k. Lengths
        # alone are summed in C, twice as fast as the offsets.
        kind = "I" if len(self._buffer) < 2**32 - 1 else "Q"
        self._lengths = array(kind, accumulate(lengths, initial=0))
        self._splits: bool | None = None
        """Whether no cell holds the separator, so that a row's slice splits into its
        cells (faster than cutting each cell out): found when first asked, after the
        first frame."""

    @classmethod
    def of(
        cls, columns: Sequence[str], rows: Sequence[SourceRow], checked: bool = False
    ) -> TableCells | None:
        """The cells of ``rows``, or None unless each has exactly ``columns``, in order.

        ``checked``: the caller knows they do (the loader has checked every row).
        """
        cells = [row.cells for row in rows]
        headings = list(columns)
        if not headings:
            return None
        if not checked and list(map(list, cells)).count(headings) != len(cells):
            return None
        every_dict = set(map(type, cells)) <= {dict}  # dict.values is the quicker call
        values = map(dict.values if every_dict else _values, cells)  # type: ignore[arg-type]
        return cls(headings, list(chain.from_iterable(values)))

    def value(self, row: int, column: int) -> str:
        """The text of one cell."""
        return self._cell(row * len(self.columns) + column)

    def row_values(self, row: int) -> tuple[str, ...]:
        """The texts of one row's cells, in column order."""
        text = self._row_slice(row)
        if text is None:
            first = row * len(self.columns)
            return tuple(self._cell(at) for at in range(first, first + len(self.columns)))
        return tuple(text.split(_SEPARATOR))

    def row_text(self, row: int, joiner: str) -> str:
        """One row's cells joined by ``joiner``: ``joiner.join(self.row_values(row))``,
        cut out of the buffer in one slice where no cell holds the separator."""
        text = self._row_slice(row)
        return (
            joiner.join(self.row_values(row)) if text is None else text.replace(_SEPARATOR, joiner)
        )

    def _row_slice(self, row: int) -> str | None:
        """One row's cells as the buffer holds them, separators between; None if a cell
        holds the separator (then the slice does not split into the row's cells)."""
        if not self._separated():
            return None
        first = row * len(self.columns)
        start, stop = self._span(first, first + len(self.columns))
        part = self._buffer[start:stop]
        return part if isinstance(part, str) else part.decode("utf-8", _ERRORS)

    def folded_rows(self, longest: int, chunk: int = 2_000) -> list[str | None] | None:
        """Each row's cells joined by newlines and case-folded, as a record folds them, for
        every row at once: None for a row with a cell longer than ``longest`` (it folds
        another text); None for them all unless the buffer is one ASCII string, whose
        case-folding keeps every offset (``lower``). A few thousand rows are folded at a
        time, so no second buffer of the whole table is made."""
        buffer = self._buffer
        if not isinstance(buffer, str) or not buffer.isascii() or not self._separated():
            return None
        width, lengths, span = len(self.columns), self._lengths, self._span
        out: list[str | None] = []
        for first_row in range(0, self.rows, chunk):
            rows = range(first_row, min(first_row + chunk, self.rows))
            start, stop = span(first_row * width, rows[-1] * width + width)
            part = buffer[start:stop].lower().replace(_SEPARATOR, "\n")
            for row in rows:
                first, end = row * width, row * width + width
                cut, to = span(first, end)
                text = part[cut - start : to - start]
                if len(text) > longest and any(
                    lengths[at + 1] - lengths[at] > longest for at in range(first, end)
                ):
                    out.append(None)
                else:
                    out.append(text)
        return out

    def _span(self, first: int, end: int) -> tuple[int, int]:
        """Where cells ``first`` up to ``end`` (not included) lie in the buffer, the
        separators between them included."""
        return self._lengths[first] + first, self._lengths[end] + end - 1

    def _separated(self) -> bool:
        """Whether no cell holds the separator: found once, when first asked."""
        if self._splits is None:
            buffer = self._buffer
            separators = (
                buffer.count(_SEPARATOR)
                if isinstance(buffer, str)
                else buffer.count(_SEPARATOR.encode())
            )
            self._splits = separators == max(0, self.rows * len(self.columns) - 1)
        return self._splits

    def column(self, column: int) -> list[str]:
        """The texts of one column's cells, row after row."""
        width = len(self.columns)
        return [self._cell(at) for at in range(column, self.rows * width, width)]

    def column_at(self, heading: str) -> int | None:
        return self._column_at.get(heading)

    def matching(
        self, pattern: re.Pattern[str], ascii_only: bool = False
    ) -> Iterator[tuple[int, int]]:
        """(row, column) of each cell in which ``pattern`` finds a match, in order: what a
        search of each cell finds, for a pattern without anchors or lookaround.

        The buffer is searched in one pass, not once per cell: the separators before a
        match say whose cell it is in, and a match that runs into the next cell is checked
        against its own cell alone. A UTF-8 buffer is searched so only if ``ascii_only``
        says the pattern matches nothing but ASCII characters (UTF-8 writes every other
        character without an ASCII byte), else cell by cell.
        """
        width, buffer = len(self.columns), self._buffer
        if not self.rows:
            return
        wide = not isinstance(buffer, str)
        if (wide and not ascii_only) or not self._separated():
            search = pattern.search
            for at in range(self.rows * width):
                if search(self._cell(at)):
                    yield divmod(at, width)
            return
        finder: Any = pattern  # the buffer's kind: str, or bytes for UTF-8
        separator: Any = _SEPARATOR
        if wide:
            flags = pattern.flags & ~re.UNICODE
            finder = re.compile(pattern.pattern.encode("ascii"), flags)
            separator = _SEPARATOR.encode()
        lengths, at = self._lengths, 0
        counted = position = 0  # the cell ``counted`` is in
        while position <= len(buffer) and (match := finder.search(buffer, position)) is not None:
            at += buffer.count(separator, counted, match.start())
            end = lengths[at + 1] + at
            if match.end() <= end or pattern.search(self._cell(at)):
                yield divmod(at, width)
            at, counted = at + 1, end + 1
            position = counted

    def _cell(self, at: int) -> str:
        part = self._buffer[self._lengths[at] + at : self._lengths[at + 1] + at]
        return part if isinstance(part, str) else part.decode("utf-8", _ERRORS)


class RowCells(Mapping[str, str]):
    """One stored row's cells, heading -> text in column order, read from its table."""

    __slots__ = ("_table", "_row")

    def __init__(self, table: TableCells, row: int) -> None:
        self._table, self._row = table, row

    def __getitem__(self, heading: str) -> str:
        column = self._table.column_at(heading)
        if column is None:
            raise KeyError(heading)
        return self._table.value(self._row, column)

    def __iter__(self) -> Iterator[str]:
        return iter(self._table.columns)

    def __len__(self) -> int:
        return len(self._table.columns)

    def __contains__(self, heading: object) -> bool:
        return isinstance(heading, str) and self._table.column_at(heading) is not None

    def values(self) -> ValuesView[str]:
        return _RowValues(self, self._table.row_values(self._row))

    def items(self) -> ItemsView[str, str]:
        return _RowItems(self, self._table.row_values(self._row))

    def __repr__(self) -> str:
        return f"RowCells({dict(self.items())!r})"


class _RowValues(ValuesView[str]):
    """A row's values cut out once, not once per heading."""

    __slots__ = ("_values",)

    def __init__(self, row: RowCells, values: tuple[str, ...]) -> None:
        super().__init__(row)
        self._values = values

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __contains__(self, value: object) -> bool:
        return value in self._values


class _RowItems(ItemsView[str, str]):
    """A row's (heading, text) pairs, its values cut out once."""

    __slots__ = ("_headings", "_values")

    def __init__(self, row: RowCells, values: tuple[str, ...]) -> None:
        super().__init__(row)
        self._headings, self._values = row, values

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return zip(self._headings, self._values, strict=True)


class StoredRows(Sequence[SourceRow]):
    """A table's rows over its ``TableCells``; a row and its cells are made when read.

    The notes are kept in a buffer of their own as well: a parsed note kept alive would
    keep the memory of the parsed cells around it from being given back.
    """

    __slots__ = ("cells", "_notes", "_noted")

    def __init__(self, cells: TableCells, notes: Mapping[int, str]) -> None:
        self.cells = cells
        self._noted = {row: at for at, row in enumerate(notes)}
        self._notes = TableCells(("note",), list(notes.values()))

    @classmethod
    def of(
        cls,
        columns: Sequence[str],
        rows: Sequence[Any],
        notes: Iterable[str | None],
        checked: bool = False,
    ) -> StoredRows | None:
        """``rows`` (anything with ``cells``) stored, with ``notes``, each row's note or
        None in row order; None if they do not fit ``TableCells.of``."""
        cells = TableCells.of(columns, rows, checked)
        if cells is None:
            return None
        return cls(cells, {at: note for at, note in enumerate(notes) if note is not None})

    def __len__(self) -> int:
        return self.cells.rows

    @overload
    def __getitem__(self, index: int) -> SourceRow: ...

    @overload
    def __getitem__(self, index: slice) -> list[SourceRow]: ...

    def __getitem__(self, index: int | slice) -> SourceRow | list[SourceRow]:
        if isinstance(index, slice):
            return [self[at] for at in range(*index.indices(len(self)))]
        if not 0 <= index < len(self):  # IndexError, and negative indexes, as a list has them
            index = range(len(self))[index]
        # The view keeps ``index`` itself, the int the row's record holds: 100,000 rows
        # would otherwise hold 100,000 more.
        return SourceRow(RowCells(self.cells, index), self.note(index))

    def note(self, row: int) -> str | None:
        at = self._noted.get(row)
        return None if at is None else self._notes.value(at, 0)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str | bytes):
            return NotImplemented
        return len(self) == len(other) and all(
            mine == theirs for mine, theirs in zip(self, other, strict=True)
        )

    __hash__ = None  # type: ignore[assignment]  # equal to a list of the same rows

    def __repr__(self) -> str:
        return f"StoredRows({self.cells.rows} rows of {list(self.cells.columns)!r})"


def stored(table: SourceTable, checked: bool = False) -> SourceTable:
    """``table`` with its rows in a ``TableCells``, or ``table`` itself if they do not fit
    (``checked``: the caller knows they do)."""
    if isinstance(table.rows, StoredRows):
        return table
    notes = (row.note for row in table.rows)
    rows = StoredRows.of(table.columns, table.rows, notes, checked)
    return table if rows is None else replace(table, rows=rows)


def stored_dataset(dataset: Dataset, checked: bool = False) -> Dataset:
    """``dataset`` with every table that fits ``TableCells`` stored in one (``checked``: the
    caller knows every row has its table's headings, in order)."""
    return replace(dataset, tables=[stored(table, checked) for table in dataset.tables])
