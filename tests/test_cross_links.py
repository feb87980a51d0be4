"""One trial in two tables: both entries side by side in the detail pane, and x between them."""

from __future__ import annotations

from dataclasses import replace

from rich.cells import cell_len
from textual.widgets import Input

from tests.browsing import choose_agent, cursor_key, notices
from tests.rendering import assert_screen_clean, screen_text
from tui.app import VenTuiApp
from tui.domain import Evidence, Record
from tui.widgets import AgentsView, DetailPane, EvidenceTable
from tui.widgets.cross_link import GUTTER, NO_COLUMN, jump_target, render_pair

PHASE1_POPULATION = "ALL (newly diagnosed or R/R"  # unclosed parenthesis, as printed
PHASE2_POPULATION = "R/R ALL (older patients)"
TITLES = {"phase1": "Table 2 (Phase I trials)", "phase2": "Table 3 (Phase II trials)"}


def record(evidence: Evidence, key: str) -> Record:
    table_id, index = key.split(":")
    return evidence.records[table_id][int(index)]


def detail(app: VenTuiApp) -> str:
    return app.screen.query_one(DetailPane).content.plain


async def go_to(pilot, app: VenTuiApp, tab: str, key: str) -> None:
    await pilot.press(tab)
    await pilot.pause()
    assert app.screen.active_table.move_to(key)
    await pilot.pause()


# -- rendering -----------------------------------------------------------------------


