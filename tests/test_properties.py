"""Property-based tests: on any input the domain succeeds or raises its one documented error.

Example counts stay moderate (``PROPERTY``) so the suite stays fast; no deadlines, since
the machine is shared. Bugs these properties found are kept as regression tests.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.conftest import FIXTURES
from tui.domain import (
    DataError,
    Evidence,
    Query,
    QueryError,
    load_dataset,
    load_evidence,
    parse_query,
)
from tui.domain.glossary import Glossary
from tui.domain.metrics import Metric, parse_metrics, reference_number, sample_size
from tui.domain.sanitize import is_safe, safe_line, safe_text
from tui.resources import default_data_path

PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SHIPPED = load_evidence(default_data_path())
HOSTILE = load_evidence(FIXTURES / "hostile.json")
SHIPPED_RAW = json.loads(default_data_path().read_text(encoding="utf-8"))

# Everything a terminal or a line splitter would act on, written out independently.
RAW_CONTROL = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
    # invisible and ambiguous-width characters (issue 17, item 9)
    "\u00ad\u115f\u1160\u180e\u200b-\u200d\u2060-\u2064\u3164\ufeff\uffa0\ufff9-\ufffb"
    "\U000e0000-\U000e007f]"
)

nasty_chars = st.sampled_from(
    list("\x00\x07\x08\t\n\r\x1b\x7f\x85\x9b\x9c\x9d\u202e\u2066\u2028\u2029\u200d\ufeff")
    + ["e\u0301", "中", "😀", "👩\u200d⚕️", "ש", "[", "]", "/", "@", "=", "\\"]
)
any_text = st.one_of(st.text(), st.lists(st.one_of(nasty_chars, st.text(max_size=3))).map("".join))

query_tokens = st.sampled_from(
    [
        '"', "-", ":", ">=", "<=", ">", "<", "=", " ", "  ", "\t", "\n",
        "0", "1", "9", "60", "7.5", "-3", ".", "%",
        "cr", "CR", "orr", "os", "n", "mrd-neg",
        "pop", "pop:", "study:", "int:", "prim:", "p:", "notes:", "zz:", "Population:",
        "ph+", "t-all", "ALL", "x", "é", "ß", "İ", "\x1b", "\u202e", "中",
    ]
)  # fmt: skip
query_text = st.lists(query_tokens, max_size=16).map("".join)


@pytest.mark.parametrize("evidence", [SHIPPED, HOSTILE], ids=["shipped", "hostile"])
@PROPERTY
@given(text=st.one_of(query_text, any_text))
@example(text='cr>= "x')
@example(text="cr >=")
@example(text="-")
@example(text="pop:")
@example(text='""')
@example(text="n>=1e5")
def test_parse_query_returns_a_query_or_raises_query_error(evidence: Evidence, text: str):
    try:
        query = parse_query(text, evidence.all_columns())
    except QueryError as error:
        assert 0 <= error.position <= len(text)
        assert str(error) == f"{error.message} (at column {error.position + 1})"
        assert error.message
    else:
        assert isinstance(query, Query)
        for records in evidence.records.values():
            matched = query.filter(records)
            assert all(record in records for record in matched)
        assert all(isinstance(term, str) for term in query.highlights)


metric_tokens = st.sampled_from(
    [
        "CR", "ORR", "OS", "CR/CRi", "MRD-negativity", " ", ", ", ",", "(", ")", "%",
        "0", "7", "75", "7.7", "100", ".", "months", "month", "weeks", "years", "days",
        "in", "patients", "patient", "six", "Twenty", "one", "(n = 18)", "[17]", "\n", "\x1b",
    ]
)  # fmt: skip


@PROPERTY
@given(text=st.one_of(st.lists(metric_tokens, max_size=20).map("".join), any_text))
@example(text="CR 75% (frontline), OS 7.7 months")
@example(text="CR in six patients (")
@example(text="((((,,,,))))")
def test_parse_metrics_never_raises_and_returns_metrics(text: str):
    metrics = parse_metrics(text)
    assert isinstance(metrics, list)
    assert all(isinstance(metric, Metric) for metric in metrics)
    for metric in metrics:
        assert isinstance(metric.value, float) and metric.value >= 0
        assert metric.unit in {"%", "months", "weeks", "years", "days", "patients"}
    sample_size(text)
    reference_number(text)


def _variants(glossary: Glossary) -> list[str]:
    return sorted(
        {
            spelled
            for group in glossary.definitions()
            for definition in group
            for spelled in (definition.abbr, definition.abbr.lower(), definition.abbr.upper())
        }
    )


_TOKEN = re.compile(r"[A-Za-z0-9]")


def _at_token_boundaries(text: str, written: str) -> bool:
    """True if ``written`` occurs in ``text`` with no letter or digit on either side."""
    start = text.find(written)
    while start >= 0:
        end = start + len(written)
        before_ok = start == 0 or not _TOKEN.match(text[start - 1])
        after_ok = end == len(text) or not _TOKEN.match(text[end])
        if before_ok and after_ok:
            return True
        start = text.find(written, start + 1)
    return False


@pytest.mark.parametrize("evidence", [SHIPPED, HOSTILE], ids=["shipped", "hostile"])
@PROPERTY
@given(data=st.data())
@example(data=None)
def test_glossary_finds_abbreviations_only_at_token_boundaries(evidence: Evidence, data):
    glossary = evidence.glossary
    if data is None:  # a fixed example: glued-on letters or digits hide an abbreviation
        text = "xALL ALLx 2ALL ALL2 ALL, Ph+"
    else:
        pieces = st.one_of(
            st.sampled_from(_variants(glossary)),
            st.sampled_from([" ", "-", "/", "+", "(", ")", ",", "x", "1", "é", "_", "\n"]),
            st.text(max_size=3),
        )
        text = data.draw(st.lists(pieces, max_size=20).map("".join), label="text")
    found = glossary.find(text)
    keys = {group[0].abbr for group in glossary.definitions()}
    for written, key in found:
        assert _at_token_boundaries(text, written), (text, written)
        assert glossary.best(key, ()).expansion
    assert len({key for _, key in found}) == len(found)
    if data is None:
        assert [written for written, _ in found] == ["ALL", "Ph"]
    assert keys  # the glossary under test is not empty


@PROPERTY
@given(text=any_text)
@example(text="a\u2028b\u2029c\x85d\x1ce")
@example(text="<U+0085>\u241b")
def test_sanitised_text_is_safe_and_idempotent(text: str):
    for shown in (safe_text(text), safe_text(text, keep_newlines=True), safe_line(text)):
        assert is_safe(shown)
        assert RAW_CONTROL.search(shown.replace("\n", "")) is None
    once = safe_text(text)
    assert safe_text(once) == once
    kept = safe_text(text, keep_newlines=True)
    assert safe_text(kept, keep_newlines=True) == kept
    assert kept.count("\n") == text.count("\n")
    line = safe_line(text)
    assert safe_line(line) == line
    assert "\n" not in once and "\n" not in line
    assert len(line.splitlines()) <= 1  # nothing Python (or a viewer) would split on
    if RAW_CONTROL.search(text.replace("\n", "")) is None:
        assert kept == text  # printable text, wide or right-to-left, passes unchanged


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | any_text,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("properties") / "data.json"


@PROPERTY
@given(content=st.binary(max_size=200))
def test_loading_arbitrary_bytes_raises_only_data_error(scratch: Path, content: bytes):
    scratch.write_bytes(content)
    with pytest.raises(DataError) as caught:
        load_dataset(scratch)
    assert caught.value.problems
    assert all(is_safe(str(problem)) for problem in caught.value.problems)


@PROPERTY
@given(value=json_values)
def test_loading_arbitrary_json_raises_only_data_error(scratch: Path, value):
    scratch.write_text(json.dumps(value), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset(scratch)
    assert all(is_safe(str(problem)) for problem in caught.value.problems)


def _leaf_paths(value, where=()) -> list[tuple]:
    if isinstance(value, dict):
        return [p for key, item in value.items() for p in _leaf_paths(item, (*where, key))]
    if isinstance(value, list):
        return [p for index, item in enumerate(value) for p in _leaf_paths(item, (*where, index))]
    return [where]


LEAVES = _leaf_paths(SHIPPED_RAW)


@PROPERTY
@given(where=st.sampled_from(LEAVES), value=st.one_of(json_values, any_text))
def test_one_changed_value_loads_or_raises_data_error(scratch: Path, where: tuple, value):
    """Replace any one value of the shipped dataset: a clean load or a clean DataError."""
    data = copy.deepcopy(SHIPPED_RAW)
    target = data
    for part in where[:-1]:
        target = target[part]
    target[where[-1]] = value
    scratch.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    try:
        evidence = load_evidence(scratch)
    except DataError as error:
        assert error.problems
        assert all(is_safe(str(problem)) for problem in error.problems)
    else:
        assert sum(len(records) for records in evidence.records.values()) == 30


def test_metric_count_words_match_under_unicode_case_folding():
    assert parse_metrics("CR in ſix patients") == [Metric("CR", 6.0, "patients")]


@pytest.mark.parametrize(
    "cell", ["(n = " + "9" * 5000 + ")", "[" + "9" * 5000 + "]"], ids=["n", "reference"]
)
def test_huge_numbers_in_cells_are_not_taken_as_n_or_reference(scratch: Path, cell: str):
    data = copy.deepcopy(SHIPPED_RAW)
    data["tables"][0]["rows"][0]["cells"]["Population"] = cell
    scratch.write_text(json.dumps(data), encoding="utf-8")
    record = load_evidence(scratch).records["published"][0]
    assert record.n is None and record.reference is None
