"""The outcomes matrix: one row per published study, one column per outcome family.

What a tumour board wants on one page: each cell holds the printed figure, the study's n,
and the derived interval or the reason it is withheld (``tui.domain.stats.assess_rate``).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from tui.domain.agents import regimen_column
from tui.domain.evidence import Evidence
from tui.domain.export import format_metric
from tui.domain.metrics import Metric
from tui.domain.records import Record
from tui.domain.sanitize import safe_line
from tui.domain.stats import (
    NOT_A_RATE,
    NOT_A_RATE_COUNT,
    NOT_A_RATE_TIME,
    WITHHELD_NO_N,
    WITHHELD_SUBGROUP,
    WITHHELD_TIME_TO_EVENT,
    assess_rate,
    interval_note,
)

FAMILIES: tuple[str, ...] = ("CR-type", "ORR", "MRD-negative", "OS", "PFS", "Other")
FORMATS: tuple[str, ...] = ("csv", "md", "json")
NOTE = (
    "Figures as printed in Table 1 of the review. Counts and exact 95% CIs (Clopper-Pearson) "
    "are ven-tui's own, not the review's: they assume the denominator is n, and are given "
    "only for a proportion of the whole n that the printed figure fits; every other figure "
    "says why it has none."
)

# The one-phrase form of each reason, for a grid cell; the full sentence is in the legend.
_SHORT = {
    WITHHELD_NO_N: "no CI: n not stated",
    WITHHELD_TIME_TO_EVENT: "no CI: time-to-event",
    WITHHELD_SUBGROUP: "no CI: among responders",
    NOT_A_RATE_TIME: "no CI: a duration",
    NOT_A_RATE_COUNT: "no CI: a count",
    NOT_A_RATE: "no CI: not a rate",
}


SHORT_INTERVAL_KEY = (
    "k/n · low-high%: the count the printed figure implies of the study's n, and its exact "
    "95% CI (ven-tui's own, assuming the denominator is n)"
)
_GENERIC = {
    "no CI: a subgroup": (
        "No interval: the figure describes a subgroup (named in its parentheses), not the whole n."
    ),
    "no CI: no k of n fits": (
        "No interval: no whole count of the study's n gives the printed figure."
    ),
}


def reason_legend(reason: str) -> tuple[str, str]:
    """A withheld reason as (short phrase, the sentence it stands for in any cell)."""
    short = short_reason(reason)
    return short, _GENERIC.get(short, reason)


def short_reason(reason: str) -> str:
    """``no CI: subgroup (R/R)`` for a withheld reason's full sentence."""
    if reason in _SHORT:
        return _SHORT[reason]
    if reason.startswith("No interval: the figure describes a subgroup"):
        return "no CI: a subgroup"
    if reason.startswith("No interval: no whole count"):
        return "no CI: no k of n fits"
    return "no CI"


_CR = re.compile(r"cr[iphc]?(?:/cr[iph]?)*")


def family_of(metric: Metric) -> str:
    """The matrix column of a metric, by its name as printed."""
    name = metric.name.casefold().strip()
    if _CR.fullmatch(name):
        return "CR-type"
    if name in ("orr", "overall response"):
        return "ORR"
    if name.startswith("mrd"):
        return "MRD-negative"
    if name == "os" or name.startswith("os "):
        return "OS"
    if name == "pfs" or name.startswith("pfs "):
        return "PFS"
    return "Other"


@dataclass(frozen=True, slots=True)
class OutcomeCell:
    """One metric as the matrix shows it: printed figure, n, interval or why there is none."""

    figure: str
    n: int | None
    count: int | None = None
    ci95: tuple[float, float] | None = None
    interval_withheld: str | None = None

    def text(self) -> str:
        """``CR 60% · n=5 · 3/5, 95% CI 14.7-94.7%`` or the figure with its reason."""
        parts = [self.figure, f"n={self.n}" if self.n is not None else "n not stated"]
        if self.interval is not None:
            parts.append(self.interval)
        elif self.interval_withheld:
            parts.append(self.interval_withheld)
        return safe_line(" · ".join(parts))

    @property
    def interval(self) -> str | None:
        """``3/5, 95% CI 14.7-94.7%`` where the cell has a defensible interval."""
        if self.ci95 is None:
            return None
        return f"{self.count}/{self.n}, 95% CI {self.ci95[0]:g}-{self.ci95[1]:g}%"

    @property
    def short(self) -> str:
        """``3/5 · 14.7-94.7%``, or the reason it has none in one phrase (a grid cell)."""
        if self.ci95 is not None:
            return f"{self.count}/{self.n} · {self.ci95[0]:g}-{self.ci95[1]:g}%"
        return short_reason(self.interval_withheld) if self.interval_withheld else ""


