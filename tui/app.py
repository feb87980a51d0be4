"""The Textual application: one main screen over the evidence; returns the picked NCT IDs."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, cast

from textual import events
from textual.app import App, SystemCommand
from textual.await_complete import AwaitComplete
from textual.command import CommandPalette
from textual.message import Message
from textual.screen import Screen

from tui.domain import Evidence
from tui.domain.registry import RegistryCache
from tui.escape_digit import escaped_digit, read_escape_digit_as_alt
from tui.held_output import PendingChecks, holding_driver
from tui.resources import stylesheet_path
from tui.screens import MainScreen
from tui.squeezed_output import squeezing_driver

if TYPE_CHECKING:
    from textual.widgets import Button, Input


read_escape_digit_as_alt()  # before any driver reads a key


class QuitRequested(Message):
    """Posted to the focused widget on q; it bubbles to the app behind the keys typed before."""


class BurstSafePalette(CommandPalette):
    """Textual's palette, guarded against keys that arrive together (as they do over SSH).

    With Textual 8.2.8, PgUp/PgDn before the list is laid out raise ``KeyError`` in
    ``OptionList._move_page``, and an Enter queued behind the one that closed the palette
    pops a screen that is already gone (``ScreenStackError``). Such a key is dropped.
    """

    def _action_command_list(self, action: str) -> None:
        try:
            super()._action_command_list(action)
        except (KeyError, IndexError):
            pass  # the list has no lines yet: the key came too early to mean anything

    def _select_or_command(self, event: Input.Submitted | Button.Pressed | None = None) -> None:
        if self.is_active:
            super()._select_or_command(event)
        elif event is not None:
            event.stop()

    def dismiss(self, result: None = None) -> AwaitComplete:
        if not self.is_active:  # closed already by a key queued before this one
            return cast(AwaitComplete, AwaitComplete.nothing())  # type: ignore[no-untyped-call]
        return super().dismiss(result)


class VenTuiApp(App[list[str]]):
    """Browse the review's tables; ``run()`` returns the NCT IDs picked on quitting."""

    TITLE = "ven-tui"
    CSS_PATH = [str(stylesheet_path()), str(stylesheet_path().with_name("analysis.tcss"))]

    def __init__(
        self,
        evidence: Evidence,
        *,
        on_ready: Callable[[], object] | None = None,
        on_start: Callable[[], object] | None = None,
        registry: RegistryCache | None = None,
        registry_url: str | None = None,
        checks: PendingChecks[Evidence] | None = None,
    ) -> None:
        """``on_start`` runs once the app is running, before the first frame (signal handlers
        go there, so a SIGTERM during the first paint still restores the terminal);
        ``on_ready`` runs once the first frame is on screen.

        ``checks``: still running on ``evidence`` (``tui.held_output``). The terminal is sent
        nothing until they pass; if they fail, the app exits unseen.
        """
        super().__init__()
        # The platform's own driver, its styles squeezed (``tui.squeezed_output``), and
        # its writes held while the checks run.
        self.driver_class = squeezing_driver(self.driver_class)
        if checks is not None:
            self.driver_class = holding_driver(self.driver_class, checks.output)
        self.evidence = evidence
        self._on_ready = on_ready
        self._on_start = on_start
        self._checks = checks
        self._drawn = False
        """Textual has drawn the first frame (sent to the terminal, unless still held)."""
        self.unexpected_error: Exception | None = None
        self._registry_at_start = registry
        self.registry_url = registry_url
        """The API a sync asks (``--registry-url``, else the environment, else the default)."""

    def get_css_variables(self) -> dict[str, str]:
        """The theme's variables, plus ``$match``: matched words, readable on this theme."""
        from tui.widgets.match_colour import readable_match_colour

        variables = super().get_css_variables()
        variables["match"] = readable_match_colour(variables) or variables["text-warning"]
        return variables

    def get_default_screen(self) -> MainScreen:
        return MainScreen(self.evidence, self._registry_at_start)

    @property
    def registry(self) -> RegistryCache | None:
        """The registry cache in force: the browser state's (read at start-up, or synced)."""
        main = self.screen_stack[0] if self.screen_stack else None
        return main.registry if isinstance(main, MainScreen) else self._registry_at_start

    def on_mount(self) -> None:
        if self._on_start is not None:
            self._on_start()
        if self._checks is not None:
            loop = asyncio.get_running_loop()
            self._checks.start(lambda: loop.call_soon_threadsafe(self._checks_ended))

    def on_ready(self) -> None:
        self._drawn = True
        self._ready_once_shown()

    async def on_event(self, event: events.Event) -> None:
        """Escape and a digit read as one key (``alt+2``) are handled as the two keys."""
        if isinstance(event, events.Key) and (digit := escaped_digit(event.key)) is not None:
            await super().on_event(events.Key("escape", "\x1b"))
            await super().on_event(events.Key(digit, digit))
            return
        await super().on_event(event)

    def _checks_ended(self) -> None:
        """Show what was drawn if the file passed; else leave, having shown nothing."""
        if self._checks is None:
            return
        if self._checks.passed:  # the output is released already
            self._ready_once_shown()
        else:
            self.exit([])

    def _ready_once_shown(self) -> None:
        held = self._checks is not None and self._checks.output.holding
        if self._drawn and not held and self._on_ready is not None:
            ready, self._on_ready = self._on_ready, None
            ready()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's own commands plus the browser's actions, in the palette (ctrl+p).

        Textual's "Screenshot" is left out: it writes an SVG file, and ven-tui writes none.
        """
        for command in super().get_system_commands(screen):
            if command.title != "Screenshot":
                yield command
        if isinstance(screen, MainScreen):
            for title, help_text, callback in screen.commands():
                yield SystemCommand(title, help_text, callback)

    def action_command_palette(self) -> None:
        """Open the burst-safe palette instead of Textual's own."""
        if self.use_command_palette and not CommandPalette.is_open(cast(App[object], self)):
            self.push_screen(BurstSafePalette(id="--command-palette"))

    async def action_quit(self) -> None:
        """Quit once the keys typed before q are handled, returning the picks for ``--pick``.

        q is a priority key, run as it arrives, while earlier keys (space marking a row) still
        travel through the focused widget; the quit follows the same path so none is lost.
        """
        target = self.focused
        if target is None:
            self._exit_with_picks()
        else:
            target.post_message(QuitRequested())

    def on_quit_requested(self, event: QuitRequested) -> None:
        event.stop()
        self._exit_with_picks()

    def _handle_exception(self, error: Exception) -> None:
        """An unexpected error ends the app quietly with its picks, instead of a traceback.

        Textual's own handler paints a full traceback and loses the marks; the launcher
        reports ``unexpected_error`` in one line and prints the picks. The error is still
        recorded where Textual's test harness looks, so a Pilot test fails loudly.
        """
        if self.unexpected_error is None:
            self.unexpected_error = error
        if self._exception is None:
            self._exception = error
            self._exception_event.set()
        try:
            main = self.screen_stack[0] if self.screen_stack else None
            picks = main.picked_ids() if isinstance(main, MainScreen) else []
        except Exception:  # the error may have broken the screen itself
            picks = []
        self.exit(picks, return_code=1)

    def exit_with_picks(self) -> None:
        """Exit now, returning the picks: what a terminating signal does."""
        self._exit_with_picks()

    def _exit_with_picks(self) -> None:
        """Exit, returning the marked NCT IDs (or the highlighted one)."""
        main = self.screen_stack[0] if self.screen_stack else None
        self.exit(main.picked_ids() if isinstance(main, MainScreen) else [])
