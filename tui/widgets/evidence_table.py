"""One source table, drawn from the ``TableView`` the screen pushes; it keeps no state of its own.

Which rows show, in what order, which are marked and which one the cursor is on all come
from the browser's state model (``tui.domain.browser_state``). The widget draws them and
says where the cursor went (``Highlighted``); space and ``s`` run the screen's actions. The
column chosen with ``←/→`` is the one piece of presentation it keeps, since nothing else
shows it.

The rows are drawn by ``RowView``, a virtualised table, so 10,000 rows cost no more to show
than 30.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message

from tui.domain import Record, SourceTable
from tui.domain.browser_state import TableView
from tui.domain.sanitize import safe_line
from tui.domain.table_columns import Column, columns_for, fit_widths, natural_widths
from tui.widgets.highlight import cell_text
from tui.widgets.row_view import RowView
from tui.widgets.status_line import StatusLine

MARK = "●"


class _RowTable(RowView):
    """The rows, whose left/right choose a column (for sorting) instead of scrolling.

    ``s`` and space run the screen's actions directly ("screen.sort"): a key's binding runs
    when the key reaches the app, in the order typed, so keys arriving together ("l l s",
    "space j space c" in one SSH packet) act on the column and the rows they followed.
    A message would reach the screen after later keys had already run.
    """

    BINDINGS = [
        Binding("left,h", "cursor_left", "Choose the column to the left (for s)", show=False),
        Binding("right,l", "cursor_right", "Choose the column to the right", show=False),
        Binding("s", "screen.sort", "Sort", tooltip="Sort by the chosen column; again to reverse"),
    ]

    def action_cursor_left(self) -> None:
        self._owner.step_column(-1)

    def action_cursor_right(self) -> None:
        self._owner.step_column(1)

    @property
    def _owner(self) -> EvidenceTable:
        """The table these rows belong to (the one place that knows the columns)."""
        owner = self.parent
        assert isinstance(owner, EvidenceTable)
        return owner


class EvidenceTable(Vertical):
    """The rows of one source table, with a status line (counts, marks, sort)."""

    BINDINGS = [
        Binding("space", "screen.toggle_mark", "Mark", tooltip="Mark or unmark the row"),
    ]
    COMPONENT_CLASSES = {"evidence-table--match", "evidence-table--marked"}

    @dataclass
    class Highlighted(Message):
        """The cursor is on another record (``key`` None when no row is visible)."""

        table: EvidenceTable
        key: str | None

        @property
        def control(self) -> EvidenceTable:
            return self.table

    def __init__(
        self,
        source: SourceTable,
        records: Sequence[Record],
        *,
        id: str | None = None,  # noqa: A002
    ) -> None:
        super().__init__(id=id)
        self.source = source
        self._records = tuple(records)
        self._columns = tuple(columns_for(source.columns, self._records))
        self._view = TableView(
            source.id,
            self._columns,
            self._records,
            len(self._records),
            cursor_key=None,
            cursor_row=0,
            marks=frozenset(),
            sort=None,
            terms=(),
            restriction="",
            mark_summary="",
        )
        self._positions: dict[str, int] | None = None
        self._column = 0
        self._natural: list[int] | None = None

    def compose(self) -> ComposeResult:
        yield _RowTable()
        yield StatusLine(classes="status")

    def on_mount(self) -> None:
        self._set_columns()
        self._set_rows(self._view.cursor_row)
        self._update_status()

    @classmethod
    def table_bindings(cls) -> list[Binding]:
        """Every key this widget and its rows answer to, for the help screen."""
        return [b for b in (*_RowTable.BINDINGS, *cls.BINDINGS) if isinstance(b, Binding)]

    # -- what the screen pushes --------------------------------------------------------

    def show_view(self, view: TableView) -> None:
        """Draw ``view``; only what differs from the last one is drawn again."""
        old, self._view = self._view, view
        # By identity: a new registry cache gives new (equal-looking) status columns.
        columns_changed = view.columns is not old.columns
        if view.columns is not self._columns:
            self._columns, self._natural = view.columns, None
            self._column = min(self._column, len(self._columns) - 1)
        if old.rows is not view.rows:
            self._positions = None
        if not self.is_mounted:
            return
        if old.sort != view.sort or columns_changed:
            self._set_columns()
        rows_changed = old.rows is not view.rows or old.terms != view.terms
        if columns_changed or rows_changed:
            self._set_rows(view.cursor_row)
        else:
            if old.marks != view.marks:
                self._refresh_marks(old.marks ^ view.marks)
            if view.cursor_key != self._key_at_cursor():
                self._table.move_cursor(view.cursor_row)
        if old.rows is not view.rows or (
            old.total,
            old.restriction,
            old.mark_summary,
            old.sort,
        ) != (view.total, view.restriction, view.mark_summary, view.sort):
            self._update_status()

    # -- what it shows ---------------------------------------------------------------

    @property
    def total(self) -> int:
        """How many records the table holds, filtered or not."""
        return self._view.total

    @property
    def visible_records(self) -> tuple[Record, ...]:
        """The records shown, in display order."""
        return self._view.rows

    @property
    def cursor_record(self) -> Record | None:
        """The record under the cursor, or ``None`` when nothing is visible."""
        rows = self._view.rows
        row = self._table.cursor if self.is_mounted else self._view.cursor_row
        return rows[row] if 0 <= row < len(rows) else None

    @property
    def marked_keys(self) -> list[str]:
        """Keys of this table's marked records, in source order (marks survive filtering)."""
        return [record.key for record in self.marked_records]

    @property
    def marked_records(self) -> list[Record]:
        """This table's marked records, in source order."""
        return [record for record in self._records if record.key in self._view.marks]

    @property
    def sort_state(self) -> tuple[str, bool] | None:
        """The heading sorted by and whether reversed, or ``None`` for source order."""
        return self._view.sort

    @property
    def cursor_key(self) -> str | None:
        """The key of the record under the cursor now (the screen may not have heard yet)."""
        return self._key_at_cursor()

    @property
    def chosen_heading(self) -> str:
        """The heading of the column chosen with ←/→ (what ``s`` sorts by)."""
        return self._columns[self._column].heading

    def move_to(self, key: str) -> bool:
        """Put the cursor on the record with ``key``, as the user would; False if not shown."""
        row = self._position(key)
        if row is None:
            return False
        self._table.move_cursor(row)
        return True

    def step_column(self, delta: int) -> None:
        """Choose the column ``delta`` places left or right, for sorting."""
        self._column = max(0, min(len(self._columns) - 1, self._column + delta))
        self._relabel()
        self._update_status()
        self._table.scroll_to_column(self._column + 1)  # after the mark column

    def focus(self, scroll_visible: bool = True) -> EvidenceTable:
        """Focus the rows now (the container itself takes no focus)."""
        self.screen.set_focus(self._table, scroll_visible=scroll_visible)
        return self

    # -- actions and events ----------------------------------------------------------

    def on_row_view_cursor_moved(self, event: RowView.CursorMoved) -> None:
        event.stop()
        key = self._key_at_cursor()
        if key != self._view.cursor_key:
            self.post_message(self.Highlighted(self, key))

    # -- internals -------------------------------------------------------------------

    @property
    def _table(self) -> RowView:
        return self.query_one(_RowTable)

    def _key_at_cursor(self) -> str | None:
        record = self.cursor_record
        return record.key if record is not None else None

    def _position(self, key: str) -> int | None:
        """Where the record with ``key`` is shown, if it is: for marks and ``move_to`` (the
        cursor's row comes with the view). A dict built on first need."""
        if self._positions is None:
            self._positions = {record.key: row for row, record in enumerate(self._view.rows)}
        return self._positions.get(key)

    def _refresh_marks(self, keys: frozenset[str]) -> None:
        """Only marks changed: draw again the rows of these keys, not every row."""
        for key in keys:
            if (row := self._position(key)) is not None:
                self._table.refresh_row(row)

    def _set_rows(self, cursor: int) -> None:
        self._table.set_rows(len(self._view.rows), self._cells_at, cursor)

    def _cells_at(self, row: int) -> list[Text]:
        return self._row_cells(self._view.rows[row])

    def _set_columns(self) -> None:
        labels = [Text(MARK), *(self._label(column) for column in self._columns)]
        self._table.set_columns(labels, self._widths_for)

    def _label(self, column: Column) -> Text:
        arrow = "  "
        sort = self._view.sort
        if sort is not None and column.heading == sort[0]:
            arrow = " ▼" if sort[1] else " ▲"
        label = Text(safe_line(column.heading), style="italic" if column.derived else "")
        if self._columns.index(column) == self._column:
            label.stylize("bold underline")
        return label.append(arrow)

    def _relabel(self) -> None:
        self._table.refresh_header([Text(MARK), *(self._label(c) for c in self._columns)])

    def _widths_for(self, width: int) -> list[int]:
        """The mark column's, then each column's, fitted to the rows' ``width``."""
        if self._natural is None:
            self._natural = natural_widths(self._columns, self._records)
        return [1, *fit_widths(self._columns, self._natural, width)]

    def _row_cells(self, record: Record) -> list[Text]:
        terms = list(self._view.terms)
        match = self.get_component_rich_style("evidence-table--match", partial=True)
        marked = record.key in self._view.marks
        cells = [Text(MARK if marked else " ")]
        for column in self._columns:
            cells.append(cell_text(column.text(record), terms, match))
        if marked:
            style = self.get_component_rich_style("evidence-table--marked", partial=True)
            for cell in cells:
                cell.stylize(style)
        return cells

    def _update_status(self) -> None:
        view = self._view
        parts = [f"{len(view.rows)}/{view.total} rows"]
        if view.restriction:
            parts.append(safe_line(view.restriction))
        if view.mark_summary:
            parts.append(f"{MARK} {safe_line(view.mark_summary)}")
        parts.append(f"column: {safe_line(self.chosen_heading)} (←/→)")
        if view.sort is not None:
            heading, reverse = view.sort
            parts.append(f"sorted by {safe_line(heading)} {'▼' if reverse else '▲'}")
        self.query_one(".status", StatusLine).show(Text("  ·  ".join(parts), no_wrap=True))
