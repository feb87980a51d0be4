"""Behaviours that mutation testing found unchecked (issue 17, "Tests that would not notice")."""

from __future__ import annotations

import pytest

from tui.domain import Evidence, parse_query
from tui.domain.glossary import Definition, Glossary
from tui.domain.metrics import split_top_level
from tui.domain.stats import beta_quantile, regularized_beta


def _keys(evidence: Evidence, text: str) -> list[str]:
    query = parse_query(text, evidence.all_columns())
    return [r.key for records in evidence.records.values() for r in query.filter(records)]


def test_split_top_level_keeps_a_comma_inside_parentheses() -> None:
    assert split_top_level("CR 75% (frontline, n = 12), OS 7 months") == [
        "CR 75% (frontline, n = 12)",
        " OS 7 months",
    ]
    assert split_top_level("a (b, (c, d), e), f") == ["a (b, (c, d), e)", " f"]


@pytest.mark.parametrize(("a", "b"), [(0.0, 1.0), (-1.0, 2.0), (1.0, 0.0), (2.0, -0.5)])
def test_regularized_beta_refuses_non_positive_parameters(a: float, b: float) -> None:
    """Checked by the guard, with its own message, not by lgamma failing by chance."""
    with pytest.raises(ValueError, match="beta parameters must be positive"):
        regularized_beta(0.5, a, b)


def test_beta_quantile_at_the_ends_is_exactly_zero_and_one() -> None:
    assert beta_quantile(0.0, 2.0, 3.0) == 0.0
    assert beta_quantile(1.0, 2.0, 3.0) == 1.0
    with pytest.raises(ValueError):
        beta_quantile(1.5, 2.0, 3.0)


def test_glossary_best_prefers_the_first_preferred_source_that_has_one() -> None:
    glossary = Glossary(
        [
            Definition("CR", "complete remission", "Table 1 footnote"),
            Definition("CR", "complete response", "Table 2 footnote"),
            Definition("CR", "complete recovery", "ven-tui supplement"),
        ]
    )
    assert glossary.best("CR", ["Table 2 footnote"]).expansion == "complete response"
    assert glossary.best("CR", ["Nowhere", "Table 1 footnote"]).expansion == "complete remission"
    assert glossary.best("CR", []).expansion == "complete remission"  # first in-source one


def test_excluding_a_quoted_phrase_removes_exactly_its_rows(shipped_evidence: Evidence) -> None:
    everything = _keys(shipped_evidence, "")
    with_phrase = _keys(shipped_evidence, '"newly diagnosed"')
    without = _keys(shipped_evidence, '-"newly diagnosed"')
    assert with_phrase and without
    assert sorted(without) == sorted(set(everything) - set(with_phrase))


def test_copy_urls_one_per_trial_and_says_what_was_left_out(shipped_evidence: Evidence) -> None:
    from tui.domain.copy_text import copy_urls

    trials = shipped_evidence.records["phase1"][:2]
    published = shipped_evidence.records["published"][:1]
    clip = copy_urls([*trials, trials[0], *published])
    assert clip.text.splitlines() == [r.url for r in trials]  # the repeat copied once
    assert all(r.nct_id in r.url for r in trials)
    assert clip.title == "Copied 2 ClinicalTrials.gov addresses"
    assert "(1 row without an NCT ID left out)" in clip.message
    assert copy_urls(published).text == ""
    assert copy_urls([]).title == "Nothing to copy"
    single = copy_urls(trials[:1])
    assert single.title == f"Copied the address of {trials[0].nct_id}"


def test_source_reference_names_journal_issue_pages_and_table(shipped_evidence: Evidence) -> None:
    from tui.domain.copy_text import source_reference

    citation = shipped_evidence.dataset.citation
    line = source_reference(citation, "Table 1")
    assert line.startswith(f"{citation.journal_abbreviation} {citation.year};{citation.volume}")
    assert line.endswith(f":{citation.pages}, Table 1")
    assert (f"({citation.issue})" in line) == bool(citation.issue)
    assert source_reference(citation, "Table\x1b[2J 1").endswith(", Table\u241b[2J 1")


def test_an_exact_column_name_beats_a_longer_one_it_prefixes(shipped_evidence: Evidence) -> None:
    from tui.domain.query import parse_query as parse

    # without the rule "phase" would be ambiguous between the two and raise QueryError
    query = parse("phase:ii", ["Phase", "Phase detail"])
    assert "Phase" in repr(query) and "Phase detail" not in repr(query)
