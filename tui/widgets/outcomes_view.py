"""The outcomes matrix as one scrollable page: each published study, its outcomes by family.

A block per study (reference, regimen, n) and one line per outcome family it reports, so
80x24 reads by scrolling and a wide terminal shows every cell whole. The rows come from
``tui.domain.outcomes``; the screen passes them down.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.style import Style
from rich.text import Text
from textual.binding import Binding

from tui.domain.outcomes import FAMILIES, NOTE, OutcomeRow
from tui.domain.sanitize import safe_line
from tui.widgets.line_pane import LinePane

TITLE = Style(bold=True)
STUDY = Style(bold=True, underline=True)
MUTED = Style(italic=True)
FAMILY_WIDTH = max(len(family) for family in FAMILIES) + 1


def render_outcomes(rows: Sequence[OutcomeRow]) -> Text:
    """The matrix as text: title, the derived-values note, then a block per study."""
    out = Text(end="")
    out.append(f"Outcomes matrix  ·  {len(rows)} published studies\n", style=TITLE)
    out.append(NOTE + "\n", style=MUTED)
    for row in rows:
        out.append("\n")
        n = f"n = {row.n}" if row.n is not None else "n not stated"
        out.append(safe_line(f"{row.study} {row.regimen}"), style=STUDY)
        out.append(f"  ({n})\n")
        shown = [family for family in FAMILIES if row.cells.get(family)]
        if not shown:
            out.append("  no outcome figure parsed\n", style=MUTED)
        for family in shown:
            out.append(f"  {family:<{FAMILY_WIDTH}}", style=TITLE)
            out.append(row.cell_text(family) + "\n")
    out.rstrip()
    return out


class OutcomesView(LinePane):
    """One row per published study, one line per outcome family; the screen sets ``rows``."""

    BINDINGS = [
        Binding("j", "scroll_down", "Scroll down", show=False),
        Binding("k", "scroll_up", "Scroll up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
    ]

    def __init__(
        self,
        rows: Sequence[OutcomeRow] = (),
        *,
        id: str | None = None,  # noqa: A002
        classes: str | None = None,
    ) -> None:
        super().__init__(render_outcomes(rows), id=id, classes=classes)
        self.rows: tuple[OutcomeRow, ...] = tuple(rows)

    def set_rows(self, rows: Sequence[OutcomeRow]) -> None:
        """Show these rows (for instance the published studies a filter left)."""
        self.rows = tuple(rows)
        self.update(render_outcomes(self.rows))
