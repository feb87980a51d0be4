"""Markdown export: no cell can inject HTML, a link, or a new column (issue 17)."""

from __future__ import annotations

import pytest

from tui.domain.export import _md_cell


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("a|b", "a\\|b"),  # a pipe would split the cell into two columns
        ("a\\|b", "a\\\\\\|b"),  # a backslash cannot unescape the pipe after it
        ('<img src=x onerror="alert(1)">', '&lt;img src=x onerror="alert(1)"&gt;'),
        ("<!-- everything after vanishes", "&lt;!-- everything after vanishes"),
        ("[click](javascript:alert(1))", "[click]\\(javascript:alert(1))"),
        ("[17] and [i]x[/i]", "[17] and [i]x[/i]"),  # brackets alone make no link
        ("<javascript:alert(1)>", "&lt;javascript:alert(1)&gt;"),
        ("&lt; stays literal", "&amp;lt; stays literal"),
        ("CR 75% (n = 12)", "CR 75% (n = 12)"),
    ],
)
def test_markdown_cell_is_inert_text(cell: str, expected: str) -> None:
    assert _md_cell(cell) == expected


def test_markdown_cell_is_one_line_with_controls_visible() -> None:
    assert _md_cell("a\nb\x1b[2J") == "a b\u241b[2J"
