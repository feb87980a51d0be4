"""Pilot tests for the filter bar: live filtering of every tab, counts, errors, Enter/Escape."""

from __future__ import annotations

from textual.widgets import Input

from tui.app import VenTuiApp
from tui.domain import Evidence
from tui.widgets import EvidenceTable, FilterBar, GlossaryView
from tui.widgets.row_view import RowView
from tui.widgets.tab_strip import TabStrip

SIZE = (120, 40)


def labels(app: VenTuiApp) -> list[str]:
    return [app.screen.tab_label(index) for index in range(5)]


def visible(app: VenTuiApp, table_id: str) -> list[str]:
    table = app.screen.query_one(f"#pane-{table_id}", EvidenceTable)
    return [record.key for record in table.visible_records]


async def type_filter(pilot, text: str) -> None:
    await pilot.press("slash", *text)
    await pilot.pause()


async def test_filter_applies_live_to_every_tab_with_counts(shipped_evidence: Evidence) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_filter(pilot, "t")
        partial = labels(app)
        await pilot.press(*"-all")
        await pilot.pause()
        # t-all is a lineage synonym: ETP-ALL (published:8) and T-LBL count too.
        assert visible(app, "published") == [
            "published:2",
            "published:7",
            "published:8",
            "published:10",
        ]
        assert visible(app, "phase1") == []
        assert visible(app, "phase2") == ["phase2:1", "phase2:11"]
        # Nine tabs with counts do not fit 120 columns whole: the tables take short names.
        assert labels(app)[:3] == ["Published 4/12", "Phase I 0/6", "Phase II 2/12"]
        assert labels(app)[4] == "About"  # the later tabs go short before the tables
        assert partial != labels(app), "each keystroke re-filters"
        counted = labels(app)[3]
        await pilot.press("enter", "4")  # the Glossary tab is built now, under the filter
        await pilot.pause()
        glossary = app.screen.query_one(GlossaryView)
        assert sorted(e.abbr for e in glossary.visible_entries) == ["ETP-ALL", "T-ALL", "T-LBL"]
        assert counted == f"Glossary 3/{glossary.total}" == labels(app)[3]
        await pilot.press("slash", "escape", "slash", *"cr", "enter")  # it follows the filter
        await pilot.pause()
        shown = len(glossary.visible_entries)
        assert 1 < shown < glossary.total
        assert all(
            "cr" in f"{e.abbr} {e.expansion} {e.source}".lower() for e in glossary.visible_entries
        )
        assert labels(app)[3] == f"Glossary {shown}/{glossary.total}"


async def test_matches_are_highlighted_in_cells(shipped_evidence: Evidence) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_filter(pilot, "azacitidine")
        rows = app.screen.query_one("#pane-published RowView", RowView)
        intervention = rows.get_row_at(0)[2]
        assert intervention.plain == "Venetoclax + azacitidine (phase II)"
        styled = [intervention.plain[span.start : span.end] for span in intervention.spans]
        assert styled == ["azacitidine"]


async def test_no_highlight_without_a_filter(shipped_evidence: Evidence) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        rows = app.screen.query_one("#pane-published RowView", RowView)
        assert all(not cell.spans for cell in rows.get_row_at(0))


async def test_malformed_query_shows_inline_message_and_keeps_last_filter(
    shipped_evidence: Evidence,
) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_filter(pilot, 'azacitidine "t-all or')
        strip = app.screen.query_one(TabStrip)
        assert strip.notice is not None
        assert "unclosed quote" in strip.notice.plain
        assert "(at column 13)" in strip.notice.plain
        assert "unclosed quote" in str(strip.render())
        assert visible(app, "published") == ["published:7", "published:8"]
        assert isinstance(app.focused, Input), "no modal, focus stays in the filter"
        await pilot.press('"')
        await pilot.pause()
        assert strip.notice is None
        assert "Published" in str(strip.render())  # the tab names are back
        assert visible(app, "published") == ["published:7"]


