"""The detail pane's derived facet section, as text."""

from __future__ import annotations

from tests.conftest import FIXTURES
from tui.domain import Evidence, load_evidence
from tui.widgets.facet_section import HEADING, render_facets


def test_shipped_section_names_values_words_and_cells(shipped_evidence: Evidence):
    text = render_facets(shipped_evidence.records["published"][8]).plain  # R/R ETP-ALL [25]
    assert text.startswith(HEADING)
    assert 'Lineage: lineage:t (T-lineage) from "ETP-ALL" in Population' in text
    assert 'Setting: setting:rr (relapsed or refractory) from "R/R" in Population' in text
    assert "Ph status: not stated" in text
    assert "Contradiction" not in text


def test_shipped_section_reports_the_nct03319901_contradiction(shipped_evidence: Evidence):
    text = render_facets(shipped_evidence.records["phase2"][7]).plain
    assert 'Contradiction: Setting: the Primary outcome cell says "frontline"' in text
    assert "only the Population cell's value is applied" in text


def test_class_values_say_which_acronym_stood_for_the_agent(shipped_evidence: Evidence):
    text = render_facets(shipped_evidence.records["phase1"][0]).plain  # OVD regimen
    assert '"olverembatinib" in Intervention' in text
    assert "(ven-tui's own)" in text


def test_hostile_cells_are_sanitised():
    evidence = load_evidence(FIXTURES / "hostile.json")
    for records in evidence.records.values():
        for record in records:
            text = render_facets(record).plain
            assert "\x1b" not in text and "\u202e" not in text
