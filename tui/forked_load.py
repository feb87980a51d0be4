"""Load a large dataset in a forked child while the browser's own code is imported.

Importing Textual and the browser takes about 0.3 s, reading 100,000 rows about 0.5 s, and
both hold Python's lock, so one process does them one after the other. On Linux a child forked
before the import reads, checks and stores the file (``load_dataset``) on the other core and
sends the stored dataset back (through memory both map, else a pipe); the parent imports
meanwhile. The parsed rows, a dictionary and strings per cell, then never enter the
long-lived process at all.

The child sends the stored tables as soon as they are decoded ("early"), then proves and
checks the file while the parent prepares the browser's evidence from them. What was
prepared is ``Provisional`` until the child says the file passed ("accepted"): the browser
may start on it, but shows nothing before (``tui.held_output``). Otherwise the child's last
word is the dataset it read more carefully, or the problems ``load_dataset`` found.
Everything is pickled: it comes from this program's own child through a private pipe. If it
sends nothing usable (killed, out of memory), the file is loaded here, so every failure is
reported as it always was.
"""

from __future__ import annotations

import mmap
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, Generic, TypeVar

from tui.domain.loader import DataError, load_dataset
from tui.domain.models import Dataset
from tui.domain.quick_read import QUICK_READ_BYTES

_EARLY, _ACCEPTED, _DATASET, _PROBLEMS = "early", "accepted", "dataset", "problems"
_SHARED = "shared"
"""The early tables are in the shared memory: the message says how many bytes."""
_LENGTH_BYTES = 8
_SHARED_SPARE = 1024 * 1024
"""Shared memory beyond the file's size. The stored tables pickle smaller than the file
they come from (their cells are in it, with their headings and quotes around them); a
larger pickle goes through the pipe."""
T = TypeVar("T")


