"""The outcomes matrix laid out as a grid of a given width: plain text runs, no Rich.

One row per study, one column per outcome family. Column widths are fixed by the width
(study and n as wide as their longest value; the regimen and the six families share the
rest), every cell is wrapped to its column, and a study's row is as tall as its tallest
cell. Laying the grid out here, line by line, keeps it linear: 10,000 rows lay out in a
fraction of a second, where a general table renderer measures every cell again.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from tui.domain.chart_model import SHARED_PREFIX, truncate_cells
from tui.domain.outcomes import FAMILIES, OutcomeRow, reason_legend
from tui.domain.sanitize import safe_line
from tui.domain.table_columns import cell_len

GAP = 2
"""Spaces between two columns."""
STUDY_MAX, N_MAX = 8, 7
REGIMEN_SHARE, FAMILY_SHARE = 2, 2
TITLE, MUTED, PLAIN = "title", "muted", ""
"""The kinds of run; the widget gives each a style."""

Run = tuple[str, str]
"""A piece of one line: its text and its kind."""


@dataclass(frozen=True, slots=True)
class Grid:
    """The grid's lines, and the reasons its cells shorten, spelt out for a legend."""

    lines: tuple[tuple[Run, ...], ...]
    reasons: dict[str, str]
    """Short phrase shown in a cell -> the sentence it stands for."""
    prefix_dropped: bool
    """Whether the regimens lost the leading "Venetoclax +" they share."""


def column_widths(rows: Sequence[OutcomeRow], width: int) -> list[int]:
    """Study, regimen, n, then one width per family; their sum plus the gaps is ``width``."""
    study = min(max([len("Study"), *(cell_len(row.study) for row in rows)]), STUDY_MAX)
    n = min(max([1, *(len(str(row.n)) for row in rows if row.n is not None)]), N_MAX)
    columns = 3 + len(FAMILIES)
    room = max(width - study - n - GAP * (columns - 1), columns * 4)
    unit = room // (REGIMEN_SHARE + FAMILY_SHARE * len(FAMILIES))
    families = [unit * FAMILY_SHARE] * len(FAMILIES)
    regimen = room - sum(families)
    return [study, regimen, n, *families]


def _wrap(text: str, width: int, kind: str) -> list[Run]:
    """``text`` wrapped to ``width`` cells, each line one run of ``kind``."""
    lines = textwrap.wrap(text, max(width, 1), break_on_hyphens=False) or [""]
    return [(truncate_cells(line, width), kind) for line in lines]


def _cell(row: OutcomeRow, family: str, width: int, reasons: dict[str, str]) -> list[Run]:
    """A family's figures in one study: each figure, then its interval or short reason."""
    runs: list[Run] = []
    for found in row.cells.get(family, ()):
        runs += _wrap(safe_line(found.figure), width, TITLE)
        if found.short:
            runs += _wrap(safe_line(found.short), width, PLAIN if found.ci95 else MUTED)
        if found.interval_withheld:
            short, sentence = reason_legend(found.interval_withheld)
            reasons.setdefault(short, safe_line(sentence))
    return runs


def _line(cells: Sequence[list[Run]], widths: Sequence[int], index: int) -> tuple[Run, ...]:
    """Line ``index`` of a grid row: each cell's run there, padded to its column."""
    runs: list[Run] = []
    for column, (cell, width) in enumerate(zip(cells, widths, strict=True)):
        text, kind = cell[index] if index < len(cell) else ("", PLAIN)
        pad = width - cell_len(text) + (GAP if column < len(widths) - 1 else 0)
        if column == 2:  # n is right-aligned
            runs += [(" " * (width - cell_len(text)), PLAIN), (text, kind), (" " * GAP, PLAIN)]
        else:
            runs += [(text, kind), (" " * pad, PLAIN)]
    while runs and not runs[-1][0].strip():
        runs.pop()
    return tuple(runs)


def layout_grid(rows: Sequence[OutcomeRow], width: int) -> Grid:
    """The header, a rule, then each study's lines, a blank line between studies."""
    widths = column_widths(rows, width)
    total = sum(widths) + GAP * (len(widths) - 1)
    names = ("Study", "Regimen", "n", *FAMILIES)
    heading = [_wrap(name, width, TITLE) for name, width in zip(names, widths, strict=True)]
    lines = [_line(heading, widths, index) for index in range(max(map(len, heading)))]
    lines.append((("\u2500" * total, MUTED),))
    reasons: dict[str, str] = {}
    dropped = False
    for number, row in enumerate(rows):
        regimen = SHARED_PREFIX.sub("", row.regimen, count=1)
        dropped = dropped or regimen != row.regimen
        cells = [
            _wrap(safe_line(row.study), widths[0], TITLE),
            _wrap(safe_line(regimen), widths[1], PLAIN),
            [("" if row.n is None else str(row.n), PLAIN)],
            *(
                _cell(row, family, width, reasons)
                for family, width in zip(FAMILIES, widths[3:], strict=True)
            ),
        ]
        if number:
            lines.append(())
        lines += [_line(cells, widths, index) for index in range(max(map(len, cells)))]
    return Grid(tuple(lines), reasons, dropped)
