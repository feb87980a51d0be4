"""Everything about the highlighted record: verbatim cells in full, then what is derived."""

from __future__ import annotations

from collections.abc import Sequence

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.reactive import reactive

from tui.domain import Record
from tui.domain.export import format_metric
from tui.domain.registry import RegistryCache
from tui.domain.sanitize import safe_line
from tui.widgets.cross_link import (
    entry_title,
    jump_target,
    pair_cell,
    pair_headings,
    render_other_entry,
    render_pair,
    stacks,
)
from tui.widgets.highlight import block_text, cell_text
from tui.widgets.line_pane import LinePane, join_sections

BAR_WIDTH = 20
FULL, EMPTY = "█", "░"
NOT_IN_SOURCE = "not in source"

# One style per line where a line can have one: over SSH each change of style costs about
# 25 bytes, as much as the text of a short line. Body text is plain; a heading line, its note
# included, is styled whole; a line that is all derived is italic whole.
SECTION = Style(bold=True, underline=True)
LABEL = Style(bold=True)
DERIVED = Style(italic=True)


def percent_bar(value: float, width: int = BAR_WIDTH) -> str:
    """A bar of block characters: ``value`` percent of ``width`` cells, capped at 100%."""
    filled = round(max(0.0, min(value, 100.0)) / 100 * width)
    return FULL * filled + EMPTY * (width - filled)


def render_record(
    record: Record,
    also_listed: Sequence[Record] = (),
    table_titles: dict[str, str] | None = None,
    terms: Sequence[str] = (),
    width: int | None = None,
    registry: RegistryCache | None = None,
) -> Text:
    """The detail text of ``record``: its sections (``record_sections``), a blank line apart."""
    return join_sections(record_sections(record, also_listed, table_titles, terms, width, registry))


def record_sections(
    record: Record,
    also_listed: Sequence[Record] = (),
    table_titles: dict[str, str] | None = None,
    terms: Sequence[str] = (),
    width: int | None = None,
    registry: RegistryCache | None = None,
) -> list[tuple[str, Text]]:
    """The detail of ``record`` as named sections; every string from data is sanitised.

    A section's name is the same for every record that has it (``cell:Population``,
    ``abbreviations``), so the pane can keep a section where the record before had it.
    When the trial is also listed in another table, both entries are shown side by side in
    place of the cells alone; stacked (``width`` None or narrow), this entry's cells are the
    usual sections and the other entry follows them. With a registry
    cache, a section of its own follows the derived fields (ClinicalTrials.gov's, not the
    review's, and dated).
    """
    # Imported with the first record shown, the frame after the first: facets, rates and
    # their statistics, registry fields. The first frame needs none of them.
    from tui.widgets.facet_section import render_facets
    from tui.widgets.rate_section import render_rate_section
    from tui.widgets.registry_section import render_registry_section

    titles = table_titles or {}
    title = titles.get(record.table_id, record.table_id)
    # The editorial note is drawn late (its length varies most, and every line below it
    # would move); the title line, which changes anyway, says that there is one.
    flag = " · note below" if record.note else ""
    sections = [("title", _styled(safe_line(f"{title} · row {record.index + 1}{flag}"), SECTION))]
    paired = jump_target(record, also_listed)
    if paired is not None:
        where = f"Same NCT ID also listed as {entry_title(paired, titles)} · x: go there"
        paired_line = _styled(where, DERIVED)
    if paired is not None and not stacks(width):
        sections.append(("paired", paired_line))
        sections.append(("pair", render_pair(record, paired, titles, terms, width)))
    else:
        # Stacked, this entry's cells are the usual sections (they keep their place as the
        # cursor moves on and off a trial listed twice), and the other entry follows.
        headings = record.cells if paired is None else pair_headings(record, paired)
        for heading in headings:
            cell = Text(end="")
            cell.append(safe_line(heading), style=LABEL)
            cell.append("\n")
            cell.append_text(pair_cell(record, heading, terms))
            sections.append((f"cell:{heading}", cell))
        if paired is not None:  # below this entry's cells, which keep their place
            sections.append(("paired", paired_line))
            sections.append(("pair", render_other_entry(paired, record, titles, terms)))
    sections.append(("derived", _derived(record)))
    registry_section = render_registry_section(record.nct_id, registry)
    if registry_section:
        sections.append(("registry", registry_section))
    others = [other for other in also_listed if other.key != record.key]
    if others:
        sections.append(("also", _also_listed(others, titles)))
    sections.append(("abbreviations", _abbreviations(record, terms)))
    if record.note:  # after the abbreviations, which it often discusses; see the title
        note = _styled("Editorial note  (ven-tui's, not the source's)\n", SECTION)
        note.append_text(block_text(record.note))
        sections.append(("note", note))
    sections.append(("metrics", _metrics(record)))
    rates = render_rate_section(record)
    if rates:
        sections.append(("rates", rates))
    sections.append(("facets", render_facets(record, with_classes=False)))
    for _, text in sections:
        text.rstrip()
    return sections


