"""Hostile text inside a valid dataset never reaches an export or the CLI's output raw.

``tests/data/hostile.json`` (written by ``tests/data/make_hostile.py``) carries CSI, OSC 52,
OSC 8, C0/C1 controls, markup, 10,000-character cells, wide and right-to-left text.
The check for raw controls below is written out independently of ``tui.domain.sanitize``,
so a regression there fails here too.
"""

from __future__ import annotations

import builtins
import csv
import io
import json
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tests.data import make_hostile
from tui.cli import main
from tui.domain import Evidence, load_evidence, parse_query
from tui.domain.export import DERIVED_COLUMNS, derived_columns, render

HOSTILE = FIXTURES / "hostile.json"
# C0 but LF (and TAB, which no export emits either), DEL, C1, bidi controls, separators.
RAW_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\t]"
)
FORMATS = ("json", "csv", "md")


@pytest.fixture(scope="module")
def hostile() -> Evidence:
    return load_evidence(HOSTILE)


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def raw_controls(text: str) -> list[str]:
    return sorted({f"U+{ord(c):04X}" for c in RAW_CONTROL.findall(text)})


def test_fixture_matches_its_generator():
    assert HOSTILE.read_text(encoding="utf-8") == make_hostile.render()


def test_fixture_file_itself_is_safe_to_cat():
    assert raw_controls(HOSTILE.read_text(encoding="utf-8")) == []


def test_hostile_fixture_is_a_valid_dataset(capsys):
    code, out, err = run(capsys, "validate", str(HOSTILE))
    assert (code, err) == (0, "")
    assert out == f"{HOSTILE}: valid\n"


def test_fixture_really_is_hostile(hostile: Evidence):
    """Guard against a fixture that silently lost its teeth."""
    cells = [
        text for records in hostile.records.values() for r in records for text in r.cells.values()
    ]
    everything = "".join(cells)
    for needle in (
        make_hostile.OSC52,
        make_hostile.OSC8,
        "\x9b",
        "\u202e",
        "[@click=app.quit]",
        "[link=https://evil.example]",
        make_hostile.CJK,
        "\u200d",
        "e\u0301",
        "\x00",
    ):
        assert needle in everything, needle
    assert max(len(text) for text in cells) >= 10_000
    osc52_row = hostile.tables_listing(make_hostile.OSC52_TRIAL)[0]
    others = [v for k, v in osc52_row.cells.items() if k != "Study number"]
    assert all(make_hostile.CLIPBOARD_B64 in value for value in others)
    assert any("\x1b" in a.expansion for a in osc52_row.abbreviations)  # PWN's expansion


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("table", ["published", "phase1", "phase2"])
def test_exports_carry_no_raw_control_character(capsys, fmt: str, table: str):
    code, out, err = run(
        capsys, "export", "--data", str(HOSTILE), "--table", table, "--format", fmt
    )
    assert (code, err) == (0, "")
    assert raw_controls(out) == []
    assert "\x1b]52" not in out and "\x1b" not in out


def test_json_export_round_trips_every_cell_exactly(capsys, hostile: Evidence):
    for table in hostile.table_ids:
        _, out, _ = run(
            capsys, "export", "--data", str(HOSTILE), "--table", table, "--format", "json"
        )
        rows = json.loads(out)
        records = hostile.records[table]
        assert [row["cells"] for row in rows] == [dict(r.cells) for r in records]
        assert [row["nct_id"] for row in rows] == [r.nct_id for r in records]
        expansions = [[a["expansion"] for a in row["abbreviations"]] for row in rows]
        assert expansions == [[a.expansion for a in r.abbreviations] for r in records]
    assert "\\u001b]52;c;" + make_hostile.CLIPBOARD_B64 in out


