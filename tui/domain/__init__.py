"""The domain: the review's data and everything derived from it. Imports no Textual."""

from __future__ import annotations

from tui.domain.evidence import Evidence, build_evidence, load_evidence
from tui.domain.loader import DataError, Problem, load_dataset
from tui.domain.metrics import Metric
from tui.domain.models import Dataset, SourceRow, SourceTable, TableId
from tui.domain.query import Query, QueryError, parse_query
from tui.domain.records import Abbreviation, Record

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
