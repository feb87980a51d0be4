"""Which tab names the tab row uses at a given width, and where counts appear."""

from __future__ import annotations

from tui.screens.tab_labels import fit_tab_labels

TITLES = {
    "published": "Published studies",
    "phase1": "Phase I trials",
    "phase2": "Phase II trials",
    "glossary": "Glossary",
    "about": "About/Source",
    "compare": "Compare",
    "agents": "Agents",
}


def plain(width: int, counts: dict | None = None, titles: dict = TITLES) -> list[str]:
    return [label.plain for label in fit_tab_labels(titles, counts or {}, width)]


def test_full_titles_when_they_fit():
    assert plain(120) == list(TITLES.values())


def test_shorter_names_step_by_step_as_the_width_shrinks():
    assert plain(80) == [
        "Published",
        "Phase I",
        "Phase II",
        "Glossary",
        "About",
        "Compare",
        "Agents",
    ]
    counts = {"published": (3, 12), "phase1": (0, 6), "phase2": (2, 12), "glossary": (1, 37)}
    assert plain(80, counts) == [
        "Published 3/12",
        "Phase I 0/6",
        "Phase II 2/12",
        "Gloss 1/37",
        "About",
        "Comp",
        "Agents",
    ]
    assert plain(40) == ["Pub", "Ph I", "Ph II", "Gloss", "About", "Comp", "Agts"]


def test_counts_are_bold_and_only_where_given_with_rows():
    labels = fit_tab_labels(TITLES, {"phase1": (1, 6), "glossary": (0, 0)}, 200)
    phase1 = labels[1]
    assert phase1.plain == "Phase I trials 1/6"
    assert [(span.start, span.end, str(span.style)) for span in phase1.spans] == [(14, 18, "bold")]
    assert labels[3].plain == "Glossary"  # nothing to count: no "0/0"


def test_titles_from_data_are_made_safe_and_unknown_tables_keep_their_title():
    titles = {"published": "Table\x1b[31m 1", "extra": "Table 4"}
    assert plain(200, titles=titles) == ["Table␛[31m 1", "Table 4"]
