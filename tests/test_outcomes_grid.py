"""The outcomes grid's layout (no Rich): widths fill the line, cells stay in their columns."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.domain.metrics import Metric
from tui.domain.outcomes import FAMILIES, OutcomeRow, outcome_cell, published_matrix
from tui.domain.outcomes_grid import GAP, column_widths, layout_grid
from tui.domain.table_columns import cell_len


def _line_text(line) -> str:
    return "".join(text for text, _ in line)


def test_shipped_grid_fills_its_width_and_never_exceeds_it(shipped_evidence):
    rows = published_matrix(shipped_evidence)
    for width in range(1, 401):
        widths = column_widths(rows, width)
        total = sum(widths) + GAP * (len(widths) - 1)
        if width >= 100:  # room for every column: the grid is exactly as wide as asked
            assert total == width
        grid = layout_grid(rows, width)
        assert all(cell_len(_line_text(line)) <= max(total, width) for line in grid.lines)


_TEXT = st.text(alphabet="abcXYZ 0123456789%()/-·界\u0301", max_size=60)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(_TEXT, st.one_of(st.none(), st.integers(1, 500)), st.integers(0, 100)),
        min_size=1,
        max_size=6,
    ),
    st.integers(140, 260),
)
def test_any_rows_stay_in_their_columns(specs, width):
    rows = [
        OutcomeRow(
            f"[{i}]",
            regimen,
            n,
            {"CR-type": (outcome_cell(Metric("CR", float(value), "%"), n),)},
        )
        for i, (regimen, n, value) in enumerate(specs)
    ]
    widths = column_widths(rows, width)
    cr_start = sum(widths[:3]) + GAP * 3
    grid = layout_grid(rows, width)
    for line in grid.lines[2:]:
        text = _line_text(line)
        assert cell_len(text) <= width
        if text.startswith("["):
            assert text[cr_start:].startswith("CR ") or cell_len(text[:cr_start]) != cr_start
    assert len([line for line in grid.lines if _line_text(line).startswith("[")]) == len(rows)
    assert set(FAMILIES) <= set(_line_text(grid.lines[0]).split())
