"""The glossary's sources and the abbreviation detector's rules."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tui.domain import Evidence, glossary, parse_query
from tui.domain.glossary import (
    Definition,
    Glossary,
    inline_definitions,
    legend_definitions,
    parse_definition_list,
)
from tui.domain.glossary_rows import glossary_rows, matching_rows
from tui.domain.supplementary import OWN_NOTE_SOURCE, SUPPLEMENT_SOURCE


def test_footnote_continuation_stays_in_its_definition():
    text = "A: alpha; mini-X: first part; second part; B: beta."
    assert parse_definition_list(text, "T") == [
        Definition("A", "alpha", "T"),
        Definition("mini-X", "first part; second part", "T"),
        Definition("B", "beta", "T"),
    ]


def test_legend_definitions_start_after_the_prose():
    legend = "Cells (a) do things: nothing. ALL: acute lymphoblastic leukemia; XL: extra large."
    assert legend_definitions(legend, "F") == [
        Definition("ALL", "acute lymphoblastic leukemia", "F"),
        Definition("XL", "extra large", "F"),
    ]


def test_inline_definitions_match_initials_skipping_linking_words():
    text = "Olverembatinib plus venetoclax and dexamethasone (OVD) then (BAX and BAK) (XYZ)"
    assert inline_definitions(text, "S") == [
        Definition("OVD", "Olverembatinib plus venetoclax and dexamethasone", "S")
    ]
    assert (
        inline_definitions("regimen of venetoclax, azacitidine plus orebatinib (VAO regimen)", "S")[
            0
        ].expansion
        == "venetoclax, azacitidine plus orebatinib"
    )


def _glossary(*pairs: str) -> Glossary:
    return Glossary(Definition(abbr, f"<{abbr}>", "src") for abbr in pairs)


def test_detection_respects_token_boundaries_and_case():
    glossary = _glossary("ALL", "Ph", "CR", "CR/CRp")
    assert glossary.find("PHALLUS all Alliance ALLx") == []
    assert glossary.find("Philadelphia ph") == []
    assert [w for w, _ in glossary.find("CR/CRp 37.5%, CR 75%, CRi")] == ["CR/CRp", "CR"]
    assert [w for w, _ in glossary.find("Ph+ ALL, Ph-negative")] == ["Ph", "ALL"]


def test_detection_longest_match_wins_and_sentence_initial_capital_is_found():
    glossary = _glossary("ALL", "T-ALL", "mini-hyper-CVD", "CVD")
    assert [w for w, _ in glossary.find("R/R T-ALL")] == ["T-ALL"]
    assert [w for w, _ in glossary.find("Mini-hyper-CVD plus venetoclax")] == ["Mini-hyper-CVD"]
    assert [w for w, _ in glossary.find("CVD alone")] == ["CVD"]


def test_shipped_glossary_has_every_source_and_marks_the_supplement(shipped_evidence: Evidence):
    sources = {d.source for group in shipped_evidence.glossary.definitions() for d in group}
    assert {
        "Table 1 footnote",
        "Table 2 footnote",
        "Table 3 footnote",
        "Figure 1 legend",
        SUPPLEMENT_SOURCE,
    } <= sources
    by_abbr = {g[0].abbr: g for g in shipped_evidence.glossary.definitions()}
    assert by_abbr["MOMP"][0].expansion == "mitochondrial outer membrane permeabilization"
    assert by_abbr["OVD"][0].source.startswith("defined inline in Table 2")
    assert by_abbr["CRi"][0].source == SUPPLEMENT_SOURCE
    assert not by_abbr["CRi"][0].from_source
    assert by_abbr["mini-hyper-CVD"][0].expansion.endswith("; anthracycline omitted")


def test_shipped_rows_prefer_their_own_tables_footnote(shipped_evidence: Evidence):
    phase1_row = shipped_evidence.records["phase1"][1]
    found = {a.abbr: a for a in phase1_row.abbreviations}
    assert found["Mini-hyper-CVD"].source == "Table 2 footnote"
    assert found["R/R"].source == "Table 2 footnote"
    published_row = shipped_evidence.records["published"][6]
    found = {a.abbr: a for a in published_row.abbreviations}
    assert found["CRi"].source == SUPPLEMENT_SOURCE
    assert found["mini-hyper-CVD"].source == "Table 1 footnote"


def test_glossary_rows_merge_the_sources_of_one_expansion_and_keep_the_supplement_apart():
    glossary = Glossary(
        [
            Definition("CR", "complete remission", "Table 1 footnote"),
            Definition("CR", "complete remission", "Table 2 footnote"),
            Definition("CR", "complete response", SUPPLEMENT_SOURCE),
            Definition("ALL", "acute lymphoblastic leukemia", "Figure 1 legend"),
        ]
    )
    rows = glossary_rows(glossary)
    assert [(row.abbr, row.expansion, row.source, row.from_source) for row in rows] == [
        ("ALL", "acute lymphoblastic leukemia", "Figure 1 legend", True),
        ("CR", "complete remission", "Table 1 footnote; Table 2 footnote", True),
        ("CR", "complete response", SUPPLEMENT_SOURCE, False),
    ]
    assert len({row.key for row in rows}) == 3


def test_glossary_rows_match_text_terms_only():
    rows = glossary_rows(
        Glossary(
            [
                Definition("CR", "complete remission", "Table 1 footnote"),
                Definition("ALL", "acute lymphoblastic leukemia", "Figure 1 legend"),
            ]
        )
    )

    def shown(text: str) -> list[str]:
        query = parse_query(text, ["Population"]) if text else None
        return [row.abbr for row in matching_rows(rows, query)]

    assert shown("") == ["ALL", "CR"]
    assert shown("remission") == ["CR"]
    assert shown("-remission") == ["ALL"]
    assert shown("figure") == ["ALL"]  # where it is defined is searched too
    assert shown("leukemia n>=10") == ["ALL"]  # comparisons do not apply to the glossary


def test_shipped_assembled_entries_name_their_source_parts(shipped_evidence):
    glossary = {d.abbr: d for group in shipped_evidence.glossary.definitions() for d in group}
    assert glossary["BCL-XL"].source == (
        "assembled from source definitions (BCL-2 and XL in the Figure 1 legend) by ven-tui"
    )
    assert "Table 1 footnote" in glossary["ETP-ALL"].source
    assert "LBL, and T-cell from ETP, in the Table 1 footnote" in glossary["T-LBL"].source
    assert not glossary["BCL-XL"].from_source  # the assembly is ven-tui's own
    assert glossary["Ph-like"].source == "not defined in the source (ven-tui supplement)"
    assert "BCR::ABL1-negative" in glossary["Ph-like"].expansion


def test_shipped_term_notes_are_glossary_entries_labelled_as_ven_tuis(shipped_evidence):
    rows = glossary_rows(shipped_evidence.glossary)
    notes = {row.abbr: row for row in rows if row.key.endswith("|note")}
    assert set(notes) == {"MRD", "HSCT", "allo-HCT", "AML"}
    assert all(row.source == OWN_NOTE_SOURCE and not row.from_source for row in notes.values())
    assert notes["MRD"].expansion.startswith("measurable residual disease, the current term")
    assert '"minimal residual disease" (Table 1 footnote)' in notes["MRD"].expansion
    assert "allo-HCT" in notes["HSCT"].expansion and "Table 1 footnote" in notes["HSCT"].expansion
    assert "HSCT" in notes["allo-HCT"].expansion and "Table 3" in notes["allo-HCT"].expansion
    assert "older synonym, not an error" in notes["AML"].expansion
    # Each note follows the source's own entry for its abbreviation.
    abbrs = [row.abbr for row in rows]
    for abbr, row in notes.items():
        assert rows[abbrs.index(abbr)].from_source and rows.index(row) == abbrs.index(abbr) + 1
    # The source's definition stays the one rows show.
    assert shipped_evidence.glossary.best("MRD", ()).expansion == "minimal residual disease"


def test_term_notes_need_the_source_definitions_they_comment_on():
    only_mrd = Glossary([Definition("MRD", "Minimal residual disease", "Table 9 footnote")])
    [note] = [row for row in glossary_rows(only_mrd) if row.key.endswith("|note")]
    assert "(Table 9 footnote)" in note.expansion
    other = Glossary(
        [
            Definition("MRD", "minimal residual disease", SUPPLEMENT_SOURCE),
            Definition("HSCT", "hematopoietic stem cell transplantation", "Table 3 footnote"),
        ]
    )
    assert not [row for row in glossary_rows(other) if row.key.endswith("|note")]


_PIECES = st.sampled_from(
    [
        "alpha",
        "beta",
        "Gamma",
        "and",
        "plus",
        "of",
        "a1",
        "b2c",
        "9x",
        "(AB)",
        "(ABC)",
        "(AB regimen)",
        "(A1)",
        "(",
        ")",
        " ",
        "-",
        "n = 12",
        "[17]",
        "B-cell",
        "é",
        "٣",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=12).map(" ".join))
@example("the alpha1 beta (AB) of b2c and 9x (ABC)")
def test_inline_definitions_do_not_depend_on_digits(text):
    """The glossary finds a cell's inline definitions once for all cells that differ from
    it only in their digits; that is sound only if the spans are the same."""
    keyed = text.translate(glossary._DIGITS_TO_ZERO)
    assert glossary._inline_spans(keyed) == glossary._inline_spans(text)
    expected = [(d.abbr, d.expansion) for d in inline_definitions(text, "s")]
    if text.startswith("the alpha1"):
        assert expected == [("AB", "alpha1 beta")]
    assert [(a, text[s:e].rstrip()) for a, s, e in glossary._inline_spans(keyed)] == expected
