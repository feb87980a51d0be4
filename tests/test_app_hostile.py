"""The browser over the hostile fixture (tests/data/hostile.json): nothing from data escapes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.events import Paste
from textual.geometry import Offset
from textual.widgets import DataTable, Input

from tests.rendering import OSC_52, assert_screen_clean, screen_strips, screen_text
from tui.app import VenTuiApp
from tui.domain import load_evidence
from tui.screens import HelpScreen
from tui.screens.main import SETTLE_SECONDS
from tui.widgets import DetailPane, FilterBar, GlossaryView
from tui.widgets.row_view import RowView

HOSTILE = Path(__file__).resolve().parent / "data" / "hostile.json"
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


async def test_hostile_cells_are_shown_neutralised_in_tables_and_detail() -> None:
    evidence = load_evidence(HOSTILE)
    raw = [v for records in evidence.records.values() for r in records for v in r.cells.values()]
    assert any(CONTROLS.search(value) for value in raw), "the fixture does carry controls"
    app = VenTuiApp(evidence)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for tab in "123":
            await pilot.press(tab)
            await pilot.pause()
            table = app.screen.active_table
            rows = table.query_one(RowView)
            for index in range(rows.row_count):
                table.move_to(table.visible_records[index].key)
                await pilot.pause()
                cells = [cell.plain for cell in rows.get_row_at(index)]
                assert not any(CONTROLS.search(cell) for cell in cells), cells
                detail = app.screen.query_one(DetailPane).content
                assert not CONTROLS.search(detail.plain)
        await pilot.press("4", "5", "slash", *"[bold]", "enter")
        await pilot.pause()
        assert app.is_running


async def test_markup_in_data_is_text_not_style() -> None:
    app = VenTuiApp(load_evidence(HOSTILE))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        rows = app.screen.active_table.query_one(RowView)
        shown = " ".join(
            cell.plain for index in range(rows.row_count) for cell in rows.get_row_at(index)
        )
        assert "[bold red]" in shown


# -- everything on screen, in the terminal output and in screenshots ---------------------

TABLE_TABS = {"1": "published", "2": "phase1", "3": "phase2"}


async def _every_row(pilot, app: VenTuiApp, tab: str) -> None:
    """Highlight every row of tab ``tab`` in turn; the whole screen stays clean each time."""
    await pilot.press(tab)
    await pilot.pause()
    table = app.screen.active_table
    for record in table.visible_records:
        assert table.move_to(record.key)
        await pilot.pause()
        assert app.screen.query_one(DetailPane).record.key == record.key
        assert_screen_clean(app, f"tab {tab}, {record.key}")
        await pilot.press("c")  # copies (and notifies) where copying is bound; else nothing
        await pilot.pause()
        assert_screen_clean(app, f"tab {tab}, {record.key} after c")


async def test_no_control_reaches_the_screen_in_any_view_of_the_hostile_data() -> None:
    """Tables, detail, glossary, about, filter error, help and palette: no raw control, ever."""
    app = VenTuiApp(load_evidence(HOSTILE))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for tab in TABLE_TABS:
            await _every_row(pilot, app, tab)
        await pilot.press("tab", "end")  # the detail pane, scrolled to its end
        await pilot.pause()
        assert_screen_clean(app, "detail pane scrolled")
        await pilot.press("4")
        await pilot.pause()
        glossary = app.screen.query_one(GlossaryView)
        for row in range(len(glossary.visible_entries)):
            glossary.query_one(DataTable).move_cursor(row=row, animate=False)
            await pilot.pause()
            assert_screen_clean(app, f"glossary row {row}")
        await pilot.press("5")
        await pilot.pause()
        assert_screen_clean(app, "about")
        await pilot.press("end")
        await pilot.pause()
        assert_screen_clean(app, "about, end")
        steps = [["6"], ["m"], ["m"], ["o"], ["G"], ["7"], ["j"], ["enter"], ["G"], ["backspace"]]
        steps += [["2", "x"], ["escape"], ["3", "x"], ["escape"]]
        for keys in steps:  # Compare, Agents, cross-links (where those keys are bound)
            await pilot.press(*keys)
            await pilot.pause()
            assert_screen_clean(app, f"after {keys}")
        await pilot.press("1", "slash", *"ph", "quotation_mark", "x")
        await pilot.pause()
        assert app.screen.query_one(FilterBar).error is not None
        assert "✗" in assert_screen_clean(app, "filter error")
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert_screen_clean(app, "help")
        await pilot.press("escape", "ctrl+p")
        await pilot.pause()
        assert_screen_clean(app, "command palette")
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running and app.unexpected_error is None


async def test_text_pasted_into_the_filter_reaches_the_terminal_neutralised() -> None:
    """A paste (the clipboard may hold anything) cannot smuggle an escape sequence out."""
    app = VenTuiApp(load_evidence(HOSTILE))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        field = app.screen.query_one(FilterBar).query_one(Input)
        field.post_message(Paste(f"{OSC_52}c;UFdORUQtQ0xJUEJPQVJE\x07 [bold red]x \x9b2J"))
        await pilot.pause()
        shown = assert_screen_clean(app, "pasted filter")
        assert "[bold red]x" in shown
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running


def _find(text: str, needle: str) -> Offset:
    """Where ``needle`` starts on the screen text (column, row)."""
    for y, line in enumerate(text.splitlines()):
        if needle in line:
            return Offset(line.index(needle), y)
    raise AssertionError(f"{needle!r} not on screen:\n{text}")


async def test_markup_shows_literally_and_clicking_it_does_nothing() -> None:
    """[@click=app.quit] and [link=...] in a cell are brackets on screen, not actions or links."""
    app = VenTuiApp(load_evidence(HOSTILE))
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        table = app.screen.active_table
        assert table.move_to("published:1")
        await pilot.press("d", "d")  # the detail pane back, showing the markup row
        await pilot.pause()
        shown = assert_screen_clean(app, "markup row")
        for literal in ("[bold red]x[/]", "[@click=app.quit]click[/]", "[link=https://evil"):
            assert literal in shown, literal
        styles = [
            segment.style
            for strip in screen_strips(app)
            for segment in strip
            if segment.style is not None
        ]
        links = {style.link for style in styles if style.link}
        assert all(link.startswith("https://clinicaltrials.gov/") for link in links), links
        for needle in ("[@click=app.quit]click", "[link=https://evil"):
            where = _find(screen_text(app), needle)
            for dx in range(len(needle)):
                await pilot.click(offset=where + Offset(dx, 0))
            await pilot.pause()
            assert app.is_running, f"clicking {needle!r} ended the app"
            assert app.return_code is None
        assert app.unexpected_error is None


async def test_ten_thousand_character_cells_keep_the_layout() -> None:
    """The table still counts and moves by rows; the detail wraps the cell and scrolls it."""
    app = VenTuiApp(load_evidence(HOSTILE))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = app.screen.active_table
        rows = table.query_one(RowView)
        assert rows.row_count == len(table.visible_records) == 8
        await pilot.press("j", "j")
        await pilot.pause(SETTLE_SECONDS * 2)  # two moves in a burst: the pane follows after
        assert table.cursor_record.key == "published:2"
        assert all(strip.cell_length == 120 for strip in screen_strips(app))
        detail = app.screen.query_one(DetailPane)
        assert detail.record is table.cursor_record
        assert max(line.cell_length for line in detail.lines) <= detail.text_width
        assert detail.virtual_size.height > 10_000 // detail.region.width, "the cell wraps"
        await pilot.press("tab")
        await pilot.pause()
        assert detail.has_focus
        await pilot.press("end")
        await pilot.pause()
        assert detail.max_scroll_y > 100 and detail.scroll_y == detail.max_scroll_y
        await pilot.press("shift+tab", "j")
        await pilot.pause()
        assert table.cursor_record.key == "published:3"
        assert rows.cursor == 3


@pytest.mark.parametrize("size", [(40, 12), (80, 24), (120, 40), (300, 100)])
async def test_wide_and_right_to_left_text_keeps_every_line_its_width(size) -> None:
    """CJK, emoji ZWJ sequences, combining marks and RTL text: no crash, no ragged lines."""
    app = VenTuiApp(load_evidence(HOSTILE))
    async with app.run_test(size=size) as pilot:
        for key in ("published:3", "published:4"):
            assert app.screen.active_table.move_to(key)
            await pilot.pause()
            assert_screen_clean(app, f"{key} at {size}")
            widths = {strip.cell_length for strip in screen_strips(app)}
            assert widths == {size[0]}, (key, size, widths)
        await pilot.press("2", "G", "4", "G")
        await pilot.pause()
        assert app.is_running and app.unexpected_error is None
