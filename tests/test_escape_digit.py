"""Escape and a digit typed together (one SSH packet) leave the filter and show that tab,
instead of typing WezTerm's Option-digit character ("™" for ESC 2) into the query."""

from __future__ import annotations

from textual import events
from textual._ansi_sequences import ANSI_SEQUENCES_KEYS
from textual._xterm_parser import XTermParser

import tui.app  # noqa: F401  # changes Textual's table, as the browser does when it starts
from tui.app import VenTuiApp
from tui.domain import Evidence
from tui.escape_digit import OPTION_DIGITS, REMOVED, escaped_digit
from tui.widgets import FilterBar


def _keys(text: str) -> list[str]:
    parser = XTermParser()
    return [e.key for e in [*parser.feed(text), *parser.feed("")] if isinstance(e, events.Key)]


def test_textual_had_the_option_digit_characters_and_they_are_gone() -> None:
    """If Textual stops mapping these, or maps them otherwise, this module needs a look."""
    assert REMOVED == OPTION_DIGITS
    assert not set(OPTION_DIGITS) & set(ANSI_SEQUENCES_KEYS)


def test_the_parser_reads_escape_and_a_digit_as_alt_and_the_digit() -> None:
    assert _keys("\x1b2") == ["alt+2"]
    assert _keys("\x1b") == ["escape"]
    assert _keys("2") == ["2"]


def test_only_alt_and_a_digit_is_taken_apart() -> None:
    assert [escaped_digit(k) for k in ("alt+2", "alt+0", "alt+j", "2", "ctrl+2", "alt+")] == [
        "2",
        "0",
        None,
        None,
        None,
        None,
    ]


async def test_escape_and_2_together_clear_the_filter_and_show_tab_2(shipped_evidence: Evidence):
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"ph")
        await pilot.pause()
        bar = app.screen.query_one(FilterBar)
        assert bar.text == "ph" and bar.has_focus_within
        app.post_message(events.Key("alt+2", "2"))  # as the parser reads "\x1b2"
        await pilot.pause()
        await pilot.pause()
        assert bar.text == "" and not bar.has_focus_within
        assert app.screen.active_pane == "pane-phase1"
