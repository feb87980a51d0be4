"""The ``ven-tui`` command: the CLI, started with the cyclic garbage collector paused, and a
large dataset's loading started before the rest of the program is imported.

Start-up builds tens of thousands of objects that live as long as the process (modules,
classes, widgets, the evidence) and hardly any cyclic garbage, so collections during it
only delay the first frame. The browser resumes collection once its first frame is on
screen (``tui.launch``); the other commands resume it before they start (``tui.cli``).

Importing the CLI takes about 70 ms, all of it before ``tui.cli`` could fork the loading
child (``tui.forked_load``). So when the words plainly start the browser, the child is
forked here first; the CLI still parses the words as ever, and uses the child only if it
reads the same file, else stops it.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence
from pathlib import Path


def main() -> int:
    """Run the CLI; the collector is paused until the CLI resumes it, and at the latest here."""
    gc.disable()
    from tui.forked_load import ForkedLoad

    data = browser_data_file(sys.argv[1:])
    early = ForkedLoad.start(data) if data is not None else None
    try:
        from tui.cli import main as cli_main

        return cli_main(early_load=early)
    finally:
        if early is not None:
            early.close()
        gc.enable()


def browser_data_file(words: Sequence[str]) -> Path | None:
    """The file the browser will show, when ``words`` are only the browser's own options,
    each spelled in full (``--data FILE``, ``--data=FILE``, ``--pick``, ``--registry-url
    URL``); None for anything else: a command, ``--help``, an abbreviation. A guess about
    what to read first, never about what is shown: the CLI decides that."""
    data: str | None = None
    at = 0
    while at < len(words):
        word = words[at]
        if word == "--pick":
            at += 1
        elif word in ("--data", "--registry-url") and at + 1 < len(words):
            if words[at + 1].startswith("-"):
                return None
            if word == "--data":
                data = words[at + 1]
            at += 2
        elif word.startswith("--data="):
            data = word.removeprefix("--data=")
            at += 1
        elif word.startswith("--registry-url="):
            at += 1
        else:
            return None
    if data is None:
        from tui.resources import default_data_path

        return default_data_path()
    return Path(data) if data.strip() and data != "." else None