@dataclass(frozen=True, slots=True)
class OutcomeRow:
    """One published study and its metrics, by family (a family may hold several)."""

    study: str
    regimen: str
    n: int | None
    cells: dict[str, tuple[OutcomeCell, ...]]

    def cell_text(self, family: str) -> str:
        return "; ".join(cell.text() for cell in self.cells.get(family, ()))


def outcome_cell(metric: Metric, n: int | None) -> OutcomeCell:
    """The cell of one metric; only a defensible rate carries a count and interval.

    Every other cell says why it has none, a figure in months or a count of patients too.
    """
    judgement = assess_rate(metric, n)
    figure = format_metric(metric)
    if judgement is not None and judgement.estimate is not None:
        estimate = judgement.estimate
        return OutcomeCell(figure, n, estimate.count, estimate.ci95_percent)
    return OutcomeCell(figure, n, interval_withheld=interval_note(metric, n))


def outcome_rows(
    records: Sequence[Record], regimen_column: str = "Intervention"
) -> list[OutcomeRow]:
    """One row per record (the published studies), in source order; ``column`` the regimen."""
    rows = []
    for record in records:
        cells: dict[str, list[OutcomeCell]] = {}
        for metric in record.metrics:
            cells.setdefault(family_of(metric), []).append(outcome_cell(metric, record.n))
        study = (
            f"[{record.reference}]" if record.reference is not None else f"row {record.index + 1}"
        )
        regimen = safe_line(record.cells.get(regimen_column, ""))
        frozen = {family: tuple(found) for family, found in cells.items()}
        rows.append(OutcomeRow(study, regimen, record.n, frozen))
    return rows


def published_matrix(
    evidence: Evidence, records: Sequence[Record] | None = None, table_id: str = "published"
) -> list[OutcomeRow]:
    """The matrix of the published studies (Table 1 of the review): all of them, or the
    ``records`` of that table a filter kept."""
    rows = evidence.records[table_id] if records is None else records
    return outcome_rows(rows, regimen_column(evidence.table(table_id)))


HEADER: tuple[str, ...] = ("Study", "Regimen", "n", *FAMILIES)


def _table(rows: Sequence[OutcomeRow]) -> list[list[str]]:
    return [
        [row.study, row.regimen, "" if row.n is None else str(row.n)]
        + [row.cell_text(family) for family in FAMILIES]
        for row in rows
    ]


def to_csv(rows: Sequence[OutcomeRow]) -> str:
    """The matrix as CSV; cells a spreadsheet would read as formulas are quoted with '."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    for values in _table(rows):
        writer.writerow(["'" + v if v.startswith(("=", "+", "-", "@")) else v for v in values])
    return buffer.getvalue()


def to_markdown(rows: Sequence[OutcomeRow]) -> str:
    """The matrix as a Markdown table, with the derived-values note under it."""

    def cell(value: str) -> str:
        return value.replace("\\", "\\\\").replace("|", "\\|")

    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(cell(v) for v in values) + " |" for values in _table(rows)]
    return "\n".join([*lines, "", NOTE]) + "\n"


def to_json(rows: Sequence[OutcomeRow]) -> str:
    """The matrix as JSON: per study, per family, a list of cells with their derived keys."""

    def cell(c: OutcomeCell) -> dict[str, object]:
        entry: dict[str, object] = {"figure": c.figure, "n": c.n}
        if c.ci95 is not None:
            entry["count"], entry["ci95"] = c.count, list(c.ci95)
        elif c.interval_withheld:
            entry["interval_withheld"] = c.interval_withheld
        return entry

    data = {
        "note": NOTE,
        "families": list(FAMILIES),
        "studies": [
            {
                "study": row.study,
                "regimen": row.regimen,
                "n": row.n,
                "outcomes": {f: [cell(c) for c in row.cells.get(f, ())] for f in FAMILIES},
            }
            for row in rows
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=True) + "\n"


def render_matrix(fmt: str, rows: Sequence[OutcomeRow]) -> str:
    """The matrix in one of ``FORMATS``."""
    renderers = {"csv": to_csv, "md": to_markdown, "json": to_json}
    if fmt not in renderers:
        raise ValueError(f"unknown matrix format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return renderers[fmt](rows)
