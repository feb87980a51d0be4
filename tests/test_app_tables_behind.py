"""The first frame mounts only the table shown, and the detail pane's frame without the pane.
The two tables behind other tabs are mounted once it is drawn, or sooner when one of them is
shown, and the pane once it is drawn; all of them follow the state from the start."""

from __future__ import annotations

from tests.browsing import cursor_key
from tests.rendering import screen_text
from tui.app import VenTuiApp
from tui.domain import Evidence, parse_query
from tui.domain.registry import RegistryCache
from tui.screens import MainScreen
from tui.widgets import EvidenceTable
from tui.widgets.detail_pane import DetailPane


def _mounted_tables(screen: MainScreen) -> list[str]:
    return [table.source.id for table in screen.query(EvidenceTable)]


class _EarlyScreen(MainScreen):
    """Records the tables mounted as the screen mounts, then runs ``early`` (async)."""

    mounted_then: list[str] | None = None
    detail_then: bool | None = None
    early: str = ""

    async def on_mount(self) -> None:  # runs before MainScreen.on_mount (Textual's MRO)
        self.mounted_then = _mounted_tables(self)
        self.detail_then = bool(self.query(DetailPane))
        if self.early == "show phase II":
            await self.show_tab(2)
        elif self.early == "filter":
            self.state = self.state.filtered(parse_query("older", self.evidence.all_columns()))
        elif self.early == "move":
            self.state = self.state.moved_to("published", "published:2")
        elif self.early == "registry":
            self.state = self.state.with_registry(RegistryCache("2026-01-02", "http://x", {}))


class _EarlyApp(VenTuiApp):
    def __init__(self, evidence: Evidence, early: str = "") -> None:
        super().__init__(evidence)
        self.early = early

    def get_default_screen(self) -> MainScreen:
        screen = _EarlyScreen(self.evidence)
        screen.early = self.early
        return screen


async def test_only_the_shown_table_is_mounted_for_the_first_frame(
    shipped_evidence: Evidence,
) -> None:
    app = _EarlyApp(shipped_evidence)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, _EarlyScreen)
        assert screen.mounted_then == ["published"]
        assert _mounted_tables(screen) == ["published", "phase1", "phase2"], "in table order"
        hidden = [t.source.id for t in screen.query(EvidenceTable) if not t.display]
        assert hidden == ["phase1", "phase2"], "behind their tabs until shown"
        await pilot.press("3")
        await pilot.pause()
        assert screen.active_pane == "pane-phase2" and cursor_key(app) == "phase2:0"
        assert type(app.focused).__name__ == "_RowTable"


async def test_a_table_shown_before_the_others_are_mounted_is_drawn_and_focused(
    shipped_evidence: Evidence,
) -> None:
    app = _EarlyApp(shipped_evidence, early="show phase II")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, _EarlyScreen) and screen.mounted_then == ["published"]
        assert screen.active_pane == "pane-phase2" and cursor_key(app) == "phase2:0"
        assert type(app.focused).__name__ == "_RowTable"
        assert "0/12" not in screen_text(app) and "12/12 rows" in screen_text(app)
        await pilot.press("j")
        await pilot.pause()
        assert cursor_key(app) == "phase2:1"
        assert app.unexpected_error is None


async def test_tables_mounted_after_a_filter_show_its_rows(shipped_evidence: Evidence) -> None:
    app = _EarlyApp(shipped_evidence, early="filter")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, _EarlyScreen) and screen.mounted_then == ["published"]
        phase2 = screen.query_one("#pane-phase2", EvidenceTable)
        assert [r.key for r in phase2.visible_records] == ["phase2:7"]
        await pilot.press("3")
        await pilot.pause()
        assert "1/12 rows" in screen_text(app) and cursor_key(app) == "phase2:7"


async def test_the_detail_pane_is_mounted_after_the_first_frame(
    shipped_evidence: Evidence,
) -> None:
    app = _EarlyApp(shipped_evidence)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, _EarlyScreen)
        assert screen.detail_then is False, "the first frame draws the frame, not the pane"
        pane = screen.query_one(DetailPane)
        assert pane.parent is screen.query_one("#detail-frame")
        assert pane.record is not None and pane.record.key == cursor_key(app) == "published:0"


async def test_a_move_before_the_pane_is_mounted_is_shown_in_it(
    shipped_evidence: Evidence,
) -> None:
    app = _EarlyApp(shipped_evidence, early="move")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        pane = app.screen.query_one(DetailPane)
        assert pane.record is not None and pane.record.key == "published:2"
        assert cursor_key(app) == "published:2"


async def test_a_filter_before_the_pane_is_mounted_is_shown_in_it(
    shipped_evidence: Evidence,
) -> None:
    app = _EarlyApp(shipped_evidence, early="filter")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        pane = app.screen.query_one(DetailPane)
        shown = app.screen.state.detail()
        assert shown is not None and pane.record is shown
        assert "older" in pane.content.plain.lower()


async def test_a_registry_replaced_before_the_pane_is_made_reaches_it(
    shipped_evidence: Evidence,
) -> None:
    app = _EarlyApp(shipped_evidence, early="registry")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        pane = app.screen.query_one(DetailPane)
        assert pane.registry is app.screen.state.registry is not None
