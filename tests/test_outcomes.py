"""The outcomes matrix of the shipped published studies, and its csv/md/json renderers."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tui.cli import main
from tui.domain.metrics import Metric
from tui.domain.outcomes import FAMILIES, family_of, published_matrix, render_matrix


@pytest.mark.parametrize(
    ("name", "family"),
    [
        ("CR", "CR-type"),
        ("CR/CRi", "CR-type"),
        ("ORR", "ORR"),
        ("MRD-neg", "MRD-negative"),
        ("OS", "OS"),
        ("PFS", "PFS"),
        ("BM remission", "Other"),
        ("CRS", "Other"),
    ],
)
def test_family_of(name, family):
    assert family_of(Metric(name, 1.0, "%")) == family


def test_shipped_matrix_one_row_per_study_with_intervals_or_reasons(shipped_evidence):
    rows = published_matrix(shipped_evidence)
    assert [row.study for row in rows] == [f"[{ref}]" for ref in range(17, 29)]
    by_study = {row.study: row for row in rows}
    assert by_study["[25]"].cell_text("CR-type") == "CR 60% · n=5 · 3/5, 95% CI 14.7-94.7%"
    assert "No interval: MRD negativity" in by_study["[25]"].cell_text("MRD-negative")
    assert "time-to-event" in by_study["[27]"].cell_text("OS")
    assert "no whole count of 13" in by_study["[19]"].cell_text("Other")
    assert by_study["[20]"].cell_text("OS") == (
        "OS 9.14 months · n=18 · No interval: a duration (time-to-event), not a proportion."
    )
    assert (
        by_study["[21]"]
        .cell_text("MRD-negative")
        .endswith("a count of patients as printed, not a proportion.")
    )
    assert "derived from" in by_study["[26]"].cell_text("CR-type")


def test_shipped_matrix_json_never_gives_an_indefensible_interval(shipped_evidence):
    data = json.loads(render_matrix("json", published_matrix(shipped_evidence)))
    assert data["families"] == list(FAMILIES) and len(data["studies"]) == 12
    for study in data["studies"]:
        for family in ("OS", "PFS", "MRD-negative"):
            assert all("ci95" not in cell for cell in study["outcomes"][family])
    cr25 = next(s for s in data["studies"] if s["study"] == "[25]")["outcomes"]["CR-type"]
    assert cr25 == [{"figure": "CR 60%", "n": 5, "count": 3, "ci95": [14.7, 94.7]}]


def test_shipped_matrix_csv_and_markdown(shipped_evidence):
    rows = published_matrix(shipped_evidence)
    table = list(csv.reader(io.StringIO(render_matrix("csv", rows))))
    assert table[0] == ["Study", "Regimen", "n", *FAMILIES]
    assert len(table) == 13
    md = render_matrix("md", rows).splitlines()
    assert md[0].startswith("| Study | Regimen | n | CR-type |")
    assert len([line for line in md if line.startswith("| [")]) == 12
    assert "ven-tui's own" in md[-1]
    with pytest.raises(ValueError, match="unknown matrix format"):
        render_matrix("xml", rows)


@pytest.mark.parametrize("fmt", ["csv", "md", "json"])
def test_cli_matrix(capsys, fmt):
    assert main(["matrix", "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert "[28]" in out and "22/24" not in out and '"count": 22' not in out  # MRD-neg 91%
    assert ("23/24" in out) if fmt != "json" else ('"count": 23' in out)
