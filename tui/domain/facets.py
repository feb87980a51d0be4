"""Population facets derived from each row's cells, so users can find trials by who is in them.

Every value is derived by ven-tui, never printed as such in the review, and records the words
and the cell that set it. The rules, in full:

- ``ph``, ``lineage``, ``age`` and ``setting`` are read from the Population cell (the heading
  that starts with "Population"). Only when that cell states nothing for a facet are the other
  cells read (Table 3 says "maintenance following HSCT" in its regimen column). A value that
  another cell names while the Population cell states a different one is not applied; it is
  reported by ``facet_conflicts`` (NCT03319901 in Table 3: "R/R" population, "frontline
  therapy").
- ``ph``: ``pos`` for "Ph+"; ``neg`` for "Ph-negative", "Ph-neg", "Ph-" and "Ph-like";
  ``like`` for "Ph-like". "Ph- and Ph+" gives both.
- ``lineage``: ``b`` for B-ALL, B-LBL, B-lineage; ``t`` for T-ALL, T-LBL, ETP-ALL, T-lineage.
  CAR-T names a therapy, not the patients' lineage, and sets nothing.
- ``setting``: ``nd`` for newly diagnosed, untreated, frontline (front-line, first-line);
  ``rr`` for R/R, relapsed, refractory; ``maintenance`` for maintenance.
- ``age``: ``pediatric`` (pediatric, paediatric, children; a "pediatric-inspired" regimen
  says nothing of age), ``aya`` (AYA, adolescents and
  young adults), ``adult`` (adult, adults, but not "older adults"), ``older`` (older adults,
  older patients, elderly). As on ClinicalTrials.gov, older adults are not also ``adult``.
- ``class``: the drug classes of the agents the row's cells name or its regimen acronyms
  stand for, from ven-tui's own agent vocabulary (``tui.domain.drug_classes``), never from
  the source. An agent whose class is "unknown" is in no class.

A row that does not state a facet has no value for it: "not stated", never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from tui.domain.agents import find_agents
from tui.domain.drug_classes import AGENTS, CLASS_SOURCE, SUPPLEMENTARY_REGIMENS
from tui.domain.records import Record

DERIVED = "derived by ven-tui from the row's cells"
UNSTATED = "unstated"
"""The query value for "not stated": ``ph:unstated`` keeps rows that state no Ph status."""

POPULATION_FACETS = ("ph", "lineage", "setting", "age")
FACET_KEYS = (*POPULATION_FACETS, "class")

FACET_TITLES = {
    "ph": "Ph status",
    "lineage": "Lineage",
    "setting": "Setting",
    "age": "Age group",
    "class": "Drug class (ven-tui's own)",
}

# key -> value -> (label, patterns). Patterns are case-insensitive; each match is recorded.
_RULES: dict[str, dict[str, tuple[str, tuple[str, ...]]]] = {
    "ph": {
        "pos": ("Ph+", (r"\bPh\+", r"\bPh-positive\b")),
        "neg": ("Ph-negative", (r"\bPh-neg(?:ative)?\b", r"\bPh-(?![\w+])", r"\bPh-like\b")),
        "like": ("Ph-like", (r"\bPh-like\b",)),
    },
    "lineage": {
        "b": ("B-lineage", (r"\bB-ALL\b", r"\bB-LBL\b", r"\bB-lineage\b")),
        "t": ("T-lineage", (r"\bT-ALL\b", r"\bT-LBL\b", r"\bETP-ALL\b", r"\bT-lineage\b")),
    },
    "setting": {
        "nd": (
            "newly diagnosed",
            (r"\bnewly diagnosed\b", r"\buntreated\b", r"\bfront-?line\b", r"\bfirst-line\b"),
        ),
        "rr": ("relapsed or refractory", (r"\bR/R\b", r"\brelapsed\b", r"\brefractory\b")),
        "maintenance": ("maintenance", (r"\bmaintenance\b",)),
    },
    "age": {
        "pediatric": ("pediatric", (r"\bpa?ediatric\b(?!-inspired)", r"\bchildren\b")),
        "aya": ("adolescents and young adults", (r"\bAYA\b", r"\badolescents?\b")),
        "adult": ("adults", (r"(?<!older )\badults?\b",)),
        "older": ("older adults", (r"\bolder (?:adults|patients)\b", r"\belderly\b")),
    },
}
_COMPILED = {
    key: {
        value: re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
        for value, (_, patterns) in values.items()
    }
    for key, values in _RULES.items()
}

# ven-tui's class words -> (label, words looked for in the AGENTS class texts).
_CLASS_RULES: dict[str, tuple[str, tuple[str, ...]]] = {
    "tki": ("tyrosine kinase inhibitor", ("tyrosine kinase inhibitor",)),
    "bcl2": ("BCL-2 inhibitor", ("bcl-2",)),
    "hma": ("hypomethylating agent", ("hypomethylating",)),
    "bispecific": ("bispecific T-cell engager", ("bispecific",)),
    "adc": ("antibody-drug conjugate", ("antibody-drug conjugate",)),
    "antibody": ("antibody", ("antibody",)),
    "corticosteroid": ("corticosteroid", ("corticosteroid",)),
    "menin": ("menin inhibitor", ("menin inhibitor",)),
    "flt3": ("FLT3 inhibitor", ("flt3",)),
    "antifungal": ("antifungal", ("antifungal",)),
    "cyp3a": ("CYP3A inhibitor", ("cyp3a",)),
    "nucleoside": ("nucleoside analogue", ("nucleoside analogue",)),
    "vinca": ("vinca alkaloid", ("vinca alkaloid",)),
    "asparaginase": ("asparaginase", ("asparaginase",)),
    "anthracycline": ("anthracycline", ("anthracycline",)),
    "alkylating": ("alkylating agent", ("alkylating",)),
    "antimetabolite": ("antimetabolite", ("antimetabolite",)),
    "topoisomerase": ("topoisomerase inhibitor", ("topoisomerase",)),
}
CLASS_AGENTS: dict[str, frozenset[str]] = {
    key: frozenset(
        name
        for name, (drug_class, _) in AGENTS.items()
        if not drug_class.casefold().startswith("unknown")
        and any(word in drug_class.casefold() for word in words)
    )
    for key, (_, words) in _CLASS_RULES.items()
}
"""Each class word and the agents of the vocabulary whose class text names it."""

# Query spellings of a value -> the value. The canonical values come first.
_VALUE_ALIASES: dict[str, dict[str, str]] = {
    "ph": {"pos": "pos", "neg": "neg", "like": "like", "+": "pos", "-": "neg"}
    | {"positive": "pos", "negative": "neg", "ph-like": "like"},
    "lineage": {"b": "b", "t": "t", "b-all": "b", "t-all": "t", "b-cell": "b", "t-cell": "t"},
    "setting": {"nd": "nd", "rr": "rr", "maintenance": "maintenance"}
    | {"newly diagnosed": "nd", "frontline": "nd", "untreated": "nd", "r/r": "rr"}
    | {"relapsed": "rr", "refractory": "rr"},
    "age": {v: v for v in _RULES["age"]} | {"paediatric": "pediatric", "older adults": "older"},
    "class": {k: k for k in _CLASS_RULES} | {"cyp3a4": "cyp3a", "steroid": "corticosteroid"},
}
CLASS_WORDS: dict[str, str] = _VALUE_ALIASES["class"]
"""Bare words that also match a drug class (``antifungal``, ``tki``) -> the class."""


def facet_values(key: str) -> tuple[str, ...]:
    """The canonical values of a facet, in display order (``unstated`` not included)."""
    if key == "class":
        return tuple(_CLASS_RULES)
    return tuple(_RULES[key])


def value_label(key: str, value: str) -> str:
    """A few words for a value, for the facet panel and the detail pane."""
    if value == UNSTATED:
        return "not stated"
    if key == "class":
        return _CLASS_RULES[value][0]
    return _RULES[key][value][0]


def resolve_value(key: str, text: str) -> str | None:
    """The canonical value a query spells (``ph:positive`` -> ``pos``); None if unknown."""
    folded = text.casefold()
    if folded == UNSTATED:
        return UNSTATED
    return _VALUE_ALIASES[key].get(folded)


@dataclass(frozen=True, slots=True)
class FacetEvidence:
    """Why a row has a value: the words as printed and the cell they are in."""

    words: str
    cell: str
    via: str | None = None
    """For a class: the agent the words stand for, if not the words themselves."""


@dataclass(frozen=True, slots=True)
class FacetValue:
    """One derived value of one facet of one row, with what set it."""

    key: str
    value: str
    evidence: tuple[FacetEvidence, ...]

    @property
    def term(self) -> str:
        """The query term that selects this value, e.g. ``ph:pos``."""
        return f"{self.key}:{self.value}"


@dataclass(frozen=True, slots=True)
class FacetConflict:
    """A value another cell names that the Population cell contradicts; not applied."""

    key: str
    value: str
    words: str
    cell: str
    population: tuple[str, ...]
    """The values the Population cell states for this facet."""

    def describe(self) -> str:
        stated = ", ".join(f"{self.key}:{v}" for v in self.population)
        return (
            f'{FACET_TITLES[self.key]}: the {self.cell} cell says "{self.words}" '
            f"({self.key}:{self.value}) but the Population cell gives {stated}; "
            "only the Population cell's value is applied."
        )


@dataclass(frozen=True, slots=True)
class RowFacets:
    """Every derived facet value of one row, and the contradictions found on the way."""

    values: dict[str, tuple[FacetValue, ...]]
    conflicts: tuple[FacetConflict, ...]

    def of(self, key: str) -> frozenset[str]:
        """The row's values for ``key``; empty when the row does not state it."""
        return frozenset(found.value for found in self.values.get(key, ()))

    def has(self, key: str, value: str) -> bool:
        if value == UNSTATED:
            return not self.values.get(key)
        return any(found.value == value for found in self.values.get(key, ()))


