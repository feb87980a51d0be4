"""Read a dataset file and report every problem with its file, JSON path and cause.

Nothing here writes: the file is opened read-only, and a file that cannot be used raises
``DataError`` whose problems each say which file, where in it (a JSON path such as
``$.tables[1].rows[3].cells["Study number"]``) and what is wrong. Messages are made safe
for a terminal (``safe_line``), since file names, keys and values come from the user.
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Any

from tui.domain.cell_store import stored_dataset
from tui.domain.models import TABLE_IDS, Dataset, SourceTable, build, conforms
from tui.domain.quick_read import quick_decode
from tui.domain.sanitize import safe_line

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_REPORTED_PROBLEMS = 20
MAX_INTEGER_DIGITS = 4000
NCT_PATTERN = re.compile(r"NCT[0-9]{8}")
_SHORT = 60


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a dataset file."""

    file: str
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.path}" if self.path else self.file
        return safe_line(f"{where}: {self.message}")


class DataError(Exception):
    """A dataset file that cannot be used; ``problems`` says where and why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(summarise(problems))


def summarise(problems: list[Problem], limit: int | None = None) -> str:
    """One line per problem, the first ``limit`` only, so a bad 10,000-row file cannot flood."""
    limit = MAX_REPORTED_PROBLEMS if limit is None else limit
    lines = [str(problem) for problem in problems[:limit]]
    hidden = len(problems) - limit
    if hidden > 0:
        files = sorted({problem.file for problem in problems[limit:]})
        lines.append(
            safe_line(
                f"{', '.join(files)}: ... and {hidden:,} more problem{'s' * (hidden != 1)} "
                "(fix these, then run `ven-tui validate` again)"
            )
        )
    return "\n".join(lines)


def json_path(location: tuple[str | int, ...]) -> str:
    """Render a location tuple as ``$.tables[1].rows[3].cells["Study number"]``."""
    parts = ["$"]
    for part in location:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        elif len(part) > _SHORT:  # a 10,000-character key must not flood the message
            parts.append(f'[{json.dumps(part[: _SHORT - 1], ensure_ascii=False)[:-1]}…"]')
        elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", part):
            parts.append(f".{part}")
        else:
            parts.append(f"[{json.dumps(part, ensure_ascii=False)}]")
    return "".join(parts)


def load_dataset(path: Path | str, early: Callable[[Dataset], object] | None = None) -> Dataset:
    """Load and validate a dataset file; raise ``DataError`` listing every problem.

    ``early``, if given, is handed the stored dataset of a file the quick read decoded,
    before the file is proven and checked, so that work on it can start meanwhile
    (``tui.forked_load``). What it makes may be used only if this returns that same object.
    """
    path = Path(path)
    name = str(path)
    data = _read_bytes(path, name)
    decoded = quick_decode(data)
    stored = decoded.stored() if decoded is not None else None
    if stored is not None and early is not None:
        early(stored)
    if decoded is not None and decoded.proven(data, MAX_INTEGER_DIGITS):
        del data
        if stored is not None:  # the rows were never made: check the cells decoded
            _raise_problems(_consistency_problems(stored, name, decoded.row_cells()))
            return stored
        dataset = decoded.dataset
    else:
        text = _as_text(data, name)
        del data  # 25 MB at 100,000 rows, not needed beside the text
        dataset = _careful_read(text, name)
    del decoded
    _raise_problems(_consistency_problems(dataset, name))
    # Each table's cells in one buffer: the parsed rows, a dictionary and a string per
    # cell, are let go before anything else is made. Every row has been checked to have
    # its table's headings, in order.
    return stored_dataset(dataset, checked=True)


def _raise_problems(found: Iterator[Problem]) -> None:
    problems = list(found)
    if problems:
        raise DataError(problems)


def _careful_read(text: str, name: str) -> Dataset:
    """Parse with hooks that note every JSON problem, then check the schema: the path
    for any file the quick read cannot vouch for, and the one that names what is wrong."""
    raw, suspicious = _parse_json(text, name)
    problems = list(_json_problems(raw, name)) if suspicious else []
    if problems:
        raise DataError(problems)
    if not isinstance(raw, dict):
        raise DataError(
            [
                Problem(
                    name,
                    "$",
                    'the top level must be a JSON object with "citation", "figure" and '
                    f'"tables", got {_kind(raw)}',
                )
            ]
        )
    return build(raw) if conforms(raw) else _validated(raw, name)


def _validated(raw: dict[str, Any], name: str) -> Dataset:
    """Validate with the pydantic schema, which names every problem; imported only here."""
    from pydantic import ValidationError

    from tui.domain.schema import Dataset as Schema

    try:
        model = Schema.model_validate(raw, strict=True)
    except ValidationError as error:
        raise DataError(
            [
                Problem(name, json_path(tuple(item["loc"])), _describe(item))
                for item in error.errors(include_url=False)
            ]
        ) from None
    return build(model.model_dump())


_NOT_REGULAR = "not a regular file (a pipe, device or socket?): give a dataset file"


def _fail(name: str, message: str) -> DataError:
    """A problem with the file as a whole (no JSON path): unreadable, not UTF-8, empty."""
    return DataError([Problem(name, "", message)])


def _read_bytes(path: Path, name: str) -> bytes:
    """The file's bytes, read once, read-only, never more than the size limit, and no NULs."""
    limit = MAX_FILE_BYTES
    try:
        # A FIFO or device would block or stream forever: refuse anything but a regular
        # file, checked before opening and again on the open descriptor (O_NONBLOCK, so a
        # FIFO swapped in between cannot block the open).
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(mode):
            raise _fail(name, _NOT_REGULAR)
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            handle = open(descriptor, "rb")
        except BaseException:
            os.close(descriptor)
            raise
        with handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise _fail(name, _NOT_REGULAR)
            os.set_blocking(handle.fileno(), True)
            size = os.fstat(handle.fileno()).st_size
            if size > limit:
                raise _fail(
                    name,
                    f"file is {size:,} bytes; a dataset may be at most {limit:,}: "
                    "is this the right file?",
                )
            # One byte more than the file's size tells a file that grew while being read;
            # asking for the limit would allocate 64 MB for any file, however small.
            data = handle.read(size + 1)
            if len(data) > size:
                data += handle.read(limit + 1 - len(data))
    except FileNotFoundError:
        raise _fail(name, "no such file") from None
    except IsADirectoryError:
        raise _fail(name, "is a directory, not a dataset file") from None
    except PermissionError:
        raise _fail(name, "permission denied: cannot read the file") from None
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise _fail(name, f"cannot read the file: {reason}") from None
    if len(data) > limit:
        raise _fail(
            name,
            f"file is larger than {limit:,} bytes, the limit for a dataset: "
            "is this the right file?",
        )
    if b"\x00" in data:
        raise _fail(
            name,
            f"contains NUL bytes (first at byte {data.index(0)}): a binary file, "
            "not a JSON dataset (datasets are UTF-8 JSON)",
        )
    return data


