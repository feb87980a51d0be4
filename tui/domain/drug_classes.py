"""ven-tui's curated agent vocabulary: spellings, drug classes and regimens the source leaves out.

Nothing here comes from the review: the review names agents but never classifies them, and
does not define the CALGB 10403 protocol. Every class and supplementary expansion is
therefore labelled as not from the source wherever it is shown.
"""

from __future__ import annotations

CLASS_SOURCE = "not from the source (ven-tui's own classification)"
REGIMEN_SUPPLEMENT_SOURCE = "ven-tui supplement, not from the source"

SUPPORTIVE_ROLE = "supportive or interacting drug, not a combination partner"
SUPPORTIVE: frozenset[str] = frozenset({"azoles"})
"""Agents a regimen lists that are not antileukaemic partners of venetoclax (ven-tui's own)."""

GENERIC = "chemotherapy"
"""The agent recorded for chemotherapy whose agents are not named ("chemo", "regimen")."""

# canonical name -> (drug class, note or None). Canonical names are lower case except names
# printed as codes (IM2).
AGENTS: dict[str, tuple[str, str | None]] = {
    "venetoclax": ("BCL-2 inhibitor", None),
    "navitoclax": ("BCL-2/BCL-XL inhibitor", None),
    "azacitidine": ("hypomethylating agent", None),
    "decitabine": ("hypomethylating agent", None),
    "olverembatinib": ("BCR-ABL tyrosine kinase inhibitor (third generation)", None),
    "orebatinib": (
        "unknown as printed; BCR-ABL tyrosine kinase inhibitor if it is olverembatinib",
        'Printed "orebatinib" in Table 3; it may be a misspelling of olverembatinib. '
        "Kept as printed.",
    ),
    "dasatinib": ("BCR-ABL tyrosine kinase inhibitor", None),
    "imatinib": ("BCR-ABL tyrosine kinase inhibitor", None),
    "nilotinib": ("BCR-ABL tyrosine kinase inhibitor", None),
    "ponatinib": ("BCR-ABL tyrosine kinase inhibitor", None),
    "blinatumomab": ("CD19xCD3 bispecific T-cell engager", None),
    "inotuzumab ozogamicin": ("anti-CD22 antibody-drug conjugate", None),
    "rituximab": ("anti-CD20 monoclonal antibody", None),
    "dexamethasone": ("corticosteroid", None),
    "prednisone": ("corticosteroid", None),
    "enzomenib": ("menin inhibitor", None),
    "gilteritinib": ("FLT3 inhibitor", None),
    "azoles": (
        "antifungal azole (CYP3A4 inhibitor)",
        "ven-tui's own note, not from the review: why azoles are in this trial is not "
        "stated by the source. Azoles inhibit CYP3A, raising venetoclax exposure; with a "
        "strong inhibitor such as posaconazole, venetoclax's label calls for large dose "
        "reductions.",
    ),
    "nelarabine": ("nucleoside analogue (purine)", None),
    "cytarabine": ("nucleoside analogue (pyrimidine)", None),
    "fludarabine": ("nucleoside analogue (purine)", None),
    "clofarabine": ("nucleoside analogue (purine)", None),
    "vincristine": ("vinca alkaloid", None),
    "liposomal vincristine": ("vinca alkaloid (liposomal formulation)", None),
    "pegylated asparaginase": ("asparaginase", None),
    "asparaginase": ("asparaginase", None),
    "doxorubicin": ("anthracycline", None),
    "daunorubicin": ("anthracycline", None),
    "idarubicin": ("anthracycline", None),
    "cyclophosphamide": ("alkylating agent", None),
    "methotrexate": ("antimetabolite (antifolate)", None),
    "mercaptopurine": ("antimetabolite (thiopurine)", None),
    "thioguanine": ("antimetabolite (thiopurine)", None),
    "etoposide": ("topoisomerase II inhibitor", None),
    "IM2": ("unknown (not expanded in the source)", "IM2 is not expanded in the source."),
    GENERIC: (
        "chemotherapy, agents not named",
        "Rows that say chemotherapy, chemo or a chemotherapy regimen without naming its agents.",
    ),
}

# Spellings in text -> canonical name. Matching ignores case, the longest spelling wins
# ("liposomal vincristine" before "vincristine"), and a spelling followed by "-free"
# ("chemotherapy-free") is not a mention.
SPELLINGS: dict[str, str] = {
    **{name.casefold(): name for name in AGENTS},
    "inotuzumab": "inotuzumab ozogamicin",
    "pegasparaginase": "pegylated asparaginase",
    "pegaspargase": "pegylated asparaginase",
    "peg-asparaginase": "pegylated asparaginase",
    "azole": "azoles",
    "chemo": GENERIC,
    "pediatric-inspired regimen": GENERIC,
    "6-mercaptopurine": "mercaptopurine",
    "6-thioguanine": "thioguanine",
}

# Regimens the source names but never defines: printed name (a regular expression) ->
# (label, expansion). The expansion is ven-tui's, and its agents are read from it with the
# same matcher as any other text.
SUPPLEMENTARY_REGIMENS: dict[str, tuple[str, str]] = {
    r"CALGB\s*10403": (
        "CALGB 10403",
        "pediatric-inspired protocol of the Cancer and Leukemia Group B (Stock et al., Blood "
        "2019): vincristine, prednisone, daunorubicin, pegaspargase, cytarabine, methotrexate, "
        "cyclophosphamide, mercaptopurine, thioguanine, doxorubicin and dexamethasone",
    ),
}
