"""Load a large dataset in a forked child while the browser's own code is imported.

Importing Textual and the browser takes about 0.3 s, reading 100,000 rows about 0.5 s, and
both hold Python's lock, so one process does them one after the other. On Linux a child forked
before the import reads, checks and stores the file (``load_dataset``) on the other core and
sends the stored dataset back through a pipe; the parent imports meanwhile. The parsed rows,
a dictionary and strings per cell, then never enter the long-lived process at all.

The child's answer is the dataset or the problems ``load_dataset`` found, pickled: it comes
from this program's own child through a private pipe. If it sends nothing usable (killed,
out of memory), the file is loaded here, so every failure is reported as it always was.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
from collections.abc import Callable
from pathlib import Path

from tui.domain.loader import DataError, load_dataset
from tui.domain.models import Dataset
from tui.domain.quick_read import QUICK_READ_BYTES

_DATASET, _PROBLEMS = "dataset", "problems"


class ForkedLoad:
    """``load_dataset(path)`` running in a child process; ``result`` waits for it."""

    def __init__(self, path: Path, pid: int, pipe: int) -> None:
        self.path, self._pid, self._pipe = path, pid, pipe

    @classmethod
    def start(cls, path: Path, min_bytes: int = QUICK_READ_BYTES) -> ForkedLoad | None:
        """The child loading ``path``; None where a child is not worth it (a file under
        ``min_bytes``) or not safe (not Linux): load it here then."""
        if not sys.platform.startswith("linux"):
            return None
        try:
            if path.stat().st_size < min_bytes:
                return None
        except OSError:
            return None  # loading it here says what is wrong
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: load, answer, and leave without running any cleanup
            try:
                os.close(read_end)
                _answer(path, write_end)
            finally:
                os._exit(0)
        os.close(write_end)
        return cls(path, pid, read_end)

    def result(self) -> Dataset:
        """The dataset, or the ``DataError`` loading it raises; loaded here if the child
        could not answer."""
        with open(self._pipe, "rb", closefd=True) as pipe:
            self._pipe = -1
            payload = pipe.read()
        os.waitpid(self._pid, 0)  # it has answered (or ended): reap it
        self._pid = 0
        try:
            kind, value = pickle.loads(payload)
        except Exception:  # nothing, or not all of it: the child did not finish
            return load_dataset(self.path)
        if kind == _PROBLEMS:
            raise DataError(value)
        if kind != _DATASET or not isinstance(value, Dataset):
            return load_dataset(self.path)
        return value

    def close(self) -> None:
        """Stop the child if it still runs, and reap it: no process is left behind."""
        if self._pipe >= 0:
            os.close(self._pipe)
            self._pipe = -1
        if self._pid:
            try:
                done, _ = os.waitpid(self._pid, os.WNOHANG)
                if not done:
                    os.kill(self._pid, signal.SIGKILL)
                    os.waitpid(self._pid, 0)
            except ChildProcessError:
                pass
            self._pid = 0


def _answer(path: Path, pipe: int) -> None:
    """In the child: the loaded dataset, or its problems, pickled into ``pipe``."""
    try:
        answer: tuple[str, object] = (_DATASET, load_dataset(path))
    except DataError as error:
        answer = (_PROBLEMS, error.problems)
    except BaseException:
        return  # anything else is for the parent to meet, and report, itself
    with open(pipe, "wb", closefd=True) as out:
        pickle.dump(answer, out, protocol=pickle.HIGHEST_PROTOCOL)


def load_while(
    path: Path, meanwhile: Callable[[], object], min_bytes: int = QUICK_READ_BYTES
) -> Dataset:
    """``load_dataset(path)``, with ``meanwhile()`` run while a child loads a file of
    ``min_bytes`` or more. A smaller file is loaded here first, then ``meanwhile`` runs."""
    pending = ForkedLoad.start(path, min_bytes)
    if pending is None:
        dataset = load_dataset(path)
        meanwhile()
        return dataset
    try:
        meanwhile()
        return pending.result()
    finally:
        pending.close()
