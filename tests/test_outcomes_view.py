"""The outcomes matrix view in a tiny App: readable at 80x24 by scrolling, whole when wide."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult

from tests.conftest import FIXTURES
from tests.rendering import screen_strips
from tui.domain import Evidence, load_evidence
from tui.domain.outcomes import FAMILIES, published_matrix
from tui.domain.sanitize import is_safe
from tui.widgets.outcomes_view import INDENT, WIDE, OutcomesView, render_outcomes


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
    assert "  CR-type        CR 60% · n=5 · 3/5, 95% CI 14.7-94.7%" in text
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


def test_narrow_blocks_wrap_under_their_own_indent(shipped_evidence):
    """At 80 columns a long reason continues under the figure, not at the left edge."""
    lines = render_outcomes(published_matrix(shipped_evidence), 79).plain.split("\n")
    assert all(len(line) <= 79 for line in lines if not line.startswith("["))
    body = lines[lines.index("[17] Venetoclax + mini-hyper-CVD (phase I)  (n not stated)") :]
    continued = [line for line in body if line and not line.startswith(("[", "  "))]
    assert continued == []
    family_line = next(i for i, line in enumerate(body) if line.startswith("  CR-type"))
    assert body[family_line + 1].startswith(" " * INDENT + "describes a subgroup (R/R)")


def test_grid_from_wide_columns_has_every_study_family_and_reason(shipped_evidence):
    text = render_outcomes(published_matrix(shipped_evidence), WIDE).plain
    lines = text.split("\n")
    assert all(len(line) <= WIDE for line in lines)
    header = next(line for line in lines if line.lstrip().startswith("Study"))
    assert all(family in header for family in FAMILIES)
    assert [line.split()[0] for line in lines if line.startswith("[")] == [
        f"[{ref}]" for ref in range(17, 29)
    ]
    assert "3/5 · 14.7-94.7%" in text and "22/24" not in text
    assert "no CI: among responders: No interval: MRD negativity" in text
    assert "no CI: a subgroup: No interval: the figure describes a subgroup" in text
    assert "k/n · low-high%: the count the printed figure implies" in text
    assert 'Regimens leave out the leading "Venetoclax +" they share.' in text
    assert "ven-tui's own" in text


async def test_wide_terminal_shows_the_grid_and_narrowing_goes_back_to_blocks(shipped_evidence):
    app = MatrixApp(shipped_evidence)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        assert "·  grid" in shown
        header = next(line for line in shown.split("\n") if line.lstrip().startswith("Study"))
        assert all(family in header for family in FAMILIES)
        assert "[17]" in shown and "[20]" in shown
        view = app.query_one(OutcomesView)
        view.focus()
        await pilot.press("G")
        await pilot.pause()
        assert "Why a cell has no interval" in screen_text(app)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert "blocks (140+ columns: grid)" in view.content.plain
        assert max(strip.cell_length for strip in view.lines) <= view.text_width


@pytest.mark.parametrize("width", [79, WIDE, 200])
def test_hostile_data_reaches_the_matrix_only_sanitised(width):
    evidence = load_evidence(FIXTURES / "hostile.json")
    rows = published_matrix(evidence)
    assert rows
    assert is_safe(render_outcomes(rows, width).plain)


@pytest.mark.parametrize("width", [WIDE, 160, 240])
def test_grid_columns_line_up_and_fill_the_width(shipped_evidence, width):
    """Every study's cells start where their heading starts, and no line is wider."""
    from tui.domain.outcomes_grid import GAP, column_widths

    rows = published_matrix(shipped_evidence)
    widths = column_widths(rows, width)
    assert sum(widths) + GAP * (len(widths) - 1) == width
    starts = [sum(widths[:i]) + GAP * i for i in range(len(widths))]
    lines = render_outcomes(rows, width).plain.split("\n")
    header = next(line for line in lines if line.startswith("Study"))
    assert [header.index(name) for name in ("Study", "Regimen", *FAMILIES)] == [
        starts[0],
        starts[1],
        *starts[3:],
    ]
    row_25 = next(line for line in lines if line.startswith("[25]"))
    assert row_25[starts[3] :].startswith("CR 60%")
    assert row_25[starts[2] : starts[3]].strip() == "5"
    assert all(len(line) <= width for line in lines[3:] if not line.startswith("  no CI"))


@pytest.mark.parametrize(("columns", "layout"), [(140, "grid"), (139, "blocks")])
async def test_a_terminal_of_140_columns_shows_the_grid(shipped_evidence, columns, layout):
    app = MatrixApp(shipped_evidence)
    async with app.run_test(size=(columns, 40)) as pilot:
        await pilot.pause()
        title = app.query_one(OutcomesView).content.plain.split("\n")[0]
        assert title.split("  ·  ")[-1].startswith(layout)
