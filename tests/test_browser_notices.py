"""The words of the browser's notices, decided from the state alone."""

from __future__ import annotations

from tui.domain import load_evidence, parse_query
from tui.domain.browser_notices import (
    copy_clip,
    jump_notice,
    jump_refusal,
    restriction_kept_notice,
    restriction_notice,
)
from tui.domain.browser_state import BrowserState, Restriction
from tui.resources import default_data_path

EVIDENCE = load_evidence(default_data_path())


def state_on(table_id: str) -> BrowserState:
    return BrowserState.of(EVIDENCE).showing(table_id)


def test_c_names_the_tables_of_marks_made_elsewhere() -> None:
    phase1 = EVIDENCE.records["phase1"][0]
    state = state_on("phase1").toggled_mark(phase1.key).showing("phase2")
    clip = copy_clip(state, "ids")
    assert clip.text == phase1.nct_id
    assert clip.message.endswith("(marked in Phase I trials)")
    here = copy_clip(state.showing("phase1"), "ids")
    assert "marked in" not in here.message


def test_copy_off_the_tables_copies_nothing_and_says_where_to_go() -> None:
    clip = copy_clip(state_on("glossary"), "ids")
    assert clip.empty
    assert clip.title == "Nothing to copy on Glossary"
    assert "(tabs 1-3)" in clip.message


def test_shift_c_on_find_copies_every_matching_id_across_tables() -> None:
    state = BrowserState.of(EVIDENCE)
    query = parse_query("ph:pos setting:nd", EVIDENCE.all_columns())
    clip = copy_clip(state.filtered(query).showing("find"), "all")
    assert clip.text.splitlines() == ["NCT06082934", "NCT04872790", "NCT06578546", "NCT05594784"]


def test_u_copies_addresses_of_the_highlighted_trial() -> None:
    clip = copy_clip(state_on("phase2"), "urls")
    nct = EVIDENCE.records["phase2"][0].nct_id
    assert clip.text == f"https://clinicaltrials.gov/study/{nct}"


def test_x_refuses_with_a_reason() -> None:
    published = state_on("published")
    assert jump_refusal(published) == (
        "This row has no NCT ID, so it has no listing in another table."
    )
    only_here = state_on("phase2")
    assert "is listed only here, in Table 3 (Phase II trials)" in (jump_refusal(only_here) or "")
    assert "choose the tables (tabs 1-3) first" in (jump_refusal(state_on("about")) or "")


def test_x_says_what_it_cleared_and_only_that() -> None:
    twice = next(
        r
        for r in EVIDENCE.records["phase1"]
        if r.nct_id and len(EVIDENCE.tables_listing(r.nct_id)) > 1
    )
    other = next(r for r in EVIDENCE.tables_listing(twice.nct_id or "") if r.key != twice.key)
    before = state_on("phase1").moved_to("phase1", twice.key)
    assert jump_notice(before, before.jumped()) is None  # nothing hid it

    only_this = before.restricted(Restriction("an agent", frozenset({twice.key})))
    after = only_this.jumped()
    assert after.restriction is None and after.detail() == other
    notice = jump_notice(only_this, after)
    assert notice is not None and notice.severity == "warning"
    assert notice.message.startswith("The restriction to rows using an agent hid Table 3")
    assert notice.message.endswith("so it was cleared. Press / to filter again.")

    # Table 3 has no Intervention column: a term on it keeps the Phase I entry alone.
    word = twice.cells["Intervention"].split()[0].casefold()
    text = f"intervention:{word}"
    filtered = before.filtered(parse_query(text, EVIDENCE.all_columns()))
    assert filtered.detail() == twice
    after = filtered.jumped()
    assert after.query is None and after.detail() == other
    notice = jump_notice(filtered, after)
    assert notice is not None and notice.message.startswith(f"The filter “{text}” hid Table 3")


def test_restriction_notices_name_the_tabs_from_the_registry() -> None:
    state = state_on("agents").restricted(Restriction("blinatumomab", frozenset({"phase2:2"})))
    notice = restriction_notice(state)
    assert notice is not None
    assert notice.message.startswith("The tables (tabs 1-3) and the chart show only the 1 rows")
    kept = restriction_kept_notice(state)
    assert kept is not None and "7 (Agents)" in kept.message
    assert restriction_notice(state.restricted(None)) is None
