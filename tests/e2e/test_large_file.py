"""A large dataset through the installed ven-tui: read in a child beside the browser's
import, shown, and no process of it left once the browser is up or after a bad file."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tests.e2e.harness import TmuxTerminal, _descendants, launch_ven_tui
from tests.e2e.screens import shows_footer
from tui.domain.quick_read import QUICK_READ_BYTES

pytestmark = pytest.mark.e2e


@pytest.fixture
def large_file(synthetic_file: Path) -> Path:
    assert synthetic_file.stat().st_size >= QUICK_READ_BYTES  # large enough for a child
    return synthetic_file


def _processes_under(terminal: TmuxTerminal) -> list[bytes]:
    pane_pid = int(terminal._format("#{pane_pid}"))
    commands = []
    for pid in _descendants(pane_pid):
        try:
            commands.append(Path(f"/proc/{pid}/cmdline").read_bytes())
        except OSError:
            continue  # ended while being listed
    return [command for command in commands if b"ven-tui" in command]


def test_a_large_file_is_shown_with_no_loader_left(terminal: TmuxTerminal, large_file: Path):
    raw = json.loads(large_file.read_text(encoding="utf-8"))
    first = next(iter(raw["tables"][0]["rows"][0]["cells"].values()))[:10]
    launch_ven_tui(terminal, ["--data", str(large_file)])
    terminal.wait_for(lambda screen: first in screen and shows_footer(screen))
    # The screen is sent the moment the child's verdict comes; the child is reaped after.
    deadline = time.monotonic() + 5
    while len(_processes_under(terminal)) > 1 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert len(_processes_under(terminal)) == 1, "the loading child is gone once it answered"
    terminal.send_keys("q")
    assert terminal.wait_for_exit() == 0


def test_a_bad_large_file_is_one_line_and_leaves_nothing(
    terminal: TmuxTerminal, large_file: Path, tmp_path: Path
):
    raw = json.loads(large_file.read_text(encoding="utf-8"))
    raw["tables"][2]["rows"][2000]["cells"]["Study number"] = "NCT0000"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(raw), encoding="utf-8")
    launch_ven_tui(terminal, ["--data", str(bad)])
    assert terminal.wait_for_exit() == 2
    assert _processes_under(terminal) == []
    written = terminal.output().decode("utf-8", "replace").replace("\r\n", "\n")
    assert 'tables[2].rows[2000].cells["Study number"]' in written
    assert "'NCT0000' is not an NCT ID" in written and "Traceback" not in written
    assert written.count("ven-tui: error:") == 1, written
    # The browser started on the tables while the child checked them, and sent nothing.
    assert b"\x1b[?1049h" not in terminal.output(), "the alternate screen was never entered"
