"""The browser's copy keys (c, C, u): what they take from the screen, copy and announce.

Marks count across every table (a screening list gathered over Phase I and II stays one list,
the same list ``--pick`` prints); without marks, the highlighted row of the table shown is taken.
The text itself comes from ``tui.domain.copy_text``; the copy goes out as OSC 52 through
``App.copy_to_clipboard`` and is always announced, since many terminals drop OSC 52 silently.
"""

from __future__ import annotations

from dataclasses import replace

from textual.app import App
from textual.binding import Binding

from tui.domain import Evidence, Record
from tui.domain.browser_state import FIND, BrowserState
from tui.domain.copy_text import Clip, copy_ids, copy_urls, source_reference, unique_nct_ids
from tui.widgets import EvidenceTable

# Not priority bindings: a copy key travels behind the keys typed before it (space, j) through
# the focused widget, so "space j space c" copies the marks just made, and in the filter the
# letters are typed as query text.
COPY_BINDINGS = [
    Binding(
        "c",
        "copy",
        "Copy",
        tooltip="Copy the marked NCT IDs (any table), else the highlighted row's "
        "(a citation for a published study)",
    ),
    Binding(
        "C",
        "copy_all",
        "Copy all",
        tooltip="Copy every NCT ID shown in this table, filter applied "
        "(citations on the published studies tab)",
        show=False,
    ),
    Binding(
        "u",
        "copy_urls",
        "Copy URL",
        tooltip="Copy ClinicalTrials.gov addresses (of what c would copy)",
        show=False,
    ),
]


class CopyActions:
    """Mixed into the main screen: ``action_copy``, ``action_copy_all``, ``action_copy_urls``."""

    # Provided by the screen this is mixed into (MainScreen).
    evidence: Evidence
    titles: dict[str, str]
    state: BrowserState
    built_panes: dict
    active_table: EvidenceTable | None
    active_pane: str
    app: App

    def action_copy(self) -> None:
        """Copy the marked NCT IDs (or the highlighted row's, a citation for a published row)."""
        records = self.copy_selection()
        if records is not None:
            self._copy(self._from_elsewhere(copy_ids(records, self._sources()), records))

    def action_copy_all(self) -> None:
        """Copy every NCT ID the current table shows (citations on the published table)."""
        find = self.built_panes.get(FIND)
        if find is not None and self.active_pane == f"pane-{FIND}":
            self._copy(copy_ids(find.visible_records, self._sources()))  # type: ignore[attr-defined]
            return
        table = self._table_or_warn()
        if table is not None:
            self._copy(copy_ids(table.visible_records, self._sources()))

    def action_copy_urls(self) -> None:
        """Copy the ClinicalTrials.gov addresses of what ``c`` would copy."""
        records = self.copy_selection()
        if records is not None:
            self._copy(self._from_elsewhere(copy_urls(records), records))

    def marked_records(self) -> list[Record]:
        """The marked records of every table, in tab order (marks survive filtering)."""
        return [r for table in self.query(EvidenceTable) for r in table.marked_records]

    def picked_ids(self) -> list[str]:
        """For ``--pick``: marked NCT IDs (unique, tab order), else the highlighted row's."""
        picked = unique_nct_ids(self.marked_records())
        table = self.active_table
        if not picked and table is not None and table.cursor_record is not None:
            picked = unique_nct_ids([table.cursor_record])
        return picked

    def copy_selection(self) -> list[Record] | None:
        """Marked records of every table in tab order, else the highlighted one; None: warned."""
        marked = self.marked_records()
        if marked:
            return marked
        table = self._table_or_warn()
        if table is None:
            return None
        record = table.cursor_record
        return [record] if record is not None else []

    # -- internals -------------------------------------------------------------------

    def _table_or_warn(self) -> EvidenceTable | None:
        table = self.active_table
        if table is None:
            name = self.active_pane.removeprefix("pane-")
            title = self.titles.get(name, name)
            self._announce(
                f"Nothing to copy on {title}",
                f"c, C and u copy from the tables ({self.state.table_keys()}), "
                "or the rows marked there.",
                "warning",
            )
        return table

    def _from_elsewhere(self, clip: Clip, records: list[Record]) -> Clip:
        """Say where the marks are when some lie outside the table shown (or none is shown)."""
        table = self.active_table
        shown = table.source.id if table is not None else None
        places = list(dict.fromkeys(r.table_id for r in records))
        if clip.empty or places == [shown]:
            return clip
        where = ", ".join(self.titles.get(place, place) for place in places)
        note = f"(marked in {where})"
        return replace(clip, message=f"{clip.message}\n{note}" if clip.message else note)

    def _sources(self) -> dict[str, str]:
        citation = self.evidence.dataset.citation
        return {
            table_id: source_reference(citation, self.evidence.table(table_id).label)
            for table_id in self.evidence.table_ids
        }

    def _copy(self, clip: Clip) -> None:
        if not clip.empty:
            self.app.copy_to_clipboard(clip.text)
        severity = "warning" if clip.empty else "information"
        self._announce(clip.title, clip.message, severity)

    def _announce(self, title: str, message: str, severity: str = "information") -> None:
        """Notify, replacing older notices: an earlier "Copied …" no longer holds true."""
        self.app.clear_notifications()
        if message:
            self.app.notify(message, title=title, severity=severity, markup=False)
        else:
            self.app.notify(title, severity=severity, markup=False)