def _as_text(data: bytes, name: str) -> str:
    """The file's bytes as text, refused with a reason when not UTF-8 or empty."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        bad = data[error.start]
        raise _fail(
            name,
            f"not UTF-8 text (byte 0x{bad:02X} at offset {error.start}): "
            "is this a binary file? Save datasets as UTF-8 JSON",
        ) from None
    if not text or text.isspace():  # strip() would copy the whole text
        raise _fail(name, "the file is empty; expected a JSON dataset (see `ven-tui schema`)")
    return text


class _JsonObject(dict[str, Any]):
    """A JSON object that remembers the keys it saw more than once."""

    duplicates: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Unusable:
    """A JSON value Python would read but a dataset must not hold (NaN, 1e999, huge ints)."""

    description: str


class _Hooks:
    """The parser's hooks for one file; ``flagged`` once anything needs the full check."""

    def __init__(self) -> None:
        self.flagged = False

    def object(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs)
        if len(result) == len(pairs):
            return result
        self.flagged = True
        marked = _JsonObject(pairs)
        seen: set[str] = set()
        repeated = []
        for key, _ in pairs:
            if key in seen:
                repeated.append(key)
            seen.add(key)
        marked.duplicates = tuple(repeated)
        return marked

    def constant(self, literal: str) -> _Unusable:
        self.flagged = True
        return _Unusable(f"{literal} is not a JSON number (JSON has no NaN or Infinity)")

    def float(self, literal: str) -> float | _Unusable:
        value = float(literal)
        if math.isfinite(value):
            return value
        self.flagged = True
        return _Unusable(f"the number {_short(literal)} is too large")

    def int(self, literal: str) -> int | _Unusable:
        if len(literal.lstrip("-")) > MAX_INTEGER_DIGITS:
            self.flagged = True
            return _Unusable(f"a number with {len(literal):,} digits is too large")
        return int(literal)


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
"""JSON text can only carry a surrogate as an escape (UTF-8 cannot encode one)."""


