"""The detail pane's content on chosen rows of the shipped dataset."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult

from tui.app import VenTuiApp
from tui.domain import Evidence
from tui.widgets import DetailPane
from tui.widgets.detail_pane import percent_bar, render_record

SIZE = (120, 40)


def detail_text(app: VenTuiApp) -> Text:
    return app.screen.query_one(DetailPane).content


async def show(pilot, app: VenTuiApp, tab: str, key: str) -> Text:
    await pilot.pause()
    await pilot.press(tab)
    await pilot.pause()
    assert app.screen.active_table.move_to(key)
    await pilot.pause()
    return detail_text(app)


async def test_shipped_published_ref_25_shows_n_and_mrd_bar(shipped_evidence: Evidence) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        text = (await show(pilot, app, "1", "published:8")).plain
        assert "R/R ETP-ALL (n = 5) [25]" in text
        assert "Reference (derived): [25]" in text
        assert "n (derived): 5" in text
        assert f"{percent_bar(100)} MRD-neg 100%" in text
        assert f"{percent_bar(60)} CR 60%" in text
        assert "Editorial note" in text and "exactly 3 patients" in text


async def test_shipped_abbreviation_not_in_source_is_marked(shipped_evidence: Evidence) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        text = (await show(pilot, app, "1", "published:8")).plain
        etp = text[text.index("ETP-ALL: ") :].splitlines()[:2]
        assert "early T-cell precursor acute lymphoblastic leukemia" in etp[0]
        assert "[not in source]" in etp[1]
        mrd = text[text.index("MRD: ") :].splitlines()[:2]
        assert "Table 1 footnote" in mrd[1] and "[not in source]" not in mrd[1]


async def test_shipped_nct06082934_is_also_listed_in_phase2(shipped_evidence: Evidence) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        text = await show(pilot, app, "2", "phase1:0")
        plain = text.plain
        url = "https://clinicaltrials.gov/study/NCT06082934"
        assert f"NCT ID (derived): NCT06082934  {url}" in plain
        also = plain[plain.index("Also listed in\n") :].split("\n\n")[0]
        assert "Table 3 (Phase II trials), row 5" in also
        assert "Table 2" not in also
        links = {
            plain[span.start : span.end]
            for span in text.spans
            if getattr(span.style, "link", None) == url
        }
        assert "NCT06082934" in links


async def test_detail_follows_the_cursor_and_tabs(shipped_evidence: Evidence) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        pane = app.screen.query_one(DetailPane)
        assert pane.record.key == "published:0"
        await pilot.press("j")
        await pilot.pause()
        assert pane.record.key == "published:1"
        await pilot.press("3")
        await pilot.pause()
        assert pane.record.key == "phase2:0"
        await pilot.press("1")
        await pilot.pause()
        assert pane.record.key == "published:1"


async def test_detail_says_so_when_the_filter_hides_every_row(shipped_evidence: Evidence) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"zzzz")
        await pilot.pause()
        assert app.screen.query_one(DetailPane).record is None
        assert "No row highlighted" in detail_text(app).plain


async def test_detail_pane_scrolls_by_keyboard(shipped_evidence: Evidence) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        pane = app.screen.query_one(DetailPane)
        assert pane.max_scroll_y > 0
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is pane
        await pilot.press("j", "j")
        await pilot.pause()
        assert pane.scroll_y == 2
        await pilot.press("G")
        await pilot.pause()
        assert pane.scroll_y == pane.max_scroll_y
        await pilot.press("g")
        await pilot.pause()
        assert pane.scroll_y == 0


def test_long_cells_wrap_in_full(shipped_evidence: Evidence) -> None:
    record = shipped_evidence.records["published"][10]
    text = render_record(record)
    lines = text.wrap(__import__("rich.console").console.Console(width=30), 30)
    joined = " ".join(line.plain.strip() for line in lines)
    assert record.cells["Intervention"] in joined


def test_control_characters_from_data_are_neutralised(shipped_evidence: Evidence) -> None:
    from dataclasses import replace

    record = shipped_evidence.records["phase1"][0]
    cells = {**record.cells, "Population": "a\x1b]52;c;aGk=\x07b"}
    # A record consistent with its cells: derived facets are cached by the row's search text.
    hostile = replace(record, cells=cells, search_text="\n".join(cells.values()).casefold())
    plain = render_record(hostile).plain
    assert "\x1b" not in plain and "\x07" not in plain
    assert "a␛]52;c;aGk=␇b" in plain


def test_percent_bar_scales_and_caps() -> None:
    assert percent_bar(0) == "░" * 20
    assert percent_bar(50) == "█" * 10 + "░" * 10
    assert percent_bar(150) == "█" * 20


class _PaneApp(App[None]):
    def compose(self) -> ComposeResult:
        yield DetailPane({"published": "Table 1 (Published studies)"})


async def test_detail_is_blank_until_a_row_is_shown_never_a_false_hint() -> None:
    """Until the screen shows the highlighted row (in the frame after the rows) the pane is
    empty: "No row highlighted" there would be untrue, with a row highlighted."""
    app = _PaneApp()
    async with app.run_test(size=(60, 12)) as pilot:
        await pilot.pause()
        pane = app.query_one(DetailPane)
        assert pane.record is None and pane.content.plain.strip() == ""
        pane.show(None)
        await pilot.pause()
        assert "No row highlighted" in pane.content.plain
