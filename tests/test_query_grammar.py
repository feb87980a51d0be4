"""OR, parentheses and facet terms: properties over the shipped data, errors, linear parsing."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tui.domain import Evidence, Query, QueryError, load_evidence, parse_query
from tui.domain.facets import FACET_KEYS, facet_values, row_facets
from tui.resources import default_data_path

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SHIPPED = load_evidence(default_data_path())
COLUMNS = SHIPPED.all_columns()
RECORDS = [record for records in SHIPPED.records.values() for record in records]

simple_terms = st.sampled_from(
    [
        "azacitidine", "t-all", "frontline", "ph+", "-ph+", "pop:aya", "cr>=60", "n>10",
        '"newly diagnosed"', "blinatumomab", "inotuzumab", "antifungal", "tki", "r/r",
        "ph:pos", "ph:neg", "lineage:t", "setting:nd", "setting:rr", "age:pediatric",
        "-lineage:b", "class:hma", "ph:unstated", "(ph:pos OR lineage:t)",
        "-(setting:rr OR age:aya)",
    ]
)  # fmt: skip
facet_terms = st.sampled_from(
    [f"{key}:{value}" for key in FACET_KEYS for value in (*facet_values(key), "unstated")]
)


def keys(text: str) -> list[str]:
    return [record.key for record in parse_query(text, COLUMNS).filter(RECORDS)]


@PROPERTY
@given(a=simple_terms, b=simple_terms)
def test_or_is_commutative(a: str, b: str):
    assert keys(f"{a} OR {b}") == keys(f"{b} OR {a}")


@PROPERTY
@given(a=simple_terms)
def test_a_or_a_is_a(a: str):
    assert keys(f"{a} OR {a}") == keys(a)
    assert keys(f"({a})") == keys(a)


@PROPERTY
@given(a=simple_terms, b=simple_terms)
def test_or_is_the_union_and_implicit_and_the_intersection(a: str, b: str):
    either, both = set(keys(f"{a} OR {b}")), set(keys(f"{a} {b}"))
    assert either == set(keys(a)) | set(keys(b))
    assert both == set(keys(a)) & set(keys(b))
    assert set(keys(f"-({a} OR {b})")) == {r.key for r in RECORDS} - either


@PROPERTY
@given(chosen=st.lists(facet_terms, min_size=1, max_size=4))
def test_and_of_facets_is_the_intersection_of_their_sets(chosen: list[str]):
    expected = {record.key for record in RECORDS}
    for term in chosen:
        key, value = term.split(":")
        expected &= {r.key for r in RECORDS if row_facets(r).has(key, value)}
    assert set(keys(" ".join(chosen))) == expected


grammar_tokens = st.sampled_from(
    [
        "(", ")", "-(", " OR ", "OR", " ", '"', "-", ":", ">=", "5", "ph:", "pos", "ph:pos",
        "lineage:", "x", "age:older", "class:", "tki", "setting:", "pop:", "cr", "\x1b", "中",
        "Or", "or", "ORR", ")(",
    ]
)  # fmt: skip


@PROPERTY
@given(text=st.one_of(st.lists(grammar_tokens, max_size=20).map("".join), st.text()))
@example(text="(" * 500)
@example(text=")" * 3)
@example(text="a OR")
@example(text="OR a")
@example(text="ph:")
@example(text="-()")
def test_the_parser_raises_nothing_but_query_error(text: str):
    try:
        query = parse_query(text, COLUMNS)
    except QueryError as error:
        assert 0 <= error.position <= len(text)
        assert error.message
    else:
        assert isinstance(query, Query)
        query.filter(RECORDS)
        assert all(isinstance(word, str) for word in query.highlights)


@pytest.mark.parametrize(
    ("text", "message", "column"),
    [
        ("a OR", "OR needs a term after it", 3),
        ("OR a", "OR needs a term before it", 1),
        ("a OR OR b", "OR needs a term after it", 3),
        ("(a", "unclosed '('", 1),
        ("a )", "unmatched ')'", 3),
        ("()", "empty parentheses", 1),
        ("-( )", "empty parentheses", 2),
        ("(a)b", "unexpected 'b' after ')'", 4),
        ("ph:", "needs a term after the colon", 1),
        ("(" * 60 + "a" + ")" * 60, "nested more than 50 deep", 51),
    ],
)
def test_malformed_groups_say_what_and_where(text: str, message: str, column: int):
    with pytest.raises(QueryError) as caught:
        parse_query(text, COLUMNS)
    assert message in caught.value.message
    assert caught.value.position == column - 1


def test_or_binds_tighter_than_the_implicit_and(shipped_evidence: Evidence):
    assert keys("ph:pos blinatumomab OR inotuzumab") == keys("ph:pos (blinatumomab OR inotuzumab)")
    assert keys("ph:pos blinatumomab OR inotuzumab") == ["phase1:3"]


def test_lower_case_or_is_a_word():
    assert keys("untreated or") == keys('untreated "or"')
    assert keys("a OR b") != keys("a or b")


def test_facet_keys_win_over_column_prefixes():
    query = parse_query("ph:pos", ["Ph status", "Population"])
    assert [type(term).__name__ for term in query.terms] == ["FacetTerm"]
    query = parse_query("pop:ph+", ["Ph status", "Population"])
    assert query.terms[0].column == "Population"


def test_glossary_text_matching_follows_or_and_groups():
    query = parse_query("ph:pos (t-all OR aya) cr>5", COLUMNS)
    assert query.matches_text("adolescents and young adults (aya)")
    assert not query.matches_text("acute myeloid leukemia")
    assert parse_query("ph:pos", COLUMNS).matches_text("anything")


def test_highlights_follow_negation_through_groups():
    query = parse_query("-(aza OR ph+) -(-dec) frontline", COLUMNS)
    synonyms = ["newly diagnosed", "untreated", "frontline", "front-line", "first-line"]
    assert query.highlights == ["dec", *synonyms]


def _parse_seconds(text: str, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        try:
            parse_query(text, COLUMNS)
        except QueryError:
            pass
        best = min(best, time.perf_counter() - started)
    return best


@pytest.mark.parametrize(
    "unit",
    ["(ph:pos OR t-all) ", "a OR ", '"x" -y pop:z ', "((a b) OR c) ", "cr>=5 "],
)
def test_parsing_is_linear(unit: str):
    """Ten times the text takes about ten times as long (a ratio, not a wall clock)."""
    small = unit * (10_000 // len(unit))
    large = unit * (100_000 // len(unit))
    if unit.endswith("OR "):
        small, large = small + "a", large + "a"
    ratio = _parse_seconds(large) / _parse_seconds(small)
    assert ratio < 25, ratio
