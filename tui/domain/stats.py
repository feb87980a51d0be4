"""Exact (Clopper-Pearson) intervals for the response rates the source prints without them.

Pure Python on purpose: the regularized incomplete beta function is evaluated with its
continued fraction (modified Lentz, as in Numerical Recipes section 6.4) and inverted by
bisection, so ven-tui needs no SciPy.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from tui.domain.metrics import Metric
from tui.domain.records import Record

_EPSILON = 1e-15
_TINY = 1e-300
_MAX_TERMS = 100_000
MAX_N = 10**9
"""Largest n the interval is computed for: beyond it double precision cannot resolve the bounds."""
_MAX_STEPS = 1_200  # enough to bisect down to the smallest double

DERIVED_LABEL = "derived by ven-tui, assuming the denominator is n"
"""How every derived count and interval is labelled: the review prints neither."""


def regularized_beta(x: float, a: float, b: float) -> float:
    """I_x(a, b): the beta distribution's CDF, which binomial tail probabilities reduce to."""
    if not (a > 0 and b > 0):
        raise ValueError(f"beta parameters must be positive, got a={a}, b={b}")
    if math.isnan(x):
        raise ValueError("x must be a number, got nan")
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = (
        a * math.log(x)
        + b * math.log1p(-x)
        - (math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b))
    )
    # The continued fraction converges fast only below the mean-ish point; above it use
    # the symmetry I_x(a, b) = 1 - I_{1-x}(b, a).
    if x < (a + 1.0) / (a + b + 2.0):
        return math.exp(log_front) * _beta_continued_fraction(x, a, b) / a
    return 1.0 - math.exp(log_front) * _beta_continued_fraction(1.0 - x, b, a) / b


def _beta_continued_fraction(x: float, a: float, b: float) -> float:
    """The continued fraction of I_x(a, b), evaluated by the modified Lentz method."""
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c = 1.0
    d = _not_tiny(1.0 - qab * x / qap)
    d = 1.0 / d
    h = d
    for m in range(1, _MAX_TERMS + 1):
        m2 = 2 * m
        # Even step of the recurrence.
        term = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 / _not_tiny(1.0 + term * d)
        c = _not_tiny(1.0 + term / c)
        h *= d * c
        # Odd step.
        term = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 / _not_tiny(1.0 + term * d)
        c = _not_tiny(1.0 + term / c)
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < _EPSILON:
            return h
    raise ArithmeticError(f"incomplete beta did not converge for x={x}, a={a}, b={b}")


def _not_tiny(value: float) -> float:
    return value if abs(value) >= _TINY else _TINY


def beta_quantile(p: float, a: float, b: float) -> float:
    """The x with I_x(a, b) = p: Newton steps, kept inside a shrinking bracket.

    I_x is increasing in x, so every evaluation narrows the bracket [low, high]; a Newton
    step (the derivative is the beta density) that would leave it is replaced by the
    bracket's midpoint, so the search converges like bisection at worst.
    """
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"p must lie in [0, 1], got {p}")
    if p == 0.0:
        return 0.0
    if p == 1.0:
        return 1.0
    log_beta = math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)
    low, high = 0.0, 1.0
    x = a / (a + b)
    for _ in range(_MAX_STEPS):
        error = regularized_beta(x, a, b) - p
        if error == 0.0:
            return x
        if error < 0.0:
            low = x
        else:
            high = x
        density = math.exp((a - 1.0) * math.log(x) + (b - 1.0) * math.log1p(-x) - log_beta)
        candidate = x - error / density if density > 0.0 else math.nan
        if not low < candidate < high:
            candidate = (low + high) / 2.0
            if candidate in (low, high):
                return candidate
        if abs(candidate - x) <= _EPSILON * candidate:
            return candidate
        x = candidate
    return x


