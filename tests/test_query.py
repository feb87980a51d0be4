"""The query language: matching rules and malformed queries."""

from __future__ import annotations

import pytest

from tui.domain import Evidence, QueryError, parse_query


def _keys(evidence: Evidence, text: str) -> list[str]:
    query = parse_query(text, evidence.all_columns())
    return [r.key for records in evidence.records.values() for r in query.filter(records)]


def test_empty_query_matches_everything(shipped_evidence: Evidence):
    assert len(_keys(shipped_evidence, "   ")) == 30


def test_terms_are_case_insensitive_and_all_must_match(shipped_evidence: Evidence):
    # t-all is a lineage synonym: ETP-ALL [25] is T-lineage disease too.
    assert _keys(shipped_evidence, "AZACITIDINE t-all") == [
        "published:7",
        "published:8",
        "phase2:1",
    ]
    assert _keys(shipped_evidence, '"AZACITIDINE" "t-all"') == _keys(
        shipped_evidence, "azacitidine t-all"
    )


def test_expansion_words_find_the_abbreviation(shipped_evidence: Evidence):
    keys = _keys(shipped_evidence, "philadelphia")
    assert "phase2:3" in keys  # "Ph+ B-ALL" says nothing of Philadelphia itself
    assert "published:2" not in keys


def test_phrase_exclusion_and_column(shipped_evidence: Evidence):
    # "newly diagnosed" is a synonym of untreated and frontline, in any cell: [17] says
    # untreated, [27] and NCT03319901 in Table 3 say frontline.
    assert _keys(shipped_evidence, '"newly diagnosed" -ph+ pop:all') == [
        "published:0",
        "published:1",
        "published:10",
        "phase1:1",
        "phase2:1",
        "phase2:5",
        "phase2:7",
    ]
    assert _keys(shipped_evidence, 'pop:"newly diagnosed" -ph+ pop:all') == [
        "published:0",
        "published:1",
        "published:10",
        "phase1:1",
        "phase2:1",
        "phase2:5",
    ]
    assert _keys(shipped_evidence, "study:NCT0518") == ["phase1:2", "phase2:8"]
    assert _keys(shipped_evidence, 'int:"inotuzumab"') == ["phase1:3"]


def test_metric_comparisons(shipped_evidence: Evidence):
    assert _keys(shipped_evidence, "cr>=60") == [
        "published:1",
        "published:3",
        "published:5",
        "published:8",
        "published:11",
    ]
    assert _keys(shipped_evidence, "cr >= 60") == _keys(shipped_evidence, "CR>=60%")
    assert _keys(shipped_evidence, "os<10") == ["published:2", "published:3"]
    assert _keys(shipped_evidence, "n>30") == ["published:5", "published:9"]
    assert _keys(shipped_evidence, "orr=100") == ["published:0"]
    # [26] "ORR 42%, all CR/CRi" reports CR/CRi 42% (derived), so it is no longer without CR.
    assert _keys(shipped_evidence, "-cr>0 n>0") == ["published:2", "published:7"]
    assert "published:9" in _keys(shipped_evidence, "cr>=40")


@pytest.mark.parametrize(
    ("text", "message", "column"),
    [
        ('"newly diagnosed', "unclosed quote", 1),
        ('ph+ ""', "empty quoted phrase", 5),
        ("cr>=", "expected a number after 'cr >='", 5),
        ("cr >= high", "expected a number", 7),
        (">= 5", "needs a metric name", 1),
        ("all -", "'-' must be followed", 5),
        ("p:aya", "could be any of Population, Primary outcome", 1),
        ("zz:aya", "no column starts with 'zz'", 1),
        ("pop: aya", "needs a term after the colon", 1),
        ("pop:n>5", "cannot be restricted to a column", 1),
        ('a"b', "unexpected '\"'", 2),
    ],
)
def test_malformed_queries_say_what_and_where(shipped_evidence, text, message, column):
    with pytest.raises(QueryError) as caught:
        parse_query(text, shipped_evidence.all_columns())
    assert message in str(caught.value)
    assert caught.value.position == column - 1
    assert f"(at column {column})" in str(caught.value)


def test_highlights_are_positive_text_terms(shipped_evidence: Evidence):
    query = parse_query('AZA -ph "new dx" cr>5', shipped_evidence.all_columns())
    assert query.highlights == ["aza", "new dx"]
