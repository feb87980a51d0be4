"""Build the derived records of a dataset once: the object both faces work from."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from itertools import repeat
from pathlib import Path
from typing import TYPE_CHECKING

from tui.domain.cell_store import StoredRows, stored_dataset
from tui.domain.loader import load_dataset
from tui.domain.metrics import Metric, parse_metrics
from tui.domain.models import Dataset, SourceTable, footnote_source
from tui.domain.records import MAX_SEARCHED_CHARS, Abbreviation, Record

if TYPE_CHECKING:
    from tui.domain.glossary import Glossary


class GlossaryOnce:
    """A dataset's glossary, built the first time anything asks for it, by one thread.

    At 100,000 rows it takes some 40 ms, and the first frame needs none of it, not even
    its module: the detail pane, the first to ask, is drawn in the frame after.
    """

    def __init__(self, dataset: Dataset) -> None:
        self._dataset: Dataset | None = dataset
        self._built: Glossary | None = None
        self._lock = threading.Lock()

    def __call__(self) -> Glossary:
        built = self._built
        if built is None:
            with self._lock:  # the warm-up thread and the screen may ask together
                if self._built is None and self._dataset is not None:
                    from tui.domain.glossary import build_glossary

                    self._built, self._dataset = build_glossary(self._dataset), None
                built = self._built
        assert built is not None
        return built


@dataclass(frozen=True)
class Evidence:
    """A validated dataset with its glossary and derived records, by table id."""

    dataset: Dataset
    glossary_once: GlossaryOnce
    records: dict[str, tuple[Record, ...]]
    """Each table's records in source order, each at its ``index`` (``build_evidence``
    makes them so): a key, or an index, says where a record is."""

    @property
    def glossary(self) -> Glossary:
        """The footnotes', the legend's, the cells' and the supplement's definitions."""
        return self.glossary_once()

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
        """Every record, in any table, with this NCT ID (from an index made on first use)."""
        listed = self._by_nct_id.get(nct_id)
        if listed is None:
            return []
        return list(listed) if isinstance(listed, list) else [listed]

    def record(self, key: str) -> Record | None:
        """The record with this key (``phase1:3``), if the dataset has it.

        Each record sits at its index (``records``), so the key says where to look: no
        index of every key (100,000 strings and a dictionary) is needed.
        """
        table_id, _, at = key.rpartition(":")
        records = self.records.get(table_id, ())
        if not (at.isascii() and at.isdigit()) or int(at) >= len(records):
            return None
        found = records[int(at)]
        return found if found.key == key else None

    @cached_property
    def _by_nct_id(self) -> dict[str, Record | list[Record]]:
        """NCT ID -> its record, or its records in table order: a cursor move asks, and must
        not scan. Most trials have one row, kept as itself: 60,000 lists would cost 4 MB."""
        found: dict[str, Record | list[Record]] = {}
        for records in self.records.values():
            for record in records:
                nct_id = record.nct_id
                if nct_id is None:
                    continue
                known = found.get(nct_id)
                if known is None:
                    found[nct_id] = record
                elif isinstance(known, list):
                    known.append(record)
                else:
                    found[nct_id] = [known, record]
        return found

    def warm(self) -> None:
        """Derive what the filter reads of every record: folded text, facets, abbreviations.

        Everything is derived on first read anyway; this reads it ahead, so that the first
        keystroke in the filter on a large dataset does not pay for every row at once, nor
        for importing the filter's parser (the first frame imports none of it).
        """
        import tui.domain.query  # noqa: F401
        from tui.domain.facets import row_facets

        for records in self.records.values():
            for record in records:
                record.folded  # noqa: B018  # read to derive it
                row_facets(record)
        for records in self.records.values():  # the slower part, once the rest is ready
            for record in records:
                record.abbreviations  # noqa: B018
        self._by_nct_id  # noqa: B018

    def warm_in_background(self, then: Callable[[], object] | None = None) -> threading.Thread:
        """``warm`` in a daemon thread, then ``then``: meant for once the first frame is on
        screen (the browser freezes what it made out of the garbage collector's scans)."""

        def run() -> None:
            self.warm()
            if then is not None:
                then()

        thread = threading.Thread(target=run, name="ven-tui-warm", daemon=True)
        thread.start()
        return thread


def load_evidence(path: Path | str) -> Evidence:
    """Load, validate and derive; raises ``DataError`` for an unusable file."""
    return build_evidence(load_dataset(path))


def build_evidence(dataset: Dataset) -> Evidence:
    """Make every record of ``dataset``; their derived fields are computed when first read.

    A loaded dataset's rows are stored compactly already (``tui.domain.cell_store``); a
    hand-made one's are stored here, where they fit.
    """
    dataset = stored_dataset(dataset)
    glossary = GlossaryOnce(dataset)
    legend = f"{dataset.figure.label} legend"
    records: dict[str, tuple[Record, ...]] = {}
    for table in dataset.tables:
        derive = TableDerivation(table, glossary, (footnote_source(table.label), legend))
        count = len(table.rows)  # one record per row, made in C's loop (``map``)
        records[table.id] = tuple(
            map(Record.lazy, repeat(table.id, count), range(count), repeat(derive, count))
        )
    return Evidence(dataset, glossary, records)


class _AbbreviationFinder:
    """The abbreviations of a cell's text, with one table's preferred expansions.

    Remembered by text: cells repeat (a regimen, a goal) and the answer depends only on it.
    """

    def __init__(self, glossary: GlossaryOnce, preferred: tuple[str, ...]) -> None:
        self._glossary = glossary
        self.preferred = preferred
        self.known: dict[str, tuple[Abbreviation, ...]] = {}
        self._made: dict[tuple[str, str], Abbreviation] = {}

    @property
    def glossary(self) -> Glossary:
        return self._glossary()

    def __call__(self, text: str) -> tuple[Abbreviation, ...]:
        key = self.glossary.lookup_key(text)
        found = self.known.get(key)
        if found is None:
            found = self.known[key] = tuple(self._find(key))
        return found

    def _find(self, text: str) -> list[Abbreviation]:
        found = []
        for written, key in self.glossary.find(text):
            abbreviation = self._made.get((written, key))
            if abbreviation is None:
                definition = self.glossary.best(key, self.preferred)
                abbreviation = self._made[written, key] = Abbreviation(
                    written, definition.expansion, definition.source, definition.from_source
                )
            found.append(abbreviation)
        return found


class TableDerivation:
    """How one table's records derive their fields, each text's answer remembered.

    Cells repeat across rows (a regimen, a population, an outcome), so abbreviations,
    search text and metrics are worked out once per distinct text and shared by every row
    that has it: one string in memory, however many rows show it.
    """

    def __init__(
        self, table: SourceTable, glossary: GlossaryOnce, preferred: tuple[str, ...]
    ) -> None:
        self.nct_column = table.nct_column
        self.outcome_column = table.outcome_column
        self.row = table.rows.__getitem__
        self._stored = table.rows if isinstance(table.rows, StoredRows) else None
        self._folded: list[str | None] | None = None
        self._folding = threading.Lock()
        self.abbreviations = _AbbreviationFinder(glossary, preferred)
        self._columns = {heading: at for at, heading in enumerate(table.columns)}
        self._texts: dict[str, str] = {}
        self._metrics: dict[str, tuple[Metric, ...]] = {}
        self._variants: dict[str, tuple[tuple[str, ...], frozenset[str]]] = {}
        self._shared: dict[tuple[Abbreviation, ...], tuple[Abbreviation, ...]] = {}

    def column_index(self, heading: str) -> int | None:
        return self._columns.get(heading)

    def row_text(self, index: int) -> str:
        """Row ``index``'s cells joined by spaces, what its reference and sample size are
        read from: cut from the table's buffer, without making the row's cells."""
        stored = self._stored
        if stored is not None:
            return stored.cells.row_text(index, " ")
        return " ".join(self.row(index).cells.values())

    def folded(self, index: int) -> str | None:
        """Row ``index``'s cells joined by newlines and case-folded, made for every row of
        the table at once when first asked (70 ms at 100,000 rows, against 900 ms row by
        row: the first filter key typed during the warm-up pays it). None: fold the row
        itself (a table not stored as one ASCII buffer, or a row with a very long cell)."""
        if self._folded is None:
            with self._folding:  # the warm-up and a keystroke may ask at once
                if self._folded is None:
                    stored = self._stored
                    made = stored.cells.folded_rows(MAX_SEARCHED_CHARS) if stored else None
                    self._folded = made or []
        return self._folded[index] if self._folded else None

    def column_text(self, text: str) -> str:
        """A cell's searched text: its first ``MAX_SEARCHED_CHARS`` and its expansions."""
        found = self._texts.get(text)
        if found is None:
            parts = [text[:MAX_SEARCHED_CHARS], *(a.expansion for a in self.abbreviations(text))]
            found = self._texts[text] = "\n".join(parts).casefold()
        return found

    def expansion_variants(self, spelling: str) -> tuple[tuple[str, ...], frozenset[str]]:
        """The written forms of the abbreviations whose expansion (as this table chooses
        it) contains ``spelling``: case-folded, and as written. A row's expansions can
        hold ``spelling`` only if its folded cells contain one of the first, and do if one
        of its abbreviations is one of the second (``tui.domain.query`` reads cells first).
        """
        found = self._variants.get(spelling)
        if found is None:
            if len(self._variants) >= 1_000:
                self._variants.clear()
            glossary, preferred = self.abbreviations.glossary, self.abbreviations.preferred
            written = frozenset(
                form
                for form, key in glossary.variants()
                if spelling in glossary.best(key, preferred).expansion.casefold()
            )
            folded = tuple(sorted({form.casefold() for form in written}))
            found = self._variants[spelling] = (folded, written)
        return found

    def shared(self, abbreviations: tuple[Abbreviation, ...]) -> tuple[Abbreviation, ...]:
        """One tuple for every row that uses the same abbreviations (most rows do)."""
        return self._shared.setdefault(abbreviations, abbreviations)

    def metrics(self, text: str) -> tuple[Metric, ...]:
        found = self._metrics.get(text)
        if found is None:
            found = self._metrics[text] = tuple(parse_metrics(text))
        return found
