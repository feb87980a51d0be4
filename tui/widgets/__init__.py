"""ven-tui's widgets, one per module."""

from __future__ import annotations

from tui.widgets.about_view import AboutView
from tui.widgets.agents_view import AgentsView
from tui.widgets.compare_chart import CompareChart
from tui.widgets.detail_pane import DetailPane
from tui.widgets.evidence_table import EvidenceTable
from tui.widgets.filter_bar import FilterBar
from tui.widgets.glossary_view import GlossaryView
from tui.widgets.line_pane import LinePane
from tui.widgets.nav_table import NavTable
from tui.widgets.row_view import RowView

__all__ = [
    "AboutView",
    "AgentsView",
    "CompareChart",
    "DetailPane",
    "EvidenceTable",
    "FilterBar",
    "GlossaryView",
    "LinePane",
    "NavTable",
    "RowView",
]
