"""The quick read of large files never accepts what the careful parser refuses.

It decodes with msgspec, which keeps the last of a repeated key silently, so everything it
accepts must be exactly what the careful parser builds, and a repeated key anywhere must
send the file to the careful parser, which names it.
"""

from __future__ import annotations

import copy
import json
import tempfile
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.domain import DataError, Dataset, load_dataset, loader, quick_read
from tui.domain.models import SourceRow, SourceTable
from tui.resources import default_data_path

SHIPPED = json.loads(default_data_path().read_text(encoding="utf-8"))


def read_quickly(text: str) -> Any:
    """The quick read of ``text`` whatever its size."""
    return quick_read.quick_read(text.encode("utf-8"), loader.MAX_INTEGER_DIGITS, min_bytes=0)


def read_carefully(text: str) -> Any:
    return loader._careful_read(text, "data.json")


def large_dataset(rows: int) -> dict[str, Any]:
    """The shipped dataset with its published table's rows repeated, past a megabyte."""
    data = copy.deepcopy(SHIPPED)
    published = data["tables"][0]["rows"]
    data["tables"][0]["rows"] = [copy.deepcopy(published[i % len(published)]) for i in range(rows)]
    return data


def test_a_large_clean_file_takes_the_quick_read_and_builds_what_the_careful_parser_builds(
    tmp_path, monkeypatch
):
    text = json.dumps(large_dataset(6000), indent=1)
    assert len(text.encode()) > quick_read.QUICK_READ_BYTES
    path = tmp_path / "big.json"
    path.write_text(text, encoding="utf-8")
    careful = read_carefully(text)
    monkeypatch.setattr(loader, "_careful_read", lambda *_: pytest.fail("took the careful path"))
    assert load_dataset(path) == careful


def test_a_small_file_skips_the_quick_read():
    text = json.dumps(SHIPPED)
    assert quick_read.quick_read(text.encode(), loader.MAX_INTEGER_DIGITS) is None
    assert read_quickly(text) == read_carefully(text)


REPEATS = {
    "a cell": ('"Population": ', '"Population": "B-ALL", "Population": '),
    "a row's note": ('"cells": {', '"note": "one", "note": "two", "cells": {'),
    "a table key": ('"label": "Table 1"', '"label": "Table 9", "label": "Table 1"'),
    "a citation key": ('"year": 2025', '"year": 2024, "year": 2025'),
    "the top level": ('"figure": {', '"figure": {"label": "x", "legend": "y"}, "figure": {'),
    "a repeat holding a colon": ('"Population": ', '"Population": "a: b", "Population": '),
    "a note repeated as null": ('"cells": {', '"note": null, "note": "kept", "cells": {'),
}


@pytest.mark.parametrize("where", list(REPEATS))
def test_a_repeated_key_anywhere_is_left_to_the_careful_parser(where, tmp_path):
    old, new = REPEATS[where]
    text = json.dumps(SHIPPED, indent=1).replace(old, new, 1)
    assert text != json.dumps(SHIPPED, indent=1)
    assert read_quickly(text) is None
    path = tmp_path / "data.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match="duplicate key"):
        load_dataset(path)


def test_an_escaped_colon_is_left_to_the_careful_parser():
    data = copy.deepcopy(SHIPPED)
    data["tables"][0]["rows"][0]["cells"]["Population"] = "a:b"
    text = json.dumps(data).replace("a:b", "a\\u003Ab", 1)
    assert read_quickly(text) is None
    assert read_carefully(text) == read_carefully(json.dumps(data))


def test_an_explicit_null_and_a_missing_optional_key_both_read_quickly():
    data = copy.deepcopy(SHIPPED)
    data["tables"][0]["rows"][0]["note"] = None
    data["tables"][0]["rows"][1].pop("note", None)
    data["tables"][1]["note"] = None
    text = json.dumps(data)
    quick = read_quickly(text)
    assert quick is not None
    assert quick == read_carefully(text)


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["tables"][0]["rows"][0].update(extra="?"),
        lambda d: d["tables"][0].update(colour="red"),
        lambda d: d["citation"].update(year=True),
        lambda d: d["citation"].update(year=10**4000),
        lambda d: d.update(tables=[]),
        lambda d: d["tables"][0].update(columns=[]),
        lambda d: d["tables"][0]["rows"][0]["cells"].update(Population=1),
        lambda d: d["tables"][2].update(id="phase3"),
    ],
    ids=[
        "unknown row key",
        "unknown table key",
        "boolean year",
        "4001-digit year",
        "no tables",
        "no columns",
        "number in a cell",
        "unknown table id",
    ],
)
def test_what_the_schema_refuses_the_quick_read_refuses(change):
    data = copy.deepcopy(SHIPPED)
    change(data)
    text = json.dumps(data)
    assert read_quickly(text) is None
    with pytest.raises(DataError):
        read_carefully(text)


# -- any file: the quick read refuses, or agrees with the careful parser exactly ----------


