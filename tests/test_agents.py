"""The agents index: extraction on every shipped row, acronym expansion and provenance."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.domain.agents import (
    VENETOCLAX,
    agent_index,
    find_agents,
    records_using,
    regimen_column,
    regimen_expansions,
    regimen_text,
    row_agents,
)
from tui.domain.drug_classes import AGENTS, CLASS_SOURCE, SPELLINGS

MINI_T1 = "mini-hyper-CVD (Table 1 footnote)"
MINI_T2 = "Mini-hyper-CVD (Table 2 footnote)"
HYPER_CVAD = "hyper-CVAD (Table 1 footnote)"
VXL = "VXL (Table 1 footnote)"
CALGB = "CALGB 10403 (ven-tui supplement, not from the source)"
MINI = ("cyclophosphamide", "vincristine", "dexamethasone", "methotrexate", "cytarabine")
CALGB_AGENTS = (
    "vincristine",
    "prednisone",
    "daunorubicin",
    "pegylated asparaginase",
    "cytarabine",
    "methotrexate",
    "cyclophosphamide",
    "mercaptopurine",
    "thioguanine",
    "doxorubicin",
    "dexamethasone",
)

# Read off the printed regimen cells, venetoclax left out: agent -> None when the cell names
# it, else the acronym (and its definition's place) it was found through.
EXPECTED: dict[str, dict[str, str | None]] = {
    # "Venetoclax + mini-hyper-CVD (phase I)"
    "published:0": dict.fromkeys(MINI, MINI_T1),
    # "Venetoclax + mini-hyper-CVD (phase II)"
    "published:1": dict.fromkeys(MINI, MINI_T1),
    # "Venetoclax + various chemo regimens"
    "published:2": {"chemotherapy": None},
    # "Venetoclax + various chemo"
    "published:3": {"chemotherapy": None},
    # "Venetoclax + liposomal vincristine (phase I)"
    "published:4": {"liposomal vincristine": None},
    # "Venetoclax + low-dose navitoclax + chemo (phase I)"
    "published:5": {"navitoclax": None, "chemotherapy": None},
    # "Venetoclax + mini-hyper-CVD (phase 1/2)"
    "published:6": dict.fromkeys(MINI, MINI_T1),
    # "Venetoclax + azacitidine (phase II)"
    "published:7": {"azacitidine": None},
    # "Venetoclax + azacitidine/decitabine (case series)"
    "published:8": {"azacitidine": None, "decitabine": None},
    # "Venetoclax + VXL/cytarabine regimens (phase I)"
    "published:9": {
        "cytarabine": None,
        "dexamethasone": VXL,
        "vincristine": VXL,
        "pegylated asparaginase": VXL,
    },
    # "Venetoclax + hyper-CVAD, nelarabine, and pegylated asparaginase"
    "published:10": {
        "nelarabine": None,
        "pegylated asparaginase": None,
        "cyclophosphamide": HYPER_CVAD,
        "vincristine": HYPER_CVAD,
        "doxorubicin": HYPER_CVAD,
        "dexamethasone": HYPER_CVAD,
        "methotrexate": HYPER_CVAD,
        "cytarabine": HYPER_CVAD,
    },
    # "Venetoclax + CALGB 10403 (prospective)"
    "published:11": dict.fromkeys(CALGB_AGENTS, CALGB),
    # "Olverembatinib plus venetoclax and dexamethasone (OVD)"
    "phase1:0": {"olverembatinib": None, "dexamethasone": None},
    # "Mini-hyper-CVD plus venetoclax"
    "phase1:1": dict.fromkeys(MINI, MINI_T2),
    # "Blinatumomab + venetoclax"
    "phase1:2": {"blinatumomab": None},
    # "Venetoclax + dexamethasone + inotuzumab ozogamicin"
    "phase1:3": {"dexamethasone": None, "inotuzumab ozogamicin": None},
    # "Enzomenib, azoles, venetoclax, gilteritinib, azacitidine"
    "phase1:4": {"enzomenib": None, "azoles": None, "gilteritinib": None, "azacitidine": None},
    # "Dasatinib, venetoclax"
    "phase1:5": {"dasatinib": None},
    # "Chemotherapy-free regimen of venetoclax, azacitidine plus orebatinib (VAO regimen)"
    "phase2:0": {"azacitidine": None, "orebatinib": None},
    # "Study of venetoclax combined with azacitidine regimen"
    "phase2:1": {"azacitidine": None},
    # "Decitabine, venetoclax, and blinatumomab for maintenance following HSCT"
    "phase2:2": {"decitabine": None, "blinatumomab": None},
    # "Venetoclax combined with olverembatinib and prednisone"
    "phase2:3": {"olverembatinib": None, "prednisone": None},
    # "Olverembatinib plus venetoclax and dexamethasone"
    "phase2:4": {"olverembatinib": None, "dexamethasone": None},
    # "Pediatric-inspired regimen combined with venetoclax"
    "phase2:5": {"chemotherapy": None},
    # "Olverembatinib combined with reduced-intensity chemotherapy and venetoclax"
    "phase2:6": {"olverembatinib": None, "chemotherapy": None},
    # "Venetoclax and chemotherapy as frontline therapy"
    "phase2:7": {"chemotherapy": None},
    # "Venetoclax in addition to blinatumomab"
    "phase2:8": {"blinatumomab": None},
    # "Blinatumomab plus venetoclax sequenced with inotuzumab ozogamicin"
    "phase2:9": {"blinatumomab": None, "inotuzumab ozogamicin": None},
    # "Blinatumomab plus reduced-dose chemotherapy" (venetoclax not printed)
    "phase2:10": {"blinatumomab": None, "chemotherapy": None},
    # "Venetoclax plus IM2"
    "phase2:11": {"IM2": None},
}


def all_records(evidence):
    for table_id in evidence.table_ids:
        for record in evidence.records[table_id]:
            yield evidence.table(table_id), record


def test_shipped_expected_table_covers_every_row(shipped_evidence):
    assert sorted(EXPECTED) == sorted(r.key for _, r in all_records(shipped_evidence))


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_shipped_row_agents(shipped_evidence, key):
    table_id, index = key.split(":")
    table = shipped_evidence.table(table_id)
    record = shipped_evidence.records[table_id][int(index)]
    found = {use.name: use.via for use in row_agents(table, record) if use.name != VENETOCLAX}
    assert found == EXPECTED[key]


def test_shipped_every_row_but_one_names_venetoclax(shipped_evidence):
    assert records_using(shipped_evidence, "no such agent") == []
    using = {r.key for r in records_using(shipped_evidence, VENETOCLAX)}
    assert set(EXPECTED) - using == {"phase2:10"}


def test_shipped_regimen_column_follows_the_table_quirk(shipped_evidence):
    assert regimen_column(shipped_evidence.table("published")) == "Intervention"
    assert regimen_column(shipped_evidence.table("phase1")) == "Intervention"
    # Table 3 has no Intervention column; its "Primary outcome" column holds the regimens.
    phase2 = shipped_evidence.table("phase2")
    assert regimen_column(phase2) == "Primary outcome"
    first = shipped_evidence.records["phase2"][0]
    assert regimen_text(phase2, first).startswith("Chemotherapy-free regimen of venetoclax")


def expansions(evidence, key):
    table_id, index = key.split(":")
    table = evidence.table(table_id)
    return {e.acronym: e for e in regimen_expansions(table, evidence.records[table_id][int(index)])}


def test_shipped_footnote_acronyms_expand_from_their_definitions(shipped_evidence):
    vxl = expansions(shipped_evidence, "published:9")["VXL"]
    assert (vxl.source, vxl.from_source) == ("Table 1 footnote", True)
    assert vxl.agents == ("venetoclax", "dexamethasone", "vincristine", "pegylated asparaginase")
    hyper = expansions(shipped_evidence, "published:10")["hyper-CVAD"]
    assert hyper.agents == (
        "cyclophosphamide",
        "vincristine",
        "doxorubicin",
        "dexamethasone",
        "methotrexate",
        "cytarabine",
    )
    # "anthracycline omitted": mini-hyper-CVD has no anthracycline, and the word is no agent.
    mini = expansions(shipped_evidence, "published:0")["mini-hyper-CVD"]
    assert mini.agents == MINI and mini.label == MINI_T1
    assert expansions(shipped_evidence, "phase1:1")["Mini-hyper-CVD"].label == MINI_T2


def test_shipped_inline_acronyms_expand_with_their_place(shipped_evidence):
    ovd = expansions(shipped_evidence, "phase1:0")["OVD"]
    assert ovd.agents == ("olverembatinib", "venetoclax", "dexamethasone")
    assert ovd.source == "defined inline in Table 2, NCT06082934, Intervention"
    vao = expansions(shipped_evidence, "phase2:0")["VAO"]
    assert vao.agents == ("venetoclax", "azacitidine", "orebatinib")
    assert vao.source.startswith("defined inline in Table 3, NCT06578546")
    assert vao.from_source


def test_shipped_calgb_expansion_is_marked_not_from_the_source(shipped_evidence):
    calgb = expansions(shipped_evidence, "published:11")["CALGB 10403"]
    assert calgb.from_source is False
    assert "not from the source" in calgb.label
    assert calgb.agents == CALGB_AGENTS


def test_shipped_index_excludes_venetoclax_and_is_sorted_by_use(shipped_evidence):
    index = agent_index(shipped_evidence)
    names = [entry.name for entry in index]
    assert VENETOCLAX not in names
    assert len(names) == len(set(names))
    assert names[0] == "dexamethasone"
    partners = [entry.total for entry in index if entry.role is None]
    assert partners == sorted(partners, reverse=True)
    # A supportive drug is no combination partner: it follows every partner.
    assert [entry.name for entry in index if entry.role] == ["azoles"] == names[-1:]
    for entry in index:
        assert list(entry.counts) == shipped_evidence.table_ids
        assert sum(entry.counts.values()) == entry.total == len(set(entry.rows))
    expected_names = {name for agents in EXPECTED.values() for name in agents}
    assert set(names) == expected_names


def test_shipped_index_entries(shipped_evidence):
    index = {entry.name: entry for entry in agent_index(shipped_evidence)}
    blinatumomab = index["blinatumomab"]
    assert blinatumomab.rows == ("phase1:2", "phase2:2", "phase2:8", "phase2:9", "phase2:10")
    assert blinatumomab.counts == {"published": 0, "phase1": 1, "phase2": 4}
    assert blinatumomab.drug_class == "CD19xCD3 bispecific T-cell engager"
    assert blinatumomab.via == ()
    dexamethasone = index["dexamethasone"]
    assert dexamethasone.counts == {"published": 6, "phase1": 3, "phase2": 1}
    assert set(dexamethasone.via) == {MINI_T1, MINI_T2, HYPER_CVAD, VXL, CALGB}
    assert index["azoles"].drug_class.startswith("antifungal azole (CYP3A4 inhibitor")
    assert "olverembatinib" in index["orebatinib"].note
    # Only the supplement yields daunorubicin; the source names dexamethasone itself.
    assert index["daunorubicin"].named_in_source is False
    assert dexamethasone.named_in_source is True


def test_every_class_is_marked_not_from_the_source(shipped_evidence):
    for entry in agent_index(shipped_evidence):
        assert entry.class_from_source is False
        assert entry.class_source == CLASS_SOURCE
        assert "not from the source" in entry.class_source
        assert entry.drug_class


def test_shipped_records_using_filters_to_an_agent(shipped_evidence):
    keys = [r.key for r in records_using(shipped_evidence, "Azacitidine")]
    assert keys == ["published:7", "published:8", "phase1:4", "phase2:0", "phase2:1"]
    via_acronym = [r.key for r in records_using(shipped_evidence, "doxorubicin")]
    assert via_acronym == ["published:10", "published:11"]
    assert records_using(shipped_evidence, "imatinib") == []


@pytest.mark.parametrize(
    ("text", "agents"),
    [
        ("Chemotherapy-free regimen of venetoclax", ["venetoclax"]),
        ("Venetoclax + low-dose navitoclax + chemo", ["venetoclax", "navitoclax", "chemotherapy"]),
        ("liposomal vincristine then vincristine", ["liposomal vincristine", "vincristine"]),
        ("pegasparaginase, PEG-asparaginase", ["pegylated asparaginase"]),
        ("azacitidine/decitabine", ["azacitidine", "decitabine"]),
        ("prednisolone, dexamethasones, IM23", []),
        ("anthracycline omitted", []),
        ("Inotuzumab ozogamicin and inotuzumab", ["inotuzumab ozogamicin"]),
    ],
)
def test_find_agents(text, agents):
    assert find_agents(text) == agents


def test_every_spelling_has_a_classified_agent():
    assert set(SPELLINGS.values()) <= set(AGENTS)
    assert all(drug_class for drug_class, _ in AGENTS.values())


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_find_agents_never_raises_on_arbitrary_text(text):
    assert set(find_agents(text)) <= set(AGENTS)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(sorted(SPELLINGS)), st.text()), max_size=8))
def test_every_spelling_is_found_among_noise(parts):
    text = " | ".join(parts)
    found = set(find_agents(text))
    assert {SPELLINGS[p] for p in parts if p in SPELLINGS} <= found


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_row_agents_never_raises_on_arbitrary_cells(shipped_evidence, text):
    table = shipped_evidence.table("phase2")
    record = shipped_evidence.records["phase2"][0]
    hostile = dataclasses.replace(record, cells=dict.fromkeys(record.cells, text))
    assert all(use.name in AGENTS for use in row_agents(table, hostile))


def test_shipped_azoles_are_supportive_with_ven_tuis_own_precise_note(shipped_evidence):
    from tui.domain.agents import agent_index
    from tui.domain.drug_classes import SUPPORTIVE_ROLE

    index = {entry.name: entry for entry in agent_index(shipped_evidence)}
    azoles = index["azoles"]
    assert azoles.role == SUPPORTIVE_ROLE
    assert azoles.note.startswith("ven-tui's own note, not from the review")
    assert "posaconazole" in azoles.note and "not stated by the source" in azoles.note
    assert index["cytarabine"].role is None


def test_shipped_rows_without_venetoclax_are_flagged(shipped_evidence):
    from tui.domain.agents import rows_without_venetoclax

    flagged = rows_without_venetoclax(shipped_evidence)
    assert any(r.nct_id == "NCT06742515" for r in flagged)
    assert all(r.table_id != "published" for r in flagged)
