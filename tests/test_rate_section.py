"""The detail pane's uncertainty section: derived counts and exact intervals, shipped rows."""

from __future__ import annotations

from tui.domain import Evidence, Record
from tui.domain.sanitize import is_safe
from tui.widgets.rate_section import rate_lines, render_rate_section

REF_25 = (
    "CR 60% ≈ 3 of 5, 95% CI 14.7-94.7% (derived, assuming the denominator is n)",
    "MRD-neg 100% ≈ 5 of 5, 95% CI 47.8-100% (derived, assuming the denominator is n)",
)


def published(evidence: Evidence, reference: int) -> Record:
    return next(r for r in evidence.records["published"] if r.reference == reference)


def test_shipped_ref_25_lines_carry_count_interval_and_whisker(shipped_evidence):
    lines = [line.plain for line in rate_lines(published(shipped_evidence, 25))]
    assert [line[21:] for line in lines] == list(REF_25)
    cr_bar = lines[0][:20]
    assert (
        cr_bar.index("├") == 2 and cr_bar.index("┤") == 18 and cr_bar.count("█") == 11
    )  # 12 cells, one is ├
    assert lines[1][:20] == "█" * 9 + "├" + "█" * 9 + "┤"


def test_shipped_section_says_derived_and_flags_a_misfit(shipped_evidence):
    text = render_rate_section(published(shipped_evidence, 28)).plain
    assert text.startswith("Uncertainty  (derived, assuming the denominator is n;")
    assert "CR/CRi 96% ≈ 23 of 24, 95% CI 78.9-99.9%" in text
    assert "MRD-neg 91% ≈ 22 of 24" in text
    assert "no whole count of n gives the printed value" in text


def test_rows_without_n_get_no_section(shipped_evidence):
    assert render_rate_section(published(shipped_evidence, 23)).plain == ""
    assert rate_lines(published(shipped_evidence, 17)) == []


def test_hostile_metric_names_are_sanitised(tmp_path):
    from tests.conftest import FIXTURES
    from tui.domain import load_evidence

    evidence = load_evidence(FIXTURES / "hostile.json")
    for records in evidence.records.values():
        for record in records:
            assert is_safe(render_rate_section(record).plain)
