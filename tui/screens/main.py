"""The main screen: a thin router between the widgets and the browser's state model.

What the browser shows (tab, query, restriction, marks, sorts, highlighted rows) is one
``BrowserState`` held in the ``state`` reactive. Widgets post what the user did; the handlers
here turn it into a new state; ``watch_state`` pushes the new view to the widgets. Nothing is
kept in step by hand, so the detail pane, the copy keys and ``--pick`` cannot disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from time import monotonic
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Container
from textual.events import Resize, ScreenResume
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import AwaitMount, Widget
from textual.widgets import ContentSwitcher

from tui.domain import Evidence, Record
from tui.domain.browser_notices import (
    CopyKind,
    Notice,
    copy_clip,
    detail_title,
    jump_notice,
    jump_refusal,
    restriction_kept_notice,
    restriction_notice,
)
from tui.domain.browser_state import REGISTRY, BrowserState, Restriction
from tui.domain.copy_text import unique_nct_ids
from tui.domain.registry import RegistryCache
from tui.domain.sanitize import safe_line
from tui.screens.keys import KeySection
from tui.screens.late_panes import LatePanes
from tui.screens.main_keys import (
    FILTER_BINDINGS,
    PRIORITY_ACTIONS,
    SCREEN_BINDINGS,
    palette_actions,
    screen_key_sections,
)
from tui.screens.tab_labels import fit_tab_labels
from tui.widgets.evidence_table import EvidenceTable
from tui.widgets.filter_bar import FilterBar
from tui.widgets.key_bar import KeyBar
from tui.widgets.tab_strip import TabStrip

if TYPE_CHECKING:
    from tui.domain.query import Query
    from tui.widgets.agents_view import AgentsView
    from tui.widgets.detail_pane import DetailPane
    from tui.widgets.facet_panel import FacetPanel
    from tui.widgets.registry_view import RegistryView

WIDE = 120
SETTLE_SECONDS = 0.08
"""Cursor moves closer together than this are a burst: the detail pane waits for its end."""


class MainScreen(Screen[None]):
    """Tabs of tables with a filter above and the detail of the highlighted row beside."""

    BINDINGS: ClassVar[list[BindingType]] = [*SCREEN_BINDINGS]

    AUTO_FOCUS = "#panes RowView"

    # Set in __init__ (set_reactive), before anything reads it: the default is never seen.
    state: reactive[BrowserState] = reactive(cast("BrowserState", None), init=False, repaint=False)
    """What the browser shows, replaced whole on every change."""
    show_detail: reactive[bool] = reactive(True)

    def __init__(self, evidence: Evidence, registry: RegistryCache | None = None) -> None:
        super().__init__()
        self.evidence = evidence
        self.set_reactive(MainScreen.state, BrowserState.of(evidence, registry=registry))
        self.late = LatePanes()
        self._settle_timer: Timer | None = None
        self._moved_at = 0.0
        """When the cursor last moved (monotonic seconds): a burst is moves closer than that."""
        self._detail_due = False
        """A single move's detail is waiting for the frame that draws the moved cursor."""
        self._tables: dict[str, EvidenceTable] = {}
        self._tables_behind: AwaitMount | None = None
        """The tables behind other tabs, once mounting (``_mount_tables_behind``)."""
        self._detail: DetailPane | None = None
        """The detail pane, once mounted (``_mount_detail``): after the first frame."""
        self._filter_bar: FilterBar | None = None
        self._filter_first = False
        """/ was typed before the filter was mounted: it takes the focus once it is."""
        self._laid_out_at: Size | None = None
        """The terminal size the screen was last laid out at (see ``on_resize``)."""
        self._resumed = False
        """Whether the screen was shown once (see ``post_message``)."""

    def compose(self) -> ComposeResult:
        # Classes set before the children exist cost nothing; set after mounting, they
        # restyle every widget once more before the first frame.
        self._set_layout_classes(self.app.size.width)
        state = self.state
        # Kept as made: a priority key (q, /) typed ahead can run before they are mounted.
        self._filter_bar = FilterBar(
            self.evidence.all_columns(), registry=state.registry, id="filter"
        )
        yield self._filter_bar
        yield TabStrip(self._tab_labels(self.app.size.width), id="tabs")
        with Container(id="body"):
            with ContentSwitcher(id="panes", initial=self.pane_id(state.current)):
                for table_id in state.table_ids:
                    table = EvidenceTable(
                        self.evidence.table(table_id),
                        self.evidence.records[table_id],
                        id=self.pane_id(table_id),
                    )
                    table.show_view(state.table_view(table_id))
                    self._tables[table_id] = table
                    if table_id == state.current:  # the others once it is drawn
                        yield table
            yield Container(id="detail-frame")  # its pane is mounted after the first frame
        yield KeyBar()

    def post_message(self, message: Message) -> bool:
        """The screen is first shown just after its widgets are mounted, each with its styles
        applied then: that first showing does not restyle every widget again (some 6 ms
        before the first frame). Any later one does, as Textual always does."""
        if isinstance(message, ScreenResume) and not self._resumed:
            self._resumed = True
            message.refresh_styles = False
        return super().post_message(message)

    def on_mount(self) -> None:
        # The rows come first: the detail pane (its module, its widgets, and the record's
        # detail with its glossary, built on first use: 40 ms at 100,000 rows) comes in the
        # frames after, drawn blank inside its frame's border meanwhile.
        self.call_after_refresh(self._mount_detail)
        self.call_after_refresh(self._mount_tables_behind)
        self._laid_out_at = self.app.size  # the first layout's, as the screen is first shown
        if self._filter_first:
            self.query_one(FilterBar).focus()

    # -- what the widgets say --------------------------------------------------------

    def on_resize(self, event: Resize) -> None:
        self._set_layout_classes(event.size.width)
        self._relabel(event.size.width)
        if event.size == self._laid_out_at:
            # Textual resends the size the screen is laid out at (three times as it starts):
            # each would lay out and send the whole screen again, 10 KB at 120x40.
            event.prevent_default()
        self._laid_out_at = event.size

    def on_evidence_table_highlighted(self, event: EvidenceTable.Highlighted) -> None:
        table_id = event.table.source.id
        if event.key is not None and self.state.shows(table_id, event.key):  # else: too late
            self.state = self.state.moved_to(table_id, event.key)

    async def on_tab_strip_chosen(self, event: TabStrip.Chosen) -> None:
        await self.show_tab(event.index)

    def on_filter_bar_changed(self, event: FilterBar.Changed) -> None:
        self.state = self.state.filtered(event.query)

    def on_filter_bar_explained(self, event: FilterBar.Explained) -> None:
        """Why the text typed is not applied: said on the tab strip's line, in its place."""
        self.query_one(TabStrip).notice = event.explanation

    def on_agents_view_agent_chosen(self, event: AgentsView.AgentChosen) -> None:
        """Restrict every table to the rows using the agent; the same agent again lifts it."""
        restriction = self.state.restriction
        if restriction is not None and restriction.label == event.agent:
            self.state = self.state.restricted(None)
            return
        self.state = self.state.restricted(Restriction(event.agent, event.keys))
        self._notify(restriction_notice(self.state))

    def on_agents_view_agent_cleared(self, event: AgentsView.AgentCleared) -> None:
        self.state = self.state.restricted(None)

    def on_registry_view_highlighted(self, event: RegistryView.Highlighted) -> None:
        """The Registry tab's cursor: what c copies there without marks."""
        self.state = self.state.moved_to(REGISTRY, event.nct_id)

    def on_facet_panel_toggled(self, event: FacetPanel.Toggled) -> None:
        """A facet value was toggled on the Find tab: rewrite the filter text, which applies it."""
        from tui.domain.facet_counts import toggle_facet

        bar = self.query_one(FilterBar)
        bar.set_text(toggle_facet(bar.text, event.term, self.evidence.all_columns()))

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
            return not in_filter and bool(self.state.query)
        if action == "show_row":
            return not in_filter and self.state.tab(self.state.current).is_table
        if action in PRIORITY_ACTIONS:
            return not in_filter
        return True

    # -- the new view ----------------------------------------------------------------

    def watch_state(self, old: BrowserState, new: BrowserState) -> None:
        """Push what changed to the widgets that show it."""
        narrowed = (old.query, old.restriction) != (new.query, new.restriction)
        narrowed = narrowed or old.registry is not new.registry
        if narrowed or (old.marks, old.sorts) != (new.marks, new.sorts):
            for table_id, composed in self._tables.items():  # mounted or not yet
                composed.show_view(new.table_view(table_id))
        else:  # only highlights moved: each table whose highlight changed (a late message too)
            for table_id in new.table_ids:
                if old.highlighted.get(table_id) != new.highlighted.get(table_id):
                    if (moved := self._table(table_id)) is not None:
                        moved.show_view(new.table_view(table_id))
        if old.marks != new.marks:
            self.query_one(KeyBar).marks = f"{len(new.marks)} marked" if new.marks else ""
        if old.registry is not new.registry and self._detail is not None:
            self._detail.registry = new.registry  # made with the state's: mounting or not
        if narrowed:
            self.late.show_state(new)
            self._relabel()
        if old.current != new.current:
            if new.tab(new.current).is_table:
                self._mount_tables_behind()  # the switcher finds it at once, mounted or not
            self.late.shown(new)
            self.query_one(ContentSwitcher).current = self.pane_id(new.current)
            self.query_one(TabStrip).active = new.names.index(new.current)
            self.set_class(not new.tab(new.current).is_table, "-no-record")
        if old.query != new.query or old.current != new.current:
            self._show_detail(new)
        elif old.detail() != new.detail():
            self._follow_cursor()

    def _follow_cursor(self) -> None:
        """The cursor moved: the pane follows at once, or once a burst of moves settles.

        Holding ``j`` over SSH would rewrite the whole pane at every step. A move less than
        ``SETTLE_SECONDS`` after the one before is part of a burst: the pane waits until the
        moves stop for that long (each move restarts the wait). The copy keys never wait on
        the pane: they read the state.
        """
        now, last = monotonic(), self._moved_at
        self._moved_at = now
        if now - last >= SETTLE_SECONDS:
            self._draw_after_frame()
            return
        if self._settle_timer is not None:
            self._settle_timer.stop()
        self._settle_timer = self.set_timer(SETTLE_SECONDS, self._draw_settled)

    def _draw_after_frame(self) -> None:
        """A single move: the moved cursor is drawn first, and the pane in the next frame.

        Wrapping a record's detail takes longer than moving the cursor; drawn in the same
        frame it would hold the cursor back. A draw still waiting for a burst is dropped.
        """
        if self._settle_timer is not None:
            self._settle_timer.stop()
            self._settle_timer = None
        if not self._detail_due:
            self._detail_due = self.call_after_refresh(self._draw_due)  # False: closing

    def _draw_due(self) -> None:
        if self._detail_due:
            self._show_detail(self.state)

    def _draw_settled(self) -> None:
        self._show_detail(self.state)

    def _caught_up(self) -> BrowserState:
        """The state, with the cursor of the table shown as it is now.

        A key's binding runs when the key reaches the app, and keys typed together ("j c",
        "j Enter" in one SSH packet) can run before the Highlighted message of the move
        before them has reached this screen. The keys that act on the highlighted row take
        the cursor from the table first, so they act on the row the user sees.
        """
        table = self.active_table
        key = table.cursor_key if table is not None else None
        if key is not None and key != self.state.highlighted.get(self.state.current):
            self.state = self.state.moved_to(self.state.current, key)
        return self.state

    def _show_detail(self, state: BrowserState) -> None:
        self._detail_due = False
        if self._settle_timer is not None:
            self._settle_timer.stop()
            self._settle_timer = None
        if self._detail is None or not self._detail.is_mounted:
            return  # ``_mount_detail`` draws the state as it is by then
        record = state.detail()
        self._detail.show(record, state.listings(record), state.highlights)

    async def _mount_detail(self) -> None:
        """The detail pane, mounted once the first frame is drawn, then the current row's
        detail drawn in it: what the first frame leaves out costs it nothing."""
        if self._detail is not None:
            return
        from tui.widgets.detail_pane import DetailPane

        pane = DetailPane(self.detail_titles(), registry=self.state.registry, id="detail")
        self._detail = pane
        await self.query_one("#detail-frame", Container).mount(pane)
        self._show_detail(self.state)

    # -- actions ---------------------------------------------------------------------

    async def action_show_tab(self, index: int) -> None:
        """Switch to the tab at ``index`` (0-based, in the order shown)."""
        await self.show_tab(index)

    async def show_tab(self, index: int) -> None:
        """Show tab ``index`` (its pane built now if first shown) and focus it, before the next key.

        Keys are handled one after another, so a key typed right after the tab's digit waits
        here until the pane exists and has focus.
        """
        tab = self.state.tab_at(index)
        if tab is None:
            return
        pane = self.late.build(tab.name, self.state)
        if pane is not None:
            await self.query_one(ContentSwitcher).mount(pane)
        elif tab.is_table:
            await self._mount_tables_behind()
        self.state = self.state.showing(tab.name)
        self._focus_active()

    def action_focus_filter(self) -> None:
        if self._filter_bar is not None and self._filter_bar.is_mounted:
            self._filter_bar.focus()
        else:  # typed ahead of the first frame: once the screen is built
            self._filter_first = True

    async def action_quit(self) -> None:
        await self.app.action_quit()

    def action_filter_done(self) -> None:
        self._focus_active()

    def action_filter_clear(self) -> None:
        self._clear_filter()
        self._focus_active()

    def action_clear_filter_here(self) -> None:
        """Escape in a table clears the filter, as the README says."""
        self._clear_filter()

    def _clear_filter(self) -> None:
        had_query = bool(self.state.query)
        self.query_one(FilterBar).set_text("")
        self.state = self._caught_up().filtered(None)
        if had_query:
            self._notify(restriction_kept_notice(self.state))

    def action_toggle_detail(self) -> None:
        self.show_detail = not self.show_detail

    def action_clear_marks(self) -> None:
        """Unmark every row of every table at once."""
        self.state = self.state.cleared_marks()
        self._notify(Notice("Every mark cleared"))

    def action_toggle_mark(self) -> None:
        self.state = self._caught_up().marked_detail()

    def action_sort(self) -> None:
        if (table := self.active_table) is not None:
            self.state = self._caught_up().sorted_by(table.source.id, table.chosen_heading)

    def action_copy(self, kind: CopyKind) -> None:
        """c, C, u: copy what the state says, and always say what was copied."""
        clip = copy_clip(self._caught_up(), kind)
        if not clip.empty:
            self.app.copy_to_clipboard(clip.text)
        self._notify(Notice(clip.title, clip.message, "warning" if clip.empty else "information"))

    def action_other_listing(self) -> None:
        """x: go to the highlighted trial's entry in another table, if it has one."""
        refusal = jump_refusal(self._caught_up())
        if refusal is not None:
            self._notify(Notice("No other listing", safe_line(refusal)))
            return
        before = self.state
        self.state = before.jumped()
        if before.query and not self.state.query:
            self.query_one(FilterBar).set_text("")
        self._notify(jump_notice(before, self.state))
        self._focus_active()

    def action_show_row(self) -> None:
        """Enter on a table: the highlighted row in full, over the whole screen."""
        record = self._caught_up().detail()
        if record is None:
            return
        from tui.screens.row_screen import RowScreen

        state = self.state
        titles = self.detail_titles()
        also = state.listings(record)
        self.app.push_screen(RowScreen(record, also, titles, state.highlights, state.registry))

    def action_sync_registry(self) -> None:
        """R: the sync dialog; only a complete sync hands its cache to the state."""
        from tui.domain.registry import base_url, dataset_nct_ids
        from tui.screens.registry_sync import RegistrySyncScreen

        url = getattr(self.app, "registry_url", None) or base_url()
        previous = self.state.registry
        screen = RegistrySyncScreen(dataset_nct_ids(self.evidence), url, previous=previous)
        self.app.push_screen(screen, self.registry_synced)

    def registry_synced(self, cache: RegistryCache | None) -> None:
        """A sync ended: a new cache becomes the state's; the filter is parsed against it."""
        if cache is None:
            return  # failed or cancelled: the views keep the cache they had
        self.state = self.state.with_registry(cache)
        self.query_one(FilterBar).set_registry(cache)

    @property
    def registry(self) -> RegistryCache | None:
        """The registry cache in force (read at start-up, offline; replaced by a sync)."""
        return self.state.registry

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.key_sections()))

    def watch_show_detail(self, show: bool) -> None:
        self.set_class(not show, "-detail-hidden")

    # -- queries from the app and the tests ------------------------------------------

    @property
    def query_value(self) -> Query | None:
        return self.state.query

    @property
    def agent_filter(self) -> str | None:
        """The agent whose rows the tables are restricted to (Agents tab), if any."""
        return self.state.restriction.label if self.state.restriction else None

    def copy_selection(self) -> list[Record] | None:
        return self._caught_up().copy_selection()

    def picked_ids(self) -> list[str]:
        """For ``--pick``: what ``c`` copies, as NCT IDs."""
        return unique_nct_ids(self._caught_up().picked())

    @property
    def active_pane(self) -> str:
        """The id of the pane shown."""
        return self.pane_id(self.state.current)

    @property
    def active_table(self) -> EvidenceTable | None:
        """The evidence table of the tab shown, or None on the other tabs."""
        current = self.state.current
        return self._table(current) if self.state.tab(current).is_table else None

    @property
    def glossary_view(self) -> Widget | None:
        return self.late.glossary

    @property
    def compare_chart(self) -> Widget | None:
        return self.late.compare

    @property
    def find_view(self) -> Widget | None:
        return self.late.find

    @property
    def agents_view(self) -> Widget | None:
        return self.late.agents

    @staticmethod
    def pane_id(name: str) -> str:
        return f"pane-{name}"

    def tab_index(self, name: str) -> int:
        """The position of the tab named ``name`` (a table id, ``glossary``...)."""
        return self.state.names.index(name)

    def tab_label(self, index: int) -> str:
        """The text of tab ``index``, as shown."""
        return self.query_one(TabStrip).labels[index].plain

    def detail_titles(self) -> dict[str, str]:
        """Each table's name in the detail pane: ``Table 3 (Phase II trials)``."""
        return {t: detail_title(self.state, t) for t in self.state.table_ids}

    def key_sections(self) -> list[KeySection]:
        """Every key, grouped by where it works, from the bindings themselves."""
        tabs = [(index, tab.key, tab.title) for index, tab in enumerate(self.state.tabs)]
        palette = self.app.COMMAND_PALETTE_BINDING
        return screen_key_sections(tabs, self.state.key_of, palette, self.app.get_key_display)

    def commands(self) -> Iterator[tuple[str, str, Callable[[], object]]]:
        """The screen's actions for the command palette: (title, help, callback)."""
        for index, tab in enumerate(self.state.tabs):
            key = f"key {tab.key}" if tab.key else ""
            yield f"Show tab: {tab.title}", key, self._runner(f"show_tab({index})")
        for title, key, action in palette_actions(self.app.get_key_display):
            if hasattr(self, f"action_{action.partition('(')[0]}"):  # not ←/→ of the rows
                yield title, key, self._runner(action)

    # -- internals -------------------------------------------------------------------

    def _table(self, table_id: str) -> EvidenceTable | None:
        """The table composed for ``table_id``, mounted or not yet; None before compose
        (which then draws the state as it is)."""
        return self._tables.get(table_id)

    def _mount_tables_behind(self) -> AwaitMount:
        """Mount the evidence tables behind other tabs, once; await it to use one.

        The first frame shows one table: mounting the other two (their widths measured,
        their rows set) held it back by some 10 ms. They are mounted once it is drawn,
        or sooner when one is shown. Hidden until the switcher shows them; they follow the
        state from the start (``watch_state`` pushes to every table, mounted or not).
        """
        if self._tables_behind is None:
            behind = [table for table in self._tables.values() if table.parent is None]
            for table in behind:
                table.display = False
            switcher = self.query_one(ContentSwitcher)
            shown = self._tables.get(self.state.current)
            after = shown if shown is not None and shown.parent is switcher else None
            self._tables_behind = switcher.mount_all(behind, after=after)  # in table order
        return self._tables_behind

    def _runner(self, action: str) -> Callable[[], object]:
        return lambda: self.run_action(action)

    def _notify(self, notice: Notice | None) -> None:
        """Notify, replacing older notices: an earlier "Copied …" no longer holds true."""
        if notice is None:
            return
        self.app.clear_notifications()
        if notice.message:
            self.app.notify(
                notice.message, title=notice.title, severity=notice.severity, markup=False
            )
        else:
            self.app.notify(notice.title, severity=notice.severity, markup=False)

    def _set_layout_classes(self, width: int) -> None:
        self.set_class(width >= WIDE, "-wide")
        self.set_class(width < WIDE, "-narrow")

    def _focus_active(self) -> None:
        pane = self.query_one(ContentSwitcher).visible_content
        if pane is not None:
            pane.focus()

    def _relabel(self, width: int | None = None) -> None:
        """Show the tab labels that fit ``width`` (the screen's width by default)."""
        for strip in self.query(TabStrip):  # none while composing, or closing before that
            strip.set_labels(self._tab_labels(width or self.app.size.width))

    def _tab_labels(self, width: int) -> list[Text]:
        """Tab labels that fit ``width``, with visible/total counts where rows are narrowed."""
        titles = {tab.name: tab.title for tab in self.state.tabs}
        return fit_tab_labels(titles, self.state.counts(), width)
