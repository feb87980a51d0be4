"""Where the data comes from: the citation, Figure 1's legend, what is verbatim and what not."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.domain import Dataset
from tui.domain.sanitize import safe_line
from tui.widgets.detail_pane import DetailPane
from tui.widgets.highlight import block_text

HEADING = "bold underline"

PROVENANCE = (
    "Verbatim: every table title, column heading, cell and footnote, and the figure legend, "
    "exactly as printed (typos, an unclosed parenthesis and odd headings included).\n"
    "Derived by ven-tui: the Ref and n columns, NCT ID addresses, the outcome metrics and "
    'their bars (CR/CRi from "ORR 42%, all CR/CRi" is marked derived), the abbreviations '
    "found in each row, and the glossary's 'not in source' and 'assembled from source "
    "definitions' expansions. Counts with exact 95% intervals (Clopper-Pearson) are given "
    "only for a proportion of the whole n that reproduces the printed figure; every other "
    "rate says why it has none (no whole count of n gives it; MRD or another subgroup; a "
    "time-to-event estimate; n not stated). The outcomes matrix is built from these. The "
    "Agents tab's drug classes, its CALGB 10403 components (a ven-tui expansion of the "
    "protocol), the supportive role of azoles and the agent notes are ven-tui's own, not "
    "the review's. Editorial notes explain quirks of the printed rows; they are ven-tui's, "
    "not the authors'."
)


def render_about(dataset: Dataset) -> Text:
    """The About/Source text for ``dataset``; data passes through the sanitiser."""
    c = dataset.citation
    out = Text(end="")
    out.append("Source\n", style=HEADING)
    out.append(safe_line(c.title), style="bold")
    out.append("\n")
    out.append(
        safe_line(
            f"{c.journal_abbreviation} {c.year};{c.volume}({c.issue}):{c.pages} "
            f"({c.article_type}, {c.month} {c.year}). {c.journal}, ISSN {c.issn_print} print, "
            f"{c.issn_online} online. {c.access}. {c.site}"
        )
    )
    out.append("\n")
    out.append(safe_line(c.copyright), style="italic")
    out.append("\n\nVerbatim and derived\n", style=HEADING)
    out.append(PROVENANCE)
    out.append("\n\n")
    out.append(safe_line(f"{dataset.figure.label} legend"), style=HEADING)
    out.append("\n")
    out.append_text(block_text(dataset.figure.legend))
    for table in dataset.tables:
        out.append("\n\n")
        out.append(safe_line(f"{table.label}. {table.title}"), style=HEADING)
        out.append("\n")
        out.append_text(block_text(table.footnote))
        if table.note:
            out.append("\nEditorial note: ", style="bold")
            out.append_text(block_text(table.note))
    return out


class AboutView(VerticalScroll):
    """A scrollable page about the source; focus it and use the arrow keys to read on."""

    BINDINGS = DetailPane.BINDINGS

    def __init__(self, dataset: Dataset, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self._dataset = dataset

    def focus(self, scroll_visible: bool = True) -> AboutView:
        """Focus now (not after a refresh), so the next key already scrolls this page."""
        self.screen.set_focus(self, scroll_visible=scroll_visible)
        return self

    def compose(self) -> ComposeResult:
        yield Static(render_about(self._dataset), classes="about-body")
