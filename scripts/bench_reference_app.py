"""The benchmark's reference: a bare Textual app, one DataTable of a dataset's rows, nothing else.

ven-tui's timings are reported as ratios to this app, measured in the same run and the same
terminal, so a busy machine slows both alike. It shows the same rows ven-tui shows (every
table, one after another, under the union of their headings), read with plain ``json`` so
the reference pays no validation or derivation cost.

    python scripts/bench_reference_app.py [--data FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import DataTable

SHIPPED = Path(__file__).resolve().parent.parent / "data" / "review.json"


def table_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    """Headings (union, first appearance first) and every row's cells under them."""
    dataset = json.loads(path.read_text(encoding="utf-8"))
    columns: dict[str, None] = {}
    for table in dataset["tables"]:
        columns.update(dict.fromkeys(table["columns"]))
    rows = [
        [row["cells"].get(heading, "") for heading in columns]
        for table in dataset["tables"]
        for row in table["rows"]
    ]
    return list(columns), rows


class ReferenceApp(App[None]):
    """One row-cursor DataTable; ``q`` quits."""

    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, columns: list[str], rows: list[list[str]]) -> None:
        super().__init__()
        self.columns = columns
        self.rows = rows

    def compose(self) -> ComposeResult:
        yield DataTable(cursor_type="row")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(*self.columns)
        table.add_rows(self.rows)
        table.focus()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=SHIPPED, help="dataset file to show")
    args = parser.parse_args(argv)
    columns, rows = table_rows(args.data)
    ReferenceApp(columns, rows).run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
