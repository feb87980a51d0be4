"""The registry in the browser (Pilot): status column, detail section, tab, filter and sync."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.registry_fixtures import (
    EVIDENCE,
    IDS,
    ONLY_IN_REGISTRY,
    RECRUITING,
    stand_in_registry,
    synthetic_cache,
    write_synthetic_cache,
)
from tests.registry_server import HOSTILE_TITLE, synthetic_study
from tests.rendering import assert_screen_clean, screen_text
from tui.app import VenTuiApp
from tui.domain.registry import cache_path, read_cache
from tui.screens.registry_sync import RegistrySyncScreen
from tui.widgets.detail_pane import DetailPane
from tui.widgets.evidence_table import EvidenceTable
from tui.widgets.registry_view import RegistryView
from tui.widgets.row_view import RowView

WIDE = (160, 48)
FAST = {"min_interval": 0, "backoff": 0.01, "timeout": 2.0}


def status_cells(app: VenTuiApp, table_id: str) -> dict[str, str]:
    """NCT ID -> the text of the last (registry status) cell of each row shown."""
    table = app.screen.query_one(f"#pane-{table_id}", EvidenceTable)
    rows = table.query_one(RowView)
    return {
        record.nct_id or "": rows.get_row_at(index)[-1].plain
        for index, record in enumerate(table.visible_records)
    }


def detail_text(app: VenTuiApp) -> str:
    return app.screen.query_one(DetailPane).content.plain


async def open_registry_tab(app: VenTuiApp, pilot) -> RegistryView:  # noqa: ANN001
    await app.screen.show_tab(app.screen.tab_index("registry"))
    await pilot.pause()
    return app.screen.query_one("#pane-registry", RegistryView)


@pytest.fixture
def api():
    with stand_in_registry() as server:
        yield server


# -- reading the cache --------------------------------------------------------------------


async def test_the_status_column_shows_the_registry_status_or_a_dash() -> None:
    app = VenTuiApp(EVIDENCE, registry=synthetic_cache(missing=("NCT05182385",)))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        cells = status_cells(app, "phase2")
        assert cells["NCT06082934"] == "Recruiting"
        assert cells["NCT05182385"] == "-", "not in the cache: unknown"
        assert {v for k, v in cells.items() if k not in RECRUITING} <= {"Completed", "-"}
        assert "Registry status" in screen_text(app)


async def test_without_a_cache_the_tables_have_no_status_column() -> None:
    app = VenTuiApp(EVIDENCE)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        assert "Registry status" not in screen_text(app)
        assert "Registry (" not in detail_text(app)


async def test_the_detail_pane_has_a_dated_registry_section_apart_from_the_cells() -> None:
    cache = synthetic_cache()
    app = VenTuiApp(EVIDENCE, registry=cache)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        text = detail_text(app)
        heading = f"Registry (ClinicalTrials.gov, as of {cache.as_of})"
        assert heading in text
        section = text[text.index(heading) :]
        for line in (
            "┃ Status: Completed",
            "┃ Last update: 2026-10-01",
            "┃ Enrollment: 40 (estimated)",
            "┃ Eligibility: ages 18 Years to 75 Years; sex: All",
            "┃ Lead sponsor: Synthetic Sponsor",
            "┃ Sites: 2 sites in France, Spain",
            "┃ Link: https://clinicaltrials.gov/study/NCT06578546",
        ):
            assert line in section, line
        assert text.index("Population") < text.index(heading), "the review's cells come first"
        assert "older than" not in section and "⚠" not in section


async def test_an_old_cache_is_flagged_in_the_detail_pane_and_the_registry_tab() -> None:
    app = VenTuiApp(EVIDENCE, registry=synthetic_cache(age_days=45))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        assert "⚠ This registry data is 45 days old (more than 30 days)" in detail_text(app)
        view = await open_registry_tab(app, pilot)
        assert "45 days old" in view.query_one(".registry-provenance").content.plain


async def test_status_terms_filter_the_tables_in_the_browser() -> None:
    app = VenTuiApp(EVIDENCE, registry=synthetic_cache())
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash", *"status:recruiting", "enter")
        await pilot.pause()
        shown = {r.nct_id for t in app.screen.query(EvidenceTable) for r in t.visible_records}
        assert shown == set(RECRUITING)


async def test_the_registry_tab_lists_what_the_review_lacks_and_copies_ids() -> None:
    app = VenTuiApp(EVIDENCE, registry=synthetic_cache())
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_registry_tab(app, pilot)
        assert [e.nct_id for e in view.entries] == list(ONLY_IN_REGISTRY)
        assert "Not in the review" in view.query_one(".registry-provenance").content.plain
        entry = view.query_one(".registry-entry").content.plain
        assert "Lead sponsor: Synthetic Sponsor" in entry and "2 sites in France, Spain" in entry
        await pilot.press("j", "c")
        assert app.clipboard == ONLY_IN_REGISTRY[1]
        assert ONLY_IN_REGISTRY[1] in list(app._notifications)[-1].message
        await pilot.press("C")
        assert app.clipboard == "\n".join(ONLY_IN_REGISTRY)


async def test_the_registry_tab_without_a_cache_says_how_to_get_one() -> None:
    app = VenTuiApp(EVIDENCE)
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_registry_tab(app, pilot)
        assert "No registry data yet: press R to sync (needs network)" in screen_text(app)
        await pilot.press("c")
        notice = list(app._notifications)[-1]
        assert view.entries == () and notice.title.startswith("Nothing to copy")
        assert "no registry data yet" in notice.message


async def test_hostile_registry_text_reaches_no_output_raw() -> None:
    app = VenTuiApp(EVIDENCE, registry=synthetic_cache(hostile=True))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        assert "[bold red]x[/]" in detail_text(app), "markup shown as text, not applied"
        assert_screen_clean(app, "detail pane with hostile registry text")
        await open_registry_tab(app, pilot)
        assert_screen_clean(app, "registry tab with hostile registry text")


def test_the_browser_starts_and_browses_without_importing_an_http_client(tmp_path: Path):
    """Start-up reads the cache offline; httpx loads only when a sync runs."""
    write_synthetic_cache(tmp_path / "ven-tui" / "registry.json")
    script = """
