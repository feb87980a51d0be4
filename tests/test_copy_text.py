"""What c, C and u put on the clipboard and say, exactly (tui.domain.copy_text, no Pilot).

Mutation testing found the copy rules checked mostly through Pilot; these pin each rule's
text and counts on small hand-made records, so a changed word or count fails here.
"""

from __future__ import annotations

from tui.domain.copy_text import (
    PREVIEW_CHARS,
    Clip,
    copy_ids,
    copy_urls,
    preview,
    row_citation,
    source_reference,
    unique_nct_ids,
)
from tui.domain.models import Citation
from tui.domain.records import Record

NOTHING_SHOWN = "No row is shown (the filter may hide every row)."


def rec(
    table: str,
    index: int,
    cells: dict[str, str],
    nct: str | None = None,
    reference: int | None = None,
) -> Record:
    return Record(
        table_id=table,
        index=index,
        cells=cells,
        note=None,
        nct_id=nct,
        reference=reference,
        n=None,
        abbreviations=(),
        cell_abbreviations={},
        metrics=(),
        search_text="",
        column_search_text={},
    )


TRIAL_A = rec("phase1", 0, {"Study number": "NCT00000001", "Population": "R/R"}, "NCT00000001")
TRIAL_B = rec("phase1", 1, {"Study number": "NCT00000002"}, "NCT00000002")
TRIAL_C = rec("phase2", 0, {"Study number": "NCT00000003"}, "NCT00000003")
STUDY_17 = rec("published", 0, {"Population": "Adults [17]", "Outcome": "CR 75%"}, None, 17)
STUDY_18 = rec("published", 1, {"Population": "Children [18, 19]", "Outcome": "OS"}, None, 18)
STUDY_NONE = rec("published", 2, {"Population": "No reference", "Outcome": ""})


def test_clip_is_empty_only_without_text() -> None:
    assert Clip("", "t").empty
    assert not Clip("x", "t").empty
    assert Clip("x", "t").message == ""


def test_one_trial_is_named_in_the_title_with_no_message() -> None:
    assert copy_ids([TRIAL_A]) == Clip("NCT00000001", "Copied NCT00000001", "")


def test_several_trials_are_counted_and_previewed() -> None:
    clip = copy_ids([TRIAL_A, TRIAL_B, TRIAL_A])
    assert clip == Clip("NCT00000001\nNCT00000002", "Copied 2 NCT IDs", "NCT00000001, NCT00000002")


def test_published_rows_left_out_are_counted_in_the_singular_and_plural() -> None:
    one = copy_ids([TRIAL_A, STUDY_17])
    assert one == Clip("NCT00000001", "Copied NCT00000001", "(1 row without an NCT ID left out)")
    two = copy_ids([STUDY_17, TRIAL_A, TRIAL_C, STUDY_18])
    assert two.text == "NCT00000001\nNCT00000003"
    assert two.message == "NCT00000001, NCT00000003\n(2 rows without an NCT ID left out)"


def test_nothing_selected_copies_nothing_and_says_why() -> None:
    assert copy_ids([]) == Clip("", "Nothing to copy", NOTHING_SHOWN)
    assert copy_urls([]) == Clip("", "Nothing to copy", NOTHING_SHOWN)


def test_published_rows_become_citations_with_their_source() -> None:
    clip = copy_ids([STUDY_17], {"published": "J 2025;1:2, Table 1"})
    assert clip.text == "[17] Adults — CR 75% (J 2025;1:2, Table 1)"
    assert clip.title == "Copied citation of [17]"
    assert clip.message == clip.text  # fits the preview


def test_several_citations_are_counted_once_each_without_a_source() -> None:
    clip = copy_ids([STUDY_17, STUDY_18, STUDY_17])
    assert clip.text == "[17] Adults — CR 75%\n[18] Children — OS"
    assert clip.title == "Copied 2 citations"
    assert clip.message == "[17] Adults — CR 75%, [18] Children — OS"


def test_one_row_without_a_reference_is_counted_not_named() -> None:
    clip = copy_ids([STUDY_NONE])
    assert clip == Clip("No reference", "Copied 1 citation", "No reference")


