"""What the derived CSV and Markdown columns hold, cell by cell, on the shipped data.

Mutation testing found only the derived headings and counts asserted: blanking the n or the
reference, dropping the interval, or changing a separator passed every test.
"""

from __future__ import annotations

import csv
import io
import json

from tui.domain.export import (
    DERIVED_COLUMNS,
    derived_metric_text,
    derived_values,
    format_metric,
    render,
    table_layout,
    tables_layout,
    to_json,
)
from tui.domain.metrics import Metric
from tui.domain.stats import WITHHELD_SUBGROUP

REF_25_ABBREVIATIONS = (
    "R/R: relapsed or refractory; ETP-ALL: early T-cell precursor acute lymphoblastic "
    "leukemia; CR: complete remission; MRD: minimal residual disease"
)
REF_25_METRICS = f"CR 60% [3 of 5, 95% CI 14.7-94.7%]; MRD-neg 100% [{WITHHELD_SUBGROUP}]"


def published(evidence, reference: int):
    return next(r for r in evidence.records["published"] if r.reference == reference)


def test_shipped_ref_25_derived_values_in_order(shipped_evidence) -> None:
    record = published(shipped_evidence, 25)
    assert derived_values(record) == ["25", "5", "", REF_25_ABBREVIATIONS, REF_25_METRICS]


def test_shipped_trial_derived_values_leave_out_the_nct_id_its_cells_hold(shipped_evidence):
    trial = shipped_evidence.records["phase1"][0]
    assert trial.nct_id == "NCT06082934" and trial.reference is None and trial.n is None
    assert derived_values(trial, nct_in_cells=True) == [
        "",
        "",
        "Ph: Philadelphia chromosome; ALL: acute lymphoblastic leukemia; "
        "OVD: Olverembatinib plus venetoclax and dexamethasone",
        "",
    ]
    assert derived_values(trial)[2] == "NCT06082934"  # the default layout names it


def test_shipped_csv_rows_carry_the_derived_content(shipped_evidence) -> None:
    table = next(t for t in shipped_evidence.dataset.tables if t.id == "published")
    records = shipped_evidence.records["published"]
    rows = list(csv.reader(io.StringIO(render("csv", table_layout(table), records))))
    headings = rows[0]
    assert headings == [*table.columns, *DERIVED_COLUMNS]
    row = dict(zip(headings, rows[1 + records.index(published(shipped_evidence, 25))], strict=True))
    assert row["Population"] == "R/R ETP-ALL (n = 5) [25]"
    assert row["Reference (derived)"] == "25"
    assert row["n (derived)"] == "5"
    assert row["NCT ID (derived)"] == ""
    assert row["Abbreviations (derived)"] == REF_25_ABBREVIATIONS
    assert row["Metrics (derived)"] == REF_25_METRICS


def test_shipped_markdown_rows_carry_the_derived_content(shipped_evidence) -> None:
    table = next(t for t in shipped_evidence.dataset.tables if t.id == "published")
    text = render("md", table_layout(table), [published(shipped_evidence, 25)])
    header, rule, row = text.splitlines()
    assert rule.count("---") == len(table.columns) + len(DERIVED_COLUMNS)
    cells = [cell.strip() for cell in row.strip("|").split(" | ")]
    assert cells[-5:] == ["25", "5", "", REF_25_ABBREVIATIONS, REF_25_METRICS]


def test_an_export_of_several_tables_has_a_table_column_and_every_heading_once(
    shipped_evidence,
) -> None:
    tables = shipped_evidence.dataset.tables
    layout = tables_layout(tables)
    headings = [heading for table in tables for heading in table.columns]
    assert layout.with_table and layout.nct_in_cells
    assert layout.columns == tuple(dict.fromkeys(headings))
    assert layout.headings[0] == "Table"
    assert "NCT ID (derived)" not in layout.headings
    published_only = tables_layout([t for t in tables if t.nct_column is None])
    assert "NCT ID (derived)" in published_only.headings
    trial = shipped_evidence.records["phase1"][0]
    values = dict(zip(layout.headings, layout.values(trial), strict=True))
    assert values["Table"] == "phase1"
    assert values["Study number"] == "NCT06082934"
    study = published(shipped_evidence, 25)
    assert dict(zip(layout.headings, layout.values(study), strict=True))["Study number"] == ""


def test_metric_text_with_context_interval_or_the_reason_for_none() -> None:
    assert format_metric(Metric("CR", 75.0, "%", "frontline")) == "CR 75% (frontline)"
    assert format_metric(Metric("OS", 7.5, "months")) == "OS 7.5 months"
    derived = Metric("CR/CRi", 42.0, "%", None, "all CR/CRi")
    assert format_metric(derived) == 'CR/CRi 42% (derived from "all CR/CRi")'
    assert derived_metric_text(Metric("CR", 60.0, "%"), 5) == "CR 60% [3 of 5, 95% CI 14.7-94.7%]"
    assert derived_metric_text(Metric("OS", 7.0, "months"), 5) == "OS 7 months"
    assert derived_metric_text(Metric("CR", 60.0, "%"), None).startswith("CR 60% [No interval")


def test_json_is_indented_by_two_and_escapes_what_a_terminal_would_run(shipped_evidence):
    record = published(shipped_evidence, 25)
    text = to_json([record])
    assert text.startswith('[\n  {\n    "table": "published",\n')
    assert text.endswith("\n]\n")
    assert json.loads(text)[0]["reference"] == 25


def test_json_escapes_a_noncharacter_as_one_code_unit() -> None:
    from tui.domain.export import _NOT_ASCII_PRINTABLE, _json_escape

    assert _NOT_ASCII_PRINTABLE.sub(_json_escape, "\U000e0041") == "\\udb40\\udc41"
    assert json.loads('"' + _NOT_ASCII_PRINTABLE.sub(_json_escape, "\U000e0041") + '"') == (
        "\U000e0041"
    )


def test_a_two_character_formula_is_defused_but_a_lone_sign_is_not() -> None:
    from tui.domain.export import _csv_cell

    assert _csv_cell("-1") == "'-1"
    assert _csv_cell("=") == "="
    assert _csv_cell("-") == "-"
    assert _csv_cell("@x") == "'@x"
