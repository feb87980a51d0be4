"""A large dataset loaded in a forked child gives the browser exactly what loading it in the
browser's own process gives: the same dataset, the same problems, and no process left."""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from pathlib import Path

import pytest

from tui import forked_load
from tui.domain import DataError, Dataset, load_dataset, quick_read
from tui.forked_load import ForkedLoad, load_while
from tui.resources import default_data_path

SHIPPED = default_data_path()


def _same(dataset: Dataset) -> Dataset:
    """``prepare`` for tests about the loading alone: the dataset itself."""
    return dataset


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
    assert pending.result(_same) == load_dataset(SHIPPED)
    assert _reaped(pid)


def test_meanwhile_runs_once_while_the_child_loads() -> None:
    calls: list[int] = []
    dataset = load_while(SHIPPED, lambda: calls.append(len(calls)), _same, min_bytes=0)
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
        load_while(path, lambda: None, _same, min_bytes=0)
    assert beside.value.problems == here.value.problems and len(here.value.problems) == 2
    assert str(beside.value) == str(here.value)


def test_a_missing_file_is_reported_here_as_before(tmp_path: Path) -> None:
    missing = tmp_path / "nope.json"
    assert ForkedLoad.start(missing, min_bytes=0) is None
    with pytest.raises(DataError) as here:
        load_dataset(missing)
    with pytest.raises(DataError) as beside:
        load_while(missing, lambda: None, _same, min_bytes=0)
    assert str(beside.value) == str(here.value)


def test_a_small_file_is_loaded_here_before_meanwhile(monkeypatch) -> None:
    order: list[str] = []
    monkeypatch.setattr(forked_load.os, "fork", lambda: pytest.fail("forked for a small file"))
    real = forked_load.load_dataset
    monkeypatch.setattr(forked_load, "load_dataset", lambda p: (order.append("load"), real(p))[1])
    dataset = load_while(SHIPPED, lambda: order.append("meanwhile"), _same)
    assert order == ["load", "meanwhile"] and dataset == real(SHIPPED)


