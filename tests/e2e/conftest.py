"""Fixtures for the end-to-end tests: a private tmux terminal and a loopback sshd.

They skip with a clear reason when tmux or the OpenSSH tools are missing, unless
VEN_TUI_REQUIRE_E2E=1 (CI sets it), where a missing tool fails the run instead.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

from tests.e2e.harness import (
    DEFAULT_SIZE,
    SSH_TOOLS,
    TMUX_TOOLS,
    SshServer,
    TmuxTerminal,
    missing_tools,
)

REQUIRE_ENV = "VEN_TUI_REQUIRE_E2E"
INSTALL_HINT = "install them (Debian/Ubuntu: apt-get install tmux openssh-server openssh-client)"


def require_tools(names: Sequence[str], purpose: str) -> None:
    """Skip (or, when CI requires the end-to-end tests, fail) if any of ``names`` is missing."""
    missing = missing_tools(names)
    if not missing:
        return
    reason = f"{purpose} needs {', '.join(missing)}, not found on PATH or in /usr/sbin; "
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"{REQUIRE_ENV}=1 but {reason}{INSTALL_HINT}", pytrace=False)
    pytest.skip(f"{reason}{INSTALL_HINT} (set {REQUIRE_ENV}=1 to make this a failure)")


@pytest.fixture
def make_terminal() -> Iterator[Callable[..., TmuxTerminal]]:
    """Make private tmux terminals (size, extra env); every one is killed after the test."""
    require_tools(TMUX_TOOLS, "the end-to-end terminal test")
    made: list[TmuxTerminal] = []

    def make(
        size: tuple[int, int] = DEFAULT_SIZE, env: dict[str, str] | None = None
    ) -> TmuxTerminal:
        terminal = TmuxTerminal(size=size, env=env)
        made.append(terminal)
        return terminal

    yield make
    for terminal in reversed(made):
        terminal.close()


@pytest.fixture
def terminal(make_terminal: Callable[..., TmuxTerminal]) -> TmuxTerminal:
    """A private 80x24 tmux terminal (TERM=xterm-256color, LANG=C.UTF-8), not yet running."""
    return make_terminal()


@pytest.fixture
def ssh_server() -> Iterator[SshServer]:
    """An sshd on 127.0.0.1 with throwaway keys; stopped (with its sessions) after the test."""
    require_tools([*TMUX_TOOLS, *SSH_TOOLS], "the end-to-end SSH test")
    server = SshServer().start()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture(scope="session")
def synthetic_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """6,000 synthetic rows (``scripts/make_synthetic.py``): a file read in the loading child,
    and enough drawing per key for a held key to keep Textual's writer busy."""
    path = tmp_path_factory.mktemp("synthetic") / "synthetic.json"
    script = Path(__file__).resolve().parents[2] / "scripts" / "make_synthetic.py"
    subprocess.run(
        [sys.executable, str(script), "--rows", "6000", "--out", str(path)],
        check=True,
        capture_output=True,
    )
    return path
