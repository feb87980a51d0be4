"""The Textual application (placeholder until the browser lands)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer, Header

from tui.domain import Evidence


class VenTuiApp(App[list[str]]):
    """Browse the review's tables."""

    TITLE = "ven-tui"
    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, evidence: Evidence) -> None:
        super().__init__()
        self.evidence = evidence

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        source = self.evidence.table("published")
        table.add_columns(*source.columns)
        for record in self.evidence.records["published"]:
            table.add_row(*record.cells.values(), key=record.key)