def test_json_escapes_what_json_dumps_leaves_raw(hostile: Evidence):
    """json.dumps(ensure_ascii=False) escapes only < U+0020: DEL, C1 and bidi need help."""
    text = render("json", [], hostile.records["published"])
    for char in ("\x7f", "\x85", "\x9b", "\x9c", "\x9d", "\u202e", "\u2066", "\u2028"):
        assert char not in text
        assert f"\\u{ord(char):04x}" in text
    assert make_hostile.CJK in text  # printable text stays readable
    # a joiner is invisible, and terminals disagree on a joined emoji's width: escaped, exact
    assert "👩\\u200d⚕️" in text


def test_csv_export_keeps_shape_and_shows_controls(capsys, hostile: Evidence):
    _, out, _ = run(
        capsys, "export", "--data", str(HOSTILE), "--table", "published", "--format", "csv"
    )
    rows = list(csv.reader(io.StringIO(out)))
    table = hostile.table("published")
    assert rows[0] == [*table.columns, *DERIVED_COLUMNS]  # published: no NCT column of its own
    assert len(rows) == 1 + len(hostile.records["published"])
    assert all(len(row) == len(rows[0]) for row in rows)
    first = rows[1]
    assert first[0] == "Adults \u241b[2J\u241b[Hwith ALL [17] (n = 18)"
    assert rows[3][1] == make_hostile.LONG_TOKEN  # 10,000 characters, whole
    assert rows[7][0] == "line one\nline two\nline three\u240dover [23]"
    assert "[@click=app.quit]click[/]" in rows[2][0]  # markup stays literal text


def test_phase2_hostile_heading_is_neutralised_in_csv_and_md(capsys):
    # Markdown also writes "<" and ">" as entities: it renders as the CSV text reads
    expected = {
        "csv": "Notes \u241b[31m[i]x[/i]<U+202E>",
        "md": "Notes \u241b[31m[i]x[/i]&lt;U+202E&gt;",
    }
    for fmt in ("csv", "md"):
        _, out, _ = run(
            capsys, "export", "--data", str(HOSTILE), "--table", "phase2", "--format", fmt
        )
        assert expected[fmt] in out.splitlines()[0]


def test_markdown_export_is_one_line_per_row_with_intact_columns(capsys, hostile: Evidence):
    for table in hostile.table_ids:
        _, out, _ = run(
            capsys, "export", "--data", str(HOSTILE), "--table", table, "--format", "md"
        )
        lines = out.splitlines()
        records = hostile.records[table]
        assert len(lines) == 2 + len(records)
        nct_in_cells = hostile.table(table).nct_column is not None
        width = len(hostile.table(table).columns) + len(derived_columns(nct_in_cells))
        for line in lines:
            assert line.startswith("| ") and line.endswith(" |")
            assert len(re.split(r"(?<!\\)\|", line)) == width + 2, line[:80]
        if table != "phase2":  # the tables whose cells carry markup: it stays literal
            assert "[bold red]x[/] [@click=app.quit]click[/]" in out


def test_csv_formula_injection_is_defused(tmp_path: Path, capsys):
    from tui.resources import default_data_path

    data = json.loads(default_data_path().read_text(encoding="utf-8"))
    cells = data["tables"][0]["rows"][0]["cells"]
    cells["Population"] = '=HYPERLINK("https://evil.example","x")'
    cells["Intervention"] = "@SUM(A1:A2)"
    cells["Primary outcome"] = "-"
    path = tmp_path / "formula.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    _, out, _ = run(
        capsys, "export", "--data", str(path), "--table", "published", "--format", "csv"
    )
    row = next(csv.reader(io.StringIO(out.splitlines()[1])))
    assert row[:3] == ['\'=HYPERLINK("https://evil.example","x")', "'@SUM(A1:A2)", "-"]
    _, out, _ = run(
        capsys, "export", "--data", str(path), "--table", "published", "--format", "json"
    )
    assert json.loads(out)[0]["cells"]["Population"].startswith("=HYPERLINK")  # json verbatim


