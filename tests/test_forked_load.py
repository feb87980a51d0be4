"""A large dataset loaded in a forked child gives the browser exactly what loading it in the
browser's own process gives: the same dataset, the same problems, and no process left."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from tui import forked_load
from tui.domain import DataError, load_dataset
from tui.forked_load import ForkedLoad, load_while
from tui.resources import default_data_path

SHIPPED = default_data_path()


def _reaped(pid: int) -> bool:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_the_child_loads_what_loading_here_loads() -> None:
    pending = ForkedLoad.start(SHIPPED, min_bytes=0)
    assert pending is not None
    pid = pending._pid
    assert pid and pid != os.getpid()
    assert pending.result() == load_dataset(SHIPPED)
    assert _reaped(pid)


def test_meanwhile_runs_once_while_the_child_loads() -> None:
    calls: list[int] = []
    dataset = load_while(SHIPPED, lambda: calls.append(len(calls)), min_bytes=0)
    assert calls == [0]
    assert dataset == load_dataset(SHIPPED)


def test_a_bad_file_gives_the_problems_loading_it_here_gives(tmp_path: Path) -> None:
    raw = json.loads(SHIPPED.read_text(encoding="utf-8"))
    cells = raw["tables"][0]["rows"][0]["cells"]
    raw["tables"][0]["rows"][0]["cells"] = dict(reversed(cells.items()))
    raw["tables"][2]["rows"][1]["cells"]["Study number"] = "NCT123"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(DataError) as here:
        load_dataset(path)
    with pytest.raises(DataError) as beside:
        load_while(path, lambda: None, min_bytes=0)
    assert beside.value.problems == here.value.problems and len(here.value.problems) == 2
    assert str(beside.value) == str(here.value)


def test_a_missing_file_is_reported_here_as_before(tmp_path: Path) -> None:
    missing = tmp_path / "nope.json"
    assert ForkedLoad.start(missing, min_bytes=0) is None
    with pytest.raises(DataError) as here:
        load_dataset(missing)
    with pytest.raises(DataError) as beside:
        load_while(missing, lambda: None, min_bytes=0)
    assert str(beside.value) == str(here.value)


def test_a_small_file_is_loaded_here_before_meanwhile(monkeypatch) -> None:
    order: list[str] = []
    monkeypatch.setattr(forked_load.os, "fork", lambda: pytest.fail("forked for a small file"))
    real = forked_load.load_dataset
    monkeypatch.setattr(forked_load, "load_dataset", lambda p: (order.append("load"), real(p))[1])
    dataset = load_while(SHIPPED, lambda: order.append("meanwhile"))
    assert order == ["load", "meanwhile"] and dataset == real(SHIPPED)


def test_no_child_off_linux(monkeypatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    assert ForkedLoad.start(SHIPPED, min_bytes=0) is None


def test_a_child_that_answers_nothing_leaves_the_load_to_this_process(monkeypatch) -> None:
    monkeypatch.setattr(forked_load, "_answer", lambda path, pipe: None)  # the child's copy too
    pending = ForkedLoad.start(SHIPPED, min_bytes=0)
    assert pending is not None
    pid = pending._pid
    assert pending.result() == load_dataset(SHIPPED)
    assert _reaped(pid)


def test_an_interrupted_start_up_stops_and_reaps_the_child(monkeypatch) -> None:
    started: list[tuple[ForkedLoad, int]] = []
    real_start = ForkedLoad.start

    def start(path: Path, min_bytes: int = 0) -> ForkedLoad | None:
        pending = real_start(path, min_bytes)
        assert pending is not None
        started.append((pending, pending._pid))
        return pending

    monkeypatch.setattr(ForkedLoad, "start", staticmethod(start))

    def interrupted() -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        load_while(SHIPPED, interrupted, min_bytes=0)
    ((pending, pid),) = started
    assert _reaped(pid) and pending._pid == 0 and pending._pipe == -1
