"""What the browser does before its first frame, and what it leaves until a tab is first shown.

The first frame needs the table shown, the filter and the detail pane's empty frame; the two
other tables and the detail pane are mounted once it is drawn, the detail's sections import
their modules when first drawn, the filter its parser at the first key, and the Glossary,
About, Compare and Agents tabs are built (and their modules imported) when first shown. None
of that may change what the user sees or where the keys go.
"""

from __future__ import annotations

import ast
import gc
import json
import subprocess
import sys

import pytest

from tui import cli, entry, launch
from tui.app import VenTuiApp
from tui.domain import Evidence
from tui.domain.glossary_rows import matching_rows
from tui.resources import default_data_path
from tui.widgets import AgentsView, CompareChart, GlossaryView

LAZY_PANES = ("pane-glossary", "pane-about", "pane-compare", "pane-agents")
LAZY_MODULES = (
    "tui.widgets.glossary_view",
    "tui.widgets.about_view",
    "tui.widgets.compare_chart",
    "tui.widgets.agents_view",
    "tui.domain.agents",
    "tui.screens.help",
    "pydantic",
)


def pane_ids(app: VenTuiApp) -> list[str]:
    return [child.id or "" for child in app.screen.query_one("#panes").children]


async def test_only_the_tables_exist_until_another_tab_is_shown(shipped_evidence: Evidence):
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert pane_ids(app) == ["pane-published", "pane-phase1", "pane-phase2"]
        for key, pane in zip("4567", LAZY_PANES, strict=True):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen.active_pane == pane
            assert pane in pane_ids(app)
        await pilot.press("1", "4")  # shown again: the same pane, not a second one
        await pilot.pause()
        assert pane_ids(app).count("pane-glossary") == 1
        assert [p for p in pane_ids(app) if app.screen.query_one(f"#{p}").display] == [
            "pane-glossary"
        ]


async def test_keys_typed_right_after_the_digit_reach_the_new_tab(shipped_evidence: Evidence):
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("4", "j", "j", "6", "o", "7", "j")  # no pause: typed ahead
        await pilot.pause()
        assert app.screen.query_one(GlossaryView).query_one("NavTable").cursor_row == 2
        assert app.screen.query_one(CompareChart).descending is False
        agents = app.screen.query_one(AgentsView)
        assert agents.query_one("NavTable").cursor_row == 1
        assert app.focused is agents.query_one("NavTable")


async def test_a_tab_built_late_shows_the_filter_and_agent_in_force(shipped_evidence: Evidence):
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"venetoclax cr>=60", "enter", "6", "4")
        await pilot.pause()
        chart = app.screen.query_one(CompareChart)
        published = app.screen.query_one("#pane-published")
        assert chart.records == published.visible_records
        assert chart.scope.startswith(f"Charting {len(published.visible_records)} of 12")
        glossary = app.screen.query_one(GlossaryView)
        expected = matching_rows(app.screen.state.glossary_rows(), app.screen.query_value)
        assert glossary.visible_entries == expected
        assert 0 < len(expected) < glossary.total


async def test_on_ready_runs_once_when_the_rows_are_on_screen(shipped_evidence: Evidence):
    seen: list[str | None] = []

    def ready() -> None:
        table = app.screen.active_table
        seen.append(table.cursor_record.key if table and table.cursor_record else None)

    app = VenTuiApp(shipped_evidence, on_ready=ready)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "2")
        await pilot.pause()
    assert seen == ["published:0"]