_CACHE: dict[tuple[str, int, str], RowFacets] = {}
_CACHE_LIMIT = 100_000


def row_facets(record: Record) -> RowFacets:
    """The facets of ``record``, derived once per row text (the filter asks on every keystroke)."""
    cache_key = (record.table_id, record.index, record.search_text)
    found = _CACHE.get(cache_key)
    if found is None:
        if len(_CACHE) >= _CACHE_LIMIT:
            _CACHE.clear()
        found = _CACHE[cache_key] = _derive(record)
    return found


def facet_conflicts(record: Record) -> tuple[FacetConflict, ...]:
    """Where a row's cells contradict each other on a facet (reported, never resolved)."""
    return row_facets(record).conflicts


def population_column(record: Record) -> str | None:
    """The heading of the row's Population cell, if it has one."""
    for heading in record.cells:
        if heading.casefold().startswith("population"):
            return heading
    return None


def _derive(record: Record) -> RowFacets:
    population = population_column(record)
    others = [heading for heading in record.cells if heading != population]
    values: dict[str, tuple[FacetValue, ...]] = {}
    conflicts: list[FacetConflict] = []
    for key in POPULATION_FACETS:
        stated = _matches(key, record, [population] if population else [])
        elsewhere = _matches(key, record, others)
        if not stated:
            stated = elsewhere
        else:
            for value, evidence in elsewhere.items():
                if value not in stated:
                    conflicts.extend(
                        FacetConflict(key, value, e.words, e.cell, tuple(stated)) for e in evidence
                    )
        if stated:
            values[key] = tuple(FacetValue(key, v, tuple(e)) for v, e in stated.items())
    classes = _classes(record)
    if classes:
        values["class"] = classes
    return RowFacets(values, tuple(conflicts))


