"""The "Registry (not in the review)" tab: trials the registry search found, the review lacks.

Their provenance is the first line: ClinicalTrials.gov's answer to ven-tui's own search, on
the sync's date, not the review. ``c`` copies the highlighted NCT ID, ``C`` all of them
(each through the sanitiser, and announced). Without a cache the tab says how to get one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static

from tui.domain.export import ages_text, enrollment_text
from tui.domain.registry import RegistryCache, RegistryRecord
from tui.domain.sanitize import safe_line
from tui.widgets.nav_table import NavTable
from tui.widgets.registry_section import NO_CACHE, sites_text, stale_warning

HEADINGS = ("NCT ID", "Status", "Sites", "Last update", "Ages", "Title")


class RegistryView(Vertical):
    """The registry-only trials as a table, with where they came from above it."""

    DEFAULT_CSS = """
    RegistryView > .registry-provenance {
        padding: 0 1 1 1;
    }
    RegistryView > NavTable {
        height: 1fr;
    }
    RegistryView > .registry-entry {
        height: auto;
        max-height: 6;
        padding: 0 1;
    }
    RegistryView > .status {
        padding: 0 1;
    }
    """

    BINDINGS = [
        Binding(
            "c",
            "screen.copy('ids')",
            "Copy",
            tooltip="Copy the marked NCT IDs (any table), else the highlighted trial's",
        ),
        Binding("C", "screen.copy('all')", "Copy all", tooltip="Copy every NCT ID listed here"),
    ]

    @dataclass
    class Highlighted(Message):
        """The cursor is on the trial with this NCT ID."""

        nct_id: str

    def __init__(
        self,
        cache: RegistryCache | None,
        trials: Sequence[str] = (),
        *,
        id: str | None = None,  # noqa: A002
    ) -> None:
        super().__init__(id=id)
        self._cache = cache
        self._trials = tuple(trials)
        """The NCT IDs to list: the registry-only trials the filter keeps (the state's)."""
        self._entries: tuple[RegistryRecord, ...] = ()

    def compose(self) -> ComposeResult:
        yield Static(classes="registry-provenance")
        yield NavTable()
        yield Static(classes="registry-entry")
        yield Static(classes="status")

    def on_data_table_row_highlighted(self, event: NavTable.RowHighlighted) -> None:
        """The highlighted trial in full under the table (the cells there are cut)."""
        event.stop()
        self._show_entry()
        if (entry := self.cursor_entry) is not None:
            self.post_message(self.Highlighted(entry.nct_id))

    def _show_entry(self) -> None:
        entry = self.cursor_entry
        text = Text()
        if entry is not None:
            text.append(safe_line(entry.title or entry.nct_id), style="bold")
            text.append(f"\nLead sponsor: {safe_line(entry.lead_sponsor or '-')}")
            text.append(f" · enrollment: {safe_line(enrollment_text(entry) or '-')}")
            text.append(f"\nSites: {safe_line(sites_text(entry))}")
            text.append("\n")
            text.append(entry.url, style=Style(link=entry.url, underline=True))
        self.query_one(".registry-entry", Static).update(text)

    def on_mount(self) -> None:
        self._rebuild()

    # -- public API ------------------------------------------------------------------

    @property
    def entries(self) -> tuple[RegistryRecord, ...]:
        """The registry-only trials listed, in the search's order."""
        return self._entries

    @property
    def cursor_entry(self) -> RegistryRecord | None:
        row = self.query_one(NavTable).cursor_row
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def show_cache(self, cache: RegistryCache | None, trials: Sequence[str]) -> None:
        """List ``trials`` (NCT IDs) from ``cache``, a new sync's or a new filter's; the cursor
        stays on the same trial."""
        self._cache = cache
        self._trials = tuple(trials)
        self._rebuild()

    def focus(self, scroll_visible: bool = True) -> RegistryView:
        """Focus the rows now, so the next key already goes to them."""
        self.screen.set_focus(self.query_one(NavTable), scroll_visible=scroll_visible)
        return self

    # -- internals -------------------------------------------------------------------

    def _rebuild(self) -> None:
        cache = self._cache
        table = self.query_one(NavTable)
        current = self.cursor_entry
        table.clear(columns=True)
        provenance = self.query_one(".registry-provenance", Static)
        status = self.query_one(".status", Static)
        if cache is None:
            self._entries = ()
            table.display = False
            provenance.update(Text(NO_CACHE, style="bold"))
            status.update("")
            self._show_entry()
            return
        table.display = True
        self._entries = tuple(cache.records[nct] for nct in self._trials if nct in cache.records)
        provenance.update(self._provenance(cache))
        for heading in HEADINGS:
            table.add_column(heading, key=heading)
        for entry in self._entries:
            table.add_row(
                Text(safe_line(entry.nct_id)),
                Text(safe_line(entry.status_text if entry.status else "-")),
                Text(str(entry.sites)),
                Text(safe_line(entry.last_update or "-")),
                Text(safe_line(ages_text(entry) or "-")),
                Text(safe_line(entry.title[:120] or "-")),
                key=entry.nct_id,
            )
        if current is not None and current in self._entries:
            table.move_cursor(row=self._entries.index(current), animate=False)
        self._show_entry()
        count = len(self._entries)
        status.update(
            Text(f"{count} trial{'s' if count != 1 else ''} · c: copy NCT ID · C: copy all")
        )

    def _provenance(self, cache: RegistryCache) -> Text:
        text = Text()
        text.append("Not in the review. ", style="bold")
        text.append(
            "Found by ven-tui's search of ClinicalTrials.gov (intervention venetoclax, "
            f"condition acute lymphoblastic leukemia), as of {safe_line(cache.as_of)}; "
            "from the registry, not the 2025 review."
        )
        if not self._entries:
            text.append(
                "\nNo trial to list: the search found none the review lacks, or the filter "
                "keeps none.",
                style="italic",
            )
        warning = stale_warning(cache)
        if warning:
            text.append("\n")
            text.append(safe_line(warning), style="bold")
        return text