def test_shipped_nct03319901_side_by_side_has_both_population_cells_verbatim(
    shipped_evidence: Evidence,
) -> None:
    phase1, phase2 = record(shipped_evidence, "phase1:1"), record(shipped_evidence, "phase2:7")
    lines = render_pair(phase1, phase2, TITLES, width=76).plain.split("\n")
    assert lines[0].startswith("Table 2 (Phase I trials), row 2")
    assert "│ Table 3 (Phase II trials), row 8" in lines[0]
    population = lines[lines.index("Population") + 1]
    left, right = population.split(GUTTER)
    assert left.rstrip() == PHASE1_POPULATION
    assert right == PHASE2_POPULATION
    intervention = lines[lines.index("Intervention") + 1]
    assert intervention.split(GUTTER)[1] == NO_COLUMN, "phase II has no Intervention column"
    gutters = {cell_len(line[: line.index(GUTTER)]) for line in lines if GUTTER in line}
    assert gutters == {(76 - len(GUTTER)) // 2}, "one column boundary"
    assert all(cell_len(line) <= 76 for line in lines)


def test_narrow_width_stacks_this_entry_first(shipped_evidence: Evidence) -> None:
    phase2, phase1 = record(shipped_evidence, "phase2:7"), record(shipped_evidence, "phase1:1")
    text = render_pair(phase2, phase1, TITLES, width=40).plain
    assert GUTTER not in text
    assert text.index("Table 3 (Phase II trials), row 8") < text.index(
        "Table 2 (Phase I trials), row 2"
    )
    assert f"Population\n{PHASE2_POPULATION}\n" in text
    assert f"Population\n{PHASE1_POPULATION}\n" in text


def test_wide_characters_and_controls_keep_the_columns_aligned(shipped_evidence: Evidence) -> None:
    phase1, phase2 = record(shipped_evidence, "phase1:1"), record(shipped_evidence, "phase2:7")
    hostile = replace(
        phase2, cells={**phase2.cells, "Population": "急性リンパ性白血病\x1b]52;c;eA==\x07" * 3}
    )
    text = render_pair(phase1, hostile, TITLES, width=70).plain
    assert "\x1b" not in text and "\x07" not in text and "␛]52;c;eA==␇" in text
    columns = {cell_len(line[: line.index(GUTTER)]) for line in text.split("\n") if GUTTER in line}
    assert columns == {(70 - len(GUTTER)) // 2}


def test_jump_target_cycles_through_every_listing(shipped_evidence: Evidence) -> None:
    a, b = record(shipped_evidence, "phase1:1"), record(shipped_evidence, "phase2:7")
    c = replace(b, table_id="phase3", index=0)
    assert jump_target(a, [a, b]) == b and jump_target(b, [a, b]) == a
    assert [jump_target(r, [a, b, c]).key for r in (a, b, c)] == [b.key, c.key, a.key]
    assert jump_target(a, [a]) is None and jump_target(a, []) is None


# -- in the browser --------------------------------------------------------------------


async def test_shipped_detail_pane_shows_both_entries_on_screen(
    shipped_evidence: Evidence,
) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        await go_to(pilot, app, "2", "phase1:1")
        shown = assert_screen_clean(app, "side by side")
        row = next(line for line in shown.splitlines() if PHASE2_POPULATION in line)
        assert PHASE1_POPULATION in row, "the two Population cells share a screen row"
        assert "Same NCT ID also listed as Table 3 (Phase II trials), row 8" in detail(app)


async def test_narrow_terminal_puts_the_entries_side_by_side_in_the_pane_below(
    shipped_evidence: Evidence,
) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await go_to(pilot, app, "2", "phase1:1")
        lines = detail(app).split("\n")
        population = lines[lines.index("Population") + 1].split(GUTTER)
        assert [cell.rstrip() for cell in population] == [PHASE1_POPULATION, PHASE2_POPULATION]
        await pilot.resize_terminal(50, 30)
        await pilot.pause()
        stacked = detail(app)
        assert GUTTER not in stacked, "stacked when the pane is narrow"
        assert PHASE1_POPULATION in stacked and PHASE2_POPULATION in stacked


async def test_x_goes_to_phase2s_nct03319901_and_back(shipped_evidence: Evidence) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await go_to(pilot, app, "2", "phase1:1")
        await pilot.press("x")
        await pilot.pause()
        assert app.screen.active_pane == "pane-phase2"
        assert cursor_key(app) == "phase2:7"
        assert app.screen.query_one(DetailPane).record.key == "phase2:7"
        assert type(app.focused).__name__ == "_RowTable"
        assert "NCT03319901" in screen_text(app), "the row is scrolled into view"
        await pilot.press("x")
        await pilot.pause()
        assert app.screen.active_pane == "pane-phase1"
        assert cursor_key(app) == "phase1:1"
        assert notices(app) == [], "nothing to announce when nothing was cleared"


async def test_x_clears_a_filter_that_hides_the_other_entry_and_says_so(
    shipped_evidence: Evidence,
) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("3", "/", *"older", "enter")
        await pilot.pause()
        assert [r.key for r in app.screen.active_table.visible_records] == ["phase2:7"]
        await pilot.press("x")
        await pilot.pause()
        assert cursor_key(app) == "phase1:1"
        assert app.screen.query_one(Input).value == ""
        assert app.screen.query_value is None
        assert "The filter “older” hid Table 2 (Phase I trials), row 2" in notices(app)[-1]
        assert len(app.screen.query_one("#pane-phase2", EvidenceTable).visible_records) == 12


async def test_x_lifts_an_agent_restriction_that_hides_the_other_entry(
    shipped_evidence: Evidence,
) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await choose_agent(pilot, app, "cytarabine")
        view = app.screen.query_one(AgentsView)
        await pilot.press("2")
        await pilot.pause()
        assert cursor_key(app) == "phase1:1"  # the only phase I row using cytarabine
        await pilot.press("x")
        await pilot.pause()
        assert cursor_key(app) == "phase2:7"
        assert app.screen.agent_filter is None and view.chosen is None
        assert "restriction to rows using cytarabine hid" in notices(app)[-1]


async def test_x_without_another_listing_stays_put_and_says_why(
    shipped_evidence: Evidence,
) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await go_to(pilot, app, "2", "phase1:3")
        await pilot.press("x")
        await pilot.pause()
        assert app.screen.active_pane == "pane-phase1" and cursor_key(app) == "phase1:3"
        assert notices(app)[-1] == "NCT05016947 is listed only here, in Table 2 (Phase I trials)."
        await pilot.press("1", "x")
        await pilot.pause()
        assert cursor_key(app) == "published:0"
        assert "no NCT ID" in notices(app)[-1]
        await pilot.press("4", "x", "6", "x")
        await pilot.pause()
        assert app.screen.active_pane == "pane-compare"
        assert "choose the tables (tabs 1-3) first" in notices(app)[-1]
        await pilot.press("/", "x")
        await pilot.pause()
        assert app.screen.query_one(Input).value == "x", "in the filter x is text"
        assert app.is_running and app.unexpected_error is None