def test_citation_previews_get_twice_the_room_of_ids() -> None:
    long_rows = [rec("published", i, {"Population": "p" * 50}, None, 20 + i) for i in range(3)]
    clip = copy_ids(long_rows)
    # 55 characters each: two fit in 128, the third is counted
    assert clip.message.endswith(", … (+1)")
    assert clip.message.count("[2") == 2


def test_row_citation_drops_reference_marks_empty_cells_and_extra_spaces() -> None:
    record = rec(
        "published",
        0,
        {"A": "  Adults   with\tR/R [3–5] ALL ", "B": "", "C": "CR [4, 6] 60%"},
        None,
        3,
    )
    assert row_citation(record) == "[3] Adults with R/R ALL — CR 60%"
    assert row_citation(record, "src") == "[3] Adults with R/R ALL — CR 60% (src)"
    plain = rec("published", 0, {"A": "x\x1b[2Jy"})
    assert row_citation(plain) == "x\u241b[2Jy"  # the control shown, not sent


def test_unique_nct_ids_keep_first_order_and_skip_rows_without() -> None:
    assert unique_nct_ids([TRIAL_B, STUDY_17, TRIAL_A, TRIAL_B]) == ["NCT00000002", "NCT00000001"]
    assert unique_nct_ids([STUDY_17]) == []


def test_u_copies_addresses_one_per_trial() -> None:
    one = copy_urls([TRIAL_A])
    assert one == Clip(
        "https://clinicaltrials.gov/study/NCT00000001",
        "Copied the address of NCT00000001",
        "https://clinicaltrials.gov/study/NCT00000001",
    )
    two = copy_urls([TRIAL_A, STUDY_17, TRIAL_B, TRIAL_A])
    assert two.text.splitlines() == [
        "https://clinicaltrials.gov/study/NCT00000001",
        "https://clinicaltrials.gov/study/NCT00000002",
    ]
    assert two.title == "Copied 2 ClinicalTrials.gov addresses"
    assert two.message == (
        "https://clinicaltrials.gov/study/NCT00000001, … (+1)\n(1 row without an NCT ID left out)"
    )
    three = copy_urls([STUDY_17, STUDY_18, TRIAL_C])
    assert three.message.endswith("\n(2 rows without an NCT ID left out)")


def test_u_on_published_rows_copies_nothing_and_points_to_c() -> None:
    assert copy_urls([STUDY_17]) == Clip(
        "",
        "No ClinicalTrials.gov address",
        "This published study has no NCT ID, so no address; nothing copied (c copies a citation).",
    )
    assert copy_urls([STUDY_17, STUDY_18]).message.startswith("Published studies have no NCT ID")


def test_preview_counts_the_separator_and_stops_at_the_limit() -> None:
    assert preview([]) == ""
    assert preview(["abc"]) == "abc"
    assert preview(["a" * 10, "b" * 10], limit=22) == "a" * 10 + ", " + "b" * 10
    assert preview(["a" * 10, "b" * 10], limit=21) == "a" * 10 + ", … (+1)"
    assert preview(["a" * 10, "b" * 10, "c"], limit=22) == "a" * 10 + ", " + "b" * 10 + ", … (+1)"
    assert preview(["x" * 100, "y"], limit=10) == "x" * 100 + ", … (+1)"
    assert PREVIEW_CHARS == 64


def test_source_reference_leaves_out_a_missing_issue() -> None:
    citation = Citation(
        journal="J",
        journal_abbreviation="J Hematol",
        issn_print="",
        issn_online="",
        access="",
        copyright="",
        site="",
        article_type="",
        volume=14,
        issue=4,
        month="",
        year=2025,
        pages="193-201",
        title="",
    )
    assert source_reference(citation, "Table 1") == "J Hematol 2025;14(4):193-201, Table 1"
    no_issue = Citation(**{**citation.__dict__, "issue": 0})
    assert source_reference(no_issue, "Table 2") == "J Hematol 2025;14:193-201, Table 2"
