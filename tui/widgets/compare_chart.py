"""One metric across the published studies as horizontal bars, with exact 95% CI whiskers.

Studies that do not report the chosen metric are listed under the chart, never dropped;
rates whose interval cannot be defended say why. Below ``WIDE`` columns the counts and
intervals follow the bars as a compact table. The families and bars come from
``tui.domain.chart_model``.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.reactive import reactive

from tui.domain import Record, SourceTable
from tui.domain.chart_model import (
    FAMILIES,
    SHARED_PREFIX,
    Bar,
    ChartData,
    Family,
    chart_data,
    nice_ceiling,
    study_ref,
)
from tui.domain.export import format_metric
from tui.domain.metrics import Metric
from tui.domain.rate_text import cell_of
from tui.domain.sanitize import safe_line
from tui.domain.stats import DERIVED_LABEL
from tui.widgets.line_pane import LinePane
from tui.widgets.rate_section import whisker_bar

WIDE = 140
MIN_BAR = 10
MISFIT = "‡"
TITLE = Style(bold=True)
MUTED = Style(italic=True)

__all__ = ["FAMILIES", "CompareChart", "chart_data", "render_chart"]


def _value_text(metric: Metric) -> str:
    return f"{metric.value:g}%" if metric.unit == "%" else f"{metric.value:g} mo"


def render_chart(
    data: ChartData, width: int, descending: bool = True, wide: bool | None = None
) -> Text:
    """The chart as text ``width`` cells wide: title, axis, one line per bar, then notes.

    Chart lines are cut to ``width``; the notes below may wrap. Wide (``width >= WIDE``)
    adds the derived count and interval beside each bar; narrower, they follow the bars.
    ``wide`` overrides that choice (the pane knows its whole width, padding included).
    """
    family, bars = data.family, data.bars
    width = max(width, 40)
    out = Text(end="")
    order = "▼ high first" if descending else "▲ low first"
    studies = len({bar.record.key for bar in bars})
    title = Text(family.title, style=TITLE)
    title.append(f"  ·  {studies} of {data.total} studies  ·  {order}")
    title.truncate(width, overflow="ellipsis")
    out.append_text(title)
    out.append("\n")
    out.append("m/→ next metric  M/← previous  o order"[:width], style=MUTED)
    out.append("\n\n")
    percent = family.unit == "%"
    scale = 100.0 if percent else nice_ceiling(max((b.metric.value for b in bars), default=1))
    wide = width >= WIDE if wide is None else wide
    value_width = min(max((len(_value_text(b.metric)) for b in bars), default=4), 12)
    extra_width = 22 if wide else 0
    label_cap = int(width * 0.45)
    label_width = min(max((cell_len(b.label.full) for b in bars), default=10), label_cap)
    bar_width = width - label_width - value_width - extra_width - 5
    if bar_width < MIN_BAR:
        label_width = max(8, label_width - (MIN_BAR - bar_width))
        bar_width = max(MIN_BAR, width - label_width - value_width - extra_width - 5)
    if bars:
        axis = _axis(label_width + value_width + 2, bar_width, scale, percent)
        if wide and any(bar.estimate for bar in bars):
            axis.append("     k/n  95% CI")
        out.append_text(axis)
        out.append("\n")
    drop_prefix = any(cell_len(bar.label.full) > label_width for bar in bars)
    for bar in bars:
        line = Text(bar.label.fit(label_width, drop_prefix), no_wrap=True)
        line.pad_right(label_width - line.cell_len)
        line.append(" ")
        line.append(_value_text(bar.metric)[:value_width].rjust(value_width), style=TITLE)
        line.append(" ")
        estimate = bar.estimate
        ci = estimate.ci95_percent if estimate else None
        line.append_text(
            whisker_bar(bar.metric.value, bar_width, scale_max=scale, ci=ci, track=" ")
        )
        line.append(" ")
        line.append(MISFIT if bar.withheld else " ")
        if wide and estimate:
            low, high = estimate.ci95_percent
            line.append(f" {estimate.count}/{estimate.n}  {low:g}-{high:g}%"[:extra_width])
        line.rstrip()
        line.truncate(width)
        out.append_text(line)
        out.append("\n")
    if bars and not wide and any(bar.estimate for bar in bars):
        _compact_table(out, bars, width)
    if not bars:
        out.append(f"No study among these {data.total} reports {family.short}.", style=MUTED)
        out.append("\n")
    if drop_prefix and any(SHARED_PREFIX.match(bar.label.regimen) for bar in bars):
        out.append('Labels leave out the leading "Venetoclax +" the regimens share.', style=MUTED)
        out.append("\n")
    _notes(out, data)
    out.rstrip()
    return out


def _compact_table(out: Text, bars: Sequence[Bar], width: int) -> None:
    """Below ``WIDE`` columns the k/n and interval figures go under the bars, one per line."""
    out.append("\n")
    out.append(f"k/n  95% CI ({DERIVED_LABEL})"[:width], style=MUTED)
    out.append("\n")
    for bar in bars:
        if bar.estimate is None:
            continue
        low, high = bar.estimate.ci95_percent
        text = f"  {_ref_metric(bar.record, bar.metric)}  {bar.estimate.count}/{bar.estimate.n}"
        line = Text(safe_line(f"{text}  {low:g}-{high:g}%"), no_wrap=True)
        line.truncate(width, overflow="ellipsis")
        out.append_text(line)
        out.append("\n")


def _axis(lead: int, bar_width: int, scale: float, percent: bool) -> Text:
    """``0%   50%   100%`` under the bars' columns."""
    unit = "%" if percent else ""
    left, right = f"0{unit}", f"{scale:g}{unit}" + ("" if percent else " months")
    middle = f"{scale / 2:g}{unit}"
    line = [" "] * bar_width
    line[: len(left)] = left
    start = max(len(left) + 1, cell_of(scale / 2, bar_width, scale) - len(middle) // 2)
    if start + len(middle) < bar_width - len(right) - 1:
        line[start : start + len(middle)] = middle
    right_start = max(0, bar_width - len(right))
    line[right_start:] = right[: bar_width - right_start]
    return Text(" " * lead + "".join(line), style=MUTED, no_wrap=True)


def _notes(out: Text, data: ChartData) -> None:
    """The legend and every study the bars leave out, with the reason."""
    family, bars = data.family, data.bars
    out.append("\n")
    if any(bar.estimate for bar in bars):
        out.append("├──┤ exact 95% CI (Clopper-Pearson), ", style=MUTED)
        out.append(f"{DERIVED_LABEL}.", style=MUTED)
        out.append("\n")
    withheld = [bar for bar in bars if bar.withheld]
    if withheld:
        out.append(f"{MISFIT} no interval drawn (ven-tui's judgement):\n")
        for bar in withheld:
            out.append(safe_line(f"  {_ref_metric(bar.record, bar.metric)}: {bar.withheld}"))
            out.append("\n")
    if data.missing:
        out.append_text(_refs(f"No {family.short} reported: ", data.missing, style=TITLE))
    if data.other_units:
        out.append("Reported in another unit (not charted): ")
        out.append(safe_line(", ".join(_ref_metric(r, m) for r, m in data.other_units)))
        out.append("\n")
    if data.out_of_range:
        out.append("Value outside the axis (not charted): ")
        out.append(safe_line(", ".join(_ref_metric(r, m) for r, m in data.out_of_range)))
        out.append("\n")


def _refs(lead: str, records: Sequence[Record], style: Style | str = "") -> Text:
    text = Text(lead, style=style, end="")
    text.append(safe_line(", ".join(dict.fromkeys(study_ref(r) for r in records))))
    text.append("\n")
    return text


def _ref_metric(record: Record, metric: Metric) -> str:
    return f"{study_ref(record)} {format_metric(metric)}"


class CompareChart(LinePane):
    """The chosen metric across the records it is given; the screen calls ``set_records``.

    Drawn line by line (``LinePane``): at 10,000 rows the chart has thousands of lines, and
    only those on screen are rendered.
    """

    BINDINGS = [
        Binding("m,right", "step_metric(1)", "Next metric", tooltip="Chart the next metric"),
        Binding("M,left", "step_metric(-1)", "Previous metric", show=False),
        Binding("o", "toggle_order", "Order", tooltip="Sort bars high to low or low to high"),
        Binding("j", "scroll_down", "Scroll down", show=False),
        Binding("k", "scroll_up", "Scroll up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
    ]

    family_index: reactive[int] = reactive(0)
    descending: reactive[bool] = reactive(True)

    def __init__(
        self,
        source: SourceTable,
        records: Sequence[Record],
        *,
        id: str | None = None,  # noqa: A002
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.source = source
        self.records: tuple[Record, ...] = tuple(records)
        self.scope = ""
        """A line above the chart saying which filter chose the records (empty: none)."""
        self._stale = False
        self._drawn_width = 0
        """The width the chart was last drawn at (0: never drawn)."""

    def on_mount(self) -> None:
        # After the first refresh: by then a tab switcher has hidden this pane, if it does,
        # and the first Resize may have drawn it already.
        self.call_after_refresh(self._draw_if_never_drawn)

    def _draw_if_never_drawn(self) -> None:
        if not self._drawn_width:
            self._redraw()

    @property
    def family(self) -> Family:
        """The metric family charted now."""
        return FAMILIES[self.family_index % len(FAMILIES)]

    @property
    def data(self) -> ChartData:
        """The bars and left-out studies as currently charted."""
        return chart_data(self.source, self.records, self.family, self.descending)

    def set_records(self, records: Sequence[Record], scope: str = "") -> None:
        """Chart these records (the filtered published rows); ``scope`` names the filter."""
        self.records = tuple(records)
        self.scope = scope
        self._redraw()

    def action_step_metric(self, delta: int) -> None:
        self.family_index = (self.family_index + delta) % len(FAMILIES)

    def action_toggle_order(self) -> None:
        self.descending = not self.descending

    def watch_family_index(self) -> None:
        self._redraw()

    def watch_descending(self) -> None:
        self._redraw()

    def on_resize(self) -> None:
        # Shown again, the pane gets a Resize of the same size: the chart is already drawn
        # (at 10,000 rows drawing it takes a large part of a second).
        # LinePane's own handler then re-wraps only if the width changed and no redraw did.
        if self._width() != self._drawn_width:
            self._redraw()

    def on_show(self) -> None:
        """Shown again: draw what changed while hidden."""
        if self._stale:
            self._redraw()

    def _redraw(self) -> None:
        if not self.is_mounted:
            return
        if not self.display:
            # Behind another tab: the filter changes the records at every keystroke, and
            # charting thousands of rows takes longer than a keystroke may; draw when shown.
            self._stale = True
            return
        self._stale = False
        width = self._drawn_width = self._width()
        # The pane's whole width decides (a 140-column terminal is wide), while the text
        # leaves room for the padding and the scroll marks.
        text = render_chart(self.data, width, self.descending, self.outer_size.width >= WIDE)
        if self.scope:
            line = Text(safe_line(self.scope), style=MUTED, end="")
            line.truncate(width, overflow="ellipsis")
            text = Text.assemble(line, "\n", text, end="")
        self.update(text)

    def _width(self) -> int:
        return self.text_width or 80
