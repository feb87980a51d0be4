"""A table's cells in one buffer read back exactly as they were parsed, and the loader keeps
every table that way (the memory of a 100,000-row dataset; see ``tui.domain.cell_store``)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.domain import load_dataset, load_evidence
from tui.domain.cell_store import RowCells, StoredRows, TableCells, stored, stored_dataset
from tui.domain.glossary import _INLINE
from tui.domain.models import SourceRow, SourceTable
from tui.resources import default_data_path

# Any text a JSON string can hold, the separator, wide characters and lone surrogates too.
TEXTS = st.text(st.characters(codec=None, exclude_categories=()), max_size=12) | st.sampled_from(
    ["", "\x00", "a\x00b", "(MOMP)", "CR (AYA)", "≥ 18", "\ud800", "NCT01234567"]
)


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[str], list[list[str]]]:
    width = draw(st.integers(1, 4))
    columns = [f"c{at}" for at in range(width)]
    rows = draw(st.lists(st.lists(TEXTS, min_size=width, max_size=width), max_size=8))
    return columns, rows


def _stored(columns: list[str], rows: list[list[str]]) -> TableCells:
    return TableCells(columns, [value for row in rows for value in row])


def _found_cell_by_cell(rows: list[list[str]], pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """(row, column) of each cell ``pattern`` finds a match in, searched on its own."""
    return [
        (at, column)
        for at, row in enumerate(rows)
        for column, text in enumerate(row)
        if pattern.search(text)
    ]


@given(tables())
def test_every_cell_reads_back_as_it_was_given(table: tuple[list[str], list[list[str]]]) -> None:
    columns, rows = table
    cells = _stored(columns, rows)
    assert cells.rows == len(rows)
    for at, row in enumerate(rows):
        assert cells.row_values(at) == tuple(row)
        assert [cells.value(at, column) for column in range(len(columns))] == row
    for column in range(len(columns)):
        assert cells.column(column) == [row[column] for row in rows]


PATTERNS = [
    _INLINE,
    re.compile("a"),
    re.compile(r"\d+"),
    re.compile("é"),
    re.compile(""),
    re.compile("."),
]


@given(tables(), st.sampled_from(PATTERNS))
def test_matching_finds_the_cells_a_search_of_each_cell_finds(
    table: tuple[list[str], list[list[str]]], pattern: re.Pattern[str]
) -> None:
    columns, rows = table
    cells = _stored(columns, rows)
    expected = _found_cell_by_cell(rows, pattern)
    assert list(cells.matching(pattern)) == expected
    if pattern.pattern.isascii() and pattern.pattern.isalpha():  # a word matches only ASCII
        assert list(cells.matching(pattern, ascii_only=True)) == expected


@given(tables())
def test_the_inline_definitions_pattern_is_found_in_utf_8_as_in_text(
    table: tuple[list[str], list[list[str]]],
) -> None:
    columns, rows = table
    rows = [
        [f"é {value} (ALL)" if at % 2 else value for at, value in enumerate(row)] for row in rows
    ]
    cells = _stored(columns, rows)
    expected = _found_cell_by_cell(rows, _INLINE)
    assert list(cells.matching(_INLINE, ascii_only=True)) == expected


@given(tables())
def test_a_stored_row_is_the_mapping_it_was_parsed_as(
    table: tuple[list[str], list[list[str]]],
) -> None:
    columns, rows = table
    parsed = [dict(zip(columns, row, strict=True)) for row in rows]
    cells = _stored(columns, rows)
    for at, expected in enumerate(parsed):
        view = RowCells(cells, at)
        assert view == expected and expected == view and dict(view) == expected
        assert list(view) == columns and len(view) == len(columns)
        assert list(view.values()) == list(expected.values())
        assert list(view.items()) == list(expected.items())
        assert all(heading in view for heading in columns)
        assert "nope" not in view and 3 not in view and view.get("nope") is None
        assert view.get(columns[0]) == expected[columns[0]]
        with pytest.raises(KeyError):
            view["nope"]
        assert view != {**expected, columns[0]: expected[columns[0]] + "x"}


def test_stored_rows_index_slice_and_notes_like_the_list_they_replace() -> None:
    rows = [SourceRow({"a": "1"}), SourceRow({"a": "2"}, note="checked"), SourceRow({"a": "3"})]
    table = stored(SourceTable("published", "Table 1", "T", ["a"], "", rows))
    kept = table.rows
    assert isinstance(kept, StoredRows)
    assert kept == rows and rows == list(kept) and len(kept) == 3
    assert kept[1].note == "checked" and kept[0].note is None and kept.note(1) == "checked"
    assert kept[-1] == rows[-1] and kept[0:2] == rows[0:2] and kept[::-1] == rows[::-1]
    with pytest.raises(IndexError):
        kept[3]
    assert kept != rows[:2] and kept != [*rows[:2], SourceRow({"a": "4"})]
    assert kept != ["not", "rows", "!"] and kept != "abc"
    assert stored(table) is table


@pytest.mark.parametrize(
    "cells",
    [
        [{"a": "1", "b": "2"}, {"b": "2", "a": "1"}],  # out of order
        [{"a": "1", "b": "2"}, {"a": "1"}],  # a cell missing
        [{"a": "1", "b": "2"}, {"a": "1", "b": "2", "c": "3"}],  # one too many
    ],
)
def test_a_table_whose_rows_do_not_fit_its_headings_is_left_as_it_is(cells: list[dict]) -> None:
    table = SourceTable("published", "Table 1", "T", ["a", "b"], "", [SourceRow(c) for c in cells])
    assert stored(table) is table


def test_the_loader_keeps_every_table_in_one_buffer(tmp_path: Path) -> None:
    raw = json.loads(default_data_path().read_text(encoding="utf-8"))
    cell = raw["tables"][0]["rows"][0]["cells"]
    cell["Population"] = "NUL \x00 inside, wide ≥ and 😀 too"
    path = tmp_path / "odd.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    dataset = load_dataset(path)
    assert all(isinstance(table.rows, StoredRows) for table in dataset.tables)
    for table, parsed in zip(dataset.tables, raw["tables"], strict=True):
        assert [dict(row.cells) for row in table.rows] == [row["cells"] for row in parsed["rows"]]
        assert [row.note for row in table.rows] == [row.get("note") for row in parsed["rows"]]
    assert stored_dataset(dataset) == dataset


def test_records_read_their_cells_note_and_nct_id_from_the_store() -> None:
    evidence = load_evidence(default_data_path())
    raw = json.loads(default_data_path().read_text(encoding="utf-8"))
    for table in raw["tables"]:
        for record, row in zip(evidence.records[table["id"]], table["rows"], strict=True):
            assert dict(record.cells) == row["cells"]
            assert record.note == row.get("note")
            nct = table.get("nct_column")
            assert record.nct_id == (row["cells"][nct] if nct else None)


ASCII_TEXTS = st.text(st.characters(max_codepoint=127), max_size=12) | st.sampled_from(
    ["", "\x00", "a\x00b", "CR (AYA)", "Ph+ ALL", "x" * 30]
)


@given(
    st.integers(1, 4).flatmap(
        lambda width: st.tuples(
            st.just(width),
            st.lists(st.lists(ASCII_TEXTS | TEXTS, min_size=width, max_size=width), max_size=9),
        )
    ),
    st.integers(1, 4),
    st.integers(5, 40),
)
def test_rows_folded_at_once_are_each_row_folded_alone(
    table: tuple[int, list[list[str]]], chunk: int, longest: int
) -> None:
    """What a record would fold from its cells, row by row; None where it folds another
    text (a cell over ``longest``) and for every row unless the buffer is one ASCII string
    split at its separators."""
    width, rows = table
    cells = _stored([f"c{at}" for at in range(width)], rows)
    folded = cells.folded_rows(longest, chunk=chunk)
    values = [value for row in rows for value in row]
    if not all(value.isascii() and "\x00" not in value for value in values):
        assert folded is None
        return
    assert folded == [
        None if max(map(len, row)) > longest else "\n".join(row).casefold() for row in rows
    ]


@given(
    st.integers(1, 4).flatmap(
        lambda width: st.tuples(
            st.just(width),
            st.lists(st.lists(ASCII_TEXTS | TEXTS, min_size=width, max_size=width), max_size=9),
        )
    ),
    st.sampled_from([" ", "\n", ""]),
)
def test_a_row_cut_out_whole_is_its_cells_joined(
    table: tuple[int, list[list[str]]], joiner: str
) -> None:
    """One slice of the buffer, for ASCII and UTF-8 buffers alike, and the cells joined one by
    one where a cell holds the separator."""
    width, rows = table
    cells = _stored([f"c{at}" for at in range(width)], rows)
    assert [cells.row_text(at, joiner) for at in range(len(rows))] == [
        joiner.join(row) for row in rows
    ]
