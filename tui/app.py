"""The Textual application: one main screen over the evidence; returns the picked NCT IDs."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import App, SystemCommand
from textual.screen import Screen

from tui.domain import Evidence
from tui.resources import stylesheet_path
from tui.screens import MainScreen


class VenTuiApp(App[list[str]]):
    """Browse the review's tables; ``run()`` returns the NCT IDs picked on quitting."""

    TITLE = "ven-tui"
    CSS_PATH = str(stylesheet_path())

    def __init__(self, evidence: Evidence) -> None:
        super().__init__()
        self.evidence = evidence

    def get_default_screen(self) -> MainScreen:
        return MainScreen(self.evidence)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's own commands plus the browser's actions, in the palette (ctrl+p)."""
        yield from super().get_system_commands(screen)
        if isinstance(screen, MainScreen):
            for title, help_text, callback in screen.commands():
                yield SystemCommand(title, help_text, callback)

    async def action_quit(self) -> None:
        """Quit, returning the marked NCT IDs (or the highlighted one) for ``--pick``."""
        main = self.screen_stack[0] if self.screen_stack else None
        self.exit(main.picked_ids() if isinstance(main, MainScreen) else [])
