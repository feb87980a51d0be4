"""The help screen: every key, from the same bindings the app runs on."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.screens.keys import KeySection
from tui.widgets.key_bar import KeyBar

COPY_NOTE = (
    "c, C and u copy through the terminal (OSC 52), which works over SSH too. Every copy is "
    "shown in a notification, so you can read the IDs if your terminal drops it. In tmux, add "
    "`set -g set-clipboard on` to ~/.tmux.conf. GNU screen drops it; mosh passes it from "
    "version 1.4 (both ends) but may cut long copies; macOS Terminal.app does not support it."
)
LISTING_NOTE = (
    "x: when the highlighted trial's NCT ID is also listed in another table (in the review, "
    "three trials are in both Phase I and Phase II), the detail pane shows both entries side "
    "by side and x goes to the other entry; x again comes back. If the filter or the agent "
    "chosen on the Agents tab hides the other entry, x lifts it and says so: press / to "
    "filter again."
)
FILTER_NOTE = (
    'Filter syntax: words, "a phrase", -exclude, column:word (pop:aya), '
    "metric comparisons (cr>=60, orr>50, os<12, n>=10), facets (ph:pos, lineage:t, "
    "setting:nd, age:aya), a OR b, (parentheses). Terms side by side must all match. "
    "ven-tui help query (on the command line) has the whole reference."
)


def render_help(sections: Sequence[KeySection]) -> Group:
    """Per section: a title line, then a two-column grid of keys and what they do."""
    width = max((len(key.keys) for _, keys in sections for key in keys), default=4)
    parts: list[Text | Table] = []
    for title, keys in sections:
        parts.append(Text(title, style="bold underline"))
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True, style="bold", min_width=width)
        grid.add_column()
        for key in keys:
            grid.add_row(Text(key.keys), Text(key.description))
        parts += [grid, Text()]
    parts += [Text("Filter", style="bold underline"), Text(FILTER_NOTE), Text()]
    parts += [Text("Same trial in two tables", style="bold underline"), Text(LISTING_NOTE), Text()]
    parts += [Text("Copying", style="bold underline"), Text(COPY_NOTE)]
    return Group(*parts)


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
        yield KeyBar()

    def action_scroll(self, direction: str) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        if direction == "down":
            body.scroll_down(animate=False)
        else:
            body.scroll_up(animate=False)
