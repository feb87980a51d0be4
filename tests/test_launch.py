"""The browser refuses unsuitable terminals with a clear message instead of a broken screen."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest

from tui.launch import TerminalUnsuitable, check_terminal


class FakeTty(io.StringIO):
    def __init__(self, tty: bool = True, encoding: str = "utf-8") -> None:
        super().__init__()
        self._tty, self._encoding = tty, encoding

    def isatty(self) -> bool:
        return self._tty

    @property
    def encoding(self) -> str:
        return self._encoding


def test_a_utf8_interactive_terminal_is_accepted():
    check_terminal(FakeTty(), FakeTty(), {"TERM": "xterm-256color"})
    check_terminal(FakeTty(), FakeTty(), {"TERM": "linux"})


@pytest.mark.parametrize(
    ("stdin", "screen", "env", "reason"),
    [
        (FakeTty(tty=False), FakeTty(), {"TERM": "xterm"}, "needs an interactive terminal"),
        (FakeTty(), FakeTty(tty=False), {"TERM": "xterm"}, "needs an interactive terminal"),
        (FakeTty(), FakeTty(), {"TERM": "dumb"}, "TERM=dumb cannot move the cursor"),
        (FakeTty(), FakeTty(encoding="ISO-8859-1"), {"TERM": "xterm"}, "needs UTF-8"),
    ],
)
def test_unsuitable_terminals_are_refused_with_a_reason(stdin, screen, env, reason):
    with pytest.raises(TerminalUnsuitable, match=reason):
        check_terminal(stdin, screen, env)


def test_no_terminal_at_all_is_one_line_and_exit_2():
    result = subprocess.run(
        [sys.executable, "-m", "tui"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("ven-tui: error: the browser needs an interactive terminal")
    assert "Traceback" not in result.stderr and result.stdout == ""
