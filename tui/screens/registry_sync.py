"""The browser's registry sync (key R): a dialog over the browser while a worker fetches.

The fetch runs in a thread worker, so keys stay live; the dialog shows what is being fetched
and how many requests went out. Escape cancels at once: waits end, the connection in flight
is closed, and the cache is left as it was. A sync that meets any problem lists them, one
line each, and leaves the cache as it was too. Only a complete sync writes the cache
(atomically) and returns it, for the screen to hand to the tables, the detail pane and the
filter. httpx is imported here only when the worker starts, never before R is pressed.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.domain.registry import RegistryCache, cache_path, write_cache
from tui.domain.sanitize import safe_line

if TYPE_CHECKING:
    from tui.domain.registry_sync import Fetcher, SyncResult

MAX_PROBLEMS_SHOWN = 8


class RegistrySyncScreen(ModalScreen["RegistryCache | None"]):
    """Fetch the dataset's trials from the registry; dismiss with the new cache, or None."""

    DEFAULT_CSS = """
    RegistrySyncScreen {
        align: center middle;
    }
    RegistrySyncScreen > #registry-sync {
        width: 76;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $accent;
        padding: 0 1;
        background: $surface;
    }
    RegistrySyncScreen .sync-problems {
        color: $error;
    }
    RegistrySyncScreen .sync-hint {
        color: $text-muted;
    }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel the sync (or close)", priority=True)]

    def __init__(
        self,
        nct_ids: Sequence[str],
        base_url: str,
        *,
        previous: RegistryCache | None = None,
        path: Path | None = None,
        fetcher_options: dict[str, Any] | None = None,
    ) -> None:
        """``fetcher_options`` go to ``Fetcher`` (tests shorten its waits and timeout)."""
        super().__init__()
        self.nct_ids = list(nct_ids)
        self.base_url = base_url
        self.previous = previous
        self.path = path or cache_path()
        self.fetcher_options = fetcher_options or {}
        self.stage = "running"
        """running, then done, failed or cancelled."""
        self.problems: list[str] = []
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._fetcher: Fetcher | None = None
        self._written: RegistryCache | None = None
        self._message = "starting"
        self._started = time.monotonic()

    def compose(self) -> ComposeResult:
        with Vertical(id="registry-sync"):
            yield Static(Text(f"Registry sync from {safe_line(self.base_url)}", style="bold"))
            yield Static(
                Text(
                    "Sends only the dataset's NCT IDs and the search terms "
                    "(venetoclax, acute lymphoblastic leukemia).",
                    style="italic",
                )
            )
            yield Static(classes="sync-progress")
            yield Static(classes="sync-problems")
            yield Static(Text("Escape: cancel (the cache stays as it was)"), classes="sync-hint")

    def on_mount(self) -> None:
        self._show_progress()
        self.set_interval(0.25, self._show_progress)
        self.run_worker(self._work, thread=True, exclusive=True, group="registry-sync")

    # -- the worker (a thread) ---------------------------------------------------------

    def _work(self) -> None:
        from tui.domain.registry_sync import Fetcher, sync

        options = {"sleep": self._stop.wait, "cancelled": self._stop.is_set}
        result: SyncResult | None = None
        failure: str | None = None
        try:
            with Fetcher(self.base_url, **(options | self.fetcher_options)) as fetcher:
                self._fetcher = fetcher
                result = sync(self.nct_ids, fetcher, self._progress)
        except Exception as error:  # noqa: BLE001 - one line for the person, never a traceback
            failure = safe_line(f"{type(error).__name__}: {error}")[:200]
        written = False
        if result is not None and result.complete:
            with self._lock:
                if not self._stop.is_set():
                    try:
                        write_cache(result.cache, self.path)
                        written = True
                        self._written = result.cache
                    except OSError as error:
                        failure = f"cannot write {self.path}: {safe_line(str(error))[:120]}"
        problems = [failure] if failure else list(result.problems if result else [])
        self._call(self._finished, result.cache if written and result else None, problems)

    def _progress(self, message: str) -> None:
        self._message = message  # read by the timer on the app's thread

    def _call(self, callback: Any, *args: object) -> None:
        try:
            self.app.call_from_thread(callback, *args)
        except RuntimeError:
            pass  # the app is closing: nothing left to tell

    # -- on the app's thread -----------------------------------------------------------

    def _finished(self, cache: RegistryCache | None, problems: list[str]) -> None:
        if self.stage != "running":
            return  # cancelled meanwhile: the dialog is gone
        if cache is not None:
            self.stage = "done"
            self.app.notify(
                f"Registry synced: {len(cache.records)} trials, "
                f"{len(cache.discovered)} found only in the registry (as of {cache.as_of})",
                title="Registry",
                markup=False,
            )
            self.dismiss(cache)
            return
        self.stage = "failed"
        self.problems = [safe_line(p) for p in problems if p != "cancelled"] or ["sync failed"]
        lines = self.problems[:MAX_PROBLEMS_SHOWN]
        if len(self.problems) > MAX_PROBLEMS_SHOWN:
            lines.append(f"and {len(self.problems) - MAX_PROBLEMS_SHOWN} more")
        self.query_one(".sync-problems", Static).update(Text("\n".join(lines)))
        self.query_one(".sync-progress", Static).update(
            Text(f"Sync failed; {self._kept()}.", style="bold")
        )
        self.query_one(".sync-hint", Static).update(Text("Escape: close"))
        self.app.notify(
            f"Registry sync failed ({len(self.problems)} problem"
            f"{'s' if len(self.problems) != 1 else ''}); {self._kept()}",
            title="Registry",
            severity="error",
            markup=False,
        )

    def _show_progress(self) -> None:
        if self.stage != "running":
            return
        fetcher = self._fetcher
        sent = fetcher.requests if fetcher is not None else 0
        elapsed = time.monotonic() - self._started
        self.query_one(".sync-progress", Static).update(
            Text(
                f"{safe_line(self._message)} · {sent} request{'s' if sent != 1 else ''} · "
                f"{elapsed:.0f} s"
            )
        )

    def _kept(self) -> str:
        if self.previous is None:
            return "no cache was written"
        return f"the cache as of {safe_line(self.previous.as_of)} is kept"

    def on_unmount(self) -> None:
        """The app quits mid-sync: stop the worker, so quitting does not wait for an answer."""
        if self.stage == "running":
            with self._lock:
                self._stop.set()
            self.stage = "cancelled"
            if self._fetcher is not None:
                self._fetcher.abort()

    def action_cancel(self) -> None:
        """Stop the sync now and leave the cache alone; after a failure, just close."""
        if self.stage != "running":
            self.dismiss(None)
            return
        with self._lock:  # the worker writes only while holding it, and only if not stopped
            self._stop.set()
            written = self._written
        if written is not None:  # too late to cancel: the new cache is on disk already
            self._finished(written, [])
            return
        self.stage = "cancelled"
        if self._fetcher is not None:
            self._fetcher.abort()
        self.app.notify(f"Registry sync cancelled; {self._kept()}", title="Registry", markup=False)
        self.dismiss(None)
