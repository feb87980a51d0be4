"""Layout by width (detail beside at >= 120 columns, below under), resizing, tiny terminals."""

from __future__ import annotations

import pytest
from textual.events import ScreenResume

from tests.rendering import screen_text
from tui.app import VenTuiApp
from tui.domain import Evidence
from tui.screens import HelpScreen, MainScreen
from tui.widgets import DetailPane, EvidenceTable, FilterBar
from tui.widgets.row_view import RowView


def regions(app: VenTuiApp):
    """The table's region and the detail pane's, its frame (border and margin) included."""
    table = app.screen.active_table
    return table.region, app.screen.query_one(DetailPane).parent.region


async def test_at_120_columns_the_detail_is_beside_the_table(shipped_evidence: Evidence) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table, detail = regions(app)
        assert app.screen.has_class("-wide")
        assert detail.x >= table.right
        assert detail.y <= table.y + 2


async def test_at_119_columns_the_detail_is_below_the_table(shipped_evidence: Evidence) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(119, 40)) as pilot:
        await pilot.pause()
        table, detail = regions(app)
        assert not app.screen.has_class("-wide")
        assert detail.y >= table.bottom
        assert detail.width == 119


async def test_resizing_switches_layout_and_keeps_the_selection(
    shipped_evidence: Evidence,
) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await pilot.press("3", "j", "j", "j", "space")
        await pilot.pause()
        for size in [(80, 24), (119, 30), (40, 12), (200, 60)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            table = app.screen.active_table
            assert table.cursor_record.key == "phase2:3", size
            assert table.marked_keys == ["phase2:3"], size
            assert app.screen.query_one(DetailPane).record.key == "phase2:3", size
            assert app.screen.has_class("-wide") == (size[0] >= 120)


@pytest.mark.parametrize("size", [(40, 12), (80, 24), (20, 6)])
async def test_small_terminals_do_not_crash(shipped_evidence: Evidence, size) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        keys = ["j", "G", "s", "d", "d", "slash", *'"x', "escape", "4", "5", "2", "question_mark"]
        await pilot.press(*keys)
        await pilot.pause()
        await pilot.press("escape", "1", "pagedown", "l", "s")
        await pilot.pause()
        assert app.is_running
        assert app.screen.active_table is not None


async def test_80x24_shows_rows_detail_filter_and_footer(shipped_evidence: Evidence) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#pane-published", EvidenceTable)
        rows = table.query_one(RowView)
        assert rows.region.height >= 6, "at least a handful of rows visible"
        assert app.screen.query_one(DetailPane).region.height >= 6
        assert app.screen.query_one(FilterBar).region.y == 0
        headings = [label.plain.strip() for label in rows.column_labels]
        assert headings[1:] == ["Population", "Intervention", "Primary outcome", "Ref", "n"]
        rendered = [width + 2 for width in rows.column_widths]  # a cell of padding each side
        assert all(width > 2 for width in rendered)
        assert sum(rendered) <= 80


async def test_a_resize_to_the_size_shown_lays_nothing_out_again(
    shipped_evidence: Evidence, monkeypatch
) -> None:
    """Textual resends the terminal's size three times as it starts; each would lay out and
    send the whole screen again. A real resize still lays it out."""
    from textual import events
    from textual.screen import Screen

    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        layouts: list[object] = []
        laid_out = Screen._refresh_layout
        monkeypatch.setattr(
            Screen, "_refresh_layout", lambda s, *a, **k: layouts.append(a) or laid_out(s, *a, **k)
        )
        for _ in range(3):
            app.screen.post_message(events.Resize(app.size, app.size))
        await pilot.pause()
        assert layouts == []
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert layouts and screen_text(app).splitlines()[0].rstrip() != ""
        assert {len(line) for line in screen_text(app).splitlines()} == {80}


class _ResumeProbe(MainScreen):
    """Records, for each time the screen is shown, whether Textual restyles it."""

    def __init__(self, evidence: Evidence) -> None:
        super().__init__(evidence)
        self.restyled: list[bool] = []

    def on_screen_resume(self, event: ScreenResume) -> None:  # after Textual's own handler
        self.restyled.append(event.refresh_styles)


class _ResumeApp(VenTuiApp):
    def get_default_screen(self) -> MainScreen:
        return _ResumeProbe(self.evidence)


async def test_only_the_first_showing_skips_restyling(shipped_evidence: Evidence) -> None:
    """Styles are applied as the widgets mount, just before the screen is first shown; when
    the screen is shown again, Textual decides (after the help it need not restyle)."""
    app = _ResumeApp(shipped_evidence)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, _ResumeProbe)
        assert screen.restyled == [False]
        focused = app.focused
        assert isinstance(focused, RowView) and focused.has_pseudo_class("focus")
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.restyled == [False, False]
        screen.post_message(ScreenResume())  # as Textual sends when a screen switches back
        await pilot.pause()
        assert screen.restyled == [False, False, True]
