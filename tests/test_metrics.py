"""Sample size, reference and metric parsing, on chosen text and on every shipped row."""

from __future__ import annotations

import pytest

from tui.domain import Evidence
from tui.domain.metrics import Metric, parse_metrics, reference_number, sample_size

EXPECTED_PUBLISHED = {
    17: (None, [("ORR", 100, "%", "untreated"), ("CR/CRp", 37.5, "%", "R/R")]),
    18: (None, [("CR", 75, "%", "frontline"), ("response", 65, "%", "R/R")]),
    19: (13, [("BM remission", 60, "%", None), ("OS", 7.7, "months", None)]),
    20: (18, [("CR", 61, "%", None), ("OS", 9.14, "months", None)]),
    21: (18, [("CR", 22, "%", None), ("MRD-neg", 2, "patients", None)]),
    22: (47, [("CR", 60, "%", None), ("bridged to allo-HCT/CAR-T", 28, "%", None)]),
    23: (None, [("CR/CRi", 57, "%", None), ("MRD-neg", 45, "%", None)]),
    24: (18, [("ORR", 88.9, "%", None), ("OS", 24.1, "months", None)]),
    25: (5, [("CR", 60, "%", None), ("MRD-neg", 100, "%", None)]),
    26: (31, [("ORR", 42, "%", None), ("CR/CRi", 42, "%", None)]),
    27: (None, [("PFS", 87.9, "%", None), ("OS", 87.8, "%", None)]),
    28: (24, [("CR/CRi", 96, "%", None), ("MRD-neg", 91, "%", None)]),
}


def test_shipped_published_rows_parse_to_expected_n_and_metrics(shipped_evidence: Evidence):
    records = shipped_evidence.records["published"]
    assert [r.reference for r in records] == list(EXPECTED_PUBLISHED)
    for record in records:
        n, metrics = EXPECTED_PUBLISHED[record.reference]
        assert record.n == n, record.reference
        assert [(m.name, m.value, m.unit, m.context) for m in record.metrics] == metrics


def test_shipped_trial_rows_have_nct_ids_and_no_metrics(shipped_evidence: Evidence):
    for table_id in ("phase1", "phase2"):
        for record in shipped_evidence.records[table_id]:
            assert record.nct_id == record.cells["Study number"]
            assert record.reference is None and record.n is None
            assert record.metrics == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CR 75% (frontline)", [Metric("CR", 75.0, "%", "frontline")]),
        ("OS 1 month", [Metric("OS", 1.0, "months")]),
        ("MRD-neg in twelve patients", [Metric("MRD-neg", 12.0, "patients")]),
        ("MRD-neg in 3 patients", [Metric("MRD-neg", 3.0, "patients")]),
        ("Efficacy and safety of the combination in ALL", []),
        ("", []),
        (
            "ORR 42%, all CR/CRi",
            [Metric("ORR", 42.0, "%"), Metric("CR/CRi", 42.0, "%", None, "ORR 42%, all CR/CRi")],
        ),
        ("EFS 12.5 Months (R/R", [Metric("EFS", 12.5, "months", "R/R")]),
    ],
)
def test_parse_metrics(text, expected):
    assert parse_metrics(text) == expected


def test_sample_size_and_reference():
    assert sample_size("R/R T-ALL (n = 13) [19]") == 13
    assert sample_size("(n=7)") == 7
    assert sample_size("n = 13") is None
    assert reference_number("R/R T-ALL (n = 13) [19]") == 19
    assert reference_number("no reference") is None


def test_all_cr_cri_after_a_rate_is_that_rate_derived():
    orr, cr = parse_metrics("ORR 42%, all CR/CRi")
    assert orr == Metric("ORR", 42.0, "%")
    assert (cr.name, cr.value, cr.unit) == ("CR/CRi", 42.0, "%")
    assert cr.derived_from == "ORR 42%, all CR/CRi"
    # Only after a percentage, and never on its own.
    assert parse_metrics("all CR/CRi") == []
    assert [m.name for m in parse_metrics("OS 7 months, all CR")] == ["OS"]


@pytest.mark.parametrize(
    "phrase",
    [
        "all CR/CRi",
        "all were CR/CRi",
        "All responders achieved CR/CRi",
        "all of them in CR/CRi",
        "each reached CR/CRi",
        "every one was CR/CRi",
    ],
)
def test_other_phrasings_of_every_response_being_cr_give_that_rate(phrase):
    orr, cr = parse_metrics(f"ORR 50%, {phrase}")
    assert (cr.name, cr.value, cr.context) == ("CR/CRi", 50.0, None)
    assert cr.derived_from == f"ORR 50%, {phrase}"


def test_a_cr_phrase_that_is_not_about_every_response_derives_nothing():
    assert [m.name for m in parse_metrics("ORR 50%, some CR/CRi")] == ["ORR"]
    assert [m.name for m in parse_metrics("ORR 50%, all toxicities grade 1")] == ["ORR"]


def test_shipped_ref_26_matches_a_cr_filter(shipped_evidence):
    from tui.domain.export import format_metric, metric_to_dict

    record = next(r for r in shipped_evidence.records["published"] if r.reference == 26)
    cr = next(m for m in record.metrics if m.name == "CR/CRi")
    assert cr.value == 42.0
    assert format_metric(cr) == 'CR/CRi 42% (derived from "ORR 42%, all CR/CRi")'
    assert metric_to_dict(cr, record.n)["derived_from"] == "ORR 42%, all CR/CRi"
