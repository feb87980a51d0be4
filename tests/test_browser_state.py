"""The browser's state model, without Textual: one owner, so what is shown agrees with itself."""

from __future__ import annotations

from dataclasses import replace

import hypothesis.strategies as st
from hypothesis import settings
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from tui.domain import Evidence, load_evidence, parse_query
from tui.domain.agents import records_using
from tui.domain.browser_notices import copy_clip
from tui.domain.browser_state import BrowserState, Restriction, tab_registry
from tui.domain.copy_text import unique_nct_ids
from tui.domain.evidence import build_evidence
from tui.resources import default_data_path

EVIDENCE = load_evidence(default_data_path())
QUERIES = ["", "aza", "t-all", "phase", "blinatumomab", "nct", "zzzz", "vxl"]
AGENTS = ["blinatumomab", "navitoclax", "azacitidine"]


def _only_table(evidence: Evidence, table_id: str) -> Evidence:
    tables = [t for t in evidence.dataset.tables if t.id == table_id]
    return build_evidence(replace(evidence.dataset, tables=tables))


def _query(text: str, state: BrowserState):
    return parse_query(text, state.evidence.all_columns()) if text else None


def test_the_registry_numbers_the_tables_in_file_order_then_the_other_tabs() -> None:
    tabs = tab_registry(EVIDENCE)
    assert [(t.key, t.name) for t in tabs] == [
        ("1", "published"),
        ("2", "phase1"),
        ("3", "phase2"),
        ("4", "glossary"),
        ("5", "about"),
        ("6", "compare"),
        ("7", "agents"),
        ("8", "find"),
        ("9", "outcomes"),
        ("", "registry"),
    ]
    assert tabs[1].title == "Phase I trials"


def test_a_dataset_of_table_3_alone_has_no_phase_i_tab_and_glossary_on_2() -> None:
    state = BrowserState.of(_only_table(EVIDENCE, "phase2"))
    assert [t.title for t in state.tabs] == [
        "Phase II trials",
        "Glossary",
        "About/Source",
        "Compare",
        "Agents",
        "Find (all tables)",
        "Registry (not in the review)",  # no Outcomes: the matrix is of Table 1
    ]
    assert state.tab_at(1).name == "glossary"
    assert state.tab_at(7) is None


def test_the_detail_follows_the_filter_to_a_visible_row_and_c_copies_it() -> None:
    """Reproduction 1: a restriction then a tab switch; the pane and ``c`` name one trial."""
    state = BrowserState.of(EVIDENCE)
    keys = frozenset(r.key for r in records_using(EVIDENCE, "blinatumomab"))
    state = state.moved_to("published", EVIDENCE.records["published"][0].key)
    state = state.restricted(Restriction("blinatumomab", keys)).showing("phase2")
    rows = state.rows("phase2")
    assert rows and all(r.key in keys for r in rows)
    assert state.detail() == rows[0]
    assert state.copy_selection() == [rows[0]]
    published = state.showing("published")
    if published.rows("published"):
        assert published.detail() in published.rows("published")
    else:
        assert published.detail() is None


def test_a_hidden_highlight_gives_way_to_the_first_visible_row() -> None:
    state = BrowserState.of(EVIDENCE).showing("phase1")
    last = EVIDENCE.records["phase1"][-1]
    state = state.moved_to("phase1", last.key)
    assert state.detail() == last
    state = state.filtered(_query("zzzz", state))
    assert state.rows("phase1") == () and state.detail() is None
    assert state.copy_selection() == []
    assert state.filtered(None).detail() == last


def test_marks_span_tables_and_the_summary_says_where() -> None:
    state = BrowserState.of(EVIDENCE).showing("phase1")
    one, two = EVIDENCE.records["phase1"][:2]
    other = EVIDENCE.records["phase2"][0]
    state = state.toggled_mark(one.key).toggled_mark(two.key).toggled_mark(other.key)
    assert state.showing("phase2").mark_summary() == "3 marked: 2 in Phase I, 1 here"
    assert state.mark_summary() == "3 marked: 2 here, 1 in Phase II"
    assert state.showing("phase2").marks_elsewhere() == ["Phase I trials"]
    assert state.copy_selection() == [one, two, other]
    assert state.cleared_marks().mark_summary() == ""
    assert state.cleared_marks().copy_selection() == [one]


