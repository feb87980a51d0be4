"""The domain: the review's data and everything derived from it. Imports no Textual.

The names below are imported on first use (PEP 562), so that a module of the domain, the
loader say, can be imported alone: the browser forks its loading child from ``tui.entry``
before the rest of the program is imported (``tui.forked_load``).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # what __getattr__ gives, for the type checker
    from tui.domain.evidence import Evidence as Evidence
    from tui.domain.evidence import build_evidence as build_evidence
    from tui.domain.evidence import load_evidence as load_evidence
    from tui.domain.loader import DataError as DataError
    from tui.domain.loader import Problem as Problem
    from tui.domain.loader import load_dataset as load_dataset
    from tui.domain.metrics import Metric as Metric
    from tui.domain.models import Dataset as Dataset
    from tui.domain.models import SourceRow as SourceRow
    from tui.domain.models import SourceTable as SourceTable
    from tui.domain.models import TableId as TableId
    from tui.domain.query import Query as Query
    from tui.domain.query import QueryError as QueryError
    from tui.domain.query import parse_query as parse_query
    from tui.domain.records import Abbreviation as Abbreviation
    from tui.domain.records import Record as Record

_WHERE = {
    "Abbreviation": "records",
    "DataError": "loader",
    "Dataset": "models",
    "Evidence": "evidence",
    "Metric": "metrics",
    "Problem": "loader",
    "Query": "query",
    "QueryError": "query",
    "Record": "records",
    "SourceRow": "models",
    "SourceTable": "models",
    "TableId": "models",
    "build_evidence": "evidence",
    "load_dataset": "loader",
    "load_evidence": "evidence",
    "parse_query": "query",
}

__all__ = [
    "Abbreviation",
    "DataError",
    "Dataset",
    "Evidence",
    "Metric",
    "Problem",
    "Query",
    "QueryError",
    "Record",
    "SourceRow",
    "SourceTable",
    "TableId",
    "build_evidence",
    "load_dataset",
    "load_evidence",
    "parse_query",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"tui.domain.{module}"), name)
    globals()[name] = value  # found here directly from now on
    return value
