"""The Compare (6) and Agents (7) tabs inside the browser: agent filter, chart follows, help."""

from __future__ import annotations

from tests.browsing import choose_agent, notices
from tests.conftest import FIXTURES
from tests.rendering import assert_screen_clean
from tui.app import VenTuiApp
from tui.domain import Evidence, load_evidence
from tui.screens import HelpScreen
from tui.widgets import AgentsView, CompareChart, DetailPane, EvidenceTable
from tui.widgets.nav_table import NavTable

CR_ALL = ["[28]", "[18]", "[20]", "[22]", "[25]", "[23]", "[26]", "[17]", "[21]"]
CYTARABINE_REFS = [17, 18, 23, 26, 27, 28]


def chart_refs(app: VenTuiApp) -> list[str]:
    return [bar.label.ref for bar in app.screen.query_one(CompareChart).data.bars]


def table(app: VenTuiApp, table_id: str) -> EvidenceTable:
    return app.screen.query_one(f"#pane-{table_id}", EvidenceTable)


def status(app: VenTuiApp, table_id: str) -> str:
    return str(table(app, table_id).query_one(".status").content)


async def test_keys_6_and_7_show_and_focus_the_compare_and_agents_tabs(
    shipped_evidence: Evidence,
) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("6")
        await pilot.pause()
        screen = app.screen
        assert screen.active_pane == "pane-compare"
        assert screen.query_one(CompareChart).has_focus
        assert screen.has_class("-no-record"), "no detail pane beside the chart"
        assert chart_refs(app) == CR_ALL
        await pilot.press("m")  # the chart's own key reaches it
        await pilot.pause()
        assert screen.query_one(CompareChart).family_index == 1
        await pilot.press("7")
        await pilot.pause()
        assert screen.active_pane == "pane-agents"
        assert screen.focused is screen.query_one(AgentsView).query_one(NavTable)
        assert [screen.tab_label(i) for i in (5, 6)] == ["Comp", "Agents"]
        await pilot.press("2")
        await pilot.pause()
        assert screen.active_pane == "pane-phase1" and not screen.has_class("-no-record")


async def test_shipped_agent_restricts_tables_and_chart_with_a_query_on_top(
    shipped_evidence: Evidence,
) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await choose_agent(pilot, app, "cytarabine")
        screen = app.screen
        published = table(app, "published")
        assert [r.reference for r in published.visible_records] == CYTARABINE_REFS
        assert [r.key for r in table(app, "phase1").visible_records] == ["phase1:1"]
        assert table(app, "phase2").visible_records == ()
        for table_id in ("published", "phase1", "phase2"):
            assert "only rows using cytarabine" in status(app, table_id)
        assert screen.tab_label(0).endswith(" 6/12")
        assert screen.tab_label(2).endswith(" 0/12")
        assert any("7 rows using cytarabine" in notice for notice in notices(app))
        await pilot.press("6")  # the chart, built now, starts from the restricted rows
        await pilot.pause()
        assert chart_refs(app) == ["[28]", "[18]", "[23]", "[26]", "[17]"]
        await pilot.press("/", *"cr>=60", "enter")
        await pilot.pause()
        assert [r.reference for r in published.visible_records] == [18, 28]
        assert chart_refs(app) == ["[28]", "[18]"]
        scope = screen.query_one(CompareChart).content.plain
        assert scope.startswith("Charting 2 of 12 published studies")
        assert "filter “cr>=60”, using cytarabine" in scope.splitlines()[0]
        await pilot.press("7", "backspace")
        await pilot.pause()
        assert screen.agent_filter is None
        assert len(published.visible_records) == 5  # the query alone: cr>=60
        assert "using" not in status(app, "published")
        assert chart_refs(app) == ["[28]", "[18]", "[20]", "[22]", "[25]"]
        await pilot.press("/", "escape")
        await pilot.pause()
        assert len(published.visible_records) == 12
        assert chart_refs(app) == CR_ALL
        assert screen.tab_label(0) in ("Published studies", "Published", "Pub")
        await pilot.press("1")
        await pilot.pause()
        assert not screen.has_class("-no-record")
        # [17] left under cr>=60, so the cursor went to [18] and stays on it
        assert screen.query_one(DetailPane).record.key == "published:1"


