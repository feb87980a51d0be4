"""The registry sync against a local stand-in API: success, every failure, and the cache kept."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.registry_fixtures import IDS, ONLY_IN_REGISTRY, RECRUITING, stand_in_registry
from tests.registry_server import synthetic_study
from tui.cli import main
from tui.domain.registry import (
    MAX_FIELD,
    RegistryCache,
    age_in_years,
    cache_path,
    parse_study,
    read_cache,
    write_cache,
)
from tui.domain.registry_sync import Fetcher, retry_after, sync


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch) -> Path:
    """A private user cache directory; the command line's waits between requests are skipped."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr("tui.domain.registry_sync.time.sleep", lambda _seconds: None)
    return tmp_path / "cache" / "ven-tui" / "registry.json"


@pytest.fixture
def api():
    with stand_in_registry() as server:
        yield server


def fetcher(url: str, **options) -> tuple[Fetcher, list[float]]:
    slept: list[float] = []
    made = Fetcher(url, min_interval=0, backoff=0.01, sleep=slept.append, **options)
    return made, slept


def test_the_cache_lives_in_the_user_cache_directory(cache_home: Path):
    assert cache_path() == cache_home


def test_a_sync_follows_pages_and_finds_the_trials_the_review_lacks(api):
    made, _ = fetcher(api.url)
    with made:
        result = sync(IDS, made)
    assert result.complete, result.problems
    assert set(result.cache.records) == {*IDS, *ONLY_IN_REGISTRY}
    assert result.cache.discovered == tuple(ONLY_IN_REGISTRY)
    assert any("pageToken=4" in path for path in api.behaviour.requests), "pages were followed"
    record = result.cache.records["NCT06082934"]
    assert record.status == "RECRUITING" and record.status_text == "Recruiting"
    assert record.countries == ("France", "Spain") and record.sites == 2
    assert record.source_url.startswith(api.url) and record.fetched == result.cache.synced


def test_a_503_is_retried(api):
    api.behaviour.fail_first = 1
    made, slept = fetcher(api.url)
    with made:
        result = sync(IDS, made)
    assert result.complete and slept == [0.01]


def test_a_429_waits_for_its_retry_after(api):
    api.behaviour.rate_limit_first = 1
    made, slept = fetcher(api.url)
    with made:
        result = sync(IDS, made)
    assert result.complete and slept == [7.0]


def test_retry_after_reads_seconds_and_dates_and_is_capped():
    assert retry_after("3", 1.0) == 3.0
    assert retry_after("100000", 1.0) == 120.0
    assert retry_after(None, 1.5) == 1.5 and retry_after("soon", 2.0) == 2.0
    later = (datetime.now(UTC) + timedelta(seconds=30)).strftime("%a, %d %b %Y %H:%M:%S GMT")
    assert 20 <= retry_after(later, 1.0) <= 31


def test_an_id_the_registry_does_not_know_is_a_problem(api):
    del api.behaviour.studies["NCT05576532"]
    made, _ = fetcher(api.url)
    with made:
        result = sync(IDS, made)
    assert result.problems == ["NCT05576532: not found in the registry (HTTP 404)"]


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ({"malformed": True}, "not valid JSON"),
        ({"oversized": 9 * 1024 * 1024}, "over 8,388,608 bytes"),
        ({"fail_first": 99}, "HTTP 503"),
    ],
)
def test_bad_answers_are_problems(api, setting, expected):
    for key, value in setting.items():
        setattr(api.behaviour, key, value)
    made, _ = fetcher(api.url)
    with made:
        result = sync(IDS, made)
    assert not result.complete and expected in result.problems[0]
    assert len(result.problems) == 1, "one line, not one per trial"


def test_a_slow_answer_times_out(api):
    api.behaviour.delay = 1.0
    made, _ = fetcher(api.url, timeout=0.2)
    with made:
        result = sync(IDS[:1], made)
    assert not result.complete and "no answer within 0.2 s" in result.problems[0]


def test_a_dead_port_is_a_clear_problem():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    made, _ = fetcher(f"http://127.0.0.1:{port}/api/v2")
    with made:
        result = sync(IDS, made)
    assert len(result.problems) == 1 and "cannot connect" in result.problems[0]


def test_registry_text_is_bounded_and_kept_apart_from_the_review():
    hostile = synthetic_study(
        "NCT09000003", title="\x1b]52;c;aGk=\x07[bold]x[/]" + "A" * 10_000, countries=["\x1b[2J"]
    )
    record = parse_study(hostile, "2026-12-02T00:00:00+00:00", "http://127.0.0.1/x")
    assert len(record.title) == MAX_FIELD
    from tui.domain.sanitize import safe_line

    assert "\x1b" not in safe_line(record.title) and "\x1b" not in safe_line(record.countries[0])


