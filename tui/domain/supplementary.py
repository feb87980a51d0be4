"""Abbreviations the source uses but never defines; their expansions are ven-tui's own."""

from __future__ import annotations

from dataclasses import dataclass

SUPPLEMENT_SOURCE = "not defined in the source (ven-tui supplement)"

# abbreviation -> expansion. Compound forms (T-ALL, ...) exist so the longest match wins
# and a query for "T-cell" finds them.
SUPPLEMENTARY: dict[str, str] = {
    "CR": "complete remission",
    "CRi": "complete remission with incomplete hematologic recovery",
    "T-ALL": "T-cell acute lymphoblastic leukemia",
    "B-ALL": "B-cell acute lymphoblastic leukemia",
    "ETP-ALL": "early T-cell precursor acute lymphoblastic leukemia",
    "T-LBL": "T-cell lymphoblastic lymphoma",
    "BCL-XL": "B-cell lymphoma-extra large (an anti-apoptotic BCL-2 family protein)",
    "BAX": "BCL-2-associated X protein",
    "BAK": "BCL-2 antagonist/killer",
    "CALGB": "Cancer and Leukemia Group B (a cooperative group; 10403 is its protocol number)",
    "NCT": "ClinicalTrials.gov identifier (National Clinical Trial number)",
    "Ph-like": (
        "Philadelphia chromosome-like B-ALL: BCR::ABL1-negative, with a gene expression "
        "profile like that of Philadelphia chromosome-positive ALL"
    ),
}

ASSEMBLED_PREFIX = "assembled from source definitions"
_BY_US = "by ven-tui"

# Supplementary entries whose parts the source does define, only not as one abbreviation:
# their provenance names those parts instead of saying "not defined in the source".
ASSEMBLED: dict[str, str] = {
    "BCL-XL": f"{ASSEMBLED_PREFIX} (BCL-2 and XL in the Figure 1 legend) {_BY_US}",
    "ETP-ALL": f"{ASSEMBLED_PREFIX} (ETP and ALL in the Table 1 footnote) {_BY_US}",
    "T-LBL": f"{ASSEMBLED_PREFIX} (LBL, and T-cell from ETP, in the Table 1 footnote) {_BY_US}",
}


def supplement_source(abbr: str) -> str:
    """The provenance of a supplementary entry: assembled from the source's parts, or ours."""
    return ASSEMBLED.get(abbr, SUPPLEMENT_SOURCE)


OWN_NOTE_SOURCE = "ven-tui's own note, not from the review"


@dataclass(frozen=True, slots=True)
class TermNote:
    """A glossary entry of ven-tui's that comments on the source's own definitions.

    Shown only when the glossary has every definition in ``requires`` from the source, so
    another dataset never gets a note about a definition it lacks; ``text`` names where
    each required definition is given (``{0}``, ``{1}``: their sources, in order).
    """

    abbr: str
    text: str
    requires: tuple[tuple[str, str], ...]
    """(abbreviation, expansion as printed, case ignored) pairs the note is about."""


TERM_NOTES: tuple[TermNote, ...] = (
    TermNote(
        "MRD",
        "measurable residual disease, the current term; the source expands MRD as "
        '"minimal residual disease" ({0}), the older name of the same measure',
        (("MRD", "minimal residual disease"),),
    ),
    TermNote(
        "HSCT",
        "linked to allo-HCT (allogeneic hematopoietic cell transplantation, {1}): HSCT ({0}) "
        "is the general term, allo-HCT names its allogeneic form",
        (
            ("HSCT", "hematopoietic stem cell transplantation"),
            ("allo-HCT", "allogeneic hematopoietic cell transplantation"),
        ),
    ),
    TermNote(
        "allo-HCT",
        "linked to HSCT (hematopoietic stem cell transplantation, {1}): allo-HCT ({0}) is its "
        "allogeneic form",
        (
            ("allo-HCT", "allogeneic hematopoietic cell transplantation"),
            ("HSCT", "hematopoietic stem cell transplantation"),
        ),
    ),
    TermNote(
        "AML",
        'acute myeloid leukemia, the current name; "acute myelocytic leukemia" ({0}) is an '
        "older synonym, not an error",
        (("AML", "acute myelocytic leukemia"),),
    ),
)
"""ven-tui's notes on source terms: the MRD term, the HSCT / allo-HCT link, AML's name."""
