"""What a running Pilot app shows and would write to a terminal, for hostile-data assertions."""

from __future__ import annotations

import io
import re

from rich.console import Console
from textual.app import App
from textual.strip import Strip

# Control characters no rendered text may hold: C0 but newline, DEL, C1, bidi controls and
# the Unicode line/paragraph separators (the set tui.domain.sanitize neutralises).
CONTROLS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Textual's own escape sequences: SGR, cursor moves/positions, and OSC 8 hyperlinks that only
# open ven-tui's derived registry addresses (or close a link).
OWN_SEQUENCES = re.compile(
    r"\x1b\[[0-9;]*[mHABCDGJK]"
    r"|\x1b\]8;(?:id=[0-9-]+)?;(?:https://clinicaltrials\.gov/study/NCT[0-9]{8})?\x1b\\"
)
OSC_52 = "\x1b]52;"


def screen_strips(app: App) -> list[Strip]:
    """The active screen as Textual composes it, one strip per terminal row.

    Textual has no public call for the composed screen (``export_screenshot`` gives SVG), so
    this and ``terminal_output`` are the only places tests read its compositor;
    tests/test_private_textual.py checks the names still exist.
    """
    return list(app.screen._compositor.render_strips())


def screen_text(app: App) -> str:
    """The active screen as plain text, one line per terminal row."""
    return "\n".join(strip.text for strip in screen_strips(app))


def terminal_output(app: App) -> str:
    """The exact text Textual would write to a terminal to draw the active screen in full."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        legacy_windows=False,
        safe_box=False,
    )
    update = app.screen._compositor.render_full_update()
    return update.render_segments(console)


def foreign_controls(output: str) -> list[str]:
    """Control characters left in ``output`` once Textual's own sequences are removed."""
    return sorted(set(CONTROLS.findall(OWN_SEQUENCES.sub("", output).replace("\n", ""))))


def assert_screen_clean(app: App, where: str) -> str:
    """Fail if the screen, its terminal output or its SVG screenshot carries a raw control."""
    text = screen_text(app)
    assert not CONTROLS.search(text), f"{where}: a control character on screen:\n{text!r}"
    output = terminal_output(app)
    assert OSC_52 not in output, f"{where}: an OSC 52 sequence in the terminal output"
    assert not foreign_controls(output), f"{where}: {foreign_controls(output)!r} in the output"
    svg = app.export_screenshot()
    assert not CONTROLS.search(svg.replace("\n", "")), f"{where}: a control character in SVG"
    return text
