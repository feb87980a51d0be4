"""What the Compare tab charts: metric families, one bar per study value, and who is left out.

A family answers one question in one unit, so survival in months and survival as a
percentage are two families and never share an axis. Plain data, no Textual or Rich: the
widget (``tui.widgets.compare_chart``) draws it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tui.domain.agents import regimen_text
from tui.domain.metrics import Metric
from tui.domain.models import SourceTable
from tui.domain.records import Record
from tui.domain.sanitize import safe_line
from tui.domain.stats import RateEstimate, assess_rate
from tui.domain.table_columns import cell_len

ELLIPSIS = "\u2026"

# The "Venetoclax +" (or plus/and/with) that starts the published regimens, dropped from
# labels when space is short; only at the start, never from the middle of a regimen.
SHARED_PREFIX = re.compile(r"^venetoclax\s*(?:\+|plus|and|with)\s*", re.IGNORECASE)


def _names(*names: str) -> Callable[[str], bool]:
    wanted = {name.casefold() for name in names}
    return lambda name: name.casefold() in wanted


# CR, CRi, CRp, CRh, CRc and slash-joined forms (CR/CRi); never CRS (cytokine release).
_CR = re.compile(r"cr[iphc]?(?:/cr[iph]?)*")


@dataclass(frozen=True)
class Family:
    """Metrics that answer one question in one unit, so their bars share an axis."""

    key: str
    title: str
    short: str
    unit: str
    concept: Callable[[str], bool]
    """Whether a metric name asks this family's question (in any unit)."""
    show_name: bool = False
    """Whether bars name their metric (the CR family mixes CR, CR/CRi and CR/CRp)."""

    def holds(self, metric: Metric) -> bool:
        return metric.unit == self.unit and self.concept(metric.name)


_NAMED: tuple[Family, ...] = (
    Family(
        "cr",
        "Complete remission (CR, CR/CRi, CR/CRp)",
        "CR",
        "%",
        lambda name: _CR.fullmatch(name.casefold()) is not None,
        show_name=True,
    ),
    Family("orr", "Overall response rate (ORR)", "ORR", "%", _names("orr", "overall response")),
    Family(
        "mrd",
        "MRD negativity (MRD-neg %)",
        "MRD negativity",
        "%",
        _names("mrd-neg", "mrd neg", "mrd negativity", "mrd-negative", "mrd negative"),
    ),
    Family(
        "bm-remission",
        "Bone marrow remission (BM remission %)",
        "BM remission",
        "%",
        _names("bm remission", "bone marrow remission"),
    ),
    Family("os-months", "Overall survival (months)", "OS in months", "months", _names("os")),
    Family("os-percent", "Overall survival (OS %)", "OS as %", "%", _names("os")),
    Family("pfs-percent", "Progression-free survival (PFS %)", "PFS as %", "%", _names("pfs")),
)
_NAMED_RATES = tuple(family for family in _NAMED if family.unit == "%")


def _other_rate(name: str) -> bool:
    """A rate no named family asks about (response, bridged to allo-HCT/CAR-T, ...)."""
    return not any(family.concept(name) for family in _NAMED_RATES)


OTHER_RATES = Family(
    "other-rates",
    "Other rates (%, each as named)",
    "other rate",
    "%",
    _other_rate,
    show_name=True,
)
FAMILIES: tuple[Family, ...] = (*_NAMED, OTHER_RATES)
"""Every parsed rate metric is in exactly one family: the named ones, else ``OTHER_RATES``."""


@dataclass(frozen=True)
class Bar:
    """One study's value of the chosen metric (a study may give it for two subgroups)."""

    record: Record
    metric: Metric
    label: Label
    estimate: RateEstimate | None
    """The count and interval, only where defensible (see ``tui.domain.stats.assess_rate``)."""
    withheld: str | None = None
    """Why a percentage bar has no interval (None for months, or when it has one)."""


