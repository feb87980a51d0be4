"""One source table as a filterable, sortable, markable list of records.

The rows are drawn by ``RowView``, a virtualised table: filtering, sorting and marking
change a list of records and repaint what is on screen, so 10,000 rows cost no more to
show than 30. The public API is small, so the screen knows nothing of that:

- ``EvidenceTable(source, records)``: construct for one ``SourceTable``.
- ``apply(query)``: filter; the cursor stays on the same record when it survives.
- ``restrict(label, keys)``: also keep only the records with these keys (an agent's rows).
- ``visible_records``, ``total``, ``cursor_record``, ``move_to(key)``.
- ``sort_by_column()`` (key ``s``; again reverses), ``step_column(delta)`` (``←/→``).
- ``toggle_mark()`` (space), ``marked_keys``, ``marked_records``.
- ``EvidenceTable.Highlighted``: posted when the record under the cursor changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static

from tui.domain import Query, Record, SourceTable
from tui.domain.registry import RegistryCache
from tui.domain.sanitize import safe_line
from tui.domain.table_columns import (
    Column,
    columns_for,
    fit_widths,
    natural_widths,
    sort_records,
)
from tui.widgets.highlight import cell_text
from tui.widgets.row_view import RowView

MARK = "●"


class _RowTable(RowView):
    """The rows, whose left/right choose a column (for sorting) instead of scrolling.

    Choosing and sorting both travel as messages from here, in the order the keys came, so
    keys arriving together ("l l s" in one SSH packet) sort by the column they chose.
    """

    BINDINGS = [
        Binding("left,h", "cursor_left", "Choose the column to the left (for s)", show=False),
        Binding("right,l", "cursor_right", "Choose the column to the right", show=False),
        Binding("s", "sort", "Sort", tooltip="Sort by the chosen column; again to reverse"),
    ]

    @dataclass
    class ColumnStep(Message):
        """Left/right was pressed: move the chosen column by ``delta``."""

        delta: int

    class SortRequested(Message):
        """``s`` was pressed: sort by the chosen column (again: reverse)."""

    def action_sort(self) -> None:
        self.post_message(self.SortRequested())

    def action_cursor_left(self) -> None:
        self.post_message(self.ColumnStep(-1))

    def action_cursor_right(self) -> None:
        self.post_message(self.ColumnStep(1))


class EvidenceTable(Vertical):
    """The rows of one source table, with a status line (counts, marks, sort)."""

    BINDINGS = [
        Binding("space", "toggle_mark", "Mark", tooltip="Mark or unmark the row"),
    ]
    COMPONENT_CLASSES = {"evidence-table--match", "evidence-table--marked"}

    @dataclass
    class Highlighted(Message):
        """The record under the cursor changed (``None`` when no row is visible)."""

        table: EvidenceTable
        record: Record | None

        @property
        def control(self) -> EvidenceTable:
            return self.table

    @dataclass
    class MarksChanged(Message):
        """A row was marked or unmarked here: the screen recounts marks across tables."""

        table: EvidenceTable

        @property
        def control(self) -> EvidenceTable:
            return self.table

    def __init__(
        self,
        source: SourceTable,
        records: Sequence[Record],
        *,
        registry: RegistryCache | None = None,
        id: str | None = None,  # noqa: A002
    ) -> None:
        super().__init__(id=id)
        self.source = source
        self._records = tuple(records)
        self._columns = columns_for(source.columns, self._records, registry and registry.records)
        self._query: Query | None = None
        self._only: tuple[str, frozenset[str]] | None = None
        self._visible: tuple[Record, ...] = self._records
        self._positions: dict[str, int] | None = None
        self._matched: tuple[Query, list[Record]] | None = None
        self._marked: set[str] = set()
        self._mark_summary = ""
        self.agents_key = "7"
        """The digit of the Agents tab, named in the status line (set from the registry)."""
        self._column = 0
        self._sort: tuple[int, bool] | None = None
        self._announced: str | None = ""
        self._widths: list[int] = []
        self._natural: list[int] | None = None

    def compose(self) -> ComposeResult:
        yield _RowTable()
        yield Static(classes="status")

    def on_mount(self) -> None:
        self._rebuild()

    @classmethod
    def table_bindings(cls) -> list[Binding]:
        """Every key this widget and its rows answer to, for the help screen."""
        return [*_RowTable.BINDINGS, *cls.BINDINGS]

    # -- public API ------------------------------------------------------------------

    @property
    def total(self) -> int:
        """How many records the table holds, filtered or not."""
        return len(self._records)

    @property
    def visible_records(self) -> tuple[Record, ...]:
        """The records shown, in display order."""
        return self._visible

    @property
    def cursor_record(self) -> Record | None:
        """The record under the cursor, or ``None`` when nothing is visible."""
        if not self._visible:
            return None
        row = self._table.cursor
        return self._visible[row] if 0 <= row < len(self._visible) else None

    @property
    def marked_keys(self) -> list[str]:
        """Keys of the marked records, in source order (marks survive filtering)."""
        return [record.key for record in self._records if record.key in self._marked]

    @property
    def marked_records(self) -> list[Record]:
        """The marked records, in source order."""
        return [record for record in self._records if record.key in self._marked]

    @property
    def sort_state(self) -> tuple[str, bool] | None:
        """The heading sorted by and whether reversed, or ``None`` for source order."""
        if self._sort is None:
            return None
        return self._columns[self._sort[0]].heading, self._sort[1]

    @property
    def restriction(self) -> str | None:
        """The label of the key restriction in force (an agent's name), if any."""
        return self._only[0] if self._only else None

    def set_registry(self, registry: RegistryCache | None) -> None:
        """A new registry cache (a sync): its status column, in place of the last one's."""
        self._columns = columns_for(
            self.source.columns, self._records, registry and registry.records
        )
        self._natural = None
        self._rebuild()

    def restrict(self, label: str | None, keys: frozenset[str] = frozenset()) -> None:
        """Also require the record key to be in ``keys``; ``label`` None lifts it."""
        self._only = None if label is None else (label, frozenset(keys))
        self._rebuild()

    def hides(self, key: str) -> tuple[bool, bool]:
        """Whether the query, and whether the restriction, hide the record with ``key``."""
        record = next((r for r in self._records if r.key == key), None)
        if record is None:
            return False, False
        by_query = self._query is not None and not self._query.matches(record)
        return by_query, self._only is not None and key not in self._only[1]

    def apply(self, query: Query | None) -> None:
        """Show only the records ``query`` matches; keep the cursor on the same record."""
        self._query = query
        self._rebuild()

    def move_to(self, key: str) -> bool:
        """Put the cursor on the record with ``key``; False if it is not visible."""
        row = self._position(key)
        if row is None:
            return False
        self._table.move_cursor(row)
        self._announce()
        return True

    def toggle_mark(self) -> None:
        """Mark or unmark the record under the cursor."""
        record = self.cursor_record
        if record is None:
            return
        self._marked.symmetric_difference_update({record.key})
        self._table.refresh_row(self._table.cursor)
        self._update_status()
        self.post_message(self.MarksChanged(self))

    def clear_marks(self) -> None:
        """Unmark every row of this table."""
        if self._marked:
            self._marked.clear()
            self._table.set_rows(len(self._visible), self._cells_at, self._table.cursor)
            self._update_status()

    def show_mark_summary(self, summary: str) -> None:
        """Every table's marks, as the screen counts them ("3 marked: 2 in Phase I, 1 here")."""
        self._mark_summary = summary
        self._update_status()

    def step_column(self, delta: int) -> None:
        """Choose the column ``delta`` places left or right, for sorting."""
        self._column = max(0, min(len(self._columns) - 1, self._column + delta))
        self._relabel()
        self._update_status()
        self._table.scroll_to_column(self._column + 1)  # after the mark column

    def sort_by_column(self) -> None:
        """Sort by the chosen column; sorting by it again reverses the order."""
        reverse = self._sort is not None and self._sort == (self._column, False)
        self._sort = (self._column, reverse)
        self._rebuild()

    def focus(self, scroll_visible: bool = True) -> EvidenceTable:
        """Focus the rows now (the container itself takes no focus)."""
        self.screen.set_focus(self._table, scroll_visible=scroll_visible)
        return self

    # -- actions and events ----------------------------------------------------------

    def on__row_table_sort_requested(self, event: _RowTable.SortRequested) -> None:
        event.stop()
        self.sort_by_column()

    def action_toggle_mark(self) -> None:
        self.toggle_mark()

    def on__row_table_column_step(self, event: _RowTable.ColumnStep) -> None:
        event.stop()
        self.step_column(event.delta)

    def on_row_view_cursor_moved(self, event: RowView.CursorMoved) -> None:
        event.stop()
        self._announce()

    # -- internals -------------------------------------------------------------------

    @property
    def _table(self) -> RowView:
        return self.query_one(_RowTable)

    def _announce(self) -> None:
        record = self.cursor_record
        key = record.key if record else None
        if key != self._announced:
            self._announced = key
            self.post_message(self.Highlighted(self, record))

    def _ordered(self) -> tuple[Record, ...]:
        query = self._query
        records = self._matching(query) if query else list(self._records)
        if self._only is not None:
            records = [record for record in records if record.key in self._only[1]]
        if self._sort is not None:
            index, reverse = self._sort
            records = sort_records(records, self._columns[index], reverse)
        return tuple(records)

    def _rebuild(self) -> None:
        """Filter, restrict and sort again; the cursor stays on its record if still shown."""
        current = self.cursor_record
        row_before = self._table.cursor
        self._visible = self._ordered()
        self._positions = None
        self._set_columns()
        if current is not None and (row := self._position(current.key)) is not None:
            cursor = row
        else:
            cursor = min(max(row_before, 0), max(len(self._visible) - 1, 0))
        self._table.set_rows(len(self._visible), self._cells_at, cursor)
        self._update_status()
        self._announce()

    def _matching(self, query: Query) -> list[Record]:
        """The records ``query`` matches; one letter more than last time searches last's only."""
        searched: Sequence[Record] = self._records
        if self._matched is not None and query.narrows(self._matched[0]):
            searched = self._matched[1]
        records = query.filter(searched)
        self._matched = (query, records)
        return records

    def _position(self, key: str) -> int | None:
        """Where the record with ``key`` is shown, if it is (a dict built on first need)."""
        if self._positions is None:
            self._positions = {record.key: row for row, record in enumerate(self._visible)}
        return self._positions.get(key)

    def _cells_at(self, row: int) -> list[Text]:
        return self._row_cells(self._visible[row])

    def _set_columns(self) -> None:
        self._widths = self._fit_widths()
        labels = [Text(MARK), *(self._label(column) for column in self._columns)]
        self._table.set_columns(labels, [1, *self._widths])

    def _label(self, column: Column) -> Text:
        arrow = "  "
        if self._sort is not None and self._columns[self._sort[0]] is column:
            arrow = " ▼" if self._sort[1] else " ▲"
        label = Text(safe_line(column.heading), style="italic" if column.derived else "")
        if self._columns.index(column) == self._column:
            label.stylize("bold underline")
        return label.append(arrow)

    def _relabel(self) -> None:
        self._table.refresh_header([Text(MARK), *(self._label(c) for c in self._columns)])

    def _fit_widths(self) -> list[int]:
        if self._natural is None:
            self._natural = natural_widths(self._columns, self._records)
        return fit_widths(self._columns, self._natural, self.size.width or 120)

    def on_resize(self) -> None:
        if self._fit_widths() != self._widths:
            self._set_columns()

    def _row_cells(self, record: Record) -> list[Text]:
        terms = self._query.highlights if self._query else []
        match = self.get_component_rich_style("evidence-table--match", partial=True)
        marked = record.key in self._marked
        cells = [Text(MARK if marked else " ")]
        for column in self._columns:
            cells.append(cell_text(column.text(record), terms, match))
        if marked:
            style = self.get_component_rich_style("evidence-table--marked", partial=True)
            for cell in cells:
                cell.stylize(style)
        return cells

    def _update_status(self) -> None:
        parts = [f"{len(self._visible)}/{self.total} rows"]
        if self._only is not None:
            where = f"{self.agents_key} Agents" if self.agents_key else "Agents"
            parts.append(f"only rows using {safe_line(self._only[0])} ({where}, ⌫ there: all)")
        if self._mark_summary:
            parts.append(f"{MARK} {self._mark_summary}")
        elif self._marked:
            parts.append(f"{MARK} {len(self._marked)} marked")
        parts.append(f"column: {safe_line(self._columns[self._column].heading)} (←/→)")
        if self.sort_state is not None:
            heading, reverse = self.sort_state
            parts.append(f"sorted by {safe_line(heading)} {'▼' if reverse else '▲'}")
        self.query_one(".status", Static).update(Text("  ·  ".join(parts)))
