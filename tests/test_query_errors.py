"""Every query error says what was wrong and where, word for word; and what each term becomes.

Mutation testing found messages and positions that could change unnoticed, and registry
terms (``status:``, ``country:``, ``age:N``) parsed by no fast test.
"""

from __future__ import annotations

import pytest

from tui.domain import QueryError, parse_query
from tui.domain.query import RegistryTerm, TextTerm

COLUMNS = ["Study number", "Population", "Intervention", "Primary outcome"]
STATUSES = (
    "recruiting, not-yet-recruiting, enrolling-by-invitation, active-not-recruiting, "
    "completed, suspended, terminated, withdrawn, unknown, available, no-longer-available, "
    "temporarily-not-available, approved-for-marketing, withheld"
)

ERRORS = [
    ("-", "'-' must be followed by a term to exclude", 0),
    ("a -", "'-' must be followed by a term to exclude", 2),
    ("pop:", "'pop:' needs a term after the colon", 0),
    ("pop:cr>=5", "a comparison cannot be restricted to a column", 0),
    ('pop:"ii', 'unclosed quote: add a closing "', 4),
    ('""', "empty quoted phrase", 0),
    ('" "', "empty quoted phrase", 0),
    ('"a"b', "unexpected 'b' after a closing quote", 3),
    ('abc"', "unexpected '\"' after a term", 3),
    ("a b(", "unexpected '(' after a term", 3),
    ("pop:(a)", "unexpected '('", 4),
    (
        "zz:x",
        "no column starts with 'zz' (columns: Study number, Population, Intervention, "
        "Primary outcome)",
        0,
    ),
    ("p:x", "'p' could be any of Population, Primary outcome: type more of the heading", 0),
    ("status:bogus", f"'bogus' is not a registry status (valid: {STATUSES})", 7),
    ("status:(", "unexpected '('", 7),
    ('status:ab"', "unexpected '\"' after a status value", 9),
    ('status:"recruiting"x', "unexpected 'x' after a closing quote", 19),
    ("country:fr(x", "unexpected '(' after a country value", 10),
    ("ph:pos#", "'pos#' is not a value of 'ph:' (valid: pos, neg, like, unstated)", 3),
    ('ph:pos"', "unexpected '\"' after a facet value", 6),
    ("ph:(", "unexpected '('", 3),
    (">=5", "a comparison needs a metric name before '>='", 0),
    ("cr>=x", "expected a number after 'cr >='", 4),
    ("a )", "unmatched ')': no '(' opens it", 2),
    ("(abc", "unclosed '(': add a closing ')'", 0),
]


@pytest.mark.parametrize(("text", "message", "position"), ERRORS, ids=[e[0] for e in ERRORS])
def test_each_error_names_the_problem_and_its_column(text: str, message: str, position: int):
    with pytest.raises(QueryError) as caught:
        parse_query(text, COLUMNS)
    assert (caught.value.message, caught.value.position) == (message, position)
    assert str(caught.value) == f"{message} (at column {position + 1})"


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("age:30", RegistryTerm("age", "30")),
        ("age:7.5", RegistryTerm("age", "7.5")),
        ("-status:recruiting", RegistryTerm("status", "RECRUITING", negated=True)),
        ("status:not-yet-recruiting", RegistryTerm("status", "NOT_YET_RECRUITING")),
        ('country:"United States"', RegistryTerm("country", "united states")),
        ("Country:France", RegistryTerm("country", "france")),
    ],
)
def test_registry_terms(text: str, term: RegistryTerm) -> None:
    assert parse_query(text, COLUMNS).terms == (term,)


def test_age_without_a_number_is_the_age_facet_not_a_registry_term() -> None:
    (term,) = parse_query("age:adult", COLUMNS).terms
    assert (type(term).__name__, term.key, term.value) == ("FacetTerm", "age", "adult")
    with pytest.raises(QueryError, match="'old' is not a value of 'age:'"):
        parse_query("age:old", COLUMNS)


def test_text_terms_carry_synonyms_and_class_only_when_bare() -> None:
    assert parse_query("abc", COLUMNS).terms == (TextTerm("abc"),)
    assert parse_query("-Abc", COLUMNS).terms == (TextTerm("abc", negated=True),)
    assert parse_query("antifungal", COLUMNS).terms == (
        TextTerm("antifungal", drug_class="antifungal"),
    )
    assert parse_query("int:antifungal", COLUMNS).terms == (TextTerm("antifungal", "Intervention"),)
    frontline = parse_query("frontline", COLUMNS).terms[0]
    assert "newly diagnosed" in frontline.synonyms and frontline.synonyms == frontline.spellings


def test_a_percent_sign_on_a_comparison_is_dropped() -> None:
    (term,) = parse_query("cr >= 60%", COLUMNS).terms
    assert (term.name, term.op, term.value, term.negated) == ("cr", ">=", 60.0, False)


def test_matches_text_needs_every_word_and_one_alternative() -> None:
    both = parse_query("alpha beta", COLUMNS)
    assert both.matches_text("alpha and beta") and not both.matches_text("alpha only")
    either = parse_query("alpha OR beta", COLUMNS)
    assert either.matches_text("beta only") and not either.matches_text("gamma")
    assert parse_query("-(alpha OR beta)", COLUMNS).matches_text("gamma")
    assert parse_query("cr>=5", COLUMNS).matches_text("anything")  # no text term applies
