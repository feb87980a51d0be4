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

VERBATIM = (
    "Verbatim: every table title, column heading, cell and footnote, and the figure legend, "
    "exactly as printed (typos, an unclosed parenthesis and odd headings included)."
)
DERIVED_KINDS: tuple[tuple[str, str], ...] = (
    ("Ref and n", 'the bracketed reference and "(n = N)" read from the cells; NCT ID addresses'),
    (
        "Outcome metrics",
        'parsed from the outcome cells, with their bars; CR/CRi 42% from "ORR 42%, all '
        'CR/CRi" is marked derived; grouped into families (CR-type, ORR, MRD-negative, OS, '
        "PFS, other) for the Compare chart and the outcomes matrix",
    ),
    (
        "Counts with exact 95% intervals",
        "Clopper-Pearson, assuming the denominator is n, given only for a proportion of the "
        "whole n whose count reproduces the printed figure; every other figure says why it "
        "has none (no whole count of n gives it; MRD or another subgroup; a time-to-event "
        "estimate such as OS or PFS; n not stated; a duration or a count)",
    ),
    (
        "The outcomes matrix",
        "on the Outcomes tab and from `ven-tui matrix`, those figures, counts and reasons by "
        "study and outcome family",
    ),
    (
        "Abbreviations and glossary",
        "the abbreviations found in each row; expansions the source does not give ('not in "
        "source'), those 'assembled from source definitions' (BCL-XL, ETP-ALL, T-LBL), and "
        "ven-tui's term notes (MRD's current name, HSCT / allo-HCT, AML's older name)",
    ),
    (
        "Population facets",
        "ph:, lineage:, setting: and age: values read from the cells by ven-tui's rules, each "
        "with the words that set it",
    ),
    (
        "Agents",
        "the agents named in, or expanded from, each row's regimen text; the drug classes (and "
        "class: in queries); the CALGB 10403 components (a ven-tui expansion of a protocol the "
        "source does not define); the supportive role of azoles; the agent notes; the rows "
        "whose regimen text names no venetoclax",
    ),
    (
        "Editorial notes",
        "explain quirks of the printed rows; they are ven-tui's, not the authors'",
    ),
)
"""Every kind of value ven-tui derives, for the About tab (none of it is the review's)."""


def provenance_text() -> Text:
    """What is verbatim, then every kind of derived value, one bullet each."""
    out = Text(VERBATIM + "\n", end="")
    out.append("Derived by ven-tui, not the review's:\n", style="bold")
    for kind, what in DERIVED_KINDS:
        out.append("\u2022 ")
        out.append(kind, style="bold")
        out.append(f": {what}.\n")
    out.rstrip()
    return out


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
    out.append_text(provenance_text())
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
