"""Records derive their fields on first read: the same values as deriving everything eagerly.

The eager derivation below is the loader's former one, written out from the same
primitives (glossary lookup, metric parsing), so the lazy, shared and remembered version
is held to it on the shipped data and on a synthetic dataset. Timings are never asserted
(``make bench`` measures them).
"""

from __future__ import annotations

import dataclasses
import importlib.util
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.domain import facets, load_evidence
from tui.domain.cell_store import RowCells
from tui.domain.evidence import MAX_SEARCHED_CHARS, Evidence
from tui.domain.facets import _cell_scan, _scan, row_facets
from tui.domain.glossary import footnote_source
from tui.domain.metrics import parse_metrics, reference_number, sample_size
from tui.domain.query import QueryError, parse_query
from tui.domain.records import Record
from tui.resources import default_data_path

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


def _synthetic(rows: int, path: Path) -> Path:
    script = SCRIPTS / "make_synthetic.py"
    spec = importlib.util.spec_from_file_location("lazy_make_synthetic", script)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    assert module.main(["--rows", str(rows), "--out", str(path)]) == 0
    return path


@pytest.fixture(scope="module")
def synthetic_evidence(tmp_path_factory: pytest.TempPathFactory) -> Evidence:
    return load_evidence(_synthetic(2_000, tmp_path_factory.mktemp("lazy") / "s.json"))


def _eager(evidence: Evidence, table_id: str, index: int) -> dict:
    """Every derived field of one row, computed at once as the loader used to."""
    table = evidence.table(table_id)
    glossary = evidence.glossary
    preferred = (footnote_source(table.label), f"{evidence.dataset.figure.label} legend")
    cells = table.rows[index].cells
    per_cell = {}
    for heading, text in cells.items():
        found = []
        for written, key in glossary.find(text):
            definition = glossary.best(key, preferred)
            found.append((written, definition.expansion, definition.source, definition.from_source))
        per_cell[heading] = found
    unique: dict[str, tuple] = {}
    for found in per_cell.values():
        for item in found:
            unique.setdefault(item[0], item)
    everything = " ".join(cells.values())
    outcome = cells.get(table.outcome_column, "") if table.outcome_column else ""
    column_text = {
        heading: "\n".join([text[:MAX_SEARCHED_CHARS], *(a[1] for a in found)]).casefold()
        for (heading, text), found in zip(cells.items(), per_cell.values(), strict=True)
    }
    return {
        "nct_id": cells.get(table.nct_column) if table.nct_column else None,
        "reference": None if table.nct_column else reference_number(everything),
        "n": sample_size(everything),
        "abbreviations": list(unique.values()),
        "cell_abbreviations": per_cell,
        "metrics": parse_metrics(outcome),
        "search_text": "\n".join(column_text.values()),
        "column_search_text": column_text,
    }


def _lazy(record) -> dict:
    return {
        "nct_id": record.nct_id,
        "reference": record.reference,
        "n": record.n,
        "abbreviations": [dataclasses.astuple(a) for a in record.abbreviations],
        "cell_abbreviations": {
            heading: [dataclasses.astuple(a) for a in found]
            for heading, found in record.cell_abbreviations.items()
        },
        "metrics": list(record.metrics),
        "search_text": record.search_text,
        "column_search_text": record.column_search_text,
    }


@pytest.mark.parametrize("which", ["shipped", "synthetic"])
def test_lazy_fields_equal_the_eager_derivation(
    which: str, shipped_evidence: Evidence, synthetic_evidence: Evidence
) -> None:
    evidence = shipped_evidence if which == "shipped" else synthetic_evidence
    for table_id, records in evidence.records.items():
        for record in records:
            assert _lazy(record) == _eager(evidence, table_id, record.index), record.key
            # The table's own cells, read from its store: a view, not a copy.
            assert isinstance(record.cells, RowCells)
            assert record.cells == evidence.table(table_id).rows[record.index].cells
            for heading in record.cells:
                assert record.column_text(heading) == record.column_search_text[heading]
            assert record.column_text("no such heading") is None


def test_shared_texts_are_one_string(synthetic_evidence: Evidence) -> None:
    """Rows with the same cell text hold the same search string, not copies of it."""
    records = synthetic_evidence.records["phase1"]
    by_text: dict[str, str] = {}
    for record in records:
        text = record.cells["Intervention"]
        searched = record.column_texts[list(record.cells).index("Intervention")]
        assert by_text.setdefault(text, searched) is searched