async def test_a_malformed_query_moves_nothing_on_the_screen(shipped_evidence: Evidence) -> None:
    """The explanation takes the tab strip's line: typing "cr>=" then "6" neither pushes the
    tables and the pane down a line nor pulls them back (each was a redraw of everything)."""
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        body = app.screen.query_one("#body")
        before = body.region
        await type_filter(pilot, "cr>=")
        assert app.screen.query_one(TabStrip).notice is not None
        assert body.region == before
        await pilot.press("6")
        await pilot.pause()
        assert app.screen.query_one(TabStrip).notice is None
        assert body.region == before


async def test_incomplete_comparison_is_explained(shipped_evidence: Evidence) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_filter(pilot, "cr>=")
        strip = app.screen.query_one(TabStrip)
        assert strip.notice is not None
        assert "expected a number after 'cr >='" in strip.notice.plain
        assert strip.region.height == 1 and strip.region.y < 5


async def test_enter_returns_to_the_table_keeping_the_filter(shipped_evidence: Evidence) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_filter(pilot, "ph+")
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.focused).__name__ == "_RowTable"
        assert app.screen.query_one(FilterBar).text == "ph+"
        assert len(visible(app, "published")) == 0
        await pilot.press("2")
        await pilot.pause()
        assert visible(app, "phase1") == ["phase1:0", "phase1:3", "phase1:5"]


async def test_escape_clears_the_filter_and_returns(shipped_evidence: Evidence) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_filter(pilot, "aya")
        assert labels(app)[0] == "Published 2/12"
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.focused).__name__ == "_RowTable"
        assert app.screen.query_one(FilterBar).text == ""
        assert labels(app)[0] == "Published studies"
        assert len(visible(app, "published")) == 12


async def test_filter_keeps_the_cursor_on_the_same_record(shipped_evidence: Evidence) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("j", "j", "j", "j", "j", "j", "j")
        await pilot.pause()
        table = app.screen.active_table
        assert table.cursor_record.key == "published:7"
        await type_filter(pilot, "t-all")
        assert table.cursor_record.key == "published:7"
        await pilot.press("escape")
        await pilot.pause()
        assert table.cursor_record.key == "published:7"


async def test_metric_comparison_filters_published(shipped_evidence: Evidence) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_filter(pilot, "n>=20")
        assert visible(app, "published") == ["published:5", "published:9", "published:11"]
        assert labels(app)[1] == "Phase I 0/6"


async def test_screen_keys_type_into_the_filter_while_it_has_focus(
    shipped_evidence: Evidence,
) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_filter(pilot, "r/r q1d?5")
        assert app.screen.query_one(FilterBar).text == "r/r q1d?5"
        assert app.is_running
        assert app.screen.active_pane == "pane-published"
        assert isinstance(app.focused, Input)


async def test_typing_lays_nothing_out_and_a_long_query_still_scrolls(
    shipped_evidence: Evidence,
) -> None:
    """A keystroke repaints the input but asks for no layout of the screen (which, with the
    tables, tabs and pane, was half of a keystroke's work at 10,000 rows); a query wider than
    the input still scrolls so that the cursor, and what was just typed, stay in view."""
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        field = app.screen.query_one(FilterBar).query_one(Input)
        layouts: list[bool] = []
        refresh = field.refresh

        def recording(*regions, **kwargs):
            layouts.append(bool(kwargs.get("layout")))
            return refresh(*regions, **kwargs)

        field.refresh = recording  # type: ignore[method-assign]
        await pilot.press(*"venetoclax azacit")
        await pilot.pause()
        assert layouts and not any(layouts), layouts
        field.refresh = refresh  # type: ignore[method-assign]

        query = "venetoclax azacit" + " venetoclax" * 8 + " azacitidine"
        await pilot.press(*query[len(field.value) :])
        await pilot.pause()
        assert field.value == query
        assert field.scroll_offset.x == len(query) + 1 - field.scrollable_content_region.width
        start = field.scroll_offset.x
        shown = query[start : start + field.scrollable_content_region.width]
        assert shown.rstrip().endswith("azacitidine"), shown
        cursor_x = field.cursor_screen_offset.x
        assert field.content_region.x <= cursor_x <= field.content_region.right  # right: padding