class ForkedLoad:
    """``load_dataset(path)`` running in a child process; ``result`` waits for it."""

    def __init__(self, path: Path, pid: int, pipe: int, shared: mmap.mmap | None) -> None:
        self.path, self._pid, self._pipe, self._shared = path, pid, pipe, shared
        self._closing = threading.Lock()

    @classmethod
    def start(cls, path: Path, min_bytes: int = QUICK_READ_BYTES) -> ForkedLoad | None:
        """The child loading ``path``; None where a child is not worth it (a file under
        ``min_bytes``) or not safe (not Linux): load it here then."""
        if not sys.platform.startswith("linux"):
            return None
        try:
            size = path.stat().st_size
        except OSError:
            return None  # loading it here says what is wrong
        if size < min_bytes:
            return None
        # The early tables, 15 MB at 100,000 rows, go through memory both processes map:
        # through the pipe they cost two copies and a fresh buffer's page faults.
        try:
            shared: mmap.mmap | None = mmap.mmap(-1, size + _SHARED_SPARE)
        except (OSError, ValueError, OverflowError):
            shared = None
        try:
            read_end, write_end = os.pipe()
        except OSError:  # out of file descriptors: load it here
            _release(shared)
            return None
        try:
            pid = os.fork()
        except OSError:  # out of processes or memory: load it here
            os.close(read_end)
            os.close(write_end)
            _release(shared)
            return None
        if pid == 0:  # the child: load, answer, and leave without running any cleanup
            try:
                os.close(read_end)
                _answer(path, write_end, shared)
            finally:
                os._exit(0)
        os.close(write_end)
        return cls(path, pid, read_end, shared)

    def result(self, prepare: Callable[[Dataset], T]) -> T:
        """``prepare`` of the dataset; the ``DataError`` loading it raises; loaded here if
        the child could not answer. ``prepare`` runs on the early tables while the child
        checks them, and its result is returned only if they pass."""
        try:
            return self.provisional(prepare).confirm()
        finally:
            self._reap()

    def provisional(self, prepare: Callable[[Dataset], T]) -> Provisional[T]:
        """``prepare`` of the early tables, made while the child still checks them; its
        ``confirm`` waits for the child's verdict (see ``result``), but not for the child to
        exit: letting go of its memory takes it some 15 ms at 100,000 rows (``close``)."""
        pipe = open(self._pipe, "rb", closefd=True)  # noqa: SIM115  # closed by confirm
        self._pipe = -1
        early: Dataset | None = None
        prepared: list[T] = []  # empty if nothing was made of the early tables
        try:
            first = self._next(pipe)
            if first is not None and first[0] == _EARLY and isinstance(first[1], Dataset):
                early, first = first[1], None
                try:
                    prepared.append(prepare(early))
                except Exception:  # made again below, once the file is known to be good
                    pass
        except BaseException:
            pipe.close()
            raise

        def confirm() -> T:
            try:
                final = first if first is not None or early is None else self._next(pipe)
            finally:
                pipe.close()
            kind, value = final if final is not None else ("", None)
            if kind == _PROBLEMS and isinstance(value, list):
                raise DataError(value)
            if kind == _ACCEPTED and early is not None:
                return prepared[0] if prepared else prepare(early)
            if kind == _DATASET and isinstance(value, Dataset):
                return prepare(value)
            return prepare(load_dataset(self.path))  # nothing, or not all of it: not finished

        return Provisional(prepared[0] if prepared else None, confirm)

    def _next(self, pipe: IO[bytes]) -> tuple[str, Any] | None:
        """The child's next message, read from the shared memory if it is there."""
        message = _message(pipe)
        if message is None or message[0] != _SHARED:
            return message
        length, shared = message[1], self._shared
        if shared is None or not isinstance(length, int) or not 0 < length <= len(shared):
            return None
        with memoryview(shared) as whole, whole[:length] as view:
            unpickled = _unpickled(view)
        # Only the early tables come this way: the 25 MB are let go before the browser starts.
        self._shared = None
        _release(shared)
        return unpickled

    def _reap(self) -> None:
        """The child has answered (or ended): wait for it to exit."""
        pid, self._pid = self._pid, 0
        if pid:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass

    def close(self) -> None:
        """Stop the child if it still runs, and reap it: no process is left behind.

        The checks' thread (``tui.held_output``) and the main thread may both close it.
        """
        with self._closing:
            shared, self._shared = self._shared, None
            pipe, self._pipe = self._pipe, -1
            pid, self._pid = self._pid, 0
        _release(shared)
        if pipe >= 0:
            os.close(pipe)
        if pid:
            try:
                done, _ = os.waitpid(pid, os.WNOHANG)
                if not done:
                    os.kill(pid, signal.SIGKILL)
                    os.waitpid(pid, 0)
            except ChildProcessError:
                pass


class Provisional(Generic[T]):
    """What was made of a file's tables before the checks on them ended.

    ``value`` (None if nothing could be made yet) may be used only once ``confirm`` has
    returned that very object. ``confirm`` waits for the checks, once, whoever asks first
    (the browser asks from a thread): it returns what to use, which is ``value`` if they
    passed, and raises the ``DataError`` of a file that failed them.
    """

    def __init__(
        self,
        value: T | None,
        confirm: Callable[[], T],
        close: Callable[[], object] | None = None,
    ) -> None:
        self.value = value
        self._confirm: Callable[[], T] | None = confirm
        self._close = close
        self._lock = threading.Lock()
        self._outcome: list[T] = []
        self._error: BaseException | None = None

    @classmethod
    def settled(cls, value: T) -> Provisional[T]:
        """A value made from a file already checked."""
        return cls(value, lambda: value)

    def confirm(self) -> T:
        with self._lock:
            if self._confirm is not None:
                confirm, self._confirm = self._confirm, None
                try:
                    self._outcome.append(confirm())
                except BaseException as error:
                    self._error = error
            if self._error is not None:
                raise self._error
            return self._outcome[0]

    def settle(self) -> T:
        """``confirm``, then ``close``, whatever the verdict: for a caller that will not
        start before it."""
        try:
            return self.confirm()
        finally:
            self.close()

    def close(self) -> None:
        """Let go of what made it (the loading child, reaped): once confirmed, or not
        wanted."""
        with self._lock:
            close, self._close = self._close, None
        if close is not None:
            close()