import asyncio, socket, sys
def refuse(self, address):
    raise AssertionError(f"connection to {address}")
socket.socket.connect = refuse
from tui.domain.registry import read_cache
from tui.app import VenTuiApp
from tests.registry_fixtures import EVIDENCE
async def main():
    app = VenTuiApp(EVIDENCE, registry=read_cache())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "j", "slash", *"status:recruiting", "enter")
        await app.screen.show_tab(app.screen.tab_index("registry"))
        await pilot.pause()
    assert app.registry is not None
asyncio.run(main())
assert "httpx" not in sys.modules, "httpx imported"
assert "tui.domain.registry_sync" not in sys.modules
print("ok")
"""
    env = {"XDG_CACHE_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).resolve().parent.parent,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr[-2000:]


# -- syncing from the browser ------------------------------------------------------------


def push_sync(app: VenTuiApp, url: str, **options: object) -> RegistrySyncScreen:
    """The dialog R opens, with short waits; its result goes to the screen as R's does."""
    screen = RegistrySyncScreen(IDS, url, previous=app.registry, fetcher_options=FAST | options)
    app.push_screen(screen, app.screen.registry_synced)
    return screen


async def wait_for(pilot, condition, seconds: float = 10.0) -> None:  # noqa: ANN001
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await pilot.pause(0.05)


async def test_r_syncs_in_a_worker_and_the_status_column_appears(api) -> None:
    app = VenTuiApp(EVIDENCE, registry_url=api.url)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("3")
        await pilot.pause()
        assert "Registry status" not in screen_text(app)
        await pilot.press("R")
        await pilot.pause()
        assert isinstance(app.screen, RegistrySyncScreen)
        await wait_for(pilot, lambda: not isinstance(app.screen, RegistrySyncScreen), 30)
        # The dialog is gone a moment before its result reaches the main screen: under a
        # full test run the check below could come in between.
        await wait_for(pilot, lambda: app.registry is not None)
        await pilot.pause()
        assert status_cells(app, "phase2")["NCT06082934"] == "Recruiting"
        assert read_cache() is not None and read_cache().synced == app.registry.synced
        assert "Registry (ClinicalTrials.gov, as of" in detail_text(app)


async def test_a_sync_updates_the_filter_and_the_registry_tab(api) -> None:
    app = VenTuiApp(EVIDENCE)
    async with app.run_test(size=WIDE) as pilot:
        view = await open_registry_tab(app, pilot)
        await pilot.press("slash", *"status:recruiting", "enter")
        await pilot.pause()
        assert all(not t.visible_records for t in app.screen.query(EvidenceTable))
        push_sync(app, api.url)
        await wait_for(pilot, lambda: app.registry is not None)
        await pilot.pause()
        shown = {r.nct_id for t in app.screen.query(EvidenceTable) for r in t.visible_records}
        assert shown == set(RECRUITING), "the query in force asks the new cache"
        assert view.entries == (), "the filter applies here too: those two are completed"
        await pilot.press("slash", *"status:completed", "enter")
        await pilot.pause()
        assert [e.nct_id for e in view.entries] == list(ONLY_IN_REGISTRY)


