"""Find by population: the facet counts beside one list of every matching row, across tables.

A clinician's question spans tables ("ongoing trials for newly diagnosed Ph+ ALL" is in both
Phase I and Phase II). The left side counts each facet value under the current filter, and
Enter there adds or removes that term in the filter text (the screen rewrites it); the right
side lists every row of every table the filter keeps, its table named, in the review's own
order, so ``C`` copies every unique NCT ID of the answer at once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from tui.domain import Evidence, Query, Record
from tui.domain.facet_counts import all_records, facet_counts
from tui.domain.sanitize import safe_line
from tui.widgets.facet_panel import FacetPanel
from tui.widgets.nav_table import NavTable

HEADINGS = ("Table", "Trial", "Population", "Regimen or outcome")
HINT = (
    "Facets are derived by ven-tui from the cells · Enter: add/remove in the filter · "
    "C: copy every NCT ID listed"
)


def row_name(record: Record) -> str:
    """``NCT06082934``, or ``[17]`` for a published study."""
    if record.nct_id:
        return record.nct_id
    return f"[{record.reference}]" if record.reference is not None else f"row {record.index + 1}"


class FindView(Horizontal):
    """Facet counts (left) and every matching row of every table (right)."""

    def __init__(
        self,
        evidence: Evidence,
        titles: Mapping[str, str],
        query: Query | None,
        rows: Sequence[Record],
        *,
        id: str | None = None,  # noqa: A002
    ) -> None:
        super().__init__(id=id)
        self.evidence = evidence
        self.titles = dict(titles)
        self._universe = all_records(evidence)
        self._query = query
        self._visible: tuple[Record, ...] = tuple(rows)

    def compose(self) -> ComposeResult:
        yield FacetPanel(facet_counts(self._universe, self._query), classes="find-facets")
        with Vertical(classes="find-results"):
            yield NavTable()
            yield Static(classes="status")

    def on_mount(self) -> None:
        table = self.query_one(NavTable)
        for heading in HEADINGS:
            table.add_column(heading, key=heading)
        self._fill()

    @property
    def visible_records(self) -> tuple[Record, ...]:
        """Every row the filter keeps, table by table in the review's order."""
        return self._visible

    @property
    def cursor_record(self) -> Record | None:
        row = self.query_one(NavTable).cursor_row
        return self._visible[row] if 0 <= row < len(self._visible) else None

    def apply(self, query: Query | None, rows: Sequence[Record]) -> None:
        """Count and list again for a new filter: ``rows`` are those the state says it keeps."""
        self._query = query
        self._visible = tuple(rows)
        if self.is_mounted:  # else on_mount fills it
            self.query_one(FacetPanel).counts = tuple(facet_counts(self._universe, query))
            self._fill()

    def focus(self, scroll_visible: bool = True) -> FindView:
        """Focus the facet list now, so the next key already moves in it."""
        self.screen.set_focus(self.query_one(FacetPanel), scroll_visible=scroll_visible)
        return self

    def _fill(self) -> None:
        table = self.query_one(NavTable)
        table.clear()
        for record in self._visible:
            regimen = list(record.cells.values())
            table.add_row(
                Text(safe_line(self.titles.get(record.table_id, record.table_id))),
                Text(safe_line(row_name(record)), style="bold"),
                Text(safe_line(record.cells.get("Population", ""))[:60]),
                Text(safe_line(regimen[-1] if regimen else "")[:70]),
                key=record.key,
            )
        ids = len({r.nct_id for r in self._visible if r.nct_id})
        scope = f"filter “{safe_line(self._query.source)}”" if self._query else "no filter"
        status = f"{len(self._visible)} rows in all tables ({scope}), {ids} unique NCT IDs · "
        self.query_one(".status", Static).update(Text(status + HINT, no_wrap=True))