def _release(shared: mmap.mmap | None) -> None:
    if shared is not None:
        shared.close()


def _message(pipe: IO[bytes]) -> tuple[str, Any] | None:
    """The child's next message, or None if it sent no more (or not all of one).

    Each is its length, then its pickle, read whole: unpickling straight from the pipe
    peaked 6 MB higher at 100,000 rows.
    """
    size = int.from_bytes(pipe.read(_LENGTH_BYTES), "little")
    payload = pipe.read(size) if size else b""
    if not payload or len(payload) != size:
        return None
    return _unpickled(payload)


def _unpickled(payload: bytes | memoryview) -> tuple[str, Any] | None:
    try:
        kind, value = pickle.loads(payload)
    except Exception:
        return None
    return (kind, value) if isinstance(kind, str) else None


def _answer(path: Path, pipe: int, shared: mmap.mmap | None = None) -> None:
    """In the child: the early tables (in ``shared`` if they fit), then the verdict on
    them, pickled into ``pipe``."""
    with open(pipe, "wb", closefd=True) as out:
        sent: list[Dataset] = []
        writers: list[threading.Thread] = []

        def send_early(dataset: Dataset) -> None:
            # Written by a thread, so that the checks run while the parent reads.
            message: tuple[str, object] = (_EARLY, dataset)
            if shared is not None:
                try:
                    shared.seek(0)
                    pickle.Pickler(shared, protocol=pickle.HIGHEST_PROTOCOL).dump(message)
                    message = (_SHARED, shared.tell())
                except ValueError:  # it does not fit: through the pipe
                    pass
            payload = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
            sent.append(dataset)
            writers.append(threading.Thread(target=_write, args=(out, payload), daemon=True))
            writers[-1].start()

        try:
            loaded = load_dataset(path, early=send_early)
            answer: tuple[str, object] = (
                (_ACCEPTED, None) if sent and loaded is sent[0] else (_DATASET, loaded)
            )
        except DataError as error:
            answer = (_PROBLEMS, error.problems)
        except BaseException:
            answer = ("", None)  # anything else is for the parent to meet, and report, itself
        for writer in writers:
            writer.join()
        if answer[0]:
            _write(out, pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL))


def _write(out: IO[bytes], payload: bytes) -> None:
    """``payload`` into the pipe; a parent that stopped reading gets nothing more."""
    try:
        out.write(len(payload).to_bytes(_LENGTH_BYTES, "little"))
        out.write(payload)
        out.flush()
    except OSError:
        pass


def load_while(
    path: Path,
    meanwhile: Callable[[], object],
    prepare: Callable[[Dataset], T],
    min_bytes: int = QUICK_READ_BYTES,
    started: ForkedLoad | None = None,
) -> T:
    """``prepare(load_dataset(path))``, with ``meanwhile()`` run while a child loads a file
    of ``min_bytes`` or more. A smaller file is loaded here first, then ``meanwhile`` runs.

    ``started``: a child already loading a file (``tui.entry``), used if it is ``path``,
    else stopped.
    """
    return load_provisionally(path, meanwhile, prepare, min_bytes, started).settle()


def load_provisionally(
    path: Path,
    meanwhile: Callable[[], object],
    prepare: Callable[[Dataset], T],
    min_bytes: int = QUICK_READ_BYTES,
    started: ForkedLoad | None = None,
) -> Provisional[T]:
    """``load_while``, returning once ``prepare`` has made what it can of the early tables,
    before the child's checks on them end: the browser draws meanwhile, and shows nothing
    until ``confirm`` says they passed. ``close`` it after."""
    pending = started if started is not None and started.path == path else None
    if started is not None and pending is None:
        started.close()
    if pending is None:
        pending = ForkedLoad.start(path, min_bytes)
    if pending is None:
        dataset = load_dataset(path)
        meanwhile()
        return Provisional.settled(prepare(dataset))
    try:
        meanwhile()
        made = pending.provisional(prepare)
    except BaseException:
        pending.close()
        raise
    return Provisional(made.value, made.confirm, close=pending.close)
