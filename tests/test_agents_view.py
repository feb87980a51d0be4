"""The Agents tab: rows and counts of the shipped index, Enter posting AgentChosen, hostile data."""

from __future__ import annotations

from dataclasses import replace

from textual.app import App, ComposeResult
from textual.message import Message

from tests.conftest import FIXTURES
from tests.rendering import screen_strips
from tui.domain import Evidence, load_evidence
from tui.domain.agents import agent_index, records_using
from tui.domain.evidence import build_evidence
from tui.domain.sanitize import is_safe
from tui.resources import stylesheet_path
from tui.widgets.agents_view import FLAGGED_SHOWN, AgentsView, cached_agent_index
from tui.widgets.nav_table import NavTable

ANALYSIS_CSS = stylesheet_path().with_name("analysis.tcss")
TITLES = {"published": "Published", "phase1": "Phase I", "phase2": "Phase II"}


class AgentsApp(App[None]):
    """The agents view alone; records the messages it posts up and, as the browser's screen
    does from its state, marks the agent chosen (the view never marks it itself)."""

    CSS_PATH = str(ANALYSIS_CSS)

    def __init__(self, evidence: Evidence) -> None:
        super().__init__()
        self.evidence = evidence
        self.posted: list[Message] = []

    def compose(self) -> ComposeResult:
        yield AgentsView(self.evidence, TITLES, id="agents")

    def on_agents_view_agent_chosen(self, message: AgentsView.AgentChosen) -> None:
        """As the screen does: the agent in force chosen again lifts the restriction."""
        self.posted.append(message)
        view = self.query_one(AgentsView)
        view.chosen = None if view.chosen == message.agent else message.agent

    def on_agents_view_agent_cleared(self, message: AgentsView.AgentCleared) -> None:
        self.posted.append(message)
        self.query_one(AgentsView).chosen = None


def row_text(app: App, agent: str) -> list[str]:
    table = app.query_one(NavTable)
    return [str(cell) for cell in table.get_row(agent)]


def screen_lines(app: App) -> list[str]:
    return [strip.text for strip in screen_strips(app)]


async def go_to(pilot, app: App, agent: str) -> None:
    view = app.query_one(AgentsView)
    row = [entry.name for entry in view.entries].index(agent)
    app.query_one(NavTable).move_cursor(row=row, animate=False)
    await pilot.pause()


async def test_shipped_agents_rows_classes_and_counts(shipped_evidence):
    app = AgentsApp(shipped_evidence)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = app.query_one(NavTable)
        index = agent_index(shipped_evidence)
        assert table.row_count == len(index)
        assert [str(c.label) for c in table.ordered_columns] == [
            *[" ", "Agent", "Rows", "Published", "Phase I", "Phase II", "Class †"],
            "Via (acronym expanded)",
        ]
        # azacitidine: published [24] [25], phase I row 5, phase II rows 1 and 2.
        assert row_text(app, "azacitidine")[1:7] == [
            "azacitidine",
            "5",
            "2",
            "1",
            "2",
            "hypomethylating agent †",
        ]
        cytarabine = row_text(app, "cytarabine")
        assert cytarabine[2:6] == ["7", "6", "1", "0"]  # [17] [18] [23] [26] [27] [28], phase I
        assert "mini-hyper-CVD (Table 1 footnote)" in cytarabine[7]
        assert "CALGB 10403 (ven-tui supplement, not from the source)" in cytarabine[7]
        assert row_text(app, "daunorubicin")[1] == "daunorubicin ‡"  # only via CALGB 10403
        assert row_text(app, "blinatumomab")[1] == "blinatumomab"
        shown = "\n".join(screen_lines(app))
        assert "Agents named in, or expanded from, each row's regimen text" in shown
        assert "† class: ven-tui's own · ‡ only via ven-tui's CALGB 10403 expansion" in shown
        assert row_text(app, "azoles")[1] == "azoles (supportive)"  # no combination partner
        assert row_text(app, "orebatinib")[6].endswith("… †")  # long class cut, mark kept


async def test_summary_names_the_rows_of_the_highlighted_agent(shipped_evidence):
    app = AgentsApp(shipped_evidence)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await go_to(pilot, app, "azacitidine")
        summary = str(app.query_one(".agent-summary").content)
        assert summary.startswith("azacitidine: Published [24] [25]; Phase I NCT")
        await go_to(pilot, app, "orebatinib")
        assert "may be a misspelling of olverembatinib" in str(
            app.query_one(".agent-summary").content
        )


