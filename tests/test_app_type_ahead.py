"""Keys typed ahead of the first frame (``ven-tui`` Enter, then q or / at once, over SSH)
run before the main screen has composed its widgets: q and / are priority keys, which the
app runs as they arrive. They act as they would a moment later, never as an internal error.
"""

from __future__ import annotations

from collections.abc import Callable

from tui.app import VenTuiApp
from tui.domain import Evidence
from tui.screens import MainScreen
from tui.widgets import FilterBar


class _AheadApp(VenTuiApp):
    """Runs ``ahead`` on the main screen as the app mounts: before the screen composes."""

    def __init__(self, evidence: Evidence, ahead: Callable[[MainScreen], object]) -> None:
        super().__init__(evidence)
        self._ahead = ahead
        self.children_then: int | None = None

    def on_mount(self) -> None:
        super().on_mount()
        screen = self.screen
        assert isinstance(screen, MainScreen)
        self.children_then = len(screen.children)
        self._ahead(screen)


async def test_q_typed_ahead_quits_with_no_picks_and_no_error(shipped_evidence: Evidence):
    app = _AheadApp(shipped_evidence, lambda screen: screen.app.exit_with_picks())
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(100):
            if not app.is_running:
                break
            await pilot.pause(0.01)
    assert app.children_then == 0  # it did run before the screen's widgets existed
    assert app.unexpected_error is None and app.return_value == []


async def test_slash_typed_ahead_leaves_the_filter_focused(shipped_evidence: Evidence):
    app = _AheadApp(shipped_evidence, lambda screen: screen.action_focus_filter())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("a", "z")
        await pilot.pause()
        assert app.children_then == 0 and app.unexpected_error is None
        bar = app.screen.query_one(FilterBar)
        assert bar.has_focus_within and bar.text == "az"
