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


@pytest.mark.parametrize(
    ("text", "message", "position"),
    [
        (")", "unmatched ')': no '(' opens it", 0),
        ("a) b", "unmatched ')': no '(' opens it", 1),
        ("OR a", "OR needs a term before it", 0),
        ("a OR", "OR needs a term after it", 2),
        ("a OR )", "OR needs a term after it", 2),
        ("()", "empty parentheses", 0),
        ("a ( )", "empty parentheses", 2),
    ],
)
def test_grouping_errors(text: str, message: str, position: int) -> None:
    with pytest.raises(QueryError) as caught:
        parse_query(text, COLUMNS)
    assert (caught.value.message, caught.value.position) == (message, position)


def test_a_group_of_one_is_that_term_and_the_query_keeps_its_text() -> None:
    assert parse_query("(a)", COLUMNS).root == parse_query("a", COLUMNS).root
    inner = parse_query("(a b)", COLUMNS).root.children[0]
    assert len(inner.children) == 2 and not inner.any_of
    assert parse_query("-(a)", COLUMNS).root.children[0].negated
    assert parse_query("a  OR b", COLUMNS).source == "a  OR b"


def test_a_class_word_does_not_narrow_a_plain_word_it_contains() -> None:
    def narrows(new: str, old: str) -> bool:
        return parse_query(new, COLUMNS).narrows(parse_query(old, COLUMNS))

    # "antifungal" also matches rows by drug class, which need not contain "anti"
    assert not narrows("antifungal", "anti")
    assert narrows("antifungals", "antifungal")
    assert narrows("antifungal", "antifungal")
    assert narrows("azac", "aza") and not narrows("aza", "azac")


def _registry(**fields):
    from tui.domain.registry import RegistryRecord

    base = dict(
        nct_id="NCT00000001",
        title="t",
        status="RECRUITING",
        last_update="2026-01-01",
        enrollment=10,
        enrollment_type="ESTIMATED",
        minimum_age="18 Years",
        maximum_age="",
        sex="ALL",
        lead_sponsor="s",
        sites=1,
        countries=("France", "United States"),
        fetched="2026-01-02",
        source_url="https://clinicaltrials.gov/api/v2/studies/NCT00000001",
    )
    return {"NCT00000001": RegistryRecord(**{**base, **fields})}


def _trial(nct: str | None = "NCT00000001"):
    from tests.test_copy_text import rec

    return rec("phase1", 0, {"Study number": nct or ""}, nct)


@pytest.mark.parametrize(
    ("text", "matches"),
    [
        ("status:recruiting", True),
        ("status:completed", False),
        ("-status:completed", True),
        ("country:france", True),
        ("country:states", True),  # part of a name
        ("country:spain", False),
        ("-country:spain", True),
        ("age:18", True),
        ("age:17.5", False),
        ("age:90", True),  # no upper bound
    ],
)
def test_registry_terms_answer_from_the_cached_record(text: str, matches: bool) -> None:
    query = parse_query(text, COLUMNS, _registry())
    assert query.matches(_trial()) is matches
    # a row the registry knows nothing of never matches, negated or not
    assert query.matches(_trial("NCT09999999")) is False
    assert query.matches(_trial(None)) is False
    assert parse_query(text, COLUMNS).matches(_trial()) is False  # no cache at all
