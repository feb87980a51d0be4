"""Bad dataset files: one clear line per problem, exit 2, no traceback, file untouched.

Every case goes through the CLI twice (``validate FILE`` and ``export --data FILE``);
a few also run as a subprocess to prove nothing but the message reaches stderr.
"""

from __future__ import annotations

import contextlib
import copy
import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from tui.cli import main
from tui.domain import DataError, load_dataset, loader
from tui.resources import default_data_path

pytestmark = pytest.mark.usefixtures("both_reads")

SHIPPED_TEXT = default_data_path().read_text(encoding="utf-8")
SHIPPED = json.loads(SHIPPED_TEXT)
PREFIX = "ven-tui: error: "


def shipped() -> dict:
    """A fresh, mutable copy of the shipped dataset."""
    return copy.deepcopy(SHIPPED)


def write(tmp_path: Path, content: bytes | str | dict, name: str = "data.json") -> Path:
    path = tmp_path / name
    if isinstance(content, dict):
        content = json.dumps(content, ensure_ascii=False)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def errors_from_cli(capsys, path: Path) -> list[str]:
    """Run ``validate`` and ``export --data`` on ``path``; both must fail the same way."""
    before = (path.read_bytes(), path.stat().st_mtime_ns) if path.is_file() else None
    results = []
    for argv in (
        ["validate", str(path)],
        ["export", "--data", str(path), "--table", "phase1", "--format", "json"],
        ["ids", "--data", str(path)],
    ):
        code = main(argv)
        out, err = capsys.readouterr()
        assert code == 2, argv
        assert out == ""
        assert "Traceback" not in err
        lines = err.splitlines()
        assert lines and all(line.startswith(f"{PREFIX}{path}") for line in lines), err
        results.append(lines)
    assert results[0] == results[1] == results[2]
    if before is not None:
        assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    return [line.removeprefix(f"{PREFIX}{path}: ") for line in results[0]]


def set_cell(data: dict, table: int, row: int, heading: str, value: object) -> dict:
    data["tables"][table]["rows"][row]["cells"][heading] = value
    return data


