"""The colour of matched words: taken from the theme, and readable on it.

Textual's ``$text-warning`` reads well on dark themes but not on every light one (2.6:1 on
atom-one-light, and about 1.05:1 once a 256-colour terminal rounds a pale yellow onto a
grey). The first of the theme's own text colours that keeps at least ``MIN_CONTRAST``
against the table's background, both as given and as a 256-colour terminal shows it, is used.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.color import Color as RichColor
from rich.color import ColorSystem
from textual.color import Color

MIN_CONTRAST = 3.0
CANDIDATES = ("text-warning", "text-accent", "text-error", "text-primary", "text-secondary")
"""The theme's text colours, in order of preference; ``foreground`` is the last resort."""


def relative_luminance(colour: Color) -> float:
    """WCAG 2 relative luminance of an opaque colour."""

    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.r) + 0.7152 * channel(colour.g) + 0.0722 * channel(colour.b)


def contrast(a: Color, b: Color) -> float:
    """The WCAG contrast ratio of two opaque colours (1 to 21)."""
    light, dark = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def as_256_colours(colour: Color) -> Color:
    """The colour a 256-colour terminal shows for ``colour`` (Rich's own rounding)."""
    rich = RichColor.from_rgb(colour.r, colour.g, colour.b).downgrade(ColorSystem.EIGHT_BIT)
    r, g, b = rich.get_truecolor()
    return Color(r, g, b)


def worst_contrast(colour: Color, background: Color) -> float:
    """The lower of the contrasts in truecolor and in 256 colours."""
    return min(
        contrast(colour, background),
        contrast(as_256_colours(colour), as_256_colours(background)),
    )


FOCUS_TINT = 0.05
"""A focused table tints its background with 5% of the foreground (see ``RowView``)."""


def readable_match_colour(variables: Mapping[str, str]) -> str | None:
    """The match colour for a theme's CSS variables, or None for ANSI themes (terminal's own)."""
    try:
        surface = Color.parse(variables["surface"])
        foreground = surface + Color.parse(variables["foreground"])
    except Exception:
        return None
    if surface.ansi is not None or foreground.ansi is not None:
        return None
    backgrounds = (surface, surface.blend(foreground, FOCUS_TINT))
    for name in (*CANDIDATES, "foreground"):
        try:
            colour = surface + Color.parse(variables[name])
        except Exception:
            continue
        if colour.ansi is None and all(
            worst_contrast(colour, background) >= MIN_CONTRAST for background in backgrounds
        ):
            return colour.hex
    return None
