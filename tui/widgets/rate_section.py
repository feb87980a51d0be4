"""Rates with their uncertainty: the detail pane's section and the chart's whisker bars.

The words come from ``tui.domain.rate_text`` (a count and exact 95% interval only where
defensible, else the reason); this module draws them with a bar and, where an interval
stands, its whisker.
"""

from __future__ import annotations

import math

from rich.style import Style
from rich.text import Text

from tui.domain import Record
from tui.domain.rate_text import SECTION_NOTE, SECTION_TITLE, cell_of, describe_judgement
from tui.domain.stats import rate_judgements

__all__ = ["cell_of", "rate_lines", "render_rate_section", "whisker_bar"]

BAR_WIDTH = 20
FULL, TRACK = "█", "░"
WHISKER_LOW, WHISKER_HIGH, WHISKER, WHISKER_ONE = "├", "┤", "─", "┼"

SECTION = Style(bold=True, underline=True)
WHISKER_STYLE = Style(bold=True)


def whisker_bar(
    value: float,
    width: int = BAR_WIDTH,
    *,
    scale_max: float = 100.0,
    ci: tuple[float, float] | None = None,
    track: str = TRACK,
    bar_style: Style | str = "",
    whisker_style: Style | str = WHISKER_STYLE,
) -> Text:
    """A bar of ``value`` on 0..scale_max, with ├──┤ over the cells the interval spans.

    The whisker's ends replace the bar or track cell they fall in; between them the track
    shows ``─`` while the bar keeps its blocks, so both the estimate and its interval read.
    """
    width = max(0, width)
    fraction = value / scale_max if scale_max > 0 and math.isfinite(value) else 0.0
    filled = round(max(0.0, min(fraction, 1.0)) * width)
    low = high = -1
    if ci is not None:
        low, high = (cell_of(bound, width, scale_max) for bound in ci)
    out = Text(no_wrap=True, end="")
    for cell in range(width):
        if ci is not None and low == high == cell:
            out.append(WHISKER_ONE, style=whisker_style)
        elif cell == low:
            out.append(WHISKER_LOW, style=whisker_style)
        elif cell == high:
            out.append(WHISKER_HIGH, style=whisker_style)
        elif cell < filled:
            out.append(FULL, style=bar_style)
        elif low < cell < high:
            out.append(WHISKER, style=whisker_style)
        else:
            out.append(track)
    return out


def rate_lines(record: Record, bar_width: int = BAR_WIDTH) -> list[Text]:
    """One line per percentage metric: bar, whisker only where defensible, then the text."""
    lines = []
    for judgement in rate_judgements(record):
        ci = judgement.estimate.ci95_percent if judgement.estimate is not None else None
        # Plain: the whisker's own characters mark it; a style would be two more changes.
        line = whisker_bar(judgement.metric.value, bar_width, ci=ci, whisker_style="")
        line.append(" ")
        line.append(describe_judgement(judgement))
        lines.append(line)
    return lines


def render_rate_section(record: Record, bar_width: int = BAR_WIDTH) -> Text:
    """The detail pane's "Uncertainty" section; empty when no metric is a percentage."""
    lines = rate_lines(record, bar_width)
    out = Text(end="")
    if not lines:
        return out
    out.append(f"{SECTION_TITLE}  {SECTION_NOTE}", style=SECTION)  # one style: see detail_pane
    out.append("\n")
    for line in lines:
        out.append_text(line)
        out.append("\n")
    out.rstrip()
    return out
