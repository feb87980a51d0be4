"""Pilot tests: the tabs come from the dataset, and the filter keys do what the README says."""

from __future__ import annotations

import json
from dataclasses import replace

from textual.widgets import ContentSwitcher, Input

from tests.browsing import choose_agent, notices
from tui.app import VenTuiApp
from tui.domain import Evidence, load_evidence
from tui.domain.evidence import build_evidence
from tui.resources import default_data_path
from tui.widgets import EvidenceTable, FilterBar
from tui.widgets.detail_pane import DetailPane
from tui.widgets.row_view import RowView
from tui.widgets.status_line import StatusLine

SIZE = (160, 48)


def _table_3_only(evidence: Evidence) -> Evidence:
    tables = [table for table in evidence.dataset.tables if table.id == "phase2"]
    return build_evidence(replace(evidence.dataset, tables=tables))


async def test_a_dataset_of_table_3_alone_numbers_its_own_tabs(shipped_evidence: Evidence) -> None:
    """Reproduction 2: 2 opens Glossary, 6 does nothing, help names no missing table."""
    app = VenTuiApp(_table_3_only(shipped_evidence))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        switcher = app.screen.query_one(ContentSwitcher)
        assert switcher.current == "pane-phase2"
        await pilot.press("2")
        await pilot.pause()
        assert switcher.current == "pane-glossary"
        await pilot.press("5")
        await pilot.pause()
        assert switcher.current == "pane-agents"
        await pilot.press("9")  # seven tabs (no Outcomes without Table 1): 9 does nothing
        await pilot.pause()
        assert switcher.current == "pane-agents"
        assert not app.screen.check_action("show_tab", (7,))
        assert app.screen.check_action("show_tab", (6,))
        help_lines = [
            f"{key.keys} {key.description}" for _, keys in app.screen.key_sections() for key in keys
        ]
        assert "2 Glossary" in help_lines and "1 Phase II trials" in help_lines
        joined = "\n".join(help_lines)
        assert "Phase I trials" not in joined and "Published studies" not in joined
        assert "In the Agents tab (5)" in [title for title, _ in app.screen.key_sections()]
        titles = [command.title for command in app.get_system_commands(app.screen)]
        shown = [title for title in titles if title.startswith("Show tab: ")]
        assert shown == [
            "Show tab: Phase II trials",
            "Show tab: Glossary",
            "Show tab: About/Source",
            "Show tab: Compare",
            "Show tab: Agents",
            "Show tab: Find (all tables)",
            "Show tab: Registry (not in the review)",
        ]


def test_the_table_3_dataset_is_a_valid_file(shipped_evidence: Evidence, tmp_path) -> None:
    """The same dataset as a file the loader accepts (what ``--data FILE`` reads)."""
    raw = json.loads(default_data_path().read_text(encoding="utf-8"))
    raw["tables"] = [table for table in raw["tables"] if table["id"] == "phase2"]
    path = tmp_path / "table3.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    assert load_evidence(path).table_ids == ["phase2"]


async def test_slash_selects_the_query_in_force_so_typing_replaces_it(
    shipped_evidence: Evidence,
) -> None:
    """Reproduction 5: ``/vxl`` Enter, then ``/blinatumomab`` is the new query, not appended."""
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"vxl", "enter")
        await pilot.pause()
        await pilot.press("slash", *"blinatumomab")
        await pilot.pause()
        assert app.screen.query_one(FilterBar).query_one(Input).value == "blinatumomab"


async def test_escape_in_a_table_clears_the_filter(shipped_evidence: Evidence) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"aza", "enter")
        await pilot.pause()
        table = app.screen.query_one("#pane-published", EvidenceTable)
        assert len(table.visible_records) < table.total
        assert app.screen.query_one(RowView).has_focus
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one(FilterBar).text == ""
        assert len(table.visible_records) == table.total


async def test_a_theme_change_repaints_every_cached_row(shipped_evidence: Evidence) -> None:
    """Reproduction 4: the highlighted row must not keep the old theme's colours."""
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"aza", "enter")
        await pilot.pause()
        rows = app.screen.query_one("#pane-published", EvidenceTable).query_one(RowView)
        before = rows.render_line(1)
        app.theme = "textual-light"
        await pilot.pause()
        after = rows.render_line(1)
        assert before.text == after.text
        assert [s.style for s in after if s.text.strip()] != [
            s.style for s in before if s.text.strip()
        ]


def _status(app: VenTuiApp, table_id: str) -> str:
    table = app.screen.query_one(f"#pane-{table_id}", EvidenceTable)
    return str(table.query_one(".status", StatusLine).content)


async def test_marks_elsewhere_show_on_every_tab_and_u_clears_them_all(
    shipped_evidence: Evidence,
) -> None:
    """Reproduction 3: a Phase I mark is counted on Phase II, and U clears every mark."""
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "space")
        await pilot.pause()
        marked = app.screen.query_one("#pane-phase1", EvidenceTable).marked_records
        assert len(marked) == 1
        await pilot.press("slash", *"t-all", "enter", "3")
        await pilot.pause()
        assert "1 marked: 1 in Phase I" in _status(app, "phase2")
        await pilot.press("c")
        await pilot.pause()
        assert app.clipboard == marked[0].nct_id
        assert any("(marked in Phase I trials)" in message for message in notices(app))
        await pilot.press("U")
        await pilot.pause()
        assert "marked" not in _status(app, "phase2")
        assert app.screen.query_one("#pane-phase1", EvidenceTable).marked_records == []
        await pilot.press("c")
        await pilot.pause()
        shown = app.screen.query_one("#pane-phase2", EvidenceTable).cursor_record
        assert shown is not None and app.clipboard == shown.nct_id
        help_lines = [k.description for _, keys in app.screen.key_sections() for k in keys]
        assert "Clear every mark, in every table" in help_lines
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Clear every mark, in every table" in titles


async def test_after_choosing_an_agent_the_pane_and_c_name_the_same_trial(
    shipped_evidence: Evidence,
) -> None:
    """Reproduction 1: 7, blinatumomab, Enter, 3: the detail is the highlighted visible row."""
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await choose_agent(pilot, app, "blinatumomab")
        await pilot.press("3")
        await pilot.pause()
        table = app.screen.query_one("#pane-phase2", EvidenceTable)
        assert table.visible_records and len(table.visible_records) < table.total
        pane = app.screen.query_one(DetailPane)
        shown = pane.record
        assert shown == table.cursor_record == table.visible_records[0]
        # Drawn, not only chosen: the pane was hidden on the Agents tab when it was told.
        drawn = "\n".join(line.text for line in pane.lines)
        assert "Table 3 (Phase II trials)" in drawn and shown.nct_id in drawn
        assert "only rows using blinatumomab (7 Agents" in _status(app, "phase2")
        await pilot.press("c")
        await pilot.pause()
        assert app.clipboard == shown.nct_id
