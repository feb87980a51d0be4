"""The shipped dataset is a verbatim transcription of the source text, row for row."""

from __future__ import annotations

import pytest

from tests.conftest import BUNDLED_SOURCE, SHARED_SOURCE
from tui.domain import Evidence


def _table_start(lines: list[str], label: str) -> int:
    starts = [i for i, line in enumerate(lines) if line.startswith(f"{label}. ")]
    assert len(starts) == 1, f"{label} should start exactly one line"
    return starts[0]


def _source_rows(lines: list[str], start: int) -> list[str]:
    """The body lines of a table: after title, spacer, headings and footnote, until a blank."""
    rows = []
    for line in lines[start + 4 :]:
        if not line.strip():
            break
        rows.append(line)
    return rows


def test_bundled_copy_of_source_is_identical_to_the_project_input():
    if not SHARED_SOURCE.exists():
        pytest.skip(f"project input not beside the checkout ({SHARED_SOURCE})")
    assert BUNDLED_SOURCE.read_bytes() == SHARED_SOURCE.read_bytes()


def test_shipped_tables_have_the_expected_ids_and_sizes(shipped_evidence: Evidence):
    sizes = {t.id: len(t.rows) for t in shipped_evidence.dataset.tables}
    assert sizes == {"published": 12, "phase1": 6, "phase2": 12}


@pytest.mark.parametrize("table_id", ["published", "phase1", "phase2"])
def test_every_shipped_row_is_a_source_row_and_vice_versa(
    shipped_evidence: Evidence, source_lines: list[str], table_id: str
):
    table = shipped_evidence.table(table_id)
    start = _table_start(source_lines, table.label)
    assert source_lines[start] == f"{table.label}. {table.title}"
    assert source_lines[start + 2] == "".join(table.columns)
    assert source_lines[start + 3] == table.footnote
    expected = _source_rows(source_lines, start)
    assert ["".join(row.cells.values()) for row in table.rows] == expected


def test_shipped_cells_are_never_empty_and_never_padded(shipped_evidence: Evidence):
    for table in shipped_evidence.dataset.tables:
        for row in table.rows:
            for heading, text in row.cells.items():
                assert text and text == text.strip(), (table.id, heading, text)


def test_shipped_figure_legend_and_citation_match_the_source(
    shipped_evidence: Evidence, source_lines: list[str]
):
    dataset = shipped_evidence.dataset
    assert f"{dataset.figure.label}. {dataset.figure.legend}" in source_lines
    header = "\n".join(source_lines[:12])
    c = dataset.citation
    assert f"{c.journal}, ISSN {c.issn_print} print, {c.issn_online} online, {c.access}" in header
    assert f"Volume {c.volume}, Number {c.issue}, {c.month} {c.year}, pages {c.pages}" in header
    assert c.title in source_lines and c.article_type in source_lines
    assert f"Journal website {c.site}" in header
    assert c.copyright in header


def test_shipped_quirks_are_kept_and_explained(shipped_evidence: Evidence):
    phase1 = shipped_evidence.table("phase1")
    unclosed = phase1.rows[1]
    assert unclosed.cells["Population"] == "ALL (newly diagnosed or R/R"
    assert "unclosed parenthesis" in unclosed.note
    phase2 = shipped_evidence.table("phase2")
    assert phase2.columns == ["Study number", "Population", "Primary outcome"]
    assert "no Intervention column" in phase2.note
    assert "orebatinib" in phase2.rows[0].cells["Primary outcome"]
    assert "orebatinib" in phase2.rows[0].note
