"""The facet panel's counts and toggles, and the one result list across tables."""

from __future__ import annotations

import pytest

from tui.domain import Evidence, parse_query
from tui.domain.copy_text import unique_nct_ids
from tui.domain.facet_counts import all_records, facet_counts, matching_records, toggle_facet


def _counts(evidence: Evidence, text: str, key: str) -> dict[str, int]:
    query = parse_query(text, evidence.all_columns()) if text else None
    return {c.value: c.count for c in facet_counts(all_records(evidence), query, [key])}


def test_shipped_counts_for_no_query(shipped_evidence: Evidence):
    assert _counts(shipped_evidence, "", "ph") == {"pos": 7, "neg": 5, "like": 1, "unstated": 19}
    assert _counts(shipped_evidence, "", "lineage")["t"] == 6


def test_counts_follow_the_query_and_equal_what_the_filter_applies(shipped_evidence: Evidence):
    columns = shipped_evidence.all_columns()
    counts = facet_counts(all_records(shipped_evidence), parse_query("setting:nd", columns))
    for count in counts:
        text = f"setting:nd {count.term}"
        shown = matching_records(shipped_evidence, parse_query(text, columns))
        assert count.count == len(shown), text
    ph = {c.value: c for c in counts if c.key == "ph"}
    assert ph["pos"].count == 5
    applied = [c.term for c in counts if c.applied]
    assert applied == ["setting:nd"]


def test_shipped_all_view_ph_positive_newly_diagnosed(shipped_evidence: Evidence):
    query = parse_query("ph:pos setting:nd", shipped_evidence.all_columns())
    records = matching_records(shipped_evidence, query)
    assert [r.key for r in records] == ["phase1:0", "phase1:5", "phase2:0", "phase2:4", "phase2:6"]
    assert unique_nct_ids(records) == ["NCT06082934", "NCT04872790", "NCT06578546", "NCT05594784"]


COLUMNS = ["Population", "Intervention", "Primary outcome", "Study number"]


@pytest.mark.parametrize(
    ("before", "term", "after"),
    [
        ("", "ph:pos", "ph:pos"),
        ("aza", "ph:pos", "aza ph:pos"),
        ("aza ph:pos", "ph:pos", "aza"),
        ("ph:pos aza", "ph:pos", "aza"),
        ("x ph:pos  y", "ph:pos", "x y"),
        ("ph:positive", "ph:pos", ""),
        ("a OR b", "lineage:t", "a OR b lineage:t"),
        ("ph:pos OR t-all", "ph:pos", "ph:pos OR t-all ph:pos"),
        ("-ph:pos", "ph:pos", "-ph:pos ph:pos"),
        ('"unclosed', "ph:pos", '"unclosed ph:pos'),
    ],
)
def test_toggle_adds_or_removes_one_top_level_term(before: str, term: str, after: str):
    assert toggle_facet(before, term, COLUMNS) == after


def test_toggling_twice_gives_back_the_same_rows(shipped_evidence: Evidence):
    columns = shipped_evidence.all_columns()
    start = "frontline OR r/r"
    once = toggle_facet(start, "age:older", columns)
    assert parse_query(once, columns).applied_facets()[0].term == "age:older"
    again = toggle_facet(once, "age:older", columns)
    assert again == start
