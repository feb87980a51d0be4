"""One trial listed in two tables: both entries side by side, and where ``x`` goes.

The review lists some NCT IDs in both its phase I and phase II tables, with different
wording (population, outcome). A clinician should see the two entries together, verbatim,
and be able to jump from one to the other.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from rich.console import Console
from rich.style import Style
from rich.text import Text

from tui.domain import Record
from tui.domain.browser_state import jump_target as jump_target  # x: one definition
from tui.domain.sanitize import safe_line
from tui.widgets.highlight import block_text

SIDE_BY_SIDE_MIN = 56
"""Narrower text than this (in cells) stacks the two entries: columns under 27 cells wrap
every other word. The wide layout's detail pane (42% of 160 columns) is just above it."""
GUTTER = " │ "
NO_COLUMN = "(no such column)"

HEADER = Style(bold=True, underline=True)
LABEL = Style(bold=True)
MUTED = Style(italic=True)

_CONSOLE = Console(file=io.StringIO(), width=200, legacy_windows=False, color_system=None)


def other_listings(record: Record, listings: Sequence[Record]) -> list[Record]:
    """The entries of the same trial other than ``record`` (any table, listing order)."""
    return [other for other in listings if other.key != record.key]


def entry_title(record: Record, titles: dict[str, str]) -> str:
    """``Table 3 (Phase II trials), row 8``: where an entry is, as the detail pane names it."""
    return safe_line(f"{titles.get(record.table_id, record.table_id)}, row {record.index + 1}")


def render_pair(
    record: Record,
    other: Record,
    titles: dict[str, str],
    terms: Sequence[str] = (),
    width: int | None = None,
) -> Text:
    """Both entries' verbatim cells: two columns ``width`` cells wide in all, else stacked.

    ``width`` None or under ``SIDE_BY_SIDE_MIN`` stacks them (this entry first). Side by
    side, each heading is on its own line and the two cells under it are aligned.
    """
    if width is None or width < SIDE_BY_SIDE_MIN:
        return _stacked(record, other, titles, terms)
    column = (width - len(GUTTER)) // 2
    out = Text(end="")
    left, right = (Text().append(entry_title(e, titles), HEADER) for e in (record, other))
    _append_row(out, left, right, column)  # styled spans, so the padding is not underlined
    for heading in _headings(record, other):
        out.append(safe_line(heading), style=LABEL)
        out.append("\n")
        _append_row(out, _cell(record, heading, terms), _cell(other, heading, terms), column)
    out.rstrip()
    return out


def stacks(width: int | None) -> bool:
    """Whether a pane ``width`` cells wide stacks the two entries (None: unknown, stack)."""
    return width is None or width < SIDE_BY_SIDE_MIN


def pair_headings(record: Record, other: Record) -> list[str]:
    """The headings both entries are shown under: this entry's order, then the other's."""
    return _headings(record, other)


def pair_cell(record: Record, heading: str, terms: Sequence[str] = ()) -> Text:
    """One entry's cell under ``heading``, or a muted dash where its table has no column."""
    return _cell(record, heading, terms)


def render_other_entry(
    other: Record, record: Record, titles: dict[str, str], terms: Sequence[str] = ()
) -> Text:
    """The other table's entry, stacked below this one's cells: its title, then its cells
    under the same headings (the detail pane draws this entry's cells as usual above)."""
    return _entry(other, _headings(record, other), titles, terms)


def _stacked(record: Record, other: Record, titles: dict[str, str], terms: Sequence[str]) -> Text:
    headings = _headings(record, other)
    return Text("\n\n", end="").join(_entry(e, headings, titles, terms) for e in (record, other))


def _entry(
    entry: Record, headings: Sequence[str], titles: dict[str, str], terms: Sequence[str]
) -> Text:
    """One entry's title, then its cell under each of ``headings``."""
    out = Text(end="")
    out.append(entry_title(entry, titles), style=HEADER)
    out.append("\n")
    for heading in headings:
        out.append(safe_line(heading), style=LABEL)
        out.append("\n")
        out.append_text(_cell(entry, heading, terms))
        out.append("\n")
    out.rstrip()
    return out


def _headings(record: Record, other: Record) -> list[str]:
    """Every heading of either entry: this entry's order, then the other's extra ones."""
    return list(dict.fromkeys([*record.cells, *other.cells]))


def _cell(record: Record, heading: str, terms: Sequence[str]) -> Text:
    value = record.cells.get(heading)
    if value is None:
        return Text(NO_COLUMN, style=MUTED)
    return block_text(value, terms)


def _append_row(out: Text, left: Text, right: Text, column: int) -> None:
    """Wrap both cells to ``column`` cells and append them line by line, gutter between."""
    left_lines = left.wrap(_CONSOLE, column, justify="left", overflow="fold")
    right_lines = right.wrap(_CONSOLE, column, justify="left", overflow="fold")
    blank = Text(" " * column)
    for row in range(max(len(left_lines), len(right_lines))):
        line = left_lines[row] if row < len(left_lines) else blank
        out.append_text(line)
        out.append(GUTTER)  # plain: the line already says it, and a style costs bytes
        if row < len(right_lines):
            piece = right_lines[row].copy()
            piece.rstrip()
            out.append_text(piece)
        out.append("\n")
