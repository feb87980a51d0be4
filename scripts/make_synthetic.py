"""Generate a large schema-valid dataset from the shipped one's vocabulary, for the benchmark.

The output keeps the shipped citation, figure legend, table headings and footnotes (so every
abbreviation still has a definition), and fills each table with rows recombined from the
review's own words: populations, regimens, metrics such as "CR 61%" or "OS 7.7 months",
sample sizes "(n = 18)" and references "[23]". NCT IDs are unique within each table, and
some trials appear in both trial tables, as in the review. The same seed gives the same file.

    python scripts/make_synthetic.py --rows 10000 --out /tmp/synthetic.json
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHIPPED = REPO / "data" / "review.json"

WHO = (
    "Older adults with untreated or R/R",
    "Newly diagnosed or R/R",
    "Newly diagnosed",
    "R/R",
    "Pediatric and AYA with R/R",
    "Pediatric and adult with R/R",
    "Adults with R/R",
    "Pediatric/AYA with R/R",
    "Frontline",
    "Older patients with",
)
DISEASE = (
    "Ph-negative ALL",
    "Ph+ ALL",
    "Ph-neg B-ALL",
    "Ph+ B-ALL",
    "B-ALL",
    "T-ALL",
    "ETP-ALL",
    "ALL/LBL",
    "ALL or LBL",
    "T-ALL or T-LBL",
    "ALL (AYA)",
    "ALL/AML",
)
PARTNER = (
    "mini-hyper-CVD",
    "hyper-CVAD",
    "azacitidine",
    "decitabine",
    "azacitidine/decitabine",
    "liposomal vincristine",
    "low-dose navitoclax + chemo",
    "VXL/cytarabine regimens",
    "CALGB 10403",
    "blinatumomab",
    "inotuzumab ozogamicin",
    "dasatinib",
    "olverembatinib and dexamethasone",
    "nelarabine and pegylated asparaginase",
    "various chemo regimens",
)
PHASE = ("phase I", "phase II", "phase 1/2", "phase Ib", "case series", "prospective")
PERCENT_METRICS = ("CR", "CR/CRi", "CR/CRp", "ORR", "MRD-neg", "PFS", "OS")
MONTH_METRICS = ("OS", "PFS", "EFS")
CONTEXT = ("untreated", "R/R", "frontline", "at 2 years", "in MRD-positive patients")
PHASE1_GOAL = (
    "Efficacy and safety of the combination in ALL",
    "Feasibility, safety, tolerability and maximum tolerated dose of venetoclax",
    "Safety and efficacy and maximum tolerated dose of venetoclax",
    "A phase 1/2 dose escalation/dose expansion study",
    "This phase Ib trial studies the effects of venetoclax",
    "Efficacy and safety of the chemotherapy-free regimen in Ph+ ALL",
)
REGIMEN_LINK = ("plus", "combined with", "and", "in addition to", "sequenced with")
NOTES = (
    "Synthetic row for the benchmark; not from the review.",
    "Also listed in Table 3 (phase II).",
    "The Population cell has an unclosed parenthesis, as some printed rows do.",
)


def split_rows(total: int, weights: list[int]) -> list[int]:
    """Share ``total`` rows across tables in proportion to ``weights`` (largest remainder)."""
    whole = sum(weights)
    exact = [total * weight / whole for weight in weights]
    counts = [int(value) for value in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: exact[i] - counts[i], reverse=True)
    for index in by_remainder[: total - sum(counts)]:
        counts[index] += 1
    return counts


def _population(rng: random.Random, *, reference: bool) -> str:
    text = f"{rng.choice(WHO)} {rng.choice(DISEASE)}"
    if rng.random() < 0.6:
        text += f" (n = {rng.randint(5, 120)})"
    if reference:
        text += f" [{rng.randint(1, 400)}]"
    return text


def _intervention(rng: random.Random) -> str:
    partners = " + ".join(rng.sample(PARTNER, rng.choice((1, 1, 2))))
    return f"Venetoclax + {partners} ({rng.choice(PHASE)})"


def _outcome(rng: random.Random) -> str:
    clauses = []
    for _ in range(rng.choice((1, 2, 2, 3))):
        if rng.random() < 0.7:
            value = rng.choice((rng.randint(10, 100), round(rng.uniform(10, 100), 1)))
            clause = f"{rng.choice(PERCENT_METRICS)} {value}%"
        else:
            clause = f"{rng.choice(MONTH_METRICS)} {round(rng.uniform(2, 36), 1)} months"
        if rng.random() < 0.25:
            clause += f" ({rng.choice(CONTEXT)})"
        clauses.append(clause)
    return ", ".join(clauses)


def _regimen(rng: random.Random) -> str:
    first, second = rng.sample(PARTNER, 2)
    return f"Venetoclax {rng.choice(REGIMEN_LINK)} {first} {rng.choice(REGIMEN_LINK)} {second}"


def _nct_ids(rng: random.Random, count: int, used: set[str]) -> list[str]:
    """``count`` NCT IDs not in ``used``; adds them to it."""
    found: list[str] = []
    while len(found) < count:
        nct = f"NCT{rng.randint(100_000, 7_999_999):08d}"
        if nct not in used:
            used.add(nct)
            found.append(nct)
    return found


def _cells(table_id: str, rng: random.Random, nct: str | None) -> list[str]:
    if table_id == "published":
        return [_population(rng, reference=True), _intervention(rng), _outcome(rng)]
    population = _population(rng, reference=False)
    if table_id == "phase1":
        return [nct, population, _regimen(rng), rng.choice(PHASE1_GOAL)]
    return [nct, population, _regimen(rng)]


def make_dataset(rows: int = 10_000, seed: int = 7, shipped: Path = SHIPPED) -> dict:
    """A dataset dict with ``rows`` rows in all, built on the shipped file's metadata."""
    if rows < 0:
        raise ValueError("rows must be zero or more")
    base = json.loads(shipped.read_text(encoding="utf-8"))
    rng = random.Random(seed)
    tables = base["tables"]
    counts = split_rows(rows, [len(table["rows"]) or 1 for table in tables])
    used: set[str] = set()
    earlier_trials: list[str] = []
    for table, count in zip(tables, counts, strict=True):
        ids: list[str | None] = [None] * count
        if table.get("nct_column"):
            shared = rng.sample(earlier_trials, min(len(earlier_trials), count // 10))
            ids = shared + _nct_ids(rng, count - len(shared), used)
            rng.shuffle(ids)
            earlier_trials = [nct for nct in ids if nct]
        new_rows = []
        for nct in ids:
            cells = _cells(table["id"], rng, nct)
            row: dict = {"cells": dict(zip(table["columns"], cells, strict=True))}
            if rng.random() < 0.05:
                row["note"] = rng.choice(NOTES)
            new_rows.append(row)
        table["rows"] = new_rows
    return base


def csv_rows(dataset: dict) -> list[list[str]]:
    """Every row of every table as one sheet, for VisiData: a "Table" column, then every
    heading of every table in first-appearance order (blank where a table lacks it)."""
    headings: dict[str, None] = {}
    for table in dataset["tables"]:
        headings.update(dict.fromkeys(table["columns"]))
    rows = [["Table", *headings]]
    for table in dataset["tables"]:
        for row in table["rows"]:
            rows.append([table["label"], *(row["cells"].get(h, "") for h in headings)])
    return rows


def write_csv(dataset: dict, path: Path) -> None:
    """The same rows as ``csv_rows``, written as UTF-8 CSV."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(csv_rows(dataset))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000, help="rows in all (default 10000)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    parser.add_argument("--out", type=Path, help="the JSON file to write")
    parser.add_argument("--csv", type=Path, help="also write the same rows as one CSV sheet")
    parser.add_argument(
        "--from-json", type=Path, help="convert this dataset to --csv instead of generating"
    )
    args = parser.parse_args(argv)
    if args.rows < 0:
        parser.error("--rows must be zero or more")
    if not (args.out or (args.from_json and args.csv)):
        parser.error("give --out (and optionally --csv), or --from-json with --csv")
    if args.from_json:
        dataset = json.loads(args.from_json.read_text(encoding="utf-8"))
    else:
        dataset = make_dataset(args.rows, args.seed)
        args.out.write_text(json.dumps(dataset, ensure_ascii=False, indent=1) + "\n", "utf-8")
    if args.csv:
        write_csv(dataset, args.csv)
    rows = sum(len(table["rows"]) for table in dataset["tables"])
    print(f"{args.out or args.csv}: {rows} rows", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
