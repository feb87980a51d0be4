"""JSON export: a defensible percentage carries its count and exact CI, any other its reason."""

from __future__ import annotations

import json

from tui.domain.export import metric_to_dict, record_to_dict, render
from tui.domain.metrics import Metric
from tui.domain.stats import WITHHELD_CONTEXT, WITHHELD_NO_N, WITHHELD_SUBGROUP


def published(evidence, reference: int):
    return next(r for r in evidence.records["published"] if r.reference == reference)


def test_shipped_ref_25_cr_gains_count_and_mrd_is_withheld(shipped_evidence):
    entry = record_to_dict(published(shipped_evidence, 25))
    assert entry["metrics"] == [
        {
            "name": "CR",
            "value": 60.0,
            "unit": "%",
            "context": None,
            "count": 3,
            "ci95": [14.7, 94.7],
        },
        {
            "name": "MRD-neg",
            "value": 100.0,
            "unit": "%",
            "context": None,
            "interval_withheld": WITHHELD_SUBGROUP,
        },
    ]


def test_shipped_other_entries_are_unchanged(shipped_evidence):
    # Ref 21: "CR 22%, MRD-neg in two patients" with n = 18: the count metric gains nothing.
    cr, mrd = record_to_dict(published(shipped_evidence, 21))["metrics"]
    assert list(cr) == ["name", "value", "unit", "context", "count", "ci95"]
    assert cr["count"] == 4
    assert mrd == {"name": "MRD-neg", "value": 2.0, "unit": "patients", "context": None}
    # Ref 20: months are not a rate.
    assert "count" not in record_to_dict(published(shipped_evidence, 20))["metrics"][1]
    # Ref 17 states no n: its percentages carry only the reason.
    for metric in record_to_dict(published(shipped_evidence, 17))["metrics"]:
        assert list(metric) == ["name", "value", "unit", "context", "interval_withheld"]


def test_shipped_trials_have_no_estimates(shipped_evidence):
    for table in ("phase1", "phase2"):
        for record in shipped_evidence.records[table]:
            assert all("ci95" not in m for m in record_to_dict(record)["metrics"])


def test_record_keys_and_order_are_kept(shipped_evidence):
    entry = record_to_dict(published(shipped_evidence, 25))
    assert list(entry) == [
        *("table", "nct_id", "reference", "cells", "n", "abbreviations", "metrics", "registry")
    ]


def test_rendered_json_round_trips_the_new_keys(shipped_evidence):
    table = shipped_evidence.table("published")
    rows = json.loads(render("json", table.columns, shipped_evidence.records["published"]))
    with_ci = [(row["reference"], m["name"]) for row in rows for m in row["metrics"] if "ci95" in m]
    assert (25, "CR") in with_ci and (28, "MRD-neg") not in with_ci
    withheld = {
        (row["reference"], m["name"])
        for row in rows
        for m in row["metrics"]
        if "interval_withheld" in m and "ci95" not in m
    }
    assert (19, "BM remission") in withheld
    assert all(isinstance(m["count"], int) for row in rows for m in row["metrics"] if "count" in m)


def test_metric_to_dict_without_n():
    assert metric_to_dict(Metric("ORR", 100.0, "%", "untreated"), None) == {
        "name": "ORR",
        "value": 100.0,
        "unit": "%",
        "context": "untreated",
        "interval_withheld": WITHHELD_CONTEXT.format(context="untreated"),
    }
    assert metric_to_dict(Metric("CR", 50.0, "%"), None)["interval_withheld"] == WITHHELD_NO_N
