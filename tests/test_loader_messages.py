"""The loader's messages word for word, in-process and fast (the CLI cases are in
test_loader_errors.py): value kinds, consistency rules, several bad rows, unusable numbers.

Mutation testing found these loose: duplicate column headings, a second bad row after the
first, headings that name no column, and how each JSON kind of value is described.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from tui.domain import DataError, load_dataset
from tui.domain.loader import Problem, json_path, summarise
from tui.resources import default_data_path

pytestmark = pytest.mark.usefixtures("both_reads")

SHIPPED = json.loads(default_data_path().read_text(encoding="utf-8"))
PHASE1_COLUMNS = "['Study number', 'Population', 'Intervention', 'Primary outcome']"
PUBLISHED_COLUMNS = "['Population', 'Intervention', 'Primary outcome']"
SURROGATE = "contains an unpaired surrogate escape (\\ud800-\\udfff), which is not a character"


def problems(tmp_path: Path, content: dict | str) -> list[tuple[str, str]]:
    path = tmp_path / "data.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content), "utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(path)
    assert all(problem.file == str(path) for problem in caught.value.problems)
    return [(problem.path, problem.message) for problem in caught.value.problems]


def shipped() -> dict:
    return copy.deepcopy(SHIPPED)


@pytest.mark.parametrize(
    ("value", "described"),
    [
        (False, "false"),
        (True, "true"),
        (None, "null"),
        ([], "an array"),
        ({"a": 1}, "an object"),
        (1.5, "the number 1.5"),
        ("2025", 'the string "2025"'),
        ("x" * 100, 'the string "' + "x" * 58 + "…"),
        ("x" * 58, 'the string "' + "x" * 58 + '"'),  # 60 characters quoted: not cut
        ("x" * 59, 'the string "' + "x" * 58 + "…"),
        ("é", 'the string "é"'),  # as typed, not \u00e9
    ],
)
def test_each_kind_of_wrong_value_is_named(tmp_path: Path, value, described: str) -> None:
    raw = shipped()
    raw["citation"]["year"] = value
    assert problems(tmp_path, raw) == [
        ("$.citation.year", f"expected a whole number, got {described}")
    ]


def test_duplicate_column_headings_and_every_row_they_break(tmp_path: Path) -> None:
    raw = shipped()
    table = raw["tables"][0]
    table["columns"] = [*table["columns"], table["columns"][0]]
    found = problems(tmp_path, raw)
    assert found[0] == ("$.tables[0].columns", "column headings must be unique")
    doubled = PUBLISHED_COLUMNS[:-1] + ", 'Population']"
    assert found[1] == (
        "$.tables[0].rows[0].cells",
        f"cells must have exactly the table's columns in order {doubled}, got {PUBLISHED_COLUMNS}",
    )
    assert len(found) == 1 + len(table["rows"])  # one line per row, not only the first


def test_two_rows_with_wrong_cells_are_both_reported(tmp_path: Path) -> None:
    raw = shipped()
    rows = raw["tables"][0]["rows"]
    rows[0]["cells"] = {"a": "b"}
    rows[2]["cells"] = {}
    expected = f"cells must have exactly the table's columns in order {PUBLISHED_COLUMNS}"
    assert problems(tmp_path, raw) == [
        ("$.tables[0].rows[0].cells", f"{expected}, got ['a']"),
        ("$.tables[0].rows[2].cells", f"{expected}, got []"),
    ]


def test_headings_that_name_no_column(tmp_path: Path) -> None:
    raw = shipped()
    raw["tables"][1]["nct_column"] = "Nope"
    raw["tables"][1]["outcome_column"] = "Nah"
    assert problems(tmp_path, raw) == [
        ("$.tables[1].nct_column", f"'Nope' is not one of the table's columns {PHASE1_COLUMNS}"),
        (
            "$.tables[1].outcome_column",
            f"'Nah' is not one of the table's columns {PHASE1_COLUMNS}",
        ),
    ]


def test_bad_and_repeated_nct_ids_in_several_rows(tmp_path: Path) -> None:
    raw = shipped()
    rows = raw["tables"][1]["rows"]
    rows[0]["cells"]["Study number"] = "NCT1"
    rows[1]["cells"]["Study number"] = "x" * 80
    rows[3]["cells"]["Study number"] = rows[2]["cells"]["Study number"]
    repeated = rows[2]["cells"]["Study number"]
    assert problems(tmp_path, raw) == [
        (
            '$.tables[1].rows[0].cells["Study number"]',
            "'NCT1' is not an NCT ID ('NCT' followed by 8 digits)",
        ),
        (
            '$.tables[1].rows[1].cells["Study number"]',
            "'" + "x" * 58 + "… is not an NCT ID ('NCT' followed by 8 digits)",
        ),
        (
            '$.tables[1].rows[3].cells["Study number"]',
            f"duplicate NCT ID {repeated} (already in rows[2])",
        ),
    ]


def test_a_table_id_used_twice_names_the_first(tmp_path: Path) -> None:
    raw = shipped()
    raw["tables"][2]["id"] = raw["tables"][0]["id"]
    assert ("$.tables[2].id", "table id 'published' already used by tables[0]") in problems(
        tmp_path, raw
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"a": NaN}', [("$.a", "NaN is not a JSON number (JSON has no NaN or Infinity)")]),
        (
            '{"a": [-Infinity]}',
            [("$.a[0]", "-Infinity is not a JSON number (JSON has no NaN or Infinity)")],
        ),
        ('{"a": 1e999}', [("$.a", "the number 1e999 is too large")]),
        ("[" + "1" * 5000 + "]", [("$[0]", "a number with 5,000 digits is too large")]),
        ("[-" + "1" * 4000 + "]", []),  # 4,000 digits and a sign: still a number
        ('{"a\\ud800": 1}', [("$", f"a key {SURROGATE}")]),
        ('{"b": {"a": "\\udc00"}}', [("$.b.a", SURROGATE)]),
        (
            '{"a": 1, "a": 2}',
            [
                (
                    "$.a",
                    "duplicate key: an object must not repeat a key "
                    "(the value that would win is ambiguous)",
                )
            ],
        ),
    ],
)
def test_json_a_dataset_cannot_hold(tmp_path: Path, text: str, expected) -> None:
    found = problems(tmp_path, text)
    if expected:
        assert found == expected
    else:  # only the schema's complaint about the top level: the number itself was fine
        assert found == [
            (
                "$",
                'the top level must be a JSON object with "citation", "figure" and "tables", '
                "got an array",
            )
        ]


def test_json_path_spells_identifiers_indices_and_other_keys() -> None:
    assert json_path(()) == "$"
    assert json_path(("tables", 0, "rows", 12, "cells", "Study number")) == (
        '$.tables[0].rows[12].cells["Study number"]'
    )
    assert json_path(("_a1", "1a", "a-b", "é")) == '$._a1["1a"]["a-b"]["é"]'
    assert json_path(("k" * 61,)) == '$["' + "k" * 59 + '…"]'
    assert json_path(("k" * 60,)) == "$." + "k" * 60
    assert json_path(("é" * 61,)) == '$["' + "é" * 59 + '…"]'  # as typed, not \u00e9


def test_summarise_counts_what_it_leaves_out_and_names_the_files() -> None:
    found = [Problem("b.json", "$.x", f"problem {n}") for n in range(3)] + [
        Problem("a.json", "", "whole file")
    ]
    assert summarise(found, 10).splitlines() == [
        "b.json: $.x: problem 0",
        "b.json: $.x: problem 1",
        "b.json: $.x: problem 2",
        "a.json: whole file",
    ]
    assert summarise(found, 2).splitlines()[-1] == (
        "a.json, b.json: ... and 2 more problems (fix these, then run `ven-tui validate` again)"
    )
    assert summarise(found, 3).splitlines()[-1] == (
        "a.json: ... and 1 more problem (fix these, then run `ven-tui validate` again)"
    )
    assert len(summarise(found * 10).splitlines()) == 21  # 20, then the count


def test_a_problem_is_one_safe_line() -> None:
    assert str(Problem("f\x1b.json", "$.a", "bad\nthing")) == "f\u241b.json: $.a: bad thing"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "the file is empty; expected a JSON dataset (see `ven-tui schema`)"),
        (
            "{",
            "not valid JSON: Expecting property name enclosed in double quotes (line 1, column 2)",
        ),
    ],
)
def test_a_whole_file_problem_has_no_json_path(tmp_path: Path, content: str, message: str) -> None:
    assert problems(tmp_path, content) == [("", message)]


def test_an_unknown_table_id_is_quoted_as_typed(tmp_path: Path) -> None:
    raw = shipped()
    raw["tables"][0]["id"] = "phasé"
    assert problems(tmp_path, raw) == [
        (
            "$.tables[0].id",
            "unknown table id \"phasé\"; expected one of 'published', 'phase1', 'phase2'",
        )
    ]