def test_no_child_off_linux(monkeypatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    assert ForkedLoad.start(SHIPPED, min_bytes=0) is None


def test_a_child_that_answers_nothing_leaves_the_load_to_this_process(monkeypatch) -> None:
    monkeypatch.setattr(forked_load, "_answer", lambda path, pipe: None)  # the child's copy too
    pending = ForkedLoad.start(SHIPPED, min_bytes=0)
    assert pending is not None
    pid = pending._pid
    assert pending.result(_same) == load_dataset(SHIPPED)
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
        load_while(SHIPPED, interrupted, _same, min_bytes=0)
    ((pending, pid),) = started
    assert _reaped(pid) and pending._pid == 0 and pending._pipe == -1


@pytest.fixture
def quick_for_all(monkeypatch) -> None:
    """Every file is offered to the quick read, so the shipped file takes the early path."""
    monkeypatch.setattr(quick_read, "QUICK_READ_BYTES", 0)


def _written(tmp_path: Path, raw: object) -> Path:
    path = tmp_path / "data.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    return path


def _messages_read(monkeypatch) -> list[str]:
    """The kinds of message the parent reads from its child, in order (the early tables
    as "early" whether they came through the pipe or the shared memory)."""
    kinds: list[str] = []
    real = ForkedLoad._next

    def spy(self, pipe):
        message = real(self, pipe)
        kinds.append(message[0] if message else "nothing")
        return message

    monkeypatch.setattr(ForkedLoad, "_next", spy)
    return kinds


def _carried_by(monkeypatch) -> list[str]:
    """What carried each message: "pipe", or "shared" for the shared memory."""
    carriers: list[str] = []
    real = forked_load._message

    def spy(pipe):
        message = real(pipe)
        carriers.append("shared" if message and message[0] == "shared" else "pipe")
        return message

    monkeypatch.setattr(forked_load, "_message", spy)
    return carriers


def test_the_early_tables_are_prepared_while_the_child_checks_and_then_used(
    monkeypatch, quick_for_all
) -> None:
    kinds = _messages_read(monkeypatch)
    prepared: list[Dataset] = []

    def prepare(dataset: Dataset) -> tuple[str, Dataset]:
        prepared.append(dataset)
        return ("prepared", dataset)

    carriers = _carried_by(monkeypatch)
    kind, dataset = load_while(SHIPPED, lambda: None, prepare, min_bytes=0)
    assert kinds == ["early", "accepted"] and carriers == ["shared", "pipe"]
    assert kind == "prepared" and len(prepared) == 1 and prepared[0] is dataset
    assert dataset == load_dataset(SHIPPED)


def test_the_early_tables_are_given_before_the_checks_end_and_confirmed_after(
    tmp_path: Path, monkeypatch, quick_for_all
) -> None:
    from tui.domain import loader
    from tui.forked_load import load_provisionally

    go = tmp_path / "go"
    real_checks = loader._consistency_problems

    def checks_once_told(*args, **kwargs):  # in the child: its checks wait for the test
        while not go.exists():
            time.sleep(0.005)
        return real_checks(*args, **kwargs)

    monkeypatch.setattr(loader, "_consistency_problems", checks_once_told)
    safety = threading.Timer(5, go.touch)  # a load that waited for the checks ends, and fails
    safety.start()
    loaded = load_provisionally(SHIPPED, lambda: None, lambda d: ("prepared", d), min_bytes=0)
    try:
        assert not go.exists(), "the load waited for the checks"
        assert loaded.value is not None and loaded.value[0] == "prepared"
        go.touch()
        assert loaded.confirm() is loaded.value
        assert loaded.confirm() is loaded.value  # asked again: the same answer, no wait
    finally:
        safety.cancel()
        loaded.close()
    assert loaded.value[1] == load_dataset(SHIPPED)


def test_a_provisional_value_of_a_file_that_fails_is_never_confirmed(
    tmp_path: Path, quick_for_all
) -> None:
    from tui.forked_load import load_provisionally

    raw = json.loads(SHIPPED.read_text(encoding="utf-8"))
    raw["tables"][2]["rows"][1]["cells"]["Study number"] = "NCT123"
    path = _written(tmp_path, raw)
    loaded = load_provisionally(path, lambda: None, lambda d: d, min_bytes=0)
    try:
        assert loaded.value is not None  # decoded, not yet checked
        for _ in range(2):  # the same problems each time it is asked
            with pytest.raises(DataError, match="NCT123"):
                loaded.confirm()
    finally:
        loaded.close()


@pytest.mark.parametrize("spoil", ["duplicate NCT ID", "headings out of order", "repeated key"])
def test_early_tables_of_a_file_that_fails_its_checks_are_never_returned(
    tmp_path: Path, monkeypatch, quick_for_all, spoil: str
) -> None:
    raw = json.loads(SHIPPED.read_text(encoding="utf-8"))
    phase2 = raw["tables"][2]["rows"]
    if spoil == "duplicate NCT ID":
        phase2[1]["cells"]["Study number"] = phase2[0]["cells"]["Study number"]
        path = _written(tmp_path, raw)
    elif spoil == "headings out of order":
        phase2[1]["cells"] = dict(reversed(phase2[1]["cells"].items()))
        path = _written(tmp_path, raw)
    else:  # msgspec keeps the last "note"; the colon count sends the file to the careful parser
        text = json.dumps(raw).replace('"cells": {', '"note": "x", "note": "y", "cells": {', 1)
        path = tmp_path / "data.json"
        path.write_text(text, encoding="utf-8")
    kinds = _messages_read(monkeypatch)
    prepared: list[Dataset] = []
    with pytest.raises(DataError) as here:
        load_dataset(path)
    with pytest.raises(DataError) as beside:
        load_while(path, lambda: None, lambda dataset: prepared.append(dataset), min_bytes=0)
    assert str(beside.value) == str(here.value) and here.value.problems
    assert kinds == ["early", "problems"] and len(prepared) == 1  # nothing came of it


def test_a_child_that_stops_after_the_early_tables_leaves_the_load_to_this_process(
    monkeypatch, quick_for_all
) -> None:
    real = forked_load.load_dataset

    def early_then_gone(path: Path, early=None) -> Dataset:
        if early is None:  # this process, loading it itself
            return real(path)
        real(path, early=early)
        for writer in threading.enumerate():  # the early tables sent whole
            if writer is not threading.current_thread():
                writer.join()
        os._exit(0)  # the child, before its verdict

    monkeypatch.setattr(forked_load, "load_dataset", early_then_gone)
    prepared: list[Dataset] = []
    dataset = load_while(SHIPPED, lambda: None, lambda d: (prepared.append(d), d)[1], min_bytes=0)
    assert len(prepared) == 2 and dataset is prepared[1]  # the early tables were not used
    assert dataset == real(SHIPPED)


def test_a_prepare_that_fails_on_the_early_tables_is_run_again_once_they_pass(
    quick_for_all,
) -> None:
    calls: list[Dataset] = []

    def prepare(dataset: Dataset) -> Dataset:
        calls.append(dataset)
        if len(calls) == 1:
            raise RuntimeError("not this time")
        return dataset

    dataset = load_while(SHIPPED, lambda: None, prepare, min_bytes=0)
    assert len(calls) == 2 and calls[0] is calls[1] is dataset


def test_a_message_cut_short_leaves_the_load_to_this_process(monkeypatch) -> None:
    def cut_short(path: Path, pipe: int) -> None:
        with open(pipe, "wb") as out:
            out.write((1000).to_bytes(8, "little") + b"\x80\x05 only part of it")

    monkeypatch.setattr(forked_load, "_answer", cut_short)
    pending = ForkedLoad.start(SHIPPED, min_bytes=0)
    assert pending is not None
    assert pending.result(_same) == load_dataset(SHIPPED)


@pytest.mark.parametrize("shared", ["none", "too small"])
def test_early_tables_that_the_shared_memory_cannot_hold_come_through_the_pipe(
    monkeypatch, quick_for_all, shared: str
) -> None:
    if shared == "none":

        def no_mmap(*args: object, **kwargs: object) -> None:
            raise OSError("no shared memory here")

        monkeypatch.setattr(forked_load.mmap, "mmap", no_mmap)
    else:  # room for a few bytes only
        monkeypatch.setattr(forked_load, "_SHARED_SPARE", 64 - SHIPPED.stat().st_size)
    kinds, carriers = _messages_read(monkeypatch), _carried_by(monkeypatch)
    dataset = load_while(SHIPPED, lambda: None, _same, min_bytes=0)
    assert kinds == ["early", "accepted"] and carriers == ["pipe", "pipe"]
    assert dataset == load_dataset(SHIPPED)


def test_the_shared_memory_is_let_go_once_the_tables_are_read(quick_for_all) -> None:
    pending = ForkedLoad.start(SHIPPED, min_bytes=0)
    assert pending is not None and pending._shared is not None
    shared = pending._shared
    try:
        made = pending.provisional(_same)
        assert shared.closed and pending._shared is None  # before the verdict, not after
        assert made.confirm() is made.value
    finally:
        pending.close()


@pytest.mark.parametrize("failing", ["pipe", "fork"])
def test_no_child_when_the_system_cannot_make_one(monkeypatch, failing: str) -> None:
    """Out of processes or file descriptors: the file is loaded here, with no traceback."""

    def refuse(*args: object) -> None:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(forked_load.os, failing, refuse)
    assert ForkedLoad.start(SHIPPED, min_bytes=0) is None
    assert load_while(SHIPPED, lambda: None, _same, min_bytes=0) == load_dataset(SHIPPED)


def test_a_prepare_that_makes_none_is_run_once(quick_for_all) -> None:
    """None is a value like any other: what prepare made of the early tables is used."""
    calls: list[Dataset] = []
    assert load_while(SHIPPED, lambda: None, calls.append, min_bytes=0) is None
    assert len(calls) == 1
