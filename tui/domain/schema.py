"""The JSON schema of a dataset, as pydantic models: what a file in data/ may hold.

The loader validates with these only when its quick check of a file fails (to say what is
wrong, where), and ``ven-tui schema`` prints their JSON schema; everything else works with
the plain classes of ``tui.domain.models``, which mirror them field for field, so start-up
need not import pydantic.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from tui.domain.models import TableId


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Citation(_Strict):
    """The article the data was transcribed from, as printed on its first page."""

    journal: str
    journal_abbreviation: str
    issn_print: str
    issn_online: str
    access: str
    copyright: str
    site: str
    article_type: str
    volume: int
    issue: int
    month: str
    year: int
    pages: str
    title: str


class Figure(_Strict):
    """A figure's label and its legend, verbatim."""

    label: str = Field(description="As printed, without the trailing period, e.g. 'Figure 1'.")
    legend: str = Field(description="The legend text after the label, verbatim.")


class SourceRow(_Strict):
    """One printed row: its cells verbatim, keyed by the column headings in source order."""

    cells: dict[str, str] = Field(description="Heading -> verbatim cell text, in column order.")
    note: str | None = Field(
        default=None, description="Editorial note explaining a quirk of the printed row."
    )


class SourceTable(_Strict):
    """One printed table with its title, headings, footnote and rows."""

    id: TableId
    label: str = Field(description="As printed, e.g. 'Table 1'.")
    title: str
    columns: list[str] = Field(min_length=1, description="Column headings exactly as printed.")
    nct_column: str | None = Field(
        default=None, description="The heading whose cells hold a ClinicalTrials.gov NCT ID."
    )
    outcome_column: str | None = Field(
        default=None, description="The heading whose cells report outcomes to parse metrics from."
    )
    footnote: str = Field(description="The abbreviation footnote, verbatim.")
    note: str | None = Field(default=None, description="Editorial note on the table as printed.")
    rows: list[SourceRow]


class Dataset(_Strict):
    """A whole dataset file: the citation, the figure legend and the tables."""

    citation: Citation
    figure: Figure
    tables: list[SourceTable] = Field(min_length=1)
