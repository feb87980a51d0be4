"""Parsed metrics compared whole: unit and context too, not only name and value."""

from __future__ import annotations

import pytest

from tui.domain.metrics import Metric, parse_metrics


@pytest.mark.parametrize(
    ("text", "metrics"),
    [
        (
            "CR 75% (frontline), OS 7 months",
            [Metric("CR", 75.0, "%", "frontline"), Metric("OS", 7.0, "months")],
        ),
        (
            "ORR 42% (R/R), all CR/CRi",
            [
                Metric("ORR", 42.0, "%", "R/R"),
                Metric("CR/CRi", 42.0, "%", "R/R", derived_from="ORR 42%, all CR/CRi"),
            ],
        ),
        ("MRD-neg in two patients (day 28)", [Metric("MRD-neg", 2.0, "patients", "day 28")]),
        (
            "CR 60%, MRD-neg in 3 patients",
            [Metric("CR", 60.0, "%"), Metric("MRD-neg", 3.0, "patients")],
        ),
    ],
)
def test_metrics_keep_their_unit_and_context(text: str, metrics: list[Metric]) -> None:
    assert parse_metrics(text) == metrics
