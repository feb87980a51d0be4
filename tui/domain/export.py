"""Render records as JSON, CSV or Markdown: verbatim source columns first, derived after."""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tui.domain.export_formats import REGISTRY_TABLE
from tui.domain.metrics import Metric
from tui.domain.models import SourceTable
from tui.domain.records import Record
from tui.domain.registry import RegistryCache, RegistryRecord, dataset_nct_ids
from tui.domain.sanitize import is_safe, safe_line, safe_text

if TYPE_CHECKING:
    from tui.domain.evidence import Evidence
    from tui.domain.query import Query

DERIVED_COLUMNS = (
    "Reference (derived)",
    "n (derived)",
    "NCT ID (derived)",
    "Abbreviations (derived)",
    "Metrics (derived)",
)
NCT_DERIVED = "NCT ID (derived)"
TABLE_COLUMN = "Table"
"""The leading column of an export that spans several tables: each row's table id."""


def derived_columns(nct_in_cells: bool) -> tuple[str, ...]:
    """The derived headings; without the NCT ID when a source column already holds it."""
    return tuple(c for c in DERIVED_COLUMNS if not (nct_in_cells and c == NCT_DERIVED))


def record_to_dict(record: Record, registry: RegistryCache | None = None) -> dict[str, Any]:
    """The JSON object of one record (the shape ``ven-tui export --format json`` documents).

    ``registry`` is the registry's record of the trial (ClinicalTrials.gov, as cached), null
    without a cache or when the cache does not know the trial. A trial only the registry
    lists (table ``registry``) also says where it came from, under ``provenance``.
    """
    entry: dict[str, Any] = {
        "table": record.table_id,
        "nct_id": record.nct_id,
        "reference": record.reference,
        "cells": dict(record.cells),
        "n": record.n,
        "abbreviations": [
            {"abbr": a.abbr, "expansion": a.expansion, "source": a.source}
            for a in record.abbreviations
        ],
        "metrics": [metric_to_dict(m, record.n) for m in record.metrics],
        "registry": registry_to_dict(registry, record.nct_id),
    }
    if record.table_id == REGISTRY_TABLE and registry is not None:
        entry["provenance"] = registry_provenance(registry)
    return entry


def metric_to_dict(metric: Metric, n: int | None) -> dict[str, Any]:
    """A metric entry; a defensible percentage gains ``count`` and ``ci95`` (derived).

    Any other percentage carries ``interval_withheld``, one sentence saying why; entries
    omit the keys that do not apply rather than carrying nulls.
    """
    entry = {
        "name": metric.name,
        "value": metric.value,
        "unit": metric.unit,
        "context": metric.context,
    }
    if metric.derived_from is not None:
        entry["derived_from"] = metric.derived_from
    from tui.domain.stats import assess_rate  # with the first rate, not the CLI's import

    judgement = assess_rate(metric, n)
    if judgement is not None and judgement.estimate is not None:
        entry["count"] = judgement.estimate.count
        entry["ci95"] = list(judgement.estimate.ci95_percent)
    elif judgement is not None:
        entry["interval_withheld"] = judgement.withheld
    return entry


def to_json(records: Sequence[Record], registry: RegistryCache | None = None) -> str:
    """JSON text; json.dumps leaves DEL, C1 and bidi controls raw, so escape them too (lossless).

    A number too large for a float (a 400-digit value in a cell) is written as null:
    JSON has no Infinity, and ``Infinity`` would break every strict reader.
    """
    rows = [_finite(record_to_dict(r, registry)) for r in records]
    text = json.dumps(rows, indent=2, ensure_ascii=False, allow_nan=False)
    return _NOT_ASCII_PRINTABLE.sub(_json_escape, text) + "\n"


def _finite(value: object) -> object:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(item) for item in value]
    return value


_NOT_ASCII_PRINTABLE = re.compile(r"[^\x00-\x7e]")


def _json_escape(match: re.Match[str]) -> str:
    char = match.group(0)
    if is_safe(char):
        return char
    code = ord(char)
    if code > 0xFFFF:  # a tag character: JSON spells it as a UTF-16 surrogate pair
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def derived_values(record: Record, nct_in_cells: bool = False) -> list[str]:
    """The derived columns of one record, as text, in ``derived_columns`` order."""
    values = {
        "Reference (derived)": "" if record.reference is None else str(record.reference),
        "n (derived)": "" if record.n is None else str(record.n),
        NCT_DERIVED: record.nct_id or "",
        "Abbreviations (derived)": "; ".join(
            f"{a.abbr}: {a.expansion}" for a in record.abbreviations
        ),
        "Metrics (derived)": "; ".join(derived_metric_text(m, record.n) for m in record.metrics),
    }
    return [values[column] for column in derived_columns(nct_in_cells)]