def test_replace_keeps_the_derived_fields_of_the_original(shipped_evidence: Evidence) -> None:
    record = shipped_evidence.records["phase2"][0]
    hostile = dataclasses.replace(record, cells=dict.fromkeys(record.cells, "x"))
    assert hostile.cells == dict.fromkeys(record.cells, "x")
    assert hostile.search_text == record.search_text
    assert hostile.metrics == record.metrics and hostile.key == record.key
    assert hostile != record


def test_tables_listing_is_every_record_with_the_nct_id(synthetic_evidence: Evidence) -> None:
    every = [r for records in synthetic_evidence.records.values() for r in records]
    for nct_id in {r.nct_id for r in every[::50] if r.nct_id}:
        assert synthetic_evidence.tables_listing(nct_id) == [r for r in every if r.nct_id == nct_id]
    assert synthetic_evidence.tables_listing("NCT00000000") == []


def _slot_filled(record: Record, name: str) -> bool:
    """Whether a derived field is in its slot already (reading it would derive it)."""
    try:
        vars(Record)[name].__get__(record, Record)
    except AttributeError:
        return False
    return True


def test_fields_are_derived_on_first_read_and_warm_reads_ahead(tmp_path: Path) -> None:
    evidence = load_evidence(_synthetic(300, tmp_path / "s.json"))
    record = evidence.records["published"][-1]
    assert not _slot_filled(record, "search_text") and not _slot_filled(record, "metrics")
    assert record.metrics and _slot_filled(record, "metrics")
    assert not _slot_filled(record, "search_text")
    evidence.warm()
    assert all(
        _slot_filled(r, "folded") and _slot_filled(r, "abbreviations") and r.derived_facets
        for rs in evidence.records.values()
        for r in rs
    )


_PIECES = st.sampled_from(
    [
        "ALL",
        "Ph",
        "Ph+",
        "BCL-2",
        "BCL-20",
        "MCL-1",
        "CR/CRi",
        "R/R",
        "T-ALL",
        "mini-hyper-CVD",
        "Mini-hyper-CVD",
        "CALGB 10403",
        "NCT0123",
        "x",
        " ",
        "-",
        "/",
        "(",
        ")",
        "[17]",
        "(n = 18)",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text("0123456789 aA-", max_size=4)), max_size=10))
def test_glossary_answers_a_text_as_it_answers_its_lookup_key(
    shipped_evidence: Evidence, parts: list[str]
) -> None:
    glossary = shipped_evidence.glossary
    text = "".join(parts)
    assert glossary.find(glossary.lookup_key(text)) == glossary.find(text)


_FACET_PIECES = st.sampled_from(
    ["Ph+", "Ph-", "Ph-like", "B-ALL", "T-LBL", "R/R", "adults", "older adults", "AYA", "1", "9"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_FACET_PIECES, st.text("0123456789 a-+", max_size=3)), max_size=8))
def test_a_cell_states_what_the_rules_find_in_it_however_often_asked(parts: list[str]) -> None:
    text = "".join(parts)
    expected = _scan(text) or None
    assert _cell_scan(text) == expected
    assert _cell_scan(text) == expected  # remembered now


def test_rows_stating_the_same_things_share_one_facts_object(tmp_path: Path) -> None:
    """100,000 rows must cost a reference each, not a copy of their facets each; and the
    shared answer is the one a row derives from scratch."""
    evidence = load_evidence(_synthetic(2_000, tmp_path / "s.json"))
    records = [r for rs in evidence.records.values() for r in rs]
    facts = [row_facets(r) and r.derived_facets for r in records]
    assert len({id(f) for f in facts}) < len(records) // 4
    for memo in (facets._FACTS, facets._CELL_SCANS, facets._SCANS):
        memo.clear()
    for record, shared in zip(records[::20], facts[::20], strict=True):
        assert facets._derive(record) == shared


_TERMS = st.sampled_from(
    [
        "ph:pos",
        "ph:neg",
        "lineage:t",
        "setting:rr",
        "age:older",
        "azacit",
        "venetoclax",
        "frontline",
        "Population:adult",
        "cr>=50",
        "n>20",
        "-ph:neg",
        "-azacit",
        "antifungal",
        "tki",
        '"newly diagnosed"',
        "a",
        "ph",
        "leukemia",
        "-lymph",
        "relapsed",
        "b-cell",
    ]
)
"""Facets, comparisons, synonyms, class words, and words found in cells, in expansions
("leukemia" for ALL, "ph" in lymphoblastic), or in both ("a")."""


