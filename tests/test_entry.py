"""``tui.entry`` forks the loading child before importing the CLI only when the words plainly
start the browser, and the CLI uses that child only for the very file it was asked for."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.test_forked_load import _reaped
from tests.test_quick_read import large_dataset
from tui import cli, entry, forked_load
from tui.domain import Dataset
from tui.entry import browser_data_file
from tui.forked_load import ForkedLoad, load_while
from tui.resources import default_data_path

WORDS = st.sampled_from(
    [
        "--data",
        "--data=",
        "--data=big.json",
        "--data=.",
        "big.json",
        "other.json",
        "",
        " ",
        ".",
        "--pick",
        "--pic",
        "--registry-url",
        "--registry-url=http://127.0.0.1:1",
        "http://127.0.0.1:1",
        "--help",
        "--version",
        "ids",
        "export",
        "--filter",
        "-x",
        "--",
        "--da",
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(WORDS, max_size=6))
def test_a_file_is_named_only_for_words_that_start_the_browser_on_it(words):
    """Whenever the guess names a file, the CLI's own parser starts the browser on it."""
    guess = browser_data_file(words)
    if guess is None:
        return
    args = cli.build_parser().parse_args(cli.join_filter_values(words))
    assert args.command is None
    assert guess == (args.data if args.data is not None else default_data_path())


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ([], default_data_path()),
        (["--pick"], default_data_path()),
        (["--data", "big.json", "--pick"], Path("big.json")),
        (["--data=big.json"], Path("big.json")),
        (["--data", "a.json", "--data", "b.json"], Path("b.json")),
        (["--registry-url", "http://127.0.0.1:1", "--data", "b.json"], Path("b.json")),
        (["--data", "big.json", "ids"], None),
        (["--da", "big.json"], None),
        (["--data", "--pick"], None),
        (["--data"], None),
        (["--data="], None),
        (["--help"], None),
    ],
)
def test_the_browser_words_and_nothing_else(words, expected):
    assert browser_data_file(words) == expected


def _large_file(tmp_path: Path) -> Path:
    """The shipped dataset with enough published rows to be read in a child."""
    path = tmp_path / "big.json"
    path.write_text(json.dumps(large_dataset(4000)), encoding="utf-8")
    assert path.stat().st_size >= forked_load.QUICK_READ_BYTES
    return path


def test_the_child_is_forked_before_the_cli_and_handed_to_it(tmp_path, monkeypatch):
    path = _large_file(tmp_path)
    monkeypatch.setattr(sys, "argv", ["ven-tui", "--data", str(path)])
    handed: list[ForkedLoad | None] = []

    def cli_main(early_load: ForkedLoad | None = None) -> int:
        handed.append(early_load)
        assert "tui.cli" in sys.modules  # imported after the fork, by main itself
        return 0

    monkeypatch.setattr(cli, "main", cli_main)
    assert entry.main() == 0
    (early,) = handed
    assert early is not None and early.path == path
    assert early._pid == 0 and early._pipe == -1  # stopped and reaped on the way out


def test_the_cli_uses_the_early_child_for_its_file(tmp_path):
    path = _large_file(tmp_path)
    early = ForkedLoad.start(path)
    assert early is not None
    pid = early._pid
    dataset = load_while(path, lambda: None, lambda d: d, started=early)
    assert isinstance(dataset, Dataset) and len(dataset.tables[0].rows) == 4000
    assert early._pid == 0 and _reaped(pid)


def test_an_early_child_for_another_file_is_stopped_and_not_used(tmp_path):
    path = _large_file(tmp_path)
    early = ForkedLoad.start(path)
    assert early is not None
    pid = early._pid
    other = default_data_path()
    dataset = load_while(other, lambda: None, lambda d: d, started=early)
    assert len(dataset.tables[0].rows) == 12  # the file asked for, not the child's
    assert early._pid == 0 and _reaped(pid)


def test_the_domain_names_are_all_there_and_imported_only_when_asked_for():
    import tui.domain

    assert sorted(tui.domain.__all__) == sorted(tui.domain._WHERE)
    for name in tui.domain.__all__:
        assert getattr(tui.domain, name) is not None
    with pytest.raises(AttributeError):
        _ = tui.domain.no_such_name
    code = (
        "import sys, tui.entry, tui.forked_load; "
        "print(sorted(m for m in ('tui.cli', 'tui.domain.evidence', 'tui.domain.query', "
        "'textual') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"  # what the child is forked with: the loader alone
