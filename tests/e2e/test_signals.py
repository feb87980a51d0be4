"""SIGTERM, SIGHUP and SIGQUIT leave the terminal as it was found (issue 17, item 7), and
a terminal that hangs up in the middle of drawing leaves no process behind."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.e2e.harness import (
    ALT_SCREEN_ON,
    TmuxTerminal,
    _descendants,
    launch_ven_tui,
    pid_alive,
)
from tests.e2e.screens import shows_browser
from tui.hangup_watch import HANGUP_GRACE_SECONDS

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


def test_a_hang_up_while_drawing_leaves_no_process(
    make_terminal: Callable[..., TmuxTerminal], synthetic_file: Path
):
    """Held keys, then the pane killed (the terminal hangs up): Textual's shutdown could
    then wait for ever on its dead writer thread; before the watch, about half of these
    attempts left a ven-tui running with no terminal."""
    left: list[int] = []
    for _ in range(6):
        terminal = make_terminal(size=(120, 40))
        launch_ven_tui(terminal, ["--data", str(synthetic_file)])
        terminal.wait_for(shows_browser)
        pid = _ven_tui_pid(terminal)
        try:
            for _ in range(20):
                terminal.send_keys(*["j", "k"] * 10, "2", "3", "1")
            terminal._tmux("kill-pane", "-t", terminal.target)
            deadline = time.monotonic() + HANGUP_GRACE_SECONDS + 5
            while pid_alive(pid) and time.monotonic() < deadline:
                time.sleep(0.05)
            if pid_alive(pid):
                left.append(pid)
        finally:
            if pid_alive(pid):
                os.kill(pid, signal.SIGKILL)
    assert not left, f"ven-tui processes left running after their terminal hung up: {left}"
