"""ven-tui's widgets, one per module, re-exported here and imported on first use.

The browser's first frame needs only the tables, the filter and the detail pane; the other
tabs' widgets (and the domain modules behind them) load when a tab is first shown, so
``from tui.widgets import AgentsView`` works everywhere without slowing start-up.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.widgets.about_view import AboutView
    from tui.widgets.agents_view import AgentsView
    from tui.widgets.compare_chart import CompareChart
    from tui.widgets.detail_pane import DetailPane
    from tui.widgets.evidence_table import EvidenceTable
    from tui.widgets.facet_panel import FacetPanel
    from tui.widgets.filter_bar import FilterBar
    from tui.widgets.find_view import FindView
    from tui.widgets.glossary_view import GlossaryView
    from tui.widgets.key_bar import KeyBar
    from tui.widgets.line_pane import LinePane
    from tui.widgets.nav_table import NavTable
    from tui.widgets.outcomes_view import OutcomesView
    from tui.widgets.registry_view import RegistryView
    from tui.widgets.row_view import RowView
    from tui.widgets.tab_strip import TabStrip

_MODULES = {
    "AboutView": "about_view",
    "AgentsView": "agents_view",
    "CompareChart": "compare_chart",
    "DetailPane": "detail_pane",
    "EvidenceTable": "evidence_table",
    "FacetPanel": "facet_panel",
    "FilterBar": "filter_bar",
    "FindView": "find_view",
    "GlossaryView": "glossary_view",
    "KeyBar": "key_bar",
    "LinePane": "line_pane",
    "NavTable": "nav_table",
    "OutcomesView": "outcomes_view",
    "RegistryView": "registry_view",
    "RowView": "row_view",
    "TabStrip": "tab_strip",
}

__all__ = [
    "AboutView",
    "AgentsView",
    "CompareChart",
    "DetailPane",
    "EvidenceTable",
    "FacetPanel",
    "FilterBar",
    "FindView",
    "GlossaryView",
    "KeyBar",
    "LinePane",
    "NavTable",
    "OutcomesView",
    "RegistryView",
    "RowView",
    "TabStrip",
]


def __getattr__(name: str) -> object:
    """Import the widget's module the first time the widget is asked for."""
    if name not in _MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_MODULES[name]}"), name)
