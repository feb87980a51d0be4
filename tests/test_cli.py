"""The command line: outputs, exit codes and one-line errors without tracebacks."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tui import __version__
from tui.cli import main
from tui.domain.export import derived_columns


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_export_json_has_the_documented_shape(capsys):
    code, out, err = run(capsys, "export", "--table", "published", "--format", "json")
    assert code == 0 and err == ""
    rows = json.loads(out)
    assert len(rows) == 12
    first = rows[0]
    assert list(first) == [
        *("table", "nct_id", "reference", "cells", "n", "abbreviations", "metrics", "registry")
    ]
    assert first["registry"] is None, "no registry cache: null"
    assert first["table"] == "published" and first["nct_id"] is None
    assert first["reference"] == 17
    assert list(first["cells"]) == ["Population", "Intervention", "Primary outcome"]
    assert first["metrics"][0] == {
        "name": "ORR",
        "value": 100.0,
        "unit": "%",
        "context": "untreated",
        "interval_withheld": (
            "No interval: the figure describes a subgroup (untreated), not the whole n."
        ),
    }
    assert {
        "abbr": "ORR",
        "expansion": "overall response rate",
        "source": "Table 1 footnote",
    } in first["abbreviations"]


def test_export_csv_puts_source_headings_first(capsys):
    code, out, _ = run(
        capsys, "export", "--table", "phase2", "--format", "csv", "--filter", "t-all"
    )
    rows = list(csv.reader(io.StringIO(out)))
    assert code == 0
    assert rows[0] == ["Study number", "Population", "Primary outcome", *derived_columns(True)]
    assert "NCT ID (derived)" not in rows[0], "the Study number column already holds it"
    assert [r[0] for r in rows[1:]] == ["NCT05376111", "NCT05576532"]


def test_export_markdown_escapes_pipes(capsys):
    code, out, _ = run(capsys, "export", "--table", "phase1", "--format", "md")
    lines = out.splitlines()
    assert code == 0
    assert lines[0].startswith("| Study number | Population | Intervention | Primary outcome |")
    assert lines[1].startswith("| --- |")
    assert len(lines) == 2 + 6


def test_ids_are_unique_in_order_of_first_appearance(capsys):
    code, out, _ = run(capsys, "ids")
    ids = out.splitlines()
    assert code == 0
    assert ids[0] == "NCT06082934" and len(ids) == len(set(ids)) == 15
    code, out, _ = run(capsys, "ids", "--table", "phase2", "--filter", "ph+ olverembatinib")
    assert out.splitlines() == ["NCT06754267", "NCT06082934", "NCT05594784"]


def test_bad_query_is_one_line_on_stderr_with_exit_2(capsys):
    code, out, err = run(capsys, "ids", "--filter", 'cr>= "x')
    assert code == 2 and out == ""
    assert err.startswith("ven-tui: error: --filter")
    assert "expected a number" in err and err.count("\n") == 1


def test_validate_good_and_bad_files(capsys, tmp_path: Path):
    from tui.resources import default_data_path

    code, out, _ = run(capsys, "validate", str(default_data_path()))
    assert code == 0 and "valid" in out
    bad = tmp_path / "bad.json"
    data = json.loads(default_data_path().read_text())
    data["tables"][1]["rows"][0]["cells"]["Study number"] = "NCT123"
    del data["citation"]["year"]
    bad.write_text(json.dumps(data))
    before = bad.read_bytes()
    code, _, err = run(capsys, "validate", str(bad))
    assert code == 2
    assert f"{bad}: $.citation.year: required field is missing" in err
    assert bad.read_bytes() == before


def test_missing_data_file_is_a_clear_error(capsys, tmp_path: Path):
    code, _, err = run(
        capsys,
        "export",
        "--table",
        "phase1",
        "--format",
        "json",
        "--data",
        str(tmp_path / "nope.json"),
    )
    assert code == 2
    assert err == f"ven-tui: error: {tmp_path / 'nope.json'}: no such file\n"


def test_unknown_table_is_rejected_by_the_parser(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["export", "--table", "phase3", "--format", "json"])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'phase3'" in err
    assert err.startswith("ven-tui: error: ") and err.count("\n") == 1, "one line, no usage"


def test_schema_is_json_schema_of_the_dataset(capsys):
    code, out, _ = run(capsys, "schema")
    schema = json.loads(out)
    assert code == 0
    assert schema["title"] == "Dataset"
    assert set(schema["required"]) == {"citation", "figure", "tables"}


def test_version_and_python_dash_m():
    result = subprocess.run(
        [sys.executable, "-m", "tui", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"ven-tui {__version__}"


def test_matrix_of_a_dataset_without_table_1_is_a_one_line_error(tmp_path, capsys):
    from tui.resources import default_data_path

    data = json.loads(default_data_path().read_text(encoding="utf-8"))
    data["tables"] = [t for t in data["tables"] if t["id"] == "phase2"]
    path = tmp_path / "table3.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["matrix", "--data", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no published studies table" in err
