"""The outcomes matrix view in a tiny App: readable at 80x24 by scrolling, whole when wide."""

from __future__ import annotations

from textual.app import App, ComposeResult

from tests.rendering import screen_strips
from tui.domain import Evidence
from tui.domain.outcomes import published_matrix
from tui.widgets.outcomes_view import OutcomesView, render_outcomes


class MatrixApp(App[None]):
    def __init__(self, evidence: Evidence) -> None:
        super().__init__()
        self.evidence = evidence

    def compose(self) -> ComposeResult:
        yield OutcomesView(published_matrix(self.evidence), id="matrix")


def screen_text(app: App) -> str:
    return "\n".join(strip.text for strip in screen_strips(app))


def test_render_lists_every_study_and_says_what_is_derived(shipped_evidence):
    text = render_outcomes(published_matrix(shipped_evidence)).plain
    assert text.startswith("Outcomes matrix  ·  12 published studies")
    assert "ven-tui's own" in text
    for ref in range(17, 29):
        assert f"[{ref}] " in text
    assert "  CR-type      CR 60% · n=5 · 3/5, 95% CI 14.7-94.7%" in text
    assert "MRD-neg 91% · n=24 · No interval: MRD negativity" in text


async def test_80x24_scrolls_to_the_last_study(shipped_evidence):
    app = MatrixApp(shipped_evidence)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.query_one(OutcomesView)
        view.focus()
        assert "[17]" in screen_text(app) and "[28]" not in screen_text(app)
        await pilot.press("G")
        await pilot.pause()
        assert "[28] Venetoclax + CALGB 10403" in screen_text(app)
        await pilot.press("g")
        await pilot.pause()
        assert "Outcomes matrix" in screen_text(app)


async def test_wide_shows_cells_whole(shipped_evidence):
    app = MatrixApp(shipped_evidence)
    async with app.run_test(size=(200, 120)) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        assert "CR/CRi 96% · n=24 · 23/24, 95% CI 78.9-99.9%" in shown
        assert "[28] Venetoclax + CALGB 10403" in shown