CASES: dict[str, tuple[Callable[[], bytes | str | dict], list[str]]] = {
    "empty": (
        lambda: b"",
        ["the file is empty; expected a JSON dataset (see `ven-tui schema`)"],
    ),
    "whitespace only": (
        lambda: b" \n\t\n",
        ["the file is empty; expected a JSON dataset (see `ven-tui schema`)"],
    ),
    "BOM only": (
        lambda: b"\xef\xbb\xbf",
        ["the file is empty; expected a JSON dataset (see `ven-tui schema`)"],
    ),
    "binary with NULs": (
        lambda: bytes(range(256)) * 4,
        [
            "contains NUL bytes (first at byte 0): a binary file, not a JSON dataset "
            "(datasets are UTF-8 JSON)"
        ],
    ),
    "binary without NULs": (
        lambda: b"\x89PNG\r\n\x1a\n\xff\xd8\xff\xe0",
        [
            "not UTF-8 text (byte 0x89 at offset 0): is this a binary file? "
            "Save datasets as UTF-8 JSON"
        ],
    ),
    "UTF-16": (
        lambda: SHIPPED_TEXT.encode("utf-16"),
        [
            "contains NUL bytes (first at byte 3): a binary file, not a JSON dataset "
            "(datasets are UTF-8 JSON)"
        ],
    ),
    "invalid UTF-8 inside a string": (
        lambda: b'{"citation": "caf\xc3\x28"}',
        [
            "not UTF-8 text (byte 0xC3 at offset 17): is this a binary file? "
            "Save datasets as UTF-8 JSON"
        ],
    ),
    "invalid JSON": (
        lambda: '{"citation": {"journal": "J"},\n  "figure": ',
        ["not valid JSON: Expecting value (line 2, column 13)"],
    ),
    "trailing comma": (
        lambda: '{"tables": [1, 2,]}',
        ["not valid JSON: Expecting value (line 1, column 18)"],
    ),
    "raw control character in a string": (
        lambda: '{"citation": "a\x1b[2Jb"}',
        ["not valid JSON: Invalid control character at (line 1, column 16)"],
    ),
    "top level is an array": (
        lambda: "[]",
        [
            '$: the top level must be a JSON object with "citation", "figure" and "tables", '
            "got an array"
        ],
    ),
    "top level is null": (
        lambda: "null",
        ['$: the top level must be a JSON object with "citation", "figure" and "tables", got null'],
    ),
    "top level is a string": (
        lambda: '"dataset"',
        [
            '$: the top level must be a JSON object with "citation", "figure" and "tables", '
            'got the string "dataset"'
        ],
    ),
    "deeply nested": (
        lambda: "[" * 100_000 + "]" * 100_000,
        [
            "not usable as a dataset: the JSON is nested too deeply to read "
            "(a dataset needs 6 levels at most)"
        ],
    ),
    "NaN and Infinity literals": (
        lambda: SHIPPED_TEXT.replace('"volume": 14', '"volume": NaN', 1).replace(
            '"issue": 4', '"issue": -Infinity', 1
        ),
        [
            "$.citation.volume: NaN is not a JSON number (JSON has no NaN or Infinity)",
            "$.citation.issue: -Infinity is not a JSON number (JSON has no NaN or Infinity)",
        ],
    ),
    "number too large for a float": (
        lambda: SHIPPED_TEXT.replace('"volume": 14', '"volume": 1e999', 1),
        ["$.citation.volume: the number 1e999 is too large"],
    ),
    "integer with thousands of digits": (
        lambda: SHIPPED_TEXT.replace('"volume": 14', '"volume": ' + "9" * 5000, 1),
        ["$.citation.volume: a number with 5,000 digits is too large"],
    ),
    "duplicate key": (
        lambda: SHIPPED_TEXT.replace('"year": 2025', '"year": 2025, "year": 2024', 1),
        [
            "$.citation.year: duplicate key: an object must not repeat a key "
            "(the value that would win is ambiguous)"
        ],
    ),
    "duplicate cell heading": (
        lambda: SHIPPED_TEXT.replace(
            '"Study number": "NCT06082934",',
            '"Study number": "NCT06082934", "Study number": "NCT00000000",',
            1,
        ),
        [
            '$.tables[1].rows[0].cells["Study number"]: duplicate key: an object must not '
            "repeat a key (the value that would win is ambiguous)"
        ],
    ),
    "unpaired surrogate escape": (
        lambda: SHIPPED_TEXT.replace('"month": "August"', '"month": "Aug\\ud800"', 1),
        [
            "$.citation.month: contains an unpaired surrogate escape (\\ud800-\\udfff), "
            "which is not a character"
        ],
    ),
    "wrong types": (
        lambda: _wrong_types(),
        [
            "$.citation.volume: expected a whole number, got true",
            '$.citation.year: expected a whole number, got the string "2025"',
            "$.tables[0].rows[0].cells.Population: expected a string, got the number 42",
            "$.tables[0].note: expected a string, got the number 5",
            "$.tables[1].rows: expected an array, got an object",
        ],
    ),
    "figure is not an object": (
        lambda: {**shipped(), "figure": "Figure 1"},
        ['$.figure: expected an object, got the string "Figure 1"'],
    ),
    "missing required fields": (
        lambda: _missing_fields(),
        [
            "$.citation.year: required field is missing",
            "$.tables[2].rows[0].cells: required field is missing",
        ],
    ),
    "unknown field": (
        lambda: {**shipped(), "comment": "x"},
        ["$.comment: unknown field (see `ven-tui schema` for the fields a dataset may have)"],
    ),
    "empty tables and columns": (
        lambda: _empty_columns(),
        ["$.tables[0].columns: must not be empty"],
    ),
    "unknown table id": (
        lambda: _table_id("phase3"),
        [
            '$.tables[2].id: unknown table id "phase3"; expected one of '
            "'published', 'phase1', 'phase2'"
        ],
    ),
    "table id of the wrong type": (
        lambda: _table_id(3),
        [
            "$.tables[2].id: unknown table id the number 3; expected one of "
            "'published', 'phase1', 'phase2'"
        ],
    ),
    "repeated table id": (
        lambda: _table_id("phase1"),
        ["$.tables[2].id: table id 'phase1' already used by tables[1]"],
    ),
    "duplicate NCT ID within a table": (
        lambda: set_cell(shipped(), 1, 2, "Study number", "NCT06082934"),
        [
            '$.tables[1].rows[2].cells["Study number"]: duplicate NCT ID NCT06082934 '
            "(already in rows[0])"
        ],
    ),
    "NCT ID too short": (
        lambda: set_cell(shipped(), 1, 0, "Study number", "NCT123"),
        [
            "$.tables[1].rows[0].cells[\"Study number\"]: 'NCT123' is not an NCT ID "
            "('NCT' followed by 8 digits)"
        ],
    ),
    "NCT ID in lower case": (
        lambda: set_cell(shipped(), 2, 0, "Study number", "nct06082934"),
        [
            "$.tables[2].rows[0].cells[\"Study number\"]: 'nct06082934' is not an NCT ID "
            "('NCT' followed by 8 digits)"
        ],
    ),
    "NCT ID with spaces": (
        lambda: set_cell(shipped(), 2, 0, "Study number", " NCT06082934"),
        [
            "$.tables[2].rows[0].cells[\"Study number\"]: ' NCT06082934' is not an NCT ID "
            "('NCT' followed by 8 digits)"
        ],
    ),
    "NCT ID with non-ASCII digits": (
        lambda: set_cell(shipped(), 2, 0, "Study number", "NCT\u0660\u0661234567"),
        [
            "$.tables[2].rows[0].cells[\"Study number\"]: 'NCT\u0660\u0661234567' is not an "
            "NCT ID ('NCT' followed by 8 digits)"
        ],
    ),
    "NCT ID carrying an escape sequence": (
        lambda: set_cell(shipped(), 2, 0, "Study number", "NCT06082934\x1b[2J"),
        [
            "$.tables[2].rows[0].cells[\"Study number\"]: 'NCT06082934\\x1b[2J' is not an "
            "NCT ID ('NCT' followed by 8 digits)"
        ],
    ),
    "cells out of column order": (
        lambda: _swapped_cells(),
        [
            "$.tables[0].rows[0].cells: cells must have exactly the table's columns in order "
            "['Population', 'Intervention', 'Primary outcome'], got "
            "['Intervention', 'Population', 'Primary outcome']"
        ],
    ),
    "hostile heading in a message": (
        lambda: _hostile_heading(),
        [
            "$.tables[0].rows[0].cells: cells must have exactly the table's columns in order "
            "['Population', 'Intervention', 'Primary outcome'], got "
            "['Population', 'Intervention', 'Primary outcome\\x1b]52;c;UFdORUQ=\\x07']",
        ],
    ),
}


