"""A dataset as the program uses it: plain frozen classes, one per object of the JSON file.

They are the one place the fields are written: ``tui.domain.schema`` builds its pydantic
models from them. ``conforms`` is a quick, strict check of parsed JSON against that schema: a file
that passes it is one pydantic would accept unchanged, so the loader builds these classes
directly and imports pydantic (a tenth of a second) only to explain a file that fails.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any, Literal

TableId = Literal["published", "phase1", "phase2"]
TABLE_IDS: tuple[TableId, ...] = ("published", "phase1", "phase2")


@dataclass(frozen=True)
class Citation:
    """The article the data was transcribed from, as printed on its first page."""

    journal: str
    journal_abbreviation: str
    issn_print: str
    issn_online: str
    access: str
    copyright: str
    site: str
    article_type: str
    volume: int
    issue: int
    month: str
    year: int
    pages: str
    title: str


@dataclass(frozen=True)
class Figure:
    """A figure's label and its legend, verbatim."""

    label: str
    legend: str


@dataclass(frozen=True, slots=True)
class SourceRow:
    """One printed row: its cells verbatim, keyed by the column headings in source order."""

    # A dictionary as parsed; once ``load_dataset`` has checked the file, a
    # ``tui.domain.cell_store.RowCells`` (the same cells, kept compactly).
    cells: Mapping[str, str]
    note: str | None = None


@dataclass(frozen=True)
class SourceTable:
    """One printed table with its title, headings, footnote and rows."""

    id: TableId
    label: str
    title: str
    columns: list[str]
    footnote: str
    rows: Sequence[SourceRow]  # a list as parsed; ``cell_store.StoredRows`` once loaded
    nct_column: str | None = None
    outcome_column: str | None = None
    note: str | None = None


def footnote_source(label: str) -> str:
    """Provenance label for a table footnote (its abbreviations' source)."""
    return f"{label} footnote"


@dataclass(frozen=True)
class Dataset:
    """A whole dataset file: the citation, the figure legend and the tables."""

    citation: Citation
    figure: Figure
    tables: list[SourceTable]


# -- the quick check and the build ----------------------------------------------------------

_INT = "int"  # a field's type as annotated (a string: annotations are postponed)
_CITATION = {f.name: f.type for f in fields(Citation)}
_TABLE_KEYS = {f.name for f in fields(SourceTable)}
_TABLE_REQUIRED = {"id", "label", "title", "columns", "footnote", "rows"}


def _is_str(value: Any) -> bool:
    return type(value) is str


def _is_int(value: Any) -> bool:
    return type(value) is int  # strict: not bool, not float


def _is_optional_str(value: Any) -> bool:
    return value is None or type(value) is str


def _is_object(value: Any, required: set[str], allowed: set[str]) -> bool:
    return isinstance(value, dict) and required <= value.keys() <= allowed


def conforms(raw: Any) -> bool:
    """Whether parsed JSON certainly satisfies the schema (strict types, no unknown keys).

    False means "not certainly": the loader then asks pydantic, which says what is wrong.
    """
    if not _is_object(raw, {"citation", "figure", "tables"}, {"citation", "figure", "tables"}):
        return False
    citation, figure, tables = raw["citation"], raw["figure"], raw["tables"]
    if not _is_object(citation, set(_CITATION), set(_CITATION)):
        return False
    if not all(
        (_is_int if kind == _INT else _is_str)(citation[name]) for name, kind in _CITATION.items()
    ):
        return False
    if not _is_object(figure, {"label", "legend"}, {"label", "legend"}):
        return False
    if not (_is_str(figure["label"]) and _is_str(figure["legend"])):
        return False
    return type(tables) is list and len(tables) >= 1 and all(map(_table_conforms, tables))


def _table_conforms(table: Any) -> bool:
    if not _is_object(table, _TABLE_REQUIRED, _TABLE_KEYS):
        return False
    if table["id"] not in TABLE_IDS or not _is_str(table["id"]):
        return False
    if not all(_is_str(table[name]) for name in ("label", "title", "footnote")):
        return False
    if not all(
        _is_optional_str(table.get(name)) for name in ("nct_column", "outcome_column", "note")
    ):
        return False
    columns, rows = table["columns"], table["rows"]
    if type(columns) is not list or not columns or not all(map(_is_str, columns)):
        return False
    return type(rows) is list and all(map(_row_conforms, rows))


def _row_conforms(row: Any) -> bool:
    """Checked once per row of a 100,000-row file: plain loops, no generator per cell, and
    the row's keys counted rather than compared as a set. A dict subclass is left to
    pydantic (the parser makes one only for an object with a repeated key)."""
    if type(row) is not dict or "cells" not in row:
        return False
    if len(row) != 1:
        if len(row) != 2 or "note" not in row:
            return False
        note = row["note"]
        if note is not None and type(note) is not str:
            return False
    cells = row["cells"]
    if type(cells) is not dict:
        return False
    for key, value in cells.items():
        if type(key) is not str or type(value) is not str:
            return False
    return True


def build(raw: dict[str, Any]) -> Dataset:
    """The dataset of parsed JSON that ``conforms`` (or that pydantic validated)."""
    return Dataset(
        citation=Citation(**raw["citation"]),
        figure=Figure(**raw["figure"]),
        tables=[
            SourceTable(
                **{key: value for key, value in table.items() if key != "rows"},
                rows=_source_rows(table["rows"]),
            )
            for table in raw["tables"]
        ],
    )


_SET_CELLS = vars(SourceRow)["cells"].__set__  # the slots' descriptors
_SET_NOTE = vars(SourceRow)["note"].__set__


def _source_rows(rows: list[dict[str, Any]]) -> list[SourceRow]:
    """``[SourceRow(row["cells"], row.get("note")) for row in rows]``; the parsed
    dictionaries themselves are kept (a copy per row would double them)."""
    return source_rows((row["cells"], row.get("note")) for row in rows)


def source_rows(cells_and_notes: Iterable[tuple[dict[str, str], str | None]]) -> list[SourceRow]:
    """``[SourceRow(cells, note) for cells, note in cells_and_notes]``, a third faster.

    The slots are filled through their descriptors, as the frozen class's ``__init__`` does
    through ``object.__setattr__``, but without a call per row: 100,000 rows are built
    before the first frame.
    """
    made: list[SourceRow] = []
    append, new = made.append, object.__new__
    for cells, note in cells_and_notes:
        source_row = new(SourceRow)
        _SET_CELLS(source_row, cells)
        _SET_NOTE(source_row, note)
        append(source_row)
    return made
