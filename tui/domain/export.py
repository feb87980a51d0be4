"""Render records as JSON, CSV or Markdown: verbatim source columns first, derived after."""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from tui.domain.metrics import Metric
from tui.domain.models import SourceTable
from tui.domain.records import Record
from tui.domain.sanitize import is_safe, safe_line, safe_text
from tui.domain.stats import assess_rate

FORMATS = ("json", "csv", "md")
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


def record_to_dict(record: Record) -> dict:
    """The JSON object of one record (the shape ``ven-tui export --format json`` documents)."""
    return {
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
    }


def metric_to_dict(metric: Metric, n: int | None) -> dict:
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
    judgement = assess_rate(metric, n)
    if judgement is not None and judgement.estimate is not None:
        entry["count"] = judgement.estimate.count
        entry["ci95"] = list(judgement.estimate.ci95_percent)
    elif judgement is not None:
        entry["interval_withheld"] = judgement.withheld
    return entry


def to_json(records: Sequence[Record]) -> str:
    """JSON text; json.dumps leaves DEL, C1 and bidi controls raw, so escape them too (lossless).

    A number too large for a float (a 400-digit value in a cell) is written as null:
    JSON has no Infinity, and ``Infinity`` would break every strict reader.
    """
    rows = [_finite(record_to_dict(r)) for r in records]
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

    @property
    def headings(self) -> list[str]:
        lead = [TABLE_COLUMN] if self.with_table else []
        return [*lead, *self.columns, *derived_columns(self.nct_in_cells)]

    def values(self, record: Record) -> list[str]:
        lead = [record.table_id] if self.with_table else []
        cells = [record.cells.get(column, "") for column in self.columns]
        return [*lead, *cells, *derived_values(record, self.nct_in_cells)]


def derived_metric_text(metric: Metric, n: int | None) -> str:
    """``CR 60% [3 of 5, 95% CI 14.7-94.7%]``, or the rate with the reason it has no interval."""
    text = format_metric(metric)
    judgement = assess_rate(metric, n)
    if judgement is None:
        return text
    if judgement.estimate is not None:
        low, high = judgement.estimate.ci95_percent
        return f"{text} [{judgement.estimate.count} of {n}, 95% CI {low:g}-{high:g}%]"
    return f"{text} [{judgement.withheld}]"


def format_metric(metric) -> str:
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
        return to_json(records)
    if fmt == "csv":
        return to_csv(layout, records)
    return to_markdown(layout, records)


def table_layout(table: SourceTable) -> Layout:
    """One table's export columns: its headings as printed, no repeated NCT ID."""
    return Layout(tuple(table.columns), nct_in_cells=table.nct_column is not None)


def tables_layout(tables: Sequence[SourceTable]) -> Layout:
    """Several tables in one export: a Table column, then every heading once, first seen first."""
    columns = tuple(dict.fromkeys(c for table in tables for c in table.columns))
    nct = any(table.nct_column is not None for table in tables)
    return Layout(columns, nct_in_cells=nct, with_table=True)