def previous(cache_file: Path) -> bytes:
    write_synthetic_cache(cache_file, age_days=3)
    return cache_file.read_bytes()


def dead_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/api/v2"


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ({"fail_first": 99}, "HTTP 503"),
        ({"malformed": True}, "not valid JSON"),
        ({"oversized": 9 * 1024 * 1024}, "over 8,388,608 bytes"),
        ({"missing": "NCT05576532"}, "NCT05576532: not found in the registry (HTTP 404)"),
        ({"delay": 1.5}, "no answer within 0.3 s"),
        ({"dead": True}, "cannot connect"),
    ],
)
async def test_a_failed_sync_lists_its_problems_and_keeps_the_cache(api, setting, expected):
    cache_file = cache_path()
    before = previous(cache_file)
    url = api.url
    options: dict[str, object] = {}
    for key, value in setting.items():
        if key == "missing":
            del api.behaviour.studies[str(value)]
        elif key == "dead":
            url = dead_url()
        elif key == "delay":
            api.behaviour.delay = float(value)  # type: ignore[arg-type]
            options["timeout"] = 0.3
        else:
            setattr(api.behaviour, key, value)
    app = VenTuiApp(EVIDENCE, registry=read_cache())
    kept = app.registry
    async with app.run_test(size=(80, 24)) as pilot:
        screen = push_sync(app, url, **options)
        await wait_for(pilot, lambda: screen.stage != "running", 30)
        assert screen.stage == "failed"
        assert any(expected in problem for problem in screen.problems), screen.problems
        assert all("\n" not in problem for problem in screen.problems), "one line each"
        shown = screen_text(app)
        assert "Sync failed" in shown and "is kept" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, RegistrySyncScreen)
        assert app.registry is kept
    assert cache_file.read_bytes() == before


async def test_a_503_then_success_and_a_429_with_retry_after_both_sync(api):
    api.behaviour.fail_first = 1
    api.behaviour.rate_limit_first = 1
    api.behaviour.retry_after = "1"
    waits: list[float] = []
    stop = threading.Event()

    def sleep(seconds: float) -> bool:
        waits.append(seconds)
        return stop.wait(min(seconds, 0.05))

    app = VenTuiApp(EVIDENCE)
    async with app.run_test(size=(80, 24)) as pilot:
        push_sync(app, api.url, sleep=sleep)
        await wait_for(pilot, lambda: app.registry is not None, 30)
    assert 1.0 in waits, "the 429's Retry-After was honoured"
    assert read_cache() is not None


async def test_escape_cancels_a_sync_mid_way_and_the_cache_stays(api):
    cache_file = cache_path()
    before = previous(cache_file)
    api.behaviour.gate = threading.Event()
    app = VenTuiApp(EVIDENCE, registry=read_cache())
    kept = app.registry
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            screen = push_sync(app, api.url, timeout=20.0)
            await asyncio.to_thread(api.behaviour.arrived.wait, 10)
            await pilot.pause(0.2)
            assert screen.stage == "running" and isinstance(app.screen, RegistrySyncScreen)
            await pilot.press("j", "k")  # keys still answer while the worker waits
            started = time.monotonic()
            await pilot.press("escape")
            await pilot.pause()
            assert time.monotonic() - started < 2, "cancelling does not wait for the answer"
            assert screen.stage == "cancelled" and not isinstance(app.screen, RegistrySyncScreen)
            assert "cancelled" in list(app._notifications)[-1].message
            await wait_for(pilot, lambda: all(w.is_finished for w in app.workers), 10)
            assert app.registry is kept
    finally:
        api.behaviour.gate.set()
    assert cache_file.read_bytes() == before
    assert len(api.behaviour.requests) == 1, "nothing more was asked once cancelled"


async def test_quitting_mid_sync_does_not_wait_for_the_answer(api):
    api.behaviour.gate = threading.Event()
    app = VenTuiApp(EVIDENCE)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            screen = push_sync(app, api.url, timeout=20.0)
            await asyncio.to_thread(api.behaviour.arrived.wait, 10)
            await pilot.pause(0.2)
            started = time.monotonic()
            app.exit()
        assert time.monotonic() - started < 5, "the request in flight was closed"
        assert screen.stage == "cancelled" and app.registry is None
    finally:
        api.behaviour.gate.set()
    assert read_cache() is None, "nothing was written"