def test_off_the_tables_c_has_nothing_but_marks() -> None:
    state = BrowserState.of(EVIDENCE).showing("glossary")
    assert state.copy_selection() is None and state.copy_all() is None
    marked = state.toggled_mark(EVIDENCE.records["phase2"][3].key)
    assert marked.copy_selection() == [EVIDENCE.records["phase2"][3]]


def test_sorting_again_reverses_and_keeps_the_highlight() -> None:
    state = BrowserState.of(EVIDENCE)
    first = state.detail()
    ascending = state.sorted_by("published", "Ref")
    descending = ascending.sorted_by("published", "Ref")
    refs = [r.reference for r in ascending.rows("published")]
    assert refs == sorted(refs)
    assert [r.reference for r in descending.rows("published")] == sorted(refs, reverse=True)
    assert descending.moved_to("published", first.key).detail() == first


def test_counts_appear_only_while_something_narrows_the_tables() -> None:
    state = BrowserState.of(EVIDENCE)
    assert state.counts() == {}
    narrowed = state.filtered(_query("aza", state)).counts()
    assert set(narrowed) == {"published", "phase1", "phase2", "glossary"}
    assert all(visible < total for visible, total in narrowed.values())
    restricted = state.restricted(Restriction("x", frozenset({"phase1:0"}))).counts()
    assert restricted == {"published": (0, 12), "phase1": (1, 6), "phase2": (0, 12)}


def test_x_goes_to_the_trials_other_listing_and_shows_it() -> None:
    listed_twice = next(
        r
        for r in EVIDENCE.records["phase1"]
        if r.nct_id and len(EVIDENCE.tables_listing(r.nct_id)) > 1
    )
    state = BrowserState.of(EVIDENCE).showing("phase1").moved_to("phase1", listed_twice.key)
    target = state.jump()
    assert target is not None and target.nct_id == listed_twice.nct_id
    assert target.key != listed_twice.key
    jumped = state.jumped()
    assert jumped.current == target.table_id and jumped.detail() == target


