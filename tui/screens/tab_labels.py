"""The tab row's labels: full names when they fit, shorter ones when not, counts under a filter."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text

from tui.domain.browser_state import (
    ABOUT,
    AGENTS,
    COMPARE,
    FIND,
    GLOSSARY,
    OUTCOMES,
    REGISTRY,
    SHORT_TITLES,
)
from tui.domain.sanitize import safe_line
from tui.widgets.tab_strip import label_width

__all__ = ["fit_tab_labels", "short_titles"]
# 80 columns, with every count shown
COMPACT_TITLES = {GLOSSARY: "Gloss", COMPARE: "Comp", FIND: "Find", OUTCOMES: "Outc"}
TINY_TITLES = {"published": "Pub", "phase1": "Ph I", "phase2": "Ph II", GLOSSARY: "Gloss"}
TINY_TITLES |= {ABOUT: "About", COMPARE: "Comp", AGENTS: "Agts", FIND: "Find", OUTCOMES: "Outc"}
TINY_TITLES |= {REGISTRY: "Reg"}


def short_titles(titles: Mapping[str, str]) -> dict[str, str]:
    """Each tab's short name ("Phase I" for "Phase I trials"), its title if it has none."""
    return {name: SHORT_TITLES.get(name, title) for name, title in titles.items()}


def fit_tab_labels(
    titles: Mapping[str, str],
    counts: Mapping[str, tuple[int, int]],
    width: int,
) -> list[Text]:
    """Labels for the tabs in ``titles`` order, the longest set whose row fits ``width``.

    ``counts`` holds (visible, total) for the tabs a filter narrows; those labels end with
    "visible/total" in bold. The tiniest names are used when nothing fits (the row scrolls).
    """
    short = short_titles(titles)
    compact = short | {name: title for name, title in COMPACT_TITLES.items() if name in short}
    tiny = {name: TINY_TITLES.get(name, title) for name, title in short.items()}
    # Before shortening the tables' names, the later tabs take their short names.
    later = {ABOUT: "About", FIND: "Find", OUTCOMES: "Outcomes", REGISTRY: "Registry"}
    full_tables = dict(titles) | {name: title for name, title in later.items() if name in titles}
    for names in (dict(titles), full_tables, short, compact, tiny):
        labels = [_label(names[name], counts.get(name)) for name in titles]
        if sum(label_width(label) for label in labels) <= width:
            break
    return labels


def _label(title: str, count: tuple[int, int] | None) -> Text:
    text = Text(safe_line(title))
    if count is not None and count[1]:
        text.append(f" {count[0]}/{count[1]}", style="bold")
    return text
