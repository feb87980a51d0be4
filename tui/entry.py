"""The ``ven-tui`` command: the CLI, started with the cyclic garbage collector paused.

Start-up builds tens of thousands of objects that live as long as the process (modules,
classes, widgets, the evidence) and hardly any cyclic garbage, so collections during it
only delay the first frame. The browser resumes collection once its first frame is on
screen (``tui.launch``); the other commands resume it before they start (``tui.cli``).
"""

from __future__ import annotations

import gc


def main() -> int:
    """Run the CLI; the collector is paused until the CLI resumes it, and at the latest here."""
    gc.disable()
    try:
        from tui.cli import main as cli_main

        return cli_main()
    finally:
        gc.enable()
