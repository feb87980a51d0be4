"""Honest numbers over every output: an interval only where the printed figure supports it.

Two halves. A test over the shipped exports (``ven-tui export`` in json, csv and md, and
``ven-tui matrix`` in the same three) reads every interval back out of the text, checks
that its count reproduces the printed figure at its printed precision and that its bounds
are the exact interval of that count, and that no OS, PFS, EFS, DFS, survival or MRD figure
and no figure with a context carries one. A property test sends generated metrics through
every path that prints a figure (JSON entry, CSV/Markdown text, matrix cell, detail-pane
line, chart bar) and holds them all to the same rule.
"""

from __future__ import annotations

import csv
import io
import json
import re
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.cli import main
from tui.domain.chart_model import FAMILIES, chart_data
from tui.domain.export import derived_metric_text, metric_to_dict
from tui.domain.metrics import Metric
from tui.domain.models import SourceTable
from tui.domain.outcomes import outcome_cell
from tui.domain.rate_text import describe_judgement
from tui.domain.records import Record
from tui.domain.stats import assess_rate, clopper_pearson, round_half_up

INDEFENSIBLE = re.compile(r"\b(?:OS|PFS|EFS|DFS|RFS|MRD|survival)\b", re.IGNORECASE)
# "CR 60% (R/R)" or 'CR/CRi 42% (derived from "ORR 42%, all CR/CRi")': a figure as printed.
FIGURE = (
    r"(?P<name>.+?) (?P<value>[0-9.]+)%(?: \((?P<context>(?!derived from )[^()]*)\))?"
    r'(?: \(derived from "[^"]*"\))?'
)
# "CR 60% [3 of 5, 95% CI 14.7-94.7%]" in the csv and md "Metrics (derived)" column.
TEXT_INTERVAL = re.compile(
    FIGURE + r" \[(?P<k>[0-9]+) of (?P<n>[0-9]+), 95% CI (?P<low>[0-9.]+)-(?P<high>[0-9.]+)%\]"
)
# "CR 60% · n=5 · 3/5, 95% CI 14.7-94.7%" in a matrix cell.
CELL_INTERVAL = re.compile(
    FIGURE + r" · n=(?P<n>[0-9]+) · (?P<k>[0-9]+)/(?P=n), "
    r"95% CI (?P<low>[0-9.]+)-(?P<high>[0-9.]+)%"
)


def printed_fits(count: int, n: int, value: str | float) -> bool:
    """100*k/n printed at the figure's own decimals reads as the figure."""
    shown = f"{float(value):g}"
    decimals = len(shown.split(".")[1]) if "." in shown else 0
    return abs(Fraction(100 * count, n) - Fraction(shown)) <= Fraction(1, 2) / 10**decimals


def exact_bounds(count: int, n: int) -> tuple[float, float]:
    low, high = clopper_pearson(count, n)
    return round_half_up(low * 100, 1), round_half_up(high * 100, 1)


def check_interval(name: str, value: str, context: str | None, k: int, n: int, bounds) -> None:
    assert not INDEFENSIBLE.search(name), name
    assert context is None, (name, context)
    assert printed_fits(k, n, value), (name, value, k, n)
    assert tuple(float(b) for b in bounds) == exact_bounds(k, n), (name, bounds)


def cli(capsys, *args: str) -> str:
    assert main(list(args)) == 0
    return capsys.readouterr().out


def test_shipped_json_export_every_interval_fits_and_none_is_indefensible(capsys):
    rows = json.loads(cli(capsys, "export", "--format", "json"))
    intervals = withheld = 0
    for row in rows:
        for metric in row["metrics"]:
            if "ci95" in metric:
                intervals += 1
                check_interval(
                    metric["name"],
                    metric["value"],
                    metric["context"],
                    metric["count"],
                    row["n"],
                    metric["ci95"],
                )
            elif metric["unit"] == "%":
                withheld += 1
                assert metric["interval_withheld"].startswith("No interval: ")
    assert intervals == 9 and withheld == 11


@pytest.mark.parametrize("fmt", ["csv", "md"])
def test_shipped_text_exports_every_interval_fits_and_none_is_indefensible(capsys, fmt):
    out = cli(capsys, "export", "--format", fmt)
    if fmt == "csv":
        table = list(csv.reader(io.StringIO(out)))
        column = table[0].index("Metrics (derived)")
        cells = [row[column] for row in table[1:]]
    else:
        lines = [line for line in out.splitlines() if line.startswith("| ")]
        headings = [h.strip() for h in lines[0].strip("|").split(" | ")]
        column = headings.index("Metrics (derived)")
        cells = [line.strip("|").split(" | ")[column].strip() for line in lines[1:]]
    intervals = 0
    for cell in cells:
        for text in filter(None, cell.split("; ")):
            found = TEXT_INTERVAL.fullmatch(text)
            if found is None:
                assert "[" not in text or "[No interval: " in text, text
                continue
            intervals += 1
            check_interval(
                found["name"],
                found["value"],
                found["context"],
                int(found["k"]),
                int(found["n"]),
                (found["low"], found["high"]),
            )
    assert intervals == 9
    assert "22 of 24" not in out and "8 of 13" not in out and "5 of 5" not in out


