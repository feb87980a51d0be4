"""Build the derived records of a dataset once: the object both faces work from."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tui.domain.glossary import Glossary, build_glossary, footnote_source
from tui.domain.loader import load_dataset
from tui.domain.metrics import parse_metrics, reference_number, sample_size
from tui.domain.models import Dataset, SourceTable
from tui.domain.records import Abbreviation, Record


@dataclass(frozen=True)
class Evidence:
    """A validated dataset with its glossary and derived records, by table id."""

    dataset: Dataset
    glossary: Glossary
    records: dict[str, tuple[Record, ...]]

    def table(self, table_id: str) -> SourceTable:
        """The source table with this id; ``KeyError`` if the dataset has none."""
        for table in self.dataset.tables:
            if table.id == table_id:
                return table
        raise KeyError(table_id)

    @property
    def table_ids(self) -> list[str]:
        return [table.id for table in self.dataset.tables]

    def all_columns(self) -> list[str]:
        """Every heading of every table, first appearance first."""
        columns: dict[str, None] = {}
        for table in self.dataset.tables:
            columns.update(dict.fromkeys(table.columns))
        return list(columns)

    def tables_listing(self, nct_id: str) -> list[Record]:
        """Every record, in any table, with this NCT ID."""
        return [
            record
            for records in self.records.values()
            for record in records
            if record.nct_id == nct_id
        ]


def load_evidence(path: Path | str) -> Evidence:
    """Load, validate and derive; raises ``DataError`` for an unusable file."""
    return build_evidence(load_dataset(path))


def build_evidence(dataset: Dataset) -> Evidence:
    """Derive every record of ``dataset``."""
    glossary = build_glossary(dataset)
    legend = f"{dataset.figure.label} legend"
    records = {}
    for table in dataset.tables:
        find = _AbbreviationFinder(glossary, (footnote_source(table.label), legend))
        records[table.id] = tuple(_record(table, index, find) for index in range(len(table.rows)))
    return Evidence(dataset, glossary, records)


class _AbbreviationFinder:
    """The abbreviations of a cell's text, with one table's preferred expansions.

    Remembered by text: cells repeat (a regimen, a goal) and the answer depends only on it.
    """

    def __init__(self, glossary: Glossary, preferred: tuple[str, ...]) -> None:
        self.glossary = glossary
        self.preferred = preferred
        self.known: dict[str, tuple[Abbreviation, ...]] = {}

    def __call__(self, text: str) -> tuple[Abbreviation, ...]:
        found = self.known.get(text)
        if found is None:
            found = self.known[text] = tuple(self._find(text))
        return found

    def _find(self, text: str) -> list[Abbreviation]:
        found = []
        for written, key in self.glossary.find(text):
            definition = self.glossary.best(key, self.preferred)
            found.append(
                Abbreviation(
                    written, definition.expansion, definition.source, definition.from_source
                )
            )
        return found


# Matching scans at most this much of each cell, so a 5 MB cell cannot make every
# keystroke in the filter cost seconds; shipped cells are under 400 characters.
MAX_SEARCHED_CHARS = 10_000


def _record(table: SourceTable, index: int, find: _AbbreviationFinder) -> Record:
    row = table.rows[index]
    cells = dict(row.cells)
    per_cell = {heading: find(text) for heading, text in cells.items()}
    unique: dict[str, Abbreviation] = {}
    for found in per_cell.values():
        for abbreviation in found:
            unique.setdefault(abbreviation.abbr, abbreviation)
    everything = " ".join(cells.values())
    outcome = cells.get(table.outcome_column, "") if table.outcome_column else ""
    column_text = {
        heading: "\n".join(
            [text[:MAX_SEARCHED_CHARS], *(a.expansion for a in per_cell[heading])]
        ).casefold()
        for heading, text in cells.items()
    }
    return Record(
        table_id=table.id,
        index=index,
        cells=cells,
        note=row.note,
        nct_id=cells.get(table.nct_column) if table.nct_column else None,
        reference=None if table.nct_column else reference_number(everything),
        n=sample_size(everything),
        abbreviations=tuple(unique.values()),
        cell_abbreviations=per_cell,
        metrics=tuple(parse_metrics(outcome)),
        search_text="\n".join(column_text.values()),
        column_search_text=column_text,
    )
