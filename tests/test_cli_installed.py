"""The command line as an installed user meets it: exclusions, defaults, -o, help, errors."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import export_format, join_filter_values, main
from tui.domain.query_reference import QUERY_EXAMPLES, QUERY_REFERENCE
from tui.output import OutputError, print_picks, write_atomically

README = Path(__file__).resolve().parent.parent / "README.md"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_filter_value_may_start_with_a_dash(capsys):
    code, out, err = run(capsys, "export", "--table", "published", "--filter", "-pediatric")
    rows = list(csv.reader(io.StringIO(out)))
    assert code == 0 and err == ""
    assert len(rows) == 1 + 9, "12 studies less the three with Pediatric in the Population"
    assert all("pediatric" not in ",".join(row).casefold() for row in rows[1:])
    code, out, _ = run(capsys, "ids", "--filter", "-ph+")
    assert code == 0 and "NCT06082934" not in out.split() and "NCT05182385" in out.split()


def test_only_the_filter_value_is_joined():
    assert join_filter_values(["ids", "--filter", "-x", "--table", "phase1"]) == [
        "ids",
        "--filter=-x",
        "--table",
        "phase1",
    ]
    assert join_filter_values(["ids", "--filter", "t-all"]) == ["ids", "--filter", "t-all"]
    assert join_filter_values(["ids", "--", "--filter", "-x"]) == ["ids", "--", "--filter", "-x"]


def test_export_defaults_to_csv_of_every_table_with_a_table_column(capsys):
    code, out, err = run(capsys, "export")
    rows = list(csv.reader(io.StringIO(out)))
    assert code == 0 and err == ""
    assert rows[0][:5] == ["Table", "Population", "Intervention", "Primary outcome", "Study number"]
    assert len(rows) == 1 + 12 + 6 + 12
    assert [row[0] for row in rows[1:]] == ["published"] * 12 + ["phase1"] * 6 + ["phase2"] * 12
    assert rows[0].count("Study number") == 1 and "NCT ID (derived)" not in rows[0]
    phase2_first = rows[1 + 18]
    assert phase2_first[rows[0].index("Study number")] == "NCT06578546"
    assert phase2_first[rows[0].index("Intervention")] == "", "Table 3 has no Intervention"


def test_json_of_every_table_names_each_rows_table(capsys):
    code, out, _ = run(capsys, "export", "--format", "json", "--filter", "t-all")
    rows = json.loads(out)
    assert code == 0
    assert {row["table"] for row in rows} == {"published", "phase2"}
    assert all(set(row) >= {"table", "cells", "metrics"} for row in rows)


def test_markdown_of_every_table_keeps_its_columns_intact(capsys):
    code, out, _ = run(capsys, "export", "--format", "md")
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith("| Table | Population |")
    widths = {len(re.split(r"(?<!\\)\|", line)) for line in lines}
    assert len(widths) == 1 and len(lines) == 2 + 30


@pytest.mark.parametrize(
    ("fmt", "output", "expected"),
    [
        (None, None, "csv"),
        (None, "x.json", "json"),
        (None, "x.MD", "md"),
        (None, "x.markdown", "md"),
        (None, "x.txt", "csv"),
        ("json", "x.md", "json"),
    ],
)
def test_the_format_follows_the_option_then_the_extension(fmt, output, expected):
    assert export_format(fmt, Path(output) if output else None) == expected


def test_output_file_is_written_whole_and_never_replaced_without_force(capsys, tmp_path: Path):
    target = tmp_path / "rows.json"
    code, out, err = run(capsys, "export", "--table", "phase1", "-o", str(target))
    assert code == 0 and out == "" and err == ""
    assert len(json.loads(target.read_text(encoding="utf-8"))) == 6
    before = target.read_bytes()
    code, out, err = run(capsys, "export", "-o", str(target))
    assert code == 2 and out == "" and target.read_bytes() == before
    assert err == f"ven-tui: error: {target}: already exists; add --force to replace it\n"
    code, _, _ = run(capsys, "export", "-o", str(target), "--force")
    assert code == 0 and len(json.loads(target.read_text(encoding="utf-8"))) == 30
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rows.json"], "no temporary left"


def test_a_failed_atomic_write_leaves_the_old_file(tmp_path: Path, monkeypatch):
    target = tmp_path / "keep.csv"
    target.write_text("old\n", encoding="utf-8")

    def refuse(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OutputError, match="No space left on device"):
        write_atomically(target, "new\n", force=True)
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.csv"]


def test_help_query_prints_the_readme_reference(capsys):
    code, out, _ = run(capsys, "help", "query")
    assert code == 0 and out == QUERY_REFERENCE


def test_the_readme_query_section_is_the_reference():
    text = README.read_text(encoding="utf-8")
    section = text.split("## Query language\n\n", 1)[1].split("\n## ", 1)[0]
    assert section == QUERY_REFERENCE, "regenerate the README section from QUERY_REFERENCE"


@pytest.mark.parametrize("command", ["export", "ids"])
def test_subcommand_help_teaches_the_query_language(capsys, command):
    with pytest.raises(SystemExit) as caught:
        main([command, "--help"])
    out = capsys.readouterr().out
    assert caught.value.code == 0
    assert QUERY_EXAMPLES.strip() in out
    for example in ('"newly diagnosed"', "-pediatric", "pop:aya", "cr>=60", "n>=18"):
        assert example in out


def test_argument_errors_are_one_sanitised_line(capsys):
    hostile = "evil\x1b]52;c;aGk=\x07.json"
    with pytest.raises(SystemExit) as caught:
        main(["ids", hostile])
    err = capsys.readouterr().err
    assert caught.value.code == 2
    assert "\x1b" not in err and "\x07" not in err and "\u241b]52;c;aGk=" in err
    assert err.startswith("ven-tui: error: unrecognized arguments") and err.count("\n") == 1


def test_an_empty_data_file_name_is_refused_clearly(capsys):
    for args in (["--data", "", "ids"], ["ids", "--data", ""]):
        code, out, err = run(capsys, *args)
        assert code == 2 and out == ""
        assert err == (
            "ven-tui: error: the dataset file name is empty: give the path of a JSON dataset\n"
        )


def test_the_top_level_data_option_reaches_the_subcommand(capsys, tmp_path: Path):
    code, _, err = run(capsys, "--data", str(tmp_path / "missing.json"), "ids")
    assert code == 2 and err == f"ven-tui: error: {tmp_path / 'missing.json'}: no such file\n"


def test_a_full_disk_is_a_user_error_not_an_internal_one():
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "tui", "ids"],
            stdout=full,
            capture_output=False,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert result.returncode == 2
    assert result.stderr.startswith("ven-tui: error: cannot write the output")
    assert "internal error" not in result.stderr and result.stderr.count("\n") == 1


def test_a_closed_stdout_is_a_user_error():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, sys; os.close(1); from tui.cli import main; sys.exit(main(['ids']))",
        ],
        capture_output=False,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert "internal error" not in result.stderr and "cannot write the output" in result.stderr


def test_a_closed_pipe_stays_quiet():
    result = subprocess.run(
        f"{sys.executable} -m tui ids | head -1",
        shell=True,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout == "NCT06082934\n" and result.stderr == ""


def test_picks_that_cannot_reach_stdout_go_to_stderr(monkeypatch, capsys):
    class Broken(io.StringIO):
        def write(self, _text: str) -> int:
            raise OSError(5, "Input/output error")

    monkeypatch.setattr(sys, "stdout", Broken())
    with pytest.raises(OutputError, match="picked IDs are above"):
        print_picks(["NCT06082934", "NCT05182385"])
    assert capsys.readouterr().err == "NCT06082934\nNCT05182385\n"
