"""A table row with everything ven-tui derives from it: the unit the CLI and TUI show.

The derived fields are computed from the cells when first read, not when the dataset is
loaded: a 100,000-row file draws its first frame after parsing, and only the rows that are
shown, filtered or exported pay for their abbreviations, metrics and search text. The values
are the same either way; each is computed once per record, and texts that repeat (a regimen,
a population) are derived once per table (see ``tui.domain.evidence``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from tui.domain.metrics import Metric, reference_number, sample_size
from tui.domain.models import SourceRow

CLINICALTRIALS_URL = "https://clinicaltrials.gov/study/{nct_id}"

# Matching scans at most this much of each cell, so a 5 MB cell cannot make every
# keystroke in the filter cost seconds; shipped cells are under 400 characters.
MAX_SEARCHED_CHARS = 10_000


@dataclass(frozen=True, slots=True)
class Abbreviation:
    """An abbreviation found in a row, as written, with the expansion chosen for it."""

    abbr: str
    expansion: str
    source: str
    from_source: bool = True


class Derivation(Protocol):
    """What a table knows to derive its rows' fields (``tui.domain.evidence`` has one)."""

    nct_column: str | None
    outcome_column: str | None

    def row(self, index: int) -> SourceRow: ...

    def abbreviations(self, text: str) -> tuple[Abbreviation, ...]: ...

    def column_text(self, text: str) -> str: ...

    def folded(self, index: int) -> str | None: ...

    def row_text(self, index: int) -> str: ...

    def metrics(self, text: str) -> tuple[Metric, ...]: ...

    def column_index(self, heading: str) -> int | None: ...

    def expansion_variants(self, spelling: str) -> tuple[tuple[str, ...], frozenset[str]]: ...

    def shared(self, abbreviations: tuple[Abbreviation, ...]) -> tuple[Abbreviation, ...]: ...


_UNSET: Any = object()
_new = object.__new__
_REMEMBERED_FIELDS = ("derived_facets", "derived_classes")
_REMEMBERED = frozenset(_REMEMBERED_FIELDS)
"""Slots other modules fill in; None until they do."""

_DERIVED_FIELDS = (
    "cells",
    "note",
    "nct_id",
    "key",
    "column_texts",
    "folded",
    "reference",
    "n",
    "abbreviations",
    "cell_abbreviations",
    "metrics",
    "search_text",
    "column_search_text",
)
_DERIVED = frozenset(_DERIVED_FIELDS)


