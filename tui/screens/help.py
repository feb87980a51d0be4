"""The help screen: every key, from the same bindings the app runs on."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from tui.screens.keys import KeySection

CLIPBOARD_NOTE = (
    'Filter syntax: words, "a phrase", -exclude, column:word (pop:aya), '
    "metric comparisons (cr>=60, orr>50, os<12, n>=10). All terms must match."
)


def render_help(sections: Sequence[KeySection]) -> Table:
    """A two-column table of keys and what they do, one block per section."""
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True, style="bold")
    table.add_column()
    for index, (title, keys) in enumerate(sections):
        if index:
            table.add_row("", "")
        table.add_row(Text(title, style="bold underline"), "")
        for key in keys:
            table.add_row(Text(key.keys), Text(key.description))
    table.add_row("", "")
    table.add_row(Text("Filter", style="bold underline"), "")
    table.add_row("", Text(CLIPBOARD_NOTE))
    return table


class HelpScreen(ModalScreen[None]):
    """A modal list of keys; Escape, q or ? closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close help"),
        Binding("down,j", "scroll('down')", "Scroll", show=False),
        Binding("up,k", "scroll('up')", "Scroll", show=False),
    ]

    def __init__(self, sections: Sequence[KeySection]) -> None:
        super().__init__()
        self.sections = list(sections)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "ven-tui keys"
            yield Static(render_help(self.sections), id="help-text")
        yield Footer()

    def action_scroll(self, direction: str) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        if direction == "down":
            body.scroll_down(animate=False)
        else:
            body.scroll_up(animate=False)
