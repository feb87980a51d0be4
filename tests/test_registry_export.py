"""Registry data in the domain: the status column, and the exports (JSON, CSV, Markdown)."""

from __future__ import annotations

import csv
import io
import json
import socket
import subprocess
import sys

import pytest

from tests.registry_fixtures import (
    EVIDENCE,
    IDS,
    ONLY_IN_REGISTRY,
    RECRUITING,
    synthetic_cache,
    write_synthetic_cache,
)
from tui.cli import main
from tui.domain.export import (
    REGISTRY_TABLE,
    registry_only_records,
    registry_table_layout,
    render,
    table_layout,
)
from tui.domain.table_columns import REGISTRY_STATUS, columns_for, sort_records

PHASE2 = EVIDENCE.table("phase2")
PHASE2_ROWS = EVIDENCE.records["phase2"]


def test_the_status_column_shows_the_registry_words_and_a_dash_when_unknown():
    cache = synthetic_cache(missing=("NCT05182385",))
    columns = columns_for(PHASE2.columns, PHASE2_ROWS, cache.records)
    status = columns[-1]
    assert status.heading == REGISTRY_STATUS and status.derived
    texts = {row.nct_id: status.text(row) for row in PHASE2_ROWS}
    assert texts["NCT05182385"] == "-", "not in the cache"
    assert texts["NCT06082934"] == "Recruiting"
    assert {t for n, t in texts.items() if n not in RECRUITING} == {"Completed"}


def test_without_a_cache_there_is_no_status_column():
    headings = [c.heading for c in columns_for(PHASE2.columns, PHASE2_ROWS)]
    assert REGISTRY_STATUS not in headings


def test_a_table_without_nct_ids_gains_no_status_column():
    rows = [row for row in PHASE2_ROWS if row.nct_id is None]
    headings = [c.heading for c in columns_for(PHASE2.columns, rows, synthetic_cache().records)]
    assert REGISTRY_STATUS not in headings


def test_sorting_by_status_puts_unknown_last():
    cache = synthetic_cache(missing=("NCT05182385",))
    status = columns_for(PHASE2.columns, PHASE2_ROWS, cache.records)[-1]
    ordered = [status.text(row) for row in sort_records(PHASE2_ROWS, status, reverse=True)]
    assert ordered[-1] == "-" and ordered[0] == "Recruiting"


def test_json_rows_carry_the_registry_object_with_the_api_enum():
    cache = synthetic_cache()
    layout = table_layout(PHASE2, cache)
    rows = json.loads(render("json", layout, PHASE2_ROWS))
    by_id = {row["nct_id"]: row["registry"] for row in rows}
    entry = by_id["NCT06082934"]
    assert entry["status"] == "RECRUITING" and entry["source"] == "ClinicalTrials.gov"
    assert entry["enrollment"] == 40 and entry["enrollment_type"] == "ESTIMATED"
    ages = (entry["minimum_age"], entry["maximum_age"], entry["sex"])
    assert ages == ("18 Years", "75 Years", "ALL")
    assert entry["lead_sponsor"] == "Synthetic Sponsor" and entry["sites"] == 2
    assert entry["countries"] == ["France", "Spain"]
    assert entry["url"] == "https://clinicaltrials.gov/study/NCT06082934"
    assert entry["fetched"] == cache.synced and entry["last_update"] == "2026-10-01"


def test_json_rows_have_a_null_registry_without_a_cache():
    rows = json.loads(render("json", table_layout(PHASE2), PHASE2_ROWS))
    assert rows and all(row["registry"] is None for row in rows)


def test_csv_gains_registry_columns_labelled_with_the_as_of_date():
    cache = synthetic_cache()
    rows = list(csv.reader(io.StringIO(render("csv", table_layout(PHASE2, cache), PHASE2_ROWS))))
    headings = rows[0]
    status_heading = f"Registry status (derived from ClinicalTrials.gov, as of {cache.as_of})"
    assert status_heading in headings
    index = headings.index(status_heading)
    statuses = {row[0]: row[index] for row in rows[1:]}
    assert statuses["NCT06082934"] == "Recruiting"
    without = next(csv.reader(io.StringIO(render("csv", table_layout(PHASE2), PHASE2_ROWS))))
    assert not any(h.startswith("Registry") for h in without)