@dataclass(init=False, eq=False, repr=False)
class Record:
    """One source row: verbatim cells plus derived fields, each computed by code.

    ``cells`` is the dataset's own (shared, never copied): treat it as read-only.
    Made by the loader (``lazy``), a derived field is computed when first read and then kept
    in its slot; made with the fields given (tests, ``dataclasses.replace``), those are used
    as they are.
    """

    # Each name once: a slot named twice is allocated twice (8 bytes a row, 100,000 rows).
    __slots__ = ("table_id", "index", "derive", *_DERIVED_FIELDS, *_REMEMBERED_FIELDS)

    table_id: str
    index: int
    cells: Mapping[str, str]
    note: str | None
    nct_id: str | None
    reference: int | None
    """The bracketed reference number of a published study ("[17]"), derived."""
    n: int | None
    """The sample size "(n = N)" the row states, derived."""
    abbreviations: tuple[Abbreviation, ...]
    """Every abbreviation the row uses, once each, in cell order."""
    cell_abbreviations: dict[str, tuple[Abbreviation, ...]]
    """Per heading, the abbreviations its cell uses, first occurrence first."""
    metrics: tuple[Metric, ...]
    """The metrics parsed from the row's outcome cell."""
    search_text: str
    """What a text term searches: every cell's text and expansions, case-folded."""
    column_search_text: dict[str, str]
    """``search_text`` per heading (``column_text`` reads one without a dictionary)."""

    def __init__(
        self,
        table_id: str,
        index: int,
        cells: Mapping[str, str],
        note: str | None,
        nct_id: str | None,
        reference: int | None = _UNSET,
        n: int | None = _UNSET,
        abbreviations: tuple[Abbreviation, ...] = _UNSET,
        cell_abbreviations: dict[str, tuple[Abbreviation, ...]] = _UNSET,
        metrics: tuple[Metric, ...] = _UNSET,
        search_text: str = _UNSET,
        column_search_text: dict[str, str] = _UNSET,
        *,
        derive: Derivation | None = None,
    ) -> None:
        self.table_id, self.index, self.cells = table_id, index, cells
        self.note, self.nct_id = note, nct_id
        self.derive = derive
        given = (
            ("reference", reference),
            ("n", n),
            ("abbreviations", abbreviations),
            ("cell_abbreviations", cell_abbreviations),
            ("metrics", metrics),
            ("search_text", search_text),
            ("column_search_text", column_search_text),
        )
        for name, value in given:
            if value is not _UNSET:
                object.__setattr__(self, name, value)

    @classmethod
    def lazy(cls, table_id: str, index: int, derive: Derivation) -> Record:
        """A record whose other fields, its cells too, all come from ``derive`` when first
        read: the loader makes one per row before the first frame, so this sets only what
        it must, and a row's cells are cut out of its table's store only once asked for.
        """
        record = _new(cls)
        record.table_id, record.index, record.derive = table_id, index, derive
        if derive.nct_column:
            record.reference = None  # a trial row: no reference to look for
        return record

    def __getattr__(self, name: str) -> Any:
        """A derived field read for the first time (its slot is empty): derive and keep it."""
        if name not in _DERIVED:
            if name in _REMEMBERED:
                return None
            raise AttributeError(name)
        value = getattr(self, f"_derive_{name}")()
        object.__setattr__(self, name, value)
        return value

    # -- identity --------------------------------------------------------------------------

    if TYPE_CHECKING:  # slots, not dataclass fields
        derive: Derivation | None
        """How the record derives its fields (its table's); None when built with them."""
        key: str
        """Stable identity within a dataset, e.g. ``phase1:3`` (made once, then kept)."""
        column_texts: tuple[str, ...]
        """Per cell, in column order, its case-folded text and abbreviation expansions."""
        folded: str
        """The cells alone, case-folded and joined by newlines: what the filter scans first
        (``search_text`` adds the expansions; see ``tui.domain.query``). A row with a cell
        longer than ``MAX_SEARCHED_CHARS``, or without a ``derive``, has its
        ``search_text`` here."""
        derived_facets: Any
        """The row's population facets, kept by ``tui.domain.facets`` (None until then)."""
        derived_classes: Any
        """The row's drug classes, kept by ``tui.domain.facets`` (None until then)."""

    def _derive_cells(self) -> Mapping[str, str]:
        return self._derivation().row(self.index).cells

    def _derive_note(self) -> str | None:
        return self._derivation().row(self.index).note

    def _derive_nct_id(self) -> str | None:
        column = self._derivation().nct_column
        return self.cells.get(column) if column else None

    def _derive_key(self) -> str:
        return f"{self.table_id}:{self.index}"

    @property
    def url(self) -> str | None:
        """The ClinicalTrials.gov page of the row's trial."""
        return CLINICALTRIALS_URL.format(nct_id=self.nct_id) if self.nct_id else None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Record):
            return NotImplemented
        return (self.table_id, self.index, self.cells, self.note, self.nct_id) == (
            other.table_id,
            other.index,
            other.cells,
            other.note,
            other.nct_id,
        )

    __hash__ = None  # type: ignore[assignment]  # cells are a dict, as before

    def __repr__(self) -> str:
        return f"Record({self.table_id!r}, {self.index}, nct_id={self.nct_id!r})"

    # -- derivations (each run once, by ``__getattr__``) -----------------------------------

    def _derivation(self) -> Derivation:
        if self.derive is None:
            raise AttributeError("this record was built without its derived fields")
        return self.derive

    def _derive_reference(self) -> int | None:
        derive = self._derivation()
        if derive.nct_column:
            return None
        return reference_number(derive.row_text(self.index))

    def _derive_n(self) -> int | None:
        return sample_size(self._derivation().row_text(self.index))

    def _derive_cell_abbreviations(self) -> dict[str, tuple[Abbreviation, ...]]:
        find = self._derivation().abbreviations
        return {heading: find(text) for heading, text in self.cells.items()}

    def _derive_abbreviations(self) -> tuple[Abbreviation, ...]:
        if self.derive is not None:  # per cell from the table's memo: no dictionary kept
            find = self.derive.abbreviations
            per_cell = [find(text) for text in self.cells.values()]
        else:
            per_cell = list(self.cell_abbreviations.values())
        unique: dict[str, Abbreviation] = {}
        for found in per_cell:
            for abbreviation in found:
                unique.setdefault(abbreviation.abbr, abbreviation)
        together = tuple(unique.values())
        return self.derive.shared(together) if self.derive is not None else together

    def _derive_metrics(self) -> tuple[Metric, ...]:
        derive = self._derivation()
        column = derive.outcome_column
        return derive.metrics(self.cells.get(column, "")) if column else ()

    def _derive_search_text(self) -> str:
        return "\n".join(self.column_texts)

    def _derive_column_search_text(self) -> dict[str, str]:
        return dict(zip(self.cells, self.column_texts, strict=True))

    def _derive_folded(self) -> str:
        if self.derive is not None and (batch := self.derive.folded(self.index)) is not None:
            return batch
        texts = self.cells.values()
        if self.derive is None or max(map(len, texts), default=0) > MAX_SEARCHED_CHARS:
            return self.search_text
        return "\n".join(texts).casefold()

    def _derive_column_texts(self) -> tuple[str, ...]:
        if self.derive is None:
            given = self.column_search_text
            return tuple(given.get(heading, "") for heading in self.cells)
        column_text = self.derive.column_text
        return tuple(column_text(text) for text in self.cells.values())

    def column_text(self, heading: str) -> str | None:
        """The search text of one column, or None if the row has no such column."""
        if self.derive is None:
            return self.column_search_text.get(heading)
        at = self.derive.column_index(heading)
        if at is None or heading not in self.cells:
            return None
        return self.column_texts[at]

    def metrics_named(self, name: str) -> list[Metric]:
        """Metrics whose name is ``name`` or a slash-combined form starting with it (CR/CRi)."""
        wanted = name.casefold()
        return [
            metric
            for metric in self.metrics
            if (found := metric.name.casefold()) == wanted or found.startswith(wanted + "/")
        ]
