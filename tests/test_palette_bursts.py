"""The command palette survives key bursts, as keys arrive together over SSH (issue 17, item 1)."""

from __future__ import annotations

import pytest
from textual import events
from textual.command import CommandPalette

from tui.app import VenTuiApp


def _app(shipped_evidence) -> VenTuiApp:
    return VenTuiApp(shipped_evidence)


def _burst(app: VenTuiApp, *keys: str) -> None:
    """Queue every key at once, as a driver does when they arrive in one read."""
    for key in keys:
        char = key if len(key) == 1 else {"enter": "\r"}.get(key)
        app.post_message(events.Key(key, char))


@pytest.mark.parametrize("key", ["pageup", "pagedown"])
async def test_page_keys_right_after_opening_the_palette(shipped_evidence, key: str) -> None:
    app = _app(shipped_evidence)
    async with app.run_test(size=(120, 40)) as pilot:
        _burst(app, "ctrl+p", key, key, "down", key)
        await pilot.pause()
        await pilot.pause()
        assert app.is_running and app.unexpected_error is None
        assert isinstance(app.screen, CommandPalette)


async def test_enter_enter_in_one_burst(shipped_evidence) -> None:
    app = _app(shipped_evidence)
    async with app.run_test(size=(120, 40)) as pilot:
        _burst(app, "ctrl+p", "enter", "enter")
        await pilot.pause()
        await pilot.pause()
        assert app.is_running and app.unexpected_error is None


async def test_typed_command_then_enter_enter(shipped_evidence) -> None:
    app = _app(shipped_evidence)
    async with app.run_test(size=(120, 40)) as pilot:
        _burst(app, "ctrl+p", *"theme", "down", "enter", "enter", "enter")
        await pilot.pause()
        await pilot.pause()
        assert app.is_running and app.unexpected_error is None


async def test_the_palette_offers_no_screenshot(shipped_evidence) -> None:
    """The built-in "Screenshot" wrote an SVG into ~/Downloads: ven-tui writes no files."""
    app = _app(shipped_evidence)
    async with app.run_test(size=(120, 40)):
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Screenshot" not in titles
        assert "Quit" in titles and "Theme" in titles  # the rest stay
