"""A browser whose terminal hangs up ends a few seconds later, whatever its shutdown does."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator

import pytest

from tui.hangup_watch import HANGUP_EXIT_CODE, watch_for_hangup


class Terminal:
    """A pseudo-terminal: the browser's side, and ``hang_up`` to close the other."""

    def __init__(self) -> None:
        self.master, self.slave = os.openpty()

    def hang_up(self) -> None:
        os.close(self.master)
        self.master = -1

    def close(self) -> None:
        if self.master >= 0:
            os.close(self.master)
        os.close(self.slave)


@pytest.fixture
def terminal() -> Iterator[Terminal]:
    made = Terminal()
    yield made
    made.close()


def _exits() -> tuple[list[int], threading.Event, Callable[[int], None]]:
    codes: list[int] = []
    called = threading.Event()

    def exit_now(code: int) -> None:
        codes.append(code)
        called.set()

    return codes, called, exit_now


def test_a_live_terminal_is_left_alone_and_a_hung_up_one_ends_the_process(terminal):
    codes, called, exit_now = _exits()
    thread = watch_for_hangup([terminal.slave], grace=0.05, exit_now=exit_now)
    assert thread is not None and thread.daemon
    os.write(terminal.master, b"typed keys are not read by the watch\r")
    assert not called.wait(0.3), "exited while the terminal was still there"
    assert os.read(terminal.slave, 100).startswith(b"typed keys")  # the input is still there
    hung_up = time.monotonic()
    terminal.hang_up()
    assert called.wait(5), "no exit after the hang-up"
    assert time.monotonic() - hung_up >= 0.05  # the grace came first
    assert codes == [HANGUP_EXIT_CODE] == [129]


def test_the_grace_lets_a_normal_shutdown_finish_first(terminal):
    codes, called, exit_now = _exits()
    watch_for_hangup([terminal.slave], grace=0.5, exit_now=exit_now)
    terminal.hang_up()
    assert not called.wait(0.2)  # still within the grace
    assert called.wait(5) and codes == [HANGUP_EXIT_CODE]


def test_a_stream_that_is_no_file_is_left_out(terminal):
    """Textual's own stderr, in place while the app runs, says its file number is -1."""
    codes, called, exit_now = _exits()
    thread = watch_for_hangup([-1, terminal.slave], grace=0.01, exit_now=exit_now)
    assert thread is not None and thread.is_alive() and not called.wait(0.2)
    terminal.hang_up()
    assert called.wait(5) and codes == [HANGUP_EXIT_CODE]


def test_the_browser_watches_only_streams_that_are_files(monkeypatch):
    from tui import launch

    class Stream:
        def __init__(self, fd: int | None) -> None:
            self.fd = fd

        def fileno(self) -> int:
            if self.fd is None:
                raise OSError("no file")
            return self.fd

    monkeypatch.setattr(launch.sys, "stdin", Stream(7))
    monkeypatch.setattr(launch.sys, "stderr", Stream(-1))  # Textual's, while the app runs
    assert launch._terminal_fds() == [7]
    monkeypatch.setattr(launch.sys, "stdin", Stream(None))
    monkeypatch.setattr(launch.sys, "stderr", Stream(2))
    assert launch._terminal_fds() == [2]


def test_a_file_poll_cannot_watch_ends_the_watch_not_the_process():
    """A closed descriptor (poll says POLLNVAL) tells nothing about the terminal."""
    codes, called, exit_now = _exits()
    read_end, write_end = os.pipe()
    os.close(read_end)
    os.close(write_end)
    thread = watch_for_hangup([read_end], grace=0.01, exit_now=exit_now)
    assert thread is not None
    thread.join(5)
    assert not thread.is_alive() and not called.is_set() and codes == []


def test_no_watch_off_linux(monkeypatch):
    from tui import hangup_watch

    monkeypatch.setattr(hangup_watch.sys, "platform", "darwin")
    codes, called, exit_now = _exits()
    assert watch_for_hangup([0], grace=0.01, exit_now=exit_now) is None
