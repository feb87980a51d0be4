"""Pilot tests for every key of the browser, on the shipped dataset."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette
from textual.widgets import Input

from tests.browsing import cursor_key
from tui.app import VenTuiApp
from tui.domain import Evidence
from tui.screens import HelpScreen, MainScreen
from tui.widgets import AboutView, DetailPane, EvidenceTable
from tui.widgets.row_view import RowView
from tui.widgets.tab_strip import TabStrip

SIZE = (120, 40)


def table_of(app: VenTuiApp) -> EvidenceTable:
    table = app.screen.active_table
    assert table is not None
    return table


@pytest.mark.parametrize(
    ("key", "pane", "widget"),
    [
        ("1", "pane-published", "_RowTable"),
        ("2", "pane-phase1", "_RowTable"),
        ("3", "pane-phase2", "_RowTable"),
        ("4", "pane-glossary", "NavTable"),
        ("5", "pane-about", "AboutView"),
        ("6", "pane-compare", "CompareChart"),
        ("7", "pane-agents", "NavTable"),
    ],
)
async def test_number_keys_jump_to_tabs_and_focus_them(
    shipped_evidence: Evidence, key: str, pane: str, widget: str
) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("3" if key == "1" else "1")
        await pilot.press(key)
        await pilot.pause()
        assert app.screen.active_pane == pane
        assert type(app.focused).__name__ == widget


async def test_tab_order_and_titles(shipped_evidence: Evidence) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE):
        labels = [app.screen.tab_label(index) for index in range(9)]
        # Without counts the tables keep their full names; the later tabs go short first.
        assert labels == [
            "Published studies",
            "Phase I trials",
            "Phase II trials",
            "Glossary",
            "About",
            "Compare",
            "Agents",
            "Find",
            "Outcomes",
        ]


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        (["j"], "published:1"),
        (["down", "down"], "published:2"),
        (["j", "j", "k"], "published:1"),
        (["down", "up"], "published:0"),
        (["G"], "published:11"),
        (["end"], "published:11"),
        (["G", "g"], "published:0"),
        (["end", "home"], "published:0"),
    ],
)
async def test_movement_keys(shipped_evidence: Evidence, keys: list[str], expected: str) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        assert cursor_key(app) == expected


async def test_page_down_and_up_move_by_a_page(shipped_evidence: Evidence) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("pagedown")
        await pilot.pause()
        after_down = table_of(app).cursor_record.index
        assert after_down > 1
        await pilot.press("pageup")
        await pilot.pause()
        assert cursor_key(app) == "published:0"


async def test_d_hides_and_shows_the_detail_pane(shipped_evidence: Evidence) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        pane = app.screen.query_one(DetailPane)
        assert pane.display
        await pilot.press("d")
        await pilot.pause()
        assert not pane.display
        await pilot.press("d")
        await pilot.pause()
        assert pane.display


async def test_detail_pane_is_hidden_on_glossary_and_about(shipped_evidence: Evidence) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("4")
        await pilot.pause()
        assert not app.screen.query_one(DetailPane).display
        await pilot.press("1")
        await pilot.pause()
        assert app.screen.query_one(DetailPane).display


async def test_about_tab_shows_citation_and_legend(shipped_evidence: Evidence) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("5")
        await pilot.pause()
        text = app.screen.query_one(AboutView).query_one(".about-body").content.plain
        assert shipped_evidence.dataset.citation.title in text
        assert shipped_evidence.dataset.figure.legend[:60] in text
        assert "Verbatim" in text and "Derived by ven-tui" in text


async def test_question_mark_opens_help_listing_every_key(shipped_evidence: Evidence) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        described = {
            help_line.description: help_line.keys
            for _, lines in app.screen.sections
            for help_line in lines
        }
        # Whole key names, not substrings of one joined string ("s" is inside "space").
        keys = {key.strip() for joined in described.values() for key in joined.split(",")}
        for expected in ("1", "5", "7", "j", "k", "g", "G", "/", "s", "d", "?", "q"):
            assert expected in keys, (expected, sorted(keys))
        folded = {key.casefold() for key in keys}
        for expected in ("home", "end", "pgup", "pgdn", "space", "^p", "⏎", "esc"):
            assert expected in folded, (expected, sorted(keys))
        for expected in ("←", "→", "↓", "↑"):
            assert expected in keys, (expected, sorted(keys))
        assert "Quit" in described
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_slash_focuses_the_filter(shipped_evidence: Evidence) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.focused, Input)


async def test_space_marks_and_q_returns_marked_ids(shipped_evidence: Evidence) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2", "space", "j", "j", "space", "j", "space", "k", "space")
        await pilot.pause()
        table = table_of(app)
        assert table.marked_keys == ["phase1:0", "phase1:3"]
        status = table.query_one(".status").content.plain
        assert "● 2 marked" in status
        rows = table.query_one(RowView)
        assert rows.get_row_at(0)[0].plain == "●"
        assert rows.get_row_at(1)[0].plain == " "
        await pilot.press("q")
        await pilot.pause()
    assert app.return_value == ["NCT06082934", "NCT05016947"]


async def test_q_without_marks_returns_the_highlighted_id(shipped_evidence: Evidence) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("3", "j", "q")
        await pilot.pause()
    assert app.return_value == ["NCT05376111"]


async def test_q_on_a_published_study_returns_nothing(shipped_evidence: Evidence) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
    assert app.return_value == []


async def test_command_palette_offers_the_apps_actions(shipped_evidence: Evidence) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Hide or show the detail pane" in titles
        assert "Show tab: Glossary" in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"detail pane")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert not app.screen.query_one(DetailPane).display


async def test_keys_typed_ahead_reach_the_widget_focused_by_earlier_keys(
    shipped_evidence: Evidence,
) -> None:
    """Keys arriving in one burst (fast typing, one SSH packet) are routed in order."""
    from textual import events

    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        burst = ["2", "slash", "r", "slash", "r", "enter", "3", "j"]
        for key in burst:
            app.post_message(events.Key(key, "/" if key == "slash" else key))
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query_one(Input).value == "r/r"
        assert app.screen.active_pane == "pane-phase2"
        assert cursor_key(app) == "phase2:8"


async def test_clicking_a_tab_switches_to_it(shipped_evidence: Evidence) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        start, end = app.screen.query_one(TabStrip).span(1)
        await pilot.click(TabStrip, offset=(start, 0))
        await pilot.pause()
        assert app.screen.active_pane == "pane-phase1"
        assert cursor_key(app) == "phase1:0"


async def test_palette_command_focuses_the_filter(shipped_evidence: Evidence) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"focus the filter")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.focused, Input)


async def test_every_key_is_harmless_when_the_filter_hides_every_row(
    shipped_evidence: Evidence,
) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"zzzz", "enter")
        await pilot.press("j", "k", "G", "g", "s", "s", "space", "l", "l", "h", "pagedown")
        await pilot.press("pageup", "d", "d", "tab", "j", "1")
        await pilot.pause()
        assert table_of(app).cursor_record is None
        assert table_of(app).marked_keys == []
        await pilot.press("q")
        await pilot.pause()
    assert app.return_value == []


async def test_the_palette_offers_the_screen_and_table_actions_it_can_run(
    shipped_evidence: Evidence,
) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        commands = {title: help_text for title, help_text, _ in app.screen.commands()}
        assert commands["Sort by the chosen column; again to reverse"] == "key s"
        assert commands["Mark or unmark the row"] == "key space"
        assert commands["Show tab: Agents"] == "key 7"
        assert not [title for title in commands if title.startswith("Choose the column")]
        run = {title: callback for title, _, callback in app.screen.commands()}
        await run["Sort by the chosen column; again to reverse"]()
        await pilot.pause()
        assert app.screen.active_table.sort_state == ("Population", False)