def _wrong_types() -> dict:
    data = shipped()
    data["citation"]["year"] = "2025"
    data["citation"]["volume"] = True
    data["tables"][0]["note"] = 5
    data["tables"][1]["rows"] = {}
    return set_cell(data, 0, 0, "Population", 42)


def _missing_fields() -> dict:
    data = shipped()
    del data["citation"]["year"]
    del data["tables"][2]["rows"][0]["cells"]
    return data


def _empty_columns() -> dict:
    data = shipped()
    data["tables"][0]["columns"] = []
    return data


def _table_id(value: object) -> dict:
    data = shipped()
    data["tables"][2]["id"] = value
    return data


def _swapped_cells() -> dict:
    data = shipped()
    cells = data["tables"][0]["rows"][0]["cells"]
    order = ["Intervention", "Population", "Primary outcome"]
    data["tables"][0]["rows"][0]["cells"] = {key: cells[key] for key in order}
    return data


def _hostile_heading() -> dict:
    data = shipped()
    row = data["tables"][0]["rows"][0]
    value = row["cells"].pop("Primary outcome")
    row["cells"]["Primary outcome\x1b]52;c;UFdORUQ=\x07"] = value
    return data


@pytest.mark.parametrize("case", list(CASES))
def test_bad_file_gives_one_clear_line_per_problem(capsys, tmp_path: Path, case: str):
    build, expected = CASES[case]
    path = write(tmp_path, build())
    assert errors_from_cli(capsys, path) == expected


def test_missing_file(capsys, tmp_path: Path):
    assert errors_from_cli(capsys, tmp_path / "nope.json") == ["no such file"]


def test_missing_parent_directory(capsys, tmp_path: Path):
    assert errors_from_cli(capsys, tmp_path / "nowhere" / "data.json") == ["no such file"]


def test_path_through_a_file_is_not_a_directory(capsys, tmp_path: Path):
    path = write(tmp_path, "{}") / "data.json"
    assert errors_from_cli(capsys, path) == ["cannot read the file: Not a directory"]


def test_directory(capsys, tmp_path: Path):
    assert errors_from_cli(capsys, tmp_path) == ["is a directory, not a dataset file"]


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="running as root: permission bits do not stop root reading a file "
    "(test_unreadable_file_simulated covers the message)",
)
def test_unreadable_file(capsys, tmp_path: Path):
    path = write(tmp_path, SHIPPED_TEXT)
    path.chmod(0)
    try:
        assert errors_from_cli(capsys, path) == ["permission denied: cannot read the file"]
    finally:
        path.chmod(0o644)


