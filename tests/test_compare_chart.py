"""The Compare tab's chart: content at 80x24 and wide, keys, filter following, hostile data."""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len
from textual.app import App, ComposeResult

from tests.conftest import FIXTURES
from tests.rendering import screen_strips
from tui.domain import Evidence, Record, load_evidence
from tui.domain.metrics import Metric
from tui.domain.sanitize import is_safe
from tui.resources import stylesheet_path
from tui.widgets.compare_chart import FAMILIES, CompareChart, chart_data, nice_ceiling
from tui.widgets.rate_section import whisker_bar

ANALYSIS_CSS = stylesheet_path().with_name("analysis.tcss")
CR_ORDER = ["[28]", "[18]", "[20]", "[22]", "[25]", "[23]", "[26]", "[17]", "[21]"]
WITH_N = {"[20]", "[21]", "[22]", "[25]", "[26]", "[28]"}
REF = re.compile(r"^(\[\d+\])")


class ChartApp(App[None]):
    """The chart alone, as the screen will hold it."""

    CSS_PATH = str(ANALYSIS_CSS)

    def __init__(self, evidence: Evidence) -> None:
        super().__init__()
        self.evidence = evidence

    def compose(self) -> ComposeResult:
        yield CompareChart(
            self.evidence.table("published"), self.evidence.records["published"], id="chart"
        )


def chart_lines(app: App) -> list[str]:
    """The chart's text as laid out for its current width."""
    return app.query_one(CompareChart).content.plain.split("\n")


def screen_lines(app: App) -> list[str]:
    """What the terminal would show, one string per row (the compositor's own strips)."""
    return [strip.text for strip in screen_strips(app)]


def bar_lines(lines: list[str]) -> dict[str, str]:
    """Bar lines by reference, in the order shown."""
    return {m.group(1): line for line in lines if (m := REF.match(line)) and "%" in line}


def published(evidence: Evidence, *refs: int) -> list[Record]:
    return [r for r in evidence.records["published"] if r.reference in refs]


async def test_shipped_chart_at_80x24_bars_sorted_whiskers_and_missing(shipped_evidence):
    app = ChartApp(shipped_evidence)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        chart = app.query_one(CompareChart)
        lines = chart_lines(app)
        bars = bar_lines(lines)
        assert list(bars) == CR_ORDER
        for ref, line in bars.items():
            assert ("├" in line and "┤" in line) == (ref in WITH_N), line
        assert "No CR reported: [19], [24], [27]" in lines
        assert any(line.startswith("├──┤ exact 95% CI") for line in lines)
        for ref in ("[18]", "[23]", "[17]"):
            assert any(
                line.startswith(f"  {ref} ") and ": No interval: " in line for line in lines
            ), ref
        frontline = "  [18] CR 75% (frontline): No interval: the figure describes a subgroup"
        assert any(line.startswith(frontline) for line in lines)
        # Below 140 columns the counts and intervals follow the bars as a compact table.
        assert "  [28] CR/CRi 96%  23/24  78.9-99.9%" in lines
        assert "  [25] CR 60%  3/5  14.7-94.7%" in lines
        width = chart.scrollable_content_region.width
        assert width < 80
        assert all(cell_len(line) <= width for line in bars.values())
        assert lines[0].startswith("Complete remission (CR, CR/CRi, CR/CRp)")
        # The terminal itself shows the title, every bar and the 0..100% axis.
        shown = "\n".join(screen_lines(app))
        for ref in CR_ORDER:
            assert ref in shown
        assert re.search(r"0%\s+50%\s+100%", shown)
        assert "[23] mini-hyper-CVD" in shown  # shared "Venetoclax +" dropped when narrow


