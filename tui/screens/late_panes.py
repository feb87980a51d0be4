"""The tabs built when first shown: Glossary, About, Compare, Agents, Find and Outcomes.

The first frame needs only the evidence tables, the filter and the detail pane; building the
other panes (and importing their modules) waits until their tab is first chosen. A pane is
built from the state in force and then follows it: ``show_state`` pushes every change to the
panes built so far. They keep nothing of the state themselves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.widget import Widget

from tui.domain.browser_state import (
    ABOUT,
    AGENTS,
    COMPARE,
    FIND,
    GLOSSARY,
    NEEDS_TABLE,
    OUTCOMES,
    REGISTRY,
    BrowserState,
)
from tui.screens.tab_labels import short_titles

if TYPE_CHECKING:
    from tui.domain.outcomes import OutcomeRow
    from tui.widgets.agents_view import AgentsView
    from tui.widgets.compare_chart import CompareChart
    from tui.widgets.find_view import FindView
    from tui.widgets.glossary_view import GlossaryView
    from tui.widgets.outcomes_view import OutcomesView
    from tui.widgets.registry_view import RegistryView

BUILT_ON_FIRST_SHOW = (GLOSSARY, ABOUT, COMPARE, AGENTS, FIND, OUTCOMES, REGISTRY)
REBUILT_WHOLE = (FIND, OUTCOMES)
"""Panes that a new query rebuilds whole: brought up to date only when shown."""
"""Every tab but the evidence tables, which the filter, marks and counts always span."""


class LatePanes:
    """The panes of ``BUILT_ON_FIRST_SHOW`` built so far, by tab name, and their updates."""

    def __init__(self) -> None:
        self.built: dict[str, Widget] = {}
        self._stale: set[str] = set()
        """Built panes behind other tabs that have not seen the latest query yet."""

    def build(self, name: str, state: BrowserState) -> Widget | None:
        """A new pane for tab ``name`` from ``state`` (None: built already, or not late)."""
        if name not in BUILT_ON_FIRST_SHOW or name in self.built:
            return None
        pane = self.built[name] = _new_pane(name, state)
        pane.display = False  # the switcher shows it
        return pane

    def show_state(self, state: BrowserState) -> None:
        """The query, the restriction or the registry cache changed: each built pane
        follows. Find and Outcomes, rebuilt whole, wait until next shown: a hidden Find list
        refilled at every keystroke costs a second at 10,000 rows. (Glossary and Compare
        defer their own drawing while hidden.)"""
        for name in self.built:
            if name in REBUILT_WHOLE and name != state.current:
                self._stale.add(name)
            else:
                self._push(name, state)

    def shown(self, state: BrowserState) -> None:
        """The tab ``state.current`` is about to show: bring its pane up to date."""
        if state.current in self._stale:
            self._stale.discard(state.current)
            self._push(state.current, state)

    def _push(self, name: str, state: BrowserState) -> None:
        if name == GLOSSARY and (glossary := self.glossary) is not None:
            glossary.apply(state.query)
        elif name == COMPARE and (chart := self.compare) is not None:
            chart.set_records(state.rows(state.charted), state.chart_scope())
        elif name == OUTCOMES and (outcomes := self.outcomes) is not None:
            outcomes.set_rows(_matrix(state))
        elif name == FIND and (find := self.find) is not None:
            find.apply(state.query, state.find_rows())
        elif name == AGENTS and (agents := self.agents) is not None:
            agents.chosen = state.restriction.label if state.restriction else None
        elif name == REGISTRY and (registry := self.registry) is not None:
            registry.show_cache(state.registry, _registry_ids(state))

    @property
    def glossary(self) -> GlossaryView | None:
        return cast("GlossaryView | None", self.built.get(GLOSSARY))

    @property
    def compare(self) -> CompareChart | None:
        return cast("CompareChart | None", self.built.get(COMPARE))

    @property
    def find(self) -> FindView | None:
        return cast("FindView | None", self.built.get(FIND))

    @property
    def outcomes(self) -> OutcomesView | None:
        return cast("OutcomesView | None", self.built.get(OUTCOMES))

    @property
    def agents(self) -> AgentsView | None:
        return cast("AgentsView | None", self.built.get(AGENTS))

    @property
    def registry(self) -> RegistryView | None:
        return cast("RegistryView | None", self.built.get(REGISTRY))


def _matrix(state: BrowserState) -> list[OutcomeRow]:
    """The outcomes matrix of the published studies the filter leaves (the tab exists only
    when the dataset has that table)."""
    from tui.domain.outcomes import published_matrix

    table_id = NEEDS_TABLE[OUTCOMES]
    return published_matrix(state.evidence, state.rows(table_id), table_id)


def _registry_ids(state: BrowserState) -> list[str]:
    return [record.nct_id for record in state.registry_rows() if record.nct_id]


def _new_pane(name: str, state: BrowserState) -> Widget:
    """The pane of tab ``name``, showing the state's filter and restriction."""
    evidence = state.evidence
    pane_id = f"pane-{name}"
    tables = {t: state.title(t) for t in state.table_ids}
    if name == GLOSSARY:
        from tui.widgets.glossary_view import GlossaryView

        return GlossaryView(state.glossary_rows(), state.query, id=pane_id)
    if name == ABOUT:
        from tui.widgets.about_view import AboutView

        return AboutView(evidence.dataset, id=pane_id)
    if name == COMPARE:
        from tui.widgets.compare_chart import CompareChart

        charted = state.charted
        chart = CompareChart(evidence.table(charted), state.rows(charted), id=pane_id)
        chart.scope = state.chart_scope()
        return chart
    if name == FIND:
        from tui.widgets.find_view import FindView

        return FindView(evidence, short_titles(tables), state.query, state.find_rows(), id=pane_id)
    if name == OUTCOMES:
        from tui.widgets.outcomes_view import OutcomesView

        return OutcomesView(_matrix(state), id=pane_id)
    if name == REGISTRY:
        from tui.widgets.registry_view import RegistryView

        return RegistryView(state.registry, _registry_ids(state), id=pane_id)
    from tui.widgets.agents_view import AgentsView

    agents = AgentsView(evidence, short_titles(tables), id=pane_id)
    agents.chosen = state.restriction.label if state.restriction else None
    return agents
