"""Population facets and the query terms that use them, checked against the shipped data.

The expected sets were read off the review by hand: Table 1 by reference number, Tables 2
and 3 by NCT ID.
"""

from __future__ import annotations

import pytest

from tui.domain import Evidence, QueryError, parse_query
from tui.domain.facets import CLASS_AGENTS, facet_conflicts, row_facets


def _published(evidence: Evidence, text: str) -> list[int]:
    query = parse_query(text, evidence.all_columns())
    return [r.reference for r in query.filter(evidence.records["published"])]


def _ids(evidence: Evidence, table_id: str, text: str) -> list[str]:
    query = parse_query(text, evidence.all_columns())
    return [r.nct_id for r in query.filter(evidence.records[table_id])]


@pytest.mark.parametrize(
    ("text", "references"),
    [
        ("lineage:t", [19, 24, 25, 27]),
        ("ph:neg", [17, 18, 28]),
        ("ph:like", [28]),
        ("age:pediatric", [20, 22, 26]),
        ("age:older", [17]),
        ("setting:nd", [17, 18, 27]),
        ("setting:rr", [17, 18, 19, 20, 21, 22, 23, 24, 25, 26]),
        ("lineage:b", [28]),
        ("ph:unstated", [19, 20, 21, 22, 23, 24, 25, 26, 27]),
    ],
)
def test_shipped_published_facets(shipped_evidence: Evidence, text: str, references: list[int]):
    assert _published(shipped_evidence, text) == references


def test_shipped_phase2_ph_positive(shipped_evidence: Evidence):
    assert _ids(shipped_evidence, "phase2", "ph:pos") == [
        "NCT06578546",
        "NCT06754267",
        "NCT06082934",
        "NCT05594784",
    ]


def test_shipped_phase1_or_between_agents(shipped_evidence: Evidence):
    assert _ids(shipped_evidence, "phase1", "blinatumomab OR inotuzumab") == [
        "NCT05182385",
        "NCT05016947",
    ]


def test_shipped_ph_minus_and_plus_gives_both(shipped_evidence: Evidence):
    facets = row_facets(shipped_evidence.records["phase1"][3])  # "R/R B-ALL (Ph- and Ph+)"
    assert facets.of("ph") == {"pos", "neg"}


def test_car_t_says_nothing_of_lineage(shipped_evidence: Evidence):
    record = shipped_evidence.records["published"][5]  # [22], bridged to allo-HCT/CAR-T
    assert "CAR-T" in record.cells["Primary outcome"]
    assert row_facets(record).of("lineage") == frozenset()
    # Free text still finds CAR-T's expansion ("T-cell"); the facet does not.
    assert 22 in _published(shipped_evidence, "t-cell")
    assert 22 not in _published(shipped_evidence, "lineage:t")


def test_each_value_names_the_words_and_cell_that_set_it(shipped_evidence: Evidence):
    facets = row_facets(shipped_evidence.records["published"][8])  # R/R ETP-ALL [25]
    (lineage,) = facets.values["lineage"]
    assert lineage.term == "lineage:t"
    assert [(e.words, e.cell) for e in lineage.evidence] == [("ETP-ALL", "Population")]


def test_maintenance_is_read_from_the_regimen_cell_when_the_population_is_silent(
    shipped_evidence: Evidence,
):
    assert _ids(shipped_evidence, "phase2", "setting:maintenance") == ["NCT06393985"]
    (value,) = row_facets(shipped_evidence.records["phase2"][2]).values["setting"]
    assert value.evidence[0].cell == "Primary outcome"


def test_shipped_conflict_nct03319901_in_table_3(shipped_evidence: Evidence):
    record = shipped_evidence.records["phase2"][7]
    assert record.nct_id == "NCT03319901"
    (conflict,) = facet_conflicts(record)
    assert (conflict.key, conflict.value, conflict.words) == ("setting", "nd", "frontline")
    assert conflict.population == ("rr",)
    assert "Population" in conflict.describe()
    assert row_facets(record).of("setting") == {"rr"}  # reported, not applied
    assert facet_conflicts(shipped_evidence.records["phase1"][1]) == ()


def test_pediatric_inspired_regimen_is_not_an_age(shipped_evidence: Evidence):
    record = shipped_evidence.records["phase2"][5]  # ALL (AYA, newly diagnosed)
    assert row_facets(record).of("age") == {"aya"}
    assert facet_conflicts(record) == ()


def test_three_words_for_one_setting_find_one_set(shipped_evidence: Evidence):
    found = {
        word: _ids(shipped_evidence, "phase2", f"pop:{word}")
        for word in ("frontline", "untreated", '"newly diagnosed"')
    }
    assert len({tuple(ids) for ids in found.values()}) == 1
    assert _published(shipped_evidence, "pop:frontline") == [17, 18, 27]


def test_t_all_finds_etp_all(shipped_evidence: Evidence):
    assert _published(shipped_evidence, "t-all") == [19, 24, 25, 27]


def test_drug_class_words(shipped_evidence: Evidence):
    assert _ids(shipped_evidence, "phase1", "antifungal") == ["NCT04988555"]
    assert _ids(shipped_evidence, "phase1", "cyp3a") == ["NCT04988555"]
    assert _ids(shipped_evidence, "phase1", "class:tki") == ["NCT06082934", "NCT04872790"]
    assert _ids(shipped_evidence, "phase1", "TKI") == ["NCT06082934", "NCT04872790"]
    assert "dasatinib" in CLASS_AGENTS["tki"]
    assert "orebatinib" not in CLASS_AGENTS["tki"]  # its class is unknown as printed


def test_ph_positive_newly_diagnosed_across_tables(shipped_evidence: Evidence):
    query = parse_query("ph:pos setting:nd", shipped_evidence.all_columns())
    ids = [r.nct_id for rs in shipped_evidence.records.values() for r in query.filter(rs)]
    assert list(dict.fromkeys(ids)) == [
        "NCT06082934",
        "NCT04872790",
        "NCT06578546",
        "NCT05594784",
    ]


@pytest.mark.parametrize(
    ("text", "message", "column"),
    [
        ("ph:maybe", "'maybe' is not a value of 'ph:' (valid: pos, neg, like, unstated)", 4),
        ("all setting:xx", "valid: nd, rr, maintenance, unstated", 13),
        ("class:opioid", "valid: tki,", 7),
    ],
)
def test_unknown_facet_values_list_the_valid_ones(shipped_evidence, text, message, column):
    with pytest.raises(QueryError) as caught:
        parse_query(text, shipped_evidence.all_columns())
    assert message in caught.value.message
    assert caught.value.position == column - 1
