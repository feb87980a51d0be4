"""Matched words are readable in every theme that ships: contrast of at least 3:1.

Measured on what is drawn: the styles of the underlined (matched) segments of a filtered
table, against the background they are drawn on, in truecolor and as a 256-colour terminal
(tmux's xterm-256color) rounds both colours.
"""

from __future__ import annotations

from textual.color import Color

from tui.app import VenTuiApp
from tui.domain import Evidence
from tui.widgets.match_colour import MIN_CONTRAST, contrast, worst_contrast
from tui.widgets.row_view import RowView


def matched_segments(view: RowView) -> list[tuple[str, Color, Color]]:
    """(text, colour, background) of every matched segment outside the cursor row."""
    found = []
    for y in range(1, view.size.height):
        if view.scroll_offset.y + y - 1 == view.cursor:
            continue  # the cursor row takes the cursor's own colours
        for segment in view.render_line(y):
            style = segment.style
            if style and style.underline and segment.text.strip():
                colour = Color.from_rich_color(style.color)
                background = Color.from_rich_color(style.bgcolor)
                found.append((segment.text, colour, background))
    return found


def test_contrast_is_the_wcag_ratio() -> None:
    assert round(contrast(Color(0, 0, 0), Color(255, 255, 255)), 2) == 21.0
    assert contrast(Color(120, 30, 60), Color(120, 30, 60)) == 1.0
    assert worst_contrast(Color(0, 0, 0), Color(255, 255, 255)) > 20


async def test_matches_keep_3_to_1_in_every_shipped_theme(shipped_evidence: Evidence) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("slash", *"aza", "enter")
        await pilot.pause()
        view = app.screen.query_one("#pane-published RowView", RowView)
        themes = sorted(name for name in app.available_themes if not name.startswith("ansi"))
        assert "textual-light" in themes and "atom-one-light" in themes
        too_faint = []
        for theme in themes:
            app.theme = theme
            await pilot.pause()
            segments = matched_segments(view)
            assert segments, f"no matched words drawn in {theme}"
            for text, colour, background in segments:
                ratio = worst_contrast(colour, background)
                if ratio < MIN_CONTRAST:
                    seen = f"{colour.hex} on {background.hex}"
                    too_faint.append(f"{theme}: {text!r} {seen} {ratio:.2f}")
        assert not too_faint, "\n".join(too_faint)