def test_start_up_imports_nothing_the_first_frame_does_not_need():
    code = (
        "import sys\n"
        "from tui.app import VenTuiApp\n"
        "from tui.domain import load_evidence\n"
        "from tui.resources import default_data_path\n"
        "app = VenTuiApp(load_evidence(default_data_path()), on_ready=lambda: app.exit())\n"
        "app.run(headless=True, size=(120, 40))\n"
        f"print(sorted(m for m in {LAZY_MODULES!r} if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


FIRST_FRAME_LAZY = (
    "tui.domain.query",
    "tui.domain.facets",
    "tui.domain.stats",
    "tui.domain.glossary",
    "tui.domain.glossary_rows",
    "tui.domain.supplementary",
    "tui.domain.export",
    "tui.widgets.detail_pane",
    "tui.widgets.facet_section",
    "tui.widgets.rate_section",
    "tui.widgets.registry_section",
)
"""Imported only once needed: the filter's first key (or the warm-up), the detail pane, an
export."""


def test_the_first_frame_imports_no_parser_facets_or_statistics():
    """Through the command line, as ``ven-tui`` starts: nothing of ``FIRST_FRAME_LAZY`` is
    imported by the first frame; the detail pane, mounted and drawn in the frames after,
    imports its own module and its sections' (so the probe sees imports when they happen)."""
    code = (
        "import sys\n"
        "import tui.cli, tui.launch\n"
        "from tui.app import VenTuiApp\n"
        "from tui.domain import load_evidence\n"
        "from tui.resources import default_data_path\n"
        "from tui.screens.main import MainScreen\n"
        f"WATCHED = {FIRST_FRAME_LAZY!r}\n"
        "seen = []\n"
        "def look():\n"
        "    seen.append(sorted(m for m in WATCHED if m in sys.modules))\n"
        "class Probe(MainScreen):\n"
        "    def on_mount(self):\n"
        "        self.call_after_refresh(look)\n"  # queued before the detail's draw
        "        self.set_timer(0.5, lambda: (look(), self.app.exit()))\n"
        "class App(VenTuiApp):\n"
        "    def get_default_screen(self):\n"
        "        return Probe(self.evidence)\n"
        "App(load_evidence(default_data_path())).run(headless=True, size=(120, 40))\n"
        "print(seen)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    first_frame, detail_drawn = ast.literal_eval(result.stdout.strip().splitlines()[-1])
    assert first_frame == []
    drawn_needs = {"tui.widgets.detail_pane", "tui.widgets.facet_section", "tui.domain.glossary"}
    assert drawn_needs <= set(detail_drawn)


@pytest.fixture
def collector_restored():
    """Leave the garbage collector as it was found: enabled, nothing frozen."""
    yield
    gc.enable()
    gc.unfreeze()


def test_the_command_starts_with_the_collector_paused(monkeypatch, collector_restored):
    seen: list[bool] = []
    monkeypatch.setattr(sys, "argv", ["ven-tui", "ids"])
    monkeypatch.setattr(cli, "main", lambda **_: seen.append(gc.isenabled()) or 3)
    assert entry.main() == 3
    assert seen == [False]
    assert gc.isenabled()


def test_plain_commands_resume_the_collector(capsys, collector_restored):
    gc.disable()
    assert cli.main(["ids", "--table", "phase1"]) == 0
    assert gc.isenabled()
    assert "NCT03319901" in capsys.readouterr().out


def test_after_the_first_frame_collection_resumes_and_start_up_objects_are_frozen(
    collector_restored,
):
    gc.disable()
    launch._resume_collection()
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0


async def test_a_hidden_glossary_is_refilled_once_when_shown_not_per_keystroke(
    shipped_evidence: Evidence, monkeypatch: pytest.MonkeyPatch
):
    refills: list[int] = []
    real = GlossaryView._rebuild

    def counting(view: GlossaryView) -> None:
        refills.append(1)
        real(view)

    monkeypatch.setattr(GlossaryView, "_rebuild", counting)
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("4", "1")
        await pilot.pause()
        refills.clear()
        await pilot.press("slash", *"leuk", "enter")
        await pilot.pause()
        glossary = app.screen.query_one(GlossaryView)
        assert refills == [], "hidden: nothing refilled while typing"
        assert 0 < len(glossary.visible_entries) < glossary.total
        await pilot.press("4")
        await pilot.pause()
        assert refills == [1]
        table = glossary.query_one("NavTable")
        assert table.row_count == len(glossary.visible_entries)
        assert all("leuk" in row.expansion.lower() for row in glossary.visible_entries)


async def test_outcomes_follow_the_filter_and_a_dataset_without_table_1_has_none(
    shipped_evidence: Evidence, tmp_path
) -> None:
    from tui.domain import load_evidence
    from tui.widgets.outcomes_view import OutcomesView

    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("9")
        await pilot.pause()
        view = app.screen.query_one(OutcomesView)
        assert len(view.rows) == 12
        await pilot.press("slash", *"cr>=60", "enter")
        await pilot.pause()
        assert [row.study for row in view.rows] == [
            f"[{r.reference}]" for r in app.screen.state.rows("published")
        ]
        assert 0 < len(view.rows) < 12
    data = json.loads(default_data_path().read_text(encoding="utf-8"))
    data["tables"] = [t for t in data["tables"] if t["id"] == "phase2"]
    path = tmp_path / "table3.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    app = VenTuiApp(load_evidence(path))
    async with app.run_test(size=(80, 24)) as pilot:
        names = app.screen.state.names
        assert "outcomes" not in names and "compare" in names  # the matrix is of Table 1
        last = app.screen.state.tabs[-1].key or "9"
        await pilot.press(last)
        await pilot.pause()
        assert not app.screen.query(OutcomesView)
