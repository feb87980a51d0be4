"""The rate judgement and the beta quantile, pinned where mutation testing found them loose.

Whole ``RateJudgement`` values are compared (a judgement that lost its n passed before), the
bounds of n and of the percentage are tried at their edges, and the quantile search is held
to its Newton steps by counting how often it evaluates the CDF.
"""

from __future__ import annotations

import math

import pytest

from tui.domain import stats
from tui.domain.metrics import Metric
from tui.domain.stats import (
    DERIVED_LABEL,
    MAX_N,
    WITHHELD_CONTEXT,
    WITHHELD_NO_COUNT,
    WITHHELD_NO_N,
    WITHHELD_SUBGROUP,
    WITHHELD_TIME_TO_EVENT,
    RateEstimate,
    RateJudgement,
    assess_rate,
    beta_quantile,
    regularized_beta,
)

CR_60 = Metric("CR", 60.0, "%")


@pytest.mark.parametrize(
    ("metric", "n", "withheld"),
    [
        (Metric("OS", 50.0, "%"), 10, WITHHELD_TIME_TO_EVENT),
        (Metric("MRD-neg", 50.0, "%"), 10, WITHHELD_SUBGROUP),
        (Metric("CR", 50.0, "%", "in MRD+ patients"), 10, WITHHELD_SUBGROUP),
        (Metric("CR", 50.0, "%", "frontline"), 10, WITHHELD_CONTEXT.format(context="frontline")),
        (CR_60, None, WITHHELD_NO_N),
        (CR_60, 0, WITHHELD_NO_N),
        (CR_60, True, WITHHELD_NO_N),  # a bool is not a count, though True == 1
        (CR_60, MAX_N + 1, WITHHELD_NO_N),
        (Metric("CR", 62.0, "%"), 5, WITHHELD_NO_COUNT.format(n=5, value="62")),
    ],
)
def test_each_reason_keeps_the_metric_and_n(metric: Metric, n, withheld: str) -> None:
    assert assess_rate(metric, n) == RateJudgement(metric, n, None, withheld)


def test_a_defensible_rate_keeps_the_metric_n_and_estimate() -> None:
    judgement = assess_rate(CR_60, 5)
    assert judgement == RateJudgement(CR_60, 5, RateEstimate(3, 5, (14.7, 94.7), True), None)
    line = judgement.describe()
    assert "3 of 5, 95% CI 14.7-94.7%" in line and line.endswith(f"({DERIVED_LABEL})")


def test_the_smallest_n_and_the_whole_range_of_percentages() -> None:
    assert assess_rate(Metric("CR", 100.0, "%"), 1).estimate == RateEstimate(
        1, 1, (2.5, 100.0), True
    )
    assert assess_rate(Metric("CR", 0.0, "%"), 1).estimate.count == 0
    assert assess_rate(Metric("CR", 100.5, "%"), 10) is None
    assert assess_rate(Metric("CR", -0.5, "%"), 10) is None
    assert assess_rate(Metric("CR", math.inf, "%"), 10) is None
    assert assess_rate(Metric("OS", 7.0, "months"), 10) is None


def test_the_largest_n_still_gets_an_interval() -> None:
    judgement = assess_rate(Metric("CR", 50.0, "%"), MAX_N)
    assert judgement.n == MAX_N and judgement.estimate is not None
    assert judgement.estimate.count == MAX_N // 2


def test_describe_gives_the_reason_or_warns_when_no_count_fits() -> None:
    withheld = RateJudgement(CR_60, None, None, WITHHELD_NO_N)
    assert withheld.describe() == WITHHELD_NO_N
    loose = RateEstimate(3, 5, (14.7, 94.7), False).describe()
    assert "no whole count of" in loose and "gives the printed" in loose


def test_a_count_exactly_half_a_printed_unit_away_still_fits() -> None:
    # 251 of 2000 is 12.55%: printed with one decimal as 12.5 or 12.6, so both fit.
    assert stats._fits_printed(251, 2000, 12.5)
    assert stats._fits_printed(251, 2000, 12.6)
    assert not stats._fits_printed(251, 2000, 12.4)
    assert stats._fits_printed(1, 8, 13.0) and not stats._fits_printed(1, 8, 14.0)


def test_nan_is_refused_with_its_own_message() -> None:
    with pytest.raises(ValueError, match="^x must be a number, got nan$"):
        regularized_beta(math.nan, 2.0, 3.0)
    with pytest.raises(ValueError, match=r"^p must lie in \[0, 1\], got -0.1$"):
        beta_quantile(-0.1, 2.0, 3.0)


@pytest.mark.parametrize(("p", "a", "b"), [(0.025, 3, 3), (0.975, 4, 2), (0.025, 1, 40)])
def test_the_quantile_search_takes_newton_steps_not_bisection(monkeypatch, p, a, b) -> None:
    calls = []
    real = stats.regularized_beta

    def counted(x: float, a: float, b: float) -> float:
        calls.append(x)
        return real(x, a, b)

    monkeypatch.setattr(stats, "regularized_beta", counted)
    x = beta_quantile(p, a, b)
    assert abs(real(x, a, b) - p) < 1e-12
    assert len(calls) <= 15, f"{len(calls)} evaluations: Newton converges in a handful"
