"""The facet panel in a tiny app: keyboard only, at 80x24, toggling through the filter text."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Input

from tui.domain import Evidence, parse_query
from tui.domain.facet_counts import all_records, facet_counts, toggle_facet
from tui.widgets.facet_panel import FacetPanel


class PanelApp(App):
    """A filter text and the panel, wired as a screen would: messages up, counts down."""

    def __init__(self, evidence: Evidence) -> None:
        super().__init__()
        self.evidence = evidence
        self.columns = evidence.all_columns()
        self.toggled: list[str] = []

    def compose(self) -> ComposeResult:
        yield Input(id="filter")
        yield FacetPanel(self._counts(""))

    def _counts(self, text: str):
        query = parse_query(text, self.columns) if text else None
        return facet_counts(all_records(self.evidence), query)

    def on_facet_panel_toggled(self, message: FacetPanel.Toggled) -> None:
        self.toggled.append(message.term)
        box = self.query_one(Input)
        box.value = toggle_facet(box.value, message.term, self.columns)
        self.query_one(FacetPanel).counts = tuple(self._counts(box.value))


async def test_shipped_enter_toggles_the_highlighted_value_in_the_filter(
    shipped_evidence: Evidence,
):
    app = PanelApp(shipped_evidence)
    async with app.run_test(size=(80, 24)) as pilot:
        panel = app.query_one(FacetPanel)
        panel.focus()
        await pilot.pause()
        assert panel.highlighted_option.id == "ph:pos"
        await pilot.press("enter")
        await pilot.pause()
        assert app.toggled == ["ph:pos"]
        assert app.query_one(Input).value == "ph:pos"
        await pilot.press("down", "down", "down", "down", "down")  # skips the Lineage heading
        await pilot.pause()
        assert panel.highlighted_option.id == "lineage:t"
        await pilot.press("space")
        await pilot.pause()
        assert app.query_one(Input).value == "ph:pos lineage:t"
        ticked = {c.term: c for c in panel.counts}
        assert ticked["ph:pos"].applied and ticked["lineage:t"].applied
        assert ticked["ph:pos"].count == 0  # no Ph+ T-lineage row in the review
        await pilot.press("up", "up", "up", "up", "k", "enter")
        await pilot.pause()
        assert app.query_one(Input).value == "lineage:t"
        # [19], [24], [25] and NCT05576532
        assert {c.term: c.count for c in panel.counts}["setting:rr"] == 4


async def test_panel_lines_show_tick_label_and_count(shipped_evidence: Evidence):
    app = PanelApp(shipped_evidence)
    async with app.run_test(size=(80, 24)) as pilot:
        panel = app.query_one(FacetPanel)
        await pilot.pause()
        first = panel.get_option("ph:pos").prompt
        assert first.plain == "[ ]  7 Ph+", "count before the label, so a wrap never splits it"
        assert panel.get_option_at_index(0).disabled  # the "Ph status" heading
