"""The browser's ``x`` key: from a trial's entry in one table to its entry in another.

The review lists some NCT IDs in both the phase I and the phase II tables. ``x`` goes to the
other entry: it switches tab and puts the cursor on that row. A clinician pressing ``x``
wants to read that entry, so when the filter (or the agent chosen on the Agents tab) hides
it, the filter is cleared and a notification says what was cleared and how to filter again.
"""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding

from tui.domain import Evidence, Query
from tui.domain.browser_state import BrowserState
from tui.domain.sanitize import safe_line
from tui.widgets import EvidenceTable
from tui.widgets.cross_link import entry_title, jump_target

LISTING_BINDINGS = [
    Binding(
        "x",
        "other_listing",
        "Other listing",
        show=False,
        tooltip="Go to the same trial's entry in the other table (clears a filter hiding it)",
    ),
]
LISTING_NOTE = (
    "x: when the highlighted trial's NCT ID is also listed in another table (three trials are "
    "in both Phase I and Phase II), the detail pane shows both entries side by side and x goes "
    "to the other entry; x again comes back. If the filter or the agent chosen on the Agents "
    "tab hides the other entry, x clears it and says so: press / to filter again."
)


class ListingActions:
    """Mixed into the main screen: ``action_other_listing`` (key x)."""

    # Provided by the screen this is mixed into (MainScreen).
    evidence: Evidence
    state: BrowserState
    active_table: EvidenceTable | None
    query_value: Query | None
    agent_filter: str | None
    app: App

    async def show_tab(self, index: int) -> None: ...

    def tab_index(self, name: str) -> int: ...

    def detail_titles(self) -> dict[str, str]: ...

    def clear_query(self) -> str: ...

    def clear_agent(self) -> None: ...

    async def action_other_listing(self) -> None:
        """Go to the highlighted trial's entry in another table, if it has one."""
        table = self.active_table
        record = table.cursor_record if table is not None else None
        if record is None:
            where = f"the tables ({self.state.table_keys()})" if table is None else "a row"
            self._say(f"x goes from a trial's row to its other listing: choose {where} first.")
            return
        if not record.nct_id:
            self._say("This row has no NCT ID, so it has no listing in another table.")
            return
        target = jump_target(record, self.evidence.tables_listing(record.nct_id))
        if target is None:
            title = self.detail_titles().get(record.table_id, record.table_id)
            self._say(f"{record.nct_id} is listed only here, in {title}.")
            return
        target_table = self.query_one(f"#pane-{target.table_id}", EvidenceTable)
        by_query, by_agent = target_table.hides(target.key)
        cleared = []
        if by_query:
            cleared.append(f"the filter “{self.clear_query()}”")
        if by_agent:
            cleared.append(f"the restriction to rows using {self.agent_filter}")
            self.clear_agent()
        await self.show_tab(self.tab_index(target.table_id))
        target_table.move_to(target.key)
        if cleared:
            what = " and ".join(cleared)
            it = "they were" if len(cleared) > 1 else "it was"
            where = entry_title(target, self.detail_titles())
            self.app.notify(
                safe_line(
                    f"{what[0].upper()}{what[1:]} hid {where}, so {it} cleared. "
                    "Press / to filter again."
                ),
                title="Filter cleared",
                severity="warning",
                markup=False,
            )

    def _say(self, message: str) -> None:
        self.app.notify(safe_line(message), title="No other listing", markup=False)
