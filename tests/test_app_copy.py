"""Copying from the browser (c, C, u) and ``--pick``: the clipboard text and what is announced."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rich.console import Console

from tests.browsing import notifications
from tui.app import VenTuiApp
from tui.domain import Evidence, load_evidence
from tui.domain.copy_text import copy_ids, copy_urls, preview, row_citation
from tui.screens import HelpScreen
from tui.screens.help import render_help

SIZE = (120, 40)
HOSTILE = Path(__file__).resolve().parent / "data" / "hostile.json"
CONTROLS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
CITATION_19 = (
    "[19] R/R T-ALL (n = 13) — Venetoclax + various chemo regimens — 60% BM remission, "
    "OS 7.7 months (J Hematol 2025;14(4):193-201, Table 1)"
)


def last_notice(app: VenTuiApp) -> tuple[str, str, str]:
    """(title, message, severity) of the newest notification."""
    notice = notifications(app)[-1]
    return notice.title, notice.message, notice.severity


def notices(app: VenTuiApp) -> int:
    return len(notifications(app))


# -- the domain: what a selection becomes ------------------------------------------------


def test_ids_are_unique_one_per_line_in_the_order_given(shipped_evidence: Evidence) -> None:
    phase1, phase2 = shipped_evidence.records["phase1"], shipped_evidence.records["phase2"]
    clip = copy_ids([phase2[4], phase1[0], phase2[0]])  # phase2[4] is also phase1[0]

    assert clip.text == "NCT06082934\nNCT06578546"
    assert clip.title == "Copied 2 NCT IDs"
    assert clip.message == "NCT06082934, NCT06578546"


def test_a_published_row_becomes_a_one_line_citation(shipped_evidence: Evidence) -> None:
    record = shipped_evidence.records["published"][2]
    source = "J Hematol 2025;14(4):193-201, Table 1"

    assert row_citation(record, source) == CITATION_19
    clip = copy_ids([record], {"published": source})
    assert (clip.text, clip.title) == (CITATION_19, "Copied citation of [19]")


def test_marked_published_rows_are_left_out_when_trials_are_marked_too(
    shipped_evidence: Evidence,
) -> None:
    published, phase1 = shipped_evidence.records["published"], shipped_evidence.records["phase1"]
    clip = copy_ids([published[0], phase1[1]])

    assert clip.text == "NCT03319901"
    assert "1 row without an NCT ID left out" in clip.message


def test_a_published_row_has_no_address_so_u_copies_nothing(shipped_evidence: Evidence) -> None:
    clip = copy_urls([shipped_evidence.records["published"][0]])

    assert clip.empty
    assert clip.title == "No ClinicalTrials.gov address"


def test_preview_names_items_while_they_fit_then_counts_the_rest() -> None:
    ids = [f"NCT0000000{i}" for i in range(9)]

    assert preview(ids[:2]) == "NCT00000000, NCT00000001"
    shortened = preview(ids)
    assert shortened.startswith("NCT00000000, NCT00000001, ")
    assert shortened.endswith(", … (+4)")
    assert preview(["x" * 300]) == "x" * 300, "one long item is shown whole"


# -- the keys in the browser -------------------------------------------------------------


async def test_c_on_a_trial_copies_its_nct_id_and_says_so(shipped_evidence: Evidence) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "c")
        await pilot.pause()

        assert app.clipboard == "NCT06082934"
        assert last_notice(app) == ("", "Copied NCT06082934", "information")


async def test_a_new_copy_replaces_the_notice_of_the_last_one(shipped_evidence: Evidence) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "c", "j", "c")
        await pilot.pause()

        assert app.clipboard == "NCT03319901"
        assert notices(app) == 1
        assert last_notice(app)[1] == "Copied NCT03319901"


async def test_c_on_a_published_study_copies_a_citation(shipped_evidence: Evidence) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "j", "j", "c")
        await pilot.pause()

        assert app.clipboard == CITATION_19
        title, message, _ = last_notice(app)
        assert title == "Copied citation of [19]"
        assert message == CITATION_19


async def test_marks_then_c_copy_the_marked_ids_in_table_order(shipped_evidence: Evidence) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        # Mark row 3, then row 1: copied in table order, not marking order.
        await pilot.press("3", "j", "j", "space", "k", "k", "space", "j", "c")
        await pilot.pause()

        assert app.clipboard == "NCT06578546\nNCT06393985"
        assert last_notice(app)[:2] == ("Copied 2 NCT IDs", "NCT06578546, NCT06393985")
        assert app.screen.picked_ids() == ["NCT06578546", "NCT06393985"]


async def test_marks_count_across_tables_for_c_and_pick(shipped_evidence: Evidence) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "j", "space", "3", "space", "4", "c")
        await pilot.pause()

        assert app.clipboard == "NCT03319901\nNCT06578546"
        assert app.screen.picked_ids() == ["NCT03319901", "NCT06578546"]
        message = last_notice(app)[1]
        assert message.endswith("(marked in Phase I trials, Phase II trials)")


async def test_shift_c_copies_every_id_the_filter_leaves(shipped_evidence: Evidence) -> None:
    expected = [
        r.nct_id for r in shipped_evidence.records["phase2"] if "t-all" in r.search_text.casefold()
    ]
    assert 0 < len(expected) < len(shipped_evidence.records["phase2"])
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "slash", *"t-all", "enter")
        await pilot.pause()
        await pilot.press("C")
        await pilot.pause()

        assert app.clipboard == "\n".join(expected)
        assert last_notice(app)[0] == f"Copied {len(expected)} NCT IDs"


async def test_shift_c_on_published_studies_copies_one_citation_per_row(
    shipped_evidence: Evidence,
) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"pop:t-all", "enter")
        await pilot.pause()
        await pilot.press("C")
        await pilot.pause()

        lines = app.clipboard.split("\n")
        assert len(lines) == len(app.screen.active_table.visible_records) > 1
        assert CITATION_19 in lines
        assert all(line.startswith("[") and "Table 1)" in line for line in lines)
        assert last_notice(app)[0] == f"Copied {len(lines)} citations"


async def test_u_copies_the_clinicaltrials_address(shipped_evidence: Evidence) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "u")
        await pilot.pause()

        assert app.clipboard == "https://clinicaltrials.gov/study/NCT06082934"
        assert last_notice(app)[:2] == (
            "Copied the address of NCT06082934",
            "https://clinicaltrials.gov/study/NCT06082934",
        )


async def test_u_on_a_published_study_copies_nothing_and_says_why(
    shipped_evidence: Evidence,
) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "c", "1", "u")
        await pilot.pause()

        assert app.clipboard == "NCT06082934", "the earlier copy stays"
        title, message, severity = last_notice(app)
        assert (title, severity) == ("No ClinicalTrials.gov address", "warning")
        assert "c copies a citation" in message


@pytest.mark.parametrize("key", ["c", "C", "u"])
async def test_copy_keys_on_the_glossary_tab_say_there_is_nothing_to_copy(
    shipped_evidence: Evidence, key: str
) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", key)
        await pilot.pause()

        assert app.clipboard == ""
        title, _, severity = last_notice(app)
        assert (title, severity) == ("Nothing to copy on Glossary", "warning")


async def test_copy_keys_type_into_the_filter_while_it_has_focus(
    shipped_evidence: Evidence,
) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", "c", "u", "C")
        await pilot.pause()

        assert app.clipboard == ""
        assert notices(app) == 0
        assert app.screen.query_one("#filter Input").value == "cuC"


async def test_help_lists_the_copy_keys_and_the_tmux_setting(shipped_evidence: Evidence) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(
            str(line) for _, keys in app.screen.sections for line in (k.keys for k in keys)
        )
        assert {"c", "C", "u"} <= set(text.split("\n"))
        console = Console(record=True, width=200, file=io.StringIO())
        console.print(render_help(app.screen.sections))
        rendered = " ".join(console.export_text().split())
        assert "set -g set-clipboard on" in rendered


async def test_hostile_data_never_puts_a_control_character_on_the_clipboard() -> None:
    evidence = load_evidence(HOSTILE)
    app = VenTuiApp(evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for tab in "123":
            await pilot.press(tab)
            table = app.screen.active_table
            for record in table.visible_records:
                table.move_to(record.key)
                for key in "cu":
                    await pilot.press(key)
                    await pilot.pause()
                    assert not CONTROLS.search(app.clipboard.replace("\n", "")), app.clipboard
                    for part in last_notice(app)[:2]:
                        assert not CONTROLS.search(part.replace("\n", "")), part
            await pilot.press("C")
            await pilot.pause()
            assert app.clipboard
            assert not CONTROLS.search(app.clipboard.replace("\n", ""))


# -- --pick: what q returns ---------------------------------------------------------------


async def test_q_returns_the_marks_of_every_table_in_tab_then_table_order(
    shipped_evidence: Evidence,
) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "space", "2", "j", "space", "5", "q")
        await pilot.pause()
    assert app.return_value == ["NCT03319901", "NCT06578546"]


async def test_q_on_a_published_row_without_marks_returns_nothing(
    shipped_evidence: Evidence,
) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "q")
        await pilot.pause()
    assert app.return_value == []


async def test_q_without_marks_returns_the_highlighted_trial(shipped_evidence: Evidence) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "j", "q")
        await pilot.pause()
    assert app.return_value == ["NCT05376111"]