@dataclass(frozen=True)
class ChartData:
    """What the chart shows for one family over some records."""

    family: Family
    bars: list[Bar]
    missing: list[Record]
    other_units: list[tuple[Record, Metric]]
    out_of_range: list[tuple[Record, Metric]]
    total: int


def study_ref(record: Record) -> str:
    """``[23]`` for a published study; the row number when the row cites no reference."""
    return f"[{record.reference}]" if record.reference is not None else f"row {record.index + 1}"


@dataclass(frozen=True)
class Label:
    """A bar's label in parts, so only the regimen is cut short when space runs out."""

    ref: str
    regimen: str
    qualifier: str

    @property
    def full(self) -> str:
        """``[23] Venetoclax + mini-hyper-CVD (phase 1/2) · CR/CRi``."""
        return self.fit(10_000)

    def fit(self, width: int, drop_prefix: bool = False) -> str:
        """The label in at most ``width`` cells, the regimen's tail giving way to an ellipsis.

        The reference and qualifier stay whole; ``drop_prefix`` first removes the leading
        "Venetoclax +" every published regimen shares.
        """
        tail = truncate_cells(f" · {self.qualifier}" if self.qualifier else "", max(width // 2, 1))
        room = width - cell_len(self.ref) - 1 - cell_len(tail)
        regimen = SHARED_PREFIX.sub("", self.regimen, count=1) if drop_prefix else self.regimen
        cut = truncate_cells(regimen, max(room, 1))
        return truncate_cells(f"{self.ref} {cut}{tail}".strip(), width)


def bar_label(source: SourceTable, record: Record, metric: Metric, family: Family) -> Label:
    """The parts of a bar's label, each on one safe line."""
    qualifiers = [metric.name] if family.show_name else []
    if metric.context:
        qualifiers.append(metric.context)
    if metric.derived_from:
        qualifiers.append("derived")
    return Label(
        study_ref(record),
        safe_line(regimen_text(source, record)).strip(),
        safe_line(", ".join(qualifiers)),
    )


def chart_data(
    source: SourceTable, records: Sequence[Record], family: Family, descending: bool = True
) -> ChartData:
    """The bars of ``family`` sorted by value (ties in source order), and every study left out."""
    bars: list[Bar] = []
    missing: list[Record] = []
    other_units: list[tuple[Record, Metric]] = []
    out_of_range: list[tuple[Record, Metric]] = []
    for record in records:
        held = [m for m in record.metrics if family.holds(m)]
        drawable = [m for m in held if _in_range(m.value, family)]
        out_of_range.extend((record, m) for m in held if m not in drawable)
        for metric in drawable:
            judgement = assess_rate(metric, record.n)
            estimate = judgement.estimate if judgement is not None else None
            withheld = judgement.withheld if judgement is not None else None
            label = bar_label(source, record, metric, family)
            bars.append(Bar(record, metric, label, estimate, withheld))
        if not held:
            other = [m for m in record.metrics if family.concept(m.name)]
            other_units.extend((record, m) for m in other)
            if not other:
                missing.append(record)
    bars.sort(key=lambda bar: bar.metric.value, reverse=descending)
    return ChartData(family, bars, missing, other_units, out_of_range, len(records))


def _in_range(value: float, family: Family) -> bool:
    if not math.isfinite(value) or value < 0:
        return False
    return value <= 100 if family.unit == "%" else True


def truncate_cells(text: str, width: int) -> str:
    """``text`` in at most ``width`` terminal cells, its cut end shown as an ellipsis."""
    if cell_len(text) <= width:
        return text
    if width <= 0:
        return ""
    kept, used = [], 0
    for char in text:
        used += cell_len(char)
        if used > width - 1:
            break
        kept.append(char)
    return "".join(kept) + ELLIPSIS


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 times a power of ten that is at least ``value``."""
    if not math.isfinite(value) or value <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value:
            return float(step * power)
    return 10 * power
