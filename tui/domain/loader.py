"""Read a dataset file and report every problem with its file, JSON path and cause."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from tui.domain.models import Dataset, SourceTable

MAX_FILE_BYTES = 64 * 1024 * 1024
NCT_PATTERN = re.compile(r"NCT\d{8}")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a dataset file."""

    file: str
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.path}" if self.path else self.file
        return f"{where}: {self.message}"


class DataError(Exception):
    """A dataset file that cannot be used; ``problems`` says where and why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


def json_path(location: tuple[str | int, ...]) -> str:
    """Render a location tuple as ``$.tables[1].rows[3].cells["Study number"]``."""
    parts = ["$"]
    for part in location:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", part):
            parts.append(f".{part}")
        else:
            parts.append(f"[{json.dumps(part, ensure_ascii=False)}]")
    return "".join(parts)


def load_dataset(path: Path | str) -> Dataset:
    """Load and validate a dataset file; raise ``DataError`` listing every problem."""
    path = Path(path)
    name = str(path)
    text = _read_text(path, name)
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        raise DataError(
            [
                Problem(
                    name,
                    "",
                    f"not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})",
                )
            ]
        ) from None
    try:
        dataset = Dataset.model_validate(raw)
    except ValidationError as error:
        raise DataError(
            [
                Problem(name, json_path(tuple(item["loc"])), _describe(item))
                for item in error.errors(include_url=False)
            ]
        ) from None
    problems = list(_consistency_problems(dataset, name))
    if problems:
        raise DataError(problems)
    return dataset


def _read_text(path: Path, name: str) -> str:
    def fail(message: str) -> DataError:
        return DataError([Problem(name, "", message)])

    try:
        if not path.exists():
            raise fail("no such file")
        if path.is_dir():
            raise fail("is a directory, not a dataset file")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise fail(f"file is {size:,} bytes; datasets are limited to {MAX_FILE_BYTES:,}")
        data = path.read_bytes()
    except PermissionError:
        raise fail("permission denied: cannot read the file") from None
    except OSError as error:
        raise fail(f"cannot read the file: {error.strerror or error}") from None
    if not data.strip():
        raise fail("the file is empty; expected a JSON dataset (see `ven-tui schema`)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise fail(f"not UTF-8 text (byte {error.start}): is this a binary file?") from None


def _describe(item: dict) -> str:
    kind = item.get("type", "")
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown field (see `ven-tui schema` for the fields a dataset may have)"
    if kind == "literal_error":
        return f"{item['msg']}, got {item.get('input')!r}"
    return str(item["msg"])


def _consistency_problems(dataset: Dataset, name: str):
    """What the schema cannot express: headings, NCT IDs and table ids that must agree."""
    seen_ids: dict[str, int] = {}
    for t_index, table in enumerate(dataset.tables):
        where = ("tables", t_index)
        if table.id in seen_ids:
            yield Problem(
                name,
                json_path((*where, "id")),
                f"table id {table.id!r} already used by tables[{seen_ids[table.id]}]",
            )
        seen_ids.setdefault(table.id, t_index)
        yield from _table_problems(table, where, name)


def _table_problems(table: SourceTable, where: tuple, name: str):
    if len(set(table.columns)) != len(table.columns):
        yield Problem(name, json_path((*where, "columns")), "column headings must be unique")
    for field in ("nct_column", "outcome_column"):
        heading = getattr(table, field)
        if heading is not None and heading not in table.columns:
            yield Problem(
                name,
                json_path((*where, field)),
                f"{heading!r} is not one of the table's columns {table.columns}",
            )
    first_row_with: dict[str, int] = {}
    for r_index, row in enumerate(table.rows):
        row_where = (*where, "rows", r_index, "cells")
        if list(row.cells) != table.columns:
            yield Problem(
                name,
                json_path(row_where),
                f"cells must have exactly the table's columns in order "
                f"{table.columns}, got {list(row.cells)}",
            )
            continue
        if table.nct_column is None:
            continue
        nct = row.cells[table.nct_column]
        cell_path = json_path((*row_where, table.nct_column))
        if not NCT_PATTERN.fullmatch(nct):
            yield Problem(name, cell_path, f"{nct!r} is not an NCT ID ('NCT' followed by 8 digits)")
        elif nct in first_row_with:
            yield Problem(
                name, cell_path, f"duplicate NCT ID {nct} (already in rows[{first_row_with[nct]}])"
            )
        else:
            first_row_with[nct] = r_index
