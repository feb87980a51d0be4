"""Render records as JSON, CSV or Markdown: verbatim source columns first, derived after."""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Sequence

from tui.domain.metrics import Metric
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
    return char if is_safe(char) else f"\\u{ord(char):04x}"


def derived_values(record: Record) -> list[str]:
    """The derived columns of one record, as text, in ``DERIVED_COLUMNS`` order."""
    return [
        "" if record.reference is None else str(record.reference),
        "" if record.n is None else str(record.n),
        record.nct_id or "",
        "; ".join(f"{a.abbr}: {a.expansion}" for a in record.abbreviations),
        "; ".join(derived_metric_text(m, record.n) for m in record.metrics),
    ]


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


def to_csv(columns: Sequence[str], records: Sequence[Record]) -> str:
    """CSV for spreadsheets; every value goes through ``_csv_cell`` (see there)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([_csv_cell(c) for c in [*columns, *DERIVED_COLUMNS]])
    for record in records:
        values = [*(record.cells[c] for c in columns), *derived_values(record)]
        writer.writerow([_csv_cell(v) for v in values])
    return buffer.getvalue()


_FORMULA_START = ("=", "+", "-", "@")


def _csv_cell(text: str) -> str:
    """Controls made visible (newlines kept: CSV quotes them); a would-be formula made text.

    A cell starting with = + - or @ is run as a formula by spreadsheets (CSV injection),
    so it gets a leading apostrophe, the spreadsheet convention for "this is text".
    """
    text = safe_text(text.replace("\r\n", "\n"), keep_newlines=True)
    return f"'{text}" if len(text) > 1 and text.startswith(_FORMULA_START) else text


def to_markdown(columns: Sequence[str], records: Sequence[Record]) -> str:
    headings = [*columns, *DERIVED_COLUMNS]
    lines = [_md_row(headings), "| " + " | ".join("---" for _ in headings) + " |"]
    for record in records:
        lines.append(_md_row([*(record.cells[c] for c in columns), *derived_values(record)]))
    return "\n".join(lines) + "\n"


def _md_row(values: Sequence[str]) -> str:
    return "| " + " | ".join(_md_cell(v) for v in values) + " |"


def _md_cell(text: str) -> str:
    """One table cell: on one line, controls made visible, backslashes and pipes escaped."""
    return safe_line(text).replace("\\", "\\\\").replace("|", "\\|")


def render(fmt: str, columns: Sequence[str], records: Sequence[Record]) -> str:
    """Render ``records`` of one table in ``fmt`` (one of ``FORMATS``)."""
    if fmt == "json":
        return to_json(records)
    if fmt == "csv":
        return to_csv(columns, records)
    return to_markdown(columns, records)
