"""The outcomes matrix: a block per study when narrow, the whole grid when wide.

Below ``WIDE`` columns each published study is a block (reference, regimen, n) with one
line per outcome family it reports, wrapped under its own indent, so 80x24 reads by
scrolling. From ``WIDE`` columns on, the matrix is shown in full as a grid, one row per
study and one column per family, with each cell's reason for a missing interval shortened
and spelt out in a legend below. The rows come from ``tui.domain.outcomes``; the screen
passes them down.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from rich.style import Style
from rich.text import Text
from textual.binding import Binding

from tui.domain.outcomes import FAMILIES, NOTE, SHORT_INTERVAL_KEY, OutcomeRow
from tui.domain.outcomes_grid import MUTED as MUTED_RUN
from tui.domain.outcomes_grid import TITLE as TITLE_RUN
from tui.domain.outcomes_grid import layout_grid
from tui.domain.sanitize import safe_line
from tui.widgets.line_pane import LinePane

WIDE = 140
TITLE = Style(bold=True)
STUDY = Style(bold=True, underline=True)
MUTED = Style(italic=True)
FAMILY_WIDTH = max(len(family) for family in FAMILIES) + 1
INDENT = 2 + FAMILY_WIDTH + 2


def _heading(rows: Sequence[OutcomeRow], width: int, grid: bool) -> Text:
    out = Text(end="")
    layout = "grid" if grid else f"blocks ({WIDE}+ columns: grid)"
    title = f"Outcomes matrix  ·  {len(rows)} published studies  ·  {layout}"
    out.append("\n".join(textwrap.wrap(title, max(width, 20))) + "\n", style=TITLE)
    note = textwrap.wrap(NOTE, max(width, 20), break_on_hyphens=False)
    out.append("\n".join(note) + "\n", style=MUTED)
    return out


def _wrapped(text: str, width: int, indent: int) -> str:
    """``text`` wrapped to ``width`` with every line after the first under ``indent``."""
    lines = textwrap.wrap(text, max(width - indent, 20), break_on_hyphens=False)
    return ("\n" + " " * indent).join(lines)


def render_blocks(rows: Sequence[OutcomeRow], width: int = 80) -> Text:
    """The matrix as blocks: title, the derived-values note, then a block per study."""
    out = _heading(rows, width, grid=False)
    for row in rows:
        out.append("\n")
        n = f"n = {row.n}" if row.n is not None else "n not stated"
        out.append(safe_line(f"{row.study} {row.regimen}"), style=STUDY)
        out.append(f"  ({n})\n")
        shown = [family for family in FAMILIES if row.cells.get(family)]
        if not shown:
            out.append("  no outcome figure parsed\n", style=MUTED)
        for family in shown:
            for index, cell in enumerate(row.cells[family]):
                label = family if index == 0 else ""
                out.append(f"  {label:<{FAMILY_WIDTH}}  ", style=TITLE)
                out.append(_wrapped(cell.text(), width, INDENT) + "\n")
    out.rstrip()
    return out


def render_grid(rows: Sequence[OutcomeRow], width: int = WIDE) -> Text:
    """The whole matrix as a grid ``width`` cells wide, with a legend of the reasons."""
    out = _heading(rows, width, grid=True)
    out.append("\n")
    grid = layout_grid(rows, width)
    styles = {TITLE_RUN: TITLE, MUTED_RUN: MUTED}
    for line in grid.lines:
        for text, kind in line:
            out.append(text, styles.get(kind, ""))
        out.append("\n")
    if grid.prefix_dropped:
        out.append('\nRegimens leave out the leading "Venetoclax +" they share.', style=MUTED)
    out.append("\n" + SHORT_INTERVAL_KEY + "\n", style=MUTED)
    if grid.reasons:
        out.append("Why a cell has no interval (ven-tui's own judgement):\n", style=MUTED)
        for short, full in grid.reasons.items():
            out.append(f"  {short}: ", style=TITLE)
            out.append(full + "\n")
    out.rstrip()
    return out


def render_outcomes(rows: Sequence[OutcomeRow], width: int = 80, grid: bool | None = None) -> Text:
    """Blocks below ``WIDE`` columns, the whole grid from there on (or as ``grid`` says)."""
    if grid is None:
        grid = width >= WIDE
    return render_grid(rows, width) if grid else render_blocks(rows, width)


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
        self._drawn_width = 0

    def set_rows(self, rows: Sequence[OutcomeRow]) -> None:
        """Show these rows (for instance the published studies a filter left)."""
        self.rows = tuple(rows)
        self._redraw()

    def on_resize(self) -> None:
        # Before LinePane's own handler, which then finds the lines already at this width.
        if self.text_width > 0 and self.text_width != self._drawn_width:
            self._redraw()

    def _redraw(self) -> None:
        width = self.text_width
        if not self.is_mounted or width <= 0:
            return
        self._drawn_width = width
        # The pane's whole width decides (a 140-column terminal shows the grid), while the
        # text leaves the last column to the scroll marks.
        self.update(render_outcomes(self.rows, width, grid=self.size.width >= WIDE))
