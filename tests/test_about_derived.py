"""The About tab lists every kind of derived value, so a clinician knows what is ven-tui's."""

from __future__ import annotations

from tui.widgets.about_view import render_about


def test_shipped_about_lists_every_kind_of_derived_value(shipped_evidence):
    text = " ".join(render_about(shipped_evidence.dataset).plain.split())
    for kind in (
        "Counts with exact 95% intervals",
        "says why it has none",
        "time-to-event",
        "drug classes",
        "CALGB 10403 components",
        "agent notes",
        "assembled from source definitions",
        "outcomes matrix",
        "marked derived",
        "Population facets",
        "names no venetoclax",
        "term notes",
        "supportive role of azoles",
    ):
        assert kind in text, kind