def test_ids_are_plain_nct_ids(capsys):
    code, out, err = run(capsys, "ids", "--data", str(HOSTILE))
    assert (code, err) == (0, "")
    assert out == "NCT09000001\nNCT09000002\nNCT09000003\nNCT09000004\n"


def test_filtering_hostile_text_and_hostile_queries(capsys):
    code, out, _ = run(capsys, "ids", "--data", str(HOSTILE), "--filter", "pwned")
    # NCT09000001 through the expansion of PWN, NCT09000002 through its title-setting OSC
    assert code == 0 and out.splitlines() == ["NCT09000001", "NCT09000002"]
    code, _, err = run(capsys, "ids", "--data", str(HOSTILE), "--filter", "zz:x")
    assert code == 2 and raw_controls(err) == [] and "\x1b" not in err
    assert "Notes \u241b[31m[i]x[/i]<U+202E>" in err  # the hostile heading, neutralised
    code, _, err = run(capsys, "ids", "--data", str(HOSTILE), "--filter", '"\x1b]52;c;QQ==\x07')
    assert code == 2 and raw_controls(err) == [] and err.count("\n") == 1


def test_real_process_stdout_bytes_are_clean():
    """The bytes a terminal would receive: no ESC, no C1 (UTF-8 C2 80..9F), no U+202E."""
    for argv in (
        ["export", "--data", str(HOSTILE), "--table", "phase1", "--format", "md"],
        ["export", "--data", str(HOSTILE), "--table", "published", "--format", "csv"],
        ["export", "--data", str(HOSTILE), "--table", "phase1", "--format", "json"],
        ["ids", "--data", str(HOSTILE)],
    ):
        result = subprocess.run(
            [sys.executable, "-m", "tui", *argv], capture_output=True, check=False
        )
        assert result.returncode == 0 and result.stderr == b""
        assert b"\x1b" not in result.stdout and b"\x07" not in result.stdout
        assert re.search(rb"\xc2[\x80-\x9f]", result.stdout) is None
        assert "\u202e".encode() not in result.stdout


def test_domain_writes_no_file_and_opens_no_connection(monkeypatch, tmp_path: Path):
    """Loading, querying and exporting read the dataset and nothing else touches the world."""
    real_open = builtins.open
    attempts: list[str] = []

    def read_only_open(file, mode="r", *args, **kwargs):
        if any(flag in mode for flag in "wax+"):
            attempts.append(f"open({file!r}, {mode!r})")
            raise AssertionError(f"the domain tried to write {file!r}")
        return real_open(file, mode, *args, **kwargs)

    def no_connect(self, address):
        attempts.append(f"connect({address!r})")
        raise AssertionError(f"the domain tried to connect to {address!r}")

    monkeypatch.setattr(builtins, "open", read_only_open)
    monkeypatch.setattr(socket.socket, "connect", no_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", no_connect)
    monkeypatch.setattr(socket, "create_connection", no_connect)
    for path in (HOSTILE, FIXTURES.parent.parent / "data" / "review.json"):
        before = (path.read_bytes(), path.stat().st_mtime_ns)
        evidence = load_evidence(path)
        for table in evidence.table_ids:
            query = parse_query("all -zzz cr>=0", evidence.all_columns())
            records = query.filter(evidence.records[table])
            for fmt in FORMATS:
                assert render(fmt, evidence.table(table).columns, records)
        assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert attempts == []
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_huge_numbers_are_not_metrics_and_json_stays_strict(capsys, hostile: Evidence):
    """A 400-digit value is no measurement: it is not parsed, and the JSON has no Infinity."""
    huge = hostile.records["published"][-1]
    assert all(m.value != float("inf") for m in huge.metrics)
    _, out, _ = run(
        capsys, "export", "--data", str(HOSTILE), "--table", "published", "--format", "json"
    )

    def refuse(literal: str) -> None:
        raise AssertionError(f"{literal} is not JSON")

    rows = json.loads(out, parse_constant=refuse)
    assert rows[-1]["cells"] == dict(huge.cells)
