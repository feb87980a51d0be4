"""Turn text from data into safe Rich ``Text``, with query matches emphasised."""

from __future__ import annotations

from collections.abc import Sequence

from rich.style import Style
from rich.text import Text

from tui.domain.sanitize import safe_line, safe_text

FALLBACK_MATCH_STYLE = Style(bold=True, underline=True)
# Rendering and highlighting stop here: the filter matches no further (MAX_SEARCHED_CHARS)
# and a multi-megabyte cell would cost seconds per keystroke. Exports give the cell whole.
MAX_SHOWN_CHARS = 10_000


def _capped(value: str) -> tuple[str, str]:
    """The part of ``value`` to render, and the marker that says what was left out."""
    if len(value) <= MAX_SHOWN_CHARS:
        return value, ""
    return value[:MAX_SHOWN_CHARS], (
        f" …(cell truncated for display, {len(value):,} characters; export gives it whole)"
    )


def cell_text(value: str, terms: Sequence[str] = (), style: Style | None = None) -> Text:
    """One line of data as ``Text`` (controls neutralised), matches of ``terms`` styled."""
    shown, marker = _capped(value)
    return emphasise(Text(safe_line(shown) + marker), terms, style)


def block_text(value: str, terms: Sequence[str] = (), style: Style | None = None) -> Text:
    """Multi-line data as ``Text`` that wraps; controls neutralised, newlines kept."""
    shown, marker = _capped(value)
    return emphasise(Text(safe_text(shown, keep_newlines=True) + marker), terms, style)


def emphasise(text: Text, terms: Sequence[str], style: Style | None = None) -> Text:
    """Style every case-insensitive occurrence of each term in ``text`` (in place)."""
    words = [term for term in terms if term]
    if words:
        text.highlight_words(words, style or FALLBACK_MATCH_STYLE, case_sensitive=False)
    return text