async def test_enter_posts_agent_chosen_with_row_keys_and_again_lifts(shipped_evidence):
    app = AgentsApp(shipped_evidence)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await go_to(pilot, app, "cytarabine")
        await pilot.press("enter")
        await pilot.pause()
        [chosen] = app.posted
        assert isinstance(chosen, AgentsView.AgentChosen)
        assert chosen.agent == "cytarabine"
        # Keys include rows reached only through an acronym (mini-hyper-CVD in [17]).
        assert chosen.keys == {r.key for r in records_using(shipped_evidence, "cytarabine")}
        assert "published:0" in chosen.keys
        assert app.query_one(AgentsView).chosen == "cytarabine"
        assert row_text(app, "cytarabine")[0] == "●"

        await pilot.press("enter")
        await pilot.pause()
        again = app.posted[-1]  # the view asks again; its owner decides that this lifts it
        assert isinstance(again, AgentsView.AgentChosen) and again.agent == "cytarabine"
        assert app.query_one(AgentsView).chosen is None
        assert row_text(app, "cytarabine")[0] == " "

        await go_to(pilot, app, "azacitidine")
        await pilot.press("enter", "backspace")
        await pilot.pause()
        assert [type(m).__name__ for m in app.posted[-2:]] == ["AgentChosen", "AgentCleared"]
        assert app.posted[-2].keys == {
            "published:7",
            "published:8",
            "phase1:4",
            "phase2:0",
            "phase2:1",
        }


async def test_shipped_rows_naming_no_venetoclax_are_flagged_at_80x24(shipped_evidence):
    app = AgentsApp(shipped_evidence)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = "\n".join(screen_lines(app))
        assert shown.startswith(" Agents named in, or expanded from, each row's regimen text")
        flagged = str(app.query_one(".agents-flagged").content)
        assert flagged.startswith("§ Regimen text names no venetoclax: Phase II NCT06742515")
        assert "Blinatumomab plus reduced-dose chemotherapy" in flagged
        assert "§ Regimen text names no venetoclax" in shown
        await go_to(pilot, app, "blinatumomab")
        summary = str(app.query_one(".agent-summary").content)
        assert "NCT06742515§" in summary and summary.count("§") == 1


async def test_shipped_supplement_only_rows_are_marked_in_the_summary(shipped_evidence):
    """[28] names "CALGB 10403" only: its agents there are ven-tui's expansion, marked ‡."""
    app = AgentsApp(shipped_evidence)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for agent in ("dexamethasone", "vincristine", "daunorubicin"):
            await go_to(pilot, app, agent)
            summary = str(app.query_one(".agent-summary").content)
            assert "[28]‡" in summary, agent
            assert summary.count("‡") == 1, agent  # the other rows name it, or footnote it
        await go_to(pilot, app, "azacitidine")
        assert "‡" not in str(app.query_one(".agent-summary").content)
        entry = app.query_one(AgentsView).entry("vincristine")
        assert entry.supplement_rows == ("published:11",) and entry.named_in_source


def test_shipped_index_is_computed_once_per_evidence(shipped_evidence):
    first = cached_agent_index(shipped_evidence)
    assert cached_agent_index(shipped_evidence) is first
    assert list(first) == agent_index(shipped_evidence)
    other = load_evidence(FIXTURES / "hostile.json")
    assert cached_agent_index(other) is not first


async def test_hostile_data_reaches_the_agents_view_only_sanitised():
    evidence = load_evidence(FIXTURES / "hostile.json")
    app = AgentsApp(evidence)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.query_one(NavTable)
        for row in range(max(table.row_count, 1)):
            table.move_cursor(row=row, animate=False)
            await pilot.pause()
            assert all(is_safe(line) for line in screen_lines(app))
            assert is_safe(str(app.query_one(".agent-summary").content))
        assert is_safe(str(app.query_one(".agents-flagged").content))
        for row_key in table.rows:
            assert all(is_safe(str(cell)) for cell in table.get_row(row_key))


async def test_many_rows_naming_no_venetoclax_are_counted_beyond_the_first_few(shipped_evidence):
    """Trials that all drop venetoclax from their text: three spelt out, the rest counted."""
    phase2 = next(table for table in shipped_evidence.dataset.tables if table.id == "phase2")
    column = phase2.columns[-1]
    rows = [
        replace(row, cells={**row.cells, column: f"Blinatumomab, arm {index}"})
        for index, row in enumerate(phase2.rows)
    ]
    tables = [replace(phase2, rows=rows)]
    evidence = build_evidence(replace(shipped_evidence.dataset, tables=tables))
    app = AgentsApp(evidence)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        flagged = str(app.query_one(".agents-flagged").content)
        assert flagged.count("Blinatumomab, arm") == FLAGGED_SHOWN
        assert f"and {len(rows) - FLAGGED_SHOWN} more rows, marked §" in flagged
        await go_to(pilot, app, "blinatumomab")
        summary = str(app.query_one(".agent-summary").content)
        assert summary.count("§") == len(rows)