# Cached: exports and the detail pane ask for the same few (k, n) over and over. typed=True
# keeps True apart from 1, so a bool is refused even after clopper_pearson(1, n).
@lru_cache(maxsize=4096, typed=True)
def clopper_pearson(k: int, n: int, confidence: float = 0.95) -> tuple[float, float]:
    """Exact two-sided interval for a binomial proportion k/n, as proportions in [0, 1].

    The lower bound is the alpha/2 quantile of Beta(k, n - k + 1) and the upper the
    1 - alpha/2 quantile of Beta(k + 1, n - k); by convention the lower bound is exactly 0
    when k = 0 and the upper bound exactly 1 when k = n.
    """
    if any(isinstance(v, bool) or not isinstance(v, int) for v in (k, n)):
        raise TypeError(f"k and n must be integers, got k={k!r}, n={n!r}")
    if not 1 <= n <= MAX_N:
        raise ValueError(f"n must lie in 1..{MAX_N}, got {n}")
    if not 0 <= k <= n:
        raise ValueError(f"k must lie in 0..n (n={n}), got {k}")
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must lie strictly between 0 and 1, got {confidence}")
    tail = (1.0 - confidence) / 2.0
    lower = 0.0 if k == 0 else beta_quantile(tail, k, n - k + 1)
    upper = 1.0 if k == n else beta_quantile(1.0 - tail, k + 1, n - k)
    return lower, upper


def round_half_up(value: float | Fraction, digits: int = 0) -> float:
    """Round with halves away from zero for non-negative values (Python's round() is banker's)."""
    scale = 10**digits
    return float(math.floor(Fraction(value) * scale + Fraction(1, 2)) / scale)


@dataclass(frozen=True, slots=True)
class RateEstimate:
    """The count a printed percentage implies for a stated n, and its exact 95% interval."""

    count: int
    n: int
    ci95_percent: tuple[float, float]
    fits_printed: bool
    """False when no k of n reproduces the printed percentage: the denominator was likely not n
    (for instance MRD negativity among responders only)."""

    def describe(self) -> str:
        """One line for the detail pane, labelled as derived; no interval when n cannot fit.

        The source prints only the percentage: the count is what that percentage of n
        implies, so the line says it holds only if n is the denominator.
        """
        if not self.fits_printed:
            return WITHHELD_NO_FIT.format(n=self.n)
        low, high = self.ci95_percent
        return f"{self.count} of {self.n}, 95% CI {low:g}-{high:g}% ({DERIVED_LABEL})"


def estimate_rate(metric: Metric, n: int | None) -> RateEstimate | None:
    """k and the Clopper-Pearson 95% CI of a percentage metric, assuming its denominator is n.

    k is the printed percentage of n rounded half up (37.5% of 8 is 3, 62.5% of 4 is 3),
    computed on the decimal value as printed so binary floating point cannot tip a half.
    None when n is missing or outside 1..MAX_N, the unit is not %, or the value lies outside
    0..100. The arithmetic only: it does not judge whether an interval is defensible (a
    subgroup, a time-to-event figure, a count that does not fit); every output path asks
    ``assess_rate``, which does.
    """
    if n is None or isinstance(n, bool) or not 1 <= n <= MAX_N or metric.unit != "%":
        return None
    value = metric.value
    if not math.isfinite(value) or not 0.0 <= value <= 100.0:
        return None
    printed = Fraction(repr(float(value)))
    count = math.floor(printed * n / 100 + Fraction(1, 2))
    low, high = clopper_pearson(count, n)
    ci = (round_half_up(low * 100, 1), round_half_up(high * 100, 1))
    return RateEstimate(count, n, ci, _fits_printed(count, n, value))


def _fits_printed(count: int, n: int, value: float) -> bool:
    """Whether 100*k/n, at the printed number of decimals, reads as the printed value."""
    shown = f"{value:g}"
    decimals = len(shown.split(".")[1]) if "." in shown else 0
    half_unit = Fraction(1, 2) / 10**decimals
    return bool(abs(Fraction(100 * count, n) - Fraction(repr(float(value)))) <= half_unit)


_TIME_TO_EVENT = re.compile(
    r"\b(?:OS|PFS|EFS|DFS|RFS|LFS|DOR|TTP|survival|event-free|relapse-free|"
    r"disease-free|leukemia-free|progression-free|duration of response)\b",
    re.IGNORECASE,
)
_SUBGROUP = re.compile(r"\bMRD\b", re.IGNORECASE)

