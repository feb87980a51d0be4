"""The browser over the hostile fixture (tests/data/hostile.json): nothing from data escapes."""

from __future__ import annotations

import re
from pathlib import Path

from textual.widgets import DataTable

from tui.app import VenTuiApp
from tui.domain import load_evidence
from tui.widgets import DetailPane

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
            rows = table.query_one(DataTable)
            for index in range(rows.row_count):
                table.move_to(table.visible_records[index].key)
                await pilot.pause()
                cells = [cell.plain for cell in rows.get_row_at(index)]
                assert not any(CONTROLS.search(cell) for cell in cells), cells
                detail = app.screen.query_one(DetailPane).query_one(".detail-body").content
                assert not CONTROLS.search(detail.plain)
        await pilot.press("4", "5", "slash", *"[bold]", "enter")
        await pilot.pause()
        assert app.is_running


async def test_markup_in_data_is_text_not_style() -> None:
    app = VenTuiApp(load_evidence(HOSTILE))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        rows = app.screen.active_table.query_one(DataTable)
        shown = " ".join(
            cell.plain for index in range(rows.row_count) for cell in rows.get_row_at(index)
        )
        assert "[bold red]" in shown
