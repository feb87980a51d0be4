"""The main screen: owns the layout and routes messages between filter, tables and detail."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container
from textual.events import Resize
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, TabbedContent, TabPane

from tui.domain import Evidence, Query, Record
from tui.screens.help import HelpScreen
from tui.screens.keys import KeySection, key_sections
from tui.widgets import (
    AboutView,
    DetailPane,
    EvidenceTable,
    FilterBar,
    GlossaryView,
    NavTable,
)

WIDE = 120
TABLE_TITLES = {"published": "Published studies", "phase1": "Phase I trials"}
TABLE_TITLES["phase2"] = "Phase II trials"
GLOSSARY, ABOUT = "glossary", "about"
_TABS = Binding.Group("Tabs", compact=True)


class MainScreen(Screen[None]):
    """Tabs of tables with a filter above and the detail of the highlighted row beside."""

    BINDINGS = [
        Binding("1", "show_tab(0)", "Published studies", group=_TABS),
        Binding("2", "show_tab(1)", "Phase I trials", group=_TABS),
        Binding("3", "show_tab(2)", "Phase II trials", group=_TABS),
        Binding("4", "show_tab(3)", "Glossary", group=_TABS),
        Binding("5", "show_tab(4)", "About/Source", group=_TABS),
        Binding("slash", "focus_filter", "Filter", tooltip="Focus the filter"),
        Binding("d", "toggle_detail", "Detail", tooltip="Hide or show the detail pane"),
        Binding("question_mark", "help", "Help", tooltip="This list of keys"),
        Binding("q", "app.quit", "Quit"),
    ]

    AUTO_FOCUS = "#tabs DataTable"

    show_detail: reactive[bool] = reactive(True)

    def __init__(self, evidence: Evidence) -> None:
        super().__init__()
        self.evidence = evidence
        self.query_value: Query | None = None
        self.pane_ids = [*(f"tab-{t}" for t in evidence.table_ids), f"tab-{GLOSSARY}"]
        self.pane_ids.append(f"tab-{ABOUT}")
        self.titles = {t: TABLE_TITLES.get(t, evidence.table(t).label) for t in evidence.table_ids}

    def compose(self) -> ComposeResult:
        yield FilterBar(self.evidence.all_columns(), id="filter")
        with Container(id="body"):
            with TabbedContent(id="tabs"):
                for table_id in self.evidence.table_ids:
                    with TabPane(self._tab_label(table_id), id=f"tab-{table_id}"):
                        yield EvidenceTable(
                            self.evidence.table(table_id),
                            self.evidence.records[table_id],
                            id=f"table-{table_id}",
                        )
                with TabPane("Glossary", id=f"tab-{GLOSSARY}"):
                    yield GlossaryView(self.evidence.glossary, id="glossary")
                with TabPane("About/Source", id=f"tab-{ABOUT}"):
                    yield AboutView(self.evidence.dataset, id="about")
            yield DetailPane(self._detail_titles(), id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self._layout(self.app.size.width)

    # -- routing ---------------------------------------------------------------------

    def on_resize(self, event: Resize) -> None:
        self._layout(event.size.width)

    def on_evidence_table_highlighted(self, event: EvidenceTable.Highlighted) -> None:
        if event.table is self.active_table:
            self._show(event.record)

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        table = self.active_table
        self.set_class(table is None, "-no-record")
        if table is not None:
            self._show(table.cursor_record)
        self._focus_active()

    def on_filter_bar_changed(self, event: FilterBar.Changed) -> None:
        self.query_value = event.query if event.query else None
        for table in self.query(EvidenceTable):
            table.apply(self.query_value)
        self.query_one(GlossaryView).apply(self.query_value)
        self._relabel()
        if (table := self.active_table) is not None:
            self._show(table.cursor_record)

    def on_filter_bar_done(self, _: FilterBar.Done) -> None:
        self._focus_active()

    # -- actions ---------------------------------------------------------------------

    def action_show_tab(self, index: int) -> None:
        """Switch to the tab at ``index`` (0-based, in the order shown)."""
        if 0 <= index < len(self.pane_ids):
            self.query_one(TabbedContent).active = self.pane_ids[index]
            self._focus_active()

    def action_focus_filter(self) -> None:
        self.query_one(FilterBar).focus()

    def action_toggle_detail(self) -> None:
        self.show_detail = not self.show_detail

    def action_help(self) -> None:
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
    def active_table(self) -> EvidenceTable | None:
        """The evidence table of the active tab, or None on the Glossary and About tabs."""
        active = self.query_one(TabbedContent).active
        if not active.startswith("tab-") or active[4:] not in self.evidence.table_ids:
            return None
        return self.query_one(f"#table-{active[4:]}", EvidenceTable)

    def picked_ids(self) -> list[str]:
        """Marked NCT IDs in table order (unique), else the highlighted row's, else none."""
        picked: dict[str, None] = {}
        for table in self.query(EvidenceTable):
            for record in table.marked_records:
                if record.nct_id:
                    picked.setdefault(record.nct_id)
        if not picked and (table := self.active_table) is not None:
            record = table.cursor_record
            if record is not None and record.nct_id:
                picked[record.nct_id] = None
        return list(picked)

    def key_sections(self) -> list[KeySection]:
        """Every key, grouped by where it works, from the bindings themselves."""
        palette = Binding(self.app.COMMAND_PALETTE_BINDING, "command_palette", "Command palette")
        return key_sections(
            [
                ("Anywhere", [*self.BINDINGS, palette]),
                ("In a table", [*NavTable.BINDINGS, *EvidenceTable.table_bindings()]),
                ("In the filter", FilterBar.HELP_BINDINGS),
            ],
            self.app.get_key_display,
        )

    def commands(self) -> Iterator[tuple[str, str, Callable[[], object]]]:
        """The screen's actions for the command palette: (title, help, callback)."""
        for binding in [*self.BINDINGS, *EvidenceTable.BINDINGS]:
            if not isinstance(binding, Binding) or binding.action.startswith("app."):
                continue
            action = binding.action
            title = binding.tooltip or binding.description
            if action.startswith("show_tab"):
                title = f"Show tab: {binding.description}"
            yield title, f"key {self.app.get_key_display(binding)}", self._runner(action)

    # -- internals -------------------------------------------------------------------

    def _runner(self, action: str) -> Callable[[], object]:
        return lambda: self.run_action(action)

    def _layout(self, width: int) -> None:
        self.set_class(width >= WIDE, "-wide")
        self.set_class(width < WIDE, "-narrow")

    def _show(self, record: Record | None) -> None:
        also = self.evidence.tables_listing(record.nct_id) if record and record.nct_id else []
        terms = self.query_value.highlights if self.query_value else []
        self.query_one(DetailPane).show(record, also, terms)

    def _focus_active(self) -> None:
        active = self.query_one(TabbedContent).active
        pane = self.query_one(f"#{active}", TabPane) if active else None
        if pane is not None:
            target = pane.children[0] if pane.children else pane
            self.call_after_refresh(target.focus)

    def _tab_label(self, table_id: str) -> str:
        return self.titles[table_id]

    def _relabel(self) -> None:
        tabs = self.query_one(TabbedContent)
        for table in self.query(EvidenceTable):
            title = self.titles[table.source.id]
            tabs.get_tab(f"tab-{table.source.id}").label = self._count_label(
                title, len(table.visible_records), table.total
            )
        glossary = self.query_one(GlossaryView)
        tabs.get_tab(f"tab-{GLOSSARY}").label = self._count_label(
            "Glossary", len(glossary.visible_entries), glossary.total
        )

    def _count_label(self, title: str, visible: int, total: int) -> Text:
        text = Text(title)
        if self.query_value is not None:
            text.append(f" {visible}/{total}", style="bold")
        return text

    def _detail_titles(self) -> dict[str, str]:
        return {
            t: f"{self.evidence.table(t).label} ({self.titles[t]})" for t in self.evidence.table_ids
        }
