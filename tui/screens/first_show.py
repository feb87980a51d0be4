"""The tabs built when first shown: Glossary, About, Compare and Agents.

The first frame needs only the evidence tables, the filter and the detail pane; building the
other panes (and importing their modules) waits until their tab is first chosen. A pane
built late starts from the filter and agent choice in force, and is updated with the tables
from then on; until then the screen has nothing to update.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.widget import Widget
from textual.widgets import ContentSwitcher

from tui.domain import Evidence, Query
from tui.domain.browser_state import REGISTRY
from tui.domain.glossary_rows import GlossaryRow
from tui.screens.tab_labels import ABOUT, AGENTS, COMPARE, FIND, GLOSSARY, OUTCOMES, short_titles
from tui.widgets.evidence_table import EvidenceTable

if TYPE_CHECKING:
    from tui.widgets.agents_view import AgentsView
    from tui.widgets.compare_chart import CompareChart
    from tui.widgets.find_view import FindView
    from tui.widgets.glossary_view import GlossaryView

BUILT_ON_FIRST_SHOW = (GLOSSARY, ABOUT, COMPARE, AGENTS, FIND, OUTCOMES, REGISTRY)
"""Every tab but the evidence tables, which the filter, marks and counts always span."""
CHARTED = "published"


class FirstShowPanes:
    """Mixed into the main screen: ``build_if_needed(name)`` and the panes built so far."""

    # Provided by the screen this is mixed into (MainScreen).
    evidence: Evidence
    titles: dict[str, str]
    query_value: Query | None
    glossary_rows: tuple[GlossaryRow, ...]
    built_panes: dict[str, Widget]
    """The panes of ``BUILT_ON_FIRST_SHOW`` built so far, by tab name."""

    def chart_scope(self, table: EvidenceTable) -> str: ...

    async def build_if_needed(self, name: str) -> None:
        """Build and mount the pane of tab ``name`` the first time it is shown."""
        if name not in BUILT_ON_FIRST_SHOW or name in self.built_panes:
            return
        pane = self.built_panes[name] = self._build_pane(name)
        pane.display = False  # the switcher shows it
        switcher = self.query_one("#panes", ContentSwitcher)  # type: ignore[attr-defined]
        await switcher.mount(pane)

    @property
    def charted_table(self) -> EvidenceTable:
        """The table the Compare tab charts: the published studies, else the first table."""
        ids = self.evidence.table_ids
        table_id = CHARTED if CHARTED in ids else ids[0]
        return self.query_one(f"#pane-{table_id}", EvidenceTable)  # type: ignore[attr-defined]

    @property
    def glossary_view(self) -> GlossaryView | None:
        """The Glossary tab's pane, once built."""
        return cast("GlossaryView | None", self.built_panes.get(GLOSSARY))

    @property
    def compare_chart(self) -> CompareChart | None:
        """The Compare tab's chart, once built."""
        return cast("CompareChart | None", self.built_panes.get(COMPARE))

    @property
    def find_view(self) -> FindView | None:
        """The Find tab's pane, once built."""
        return cast("FindView | None", self.built_panes.get(FIND))

    @property
    def agents_view(self) -> AgentsView | None:
        """The Agents tab's pane, once built."""
        return cast("AgentsView | None", self.built_panes.get(AGENTS))

    def _build_pane(self, name: str) -> Widget:
        """A new pane for tab ``name``, showing the filter and agent choice now in force."""
        pane_id = f"pane-{name}"
        if name == GLOSSARY:
            from tui.widgets.glossary_view import GlossaryView

            return GlossaryView(self.glossary_rows, self.query_value, id=pane_id)
        if name == ABOUT:
            from tui.widgets.about_view import AboutView

            return AboutView(self.evidence.dataset, id=pane_id)
        if name == COMPARE:
            from tui.widgets.compare_chart import CompareChart

            charted = self.charted_table
            chart = CompareChart(charted.source, charted.visible_records, id=pane_id)
            chart.scope = self.chart_scope(charted)
            return chart
        if name == FIND:
            from tui.widgets.find_view import FindView

            titles = short_titles({t: self.titles[t] for t in self.evidence.table_ids})
            return FindView(self.evidence, titles, self.query_value, id=pane_id)
        if name == OUTCOMES:
            from tui.domain.outcomes import published_matrix
            from tui.widgets.outcomes_view import OutcomesView

            return OutcomesView(published_matrix(self.evidence), id=pane_id)
        if name == REGISTRY:
            from tui.domain.registry import dataset_nct_ids
            from tui.widgets.registry_view import RegistryView

            ids = dataset_nct_ids(self.evidence)
            return RegistryView(getattr(self, "registry", None), ids, id=pane_id)
        from tui.widgets.agents_view import AgentsView

        tables = {t: self.titles[t] for t in self.evidence.table_ids}
        return AgentsView(self.evidence, short_titles(tables), id=pane_id)