def test_unreadable_file_simulated(capsys, tmp_path: Path, monkeypatch):
    """Works as root too: the loader's ``open`` fails as it would on a chmod 000 file."""
    path = write(tmp_path, SHIPPED_TEXT)

    def denied(file, mode="r", *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(file))

    monkeypatch.setattr(loader, "open", denied, raising=False)
    assert errors_from_cli(capsys, path) == ["permission denied: cannot read the file"]


def test_other_read_error_is_reported_with_its_reason(capsys, tmp_path: Path, monkeypatch):
    path = write(tmp_path, SHIPPED_TEXT)

    def broken(file, mode="r", *args, **kwargs):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(loader, "open", broken, raising=False)
    assert errors_from_cli(capsys, path) == ["cannot read the file: Input/output error"]


def test_too_large_with_an_injected_limit(capsys, tmp_path: Path, monkeypatch):
    path = write(tmp_path, SHIPPED_TEXT)
    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 1000)
    size = path.stat().st_size
    assert errors_from_cli(capsys, path) == [
        f"file is {size:,} bytes; a dataset may be at most 1,000: is this the right file?"
    ]


def test_absurdly_large_sparse_file_is_refused_without_reading(capsys, tmp_path: Path):
    """A sparse file just over the real 64 MiB limit: refused by its size, not read."""
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(loader.MAX_FILE_BYTES + 1)
    size = loader.MAX_FILE_BYTES + 1
    assert errors_from_cli(capsys, path) == [
        f"file is {size:,} bytes; a dataset may be at most {loader.MAX_FILE_BYTES:,}: "
        "is this the right file?"
    ]


def test_a_device_is_refused_without_reading(tmp_path: Path, monkeypatch):
    """/dev/zero would stream forever: anything but a regular file is refused in one line."""
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero on this system")
    with pytest.raises(DataError) as caught:
        load_dataset("/dev/zero")
    assert [str(p) for p in caught.value.problems] == [
        "/dev/zero: not a regular file (a pipe, device or socket?): give a dataset file"
    ]


@contextlib.contextmanager
def _unblocked_after(fifo: Path, seconds: float = 5.0):
    """If the loader does block on ``fifo``, keep opening its other end: fail, never hang."""
    done = threading.Event()

    def release() -> None:
        if done.wait(seconds):
            return
        while not done.wait(0.2):
            try:
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
            except OSError:
                pass  # nobody is reading it right now

    watchdog = threading.Thread(target=release, daemon=True)
    watchdog.start()
    try:
        yield
    finally:
        done.set()
        watchdog.join()


def test_a_fifo_is_refused_instead_of_blocking(capsys, tmp_path: Path):
    """A FIFO with no writer blocks open() forever; it must be refused at once."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    fifo = tmp_path / "data.json"
    os.mkfifo(fifo)
    with _unblocked_after(fifo):
        assert errors_from_cli(capsys, fifo) == [
            "not a regular file (a pipe, device or socket?): give a dataset file"
        ]


def test_a_fifo_raced_in_after_the_check_does_not_block(tmp_path: Path, monkeypatch):
    """The descriptor is opened non-blocking and checked again, so a swap cannot hang."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    fifo = tmp_path / "data.json"
    os.mkfifo(fifo)
    regular = os.stat(write(tmp_path, SHIPPED_TEXT, "regular.json"))
    real_stat = os.stat
    monkeypatch.setattr(
        loader.os, "stat", lambda p, *a, **k: regular if p == fifo else real_stat(p, *a, **k)
    )
    with pytest.raises(DataError) as caught, _unblocked_after(fifo):
        load_dataset(fifo)
    assert "not a regular file" in str(caught.value.problems[0])


