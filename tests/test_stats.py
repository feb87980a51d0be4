"""The Clopper-Pearson interval and the rate estimates built on it."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.domain.metrics import Metric
from tui.domain.stats import (
    beta_quantile,
    clopper_pearson,
    estimate_rate,
    rate_estimates,
    regularized_beta,
    round_half_up,
)

# Widely tabulated exact (Clopper-Pearson) 95% limits, as proportions to 4 decimals;
# 1 - 0.025^(1/10) = 0.3085 is the k = 0, n = 10 entry. SciPy reproduces all of them.
PUBLISHED = [
    (0, 10, 0.0, 0.3085),
    (10, 10, 0.6915, 1.0),
    (3, 5, 0.1466, 0.9473),
    (5, 10, 0.1871, 0.8129),
    (1, 1, 0.025, 1.0),
    (0, 1, 0.0, 0.975),
]

# Computed with scipy.stats.beta.ppf (SciPy 1.17.1, in a throwaway venv outside the project):
# lower = beta.ppf(0.025, k, n - k + 1), upper = beta.ppf(0.975, k + 1, n - k).
SCIPY = [
    (3, 8, 0.08523341413725354, 0.7551367836334484),
    (13, 47, 0.15624366860662975, 0.4263800827890193),
    (22, 24, 0.7300271984423964, 0.9897436587187498),
    (2, 13, 0.019206671982528477, 0.45447105567655766),
    (16, 18, 0.652879561391328, 0.9862487843356355),
    (50, 100, 0.39832112950330095, 0.601678870496699),
    (500, 1000, 0.46854917297179194, 0.531450827028208),
    (3000, 10000, 0.29102761130989374, 0.3090889969760001),
]


@pytest.mark.parametrize(("k", "n", "low", "high"), PUBLISHED)
def test_matches_published_reference_values(k, n, low, high):
    lower, upper = clopper_pearson(k, n)
    assert lower == pytest.approx(low, abs=5e-5)
    assert upper == pytest.approx(high, abs=5e-5)


@pytest.mark.parametrize(("k", "n", "low", "high"), SCIPY)
def test_matches_scipy_to_ten_digits(k, n, low, high):
    lower, upper = clopper_pearson(k, n)
    assert lower == pytest.approx(low, abs=1e-10)
    assert upper == pytest.approx(high, abs=1e-10)


@pytest.mark.parametrize("n", [1, 2, 5, 10, 31, 100, 1000])
def test_k_zero_and_k_n_are_exact_at_the_edge_and_closed_form_at_the_other(n):
    # With k = 0 the upper bound solves (1 - p)^n = 0.025; with k = n the lower solves p^n = 0.025.
    assert clopper_pearson(0, n)[0] == 0.0
    assert clopper_pearson(0, n)[1] == pytest.approx(1 - 0.025 ** (1 / n), abs=1e-12)
    assert clopper_pearson(n, n)[1] == 1.0
    assert clopper_pearson(n, n)[0] == pytest.approx(0.025 ** (1 / n), abs=1e-12)


def test_other_confidence_levels():
    # k = 0, n = 10 at 90%: 1 - 0.05^(1/10).
    assert clopper_pearson(0, 10, confidence=0.90)[1] == pytest.approx(1 - 0.05**0.1, abs=1e-12)
    wide = clopper_pearson(3, 10, confidence=0.99)
    narrow = clopper_pearson(3, 10, confidence=0.80)
    assert wide[0] < narrow[0] < 0.3 < narrow[1] < wide[1]


@pytest.mark.parametrize(
    ("k", "n", "confidence", "error"),
    [
        (-1, 5, 0.95, ValueError),
        (6, 5, 0.95, ValueError),
        (0, 0, 0.95, ValueError),
        (1, 10**9 + 1, 0.95, ValueError),
        (1, 5, 1.0, ValueError),
        (1, 5, 0.0, ValueError),
        (1.5, 5, 0.95, TypeError),
        (True, 5, 0.95, TypeError),
    ],
)
def test_rejects_impossible_arguments(k, n, confidence, error):
    with pytest.raises(error):
        clopper_pearson(k, n, confidence)


def test_regularized_beta_closed_forms():
    for x in (0.01, 0.2, 0.5, 0.77, 0.999):
        assert regularized_beta(x, 1, 1) == pytest.approx(x, abs=1e-14)
        assert regularized_beta(x, 3, 1) == pytest.approx(x**3, abs=1e-14)
        assert regularized_beta(x, 1, 4) == pytest.approx(1 - (1 - x) ** 4, abs=1e-14)
    assert regularized_beta(0.0, 2, 3) == 0.0
    assert regularized_beta(1.0, 2, 3) == 1.0
    assert regularized_beta(0.5, 7, 7) == pytest.approx(0.5, abs=1e-14)
    with pytest.raises(ValueError):
        regularized_beta(0.5, 0, 1)


def test_beta_quantile_inverts_the_cdf():
    x = beta_quantile(0.3, 4, 9)
    assert regularized_beta(x, 4, 9) == pytest.approx(0.3, abs=1e-12)


def binomial_upper_tail(k: int, n: int, p: float) -> float:
    """P(X >= k) for X ~ Binomial(n, p), summed term by term (independent of the beta code)."""
    return sum(math.comb(n, j) * p**j * (1 - p) ** (n - j) for j in range(k, n + 1))


def k_of_n(max_n: int, below_n: int = 0) -> st.SearchStrategy[tuple[int, int]]:
    """(k, n) pairs with 0 <= k <= n - below_n."""
    return st.integers(1 + below_n, max_n).flatmap(
        lambda n: st.tuples(st.integers(0, n - below_n), st.just(n))
    )


@settings(max_examples=150, deadline=None)
@given(k_of_n(150))
def test_bounds_hold_their_defining_tail_probabilities(kn):
    # The interval's definition: P(X >= k | lower) = 2.5% and P(X <= k | upper) = 2.5%.
    k, n = kn
    lower, upper = clopper_pearson(k, n)
    assert 0.0 <= lower <= k / n <= upper <= 1.0
    if k > 0:
        assert binomial_upper_tail(k, n, lower) == pytest.approx(0.025, abs=1e-9)
    if k < n:
        assert 1 - binomial_upper_tail(k + 1, n, upper) == pytest.approx(0.025, abs=1e-9)


@settings(max_examples=100, deadline=None)
@given(k_of_n(400, below_n=1))
def test_bounds_rise_with_k_and_narrow_with_n(kn):
    k, n = kn
    lower, upper = clopper_pearson(k, n)
    next_lower, next_upper = clopper_pearson(k + 1, n)
    assert lower < next_lower and upper < next_upper
    # Same proportion, ten times the patients: a strictly narrower interval.
    big_lower, big_upper = clopper_pearson(10 * k, 10 * n)
    assert big_upper - big_lower < upper - lower


def test_round_half_up_is_not_bankers_rounding():
    assert round(2.5) == 2 and round_half_up(2.5) == 3
    assert round_half_up(0.5) == 1
    assert round(1.25, 1) == 1.2 and round_half_up(1.25, 1) == 1.3  # 1.25 is exact in binary


def pct(value: float) -> Metric:
    return Metric("CR", value, "%")


@pytest.mark.parametrize(
    ("value", "n", "count"),
    [
        (37.5, 8, 3),  # exactly 3
        (62.5, 4, 3),  # 2.5 rounds half up (round() would give 2)
        (12.5, 4, 1),  # 0.5 rounds half up (round() would give 0)
        (37.5, 4, 2),  # 1.5 -> 2 either way
        (60, 5, 3),
        (88.9, 18, 16),
        (0, 12, 0),
        (100, 12, 12),
        (91, 24, 22),
    ],
)
def test_count_is_the_percentage_of_n_rounded_half_up(value, n, count):
    assert estimate_rate(pct(value), n).count == count


def test_estimate_is_in_percent_rounded_to_one_decimal():
    estimate = estimate_rate(pct(60), 5)
    assert (estimate.count, estimate.n) == (3, 5)
    assert estimate.ci95_percent == (14.7, 94.7)
    assert estimate.fits_printed
    assert estimate_rate(pct(0), 10).ci95_percent == (0.0, 30.8)
    assert estimate_rate(pct(100), 10).ci95_percent == (69.2, 100.0)


def test_fits_printed_flags_percentages_no_count_of_n_gives():
    assert estimate_rate(pct(88.9), 18).fits_printed  # 16/18 = 88.89
    assert not estimate_rate(pct(91), 24).fits_printed  # 22/24 = 91.7, 21/24 = 87.5
    assert not estimate_rate(pct(60), 13).fits_printed  # 8/13 = 61.5, 7/13 = 53.8
    # A count that does not fit is described without its interval: never a figure the
    # printed percentage cannot support.
    misfit = estimate_rate(pct(91), 24).describe()
    assert misfit == "No interval: no whole count of 24 gives the printed figure."
    assert "CI" not in misfit and "22" not in misfit


def test_describe_says_it_is_derived():
    text = estimate_rate(pct(60), 5).describe()
    assert text == "3 of 5, 95% CI 14.7-94.7% (derived by ven-tui, assuming the denominator is n)"


@pytest.mark.parametrize(
    ("metric", "n"),
    [
        (pct(60), None),
        (pct(60), 0),
        (pct(60), 10**12),
        (Metric("OS", 7.7, "months"), 13),
        (Metric("MRD-neg", 2, "patients"), 18),
        (pct(100.5), 10),
        (pct(-1), 10),
        (pct(float("nan")), 10),
    ],
)
def test_no_estimate_without_a_usable_percentage_and_n(metric, n):
    assert estimate_rate(metric, n) is None


@settings(max_examples=200, deadline=None)
@given(
    st.floats(min_value=0, max_value=100, allow_nan=False),
    st.integers(min_value=1, max_value=500),
)
def test_estimate_is_consistent_for_any_percentage(value, n):
    estimate = estimate_rate(pct(value), n)
    assert 0 <= estimate.count <= n
    assert abs(estimate.count - value * n / 100) <= 0.5 + 1e-9
    low, high = estimate.ci95_percent
    assert 0.0 <= low <= 100 * estimate.count / n + 0.05
    assert 100 * estimate.count / n - 0.05 <= high <= 100.0


def test_shipped_published_rates(shipped_evidence):
    """Every % metric of Table 1 with a stated n: the counts a reader would infer."""
    found = {
        (record.reference, metric.name): (estimate.count, estimate.n, estimate.ci95_percent)
        for record in shipped_evidence.records["published"]
        for metric in record.metrics
        if (estimate := estimate_rate(metric, record.n)) is not None
    }
    assert found[(25, "CR")] == (3, 5, (14.7, 94.7))
    assert found[(25, "MRD-neg")] == (5, 5, (47.8, 100.0))
    assert found[(24, "ORR")][:2] == (16, 18)
    assert found[(28, "CR/CRi")][:2] == (23, 24)
    # Rows without "(n = N)" (refs 17, 18, 23, 27) and non-% metrics get none.
    assert {reference for reference, _ in found} == {19, 20, 21, 22, 24, 25, 26, 28}
    assert (20, "OS") not in found and (21, "MRD-neg") not in found


def test_shipped_rate_estimates_of_a_record(shipped_evidence):
    record = next(r for r in shipped_evidence.records["published"] if r.reference == 21)
    # "CR 22%, MRD-neg in two patients" with n = 18: only the percentage has an estimate.
    [(metric, estimate)] = rate_estimates(record)
    assert (metric.name, estimate.count, estimate.n) == ("CR", 4, 18)


@settings(max_examples=100, deadline=None)
@given(
    st.floats(min_value=0, max_value=100, allow_nan=False),
    st.integers(min_value=1, max_value=10**9),
)
def test_estimate_never_raises_up_to_the_largest_n(value, n):
    estimate = estimate_rate(pct(value), n)
    low, high = estimate.ci95_percent
    assert 0.0 <= low <= high <= 100.0
