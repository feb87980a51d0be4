"""The main screen: owns the layout and routes messages between filter, tables and detail."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.events import Resize
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import ContentSwitcher

from tui.domain import Evidence, Query, Record
from tui.domain.browser_state import BrowserState
from tui.domain.glossary_rows import glossary_rows, matching_rows
from tui.domain.sanitize import safe_line
from tui.screens.copying import COPY_BINDINGS, CopyActions
from tui.screens.first_show import FirstShowPanes
from tui.screens.keys import KeySection, key_sections
from tui.screens.listings import LISTING_BINDINGS, ListingActions
from tui.screens.tab_labels import (
    AGENTS,
    COMPARE,
    GLOSSARY,
    fit_tab_labels,
)
from tui.widgets.detail_pane import DetailPane
from tui.widgets.evidence_table import EvidenceTable
from tui.widgets.filter_bar import FilterBar
from tui.widgets.key_bar import KeyBar
from tui.widgets.tab_strip import TabStrip

if TYPE_CHECKING:
    from tui.widgets.agents_view import AgentsView
    from tui.widgets.facet_panel import FacetPanel

WIDE = 120
_TABS = Binding.Group("Tabs", compact=True)
# Priority bindings, active only while the filter has focus (see check_action): focus moves
# before the next key is dispatched, so keys typed fast, or arriving in one packet over
# SSH, land where the user expects.
FILTER_BINDINGS = [
    Binding(
        "enter", "filter_done", "Apply", tooltip="Keep the filter, back to the table", priority=True
    ),
    Binding(
        "escape",
        "filter_clear",
        "Clear",
        tooltip="Clear the filter, back to the table",
        priority=True,
    ),
]


class MainScreen(CopyActions, ListingActions, FirstShowPanes, Screen[None]):
    """Tabs of tables with a filter above and the detail of the highlighted row beside."""

    # Priority bindings run as the key arrives, before later keys are routed, so keys typed
    # ahead ("2j", "/ph+<enter>3") reach the widget the earlier key focused. check_action
    # passes them to the filter's input while it has focus ("r/r", "q" are query text).
    BINDINGS = [
        # One binding per digit; check_action enables those the dataset's registry has.
        *[
            Binding(str(n), f"show_tab({n - 1})", f"Tab {n}", group=_TABS, priority=True)
            for n in range(1, 10)
        ],
        Binding(
            "U",
            "clear_marks",
            "Clear marks",
            tooltip="Clear every mark, in every table",
            show=False,
        ),
        Binding(
            "escape",
            "clear_filter_here",
            "Clear filter",
            tooltip="In a table: clear the filter",
            show=False,
        ),
        Binding("slash", "focus_filter", "Filter", tooltip="Focus the filter", priority=True),
        *COPY_BINDINGS,
        *LISTING_BINDINGS,
        Binding(
            "d", "toggle_detail", "Detail", tooltip="Hide or show the detail pane", priority=True
        ),
        Binding("question_mark", "help", "Help", tooltip="This list of keys", priority=True),
        Binding("q", "quit", "Quit", priority=True),
        Binding(
            "tab",
            "app.focus_next",
            "Next area",
            show=False,
            tooltip="Move focus: filter, rows, detail pane (scroll it with ↑/↓, PgUp/PgDn)",
        ),
        *FILTER_BINDINGS,
    ]

    AUTO_FOCUS = "#panes RowView"

    show_detail: reactive[bool] = reactive(True)

    # -- registry wiring --
    BINDINGS = [
        *BINDINGS,
        Binding(
            "R",
            "sync_registry",
            "Sync registry",
            tooltip="Fetch today's status from ClinicalTrials.gov (needs network; Escape cancels)",
            show=False,
        ),
    ]

    @property
    def registry(self):  # noqa: ANN201 - a RegistryCache or None
        """The registry cache the app holds: read at start-up (offline), replaced by a sync."""
        return getattr(self.app, "registry", None)

    def action_sync_registry(self) -> None:
        """Push the sync dialog; only a complete sync hands its cache to the views."""
        from tui.domain.registry import base_url, dataset_nct_ids
        from tui.screens.registry_sync import RegistrySyncScreen

        url = getattr(self.app, "registry_url", None) or base_url()
        screen = RegistrySyncScreen(dataset_nct_ids(self.evidence), url, previous=self.registry)
        self.app.push_screen(screen, self.registry_synced)

    def registry_synced(self, cache) -> None:  # noqa: ANN001 - a RegistryCache or None
        """Give a new cache to the tables, the detail pane, the registry tab and the filter."""
        if cache is None:
            return  # failed or cancelled: every view keeps the cache it had
        self.app.registry = cache
        for table in self.query(EvidenceTable):
            table.set_registry(cache)
        self.query_one(DetailPane).registry = cache
        if (view := self.built_panes.get("registry")) is not None:
            view.show_cache(cache)
        self.query_one(FilterBar).set_registry(cache)

    # -- end registry wiring --

    def __init__(self, evidence: Evidence) -> None:
        super().__init__()
        self.evidence = evidence
        self.query_value: Query | None = None
        self.agent_filter: str | None = None
        """The agent whose rows the tables are restricted to (Agents tab), if any."""
        self.state = BrowserState.of(evidence)
        self.titles = {tab.name: tab.title for tab in self.state.tabs}
        self.names = [tab.name for tab in self.state.tabs]
        self.pane_ids = [f"pane-{name}" for name in self.names]
        self.glossary_rows = glossary_rows(evidence.glossary)
        self.built_panes = {}

    def compose(self) -> ComposeResult:
        # Classes set before the children exist cost nothing; set after mounting, they
        # restyle every widget once more before the first frame.
        self._set_layout_classes(self.app.size.width)
        yield FilterBar(self.evidence.all_columns(), registry=self.registry, id="filter")
        yield TabStrip(self._tab_labels(self.app.size.width), id="tabs")
        with Container(id="body"):
            with ContentSwitcher(id="panes", initial=self.pane_ids[0]):
                for table_id in self.evidence.table_ids:
                    yield EvidenceTable(
                        self.evidence.table(table_id),
                        self.evidence.records[table_id],
                        registry=self.registry,
                        id=f"pane-{table_id}",
                    )
            with Container(id="detail-frame"):
                yield DetailPane(self.detail_titles(), registry=self.registry, id="detail")
        yield KeyBar()

    # -- routing ---------------------------------------------------------------------

    def on_mount(self) -> None:
        agents = {tab.name: tab.key for tab in self.state.tabs}.get(AGENTS, "")
        for table in self.query(EvidenceTable):
            table.agents_key = agents

    def on_resize(self, event: Resize) -> None:
        self._layout(event.size.width)

    def on_evidence_table_highlighted(self, event: EvidenceTable.Highlighted) -> None:
        if event.table is self.active_table:
            self._show(event.record)

    async def on_tab_strip_chosen(self, event: TabStrip.Chosen) -> None:
        """A tab's name was clicked."""
        await self.show_tab(event.index)

    def on_filter_bar_changed(self, event: FilterBar.Changed) -> None:
        self.query_value = event.query if event.query else None
        for table in self.query(EvidenceTable):
            table.apply(self.query_value)
        if (glossary := self.glossary_view) is not None:
            glossary.apply(self.query_value)
        self._after_filter()

    def on_agents_view_agent_chosen(self, event: AgentsView.AgentChosen) -> None:
        """Restrict every table to the rows using the agent (acronyms expanded), by key."""
        self.agent_filter = event.agent
        for table in self.query(EvidenceTable):
            table.restrict(event.agent, event.keys)
        self._after_filter()
        self.notify(
            safe_line(
                f"Tables 1-3 and the chart show only the {len(event.keys)} rows using "
                f"{event.agent}. Enter or ⌫ here shows all rows again."
            ),
            title="Agent filter",
            markup=False,
        )

    def on_facet_panel_toggled(self, event: FacetPanel.Toggled) -> None:
        """A facet value was toggled on the Find tab: rewrite the filter text, which applies it."""
        from tui.domain.facet_counts import toggle_facet

        bar = self.query_one(FilterBar)
        bar.set_text(toggle_facet(bar.text, event.term, self.evidence.all_columns()))

    def on_agents_view_agent_cleared(self, event: AgentsView.AgentCleared) -> None:
        self.clear_agent()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter/Escape act on the filter only while it has focus; other keys only outside it."""
        filter_actions = {binding.action for binding in FILTER_BINDINGS}
        in_filter = self.query_one(FilterBar).has_focus_within
        if action in filter_actions:
            return in_filter
        if action == "show_tab":
            index = parameters[0] if parameters else -1
            if not isinstance(index, int) or self.state.tab_at(index) is None:
                return False
        if action == "clear_filter_here":
            return not in_filter and bool(self.query_one(FilterBar).query_value)
        if action in _PRIORITY_ACTIONS:
            return not in_filter
        return True

    # -- actions ---------------------------------------------------------------------

    async def action_show_tab(self, index: int) -> None:
        """Switch to the tab at ``index`` (0-based, in the order shown)."""
        await self.show_tab(index)

    async def show_tab(self, index: int) -> None:
        """Show pane ``index`` (built now if first shown) and focus it, before the next key.

        Keys are handled one after another, so a key typed right after the tab's digit waits
        here until the pane exists and has focus.
        """
        if not 0 <= index < len(self.names):
            return
        switcher = self.query_one(ContentSwitcher)
        if switcher.current != self.pane_ids[index]:
            await self.build_if_needed(self.names[index])
            switcher.current = self.pane_ids[index]
            self.query_one(TabStrip).active = index
            table = self.active_table
            self.set_class(table is None, "-no-record")
            if table is not None:
                self._show(table.cursor_record)
        self._focus_active()

    def action_focus_filter(self) -> None:
        self.query_one(FilterBar).focus()

    async def action_quit(self) -> None:
        await self.app.action_quit()

    def action_filter_done(self) -> None:
        self._focus_active()

    def action_filter_clear(self) -> None:
        self.query_one(FilterBar).set_text("")
        self._focus_active()
        if self.agent_filter is not None:
            self.notify(
                safe_line(
                    f"Filter cleared; rows are still restricted to those using "
                    f"{self.agent_filter}: 7 (Agents), then ⌫ shows all rows."
                ),
                title="Agent filter kept",
                markup=False,
            )

    def clear_query(self) -> str:
        """Clear the filter now (tables, glossary, input); return the text it held."""
        bar = self.query_one(FilterBar)
        text = bar.text
        self.query_value = None
        for table in self.query(EvidenceTable):
            table.apply(None)
        if (glossary := self.glossary_view) is not None:
            glossary.apply(None)
        bar.set_text("")
        self._after_filter()
        return text

    def clear_agent(self) -> None:
        """Lift the restriction to one agent's rows (the Agents tab unmarks it)."""
        self.agent_filter = None
        if (agents := self.agents_view) is not None:
            agents.chosen = None
        for table in self.query(EvidenceTable):
            table.restrict(None)
        self._after_filter()

    def action_toggle_detail(self) -> None:
        self.show_detail = not self.show_detail

    def action_clear_marks(self) -> None:
        """Unmark every row of every table at once."""
        for table in self.query(EvidenceTable):
            table.clear_marks()
        self._push_marks()
        self.app.notify("Every mark cleared", markup=False)

    def on_evidence_table_marks_changed(self, event: EvidenceTable.MarksChanged) -> None:
        self._push_marks()

    def _push_marks(self) -> None:
        """Record the marks in the state, and show each table the total across tables."""
        marks = frozenset(key for t in self.query(EvidenceTable) for key in t.marked_keys)
        self.state = replace(self.state, marks=marks)
        for table in self.query(EvidenceTable):
            table.show_mark_summary(self.state.showing(table.source.id).mark_summary())

    def action_clear_filter_here(self) -> None:
        """Escape in a table clears the filter, as the README says."""
        self.query_one(FilterBar).set_text("")

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.key_sections()))

    def action_sort(self) -> None:
        if (table := self.active_table) is not None:
            table.sort_by_column()

    def action_toggle_mark(self) -> None:
        if (table := self.active_table) is not None:
            table.toggle_mark()

    def watch_show_detail(self, show: bool) -> None:
        self.set_class(not show, "-detail-hidden")

    # -- queries from the app --------------------------------------------------------

    @property
    def active_pane(self) -> str:
        """The id of the pane shown (one of ``pane_ids``)."""
        return self.query_one(ContentSwitcher).current or self.pane_ids[0]

    @property
    def active_table(self) -> EvidenceTable | None:
        """The evidence table of the active tab, or None on the Glossary and About tabs."""
        pane = self.query_one(ContentSwitcher).visible_content
        return pane if isinstance(pane, EvidenceTable) else None

    def _key_of(self, name: str) -> str:
        """ " (6)": the digit that opens tab ``name``, for headings; empty if it has none."""
        names = [tab.name for tab in self.state.tabs]
        return (
            f" ({self.state.tab(name).key})" if name in names and self.state.tab(name).key else ""
        )

    def tab_label(self, index: int) -> str:
        """The text of tab ``index``, as shown."""
        return self.query_one(TabStrip).labels[index].plain

    def key_sections(self) -> list[KeySection]:
        """Every key, grouped by where it works, from the bindings themselves."""
        from tui.widgets.agents_view import AgentsView
        from tui.widgets.compare_chart import CompareChart
        from tui.widgets.nav_table import NavTable

        palette = Binding(self.app.COMMAND_PALETTE_BINDING, "command_palette", "Command palette")
        tabs = [
            Binding(tab.key, f"show_tab({index})", tab.title)
            for index, tab in enumerate(self.state.tabs)
            if tab.key
        ]
        others = [
            b
            for b in self.BINDINGS
            if isinstance(b, Binding) and b not in FILTER_BINDINGS and b.group is not _TABS
        ]
        return key_sections(
            [
                ("Anywhere", [*tabs, *others, palette]),
                ("In a table", [*NavTable.BINDINGS, *EvidenceTable.table_bindings()]),
                (f"In the Compare tab{self._key_of(COMPARE)}", CompareChart.BINDINGS),
                (f"In the Agents tab{self._key_of(AGENTS)}", AgentsView.BINDINGS),
                ("In the filter", FILTER_BINDINGS),
                ("In the detail pane and About (focus with tab)", DetailPane.BINDINGS),
            ],
            self.app.get_key_display,
        )

    def commands(self) -> Iterator[tuple[str, str, Callable[[], object]]]:
        """The screen's actions for the command palette: (title, help, callback)."""
        for index, tab in enumerate(self.state.tabs):
            key = f"key {tab.key}" if tab.key else ""
            yield f"Show tab: {tab.title}", key, self._runner(f"show_tab({index})")
        for binding in [*self.BINDINGS, *EvidenceTable.table_bindings()]:
            if binding in FILTER_BINDINGS or binding.action in ("quit", "app.focus_next"):
                continue
            if binding.group is _TABS:
                continue  # listed above, with the registry's titles
            if not hasattr(self, f"action_{binding.action.partition('(')[0]}"):
                continue  # a key of the rows alone (←/→ choose a column)
            action = binding.action
            title = binding.tooltip or binding.description
            yield title, f"key {self.app.get_key_display(binding)}", self._runner(action)

    # -- internals -------------------------------------------------------------------

    def _runner(self, action: str) -> Callable[[], object]:
        return lambda: self.run_action(action)

    def _layout(self, width: int) -> None:
        self._set_layout_classes(width)
        self._relabel(width)

    def _set_layout_classes(self, width: int) -> None:
        self.set_class(width >= WIDE, "-wide")
        self.set_class(width < WIDE, "-narrow")

    def tab_index(self, name: str) -> int:
        """The position of the tab named ``name`` (a table id, ``glossary``...)."""
        return self.names.index(name)

    def _after_filter(self) -> None:
        """After the query or the agent restriction changed: chart, tab counts, detail."""
        if (chart := self.compare_chart) is not None:
            charted = self.charted_table
            chart.set_records(charted.visible_records, self.chart_scope(charted))
        if (find := self.find_view) is not None:
            find.apply(self.query_value)
        self._relabel()
        if (table := self.active_table) is not None:
            self._show(table.cursor_record)

    def chart_scope(self, table: EvidenceTable) -> str:
        """What restricts ``table``'s rows, for the chart: '6 of 12 ... (filter “cr>=60”)'."""
        limits = []
        if self.query_value is not None:
            limits.append(f"filter “{self.query_value.source}”")
        if self.agent_filter is not None:
            limits.append(f"using {self.agent_filter}")
        if not limits:
            return ""
        name = self.titles[table.source.id].lower()
        shown = f"{len(table.visible_records)} of {table.total} {name}"
        return f"Charting {shown} ({', '.join(limits)})"

    def _show(self, record: Record | None) -> None:
        also = self.evidence.tables_listing(record.nct_id) if record and record.nct_id else []
        terms = self.query_value.highlights if self.query_value else []
        self.query_one(DetailPane).show(record, also, terms)

    def _focus_active(self) -> None:
        pane = self.query_one(ContentSwitcher).visible_content
        if pane is not None:
            pane.focus()

    def _relabel(self, width: int | None = None) -> None:
        """Show the tab labels that fit ``width`` (the screen's width by default)."""
        self.query_one(TabStrip).set_labels(self._tab_labels(width or self.app.size.width))

    def _tab_labels(self, width: int) -> list[Text]:
        """Tab labels that fit ``width``, with visible/total counts where rows are narrowed."""
        counts: dict[str, tuple[int, int]] = {}
        if self.query_value is not None or self.agent_filter is not None:
            for table in self.query(EvidenceTable):
                counts[table.source.id] = (len(table.visible_records), table.total)
        if self.query_value is not None:
            shown = matching_rows(self.glossary_rows, self.query_value)
            counts[GLOSSARY] = (len(shown), len(self.glossary_rows))
        return fit_tab_labels({name: self.titles[name] for name in self.names}, counts, width)

    def detail_titles(self) -> dict[str, str]:
        """Each table's name in the detail pane: ``Table 3 (Phase II trials)``."""
        return {
            t: f"{self.evidence.table(t).label} ({self.titles[t]})" for t in self.evidence.table_ids
        }


_PRIORITY_ACTIONS = {
    binding.action.partition("(")[0]
    for binding in MainScreen.BINDINGS
    if isinstance(binding, Binding) and binding.priority and binding not in FILTER_BINDINGS
}
"""Screen keys that must type into the filter while it has focus (q, digits, /, ?, d...)."""
