"""SIGTERM, SIGHUP and SIGQUIT leave the terminal as it was found (issue 17, item 7)."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from tests.e2e.harness import ALT_SCREEN_ON, TmuxTerminal, _descendants, launch_ven_tui
from tests.e2e.screens import shows_browser

pytestmark = pytest.mark.e2e

ALT_SCREEN_OFF = b"\x1b[?1049l"
CURSOR_HIDDEN, CURSOR_SHOWN = b"\x1b[?25l", b"\x1b[?25h"
MOUSE_ON, MOUSE_OFF = b"\x1b[?1000h", b"\x1b[?1000l"


def _ven_tui_pid(terminal: TmuxTerminal) -> int:
    """The Python process running ven-tui under the pane's shell wrapper."""
    pane_pid = int(terminal._format("#{pane_pid}"))
    for pid in _descendants(pane_pid):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"ven-tui" in command or b"tui" in command:
            return pid
    raise AssertionError(f"no ven-tui process under the pane\n{terminal.describe()}")


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP", "SIGQUIT"])
def test_signal_restores_the_terminal(terminal: TmuxTerminal, name: str):
    launch_ven_tui(terminal)
    terminal.wait_for(shows_browser)

    os.kill(_ven_tui_pid(terminal), getattr(signal, name))

    terminal.wait_for_exit()
    output = terminal.output()
    assert output.rfind(ALT_SCREEN_OFF) > output.rfind(ALT_SCREEN_ON), "left the alternate screen"
    assert output.rfind(CURSOR_SHOWN) > output.rfind(CURSOR_HIDDEN), "cursor shown again"
    if MOUSE_ON in output:
        assert output.rfind(MOUSE_OFF) > output.rfind(MOUSE_ON), "mouse reporting off"
    # The cursor is checked in the bytes above: a dead pane's #{cursor_flag} is not kept.
    # tmux may still be reading the last bytes when the exit status lands: poll briefly.
    deadline = time.monotonic() + 5
    while True:
        state = terminal._format("#{alternate_on} #{mouse_any_flag}")
        if state.split() == ["0", "0"] or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert state.split() == ["0", "0"], f"alternate screen, mouse: {state}"
    assert b"Traceback" not in output
