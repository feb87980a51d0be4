"""A browser whose terminal hangs up ends a few seconds later, whatever its shutdown does."""

from __future__ import annotations

import os
import threading
import time

from tui.hangup_watch import HANGUP_EXIT_CODE, watch_for_hangup


def _exits() -> tuple[list[int], threading.Event, object]:
    codes: list[int] = []
    called = threading.Event()

    def exit_now(code: int) -> None:
        codes.append(code)
        called.set()

    return codes, called, exit_now


def test_a_live_terminal_is_left_alone_and_a_hung_up_one_ends_the_process():
    master, slave = os.openpty()
    codes, called, exit_now = _exits()
    try:
        thread = watch_for_hangup([slave], grace=0.05, exit_now=exit_now)  # type: ignore[arg-type]
        assert thread.daemon
        os.write(master, b"typed keys are not read by the watch\r")
        assert not called.wait(0.3), "exited while the terminal was still there"
        assert os.read(slave, 100).startswith(b"typed keys")  # the input is still there
        hung_up = time.monotonic()
        os.close(master)
        master = -1
        assert called.wait(5), "no exit after the hang-up"
        assert time.monotonic() - hung_up >= 0.05  # the grace came first
        assert codes == [HANGUP_EXIT_CODE] == [129]
    finally:
        if master >= 0:
            os.close(master)
        os.close(slave)


def test_the_grace_lets_a_normal_shutdown_finish_first():
    master, slave = os.openpty()
    codes, called, exit_now = _exits()
    try:
        watch_for_hangup([slave], grace=0.5, exit_now=exit_now)  # type: ignore[arg-type]
        os.close(master)
        master = -1
        assert not called.wait(0.2)  # still within the grace
        assert called.wait(5) and codes == [HANGUP_EXIT_CODE]
    finally:
        if master >= 0:
            os.close(master)
        os.close(slave)


def test_a_stream_that_is_no_file_is_left_out(monkeypatch):
    """Textual's own stderr, in place while the app runs, says its file number is -1."""
    master, slave = os.openpty()
    codes, called, exit_now = _exits()
    try:
        thread = watch_for_hangup([-1, slave], grace=0.01, exit_now=exit_now)  # type: ignore[arg-type]
        assert thread.is_alive() and not called.wait(0.2)
        os.close(master)
        master = -1
        assert called.wait(5) and codes == [HANGUP_EXIT_CODE]
    finally:
        if master >= 0:
            os.close(master)
        os.close(slave)


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
