"""The evidence table's column model: derived columns, width fitting and sorting."""

from __future__ import annotations

import pytest

from tui.domain import Evidence
from tui.domain.table_columns import (
    MIN_COLUMN_WIDTH,
    Column,
    columns_for,
    fit_widths,
    natural_widths,
    sort_key,
    sort_records,
)


def test_shipped_published_gets_ref_and_n_trials_do_not(shipped_evidence: Evidence) -> None:
    published = shipped_evidence.table("published")
    headings = [
        c.heading for c in columns_for(published.columns, shipped_evidence.records["published"])
    ]
    assert headings == [*published.columns, "Ref", "n"]
    phase1 = shipped_evidence.table("phase1")
    assert [c.heading for c in columns_for(phase1.columns, shipped_evidence.records["phase1"])] == (
        phase1.columns
    )


@pytest.mark.parametrize("width", [60, 80, 100, 119, 160, 240])
def test_widths_fit_the_pane_when_they_can(shipped_evidence: Evidence, width: int) -> None:
    records = shipped_evidence.records["published"]
    columns = columns_for(shipped_evidence.table("published").columns, records)
    natural = natural_widths(columns, records)
    widths = fit_widths(columns, natural, width)
    assert all(w <= n for w, n in zip(widths, natural, strict=True))
    assert all(w >= min(MIN_COLUMN_WIDTH, n) for w, n in zip(widths, natural, strict=True))
    used = sum(widths) + 2 * len(widths) + 3 + 2
    assert used <= width or all(w == MIN_COLUMN_WIDTH for w in widths[:3])
    assert widths[-2:] == natural[-2:], "Ref and n are never squeezed"


def test_sort_is_numeric_with_blanks_last_both_ways(shipped_evidence: Evidence) -> None:
    records = shipped_evidence.records["published"]
    n = Column("n", derived=True)
    assert [r.n for r in sort_records(records, n, False)][:3] == [5, 13, 18]
    assert [r.n for r in sort_records(records, n, True)][-4:] == [None] * 4
    assert sort_key(9) < sort_key(10) < sort_key("a")
    assert sort_key("B") > sort_key("a")


def test_width_sample_is_every_row_up_to_the_limit_then_bounded() -> None:
    from tui.domain.table_columns import WIDTH_SAMPLE, width_sample

    small = list(range(WIDTH_SAMPLE))
    assert width_sample(small) is small  # the shipped tables: every row, so the same widths
    big = list(range(100_000))
    sample = width_sample(big)
    assert len(sample) == WIDTH_SAMPLE
    assert sample[: WIDTH_SAMPLE // 2] == big[: WIDTH_SAMPLE // 2]  # the rows shown first
    assert len(set(sample)) == WIDTH_SAMPLE and sample == sorted(sample)
    assert sample[-1] >= 99_000  # spread to the end, not only the top
