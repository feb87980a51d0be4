"""End the browser if its terminal hangs up and it has not ended a few seconds later.

A dropped SSH connection (or a closed terminal window) hangs the terminal up. Textual then
shuts down by writing to a terminal that refuses every write: its writer thread dies on
the first error, and the shutdown waits for ever to queue what is left (Textual 8.2.8,
``WriterThread.stop``). Found in the benchmark: a held key, then the pane killed, left a
``ven-tui`` of 120 MB behind about half the time. Nobody can see or use a browser whose
terminal is gone, so once the hang-up is a few seconds old the process exits at once.
"""

from __future__ import annotations

import os
import select
import sys
import threading
from collections.abc import Callable, Sequence

HANGUP_GRACE_SECONDS = 3.0
"""How long a normal shutdown may take after the hang-up (it takes milliseconds)."""
HANGUP_EXIT_CODE = 129
"""As if killed by SIGHUP (128 + 1), as a shell reports it."""


def watch_for_hangup(
    terminal_fds: Sequence[int],
    grace: float = HANGUP_GRACE_SECONDS,
    exit_now: Callable[[int], object] = os._exit,
) -> threading.Thread | None:
    """A daemon thread that waits, idle, for any of ``terminal_fds`` to hang up, then
    ``grace`` seconds, then calls ``exit_now(HANGUP_EXIT_CODE)``. It asks for no events, so
    it reads nothing: poll reports a hang-up (or an error) whatever is asked.

    Linux only (None elsewhere): macOS's poll cannot watch a terminal at all.
    """
    if not sys.platform.startswith("linux"):
        return None

    def watch() -> None:
        poller = select.poll()
        for fd in terminal_fds:
            if fd >= 0:  # a stream that is not a file says -1
                poller.register(fd, 0)
        while True:  # only a hang-up or an error ends the wait
            events = [event for _, event in poller.poll()]
            if any(event & select.POLLNVAL for event in events):
                return  # not a file poll can watch (a closed one): no word on the terminal
            if any(event & (select.POLLHUP | select.POLLERR) for event in events):
                break
        threading.Event().wait(grace)
        exit_now(HANGUP_EXIT_CODE)

    thread = threading.Thread(target=watch, name="ven-tui-hangup-watch", daemon=True)
    thread.start()
    return thread
