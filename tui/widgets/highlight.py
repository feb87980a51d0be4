"""Turn text from data into safe Rich ``Text``, with query matches emphasised."""

from __future__ import annotations

from collections.abc import Sequence

from rich.style import Style
from rich.text import Text

from tui.domain.sanitize import safe_line, safe_text

FALLBACK_MATCH_STYLE = Style(bold=True, underline=True)


def cell_text(value: str, terms: Sequence[str] = (), style: Style | None = None) -> Text:
    """One line of data as ``Text`` (controls neutralised), matches of ``terms`` styled."""
    return emphasise(Text(safe_line(value)), terms, style)


def block_text(value: str, terms: Sequence[str] = (), style: Style | None = None) -> Text:
    """Multi-line data as ``Text`` that wraps; controls neutralised, newlines kept."""
    return emphasise(Text(safe_text(value, keep_newlines=True)), terms, style)


def emphasise(text: Text, terms: Sequence[str], style: Style | None = None) -> Text:
    """Style every case-insensitive occurrence of each term in ``text`` (in place)."""
    words = [term for term in terms if term]
    if words:
        text.highlight_words(words, style or FALLBACK_MATCH_STYLE, case_sensitive=False)
    return text
