"""Terminal conditions in Pilot: sizes from 40x12 to 300x100, resizing mid-use, NO_COLOR.

See tests/test_app_layout.py (layout by width, resizing the shipped data) and
tests/test_app_styles.py (themes, the NO_COLOR cursor); these add the hostile data, the
extreme sizes and what actually reaches the terminal.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.widgets import DataTable

from tests.rendering import assert_screen_clean, screen_strips, terminal_output
from tui.app import VenTuiApp
from tui.domain import Evidence, load_evidence
from tui.screens import HelpScreen, MainScreen
from tui.screens.main import SETTLE_SECONDS
from tui.widgets import DetailPane, FilterBar, GlossaryView

HOSTILE = Path(__file__).resolve().parent / "data" / "hostile.json"
SIZES = [(40, 12), (80, 24), (119, 30), (200, 60), (300, 100)]
TRUECOLOR = re.compile(r"\x1b\[(?:[0-9;]*;)?[34]8;2;([0-9]+);([0-9]+);([0-9]+)")


def strip_widths(app: VenTuiApp) -> set[int]:
    """The width of every line drawn; one value, the terminal's, when the layout holds."""
    return {strip.cell_length for strip in screen_strips(app)}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("data", ["shipped", "hostile"])
async def test_every_size_draws_whole_lines_and_answers_keys(
    shipped_evidence: Evidence, data: str, size: tuple[int, int]
) -> None:
    evidence = shipped_evidence if data == "shipped" else load_evidence(HOSTILE)
    app = VenTuiApp(evidence)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert strip_widths(app) == {size[0]}
        table = app.screen.active_table
        await pilot.press("j", "j")
        await pilot.pause(SETTLE_SECONDS * 2)  # two moves in a burst: the pane follows after
        assert table.cursor_record is table.visible_records[2]
        assert app.screen.query_one(DetailPane).record is table.cursor_record
        for keys in (["3", "G", "s"], ["4", "j"], ["5", "end"], ["question_mark"]):
            await pilot.press(*keys)
            await pilot.pause()
            assert strip_widths(app) == {size[0]}, (keys, size)
        assert isinstance(app.screen, HelpScreen)
        if data == "hostile":
            assert_screen_clean(app, f"help at {size}")
        await pilot.press("escape", "1")
        await pilot.pause()
        assert app.is_running and app.unexpected_error is None


async def test_resizing_mid_use_keeps_tab_cursor_marks_filter_and_help() -> None:
    """Through every size and back, with a filter and a mark set, nothing is lost."""
    app = VenTuiApp(load_evidence(HOSTILE))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"all", "enter", "j", "space", "j")
        await pilot.pause()
        table = app.screen.active_table
        key, visible = table.cursor_record.key, len(table.visible_records)
        assert visible < table.total and table.marked_keys
        marked = table.marked_keys
        for size in [(40, 12), (300, 100), (41, 13), (80, 24), (200, 60), (40, 12), (120, 40)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert app.size == size
            assert strip_widths(app) == {size[0]}, size
            assert table.cursor_record.key == key, size
            assert table.marked_keys == marked, size
            assert len(table.visible_records) == visible, size
            assert app.screen.query_one(FilterBar).text == "all", size
            assert app.screen.query_one(DetailPane).record.key == key, size
            assert_screen_clean(app, f"resized to {size}")
        await pilot.press("4")
        await pilot.pause()
        glossary = app.screen.query_one(GlossaryView)
        glossary.query_one(DataTable).move_cursor(row=2, animate=False)
        await pilot.pause()
        entry = glossary.visible_entries[2]
        await pilot.press("question_mark")
        await pilot.pause()
        for size in [(40, 12), (300, 100), (80, 24)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen), size
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.screen.active_pane == "pane-glossary"
        assert glossary.visible_entries[glossary.query_one(DataTable).cursor_row] == entry


@pytest.mark.parametrize("size", [(1, 1), (10, 4), (20, 6), (39, 11)])
async def test_terminals_smaller_than_40x12_do_not_crash(
    shipped_evidence: Evidence, size: tuple[int, int]
) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("j", "2", "G", "slash", *"ph", "enter", "4", "5", "question_mark")
        await pilot.pause()
        await pilot.press("escape", "1")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.is_running and app.unexpected_error is None
        assert strip_widths(app) == {80}


async def test_no_color_writes_only_greys_to_the_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With NO_COLOR every colour Textual writes is a grey, in every view and the help."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = VenTuiApp(load_evidence(HOSTILE))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.no_color
        for keys in (["j", "space"], ["slash", "quotation_mark"], ["escape", "2"], ["4"], ["5"]):
            await pilot.press(*keys)
            await pilot.pause()
            output = terminal_output(app)
            colours = {tuple(map(int, rgb)) for rgb in TRUECOLOR.findall(output)}
            assert colours, "colours are written as truecolor SGR"
            assert all(r == g == b for r, g, b in colours), (keys, colours - {(0, 0, 0)})
            assert_screen_clean(app, f"NO_COLOR after {keys}")
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