async def test_shipped_chart_wide_has_full_labels_counts_and_intervals(shipped_evidence):
    app = ChartApp(shipped_evidence)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        bars = bar_lines(chart_lines(app))
        assert list(bars) == CR_ORDER
        assert bars["[23]"].startswith("[23] Venetoclax + mini-hyper-CVD (phase 1/2) · CR/CRi")
        assert bars["[25]"].endswith("3/5  14.7-94.7%")
        assert bars["[28]"].endswith("23/24  78.9-99.9%")
        assert "· CR/CRi, derived" in bars["[26]"]  # from "ORR 42%, all CR/CRi"
        assert "/" not in bars["[18]"].split("%", 1)[1]  # no n, no count
        shown = "\n".join(screen_lines(app))
        assert "3/5  14.7-94.7%" in shown
        wide_bar = bars["[28]"].count("█")
        narrow = ChartApp(shipped_evidence)
    async with narrow.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert bar_lines(chart_lines(narrow))["[28]"].count("█") < wide_bar


async def test_order_key_reverses_and_metric_keys_cycle(shipped_evidence):
    app = ChartApp(shipped_evidence)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("o")
        # Ties ([22] and [25], both 60%) keep source order in either direction.
        assert list(bar_lines(chart_lines(app))) == [
            *["[21]", "[17]", "[26]", "[23]", "[22]", "[25]", "[20]", "[18]", "[28]"]
        ]
        assert "▲ low first" in chart_lines(app)[0]
        await pilot.press("o")
        assert list(bar_lines(chart_lines(app))) == CR_ORDER

        await pilot.press("m")
        lines = chart_lines(app)
        assert lines[0].startswith("Overall response rate (ORR)")
        assert list(bar_lines(lines)) == ["[17]", "[24]", "[26]"]
        await pilot.press("M")
        assert chart_lines(app)[0].startswith("Complete remission")
        await pilot.press("left")
        assert chart_lines(app)[0].startswith(FAMILIES[-1].title)
        await pilot.press("right", "right", "right")
        lines = chart_lines(app)
        assert lines[0].startswith("MRD negativity (MRD-neg %)")
        bars = bar_lines(lines)
        assert list(bars) == ["[25]", "[28]", "[23]"]
        # MRD negativity is among responders: no bar carries a whisker, each says why.
        assert all(bar.rstrip().endswith("‡") and "├" not in bar for bar in bars.values())
        assert any(line.startswith("  [28] MRD-neg 91%: No interval: MRD") for line in lines)
        assert "Reported in another unit (not charted): [21] MRD-neg 2 patients" in lines


async def test_survival_in_months_has_its_own_axis_and_keeps_percent_apart(shipped_evidence):
    app = ChartApp(shipped_evidence)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        chart = app.query_one(CompareChart)
        chart.family_index = [f.key for f in FAMILIES].index("os-months")
        await pilot.pause()
        lines = chart_lines(app)
        assert lines[0].startswith("Overall survival (months)")
        assert [ln.split()[0] for ln in lines if REF.match(ln) and " mo " in ln] == [
            "[24]",
            "[20]",
            "[19]",
        ]
        assert any(re.search(r"0\s+12\.5\s+25 months", line) for line in lines)
        assert not any("├" in line for line in lines)
        assert "Reported in another unit (not charted): [27] OS 87.8%" in lines


async def test_set_records_follows_the_filter(shipped_evidence):
    app = ChartApp(shipped_evidence)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        chart = app.query_one(CompareChart)
        chart.set_records(published(shipped_evidence, 19, 20, 25))
        await pilot.pause()
        lines = chart_lines(app)
        assert list(bar_lines(lines)) == ["[20]", "[25]"]
        assert "2 of 3 studies" in lines[0]
        assert "No CR reported: [19]" in lines
        chart.set_records([])
        await pilot.pause()
        lines = chart_lines(app)
        assert bar_lines(lines) == {}
        assert "No study among these 0 reports CR." in lines


def test_ties_keep_source_order_both_ways(shipped_evidence):
    source, records = shipped_evidence.table("published"), shipped_evidence.records["published"]
    cr = FAMILIES[0]
    down = [b.label.ref for b in chart_data(source, records, cr, descending=True).bars]
    up = [b.label.ref for b in chart_data(source, records, cr, descending=False).bars]
    assert down.index("[22]") < down.index("[25]")
    assert up.index("[22]") < up.index("[25]")


