"""Loading, matching and rendering a cell stay linear in its size, up to 100 KB (issue 17).

``test_linear_parsers.py`` holds the metric and abbreviation parsers to it on known hostile
shapes; here hypothesis generates the shapes, and the whole path a cell takes is measured:
the loader (validation, metrics, abbreviations, search text), the filter and its highlight,
and the text the table row and the detail pane draw. Each check compares a 10 KB cell with a
100 KB one of the same shape: about 10 times the work when linear, 100 when quadratic. The
filter and the drawing are capped per cell, so there the work must not grow at all: that is
checked by counting the characters they handle, and by a time ratio between a 20 KB and a
100 KB cell (both past the cap) well below the 5 of linear growth.
"""

from __future__ import annotations

import io
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from tui.domain import Evidence, load_evidence, parse_query
from tui.domain.evidence import MAX_SEARCHED_CHARS
from tui.resources import default_data_path
from tui.widgets.highlight import MAX_SHOWN_CHARS, block_text, cell_text

SMALL, LARGE = 10_000, 100_000
PAST_THE_CAP = 20_000
# Characters the parsers and the sanitiser treat specially, plus plain ones.
ALPHABET = " \t\n()[]%,.;:=<>+-/0123456789ABCRcrmonthsMRD\u200b\u3164\u0301急性\x1b"
SHAPES = st.text(alphabet=ALPHABET, min_size=1, max_size=12)
# The query a user types: a word, a phrase, an exclusion and a metric comparison.
QUERIES = ["cr", '"cr 7"', "-zz months", "cr>=10", "(AB) or os"]

SHIPPED = json.loads(default_data_path().read_text(encoding="utf-8"))
_FAST = settings(
    max_examples=6,
    deadline=None,
    derandomize=True,  # the same shapes on every run, so a slow one reproduces
    suppress_health_check=[HealthCheck.too_slow],
)


def _cell(shape: str, size: int) -> str:
    return (shape * (size // len(shape) + 1))[:size]


def _best_time(function: Callable[[], object], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        began = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - began)
    return max(best, 1e-6)


def _dataset_with(cell: str) -> dict:
    """The shipped citation and the first published row, its cells and the legend all ``cell``."""
    raw = json.loads(json.dumps(SHIPPED))
    published = next(table for table in raw["tables"] if table["id"] == "published")
    published["rows"] = published["rows"][:1]
    row = published["rows"][0]["cells"]
    for heading in ("Population", published.get("outcome_column") or "Primary outcome"):
        row[heading] = cell
    raw["tables"] = [published]
    raw["figure"]["legend"] = cell
    return raw


def _load(cell: str, folder: Path) -> tuple[Path, Evidence]:
    path = folder / f"cell-{len(cell)}.json"
    path.write_text(json.dumps(_dataset_with(cell)), encoding="utf-8")
    return path, load_evidence(path)


@_FAST
@given(SHAPES)
def test_loading_is_linear_in_cell_size(shape: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        small, _ = _load(_cell(shape, SMALL), Path(folder))
        large, _ = _load(_cell(shape, LARGE), Path(folder))
        ratio = _best_time(lambda: load_evidence(large)) / _best_time(lambda: load_evidence(small))
    assert ratio < 30, f"loading a {shape!r} cell: 10x the size took {ratio:.0f}x the time"


def _match_and_draw(evidence: Evidence, query_text: str) -> int:
    """Filter, then draw the row cells and the wrapped detail; the characters handled."""
    query = parse_query(query_text, evidence.all_columns())
    records = evidence.records["published"]
    query.filter(records)
    console = Console(file=io.StringIO(), width=60, legacy_windows=False)
    handled = 0
    for record in records:
        for value in record.cells.values():
            row = cell_text(value, query.highlights)
            detail = block_text(value, query.highlights)
            lines = detail.wrap(console, 60)
            handled += len(row.plain) + len(detail.plain) + sum(len(line) for line in lines)
    handled += sum(len(text) for text in records[0].column_search_text.values())
    return handled


@_FAST
@given(SHAPES, st.sampled_from(QUERIES))
def test_matching_and_drawing_do_not_grow_with_cell_size(shape: str, query: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        _, small = _load(_cell(shape, PAST_THE_CAP), Path(folder))
        _, large = _load(_cell(shape, LARGE), Path(folder))
    # Operation counts: what is scanned and drawn per cell is capped, whatever its size.
    cap = 3 * (MAX_SHOWN_CHARS + 200) * len(large.records["published"][0].cells)
    assert _match_and_draw(large, query) <= cap + 2 * (MAX_SEARCHED_CHARS + 2_000)
    for record in large.records["published"]:
        assert all(
            len(text) <= MAX_SEARCHED_CHARS + 2_000 for text in record.column_search_text.values()
        )
    # And a time ratio below the 5 of linear growth (25 if quadratic).
    ratio = _best_time(lambda: _match_and_draw(large, query)) / _best_time(
        lambda: _match_and_draw(small, query)
    )
    assert ratio < 2.5, f"{query!r} on a {shape!r} cell: 5x the size took {ratio:.1f}x the time"