async def test_a_sync_of_hostile_titles_shows_them_defused(api):
    for nct_id in IDS:
        api.behaviour.studies[nct_id] = synthetic_study(nct_id, "RECRUITING", title=HOSTILE_TITLE)
    app = VenTuiApp(EVIDENCE)
    async with app.run_test(size=WIDE) as pilot:
        push_sync(app, api.url)
        await wait_for(pilot, lambda: app.registry is not None, 30)
        await pilot.press("3")
        await pilot.pause()
        assert "Title:" in detail_text(app)
        assert_screen_clean(app, "detail pane after syncing hostile titles")


@pytest.mark.parametrize(
    ("argv", "env", "expected"),
    [
        (["--registry-url", "http://mirror.test/api/v2/"], {}, "http://mirror.test/api/v2"),
        ([], {"VEN_TUI_REGISTRY_URL": "http://env.test/api/v2"}, "http://env.test/api/v2"),
        ([], {}, "https://clinicaltrials.gov/api/v2"),
    ],
)
def test_the_browser_reads_the_cache_and_takes_the_registry_url(
    monkeypatch, tmp_path: Path, argv, env, expected
):
    """``ven-tui [--registry-url URL]``: the app gets the cache (read offline) and the URL."""
    from tui import launch
    from tui.cli import main

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    cache = write_synthetic_cache()
    seen: list[VenTuiApp] = []
    monkeypatch.setattr(launch, "check_terminal", lambda: None)
    monkeypatch.setattr(VenTuiApp, "run", lambda self: seen.append(self) or [])
    assert main(argv) == 0
    (app,) = seen
    assert app.registry_url == expected
    assert app.registry is not None and app.registry.synced == cache.synced


async def test_registry_terms_without_a_cache_say_why_nothing_matches(shipped_evidence) -> None:
    from tui.widgets.filter_bar import NO_REGISTRY_NOTE, FilterBar
    from tui.widgets.tab_strip import TabStrip

    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("/", *"status:recruiting", "enter")
        await pilot.pause()
        bar = app.screen.query_one(FilterBar)
        strip = app.screen.query_one(TabStrip)
        assert NO_REGISTRY_NOTE in str(strip.render())  # shown, on the tab strip's line
        assert not bar.has_class("-invalid")
        await pilot.press("/", *"aza", "enter")
        await pilot.pause()
        assert NO_REGISTRY_NOTE not in str(strip.render())


async def test_the_registry_tab_follows_the_filter_and_c_takes_marks_first(
    shipped_evidence,
) -> None:
    cached = synthetic_cache()
    app = VenTuiApp(shipped_evidence, registry=cached)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "space")
        await pilot.pause()
        marked = app.screen.state.marked_records()[0].nct_id
        view = await open_registry_tab(app, pilot)
        assert len(view.entries) == 2
        await pilot.press("c")
        await pilot.pause()
        assert app.clipboard == marked  # the marks first, as on every tab
        await pilot.press("U", "c")
        await pilot.pause()
        assert app.clipboard == view.cursor_entry.nct_id
        await pilot.press("/", *"status:completed", "enter")
        await pilot.pause()
        kept = [entry.nct_id for entry in view.entries]
        assert kept and all(cached.records[nct].status == "COMPLETED" for nct in kept)
        await pilot.press("C")
        await pilot.pause()
        assert app.clipboard.splitlines() == kept
        assert app.screen.picked_ids() == [view.cursor_entry.nct_id]


async def test_the_registry_note_is_said_once_while_typing_on(shipped_evidence) -> None:
    """Each key of a query that keeps the note posts no new explanation: the strip is not
    told "nothing" and then the note again at every keystroke."""
    from tui.widgets.filter_bar import NO_REGISTRY_NOTE, FilterBar

    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("/", *"status:recruiting")
        await pilot.pause()
        bar = app.screen.query_one(FilterBar)
        assert bar.explanation is not None and NO_REGISTRY_NOTE in bar.explanation.plain
        said: list[object] = []
        post = bar.post_message

        def recording(message):
            if isinstance(message, FilterBar.Explained):
                said.append(message.explanation)
            return post(message)

        bar.post_message = recording  # type: ignore[method-assign]
        await pilot.press(*" aza")
        await pilot.pause()
        assert said == []
        assert bar.explanation is not None and NO_REGISTRY_NOTE in bar.explanation.plain