class BrowsingMachine(RuleBasedStateMachine):
    """Any sequence of filter, restrict, mark, sort, move and switch-tab operations."""

    def __init__(self) -> None:
        super().__init__()
        self.state = BrowserState.of(EVIDENCE)

    @rule(text=st.sampled_from(QUERIES))
    def filter(self, text: str) -> None:
        self.state = self.state.filtered(_query(text, self.state))

    @rule(agent=st.sampled_from([None, *AGENTS]))
    def restrict(self, agent: str | None) -> None:
        restriction = None
        if agent is not None:
            keys = frozenset(r.key for r in records_using(EVIDENCE, agent))
            restriction = Restriction(agent, keys)
        self.state = self.state.restricted(restriction)

    @rule()
    def mark(self) -> None:
        self.state = self.state.marked_detail()

    @rule()
    def clear_marks(self) -> None:
        self.state = self.state.cleared_marks()

    @rule(column=st.integers(0, 20))
    def sort(self, column: int) -> None:
        tab = self.state.tab(self.state.current)
        if tab.is_table:
            columns = self.state.columns(tab.name)
            self.state = self.state.sorted_by(tab.name, columns[column % len(columns)].heading)

    @rule(position=st.integers(0, 20))
    def move(self, position: int) -> None:
        rows = (
            self.state.rows(self.state.current)
            if self.state.tab(self.state.current).is_table
            else ()
        )
        if rows:
            self.state = self.state.moved_to(self.state.current, rows[position % len(rows)].key)

    @rule(index=st.integers(0, 20))
    def switch_tab(self, index: int) -> None:
        self.state = self.state.showing(self.state.tabs[index % len(self.state.tabs)].name)

    @rule()
    def jump(self) -> None:
        self.state = self.state.jumped()

    @invariant()
    def the_detail_is_a_visible_row_of_the_current_table(self) -> None:
        tab = self.state.tab(self.state.current)
        detail = self.state.detail()
        if not tab.is_table:
            assert detail is None
            return
        rows = self.state.rows(tab.name)
        if rows:
            assert detail in rows
        else:
            assert detail is None

    @invariant()
    def the_table_shows_its_cursor_on_the_detail_row(self) -> None:
        tab = self.state.tab(self.state.current)
        if tab.is_table:
            view = self.state.table_view(tab.name)
            detail = self.state.detail()
            assert view.rows == self.state.rows(tab.name)
            assert view.cursor_key == (detail.key if detail is not None else None)

    @invariant()
    def the_cursor_row_is_where_the_cursor_key_is(self) -> None:
        """Found by a binary search while unsorted, by an index once sorted: same answer."""
        for table_id in self.state.table_ids:
            view = self.state.table_view(table_id)
            keys = [r.key for r in view.rows]
            if view.cursor_key is not None:
                assert keys[view.cursor_row] == view.cursor_key
            for record in EVIDENCE.records[table_id][::5]:
                assert self.state.shows(table_id, record.key) == (record.key in keys)
            assert not self.state.shows(table_id, "phase9:0")

    @invariant()
    def the_clipboard_text_names_what_c_selects(self) -> None:
        selection = self.state.copy_selection()
        clip = copy_clip(self.state, "ids")
        ids = unique_nct_ids(selection or [])
        if selection is None:
            assert clip.empty and clip.title.startswith("Nothing to copy")
        elif ids and not any(r.nct_id is None for r in selection):
            assert clip.text.splitlines() == ids

    @invariant()
    def c_copies_the_marks_else_the_highlighted_row(self) -> None:
        marked = [
            r
            for t in self.state.table_ids
            for r in EVIDENCE.records[t]
            if r.key in self.state.marks
        ]
        selection = self.state.copy_selection()
        if marked:
            assert selection == marked
        elif self.state.tab(self.state.current).is_table:
            detail = self.state.detail()
            assert selection == ([detail] if detail is not None else [])
        else:
            assert selection is None


BrowsingMachine.TestCase.settings = settings(max_examples=60, stateful_step_count=25, deadline=None)
test_browsing_keeps_the_view_consistent = BrowsingMachine.TestCase


def test_notices_name_the_table_digits_of_the_registry() -> None:
    assert BrowserState.of(EVIDENCE).table_keys() == "tabs 1-3"
    only = build_evidence(
        replace(EVIDENCE.dataset, tables=[t for t in EVIDENCE.dataset.tables if t.id == "phase2"])
    )
    assert BrowserState.of(only).table_keys() == "tab 1"


def test_a_keystroke_on_unsorted_tables_builds_no_index_of_their_rows() -> None:
    """Filtered rows keep the source order: the cursor is found without a per-row dict."""
    state = BrowserState.of(EVIDENCE)
    for text in ("a", "aza", "t-all", "zzzz"):
        state = state.filtered(_query(text, state))
        for table_id in state.table_ids:
            state.table_view(table_id)
    assert not state.memo.positions
    first = state.columns("phase2")[0].heading
    state = state.filtered(_query("a", state)).sorted_by("phase2", first)
    view = state.table_view("phase2")
    assert [r.key for r in view.rows].index(view.cursor_key) == view.cursor_row
    assert len(state.memo.positions) == 1, "a sorted table is indexed once"


def test_a_query_keeping_every_row_shows_the_tables_own_tuple() -> None:
    """No copy of 100,000 rows is made (and walked by the collector) for a first letter."""
    state = BrowserState.of(EVIDENCE)
    state = state.filtered(_query("a", state))
    for table_id in state.table_ids:
        assert state.rows(table_id) is EVIDENCE.records[table_id]
        assert state.table_view(table_id).rows is EVIDENCE.records[table_id]
    narrowed = state.filtered(_query("aza", state)).rows("phase2")
    assert 0 < len(narrowed) < len(EVIDENCE.records["phase2"])
    query = _query("a", state)
    assert query is not None
    records = EVIDENCE.records["phase1"]
    assert query.select(records) is records
    assert query.filter(records) == list(records) and query.filter(records) is not records
