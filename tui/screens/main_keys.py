"""The main screen's keys: its bindings, the help screen's sections and the palette's list.

Kept apart from the screen, which routes; help, the key bar and the palette all read these
same bindings, so what they offer cannot drift from what the keys do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from textual.binding import Binding

from tui.domain.browser_state import AGENTS, COMPARE, REGISTRY
from tui.screens.keys import KeySection, key_sections
from tui.widgets.evidence_table import EvidenceTable

TABS = Binding.Group("Tabs", compact=True)
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
# Not priority bindings: a copy key travels behind the keys typed before it (space, j) through
# the focused widget, so "space j space c" copies the marks just made, and in the filter the
# letters are typed as query text.
COPY_BINDINGS = [
    Binding(
        "c",
        "copy('ids')",
        "Copy",
        tooltip="Copy the marked NCT IDs (any table), else the highlighted row's "
        "(a citation for a published study)",
    ),
    Binding(
        "C",
        "copy('all')",
        "Copy all",
        tooltip="Copy every NCT ID shown in this table, filter applied "
        "(citations on the published studies tab; every table's on Find)",
        show=False,
    ),
    Binding(
        "u",
        "copy('urls')",
        "Copy URL",
        tooltip="Copy ClinicalTrials.gov addresses (of what c would copy)",
        show=False,
    ),
]


# A binding runs when its key, passed to the focused widget, has bubbled back to the app,
# in the order typed, against the focus of that moment: "2j" or "j3" in one SSH packet
# each move the table they were typed on. Only keys that must move focus before the
# next key is passed on are priority bindings: "/" (the letters after it are query
# text), the filter's Enter and Escape, and q (which quits behind the keys before it).
# check_action passes them to the filter's input while it has focus ("r/r", "q").
SCREEN_BINDINGS: list[Binding] = [
    # One binding per digit; check_action enables those the dataset's registry has.
    *[Binding(str(n), f"show_tab({n - 1})", f"Tab {n}", group=TABS) for n in range(1, 10)],
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
    Binding(
        "x",
        "other_listing",
        "Other listing",
        show=False,
        tooltip="Go to the same trial's entry in the other table (clears a filter hiding it)",
    ),
    Binding(
        "enter",
        "show_row",
        "Row in full",
        tooltip="Show the highlighted row in full (Escape closes)",
        show=False,
    ),
    Binding("d", "toggle_detail", "Detail", tooltip="Hide or show the detail pane"),
    Binding(
        "R",
        "sync_registry",
        "Sync registry",
        tooltip="Fetch today's status from ClinicalTrials.gov (needs network; Escape cancels)",
        show=False,
    ),
    Binding("question_mark", "help", "Help", tooltip="This list of keys"),
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
"""Every key of the main screen; the digits are enabled by check_action from the registry."""

PRIORITY_ACTIONS = {
    binding.action.partition("(")[0]
    for binding in SCREEN_BINDINGS
    if isinstance(binding, Binding) and binding.priority and binding not in FILTER_BINDINGS
}
"""Screen keys that must type into the filter while it has focus (q, digits, /, ?, d...)."""


def screen_key_sections(
    tabs: Sequence[tuple[int, str, str]],
    key_of: Callable[[str], str],
    palette_key: str,
    key_display: Callable[[Binding], str],
) -> list[KeySection]:
    """Every key, grouped by where it works: ``tabs`` are (index, digit, title) of the
    registry, ``key_of`` a tab's digit ("" if none) for the headings."""

    def where(name: str) -> str:
        return f" ({key})" if (key := key_of(name)) else ""

    from tui.widgets.agents_view import AgentsView
    from tui.widgets.compare_chart import CompareChart
    from tui.widgets.detail_pane import DetailPane
    from tui.widgets.nav_table import NavTable
    from tui.widgets.registry_view import RegistryView

    palette = Binding(palette_key, "command_palette", "Command palette")
    digits = [Binding(key, f"show_tab({index})", title) for index, key, title in tabs if key]
    others = [b for b in SCREEN_BINDINGS if b not in FILTER_BINDINGS and b.group is not TABS]
    return key_sections(
        [
            ("Anywhere", [*digits, *others, palette]),
            ("In a table", [*NavTable.BINDINGS, *EvidenceTable.table_bindings()]),
            (f"In the Compare tab{where(COMPARE)}", CompareChart.BINDINGS),
            (f"In the Agents tab{where(AGENTS)}", AgentsView.BINDINGS),
            (f"In the Registry tab{where(REGISTRY)}", RegistryView.BINDINGS),
            ("In the filter", FILTER_BINDINGS),
            ("In the detail pane and About (focus with tab)", DetailPane.BINDINGS),
        ],
        key_display,
    )


def palette_actions(key_display: Callable[[Binding], str]) -> Iterator[tuple[str, str, str]]:
    """(title, "key …", action) of each screen and table key the palette offers."""
    for binding in [*SCREEN_BINDINGS, *EvidenceTable.table_bindings()]:
        if binding in FILTER_BINDINGS or binding.action in ("quit", "app.focus_next"):
            continue
        if binding.group is TABS:
            continue  # the screen lists the tabs, with the registry's titles
        title = binding.tooltip or binding.description
        yield title, f"key {key_display(binding)}", binding.action.removeprefix("screen.")
