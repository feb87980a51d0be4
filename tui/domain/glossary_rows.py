"""The glossary as rows (one per abbreviation and expansion) and which rows a query keeps.

Kept apart from the widget so the browser can count a filter's glossary matches for the tab
label before the Glossary tab is first shown (and built).
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.domain.glossary import Definition, Glossary
from tui.domain.query import Query
from tui.domain.supplementary import OWN_NOTE_SOURCE, TERM_NOTES


@dataclass(frozen=True)
class GlossaryRow:
    """One definition as a glossary row."""

    key: str
    abbr: str
    expansion: str
    sources: tuple[str, ...]
    from_source: bool

    @property
    def source(self) -> str:
        """Every place that gives this expansion, joined."""
        return "; ".join(self.sources)

    def matches(self, query: Query | None) -> bool:
        """The query's text terms, against this row's text; comparisons do not apply here."""
        if not query:
            return True
        haystack = f"{self.abbr}\n{self.expansion}\n{self.source}".casefold()
        return query.matches_text(haystack)


def glossary_rows(glossary: Glossary) -> tuple[GlossaryRow, ...]:
    """One row per abbreviation and expansion, listing every source that gives it.

    ven-tui's notes on the source's terms (``TERM_NOTES``) follow the entries they
    comment on, each labelled as ven-tui's own.
    """
    merged: dict[tuple[str, str], list[Definition]] = {}
    for group in glossary.definitions():
        for d in group:
            merged.setdefault((d.abbr, d.expansion), []).append(d)
    rows = [
        GlossaryRow(
            f"{abbr}|{expansion}",
            abbr,
            expansion,
            tuple(d.source for d in found),
            any(d.from_source for d in found),
        )
        for (abbr, expansion), found in merged.items()
    ]
    rows += term_note_rows(glossary)
    # Stable: each note lands after the source's entries for its abbreviation.
    return tuple(sorted(rows, key=lambda row: row.abbr.casefold()))


def term_note_rows(glossary: Glossary) -> list[GlossaryRow]:
    """ven-tui's term notes whose source definitions this glossary has, as rows."""
    in_source = {
        (d.abbr, d.expansion.casefold()): d
        for group in glossary.definitions()
        for d in group
        if d.from_source
    }
    rows = []
    for note in TERM_NOTES:
        found = [in_source.get((abbr, expansion.casefold())) for abbr, expansion in note.requires]
        if all(found):
            text = note.text.format(*(d.source for d in found if d is not None))
            rows.append(
                GlossaryRow(f"{note.abbr}|note", note.abbr, text, (OWN_NOTE_SOURCE,), False)
            )
    return rows


def matching_rows(rows: tuple[GlossaryRow, ...], query: Query | None) -> tuple[GlossaryRow, ...]:
    """The rows the query's text terms keep, in order."""
    return tuple(row for row in rows if row.matches(query))
