"""Every derived label in every view says where it came from (ven-tui, or which source part).

One test per view over the shipped data: the detail pane of every row, the glossary, the
Agents tab, the Compare chart of every family at 80 and 160 columns, the outcomes matrix
both ways, and the About tab. A derived thing that appears must carry its provenance.
"""

from __future__ import annotations

import re

import pytest
from textual.app import App, ComposeResult

from tui.domain.chart_model import FAMILIES, chart_data
from tui.domain.drug_classes import REGIMEN_SUPPLEMENT_SOURCE
from tui.domain.glossary_rows import glossary_rows
from tui.domain.outcomes import published_matrix
from tui.resources import stylesheet_path
from tui.widgets.about_view import render_about
from tui.widgets.agents_view import (
    CLASS_MARK,
    LEGEND,
    NO_VENETOCLAX_MARK,
    SUPPLEMENT_MARK,
    AgentsView,
)
from tui.widgets.compare_chart import render_chart
from tui.widgets.detail_pane import render_record
from tui.widgets.nav_table import NavTable
from tui.widgets.outcomes_view import render_outcomes

OWN = re.compile(r"ven-tui", re.IGNORECASE)


def _records(evidence):
    return [record for records in evidence.records.values() for record in records]


def test_shipped_detail_pane_labels_every_derived_section(shipped_evidence):
    for record in _records(shipped_evidence):
        text = render_record(record).plain
        assert "Derived  (computed by ven-tui from the cells)" in text or not (
            record.reference or record.n or record.nct_id
        ), record.key
        if record.note:
            assert "Editorial note  (ven-tui's, not the source's)" in text, record.key
        assert "Outcome metrics  (parsed from the outcome text)" in text, record.key
        if any(metric.unit == "%" for metric in record.metrics):
            assert "Uncertainty  (derived by ven-tui, assuming the denominator is n;" in text
        for abbreviation in record.abbreviations:
            if not abbreviation.from_source:
                assert OWN.search(abbreviation.source), abbreviation
                assert f"{abbreviation.source}  [not in source]" in text, abbreviation
        for metric in record.metrics:
            if metric.derived_from:
                assert f'(derived from "{metric.derived_from}")' in text
        for line in text.split("\n"):
            if "95% CI" in line and "├" in line:  # a drawn interval says whose it is
                assert "(derived by ven-tui, assuming the denominator is n)" in line, line


def test_shipped_glossary_labels_every_entry_not_from_the_source(shipped_evidence):
    rows = glossary_rows(shipped_evidence.glossary)
    ours = [row for row in rows if not row.from_source]
    assert len(ours) >= 12
    for row in ours:
        assert OWN.search(row.source), row
    assigned = {row.abbr: row.source for row in ours}
    for abbr in ("BCL-XL", "ETP-ALL", "T-LBL"):
        assert "from source definitions (" in assigned[abbr], abbr


class AgentsApp(App[None]):
    CSS_PATH = str(stylesheet_path().with_name("analysis.tcss"))

    def __init__(self, evidence) -> None:
        super().__init__()
        self.evidence = evidence

    def compose(self) -> ComposeResult:
        yield AgentsView(self.evidence, id="agents")


async def test_shipped_agents_tab_marks_every_class_expansion_and_row(shipped_evidence):
    app = AgentsApp(shipped_evidence)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        view = app.query_one(AgentsView)
        table = app.query_one(NavTable)
        for entry in view.entries:
            cells = [str(cell) for cell in table.get_row(entry.name)]
            assert cells[-2].endswith(CLASS_MARK), entry.name  # every class is ven-tui's
            assert cells[1].endswith(SUPPLEMENT_MARK) == (not entry.named_in_source)
            if entry.supplement_rows:
                assert REGIMEN_SUPPLEMENT_SOURCE in cells[-1], entry.name
            if entry.role:
                assert "(supportive)" in cells[1]
            row = [e.name for e in view.entries].index(entry.name)
            table.move_cursor(row=row, animate=False)
            await pilot.pause()
            summary = str(app.query_one(".agent-summary").content)
            assert summary.count(SUPPLEMENT_MARK) == len(entry.supplement_rows), entry.name
            if entry.note and "ven-tui" in entry.note:
                assert entry.note in summary
        for mark in (CLASS_MARK, SUPPLEMENT_MARK, NO_VENETOCLAX_MARK):
            assert f"{mark} " in LEGEND
        assert "ven-tui's own" in LEGEND


@pytest.mark.parametrize("width", [80, 160])
def test_shipped_compare_chart_labels_every_interval_and_judgement(shipped_evidence, width):
    source = shipped_evidence.table("published")
    for family in FAMILIES:
        data = chart_data(source, shipped_evidence.records["published"], family)
        text = render_chart(data, width).plain
        if any(bar.estimate for bar in data.bars):
            assert "derived by ven-tui, assuming the denominator is n" in " ".join(text.split())
        if any(bar.withheld for bar in data.bars):
            assert "no interval drawn (ven-tui's judgement)" in text
        if any(bar.metric.derived_from for bar in data.bars):
            assert "derived" in text


@pytest.mark.parametrize("width", [79, 159])
def test_shipped_outcomes_matrix_says_whose_the_counts_are(shipped_evidence, width):
    text = " ".join(render_outcomes(published_matrix(shipped_evidence), width).plain.split())
    assert "Counts and exact 95% CIs (Clopper-Pearson) are ven-tui's own, not the review's" in text
    if width < 140:
        assert '(derived from "ORR 42%, all CR/CRi")' in text
    else:  # a grid cell wraps the phrase across its lines
        assert "(derived" in text
        assert "Why a cell has no interval (ven-tui's own judgement)" in text


def test_shipped_about_says_every_derived_kind_is_ven_tuis(shipped_evidence):
    text = " ".join(render_about(shipped_evidence.dataset).plain.split())
    assert "Derived by ven-tui, not the review's:" in text
