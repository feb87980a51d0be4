"""Which rates may carry a derived interval: only a proportion of the whole n that fits."""

from __future__ import annotations

import json
import re
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.domain.export import render
from tui.domain.metrics import Metric
from tui.domain.stats import (
    WITHHELD_NO_COUNT,
    WITHHELD_NO_N,
    WITHHELD_SUBGROUP,
    WITHHELD_TIME_TO_EVENT,
    assess_rate,
    interval_note,
    rate_judgements,
)

TIME_TO_EVENT = (
    "OS",
    "PFS",
    "EFS",
    "DFS",
    "RFS",
    "2-year OS",
    "OS at 1 year",
    "overall survival",
    "event-free survival",
    "Progression-free survival",
    "DOR",
)
SUBGROUP = ("MRD-neg", "MRD negativity", "MRD-negative")
INDEFENSIBLE = re.compile(r"\b(?:OS|PFS|EFS|DFS|RFS|MRD|survival)\b", re.IGNORECASE)


def printed_fits(count: int, n: int, value: float) -> bool:
    """Independent check: 100*k/n printed at the figure's own decimals reads as the figure."""
    shown = f"{value:g}"
    decimals = len(shown.split(".")[1]) if "." in shown else 0
    return abs(Fraction(100 * count, n) - Fraction(shown)) <= Fraction(1, 2) / 10**decimals


def test_the_issues_examples():
    bm = assess_rate(Metric("BM remission", 60.0, "%"), 13)
    assert bm.estimate is None and bm.withheld == WITHHELD_NO_COUNT.format(n=13, value="60")
    assert assess_rate(Metric("MRD-neg", 91.0, "%"), 24).withheld == WITHHELD_SUBGROUP
    assert assess_rate(Metric("MRD-neg", 100.0, "%"), 5).withheld == WITHHELD_SUBGROUP
    frontline = assess_rate(Metric("CR", 75.0, "%", "frontline"), 8)
    assert frontline.estimate is None and "(frontline)" in frontline.withheld
    assert assess_rate(Metric("OS", 87.8, "%"), 41).withheld == WITHHELD_TIME_TO_EVENT
    assert assess_rate(Metric("CR", 60.0, "%"), None).withheld == WITHHELD_NO_N
    cr = assess_rate(Metric("CR", 60.0, "%"), 5)
    assert cr.withheld is None
    assert (cr.estimate.count, cr.estimate.ci95_percent) == (3, (14.7, 94.7))


def test_non_rates_are_not_judged():
    assert assess_rate(Metric("OS", 7.7, "months"), 13) is None
    assert assess_rate(Metric("MRD-neg", 2.0, "patients"), 18) is None


def test_every_figure_without_an_interval_says_why():
    """Months and counts are no proportions: the matrix names that, not a blank."""
    assert interval_note(Metric("OS", 7.7, "months"), 13) == (
        "No interval: a duration (time-to-event), not a proportion."
    )
    assert interval_note(Metric("MRD-neg", 2.0, "patients"), 18) == (
        "No interval: a count of patients as printed, not a proportion."
    )
    assert interval_note(Metric("overall survival", 80.0, "%"), 10) == WITHHELD_TIME_TO_EVENT
    assert interval_note(Metric("CR", 60.0, "%"), 5) is None


metrics = st.builds(
    Metric,
    name=st.one_of(
        st.sampled_from(("CR", "CR/CRi", "ORR", "BM remission", *TIME_TO_EVENT, *SUBGROUP)),
        st.text(max_size=12),
    ),
    value=st.one_of(
        st.integers(0, 100).map(float),
        st.floats(0, 100, allow_nan=False).map(lambda v: round(v, 1)),
    ),
    unit=st.just("%"),
    context=st.one_of(st.none(), st.text(min_size=1, max_size=12)),
)


@settings(max_examples=300, deadline=None)
@given(metrics, st.one_of(st.none(), st.integers(1, 500)))
def test_property_an_interval_only_for_a_fitting_whole_sample_proportion(metric, n):
    judgement = assess_rate(metric, n)
    assert (judgement.estimate is None) != (judgement.withheld is None)
    if judgement.estimate is not None:
        assert metric.context is None
        assert not INDEFENSIBLE.search(metric.name)
        assert printed_fits(judgement.estimate.count, n, metric.value)
    else:
        assert judgement.withheld.startswith("No interval: ") and judgement.withheld.endswith(".")


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from((*TIME_TO_EVENT, *SUBGROUP)),
    st.integers(0, 100),
    st.one_of(st.none(), st.text(max_size=8)),
    st.integers(1, 500),
)
def test_property_no_time_to_event_mrd_or_contexted_figure_has_an_interval(name, v, context, n):
    assert assess_rate(Metric(name, float(v), "%", context), n).estimate is None
    assert assess_rate(Metric("CR", float(v), "%", "R/R"), n).estimate is None


def test_shipped_export_every_interval_fits_and_none_is_indefensible(shipped_evidence):
    """Over the shipped JSON export: intervals only where defensible, else the reason."""
    intervals = withheld = 0
    for table_id in shipped_evidence.records:
        table = shipped_evidence.table(table_id)
        rows = json.loads(render("json", table.columns, shipped_evidence.records[table_id]))
        for row in rows:
            for metric in row["metrics"]:
                if "ci95" in metric:
                    intervals += 1
                    assert printed_fits(metric["count"], row["n"], metric["value"]), metric
                    assert metric["context"] is None
                    assert not INDEFENSIBLE.search(metric["name"])
                    assert "interval_withheld" not in metric
                elif metric["unit"] == "%":
                    withheld += 1
                    assert metric["interval_withheld"].startswith("No interval: ")
    assert intervals >= 5 and withheld >= 8


def test_shipped_judgements_of_the_issue_rows(shipped_evidence):
    by_ref = {r.reference: r for r in shipped_evidence.records["published"]}
    judged = {(ref, j.metric.name): j for ref, r in by_ref.items() for j in rate_judgements(r)}
    assert judged[(19, "BM remission")].estimate is None
    assert judged[(25, "MRD-neg")].estimate is None
    assert judged[(28, "MRD-neg")].estimate is None
    assert judged[(25, "CR")].estimate.count == 3
    assert judged[(28, "CR/CRi")].estimate.count == 23
    assert judged[(27, "OS")].estimate is None and judged[(27, "PFS")].estimate is None