def _derived(record: Record) -> Text:
    out = _styled("Derived  (computed by ven-tui from the cells)", SECTION)
    out.append("\n")
    if record.reference is not None:
        _field(out, "Reference", f"[{record.reference}]")
    if record.n is not None:
        _field(out, "n", str(record.n))
    if record.nct_id and record.url:
        _field(out, "NCT ID", "")
        # One link: each costs some 70 bytes a draw, and terminals find the address shown.
        out.append(safe_line(record.nct_id), style=Style(link=record.url))
        out.append(f"  {safe_line(record.url)}\n")
    if record.reference is None and record.n is None and not record.nct_id:
        out.append("(none)\n", style=DERIVED)
    return out


def _also_listed(others: Sequence[Record], titles: dict[str, str]) -> Text:
    out = _styled("Also listed in", SECTION)
    out.append("\n")
    for other in others:
        where = titles.get(other.table_id, other.table_id)
        out.append(safe_line(f"{where}, row {other.index + 1}"))
        population = other.cells.get("Population")
        if population:
            out.append(": ")
            out.append(safe_line(population))
        out.append("\n")
    return out


def _abbreviations(record: Record, terms: Sequence[str]) -> Text:
    out = _styled("Abbreviations", SECTION)
    out.append("\n")
    if not record.abbreviations:
        out.append("(none found)\n", style=DERIVED)
    for abbreviation in record.abbreviations:
        out.append(safe_line(abbreviation.abbr))
        out.append(": ")
        out.append_text(cell_text(abbreviation.expansion, terms))
        out.append("\n")
        source = safe_line(abbreviation.source)
        if not abbreviation.from_source:
            source += f"  [{NOT_IN_SOURCE}]"
        out.append(f"  {source}", style=DERIVED)  # the indent too: one style on the line
        out.append("\n")
    return out


def _metrics(record: Record) -> Text:
    out = _styled("Outcome metrics  (parsed from the outcome text)", SECTION)
    out.append("\n")
    if not record.metrics:
        out.append("(none stated as numbers)\n", style=DERIVED)
    for metric in record.metrics:
        if metric.unit == "%":
            out.append(percent_bar(metric.value))
            out.append(" ")
        out.append(safe_line(format_metric(metric)))
        out.append("\n")
    return out


def _styled(text: str, style: Style) -> Text:
    """``text`` as one styled span: the pane draws spans, not a ``Text``'s own style."""
    return Text(end="").append(text, style=style)


def _field(out: Text, label: str, value: str) -> None:
    """``Reference (derived): [17]``, plain: the words say it is derived."""
    out.append(f"{label} (derived): ")
    if value:
        out.append(safe_line(value))
        out.append("\n")


class DetailPane(LinePane):
    """A scrollable view of one record; the screen sets ``record`` and ``also_listed``.

    Drawn line by line: moving to the next row repaints only the lines that differ, which
    over SSH is most of the cost of a cursor move. The record is given as named sections, so
    a section starts where it did for the record before when a blank line or two allows
    (``LinePane.update_sections``): headings stay put as the cursor moves, and are not
    written again. The sections whose length varies most from row to row (abbreviations,
    the editorial note) come after those that vary least, for the same reason.
    """

    BINDINGS = [
        Binding("down,j", "scroll_down", "Scroll down", show=False),
        Binding("up,k", "scroll_up", "Scroll up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("home,g", "scroll_home", "Top", show=False),
        Binding("end,G", "scroll_end", "Bottom", show=False),
    ]

    record: reactive[Record | None] = reactive(None, always_update=True, repaint=False, init=False)
    """Blank until the screen shows one, in the frame after the rows; None then is a hint."""
    registry: reactive[RegistryCache | None] = reactive(None, repaint=False, init=False)
    """The registry cache (read at start-up, or the last sync's); a new one re-renders."""

    def __init__(
        self,
        table_titles: dict[str, str],
        *,
        registry: RegistryCache | None = None,
        id: str | None = None,  # noqa: A002
    ) -> None:
        super().__init__(id=id)
        self.table_titles = table_titles
        self.also_listed: Sequence[Record] = ()
        self.terms: Sequence[str] = ()
        self.set_reactive(DetailPane.registry, registry)

    def show(
        self, record: Record | None, also_listed: Sequence[Record] = (), terms: Sequence[str] = ()
    ) -> None:
        """Display ``record`` (None: a hint), with its other listings and the query's terms."""
        self.also_listed = also_listed
        self.terms = terms
        self.record = record

    def watch_record(self, record: Record | None) -> None:
        if self.scroll_y:
            self.scroll_home(animate=False)
        self._render_record(record)

    def watch_registry(self, registry: RegistryCache | None) -> None:
        if self.record is not None:
            self._render_record(self.record)

    def on_resize(self) -> None:
        """Side by side or stacked depends on the width: render again (scroll kept)."""
        if self.record is not None and len(self.also_listed) > 1:
            self._render_record(self.record)

    def _render_record(self, record: Record | None) -> None:
        if record is None:
            self.update(_styled("No row highlighted (the filter may hide every row).", DERIVED))
            return
        width = self.text_width or None
        self.update_sections(
            record_sections(
                record, self.also_listed, self.table_titles, self.terms, width, self.registry
            )
        )