@dataclass(frozen=True)
class Layout:
    """The columns of a CSV or Markdown export: source headings, then the derived ones.

    ``with_table`` adds a leading "Table" column (an export of several tables, whose rows
    then carry the union of their headings, blank where a table lacks one).
    """

    columns: tuple[str, ...]
    nct_in_cells: bool = False
    with_table: bool = False
    registry: RegistryCache | None = None
    """With a cache, the registry-derived columns follow (headed with its as-of date)."""
    provenance: bool = False
    """A "Provenance (derived)" column: the export holds trials only the registry lists."""

    @property
    def headings(self) -> list[str]:
        lead = [TABLE_COLUMN] if self.with_table else []
        tail = [PROVENANCE_COLUMN] if self.provenance else []
        if self.registry is not None:
            tail += registry_headings(self.registry)
        return [*lead, *self.columns, *derived_columns(self.nct_in_cells), *tail]

    def values(self, record: Record) -> list[str]:
        lead = [record.table_id] if self.with_table else []
        cells = [record.cells.get(column, "") for column in self.columns]
        tail = []
        if self.provenance:
            registry_only = record.table_id == REGISTRY_TABLE and self.registry is not None
            tail.append(
                registry_provenance(self.registry)
                if registry_only and self.registry is not None
                else REVIEW_PROVENANCE
            )
        if self.registry is not None:
            tail += registry_values(self.registry, record.nct_id)
        return [*lead, *cells, *derived_values(record, self.nct_in_cells), *tail]


def derived_metric_text(metric: Metric, n: int | None) -> str:
    """``CR 60% [3 of 5, 95% CI 14.7-94.7%]``, or the rate with the reason it has no interval."""
    text = format_metric(metric)
    from tui.domain.stats import assess_rate

    judgement = assess_rate(metric, n)
    if judgement is None:
        return text
    if judgement.estimate is not None:
        low, high = judgement.estimate.ci95_percent
        return f"{text} [{judgement.estimate.count} of {n}, 95% CI {low:g}-{high:g}%]"
    return f"{text} [{judgement.withheld}]"


def format_metric(metric: Metric) -> str:
    """``CR 75% (frontline)``; values print without a needless ``.0``."""
    value = f"{metric.value:g}"
    amount = f"{value}%" if metric.unit == "%" else f"{value} {metric.unit}"
    text = f"{metric.name} {amount}" + (f" ({metric.context})" if metric.context else "")
    derived_from = getattr(metric, "derived_from", None)
    return text + (f' (derived from "{derived_from}")' if derived_from else "")


