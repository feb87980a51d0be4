"""The ``ven-tui`` command line: the TUI by default, plus export, ids, validate and schema."""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from tui import __version__
from tui.domain import DataError, Evidence, QueryError, load_evidence, parse_query
from tui.domain.export import FORMATS, render
from tui.domain.models import TABLE_IDS
from tui.domain.sanitize import safe_line
from tui.launch import TerminalUnsuitable
from tui.resources import default_data_path

PROG = "ven-tui"


class UsageError(Exception):
    """A user mistake that earns one line on stderr and exit code 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Browse the clinical evidence on venetoclax in acute lymphoblastic leukemia.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument("--data", type=Path, metavar="FILE", help="browse another dataset file")
    parser.add_argument(
        "--pick",
        action="store_true",
        help="on quitting, print the marked (or highlighted) NCT IDs to stdout",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    export = commands.add_parser("export", help="write one table to stdout")
    export.add_argument("--table", required=True, choices=TABLE_IDS)
    export.add_argument("--format", required=True, choices=FORMATS)
    _add_filter_and_data(export)

    ids = commands.add_parser("ids", help="print unique NCT IDs, one per line")
    ids.add_argument("--table", choices=TABLE_IDS, help="only this table (default: all)")
    _add_filter_and_data(ids)

    validate = commands.add_parser("validate", help="check a dataset file")
    validate.add_argument("file", type=Path)

    commands.add_parser("schema", help="print the dataset JSON Schema")

    matrix = commands.add_parser("matrix", help="outcomes matrix of the published studies")
    matrix.add_argument("--format", default="md", choices=("csv", "md", "json"))
    matrix.add_argument("--data", type=Path, metavar="FILE", help="use another dataset file")
    return parser


def _add_filter_and_data(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--filter", default="", metavar="QUERY", help="a query (see README)")
    parser.add_argument("--data", type=Path, metavar="FILE", help="use another dataset file")


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _dispatch(args)
    except (DataError, UsageError, TerminalUnsuitable) as error:
        print(_error_text(error), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    except Exception as error:  # a bug: still one line, never a traceback, unless debugging
        if os.environ.get("VEN_TUI_DEBUG"):
            raise
        print(
            f"{PROG}: internal error: {type(error).__name__}: {safe_line(str(error))[:300]} "
            "(please report it; set VEN_TUI_DEBUG=1 to see the traceback)",
            file=sys.stderr,
        )
        return 1


def _error_text(error: Exception) -> str:
    lines = str(error).splitlines() or [""]
    return "\n".join(f"{PROG}: error: {safe_line(line)}" for line in lines)


def _dispatch(args: argparse.Namespace) -> int:
    if args.command is not None:
        gc.enable()  # paused for the browser's start-up only (see tui.entry)
    if args.command == "schema":
        from tui.domain.schema import Dataset  # pydantic, imported only for this

        print(json.dumps(Dataset.model_json_schema(), indent=2))
        return 0
    if args.command == "validate":
        load_evidence(args.file)
        print(f"{safe_line(str(args.file))}: valid")
        return 0
    evidence = load_evidence(args.data or default_data_path())
    if args.command == "export":
        return _export(evidence, args)
    if args.command == "ids":
        return _ids(evidence, args)
    if args.command == "matrix":
        from tui.domain.outcomes import published_matrix, render_matrix

        sys.stdout.write(render_matrix(args.format, published_matrix(evidence)))
        return 0
    from tui.launch import run_app

    return run_app(evidence, pick=args.pick)


def _query(evidence: Evidence, text: str):
    try:
        return parse_query(text, evidence.all_columns())
    except QueryError as error:
        raise UsageError(f"--filter {text!r}: {error}") from None


def _table_ids(evidence: Evidence, wanted: str | None) -> list[str]:
    if wanted is None:
        return evidence.table_ids
    if wanted not in evidence.table_ids:
        raise UsageError(f"the dataset has no table {wanted!r} (it has {evidence.table_ids})")
    return [wanted]


def _export(evidence: Evidence, args: argparse.Namespace) -> int:
    query = _query(evidence, args.filter)
    (table_id,) = _table_ids(evidence, args.table)
    records = query.filter(evidence.records[table_id])
    sys.stdout.write(render(args.format, evidence.table(table_id).columns, records))
    return 0


def _ids(evidence: Evidence, args: argparse.Namespace) -> int:
    query = _query(evidence, args.filter)
    seen: dict[str, None] = {}
    for table_id in _table_ids(evidence, args.table):
        for record in query.filter(evidence.records[table_id]):
            if record.nct_id:
                seen.setdefault(record.nct_id)
    sys.stdout.write("".join(f"{nct_id}\n" for nct_id in seen))
    return 0
