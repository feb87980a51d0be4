"""The detail pane's uncertainty section: derived intervals where defensible, else the reason."""

from __future__ import annotations

from tui.domain import Evidence, Record
from tui.domain.sanitize import is_safe
from tui.widgets.rate_section import rate_lines, render_rate_section

REF_25 = (
    "CR 60%: 3 of 5, 95% CI 14.7-94.7% (derived by ven-tui, assuming the denominator is n)",
    "MRD-neg 100% — No interval: MRD negativity is usually reported among responders, "
    "not the whole sample.",
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
    assert lines[1][:20] == "█" * 20  # the bar, and no whisker it cannot defend


def test_shipped_section_says_derived_and_withholds_the_mrd_interval(shipped_evidence):
    text = render_rate_section(published(shipped_evidence, 28)).plain
    assert text.startswith("Uncertainty  (derived by ven-tui, assuming the denominator is n;")
    assert "CR/CRi 96%: 23 of 24, 95% CI 78.9-99.9%" in text
    assert "MRD-neg 91% — No interval: MRD negativity" in text
    assert "22 of 24" not in text


def test_shipped_bm_remission_that_no_count_of_13_gives_has_no_interval(shipped_evidence):
    [line] = [line.plain for line in rate_lines(published(shipped_evidence, 19))]
    assert "No interval: no whole count of 13 gives the printed 60%." in line
    assert "├" not in line and "8 of 13" not in line


def test_rows_without_n_say_why_they_have_no_interval(shipped_evidence):
    lines = [line.plain for line in rate_lines(published(shipped_evidence, 17))]
    assert lines and all("n is not stated" in line or "subgroup" in line for line in lines)
    assert all("├" not in line for line in lines)


def test_hostile_metric_names_are_sanitised(tmp_path):
    from tests.conftest import FIXTURES
    from tui.domain import load_evidence

    evidence = load_evidence(FIXTURES / "hostile.json")
    for records in evidence.records.values():
        for record in records:
            assert is_safe(render_rate_section(record).plain)
