"""Print mutmut's results per module: killed, survived, not tested, and the share killed.

``make mutation`` runs it after ``mutmut run``. It reads the ``*.meta`` files mutmut writes
beside each mutated module under ``mutants/``. A mutant no test reaches counts as survived:
nothing would notice that change. ``--fail-under N`` exits 1 if a module kills less than N%.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

KILLED = {1, 3}  # a failing test (3: pytest's internal error, as mutmut counts it)
TIMEOUT = {36, -24, 24, 152, 255}  # the mutant made a test hang: caught too
NO_TESTS = {5, 33}
SKIPPED = {34, None}  # skipped, or not checked yet


def summarise(mutants: Path) -> dict[str, dict[str, int]]:
    """Module name -> counts, from every ``*.py.meta`` under ``mutants``."""
    table: dict[str, dict[str, int]] = {}
    for meta in sorted(mutants.rglob("*.py.meta")):
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"].values()
        module = ".".join(meta.relative_to(mutants).with_suffix("").with_suffix("").parts)
        counts = {"killed": 0, "survived": 0, "no tests": 0, "skipped": 0}
        for code in codes:
            if code in KILLED or code in TIMEOUT:
                counts["killed"] += 1
            elif code in NO_TESTS:
                counts["no tests"] += 1
            elif code in SKIPPED:
                counts["skipped"] += 1
            else:
                counts["survived"] += 1
        table[module] = counts
    return table


def share_killed(counts: dict[str, int]) -> float:
    tested = counts["killed"] + counts["survived"] + counts["no tests"]
    return 100.0 * counts["killed"] / tested if tested else 100.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mutants", type=Path, default=Path("mutants"))
    parser.add_argument("--fail-under", type=float, default=None, metavar="PERCENT")
    args = parser.parse_args(argv)
    table = summarise(args.mutants)
    if not table:
        print(f"no mutmut results under {args.mutants}/: run `make mutation`", file=sys.stderr)
        return 2
    headings = ("mutants", "killed", "survived", "no tests", "killed %")
    print(f"{'module':<28} " + " ".join(f"{heading:>8}" for heading in headings))
    low = []
    for module, counts in table.items():
        share = share_killed(counts)
        total = counts["killed"] + counts["survived"] + counts["no tests"]
        print(
            f"{module:<28} {total:>8} {counts['killed']:>8} {counts['survived']:>8} "
            f"{counts['no tests']:>8} {share:>7.1f}%"
        )
        if args.fail_under is not None and share < args.fail_under:
            low.append(f"{module} {share:.1f}%")
    if low:
        print(f"below {args.fail_under:g}% killed: {', '.join(low)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