def _matches(key: str, record: Record, headings: Iterable[str]) -> dict[str, list[FacetEvidence]]:
    found: dict[str, list[FacetEvidence]] = {}
    for heading in headings:
        text = record.cells.get(heading, "")
        for value, pattern in _COMPILED[key].items():
            for match in pattern.finditer(text):
                found.setdefault(value, []).append(FacetEvidence(match.group(0), heading))
    return found


_SUPPLEMENTS = [
    (re.compile(rf"(?<![A-Za-z0-9]){pattern}(?![A-Za-z0-9])"), label, expansion)
    for pattern, (label, expansion) in SUPPLEMENTARY_REGIMENS.items()
]


def _agents(record: Record) -> dict[str, FacetEvidence]:
    """Each agent the row's cells name, or that an acronym or supplement there stands for."""
    agents: dict[str, FacetEvidence] = {}
    for heading, text in record.cells.items():
        for name in find_agents(text, include_generic=False):
            agents.setdefault(name, FacetEvidence(name, heading))
        for abbreviation in record.cell_abbreviations.get(heading, ()):
            for name in find_agents(abbreviation.expansion, include_generic=False):
                agents.setdefault(name, FacetEvidence(abbreviation.abbr, heading, name))
        for pattern, label, expansion in _SUPPLEMENTS:
            if pattern.search(text):
                for name in find_agents(expansion, include_generic=False):
                    agents.setdefault(name, FacetEvidence(label, heading, name))
    return agents


def _classes(record: Record) -> tuple[FacetValue, ...]:
    agents = _agents(record)
    out = []
    for key, members in CLASS_AGENTS.items():
        evidence = tuple(e for name, e in agents.items() if name in members)
        if evidence:
            out.append(FacetValue("class", key, evidence))
    return tuple(out)


def class_source() -> str:
    """How drug classes are labelled wherever they are shown."""
    return CLASS_SOURCE