def test_hostile_registry_text_is_defused_in_every_format():
    cache = synthetic_cache(hostile=True)
    for fmt in ("csv", "md", "json"):
        text = render(fmt, table_layout(PHASE2, cache), PHASE2_ROWS)
        assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text, fmt
    markdown = render("md", table_layout(PHASE2, cache), PHASE2_ROWS)
    assert "<img" not in markdown and "&lt;img" in markdown
    rows = json.loads(render("json", table_layout(PHASE2, cache), PHASE2_ROWS))
    assert rows[0]["registry"]["title"].startswith("\x1b]52"), "JSON escapes, losslessly"


def test_the_registry_table_states_provenance_on_every_row():
    cache = synthetic_cache()
    records = registry_only_records(cache, IDS)
    assert [r.nct_id for r in records] == list(ONLY_IN_REGISTRY)
    assert all(r.table_id == REGISTRY_TABLE for r in records)
    rows = json.loads(render("json", registry_table_layout(cache), records))
    assert all("not in the review" in row["provenance"] for row in rows)
    table = list(csv.reader(io.StringIO(render("csv", registry_table_layout(cache), records))))
    index = table[0].index("Provenance (derived)")
    assert all(cache.as_of in row[index] and "not in the review" in row[index] for row in table[1:])


@pytest.fixture
def cached(tmp_path, monkeypatch):
    """A cache in a private user cache directory, and a guard failing any connection."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    cache = write_synthetic_cache()
    attempts: list[object] = []

    def refuse(self, address):  # noqa: ANN001
        attempts.append(address)
        raise AssertionError(f"a connection was opened to {address}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    yield cache
    assert attempts == []


def test_export_of_every_table_adds_the_registry_only_trials(cached, capsys):
    assert main(["export", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    registry_rows = [row for row in rows if row["table"] == REGISTRY_TABLE]
    assert [row["nct_id"] for row in registry_rows] == list(ONLY_IN_REGISTRY)
    assert all("not in the review" in row["provenance"] for row in registry_rows)
    assert main(["export", "--format", "csv"]) == 0
    table = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    index = table[0].index("Provenance (derived)")
    assert {row[index] for row in table[1:] if row[0] != REGISTRY_TABLE} == {"the review (2025)"}


def test_export_of_the_registry_table_filters_by_registry_terms_only(cached, capsys):
    assert main(["export", "--table", "registry", "--filter", "status:completed"]) == 0
    out = capsys.readouterr().out
    assert all(nct in out for nct in ONLY_IN_REGISTRY)
    assert main(["export", "--table", "registry", "--filter", "status:recruiting"]) == 0
    assert not any(nct in capsys.readouterr().out for nct in ONLY_IN_REGISTRY)
    assert main(["export", "--table", "registry", "--filter", "venetoclax"]) == 2
    assert "only status:, country: and age:N" in capsys.readouterr().err


def test_export_filtered_by_status_offline(cached, capsys):
    argv = ["export", "--table", "phase2", "--filter", "status:recruiting", "--format", "json"]
    assert main(argv) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and all(row["registry"]["status"] == "RECRUITING" for row in rows)


@pytest.mark.parametrize("command", ["export", "ids"])
@pytest.mark.parametrize("filters", [[], ["--filter", "status:recruiting"]])
def test_the_registry_table_without_a_cache_says_what_to_do(command, filters, capsys):
    assert main([command, "--table", "registry", *filters]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and "no registry cache yet" in err
    assert "ven-tui registry sync" in err


def test_exports_and_ids_import_no_http_client(tmp_path):
    write_synthetic_cache(tmp_path / "ven-tui" / "registry.json")
    script = (
        "import sys; from tui.cli import main\n"
        "for argv in (['export'], ['export', '--table', 'registry', '--format', 'json'],\n"
        "             ['ids', '--table', 'registry'], ['ids', '--filter', 'status:recruiting']):\n"
        "    assert main(argv) == 0, argv\n"
        "assert 'httpx' not in sys.modules, 'httpx imported'\n"
        "assert 'tui.domain.registry_sync' not in sys.modules\n"
    )
    env = {"XDG_CACHE_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "NCT09000001" in result.stdout
