"""The browser may start on tables the loading child is still checking, and the terminal is
sent nothing until they pass: everything written is kept, then sent in order, or never."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from tui.domain import DataError
from tui.domain.loader import Problem
from tui.forked_load import Provisional
from tui.held_output import HeldOutput, PendingChecks, holding_driver


def test_writes_are_kept_until_release_then_sent_whole_and_in_order() -> None:
    sent: list[str] = []
    held = HeldOutput()
    for part in ("\x1b[?1049h", "frame 1", "frame 2"):
        held.write(part, sent.append)
    assert sent == [] and held.holding
    held.release()
    assert sent == ["\x1b[?1049hframe 1frame 2"] and not held.holding
    held.write("frame 3", sent.append)
    assert sent[-1] == "frame 3"


def test_a_release_with_nothing_kept_sends_nothing() -> None:
    sent: list[str] = []
    held = HeldOutput()
    held.release()
    held.write("after", sent.append)
    assert sent == ["after"]


def test_a_release_from_another_thread_keeps_the_order_of_every_write() -> None:
    sent: list[str] = []
    held = HeldOutput()
    writes = [str(n) for n in range(5_000)]
    releaser = threading.Timer(0.001, held.release)
    releaser.start()
    for text in writes:
        held.write(text, sent.append)
    releaser.join()
    held.release()  # in case every write came before the timer
    assert "".join(sent) == "".join(writes)


class _Recording:
    """A stand-in for Textual's driver: what ``write`` was given."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.written: list[str] = []

    def write(self, data: str) -> None:
        self.written.append(data)


def test_the_holding_driver_writes_through_the_held_output() -> None:
    held = HeldOutput()
    driver = holding_driver(_Recording, held)()  # type: ignore[arg-type]
    assert isinstance(driver, _Recording)
    driver.write("screen")
    assert driver.written == []
    held.release()
    assert driver.written == ["screen"]


def _checks(confirm: Any) -> tuple[PendingChecks[object], list[str]]:
    closed: list[str] = []
    loaded = Provisional(object(), confirm, close=lambda: closed.append("closed"))
    return PendingChecks(loaded), closed


def _ended(checks: PendingChecks[object]) -> None:
    ended = threading.Event()
    checks.start(ended.set)
    assert ended.wait(5)


def test_checks_that_pass_release_the_output_and_the_child() -> None:
    checks, closed = _checks(lambda: checks.shown)
    sent: list[str] = []
    checks.output.write("frame", sent.append)
    _ended(checks)
    assert checks.passed and checks.outcome() is checks.shown
    assert sent == ["frame"] and closed == ["closed"]


def test_checks_that_fail_send_nothing_and_say_why() -> None:
    problem = Problem("big.json", "tables[2].rows[3]", "'NCT1' is not an NCT ID")

    def fail() -> object:
        raise DataError([problem])

    checks, closed = _checks(fail)
    sent: list[str] = []
    checks.output.write("frame", sent.append)
    _ended(checks)
    assert not checks.passed and checks.output.holding and sent == []
    with pytest.raises(DataError) as raised:
        checks.outcome()
    assert raised.value.problems == [problem]
    assert closed == ["closed"]


def test_a_dataset_read_again_is_what_to_show_instead() -> None:
    instead = object()
    checks, _ = _checks(lambda: instead)
    _ended(checks)
    assert not checks.passed and checks.output.holding
    assert checks.outcome() is instead


def test_checks_not_yet_ended_have_not_passed() -> None:
    go = threading.Event()
    checks, _ = _checks(lambda: (go.wait(5), checks.shown)[1])
    ended = threading.Event()
    checks.start(ended.set)
    assert not checks.passed and checks.output.holding
    go.set()
    assert ended.wait(5) and checks.passed


async def test_the_browser_is_ready_only_once_the_checks_pass(shipped_evidence) -> None:
    from tui.app import VenTuiApp

    go = threading.Event()
    loaded = Provisional(shipped_evidence, lambda: (go.wait(5), shipped_evidence)[1])
    checks: PendingChecks[Any] = PendingChecks(loaded)
    ready: list[bool] = []
    app = VenTuiApp(shipped_evidence, checks=checks, on_ready=lambda: ready.append(True))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert ready == [] and checks.output.holding  # drawn, but nothing was sent
        go.set()
        for _ in range(100):
            await pilot.pause(0.01)
            if ready:
                break
        assert ready == [True] and checks.passed and not checks.output.holding
        assert app.is_running


async def test_the_browser_leaves_unseen_when_the_checks_fail(shipped_evidence) -> None:
    from tui.app import VenTuiApp

    def fail() -> Any:
        raise DataError([Problem("big.json", "tables[0]", "bad")])

    checks: PendingChecks[Any] = PendingChecks(Provisional(shipped_evidence, fail))
    ready: list[bool] = []
    app = VenTuiApp(shipped_evidence, checks=checks, on_ready=lambda: ready.append(True))
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(100):
            await pilot.pause(0.01)
            if not app.is_running:
                break
    assert app.return_value == [] and ready == [] and checks.output.holding


class _FakeApp:
    """Stands in for ``VenTuiApp`` in ``run_app``: records what it was given; ``run``
    waits for the checks (as the app would) unless the user quit first."""

    made: list[_FakeApp] = []
    quit_first = False
    picks: list[str] = []

    def __init__(self, evidence: Any, *, checks: Any = None, **_: Any) -> None:
        self.evidence, self.checks = evidence, checks
        self.unexpected_error = None
        self.return_code = 0
        _FakeApp.made.append(self)

    def run(self) -> list[str]:
        if self.checks is not None and not _FakeApp.quit_first:
            _ended(self.checks)
        return list(_FakeApp.picks)


@pytest.fixture
def fake_browser(monkeypatch):
    from tui import app, launch

    _FakeApp.made, _FakeApp.quit_first, _FakeApp.picks = [], False, []
    monkeypatch.setattr(launch, "check_terminal", lambda: None)
    monkeypatch.setattr(launch, "_terminal_fds", lambda: [])
    monkeypatch.setattr(app, "VenTuiApp", _FakeApp)
    return launch


def test_a_careful_reread_is_shown_in_a_fresh_browser(fake_browser, shipped_evidence) -> None:
    instead = object()
    assert fake_browser.run_app(Provisional(shipped_evidence, lambda: instead)) == 0
    assert [made.evidence for made in _FakeApp.made] == [shipped_evidence, instead]
    assert _FakeApp.made[0].checks is not None and _FakeApp.made[1].checks is None


def test_a_file_failing_after_the_start_raises_and_prints_no_picks(
    fake_browser, shipped_evidence, capsys
) -> None:
    def fail() -> Any:
        raise DataError([Problem("big.json", "tables[0]", "bad")])

    _FakeApp.quit_first, _FakeApp.picks = True, ["NCT01234567"]  # q, before the verdict
    with pytest.raises(DataError):
        fake_browser.run_app(Provisional(shipped_evidence, fail), pick=True)
    assert len(_FakeApp.made) == 1 and "NCT01234567" not in capsys.readouterr().out


def test_picks_made_before_the_verdict_are_printed_once_it_passes(
    fake_browser, shipped_evidence, capsys
) -> None:
    _FakeApp.quit_first, _FakeApp.picks = True, ["NCT01234567"]
    assert (
        fake_browser.run_app(Provisional(shipped_evidence, lambda: shipped_evidence), pick=True)
        == 0
    )
    assert len(_FakeApp.made) == 1 and "NCT01234567" in capsys.readouterr().out
