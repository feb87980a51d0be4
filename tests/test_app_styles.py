"""Themes and NO_COLOR: nothing may depend on one palette, or on colour at all."""

from __future__ import annotations

import re

import pytest

from tui.app import VenTuiApp
from tui.domain import Evidence
from tui.resources import stylesheet_path
from tui.widgets.row_view import RowView
from tui.widgets.tab_strip import TabStrip

SIZE = (120, 40)


def test_stylesheet_uses_theme_variables_only() -> None:
    """Every colour in the stylesheet is a theme variable, so every theme works."""
    css = re.sub(r"/\*.*?\*/", "", stylesheet_path().read_text(encoding="utf-8"), flags=re.S)
    declarations = re.findall(r"([a-z-]+)\s*:\s*([^;{}]+);", css)
    coloured = [
        (name, value.strip())
        for name, value in declarations
        if name in ("color", "background") or name.startswith(("border", "scrollbar-color"))
    ]
    assert coloured, "the stylesheet sets colours"
    for name, value in coloured:
        assert "$" in value or value == "none", f"{name}: {value}"


THEMES = ["textual-light", "nord", "gruvbox", "ansi-light", "solarized-light"]


@pytest.mark.parametrize("theme", THEMES)
async def test_every_theme_renders(shipped_evidence: Evidence, theme: str) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.theme = theme
        await pilot.press("j", "slash", *"aza", "enter", "space")
        await pilot.pause()
        assert app.theme == theme
        assert len(app.screen.active_table.visible_records) == 2
        assert "Venetoclax" in app.export_screenshot()


async def test_no_color_marks_the_cursor_without_colour(
    shipped_evidence: Evidence, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.no_color
        rows = app.screen.active_table.query_one(RowView)
        cursor = rows.get_component_rich_style("row-view--cursor")
        assert cursor.reverse and cursor.bold
        await pilot.press("space")
        await pilot.pause()
        assert rows.get_row_at(0)[0].plain == "●", "marks are a glyph, not a colour"
        match = app.screen.active_table.get_component_rich_style("evidence-table--match")
        assert match.bold and match.underline
        active_tab = app.screen.query_one(TabStrip).get_component_rich_style("tab-strip--active")
        assert active_tab.reverse and active_tab.bold