def to_csv(layout: Layout, records: Sequence[Record]) -> str:
    """CSV for spreadsheets; every value goes through ``_csv_cell`` (see there)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([_csv_cell(c) for c in layout.headings])
    for record in records:
        writer.writerow([_csv_cell(v) for v in layout.values(record)])
    return buffer.getvalue()


_FORMULA_START = ("=", "+", "-", "@")


def _csv_cell(text: str) -> str:
    """Controls made visible (newlines kept: CSV quotes them); a would-be formula made text.

    A cell starting with = + - or @ is run as a formula by spreadsheets (CSV injection),
    so it gets a leading apostrophe, the spreadsheet convention for "this is text".
    """
    text = safe_text(text.replace("\r\n", "\n"), keep_newlines=True)
    return f"'{text}" if len(text) > 1 and text.startswith(_FORMULA_START) else text


def to_markdown(layout: Layout, records: Sequence[Record]) -> str:
    headings = layout.headings
    lines = [_md_row(headings), "| " + " | ".join("---" for _ in headings) + " |"]
    for record in records:
        lines.append(_md_row(layout.values(record)))
    return "\n".join(lines) + "\n"


def _md_row(values: Sequence[str]) -> str:
    return "| " + " | ".join(_md_cell(v) for v in values) + " |"


_MD_ESCAPES = str.maketrans({"\\": "\\\\", "|": "\\|", "&": "&amp;", "<": "&lt;", ">": "&gt;"})


def _md_cell(text: str) -> str:
    """One table cell: on one line, controls made visible, nothing a renderer would run.

    Pipes would split the cell; ``<``, ``>`` and ``&`` as entities keep raw HTML
    (``<img onerror=...>``, an unclosed ``<!--``) and autolinks as text; ``](`` is
    escaped so no cell makes an inline link such as ``[x](javascript:...)`` (a table
    row cannot hold the definition a reference link needs).
    """
    return safe_line(text).translate(_MD_ESCAPES).replace("](", "]\\(")


def render(fmt: str, columns: Sequence[str] | Layout, records: Sequence[Record]) -> str:
    """Render ``records`` in ``fmt`` (one of ``FORMATS``); plain headings mean one table."""
    layout = columns if isinstance(columns, Layout) else Layout(tuple(columns))
    if fmt == "json":
        return to_json(records, layout.registry)
    if fmt == "csv":
        return to_csv(layout, records)
    return to_markdown(layout, records)


def table_layout(table: SourceTable, registry: RegistryCache | None = None) -> Layout:
    """One table's export columns: its headings as printed, no repeated NCT ID."""
    return Layout(tuple(table.columns), table.nct_column is not None, registry=registry)


def tables_layout(
    tables: Sequence[SourceTable],
    registry: RegistryCache | None = None,
    registry_only: bool = False,
) -> Layout:
    """Several tables in one export: a Table column, then every heading once, first seen first.

    ``registry_only``: rows of the trials only the registry lists follow, so each row says
    where it came from.
    """
    columns = tuple(dict.fromkeys(c for table in tables for c in table.columns))
    nct = any(table.nct_column is not None for table in tables)
    return Layout(columns, nct, True, registry, registry_only and registry is not None)


def registry_table_layout(registry: RegistryCache) -> Layout:
    """``export --table registry``: the registry's columns and each row's provenance."""
    return Layout((), registry=registry, provenance=True)


# -- the registry's columns (ClinicalTrials.gov, as cached; never the review's words) ------

PROVENANCE_COLUMN = "Provenance (derived)"
REVIEW_PROVENANCE = "the review (2025)"
REGISTRY_FIELDS = (
    ("status", "Registry status"),
    ("title", "Registry title"),
    ("last_update", "Registry last update"),
    ("enrollment", "Registry enrollment"),
    ("ages", "Registry eligible ages"),
    ("sex", "Registry eligible sex"),
    ("lead_sponsor", "Registry lead sponsor"),
    ("sites", "Registry sites"),
    ("countries", "Registry countries"),
    ("url", "Registry URL"),
)


def registry_provenance(registry: RegistryCache) -> str:
    """Where a trial the review lacks came from, in one line."""
    return (
        "not in the review: found by ven-tui's ClinicalTrials.gov search (intervention "
        f"venetoclax, condition acute lymphoblastic leukemia) as of {registry.as_of}"
    )


def registry_headings(registry: RegistryCache) -> list[str]:
    """``Registry status (derived from ClinicalTrials.gov, as of 2026-12-02)``..."""
    where = f"(derived from ClinicalTrials.gov, as of {registry.as_of})"
    return [f"{heading} {where}" for _name, heading in REGISTRY_FIELDS]


def registry_values(registry: RegistryCache, nct_id: str | None) -> list[str]:
    """The registry columns of one trial; blank when the cache does not know it."""
    entry = registry.records.get(nct_id) if nct_id else None
    if entry is None:
        return ["" for _ in REGISTRY_FIELDS]
    values = {
        "status": entry.status_text if entry.status else "",
        "title": entry.title,
        "last_update": entry.last_update,
        "enrollment": enrollment_text(entry),
        "ages": ages_text(entry),
        "sex": entry.sex,
        "lead_sponsor": entry.lead_sponsor,
        "sites": str(entry.sites),
        "countries": "; ".join(entry.countries),
        "url": entry.url,
    }
    return [values[name] for name, _heading in REGISTRY_FIELDS]


def enrollment_text(entry: RegistryRecord) -> str:
    """``40 (estimated)``; empty when the registry gives no count."""
    if entry.enrollment is None:
        return ""
    kind = entry.enrollment_type.casefold()
    return f"{entry.enrollment} ({kind})" if kind else str(entry.enrollment)


def ages_text(entry: RegistryRecord) -> str:
    """``18 Years to 75 Years``, ``18 Years and over``; empty when the registry gives none."""
    low, high = entry.minimum_age, entry.maximum_age
    if low and high:
        return f"{low} to {high}"
    if low:
        return f"{low} and over"
    return f"up to {high}" if high else ""


def registry_to_dict(registry: RegistryCache | None, nct_id: str | None) -> dict[str, Any] | None:
    """The ``registry`` object of a JSON row: the cached record, with when and whence."""
    entry = registry.records.get(nct_id) if registry is not None and nct_id else None
    if registry is None or entry is None:
        return None
    return {
        "source": "ClinicalTrials.gov",
        "as_of": registry.as_of,
        "status": entry.status or None,
        "title": entry.title,
        "last_update": entry.last_update or None,
        "enrollment": entry.enrollment,
        "enrollment_type": entry.enrollment_type or None,
        "minimum_age": entry.minimum_age or None,
        "maximum_age": entry.maximum_age or None,
        "sex": entry.sex or None,
        "lead_sponsor": entry.lead_sponsor or None,
        "sites": entry.sites,
        "countries": list(entry.countries),
        "url": entry.url,
        "source_url": entry.source_url,
        "fetched": entry.fetched,
    }


def registry_rows(
    registry: RegistryCache, evidence: Evidence, query: Query | None = None
) -> list[Record]:
    """The trials the review lacks that ``query`` keeps (with no review cells, only its
    ``status:``, ``country:`` and ``age:N`` terms can keep one)."""
    rows = registry_only_records(registry, dataset_nct_ids(evidence))
    return query.filter(rows) if query else rows


def registry_only_records(registry: RegistryCache, known: Sequence[str]) -> list[Record]:
    """The trials the discovery search found that the review lacks, as rows with no cells."""
    skip = set(known)
    ids = [nct for nct in registry.discovered if nct not in skip and nct in registry.records]
    return [
        Record(REGISTRY_TABLE, index, {}, None, nct, None, None, (), {}, (), "", {})
        for index, nct in enumerate(ids)
    ]
