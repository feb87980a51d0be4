"""The detail pane's "Population facets (derived)" section: each value and what set it.

A pure function, not a widget: the detail pane appends its text. Every string from data
goes through the sanitiser; the section says plainly that the values are ven-tui's.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from tui.domain import Record
from tui.domain.facets import FACET_KEYS, FACET_TITLES, row_facets, value_label
from tui.domain.sanitize import safe_line

SECTION = Style(bold=True, underline=True)
WARNING = Style(bold=True, color="yellow")
HEADING = "Population facets (derived)"


def render_facets(record: Record, *, with_classes: bool = True) -> Text:
    """Each facet of ``record``: its values with the words and cell that set them, or
    "not stated"; then every contradiction between cells, reported and not resolved.

    ``with_classes`` False leaves out the drug classes (the regimen's, not the population's;
    the Agents tab lists them), so the detail pane's first frame needs no agent index.
    """
    facets = row_facets(record)
    out = Text(end="")
    out.append(HEADING, style=SECTION)
    out.append("\n")
    out.append("Derived by ven-tui from the row's cells; not printed as such in the review.\n")
    for key in FACET_KEYS:
        if key == "class" and not with_classes:
            continue
        # Plain lines (one style change each is as dear as a short line's text over SSH):
        # the heading and the line under it say that all of this is ven-tui's.
        out.append(f"{FACET_TITLES[key]}: ")
        values = facets.get(key)
        if not values:
            out.append("not stated\n")
            continue
        for number, found in enumerate(values):
            if number:
                out.append("; ")
            out.append(found.term)
            out.append(f" ({value_label(key, found.value)})")
            out.append(" from ")
            out.append(", ".join(_evidence(e.words, e.cell, e.via) for e in found.evidence))
        out.append("\n")
    for conflict in facets.conflicts:
        out.append("Contradiction: ", style=WARNING)
        out.append(safe_line(conflict.describe()))
        out.append("\n")
    out.rstrip()
    return out


def _evidence(words: str, cell: str, via: str | None) -> str:
    said = f'"{safe_line(words)}" in {safe_line(cell)}'
    return f"{said} (-> {safe_line(via)})" if via else said
