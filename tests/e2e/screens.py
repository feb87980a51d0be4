"""What the e2e tests look for on ven-tui's screen, taken from the shipped dataset."""

from __future__ import annotations

from functools import cache

from tui.domain import load_evidence
from tui.resources import default_data_path

PREFIX = 10  # narrow columns cut cells; ten characters survive at 80 columns


@cache
def published_prefixes() -> tuple[str, ...]:
    """The start of each published study's first cell, as a table row begins with it."""
    evidence = load_evidence(default_data_path())
    return tuple(
        next(iter(record.cells.values()))[:PREFIX] for record in evidence.records["published"]
    )


def shows_published_rows(screen: str) -> bool:
    """True when at least three rows of the shipped published-studies table are on screen."""
    lines = screen.splitlines()
    shown = {prefix for prefix in published_prefixes() for line in lines if prefix in line}
    return len(shown) >= 3


def shows_footer(screen: str) -> bool:
    """True when Textual's footer (its command palette key at the right) is on the bottom row."""
    rows = screen.rstrip("\n").splitlines()
    return bool(rows) and "^p palette" in rows[-1]


def shows_browser(screen: str) -> bool:
    """The browser is up: published rows and the footer are both drawn."""
    return shows_published_rows(screen) and shows_footer(screen)
