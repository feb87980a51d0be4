"""The words beside a rate: its derived count and interval, or why it has none (no Rich).

The source prints "CR 60%" without saying it is 3 patients of 5; these lines put the
inferred count and its exact 95% interval beside a percentage where that is defensible (a
proportion of the whole n whose count reproduces the printed figure), and the reason beside
every other one, always labelled as ven-tui's own. The detail pane draws them
(``tui.widgets.rate_section``).
"""

from __future__ import annotations

import math

from tui.domain.export import format_metric
from tui.domain.sanitize import safe_line
from tui.domain.stats import DERIVED_LABEL, RateEstimate, RateJudgement

SECTION_TITLE = "Uncertainty"
SECTION_NOTE = f"({DERIVED_LABEL}; exact Clopper-Pearson 95% CI, given only where defensible)"


def describe_rate(metric_text: str, estimate: RateEstimate) -> str:
    """``CR 60%: 3 of 5, 95% CI 14.7-94.7% (derived by ven-tui, assuming ...)``."""
    return safe_line(f"{metric_text}: {estimate.describe()}")


def describe_judgement(judgement: RateJudgement) -> str:
    """The estimate's text, or ``MRD-neg 100% — No interval: ...`` when it is withheld."""
    text = format_metric(judgement.metric)
    if judgement.estimate is not None:
        return describe_rate(text, judgement.estimate)
    return safe_line(f"{text} \u2014 {judgement.withheld}")


def cell_of(value: float, width: int, scale_max: float) -> int:
    """The cell (0..width-1) a value falls in on a 0..scale_max axis of ``width`` cells.

    Where a bar's whisker ends go, in the detail pane and the chart alike.
    """
    if width <= 0 or not math.isfinite(value) or scale_max <= 0:
        return 0
    return max(0, min(width - 1, int(value / scale_max * width)))
