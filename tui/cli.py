"""The ``ven-tui`` command line: the TUI by default, plus export, ids, validate and schema."""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from tui import __version__
from tui.domain import DataError, Evidence, build_evidence, load_evidence
from tui.domain.export_formats import FORMATS, REGISTRY_TABLE
from tui.domain.models import TABLE_IDS
from tui.domain.query_reference import QUERY_EXAMPLES, QUERY_REFERENCE
from tui.domain.sanitize import safe_line, safe_text
from tui.launch import TerminalUnsuitable
from tui.output import OutputError, write_atomically, write_stdout
from tui.resources import default_data_path

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

    from tui.domain.query import Query
    from tui.domain.registry import RegistryCache
    from tui.forked_load import ForkedLoad

PROG = "ven-tui"
HELP_TOPICS = {"query": QUERY_REFERENCE}
REGISTRY_DESCRIPTION = """\
Fetch today's registry record of every trial in the dataset from the ClinicalTrials.gov API v2,
and search it for venetoclax in acute lymphoblastic leukemia (trials the review lacks). Only
the NCT IDs and those search terms are sent. The answers go to one cache file, written
atomically; a sync that meets any problem says so, one line each, exits 1 and keeps the
previous cache. Browsing and export never touch the network: they read the cache.
"""


class UsageError(Exception):
    """A user mistake that earns one line on stderr and exit code 2."""


