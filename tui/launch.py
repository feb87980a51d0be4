"""Start the Textual app from the CLI; kept apart so the CLI imports Textual only when needed."""

from __future__ import annotations

import asyncio
import codecs
import gc
import os
import signal
import sys
from collections.abc import Callable
from typing import TextIO

from tui.domain import Evidence
from tui.forked_load import Provisional
from tui.hangup_watch import watch_for_hangup


class TerminalUnsuitable(Exception):
    """The terminal cannot show the browser; the message says why and what to do instead."""


def check_terminal(
    stdin: TextIO | None = None, screen: TextIO | None = None, env: dict[str, str] | None = None
) -> None:
    """Refuse, with a clear reason, terminals the browser cannot draw on.

    Textual draws on stderr (stdout stays free for ``--pick``), so that is the screen.
    """
    stdin = stdin if stdin is not None else sys.stdin
    screen = screen if screen is not None else sys.stderr
    env = env if env is not None else dict(os.environ)
    alternative = "use `ven-tui export` or `ven-tui ids` for plain output"
    if stdin is None or not stdin.isatty() or screen is None or not screen.isatty():
        raise TerminalUnsuitable(f"the browser needs an interactive terminal; {alternative}")
    if env.get("TERM", "") in {"dumb", "unknown"}:
        raise TerminalUnsuitable(
            f"TERM={env['TERM']} cannot move the cursor; set TERM (e.g. xterm-256color) "
            f"or {alternative}"
        )
    encoding = getattr(screen, "encoding", None) or "ascii"
    if codecs.lookup(encoding).name != "utf-8":
        raise TerminalUnsuitable(
            f"the terminal encoding is {encoding}, but the browser needs UTF-8; "
            "run it with LANG=C.UTF-8 (or a UTF-8 locale) or " + alternative
        )


def import_browser() -> None:
    """Import Textual and the browser's code: the slow part of start-up that needs no data,
    so that ``tui.forked_load`` can read a large file beside it."""
    # Textual paints at most 60 times a second, so a change waits up to 17 ms for its frame;
    # a filter keystroke waits twice (the echo, then the rows). Frames are still sent only
    # when something changed. Set before Textual is first imported, which reads it once.
    os.environ.setdefault("TEXTUAL_FPS", "120")
    import tui.app  # noqa: F401


def run_app(
    loaded: Evidence | Provisional[Evidence],
    *,
    pick: bool = False,
    registry_url: str | None = None,
) -> int:
    """Run the browser full-screen; with ``pick``, print the chosen NCT IDs after it closes.

    ``loaded`` may still be under the loading child's checks: the browser then starts on
    it, and shows it only once they pass (``tui.held_output``); a file that fails them
    raises its ``DataError`` here, as loading it first would have.

    The registry cache is read from disk (offline); ``registry_url`` (else
    ``VEN_TUI_REGISTRY_URL``) is where the sync key R fetches from, only when pressed.
    """
    try:
        check_terminal()
    except TerminalUnsuitable:
        if isinstance(loaded, Provisional):
            loaded.settle()  # a bad file's problems are said first, as ever
        raise
    from tui.domain.registry import base_url, read_cache

    cache = read_cache()
    import_browser()
    from textual import constants

    from tui.app import VenTuiApp
    from tui.held_output import PendingChecks

    checks: PendingChecks[Evidence] | None = None
    if not isinstance(loaded, Provisional):
        evidence = loaded
    elif loaded.value is not None and constants.DRIVER is None:
        checks = PendingChecks(loaded)
        evidence = checks.shown
    else:  # nothing made early, or a driver chosen from outside: wait for the checks
        evidence = loaded.settle()

    terminal = _terminal_fds()  # now: Textual puts its own stderr in place while it runs

    def on_start() -> None:
        _exit_cleanly_on_signals(app.exit_with_picks)
        watch_for_hangup(terminal)

    def on_ready() -> None:
        _resume_collection()
        # The filter's first keystroke then finds every row derived; what the warm-up made
        # (memos, facets: a million objects at 100,000 rows) is then frozen too, so that a
        # full collection never scans it between two keystrokes.
        evidence.warm_in_background(then=gc.freeze)

    app = VenTuiApp(
        evidence,
        on_ready=on_ready,
        on_start=on_start,
        registry=cache,
        registry_url=base_url(registry_url),
        checks=checks,
    )
    picked = app.run()
    if checks is not None and not checks.passed:
        shown_instead = checks.outcome()  # the file's DataError; waits if quit first
        if shown_instead is not evidence:  # read again more carefully: nothing was shown
            return run_app(shown_instead, pick=pick, registry_url=registry_url)
    if app.unexpected_error is not None:
        _report_unexpected(app.unexpected_error, picked or [], pick)
    if pick and picked:
        from tui.output import print_picks

        print_picks(picked)
    return app.return_code or 0


def _terminal_fds() -> list[int]:
    """The terminal the browser reads (stdin) and draws on (stderr)."""
    fds = []
    for stream in (sys.stdin, sys.stderr):
        try:
            fd = stream.fileno()
        except (AttributeError, OSError, ValueError):
            continue
        if fd >= 0:
            fds.append(fd)
    return fds


def _report_unexpected(error: Exception, picked: list[str], pick: bool) -> None:
    """One line for an error the app did not expect, and the marks, never a traceback."""
    from tui.domain.sanitize import safe_line

    reason = safe_line(f"{type(error).__name__}: {error}")[:300]
    print(
        f"ven-tui: internal error: {reason} (the browser stopped; please report it)",
        file=sys.stderr,
    )
    if picked and not pick:  # with --pick they go to stdout as usual
        print(f"ven-tui: marked when it stopped: {' '.join(picked)}", file=sys.stderr)


# A dropped SSH connection sends SIGHUP; kill and service managers send SIGTERM; ctrl+\\
# sends SIGQUIT. Their default action kills the process before Textual can leave the
# alternate screen, turn mouse reporting off and show the cursor again.
EXIT_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGQUIT") if hasattr(signal, name)
)


def _exit_cleanly_on_signals(exit_app: Callable[[], object]) -> None:
    """Make each exit signal end the app the normal way, so the terminal is restored."""
    loop = asyncio.get_running_loop()
    for number in EXIT_SIGNALS:
        try:
            loop.add_signal_handler(number, exit_app)
        except (NotImplementedError, RuntimeError, ValueError):
            pass  # no signal handlers here (Windows, or not the main thread)


def _resume_collection() -> None:
    """Once the first frame is on screen: collect cycles again, but never scan what exists.

    The evidence and the widgets live as long as the app (10,000 rows make hundreds of
    thousands of objects); frozen, they stay out of the collector's scans, which would
    otherwise pause keystrokes. ``tui.entry`` paused collection for start-up.
    """
    gc.freeze()
    gc.enable()