@pytest.mark.parametrize("fmt", ["csv", "md", "json"])
def test_shipped_matrix_every_interval_fits_and_none_is_indefensible(capsys, fmt):
    out = cli(capsys, "matrix", "--format", fmt)
    intervals = 0
    if fmt == "json":
        for study in json.loads(out)["studies"]:
            for cells in study["outcomes"].values():
                for cell in cells:
                    assert ("ci95" in cell) != ("interval_withheld" in cell), cell
                    if "ci95" in cell:
                        intervals += 1
                        figure = re.fullmatch(FIGURE, cell["figure"])
                        check_interval(
                            figure["name"],
                            figure["value"],
                            figure["context"],
                            cell["count"],
                            cell["n"],
                            cell["ci95"],
                        )
    else:
        if fmt == "csv":
            rows = list(csv.reader(io.StringIO(out)))[1:]
        else:
            rows = [
                [cell.strip().replace("\\|", "|") for cell in line.strip("|").split(" | ")]
                for line in out.splitlines()
                if line.startswith("| [")
            ]
        assert len(rows) == 12
        for row in rows:
            for cell in row[3:]:
                for text in filter(None, cell.split("; ")):
                    found = CELL_INTERVAL.fullmatch(text)
                    if found is None:
                        assert "CI" not in text and "No interval: " in text, text
                        continue
                    intervals += 1
                    check_interval(
                        found["name"],
                        found["value"],
                        found["context"],
                        int(found["k"]),
                        int(found["n"]),
                        (found["low"], found["high"]),
                    )
    assert intervals == 9


NAMES = st.one_of(
    st.sampled_from(
        (
            "CR",
            "CR/CRi",
            "ORR",
            "BM remission",
            "OS",
            "PFS",
            "EFS",
            "DFS",
            "2-year OS",
            "overall survival",
            "event-free survival",
            "MRD-neg",
            "MRD negativity",
        )
    ),
    st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghij/-", min_size=1, max_size=12)
    .map(str.strip)
    .filter(bool),
)
METRICS = st.builds(
    Metric,
    name=NAMES,
    value=st.one_of(
        st.integers(0, 100).map(float),
        st.floats(0, 100, allow_nan=False).map(lambda v: round(v, 1)),
    ),
    unit=st.sampled_from(("%", "%", "%", "months", "patients")),
    context=st.one_of(st.none(), st.sampled_from(("R/R", "frontline", "untreated", "x"))),
)


def _record(metric: Metric, n: int | None) -> Record:
    return Record(
        table_id="published",
        index=0,
        cells={"Intervention": "Venetoclax + test", "Primary outcome": "generated"},
        nct_id=None,
        reference=1,
        n=n,
        abbreviations=(),
        cell_abbreviations={},
        metrics=(metric,),
        note=None,
        search_text="",
        column_search_text={},
    )


@settings(max_examples=300, deadline=None)
@given(METRICS, st.one_of(st.none(), st.integers(1, 400)))
def test_property_every_output_path_gives_an_interval_only_where_defensible(metric, n):
    judgement = assess_rate(metric, n)
    defensible = judgement is not None and judgement.estimate is not None
    if defensible:
        assert metric.context is None and not INDEFENSIBLE.search(metric.name)
        assert printed_fits(judgement.estimate.count, n, metric.value)
    entry = metric_to_dict(metric, n)
    assert ("ci95" in entry) == defensible
    assert ("count" in entry) == defensible
    if metric.unit == "%":
        assert ("interval_withheld" in entry) != defensible
    text = derived_metric_text(metric, n)
    assert ("95% CI" in text) == defensible
    cell = outcome_cell(metric, n)
    assert (cell.ci95 is not None) == defensible
    assert (cell.interval_withheld is not None) != defensible  # every other cell says why
    if judgement is not None:
        assert ("95% CI" in describe_judgement(judgement)) == defensible
    record = _record(metric, n)
    for family in FAMILIES:
        for bar in chart_data(_table(), [record], family).bars:
            assert (bar.estimate is not None) == defensible


def _table() -> SourceTable:
    return SourceTable(
        id="published",
        label="Table 1",
        title="t",
        columns=["Intervention", "Primary outcome"],
        footnote="",
        rows=[],
        nct_column=None,
        outcome_column="Primary outcome",
    )
