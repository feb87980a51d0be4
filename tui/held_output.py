"""The browser starts on a large file before the checks on it end, and the terminal is sent
nothing until they pass.

At 100,000 rows the loading child decodes the file, hands the parent its tables, and then
spends some 100 ms proving and checking them (``tui.forked_load``). Starting Textual only
after that wait leaves one core idle. Instead the browser starts at once on the tables
(``Provisional``), lays out and draws, and everything the driver would write (the switch
to the alternate screen, the frames, a copy, the bell) is kept back: sent, in order, once
the checks pass, or never, if the file fails them. A file that fails leaves the terminal
as it was, and its problems are printed as ever.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from textual.driver import Driver

from tui.forked_load import Provisional

T = TypeVar("T")
_QUICK_SWITCH_S = 0.001


class HeldOutput:
    """What the driver writes, kept while ``holding``; ``release`` sends it, in order.

    The driver writes from the event loop's thread; the checks' thread releases, at once:
    through the loop, the release would wait for the first frame's layout to finish.
    Textual's driver hands each write to its writer thread's queue, so a write is quick.
    """

    def __init__(self) -> None:
        self._kept: list[str] | None = []
        self._send: Callable[[str], None] | None = None
        self._lock = threading.Lock()

    @property
    def holding(self) -> bool:
        return self._kept is not None

    def write(self, data: str, send: Callable[[str], None]) -> None:
        """``send(data)``, or keep it (and ``send``) until ``release``."""
        with self._lock:
            if self._kept is not None:
                self._kept.append(data)
                self._send = send
                return
        send(data)  # released: whatever was kept before is in the writer's queue first

    def release(self) -> None:
        """Send what was kept, as one write, and hold nothing more."""
        with self._lock:
            kept, self._kept = self._kept, None
            if kept and self._send is not None:
                self._send("".join(kept))


def holding_driver(base: type[Driver], held: HeldOutput) -> type[Driver]:
    """``base`` (Textual's driver for this terminal), its writes going through ``held``."""

    class HoldingDriver(base):  # type: ignore[valid-type, misc]
        def write(self, data: str) -> None:
            held.write(data, super().write)

    return HoldingDriver


class PendingChecks(Generic[T]):
    """The checks on the file the browser starts with, awaited in a thread of their own.

    ``shown``: what the browser was given. ``passed`` once the checks confirmed it;
    ``outcome`` waits for them, and returns what should be shown instead if they did not
    (the dataset read more carefully), or raises the file's ``DataError``.
    """

    def __init__(self, loaded: Provisional[T]) -> None:
        assert loaded.value is not None
        self.shown: T = loaded.value
        self._loaded = loaded
        self._done = threading.Event()
        self.output = HeldOutput()

    def start(self, then: Callable[[], object]) -> None:
        """Wait for the checks in a daemon thread; if they pass, release the output; then
        call ``then`` (from that thread)."""

        def wait() -> None:
            try:
                self._loaded.confirm()
            except BaseException:  # kept by the Provisional; ``outcome`` raises it
                pass
            finally:
                sys.setswitchinterval(usual)
            self._done.set()
            if self.passed:
                self.output.release()
            try:
                then()
            except RuntimeError:  # the event loop has closed: the browser quit first
                pass
            self._loaded.close()  # the child is reaped after the release, not before

        # The verdict comes while the event loop lays out the first frame: this thread
        # then waits for the interpreter lock at most 1 ms, not 5, at each step to the
        # release.
        usual = sys.getswitchinterval()
        sys.setswitchinterval(min(usual, _QUICK_SWITCH_S))
        threading.Thread(target=wait, name="ven-tui-checks", daemon=True).start()

    @property
    def passed(self) -> bool:
        if not self._done.is_set():
            return False
        try:
            return self._loaded.confirm() is self.shown
        except BaseException:
            return False

    def outcome(self) -> T:
        """What to show: ``shown`` if the checks passed; waits for them if need be, and
        reaps the loading child if the checks' thread has not yet."""
        return self._loaded.settle()