class _Parser(argparse.ArgumentParser):
    """argparse whose every word is sanitised and whose errors are one line, exit 2.

    Arguments come from the shell, and a glob can pick up a file name holding escape
    sequences: argparse would echo it raw in "unrecognized arguments".
    """

    def error(self, message: str) -> NoReturn:
        print(f"{PROG}: error: {safe_line(message)} (see {self.prog} --help)", file=sys.stderr)
        raise SystemExit(2)

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        if message:
            stream = file if file is not None else sys.stderr
            stream.write(safe_text(message, keep_newlines=True))


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="Browse the clinical evidence on venetoclax in acute lymphoblastic leukemia.",
        epilog="`ven-tui help query` explains the query language of --filter.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument("--data", type=Path, metavar="FILE", help="browse another dataset file")
    parser.add_argument(
        "--pick",
        action="store_true",
        help="on quitting, print the marked (or highlighted) NCT IDs to stdout",
    )
    parser.add_argument(
        "--registry-url",
        metavar="URL",
        help="the registry API root the browser's sync key (R) uses "
        "(default: $VEN_TUI_REGISTRY_URL, else https://clinicaltrials.gov/api/v2)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    export = _command(
        commands, "export", "write the rows (every table, or one) as CSV, JSON or Markdown"
    )
    export.add_argument(
        "--table",
        choices=(*TABLE_IDS, REGISTRY_TABLE),
        help="only this table (default: every table, and the registry's trials the review lacks)",
    )
    export.add_argument(
        "--format",
        choices=FORMATS,
        help="csv, json or md (default: from the extension of -o, else csv)",
    )
    export.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write to FILE (atomically), not stdout"
    )
    export.add_argument("--force", action="store_true", help="let -o replace an existing file")
    _add_filter_and_data(export)

    ids = _command(commands, "ids", "print unique NCT IDs, one per line")
    ids.add_argument(
        "--table",
        choices=(*TABLE_IDS, REGISTRY_TABLE),
        help="only this table (default: all); registry: trials the registry has, the review not",
    )
    _add_filter_and_data(ids)

    validate = commands.add_parser("validate", help="check a dataset file")
    validate.add_argument("file", type=Path)

    commands.add_parser("schema", help="print the dataset JSON Schema")

    registry = commands.add_parser(
        "registry",
        help="today's status from ClinicalTrials.gov: `registry sync` fetches, `status` shows",
        description=REGISTRY_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    registry.add_argument("action", choices=("sync", "status"))
    registry.add_argument(
        "--registry-url",
        metavar="URL",
        default=argparse.SUPPRESS,
        help="the API root (default: $VEN_TUI_REGISTRY_URL, else https://clinicaltrials.gov/api/v2)",
    )
    _add_data(registry, "sync this dataset's trials")

    topic = commands.add_parser("help", help="explain a topic: `ven-tui help query`")
    topic.add_argument("topic", choices=sorted(HELP_TOPICS))

    matrix = commands.add_parser("matrix", help="outcomes matrix of the published studies")
    matrix.add_argument("--format", default="md", choices=FORMATS)
    _add_data(matrix)
    return parser


def _command(
    commands: Any,  # argparse's subparsers action (a private class)
    name: str,
    summary: str,
) -> argparse.ArgumentParser:
    """A subcommand whose help ends with the query language's examples."""
    parser: argparse.ArgumentParser = commands.add_parser(
        name,
        help=summary,
        description=summary[0].upper() + summary[1:] + ".",
        epilog=QUERY_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    return parser


def _add_filter_and_data(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--filter",
        default="",
        metavar="QUERY",
        help="keep the rows the query matches (below; `ven-tui help query` for all of it)",
    )
    _add_data(parser)


def _add_data(parser: argparse.ArgumentParser, text: str = "use another dataset file") -> None:
    """A subcommand's ``--data``; SUPPRESS, so the top-level ``--data`` (``ven-tui --data F
    ids``) is not reset to None when the subcommand is not given its own."""
    parser.add_argument("--data", type=Path, metavar="FILE", default=argparse.SUPPRESS, help=text)


def join_filter_values(argv: Sequence[str]) -> list[str]:
    """``--filter -pediatric`` as ``--filter=-pediatric``: an exclusion is a value, not a flag.

    argparse takes any word starting with '-' for an option, so the query language's own
    ``-term`` could only be given as ``--filter=-term``.
    """
    joined: list[str] = []
    words = list(argv)
    index = 0
    while index < len(words):
        word = words[index]
        if word == "--":
            joined.extend(words[index:])
            break
        if word == "--filter" and index + 1 < len(words) and words[index + 1].startswith("-"):
            joined.append(f"--filter={words[index + 1]}")
            index += 2
            continue
        joined.append(word)
        index += 1
    return joined


def main(argv: Sequence[str] | None = None, early_load: ForkedLoad | None = None) -> int:
    """Run one command; ``early_load``: the browser's loading child, if ``tui.entry``
    started one (it is used only if the browser is asked for that very file)."""
    words = sys.argv[1:] if argv is None else argv
    args = build_parser().parse_args(join_filter_values(words))
    try:
        return _dispatch(args, early_load)
    except (DataError, UsageError, TerminalUnsuitable, OutputError) as error:
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


def _dispatch(args: argparse.Namespace, early_load: ForkedLoad | None = None) -> int:
    if args.command is not None:
        gc.enable()  # paused for the browser's start-up only (see tui.entry)
    if args.command == "help":
        write_stdout(HELP_TOPICS[args.topic])
        return 0
    if args.command == "schema":
        from tui.domain.schema import Dataset  # pydantic, imported only for this

        write_stdout(json.dumps(Dataset.model_json_schema(), indent=2) + "\n")
        return 0
    if args.command == "validate":
        load_evidence(_data_path(args.file))
        write_stdout(f"{safe_line(str(args.file))}: valid\n")
        return 0
    data = getattr(args, "data", None)
    path = _data_path(data) if data is not None else default_data_path()
    if args.command is None:  # the browser: a large file is read beside Textual's import
        from tui.forked_load import load_provisionally
        from tui.launch import import_browser, run_app

        loaded = load_provisionally(path, import_browser, build_evidence, started=early_load)
        return run_app(loaded, pick=args.pick, registry_url=args.registry_url)
    evidence = load_evidence(path)
    if args.command == "registry":
        from tui.registry_cli import run_registry

        return run_registry(evidence, args.action, args.registry_url)
    if args.command == "export":
        return _export(evidence, args)
    if args.command == "ids":
        return _ids(evidence, args)
    if args.command == "matrix":
        from tui.domain.outcomes import published_matrix, render_matrix

        if "published" not in evidence.table_ids:
            raise UsageError(
                "matrix: this dataset has no published studies table (id 'published'); "
                "the outcomes matrix is made from it"
            )

        write_stdout(render_matrix(args.format, published_matrix(evidence)))
        return 0
    raise UsageError(f"unknown command {args.command!r}")


def _registry_cache() -> RegistryCache | None:
    """The registry cache, read from disk (never the network), or None when there is none."""
    from tui.domain.registry import read_cache

    return read_cache()


def _query(evidence: Evidence, text: str, cache: RegistryCache | None = None) -> Query:
    if text and cache is None:
        cache = _registry_cache()
    from tui.domain.query import QueryError, parse_query

    registry = cache.records if cache is not None else None
    try:
        query = parse_query(text, evidence.all_columns(), registry)
    except QueryError as error:
        raise UsageError(f"--filter {text!r}: {error}") from None
    if cache is None and query.registry_terms():
        from tui.domain.registry import missing_cache

        print(
            f"{PROG}: warning: {missing_cache()}; status:, country: and age:N match nothing "
            "without it",
            file=sys.stderr,
        )
    return query


def _table_ids(evidence: Evidence, wanted: str | None) -> list[str]:
    if wanted is None:
        return evidence.table_ids
    if wanted not in evidence.table_ids:
        raise UsageError(f"the dataset has no table {wanted!r} (it has {evidence.table_ids})")
    return [wanted]


def _data_path(path: Path) -> Path:
    """The dataset path given, refused when empty (``--data ""`` would read the directory)."""
    if not str(path).strip() or str(path) == ".":
        raise UsageError("the dataset file name is empty: give the path of a JSON dataset")
    return path


def export_format(fmt: str | None, output: Path | None) -> str:
    """The format asked for, else the one the output file's extension names, else csv."""
    if fmt is not None:
        return fmt
    if output is not None:
        suffix = output.suffix.lower().lstrip(".")
        if suffix in FORMATS:
            return suffix
        if suffix == "markdown":
            return "md"
    return "csv"


def _export(evidence: Evidence, args: argparse.Namespace) -> int:
    """The rows as CSV, JSON or Markdown; with a registry cache, its columns too (offline)."""
    from tui.domain.export import (
        registry_rows,
        registry_table_layout,
        render,
        table_layout,
        tables_layout,
    )

    if args.table == REGISTRY_TABLE:
        registry, query = _registry_table_query(evidence, args.filter)
        records = registry_rows(registry, evidence, query)
        fmt = export_format(args.format, args.output)
        text = render(fmt, registry_table_layout(registry), records)
        return _write_export(text, args)
    cache = _registry_cache()
    query = _query(evidence, args.filter, cache)
    table_ids = _table_ids(evidence, args.table)
    tables = [evidence.table(table_id) for table_id in table_ids]
    records = [r for table_id in table_ids for r in query.filter(evidence.records[table_id])]
    extra = []
    if args.table is None and cache is not None and _only_registry_terms(query):
        extra = registry_rows(cache, evidence, query)
    if len(tables) == 1:
        layout = table_layout(tables[0], cache)
    else:
        layout = tables_layout(tables, cache, registry_only=bool(extra))
    text = render(export_format(args.format, args.output), layout, [*records, *extra])
    return _write_export(text, args)


def _registry_table_query(evidence: Evidence, text: str) -> tuple[RegistryCache, Query]:
    """The cache and the filter for ``--table registry``, which cannot do without a cache:
    an empty listing would read as "the registry found nothing the review lacks"."""
    cache = _registry_cache()
    if cache is None:
        raise UsageError(
            "--table registry: no registry cache yet; run `ven-tui registry sync` "
            "(it needs the network)"
        )
    query = _query(evidence, text, cache)
    _registry_terms_only(query, text)
    return cache, query


def _only_registry_terms(query: Query) -> bool:
    """Whether every term of ``query`` asks the registry (rows without review cells answer)."""
    return len(query.registry_terms()) == len(query.terms)


def _registry_terms_only(query: Query, text: str) -> None:
    if not _only_registry_terms(query):
        raise UsageError(
            f"--filter {text!r}: --table registry takes only status:, country: and age:N "
            "terms (those trials have no review cells)"
        )


def _write_export(text: str, args: argparse.Namespace) -> int:
    if args.output is None:
        write_stdout(text)
    else:
        write_atomically(args.output, text, force=args.force)
    return 0


def _ids(evidence: Evidence, args: argparse.Namespace) -> int:
    if args.table == REGISTRY_TABLE:
        cache, query = _registry_table_query(evidence, args.filter)
        from tui.domain.export import registry_rows

        rows = registry_rows(cache, evidence, query)
        write_stdout("".join(f"{row.nct_id}\n" for row in rows))
        return 0
    query = _query(evidence, args.filter)
    seen: dict[str, None] = {}
    for table_id in _table_ids(evidence, args.table):
        for record in query.filter(evidence.records[table_id]):
            if record.nct_id:
                seen.setdefault(record.nct_id)
    write_stdout("".join(f"{nct_id}\n" for nct_id in seen))
    return 0