WITHHELD_NO_N = "No interval: the study's n is not stated in the source."
WITHHELD_TIME_TO_EVENT = (
    "No interval: a time-to-event (Kaplan-Meier) estimate, to which no binomial interval applies."
)
WITHHELD_SUBGROUP = (
    "No interval: MRD negativity is usually reported among responders, not the whole sample."
)
WITHHELD_CONTEXT = "No interval: the figure describes a subgroup ({context}), not the whole n."
WITHHELD_NO_COUNT = "No interval: no whole count of {n} gives the printed {value}%."
WITHHELD_NO_FIT = "No interval: no whole count of {n} gives the printed figure."
NOT_A_RATE_TIME = "No interval: a duration (time-to-event), not a proportion."
NOT_A_RATE_COUNT = "No interval: a count of patients as printed, not a proportion."
NOT_A_RATE = "No interval: not a percentage."


def interval_note(metric: Metric, n: int | None) -> str | None:
    """Why ``metric`` shows no interval, for any metric (None when it has a defensible one).

    ``assess_rate`` judges percentages; a figure in months or a count of patients is no
    proportion at all, and says so, so a table of outcomes never leaves a cell unexplained.
    """
    judgement = assess_rate(metric, n)
    if judgement is not None:
        return judgement.withheld
    if metric.unit in ("months", "weeks", "years", "days") or _TIME_TO_EVENT.search(metric.name):
        return NOT_A_RATE_TIME
    if metric.unit == "patients":
        return NOT_A_RATE_COUNT
    return NOT_A_RATE


@dataclass(frozen=True, slots=True)
class RateJudgement:
    """A percentage metric with either a defensible estimate or the one reason it has none."""

    metric: Metric
    n: int | None
    estimate: RateEstimate | None
    withheld: str | None

    def describe(self) -> str:
        """The estimate's line, or the reason the interval is withheld (both derived)."""
        return self.estimate.describe() if self.estimate is not None else str(self.withheld)


def assess_rate(metric: Metric, n: int | None) -> RateJudgement | None:
    """Whether a percentage metric may carry a count and interval over the whole sample.

    None when the metric is not a percentage in 0..100. An estimate is given only for a
    proportion of the whole n whose count reproduces the printed figure at its printed
    precision; every other rate carries ``withheld``: one sentence saying why.
    """
    if metric.unit != "%" or not math.isfinite(metric.value):
        return None
    if not 0.0 <= metric.value <= 100.0:
        return None
    reason = None
    if _TIME_TO_EVENT.search(metric.name):
        reason = WITHHELD_TIME_TO_EVENT
    elif _SUBGROUP.search(metric.name) or (metric.context and _SUBGROUP.search(metric.context)):
        reason = WITHHELD_SUBGROUP
    elif metric.context:
        reason = WITHHELD_CONTEXT.format(context=metric.context)
    elif n is None or isinstance(n, bool) or not 1 <= n <= MAX_N:
        reason = WITHHELD_NO_N
    if reason is not None:
        return RateJudgement(metric, n, None, reason)
    estimate = estimate_rate(metric, n)
    if estimate is None:
        return RateJudgement(metric, n, None, WITHHELD_NO_N)
    if not estimate.fits_printed:
        reason = WITHHELD_NO_COUNT.format(n=n, value=f"{metric.value:g}")
        return RateJudgement(metric, n, None, reason)
    return RateJudgement(metric, n, estimate, None)


def rate_judgements(record: Record) -> list[RateJudgement]:
    """Each percentage metric of ``record`` with its estimate or withheld reason, in order."""
    return [
        judgement
        for metric in record.metrics
        if (judgement := assess_rate(metric, record.n)) is not None
    ]


def rate_estimates(record: Record) -> list[tuple[Metric, RateEstimate]]:
    """Each metric of ``record`` whose interval is defensible, with it, in outcome order."""
    return [
        (judgement.metric, judgement.estimate)
        for judgement in rate_judgements(record)
        if judgement.estimate is not None
    ]
