"""A table row with everything ven-tui derives from it: the unit the CLI and TUI show."""

from __future__ import annotations

from dataclasses import dataclass, field

from tui.domain.metrics import Metric

CLINICALTRIALS_URL = "https://clinicaltrials.gov/study/{nct_id}"


@dataclass(frozen=True, slots=True)
class Abbreviation:
    """An abbreviation found in a row, as written, with the expansion chosen for it."""

    abbr: str
    expansion: str
    source: str
    from_source: bool = True


@dataclass(frozen=True, slots=True)
class Record:
    """One source row: verbatim cells plus derived fields, each computed by code."""

    table_id: str
    index: int
    cells: dict[str, str]
    note: str | None
    nct_id: str | None
    reference: int | None
    n: int | None
    abbreviations: tuple[Abbreviation, ...]
    cell_abbreviations: dict[str, tuple[Abbreviation, ...]]
    metrics: tuple[Metric, ...]
    search_text: str = field(repr=False)
    column_search_text: dict[str, str] = field(repr=False)

    @property
    def key(self) -> str:
        """Stable identity within a dataset, e.g. ``phase1:3``."""
        return f"{self.table_id}:{self.index}"

    @property
    def url(self) -> str | None:
        """The ClinicalTrials.gov page of the row's trial."""
        return CLINICALTRIALS_URL.format(nct_id=self.nct_id) if self.nct_id else None

    def metrics_named(self, name: str) -> list[Metric]:
        """Metrics whose name is ``name`` or a slash-combined form starting with it (CR/CRi)."""
        wanted = name.casefold()
        return [
            metric
            for metric in self.metrics
            if (found := metric.name.casefold()) == wanted or found.startswith(wanted + "/")
        ]
