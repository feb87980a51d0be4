"""Enter on a row: the row in full, over the whole screen, until Escape or Enter.

At 80x24 the detail pane has a few lines under the table; a clinician reading a long
population or outcome cell wants all of it at once. The same ``DetailPane`` draws it, so it
says exactly what the pane says (verbatim cells, expansions, derived metrics, labels).
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen

from tui.domain import Record
from tui.domain.registry import RegistryCache
from tui.widgets.detail_pane import DetailPane
from tui.widgets.key_bar import KeyBar


class RowScreen(ModalScreen[None]):
    """One record, drawn by a full-screen ``DetailPane``."""

    BINDINGS = [
        Binding("escape,enter,q", "dismiss", "Close", tooltip="Back to the table"),
    ]

    def __init__(
        self,
        record: Record,
        also_listed: Sequence[Record],
        table_titles: dict[str, str],
        terms: Sequence[str] = (),
        registry: RegistryCache | None = None,
    ) -> None:
        super().__init__()
        self.registry = registry
        self.record = record
        self.also_listed = list(also_listed)
        self.table_titles = table_titles
        self.terms = list(terms)

    def compose(self) -> ComposeResult:
        with Vertical(id="row-body"):
            yield DetailPane(self.table_titles, registry=self.registry, id="row-detail")
        yield KeyBar()

    def on_mount(self) -> None:
        pane = self.query_one(DetailPane)
        pane.show(self.record, self.also_listed, self.terms)
        pane.focus()