@pytest.mark.parametrize(
    ("name", "unit", "family"),
    [
        ("CR", "%", "cr"),
        ("CR/CRi", "%", "cr"),
        ("cr/crp", "%", "cr"),
        ("CRS", "%", "other-rates"),  # cytokine release syndrome: a rate, but no response
        ("response", "%", "other-rates"),
        ("bridged to allo-HCT/CAR-T", "%", "other-rates"),
        ("response", "months", None),
        ("ORR", "%", "orr"),
        ("MRD-neg", "%", "mrd"),
        ("MRD-neg", "patients", None),
        ("OS", "months", "os-months"),
        ("OS", "%", "os-percent"),
        ("PFS", "%", "pfs-percent"),
        ("BM remission", "%", "bm-remission"),
    ],
)
def test_a_metric_belongs_to_one_family_of_one_unit(name, unit, family):
    metric = Metric(name, 50.0, unit)
    assert [f.key for f in FAMILIES if f.holds(metric)] == ([family] if family else [])


def test_whisker_bar_marks_the_interval_cells():
    bar = whisker_bar(60, 20, ci=(14.7, 94.7)).plain
    assert len(bar) == 20
    assert bar.index("├") == 2 and bar.index("┤") == 18
    assert bar[:2] == "██" and bar[3:12] == "█" * 9 and bar[12:18] == "─" * 6
    assert whisker_bar(0, 10, ci=(0, 52.2)).plain == "├────┤░░░░"
    assert whisker_bar(100, 10, ci=(47.8, 100)).plain == "████├████┤"
    assert whisker_bar(50, 10).plain == "█████░░░░░"


def test_nice_ceiling():
    assert [nice_ceiling(v) for v in (24.1, 9.14, 100, 0.3, 0)] == [25, 10, 100, 0.5, 1]


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_hostile_data_reaches_the_chart_only_sanitised(size):
    evidence = load_evidence(FIXTURES / "hostile.json")
    app = ChartApp(evidence)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        seen = []
        for _ in FAMILIES:
            lines = chart_lines(app)
            assert all(is_safe(line) for line in lines), lines
            assert all(is_safe(line) for line in screen_lines(app))
            seen.extend(lines)
            await pilot.press("m")
        # The escape-laden regimen of [17] (OS 7.7 months) is charted, its ESC made visible.
        assert any(line.startswith("[17] ") and "\u241b" in line for line in seen)


async def test_chart_scrolls_by_keyboard_when_taller_than_the_terminal(shipped_evidence):
    app = ChartApp(shipped_evidence)
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        chart = app.query_one(CompareChart)
        chart.focus()
        await pilot.pause()
        assert chart.max_scroll_y > 0
        await pilot.press("j")
        await pilot.pause()
        assert chart.scroll_y == 1
        await pilot.press("G")
        await pilot.pause()
        assert chart.scroll_y == chart.max_scroll_y
        await pilot.press("g")
        await pilot.pause()
        assert chart.scroll_y == 0


def test_shipped_every_parsed_rate_is_charted_once_bm_remission_included(shipped_evidence):
    source = shipped_evidence.table("published")
    records = shipped_evidence.records["published"]
    charted = [
        (bar.record.reference, bar.metric.name)
        for family in FAMILIES
        for bar in chart_data(source, records, family).bars
        if bar.metric.unit == "%"
    ]
    rates = [(r.reference, m.name) for r in records for m in r.metrics if m.unit == "%"]
    assert sorted(charted) == sorted(rates)
    assert (19, "BM remission") in charted
    assert (18, "response") in charted and (22, "bridged to allo-HCT/CAR-T") in charted
    titles = [family.title for family in FAMILIES]
    assert titles[0].startswith("Complete remission")


@pytest.mark.parametrize(("columns", "wide"), [(140, True), (139, False)])
async def test_a_terminal_of_140_columns_charts_counts_beside_the_bars(
    shipped_evidence, columns, wide
):
    app = ChartApp(shipped_evidence)
    async with app.run_test(size=(columns, 40)) as pilot:
        await pilot.pause()
        lines = chart_lines(app)
        assert bar_lines(lines)["[25]"].endswith("3/5  14.7-94.7%") == wide
        assert any(line.startswith("k/n  95% CI") for line in lines) != wide  # compact table