def test_ages_in_years():
    assert age_in_years("18 Years") == 18 and age_in_years("6 Months") == 0.5
    assert age_in_years("") is None and age_in_years("N/A") is None


def previous_cache(path: Path) -> bytes:
    write_cache(RegistryCache("2026-11-01T00:00:00+00:00", "http://old", {}, ("NCT09999999",)))
    return path.read_bytes()


@pytest.mark.parametrize("setting", [{"malformed": True}, {"fail_first": 99}, {"studies": {}}])
def test_a_failed_sync_keeps_the_previous_cache(api, cache_home, capsys, setting):
    before = previous_cache(cache_home)
    for key, value in setting.items():
        setattr(api.behaviour, key, value)
    code = main(["registry", "sync", "--registry-url", api.url])
    err = capsys.readouterr().err
    assert code == 1 and cache_home.read_bytes() == before
    assert "the previous cache is kept" in err and all(
        line.startswith("ven-tui: ") for line in err.splitlines()
    )


def test_a_sync_against_a_dead_endpoint_keeps_the_cache(cache_home, capsys, monkeypatch):
    before = previous_cache(cache_home)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("VEN_TUI_REGISTRY_URL", f"http://127.0.0.1:{port}/api/v2")
    assert main(["registry", "sync"]) == 1
    assert "cannot connect" in capsys.readouterr().err
    assert cache_home.read_bytes() == before


def test_sync_then_filter_by_status_and_list_the_registry_table(api, cache_home, capsys):
    assert main(["registry", "sync", "--registry-url", api.url]) == 0
    out = capsys.readouterr().out
    assert out.startswith("synced 17 trials") and str(cache_home) in out
    cache = json.loads(cache_home.read_text())
    assert (
        cache["records"]["NCT06082934"]["fetched"] and cache["records"]["NCT06082934"]["source_url"]
    )
    assert main(["ids", "--filter", "status:recruiting"]) == 0
    assert capsys.readouterr().out.split() == [i for i in IDS if i in RECRUITING]
    assert main(["ids", "--filter", "-status:recruiting country:france"]) == 0
    assert set(capsys.readouterr().out.split()) == set(IDS) - set(RECRUITING)
    assert main(["ids", "--table", "registry"]) == 0
    assert capsys.readouterr().out.split() == list(ONLY_IN_REGISTRY)
    assert main(["ids", "--filter", "age:10"]) == 0
    assert capsys.readouterr().out == "", "18-75 years excludes a 10-year-old"
    assert main(["registry", "status"]) == 0
    status = capsys.readouterr().out
    assert "17 trials, 3 recruiting; 2 found only in the registry" in status


def test_without_a_cache_registry_terms_match_nothing(cache_home, capsys):
    assert read_cache() is None
    assert main(["ids", "--filter", "status:recruiting"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["registry", "status"]) == 0
    assert "no registry cache" in capsys.readouterr().out


def test_an_unknown_status_is_a_query_error(capsys):
    assert main(["ids", "--filter", "status:open"]) == 2
    err = capsys.readouterr().err
    assert "is not a registry status" in err and "recruiting" in err


def test_export_and_ids_never_import_the_http_client(api, cache_home):
    script = (
        "import sys; from tui.cli import main; "
        "main(['ids', '--filter', 'status:recruiting']); main(['export', '--format', 'json']);"
        "assert 'httpx' not in sys.modules, 'httpx imported'"
    )
    env = {"XDG_CACHE_HOME": str(cache_home.parent.parent), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("url", ["http://[::1", "ftp://127.0.0.1/api", "not a url"])
def test_an_unusable_registry_url_is_a_clear_problem_and_keeps_the_cache(url, cache_home, capsys):
    before = previous_cache(cache_home)
    assert main(["registry", "sync", "--registry-url", url]) == 1
    err = capsys.readouterr().err
    assert "internal error" not in err and "Traceback" not in err
    assert err.strip(), "one line says what is wrong"
    assert cache_home.read_bytes() == before


def test_registry_terms_without_a_cache_warn_on_stderr(cache_home, capsys):
    cache_home.unlink(missing_ok=True)
    assert main(["ids", "--filter", "status:recruiting"]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "warning: no registry cache at" in captured.err and captured.err.count("\n") == 1


def test_a_damaged_cache_is_named_as_such(cache_home, capsys):
    cache_home.parent.mkdir(parents=True, exist_ok=True)
    cache_home.write_text('{"version": 1, "records": ', encoding="utf-8")
    assert main(["registry", "status"]) == 0
    assert "cannot be read" in capsys.readouterr().out
    assert main(["ids", "--filter", "status:recruiting"]) == 0
    assert "cannot be read" in capsys.readouterr().err
