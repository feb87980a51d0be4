"""The shipped editorial notes say what the source does, and mark ven-tui's own readings."""

from __future__ import annotations

from tui.domain import Evidence


def _notes(evidence: Evidence) -> dict[str, str]:
    """Every note of the shipped dataset by table label and row reference or NCT ID."""
    found = {}
    for table in evidence.dataset.tables:
        found[table.label] = table.note or ""
        for record in evidence.records[table.id]:
            key = f"[{record.reference}]" if record.reference is not None else record.nct_id
            found[f"{table.label} {key}"] = record.note or ""
    return found


def test_shipped_notes_carry_the_fixes_of_the_review_audit(shipped_evidence):
    notes = _notes(shipped_evidence)
    n18 = notes["Table 1 [18]"]
    assert 'named only "response"' in n18 and "which response" in n18
    assert "exactly 3 patients" in notes["Table 1 [25]"] and "about 3" not in notes["Table 1 [25]"]
    n27 = notes["Table 1 [27]"]
    assert "PFS (87.9%) is printed above OS (87.8%)" in n27 and "different time points" in n27
    assert "study aims" in notes["Table 2"] and "not outcome measures" in notes["Table 2"]
    assert "older synonym of acute myeloid leukemia (not an error)" in notes["Table 2"]
    assert '"measurable residual disease"' in notes["Table 1"]
    assert "allo-HCT" in notes["Table 3"] and "HSCT" in notes["Table 3"]


def test_shipped_azole_note_is_ven_tuis_own_and_precise(shipped_evidence):
    note = _notes(shipped_evidence)["Table 2 NCT04988555"]
    assert "the source does not say why" in note
    assert "ven-tui's note, not the review's" in note
    assert "CYP3A" in note and "posaconazole" in note and "dose reductions" in note
    assert "not a combination partner" in note


def test_shipped_notes_that_add_outside_knowledge_say_whose_it_is(shipped_evidence):
    """A note naming a current term, a label or a reading marks it as ven-tui's."""
    outside = ("measurable residual", "posaconazole", "likely", "same procedure", "BCR::ABL1")
    for where, note in _notes(shipped_evidence).items():
        if any(word in note for word in outside):
            assert "ven-tui's" in note, where
