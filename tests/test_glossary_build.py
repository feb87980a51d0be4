"""How the glossary is assembled and where each entry says it comes from (no Pilot).

Mutation testing found these unchecked: a continuation after the second definition of a
footnote, inline definitions in table cells and their provenance, the supplement giving way
to a source definition, and the capitalised spelling of hyphenated abbreviations.
"""

from __future__ import annotations

import time

from tui.domain.glossary import (
    Definition,
    Glossary,
    build_glossary,
    legend_definitions,
    parse_definition_list,
)
from tui.domain.models import Citation, Dataset, Figure, SourceRow, SourceTable
from tui.domain.supplementary import ASSEMBLED, SUPPLEMENT_SOURCE, SUPPLEMENTARY

CITATION = Citation("J", "J", "", "", "", "", "", "", 1, 1, "", 2025, "1-2", "T")


def dataset(
    legend: str = "Figure text.",
    footnote: str = "ALL: acute lymphoblastic leukemia.",
    published: list[dict[str, str]] | None = None,
    trials: list[dict[str, str]] | None = None,
) -> Dataset:
    tables = [
        SourceTable(
            id="published",
            label="Table 1",
            title="Published",
            columns=["Population", "Outcome"],
            footnote=footnote,
            rows=[SourceRow(cells) for cells in published or []],
        ),
        SourceTable(
            id="phase1",
            label="Table 2",
            title="Trials",
            columns=["Study number", "Intervention"],
            footnote="",
            rows=[SourceRow(cells) for cells in trials or []],
            nct_column="Study number",
        ),
    ]
    return Dataset(CITATION, Figure("Figure 1", legend), tables)


def entries(glossary: Glossary) -> dict[str, list[tuple[str, str]]]:
    return {
        group[0].abbr: [(d.expansion, d.source) for d in group] for group in glossary.definitions()
    }


def test_a_piece_without_a_colon_continues_the_last_definition_not_the_first() -> None:
    found = parse_definition_list("A: alpha; B: beta; C: c; gamma; D: d.", "s")
    assert [(d.abbr, d.expansion) for d in found] == [
        ("A", "alpha"),
        ("B", "beta"),
        ("C", "c; gamma"),
        ("D", "d"),
    ]
    assert parse_definition_list("stray; A: alpha", "s") == [Definition("A", "alpha", "s")]


def test_a_legend_without_a_list_defines_nothing() -> None:
    assert legend_definitions("A legend that defines nothing", "s") == []
    assert legend_definitions("Text. AB: a b", "s") == [Definition("AB", "a b", "s")]


def test_inline_definitions_in_cells_name_their_table_row_and_heading() -> None:
    glossary = build_glossary(
        dataset(
            published=[
                {"Population": "Adults [17]", "Outcome": "minimal residual disease (MRD) 5%"},
                {"Population": "No reference", "Outcome": "overall survival (OS)"},
            ],
            trials=[
                {"Study number": "NCT00000001", "Intervention": "best supportive care (BSC)"},
                {"Intervention": "watch and wait (WW)"},
            ],
        )
    )
    found = entries(glossary)
    assert found["MRD"] == [
        ("minimal residual disease", "defined inline in Table 1, ref. [17], Outcome")
    ]
    assert found["OS"] == [("overall survival", "defined inline in Table 1, a row, Outcome")]
    assert found["BSC"] == [
        ("best supportive care", "defined inline in Table 2, NCT00000001, Intervention")
    ]
    assert found["WW"] == [("watch and wait", "defined inline in Table 2, ?, Intervention")]


def test_inline_definitions_in_the_legend_say_so() -> None:
    glossary = build_glossary(dataset(legend="Outer mitochondrial membrane (OMM) opens."))
    assert entries(glossary)["OMM"] == [
        ("Outer mitochondrial membrane", "defined inline in the Figure 1 legend")
    ]


def test_the_legend_list_is_labelled_with_the_figure() -> None:
    glossary = build_glossary(dataset(legend="Figure text. XY: x y."))
    assert entries(glossary)["XY"] == [("x y", "Figure 1 legend")]


def test_the_supplement_gives_way_to_a_definition_in_the_source() -> None:
    assert "CR" in SUPPLEMENTARY
    plain = entries(build_glossary(dataset()))
    assert plain["CR"] == [(SUPPLEMENTARY["CR"], SUPPLEMENT_SOURCE)]
    defined = entries(build_glossary(dataset(footnote="CR: complete response.")))
    assert defined["CR"] == [("complete response", "Table 1 footnote")]


