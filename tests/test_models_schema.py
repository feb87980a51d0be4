"""The pydantic schema is built from the plain model classes, and the loader's quick check is safe.

The field lists are written once, in ``tui.domain.models``; ``tui.domain.schema`` derives its
models from them. ``conforms`` lets the loader skip pydantic at start-up, so it must never
accept a file the schema rejects: these tests mutate the shipped dataset in every way the
schema cares about.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import typing
from dataclasses import MISSING, fields

import pytest
from pydantic import ValidationError

from tui.domain import load_dataset, models, schema
from tui.resources import default_data_path

PAIRS = [
    (models.Dataset, schema.Dataset),
    (models.Citation, schema.Citation),
    (models.Figure, schema.Figure),
    (models.SourceTable, schema.SourceTable),
    (models.SourceRow, schema.SourceRow),
]


@pytest.mark.parametrize(("plain", "validated"), PAIRS, ids=lambda c: c.__name__)
def test_every_class_has_the_schema_fields_and_defaults(plain, validated) -> None:
    hints = typing.get_type_hints(plain, vars(models))
    ours = [
        (f.name, str(schema.json_type(hints[f.name])), None if f.default is MISSING else f.default)
        for f in fields(plain)
    ]
    theirs = [
        (name, str(field.annotation), None if field.is_required() else field.default)
        for name, field in validated.model_fields.items()
    ]
    assert [name for name, *_ in ours] == [name for name, *_ in theirs]  # same order too
    assert [d for *_, d in ours] == [d for *_, d in theirs]
    required = {f.name for f in fields(plain) if f.default is MISSING}
    assert required == {n for n, f in validated.model_fields.items() if f.is_required()}
    for (name, annotation, _), (_, their_annotation, _) in zip(ours, theirs, strict=True):
        assert annotation.replace("tui.domain.models.", "") == their_annotation.replace(
            "tui.domain.schema.", ""
        ), name
    assert validated.__doc__ == plain.__doc__
    assert validated.model_config["extra"] == "forbid"


def test_every_schema_extra_names_a_field_of_the_model_classes() -> None:
    """A renamed field must not silently lose its description or its min_length."""
    declared = {
        (cls.__name__, f.name)
        for cls in (models.Dataset, models.Citation, models.Figure, models.SourceTable)
        for f in fields(cls)
    } | {("SourceRow", f.name) for f in fields(models.SourceRow)}
    assert set(schema.FIELD_EXTRAS) <= declared, set(schema.FIELD_EXTRAS) - declared


def test_the_printed_schema_keeps_descriptions_and_constraints() -> None:
    printed = schema.Dataset.model_json_schema()
    table = printed["$defs"]["SourceTable"]
    assert table["additionalProperties"] is False
    assert table["properties"]["columns"]["minItems"] == 1
    assert table["properties"]["id"]["enum"] == list(models.TABLE_IDS)
    assert table["properties"]["footnote"]["description"].startswith("The abbreviation")
    assert set(table["required"]) == {"id", "label", "title", "columns", "footnote", "rows"}
    assert printed["properties"]["tables"]["minItems"] == 1
    assert printed["description"] == models.Dataset.__doc__


_IMPORTED = """
import sys
from pathlib import Path
from tui.domain import load_evidence
from tui.domain.loader import DataError
try:
    load_evidence(Path(sys.argv[1]))
except DataError:
    pass
print("pydantic" in sys.modules, "tui.domain.schema" in sys.modules)
"""


def test_loading_the_shipped_data_never_imports_pydantic_in_a_real_process(tmp_path) -> None:
    def imported(path) -> str:
        result = subprocess.run(
            [sys.executable, "-c", _IMPORTED, str(path)],
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout.strip()

    assert imported(default_data_path()) == "False False"
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({**shipped(), "comment": "x"}), encoding="utf-8")
    assert imported(broken) == "True True"  # a failing file is explained by the schema


def shipped() -> dict:
    return json.loads(default_data_path().read_text(encoding="utf-8"))


def test_the_shipped_dataset_conforms_and_builds_as_pydantic_would() -> None:
    raw = shipped()
    assert models.conforms(raw)
    assert models.build(raw) == models.build(
        schema.Dataset.model_validate(raw, strict=True).model_dump()
    )
    assert load_dataset(default_data_path()) == models.build(raw)


def _mutations() -> list[tuple[str, typing.Callable[[dict], None]]]:
    def set_at(path: tuple, value) -> typing.Callable[[dict], None]:
        def apply(raw: dict) -> None:
            target = raw
            for part in path[:-1]:
                target = target[part]
            target[path[-1]] = value

        return apply

    def delete_at(path: tuple) -> typing.Callable[[dict], None]:
        def apply(raw: dict) -> None:
            target = raw
            for part in path[:-1]:
                target = target[part]
            del target[path[-1]]

        return apply

    cell = ("tables", 0, "rows", 0, "cells", "Population")
    found = [
        ("extra top-level key", set_at(("comment",), "x")),
        ("missing figure", delete_at(("figure",))),
        ("tables not a list", set_at(("tables",), {})),
        ("no tables", set_at(("tables",), [])),
        ("year as text", set_at(("citation", "year"), "2025")),
        ("year as bool", set_at(("citation", "year"), True)),
        ("year as float", set_at(("citation", "year"), 2025.0)),
        ("volume missing", delete_at(("citation", "volume"))),
        ("citation extra", set_at(("citation", "doi"), "x")),
        ("legend as number", set_at(("figure", "legend"), 1)),
        ("unknown table id", set_at(("tables", 0, "id"), "phase3")),
        ("table id as number", set_at(("tables", 0, "id"), 1)),
        ("no columns", set_at(("tables", 0, "columns"), [])),
        ("column as number", set_at(("tables", 0, "columns", 0), 1)),
        ("nct_column as number", set_at(("tables", 1, "nct_column"), 1)),
        ("table note as list", set_at(("tables", 0, "note"), [])),
        ("table extra", set_at(("tables", 0, "extra"), "x")),
        ("rows missing", delete_at(("tables", 0, "rows"))),
        ("row as list", set_at(("tables", 0, "rows", 0), [])),
        ("row extra", set_at(("tables", 0, "rows", 0, "extra"), "x")),
        ("row note as number", set_at(("tables", 0, "rows", 0, "note"), 3)),
        ("cells missing", delete_at(("tables", 0, "rows", 0, "cells"))),
        ("cell as number", set_at(cell, 42)),
        ("cell as null", set_at(cell, None)),
        ("cells as list", set_at(("tables", 0, "rows", 0, "cells"), ["a"])),
    ]
    return found


@pytest.mark.parametrize(("name", "mutate"), _mutations(), ids=[m[0] for m in _mutations()])
def test_what_the_schema_rejects_the_quick_check_rejects(name: str, mutate) -> None:
    raw = copy.deepcopy(shipped())
    mutate(raw)
    with pytest.raises(ValidationError):
        schema.Dataset.model_validate(raw, strict=True)
    assert not models.conforms(raw), name


def test_optional_fields_may_be_null_or_absent() -> None:
    raw = shipped()
    table = raw["tables"][0]
    table["note"] = None
    table.pop("nct_column", None)
    table["rows"][0]["note"] = None
    schema.Dataset.model_validate(raw, strict=True)
    assert models.conforms(raw)
