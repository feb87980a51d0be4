"""Kept for imports written before the columns moved into the domain (no Textual there)."""

from __future__ import annotations

from tui.domain.table_columns import (
    MAX_COLUMN_WIDTH,
    MIN_COLUMN_WIDTH,
    Column,
    columns_for,
    fit_widths,
    natural_widths,
    sort_key,
    sort_records,
)

__all__ = [
    "MAX_COLUMN_WIDTH",
    "MIN_COLUMN_WIDTH",
    "Column",
    "columns_for",
    "fit_widths",
    "natural_widths",
    "sort_key",
    "sort_records",
]
