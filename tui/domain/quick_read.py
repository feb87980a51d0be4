"""A fast read of a large, clean dataset file, for the first frame at 100,000 rows.

The careful parser (``loader._parse_json``) runs Python hooks on every JSON object to catch
repeated keys, then checks the schema in Python, row by row. msgspec decodes and checks
types in C, into structs made here from the dataset's classes (so the fields are still
written once, in ``tui.domain.models``), and refuses unknown keys. But it keeps the last of a
repeated key without a word, so this read is used only when it can prove there was none;
anything else returns None, and the careful parser reads the file and names every problem.

The proof counts colons. Each key in JSON text is followed by one colon, and any other
colon sits inside a string. Re-encoding what was decoded writes one colon per key it kept
(an optional key the file left out stays out) and every colon of its strings, so a dropped
repeated key leaves the count short of the file's. Only an escaped colon (``\\u003a``)
could upset the count, so a file with one goes to the careful parser.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Sequence
from dataclasses import MISSING, fields, is_dataclass, replace
from functools import cache, cached_property
from typing import Any, get_args, get_origin, get_type_hints

from tui.domain.cell_store import StoredRows
from tui.domain.models import Citation, Dataset, Figure, SourceRow, SourceTable, source_rows

QUICK_READ_BYTES = 1024 * 1024
"""Files smaller than this skip the quick read: it gains little there, and importing msgspec
costs about 3 ms of the first frame."""

_NEEDS_CAREFUL_PARSER = re.compile(rb"\\u(?:003[aA]|[dD][89a-fA-F])")
"""An escaped colon would defeat the colon count; an escaped surrogate is a problem only
the careful parser names."""


def quick_read(
    data: bytes, max_integer_digits: int, min_bytes: int | None = None
) -> Dataset | None:
    """The dataset when the file is clean JSON that satisfies the schema, else None.

    Files under ``min_bytes`` (``QUICK_READ_BYTES`` unless given) are left to the careful
    parser.
    """
    decoded = quick_decode(data, min_bytes)
    if decoded is None or not decoded.proven(data, max_integer_digits):
        return None
    return decoded.dataset


class QuickDecode:
    """What msgspec decoded of a file, before the proof that nothing was dropped: nothing
    made of it may be used until ``proven`` says so."""

    def __init__(self, structs: Any) -> None:
        self._structs = structs

    @cached_property
    def dataset(self) -> Dataset:
        """The dataset's classes, a ``SourceRow`` per row, as ``models.build`` builds them."""
        return _dataset(self._structs)

    def stored(self) -> Dataset | None:
        """``stored_dataset(self.dataset, checked=True)``, made straight from the decoded
        rows, without a ``SourceRow`` per row first (``tui.domain.cell_store``); None if a
        table's rows cannot fill its columns (the loader's check then says why)."""
        tables = []
        unset = _unset()
        for table in self._structs.tables:
            source = _table(table, rows=[])
            notes = (None if row.note is unset else row.note for row in table.rows)
            try:
                rows = StoredRows.of(source.columns, table.rows, notes, checked=True)
            except ValueError:
                return None
            if rows is None:
                return None
            tables.append(replace(source, rows=rows))
        structs = self._structs
        return Dataset(citation=_citation(structs), figure=_figure(structs), tables=tables)

    def row_cells(self) -> list[list[dict[str, str]]]:
        """Each table's rows' cells, as decoded: what the loader checks against its columns."""
        return [[row.cells for row in table.rows] for table in self._structs.tables]

    def proven(self, data: bytes, max_integer_digits: int) -> bool:
        """Whether ``data`` (the file decoded) repeated no key, and the numbers are short
        enough: then what was decoded is what the careful parser would build."""
        import msgspec

        if msgspec.json.encode(self._structs).count(b":") != data.count(b":"):
            return False  # a repeated key was dropped
        return _within_schema_limits(self._structs, max_integer_digits)


def quick_decode(data: bytes, min_bytes: int | None = None) -> QuickDecode | None:
    """``data`` decoded by msgspec, types and keys checked, but not yet proven (see
    ``QuickDecode``); None for a small file, or one that only the careful parser can read."""
    smallest = QUICK_READ_BYTES if min_bytes is None else min_bytes
    if len(data) < smallest or _NEEDS_CAREFUL_PARSER.search(data):
        return None
    import msgspec

    body = memoryview(data)[len(codecs.BOM_UTF8) :] if data.startswith(codecs.BOM_UTF8) else data
    try:
        structs = msgspec.json.decode(body, type=_struct_of(Dataset))
    except (msgspec.DecodeError, msgspec.ValidationError, RecursionError, ValueError):
        return None  # not JSON, not UTF-8, a wrong type or key: the careful parser says which
    return QuickDecode(structs)


@cache
def _struct_of(model: type) -> Any:
    """A msgspec struct with ``model``'s fields, nested classes as structs too.

    An optional field defaults to UNSET and is left out when encoded, so the re-encoding
    holds exactly the keys the file held.
    """
    import msgspec

    def field_type(hint: Any) -> Any:
        if is_dataclass(hint):
            return _struct_of(hint)  # type: ignore[arg-type]
        if get_origin(hint) in (list, Sequence) and is_dataclass(get_args(hint)[0]):
            return list[_struct_of(get_args(hint)[0])]  # type: ignore[misc]
        return hint

    hints = get_type_hints(model)
    spec: list[Any] = []
    for field in fields(model):
        kind = field_type(hints[field.name])
        if field.default is MISSING:
            spec.append((field.name, kind))
        else:
            spec.append((field.name, kind | msgspec.UnsetType, msgspec.UNSET))
    return msgspec.defstruct(
        f"_{model.__name__}Struct", spec, omit_defaults=True, forbid_unknown_fields=True
    )


def _unset() -> Any:
    import msgspec

    return msgspec.UNSET


def _plain(value: Any) -> Any:
    return None if value is _unset() else value


def _citation(decoded: Any) -> Citation:
    return Citation(**{f.name: getattr(decoded.citation, f.name) for f in fields(Citation)})


def _figure(decoded: Any) -> Figure:
    return Figure(**{f.name: getattr(decoded.figure, f.name) for f in fields(Figure)})


def _table(decoded: Any, rows: list[SourceRow]) -> SourceTable:
    """A decoded table as a ``SourceTable`` holding ``rows``."""
    return SourceTable(
        **{
            f.name: _plain(getattr(decoded, f.name))
            for f in fields(SourceTable)
            if f.name != "rows"
        },
        rows=rows,
    )


def _dataset(decoded: Any) -> Dataset:
    """The dataset's classes of the decoded structs; rows built as ``models.build`` builds them."""
    return Dataset(
        citation=_citation(decoded),
        figure=_figure(decoded),
        tables=[_table(table, _rows(table.rows)) for table in decoded.tables],
    )


def _rows(decoded: list[Any]) -> list[SourceRow]:
    unset = _unset()
    return source_rows((row.cells, None if row.note is unset else row.note) for row in decoded)


def _within_schema_limits(decoded: Any, max_integer_digits: int) -> bool:
    """What the schema asks beyond types: a table at least, headings in each, short numbers.

    The careful parser refuses an integer of more digits than the limit; so must this read.
    """
    limit = 10**max_integer_digits
    values = (getattr(decoded.citation, field.name) for field in fields(Citation))
    numbers = [value for value in values if type(value) is int]  # a file's only numbers
    return (
        bool(decoded.tables)
        and all(table.columns for table in decoded.tables)
        and all(-limit < number < limit for number in numbers)
    )