@st.composite
def _queries(draw: st.DrawFn, depth: int = 0) -> str:
    items = []
    for _ in range(draw(st.integers(1, 3))):
        choices = [draw(_TERMS) for _ in range(draw(st.integers(1, 3)))]
        item = " OR ".join(choices)
        if depth < 2 and draw(st.booleans()):
            item = f"{draw(st.sampled_from(['', '-']))}({item} {draw(_queries(depth + 1))})"
        items.append(item)
    return " ".join(items)


@settings(max_examples=150, deadline=None)
@given(_queries())
def test_filter_keeps_exactly_the_records_matches_keeps(
    synthetic_evidence: Evidence, text: str
) -> None:
    try:
        query = parse_query(text, synthetic_evidence.all_columns())
    except QueryError:
        return
    records = [r for rs in synthetic_evidence.records.values() for r in rs[::7]]
    assert query.filter(records) == [r for r in records if query.matches(r)]
    one_table = list(synthetic_evidence.records["phase2"][::3])  # one derivation: no sorting out
    assert query.filter(one_table) == [r for r in one_table if query.matches(r)]
    assert query.select(tuple(one_table)) == tuple(query.filter(one_table))


@pytest.mark.parametrize(
    "text",
    ["leukemia", "lymphoblastic", "relapsed", "survival", "azacit", "ph:pos OR lineage:t", "all"],
)
def test_filter_on_rows_never_derived_equals_filter_on_derived_ones(
    tmp_path: Path, text: str
) -> None:
    """Expansion words ("leukemia" for ALL) match through the abbreviations, derived late."""
    path = _synthetic(600, tmp_path / "s.json")
    fresh, derived = load_evidence(path), load_evidence(path)
    query = parse_query(text, fresh.all_columns())
    for table_id, records in fresh.records.items():
        expected = [r.key for r in derived.records[table_id] if query.matches(r)]
        assert [r.key for r in query.filter(list(records))] == expected
        assert not any(_slot_filled(r, "search_text") for r in records), "no full text needed"


def test_warm_in_background_is_a_daemon_thread_that_warms(tmp_path: Path) -> None:
    """What ``tui.launch`` starts once the first frame is shown: it must not keep the
    process alive on quit, and it must leave every row ready for the filter."""
    evidence = load_evidence(_synthetic(200, tmp_path / "s.json"))
    after = threading.Event()
    thread = evidence.warm_in_background(then=after.set)
    assert thread.daemon
    thread.join(timeout=60)
    assert not thread.is_alive() and after.is_set()
    assert all(_slot_filled(r, "folded") for rs in evidence.records.values() for r in rs)


def test_a_record_is_found_by_its_key(tmp_path: Path) -> None:
    evidence = load_evidence(_synthetic(300, tmp_path / "s.json"))
    for records in evidence.records.values():
        for record in records[::7]:
            assert evidence.record(record.key) is record
    for unknown in ("phase1:9999", "phase1:03", "phase1:x", "nope:1", "phase1:", ":1", "phase1:²"):
        assert evidence.record(unknown) is None, unknown


def test_a_choice_of_nothing_matches_as_matches_says(synthetic_evidence: Evidence) -> None:
    """Only the parser builds choices, always of two or more; one built by hand still agrees."""
    from tui.domain.query import Group, Query

    records = list(synthetic_evidence.records["phase1"][:50])
    for negated in (False, True):
        query = Query("", Group((Group((), any_of=True, negated=negated),)))
        assert query.filter(records) == [r for r in records if query.matches(r)]


def test_records_fold_their_cells_as_one_row_alone_would(synthetic_evidence: Evidence) -> None:
    """Folded a table at a time (``TableDerivation.folded``) or row by row (the hostile
    file's cells are not ASCII), every record's folded text is its cells', joined by
    newlines and case-folded."""
    hostile = load_evidence(Path(__file__).resolve().parent / "data" / "hostile.json")
    for evidence in (load_evidence(default_data_path()), synthetic_evidence, hostile):
        for records in evidence.records.values():
            for record in records:
                texts = record.cells.values()
                alone = (
                    record.search_text
                    if max(map(len, texts), default=0) > MAX_SEARCHED_CHARS
                    else "\n".join(texts).casefold()
                )
                assert record.folded == alone, record.key


def test_a_record_names_each_slot_once() -> None:
    """A slot named twice is allocated twice: 8 bytes more per row, for nothing."""
    assert len(Record.__slots__) == len(set(Record.__slots__))
    assert Record.__basicsize__ == object.__basicsize__ + 8 * len(Record.__slots__)