def test_utf8_bom_is_accepted(capsys, tmp_path: Path):
    path = write(tmp_path, b"\xef\xbb\xbf" + SHIPPED_TEXT.encode("utf-8"))
    assert main(["validate", str(path)]) == 0
    assert capsys.readouterr().out == f"{path}: valid\n"
    assert main(["ids", "--data", str(path), "--table", "phase1"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "NCT06082934"


def test_strict_types_do_not_coerce(tmp_path: Path):
    """A clinical dataset states numbers as numbers: "2025" is not silently taken as 2025."""
    data = shipped()
    data["citation"]["year"] = 2025.0
    with pytest.raises(DataError) as caught:
        load_dataset(write(tmp_path, data))
    assert [p.message for p in caught.value.problems] == [
        "expected a whole number, got the number 2025.0"
    ]


def test_problem_list_is_capped(capsys, tmp_path: Path):
    """A 10,000-row bad file prints 20 problems and a count, not 10,000 lines."""
    data = shipped()
    table = data["tables"][1]
    template = table["rows"][0]
    table["rows"] = [
        {**template, "cells": {**template["cells"], "Study number": f"NCT{index}"}}
        for index in range(10_000)
    ]
    path = write(tmp_path, data)
    lines = errors_from_cli(capsys, path)
    assert len(lines) == loader.MAX_REPORTED_PROBLEMS + 1
    assert lines[0].startswith("$.tables[1].rows[0].cells[\"Study number\"]: 'NCT0' is not")
    assert lines[-1] == (
        "... and 9,980 more problems (fix these, then run `ven-tui validate` again)"
    )
    with pytest.raises(DataError) as caught:
        load_dataset(path)
    assert len(caught.value.problems) == 10_000


def test_cap_is_injectable_and_singular(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(loader, "MAX_REPORTED_PROBLEMS", 1)
    data = shipped()
    set_cell(data, 1, 0, "Study number", "x")
    set_cell(data, 1, 1, "Study number", "y")
    with pytest.raises(DataError) as caught:
        load_dataset(write(tmp_path, data))
    assert (
        str(caught.value)
        .splitlines()[-1]
        .endswith(": ... and 1 more problem (fix these, then run `ven-tui validate` again)")
    )


def test_a_huge_key_is_cut_short_in_the_path(tmp_path: Path):
    data = {**shipped(), "k" * 10_000: 1}
    with pytest.raises(DataError) as caught:
        load_dataset(write(tmp_path, data))
    assert [p.path for p in caught.value.problems] == ['$["' + "k" * 59 + '…"]']
    assert len(str(caught.value)) < 400


def test_hostile_file_name_is_neutralised(capsys, tmp_path: Path):
    name = "evil\x1b]52;c;UFdORUQ=\x07\u202e.json"
    path = tmp_path / name
    code = main(["validate", str(path)])
    err = capsys.readouterr().err
    assert code == 2
    assert "\x1b" not in err and "\x07" not in err and "\u202e" not in err
    assert err.endswith("evil\u241b]52;c;UFdORUQ=\u2407<U+202E>.json: no such file\n")
    path.write_text(SHIPPED_TEXT, encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and out.endswith("<U+202E>.json: valid\n")


def test_shipped_dataset_validates_strictly(capsys):
    assert main(["validate", str(default_data_path())]) == 0
    assert capsys.readouterr().out.endswith(": valid\n")


@pytest.mark.parametrize(
    "content",
    [
        "[" * 100_000 + "]" * 100_000,
        bytes(range(256)),
        json.dumps(set_cell(shipped(), 1, 2, "Study number", "NCT06082934")),
    ],
    ids=["deep", "binary", "duplicate-nct"],
)
def test_no_traceback_reaches_stderr_of_the_real_process(tmp_path: Path, content):
    path = write(tmp_path, content)
    before = path.read_bytes()
    for argv in (
        ["validate", str(path)],
        ["export", "--data", str(path), "--table", "phase2", "--format", "csv"],
    ):
        result = subprocess.run(
            [sys.executable, "-m", "tui", *argv], capture_output=True, text=True, check=False
        )
        assert result.returncode == 2
        assert result.stdout == ""
        assert "Traceback" not in result.stderr
        assert len(result.stderr.splitlines()) == 1
        assert result.stderr.startswith(f"{PREFIX}{path}: ")
    assert path.read_bytes() == before


def test_an_unexpected_error_is_one_line_not_a_traceback(capsys, monkeypatch):
    """A bug still earns one neutralised line and exit 1; VEN_TUI_DEBUG=1 shows the traceback."""
    import tui.cli

    def broken(path):
        raise ValueError("boom \x1b[2J")

    monkeypatch.setattr(tui.cli, "load_evidence", broken)
    monkeypatch.delenv("VEN_TUI_DEBUG", raising=False)
    assert main(["ids"]) == 1
    err = capsys.readouterr().err
    assert err == (
        "ven-tui: internal error: ValueError: boom \u241b[2J "
        "(please report it; set VEN_TUI_DEBUG=1 to see the traceback)\n"
    )
    monkeypatch.setenv("VEN_TUI_DEBUG", "1")
    with pytest.raises(ValueError, match="boom"):
        main(["ids"])
