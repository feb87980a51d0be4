"""Abbreviations the source uses but never defines; their expansions are ven-tui's own."""

from __future__ import annotations

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
}