def _parse_json(text: str, name: str) -> tuple[Any, bool]:
    """The parsed value, and whether it may hold what ``_json_problems`` reports.

    The hooks note duplicate keys and unusable numbers as they parse, and surrogates can
    only come from escapes in the text, so a clean file skips the walk over every value.
    """
    hooks = _Hooks()
    try:
        raw = json.loads(
            text,
            object_pairs_hook=hooks.object,
            parse_constant=hooks.constant,
            parse_float=hooks.float,
            parse_int=hooks.int,
        )
        return raw, hooks.flagged or _SURROGATE_ESCAPE.search(text) is not None
    except json.JSONDecodeError as error:
        message = f"not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
    except RecursionError:
        message = (
            "not usable as a dataset: the JSON is nested too deeply to read "
            "(a dataset needs 6 levels at most)"
        )
    except ValueError as error:
        message = f"not usable as a dataset: {error}"
    raise DataError([Problem(name, "", message)])


def _json_problems(raw: Any, name: str) -> Iterator[Problem]:
    """Duplicate keys, NaN/Infinity, oversized numbers and unpaired surrogates, by path.

    Walks iteratively so that JSON nested just under the parser's limit cannot overflow.
    """
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(raw, ())]
    while stack:
        value, where = stack.pop()
        if isinstance(value, _Unusable):
            yield Problem(name, json_path(where), value.description)
        elif isinstance(value, str):
            if _has_surrogate(value):
                yield Problem(name, json_path(where), _SURROGATE_MESSAGE)
        elif isinstance(value, dict):
            for key in getattr(value, "duplicates", ()):
                yield Problem(
                    name,
                    json_path((*where, key)),
                    "duplicate key: an object must not repeat a key "
                    "(the value that would win is ambiguous)",
                )
            for key in value:
                if _has_surrogate(key):
                    yield Problem(name, json_path(where), f"a key {_SURROGATE_MESSAGE}")
            stack.extend((item, (*where, key)) for key, item in reversed(value.items()))
        elif isinstance(value, list):
            items = list(enumerate(value))
            stack.extend((item, (*where, index)) for index, item in reversed(items))


_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_MESSAGE = (
    "contains an unpaired surrogate escape (\\ud800-\\udfff), which is not a character"
)


def _has_surrogate(text: str) -> bool:
    return _SURROGATE.search(text) is not None