def test_a_capitalised_hyphenated_spelling_groups_with_the_lower_case_one() -> None:
    glossary = Glossary(
        [
            Definition("mini-hyper-CVD", "reduced", "Table 1 footnote"),
            Definition("Mini-hyper-CVD", "reduced too", "Table 2 footnote"),
            Definition("Ph", "Philadelphia chromosome", "Table 1 footnote"),
        ]
    )
    groups = {group[0].abbr: len(group) for group in glossary.definitions()}
    assert groups == {"mini-hyper-CVD": 2, "Ph": 1}
    assert glossary.find("Mini-hyper-CVD then mini-hyper-CVD") == [
        ("Mini-hyper-CVD", "mini-hyper-CVD")
    ]
    assert glossary.find("ph is not Ph") == [("Ph", "Ph")]  # "ph" is a word, not the entry


def test_a_capitalised_only_entry_is_also_found_in_lower_case() -> None:
    glossary = Glossary([Definition("Low-dose", "low dose", "s")])
    assert glossary.find("low-dose") == [("low-dose", "low-dose")]
    assert glossary.find("Low-dose") == [("Low-dose", "low-dose")]
    assert [group[0].abbr for group in glossary.definitions()] == ["Low-dose"]


def test_best_falls_back_to_a_source_definition_before_the_supplement() -> None:
    glossary = Glossary(
        [
            Definition("CR", "complete remission", SUPPLEMENT_SOURCE),
            Definition("CR", "complete response", "Table 2 footnote"),
        ]
    )
    assert glossary.best("CR", ["Table 9 footnote"]).expansion == "complete response"
    assert glossary.best("CR", [SUPPLEMENT_SOURCE]).expansion == "complete remission"
    only_ours = Glossary([Definition("XX", "ours", SUPPLEMENT_SOURCE)])
    assert only_ours.best("XX", []).expansion == "ours"


def test_a_repeated_definition_is_kept_once() -> None:
    same = Definition("AB", "a b", "s")
    glossary = Glossary([same, same, Definition("AB", "a b", "t")])
    assert glossary.definitions() == [[same, Definition("AB", "a b", "t")]]


def test_an_acronym_needs_every_initial_not_only_the_last_ones() -> None:
    from tui.domain.glossary import inline_definitions

    assert inline_definitions("gamma beta (AB)", "s") == []
    assert inline_definitions("beta (AB)", "s") == []
    assert inline_definitions("alpha beta (AB)", "s") == [Definition("AB", "alpha beta", "s")]


def test_an_empty_glossary_finds_nothing() -> None:
    assert Glossary([]).find("any text at all") == []
    assert Glossary([]).definitions() == []


def test_a_lower_case_initial_is_also_found_capitalised() -> None:
    glossary = Glossary([Definition("pH", "acidity", "s")])
    assert glossary.find("PH 7 and pH") == [("PH", "pH")]


def test_assembled_supplement_entries_name_the_parts_they_come_from() -> None:
    found = entries(build_glossary(dataset()))
    for abbr, source in ASSEMBLED.items():
        assert found[abbr] == [(SUPPLEMENTARY[abbr], source)], abbr


def _many_rows_defining_one_acronym(rows: int) -> Dataset:
    trials = [
        {
            "Study number": f"NCT{10_000_000 + n:08d}",
            "Intervention": f"alpha beta charlie (ABC) {n}",
        }
        for n in range(rows)
    ]
    return dataset(trials=trials)


def _best_seconds(rows: int) -> float:
    data = _many_rows_defining_one_acronym(rows)
    best = float("inf")
    for _ in range(3):
        began = time.perf_counter()
        glossary = build_glossary(data)
        best = min(best, time.perf_counter() - began)
    assert len(entries(glossary)["ABC"]) == rows  # one definition per row, each its own source
    return max(best, 1e-6)


def test_rows_defining_one_acronym_inline_build_in_linear_time() -> None:
    """Each row's definition has its own source; grouping them by a list's ``in`` made 4,000
    rows take 1.8 s (quadratic: 100,000 rows would hang). Ten times the rows must be
    about ten times the work, far from the hundred of quadratic growth."""
    ratio = _best_seconds(4_000) / _best_seconds(400)
    assert ratio < 30, f"10x the rows took {ratio:.0f}x the time"
