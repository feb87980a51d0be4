"""No cell can change the layout of another (issue 17, case 9).

A dataset whose cells hold U+3164 (0 cells wide to Rich, 2 to a terminal), zero-width and
format characters, wide CJK and combining marks. Each screen line is measured as a terminal
would draw it, not by Rich's own widths (which is how U+3164 slipped through): every line has
exactly the screen's width, and the border between the table and the detail pane stays in the
column it has with the shipped data.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from tests.rendering import screen_text
from tui.app import VenTuiApp
from tui.domain import load_evidence
from tui.resources import default_data_path
from tui.widgets.detail_pane import DetailPane

HANGUL_FILLER = "\u3164"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\U000e0041\ufff9"
CJK = "急性淋巴细胞白血病"
COMBINING = "Z\u0337\u0322\u031ba\u0335l\u0336g\u0334o\u0335"
ATTACKS = {
    "Population": "layout-probe " + HANGUL_FILLER * 40 + " adults",
    "Intervention": f"Venetoclax{ZERO_WIDTH * 8} + {CJK * 6}",
    "Primary outcome": f"CR 75%{COMBINING * 10} {HANGUL_FILLER}{CJK}{ZERO_WIDTH}",
}
RAW = set(HANGUL_FILLER + ZERO_WIDTH)


def terminal_width(text: str) -> int:
    """Columns a terminal gives ``text``: wide East Asian 2, combining and format 0, else 1."""
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def test_the_measure_counts_what_rich_gets_wrong() -> None:
    """The measure is not Rich's: U+3164 is two columns, a zero-width space none."""
    assert terminal_width(HANGUL_FILLER) == 2 and terminal_width("\u200b") == 0
    assert terminal_width(CJK) == 18 and terminal_width("e\u0301") == 1


def _attacking_dataset(tmp_path: Path) -> Path:
    raw = json.loads(default_data_path().read_text(encoding="utf-8"))
    published = next(table for table in raw["tables"] if table["id"] == "published")
    for row in published["rows"][:3]:
        for column, text in ATTACKS.items():
            if column in row["cells"]:
                row["cells"][column] = text
    path = tmp_path / "layout.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    return path


def _border(app: VenTuiApp) -> tuple[str, set[int]]:
    """Where the border between table and detail pane is drawn, in terminal columns or rows.

    Side by side it is a ``│`` on each line beside the pane; stacked (80 columns), a line of
    ``─`` right above it.
    """
    detail = app.screen.query_one(DetailPane).region
    lines = screen_text(app).split("\n")
    if detail.x <= 1:
        rows = {y for y, line in enumerate(lines) if line and set(line) == {"─"}}
        assert rows, "no border line above the stacked detail pane"
        return "row", rows
    columns = set()
    for line in lines[detail.y : detail.bottom]:
        borders = [
            column
            for index, char in enumerate(line)
            if char in "│█" and (column := terminal_width(line[:index])) < detail.x
        ]
        assert borders, f"no pane border left of column {detail.x} on line {line!r}"
        columns.add(borders[-1])
    return "column", columns


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 50)])
async def test_no_cell_moves_another_cells_column_or_the_pane_border(tmp_path, size) -> None:
    width = size[0]
    plain = VenTuiApp(load_evidence(default_data_path()))
    async with plain.run_test(size=size) as pilot:
        await pilot.pause()
        expected_border = _border(plain)
        assert len(expected_border[1]) == 1, expected_border

    app = VenTuiApp(load_evidence(_attacking_dataset(tmp_path)))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        table = app.screen.active_table
        for key in ("published:1", "published:2", "published:3"):
            assert table.move_to(key)
            await pilot.pause()
            text = screen_text(app)
            assert "layout-probe" in text, f"{key}: the attacking row is not on screen"
            widths = {terminal_width(line) for line in text.split("\n")}
            assert widths == {width}, f"{key} at {size}: line widths {widths}\n{text}"
            assert _border(app) == expected_border, f"{key} at {size}\n{text}"
            assert RAW.isdisjoint(text), f"{key}: a raw invisible character on screen"
        app.screen.query_one(DetailPane).scroll_end(animate=False)  # the attacking cells' end
        await pilot.pause()
        text = screen_text(app)
        assert {terminal_width(line) for line in text.split("\n")} == {width}, text
        assert _border(app) == expected_border