def _kind(value: Any) -> str:
    """The JSON name of a value's type, for messages: 'a string', 'an array', 'null'."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"the number {_short(repr(value))}"
    if isinstance(value, str):
        return f"the string {_short(json.dumps(value, ensure_ascii=False))}"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _short(text: str, limit: int = _SHORT) -> str:
    """``text`` cut to ``limit`` characters, so a 10,000-character cell cannot flood a message."""
    return text if len(text) <= limit else f"{text[: limit - 1]}…"


_EXPECTED = {
    "string_type": "a string",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "dict_type": "an object",
    "model_type": "an object",
    "list_type": "an array",
}


def _describe(item: Mapping[str, Any]) -> str:
    kind = item.get("type", "")
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown field (see `ven-tui schema` for the fields a dataset may have)"
    if kind == "literal_error" and item["loc"][-1:] == ("id",):
        choices = ", ".join(repr(table_id) for table_id in TABLE_IDS)
        value = item.get("input")
        shown = _short(json.dumps(value, ensure_ascii=False)) if isinstance(value, str) else None
        return f"unknown table id {shown or _kind(value)}; expected one of {choices}"
    if kind == "literal_error":
        return f"{item['msg']}, got {_kind(item.get('input'))}"
    if kind in _EXPECTED:
        return f"expected {_EXPECTED[kind]}, got {_kind(item.get('input'))}"
    if kind == "too_short":
        return "must not be empty"
    return str(item["msg"])


def _consistency_problems(
    dataset: Dataset, name: str, row_cells: Sequence[Sequence[Mapping[str, str]]] | None = None
) -> Iterator[Problem]:
    """What the schema cannot express: headings, NCT IDs and table ids that must agree.

    ``row_cells``: each table's rows' cells, when they are not the dataset's rows (the
    quick read checks what it decoded, and never makes the rows).
    """
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
        cells = row_cells[t_index] if row_cells is not None else None
        yield from _table_problems(table, where, name, cells=cells)


def _table_problems(
    table: SourceTable,
    where: tuple[str | int, ...],
    name: str,
    shortcut: bool = True,
    cells: Sequence[Mapping[str, str]] | None = None,
) -> Iterator[Problem]:
    """The table's problems; ``shortcut=False`` reads every row even when the whole-table
    check passes (the tests compare the two). ``cells``: the rows' cells, if not its rows'."""
    if cells is None:
        cells = list(map(_CELLS, table.rows))
    if len(set(table.columns)) != len(table.columns):
        yield Problem(name, json_path((*where, "columns")), "column headings must be unique")
    for field in ("nct_column", "outcome_column"):
        heading = getattr(table, field)
        if heading is not None and heading not in table.columns:
            yield Problem(
                name,
                json_path((*where, field)),
                f"{_short(repr(heading))} is not one of the table's columns "
                f"{_short(repr(table.columns), 200)}",
            )
    if shortcut and _rows_clean(table, cells):
        return
    first_row_with: dict[str, int] = {}
    # The row's JSON path is made only for a row with a problem, and names are looked up once.
    columns, nct_column, is_nct = table.columns, table.nct_column, NCT_PATTERN.fullmatch
    for r_index, row_cells in enumerate(cells):
        if list(row_cells) != columns:
            yield Problem(
                name,
                json_path((*where, "rows", r_index, "cells")),
                f"cells must have exactly the table's columns in order "
                f"{_short(repr(columns), 200)}, got {_short(repr(list(row_cells)), 200)}",
            )
            continue
        if nct_column is None or nct_column not in row_cells:
            continue
        nct = row_cells[nct_column]
        if not is_nct(nct):
            yield Problem(
                name,
                json_path((*where, "rows", r_index, "cells", nct_column)),
                f"{_short(repr(nct))} is not an NCT ID ('NCT' followed by 8 digits)",
            )
        elif nct in first_row_with:
            yield Problem(
                name,
                json_path((*where, "rows", r_index, "cells", nct_column)),
                f"duplicate NCT ID {nct} (already in rows[{first_row_with[nct]}])",
            )
        else:
            first_row_with[nct] = r_index


_CELLS = attrgetter("cells")


def _rows_clean(table: SourceTable, cells: Sequence[Mapping[str, str]]) -> bool:
    """Whether every row (``cells``: each one's) has the table's headings in order and a
    distinct, valid NCT ID.

    Asked of every row of a 100,000-row file before the first frame, so it is asked of
    them all at once, in C; only a table that fails is read row by row, to say where.
    """
    columns, nct_column = table.columns, table.nct_column
    if list(map(list, cells)).count(columns) != len(cells):
        return False
    if nct_column is None or nct_column not in columns or not cells:
        return True
    ids = list(map(itemgetter(nct_column), cells))
    return len(set(ids)) == len(ids) and _all_nct_ids(ids)


_NCT_LINES = re.compile(f"(?:{NCT_PATTERN.pattern}\n)*{NCT_PATTERN.pattern}")
_NCT_LENGTH = len("NCT01234567")


def _all_nct_ids(ids: list[str]) -> bool:
    """``all(map(NCT_PATTERN.fullmatch, ids))`` in one match over them all, joined by
    newlines: ``len(ids)`` valid IDs so joined are an ID and a newline each but the last,
    and any other text of that length that matches holds a newline inside an ID."""
    if not ids:
        return True
    joined = "\n".join(ids)
    length = (_NCT_LENGTH + 1) * len(ids) - 1
    return len(joined) == length and _NCT_LINES.fullmatch(joined) is not None