def _pairs(value: Any) -> Any:
    """JSON as nested lists of key/value pairs, so a test can write a key twice."""
    if isinstance(value, dict):
        return ("object", [(key, _pairs(item)) for key, item in value.items()])
    if isinstance(value, list):
        return ("array", [_pairs(item) for item in value])
    return ("value", value)


def _text(node: Any) -> str:
    kind, body = node
    if kind == "object":
        return "{" + ", ".join(f"{json.dumps(k)}: {_text(v)}" for k, v in body) + "}"
    if kind == "array":
        return "[" + ", ".join(_text(item) for item in body) + "]"
    return json.dumps(body)


def _objects(node: Any) -> list[list[Any]]:
    kind, body = node
    found = [body] if kind == "object" else []
    for child in (v for _, v in body) if kind == "object" else body if kind == "array" else ():
        found += _objects(child)
    return found


scalars = (
    st.none()
    | st.booleans()
    | st.integers(-5, 5)
    | st.sampled_from(["", ":", "a: b", "null", '"', "\\", "(ALL)", "NCT01234567"])
)


@st.composite
def edited_files(draw) -> str:
    tree = _pairs(SHIPPED)
    for _ in range(draw(st.integers(1, 3))):
        objects = _objects(tree)
        body = objects[draw(st.integers(0, len(objects) - 1))]
        action = draw(st.sampled_from(["repeat", "add", "drop", "retype"]))
        if action == "add" or not body:
            body.append(
                (draw(st.sampled_from(["note", "x", "cells", "id"])), ("value", draw(scalars)))
            )
        elif action == "repeat":
            key, value = body[draw(st.integers(0, len(body) - 1))]
            twin = copy.deepcopy(value) if draw(st.booleans()) else ("value", draw(scalars))
            body.insert(draw(st.integers(0, len(body))), (key, twin))
        elif action == "drop":
            body.pop(draw(st.integers(0, len(body) - 1)))
        else:
            index = draw(st.integers(0, len(body) - 1))
            body[index] = (body[index][0], ("value", draw(scalars)))
    return _text(tree)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited_files())
def test_the_quick_read_refuses_or_builds_exactly_what_the_careful_parser_builds(text):
    quick = read_quickly(text)
    if quick is not None:
        assert quick == read_carefully(text)


# -- the consistency check's whole-table shortcut agrees with its row-by-row reading ------

ids = st.sampled_from(["NCT01234567", "NCT01234568", "NCT0123456", "nct01234567"]) | st.text(
    alphabet="NCT0123456789\n ", max_size=24
)


@st.composite
def trial_tables(draw) -> SourceTable:
    columns = ["NCT", "Phase", "Status"]
    rows = []
    for _ in range(draw(st.integers(0, 6))):
        order = draw(st.permutations(columns)) if draw(st.integers(0, 5)) == 0 else columns
        cells = {heading: "x" for heading in order}
        cells["NCT"] = draw(ids)
        rows.append(SourceRow({heading: cells[heading] for heading in order}))
    return SourceTable("phase1", "Table 2", "t", columns, "f", rows, nct_column="NCT")


@settings(max_examples=300, deadline=None)
@given(trial_tables())
def test_a_table_passes_the_shortcut_only_if_no_row_has_a_problem(table):
    where = ("tables", 0)
    row_by_row = list(loader._table_problems(table, where, "f.json", shortcut=False))
    assert loader._rows_clean(table, [row.cells for row in table.rows]) == (row_by_row == [])
    assert list(loader._table_problems(table, where, "f.json")) == row_by_row


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited_files())
def test_loading_with_early_tables_ends_as_loading_without(text):
    """The early tables (``load_dataset(early=...)``, for ``tui.forked_load``) change
    nothing: the same dataset or the same problems, and the tables returned are the early
    ones whenever any were handed out. What is returned is what the careful parser builds."""
    with (
        tempfile.TemporaryDirectory() as folder,
        mock.patch.object(quick_read, "QUICK_READ_BYTES", 0),
    ):
        path = Path(folder) / "data.json"
        path.write_text(text, encoding="utf-8")
        early: list[Dataset] = []
        try:
            plain: Dataset | list[str] = load_dataset(path)
        except DataError as error:
            plain = [str(problem) for problem in error.problems]
        try:
            with_early: Dataset | list[str] = load_dataset(path, early=early.append)
        except DataError as error:
            with_early = [str(problem) for problem in error.problems]
        assert with_early == plain
        if isinstance(plain, Dataset):  # stored straight from what msgspec decoded
            assert plain == read_carefully(text)
        assert len(early) <= 1
        if early and isinstance(with_early, Dataset):
            assert with_early is early[0]


@settings(max_examples=500, deadline=None)
@given(st.lists(ids, max_size=6))
def test_the_nct_ids_are_checked_at_once_as_one_by_one(values):
    assert loader._all_nct_ids(values) == all(map(loader.NCT_PATTERN.fullmatch, values))
