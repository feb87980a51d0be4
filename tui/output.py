"""Writing the command line's output: to stdout, or atomically to a file the user named.

A write that fails (a closed stdout, a full disk, ``/dev/full``) is the user's environment,
not a bug: it becomes ``OutputError``, one line and exit 2. A closed pipe (``ven-tui ids |
head -1``) stays quiet, as command-line tools do.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from tui.domain.sanitize import safe_line


class OutputError(Exception):
    """The output could not be written; the message says where and why."""


def write_stdout(text: str) -> None:
    """Write ``text`` to stdout and flush; ``OutputError`` if that fails (not a closed pipe)."""
    stream = sys.stdout
    if stream is None:
        raise OutputError("cannot write the output: standard output is closed")
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as error:
        raise OutputError(f"cannot write the output to standard output: {_reason(error)}") from None


def write_atomically(path: Path, text: str, *, force: bool = False) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder, then rename.

    A reader never sees half a file, and a failure leaves any earlier file as it was. An
    existing file is replaced only with ``force``.
    """
    shown = safe_line(str(path))
    if path.is_dir():
        raise OutputError(f"{shown}: is a directory; give a file name to write")
    if path.exists() and not force:
        raise OutputError(f"{shown}: already exists; add --force to replace it")
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise OutputError(f"{shown}: cannot write there: {_reason(error)}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(f"{shown}: cannot write the file: {_reason(error)}") from None


def print_picks(ids: list[str]) -> None:
    """``--pick``'s IDs on stdout; if stdout fails, on stderr, so they are never lost."""
    text = "".join(f"{nct_id}\n" for nct_id in ids)
    try:
        write_stdout(text)
    except (OutputError, BrokenPipeError) as error:
        sys.stderr.write(text)
        raise OutputError(f"{error}; the picked IDs are above, on standard error") from None


def _reason(error: BaseException) -> str:
    return safe_line(getattr(error, "strerror", None) or str(error) or type(error).__name__)