async def test_escape_in_the_filter_keeps_the_agent_and_says_so(
    shipped_evidence: Evidence,
) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await choose_agent(pilot, app, "blinatumomab")
        await pilot.press("3", "/", *"older")
        await pilot.pause()
        assert table(app, "phase2").visible_records == ()
        await pilot.press("escape")
        await pilot.pause()
        phase2 = table(app, "phase2")
        assert len(phase2.visible_records) == 4
        assert "only rows using blinatumomab" in status(app, "phase2")
        assert "still restricted to those using blinatumomab" in notices(app)[-1]
        assert app.screen.tab_label(2) == "Phase II 4/12"


async def test_choosing_the_chosen_agent_again_restores_every_row(
    shipped_evidence: Evidence,
) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await choose_agent(pilot, app, "azacitidine")
        assert len(table(app, "published").visible_records) == 2
        await pilot.press("enter")
        await pilot.pause()
        assert [len(table(app, t).visible_records) for t in ("published", "phase1", "phase2")] == [
            12,
            6,
            12,
        ]
        assert app.screen.tab_label(0) == "Published studies"


async def test_shipped_detail_pane_shows_the_uncertainty_of_ref_25(
    shipped_evidence: Evidence,
) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("/", *"[25]", "enter")
        await pilot.pause()
        body = app.screen.query_one(DetailPane).content.plain
        assert app.screen.query_one(DetailPane).record.reference == 25
        after_metrics = body[body.index("Outcome metrics") :]
        assert "Uncertainty" in after_metrics
        assert (
            "CR 60%: 3 of 5, 95% CI 14.7-94.7% (derived by ven-tui, assuming the denominator is n)"
            in (after_metrics)
        )


async def test_help_lists_the_compare_agents_and_listing_keys(shipped_evidence: Evidence) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        sections = dict(app.screen.sections)
        compare = {line.description: line.keys for line in sections["In the Compare tab (6)"]}
        assert compare["Chart the next metric"].startswith("m")
        agents = {line.description: line.keys for line in sections["In the Agents tab (7)"]}
        assert "Stop filtering by agent" in agents
        anywhere = {line.keys: line.description for line in sections["Anywhere"]}
        assert anywhere["x"].startswith("Go to the same trial's entry")
        assert "6" in anywhere and "7" in anywhere


async def test_hostile_data_in_the_compare_and_agents_tabs_is_shown_only_sanitised() -> None:
    app = VenTuiApp(load_evidence(FIXTURES / "hostile.json"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        steps = [["6"], ["m"], ["m"], ["m"], ["o"], ["7"], ["j", "enter"], ["6"], ["1"]]
        steps += [["7", "j", "j", "enter"], ["2"], ["x"], ["3"], ["7", "backspace"]]
        for keys in steps:
            await pilot.press(*keys)
            await pilot.pause()
            assert_screen_clean(app, f"after {keys}")
        agents = app.screen.query_one(AgentsView)
        for row in range(len(agents.entries)):
            agents.query_one(NavTable).move_cursor(row=row, animate=False)
            await pilot.pause()
            assert_screen_clean(app, f"agents row {row}")
        assert app.is_running and app.unexpected_error is None


async def test_keys_typed_right_after_7_move_the_agents_list(shipped_evidence: Evidence) -> None:
    """The index is built when first shown; keys arriving in the same burst still reach it."""
    from textual import events

    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in ["7", "j", "j", "enter"]:
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await pilot.pause()
        await pilot.pause()
        assert app.screen.agent_filter == "cytarabine"


async def test_the_chart_is_drawn_again_only_when_something_changed(
    shipped_evidence: Evidence, monkeypatch
) -> None:
    """At 10,000 rows a drawing takes over a second: showing the tab again must not redraw."""
    from tui.widgets import compare_chart

    drawn: list[int] = []
    real = compare_chart.render_chart

    def counting(data, width, descending, wide=None):
        drawn.append(width)
        return real(data, width, descending, wide)

    monkeypatch.setattr(compare_chart, "render_chart", counting)
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("6")
        await pilot.pause()
        assert len(drawn) == 1, "drawn once when first shown"
        first = len(drawn)
        await pilot.press("1", "6")
        await pilot.pause()
        assert len(drawn) == first, "shown again unchanged: not drawn again"
        await pilot.press("1")
        await pilot.resize_terminal(100, 30)
        await pilot.press("6")
        await pilot.pause()
        assert len(drawn) > first and drawn[-1] > drawn[first - 1], "resized while hidden"
