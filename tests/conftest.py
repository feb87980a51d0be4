"""Shared fixtures: the shipped dataset, fixture files, and the source text it was taken from."""

from __future__ import annotations

import inspect
import os
from pathlib import Path

import pytest

from tui.domain import Evidence, load_evidence, quick_read
from tui.resources import default_data_path

TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "data"
SOURCE_NAME = "review-venetoclax-all-j-hematol-2025.txt"
SHARED_SOURCE = TESTS.parent.parent / "shared" / "source" / SOURCE_NAME
BUNDLED_SOURCE = FIXTURES / SOURCE_NAME


@pytest.fixture(scope="session")
def shipped_evidence() -> Evidence:
    """The dataset ven-tui ships, loaded and derived."""
    return load_evidence(default_data_path())


@pytest.fixture(scope="session")
def source_lines() -> list[str]:
    """The review's text, one line per list item (the project input beside the repo if present)."""
    path = SHARED_SOURCE if SHARED_SOURCE.exists() else BUNDLED_SOURCE
    return path.read_text(encoding="utf-8").split("\n")


@pytest.fixture(autouse=True)
def _private_cache_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch) -> None:
    """No test reads the registry cache of whoever runs it: an empty user cache directory."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("VEN_TUI_REGISTRY_URL", raising=False)


@pytest.fixture(params=["careful read", "quick read"])
def both_reads(request: pytest.FixtureRequest, monkeypatch) -> str:
    """Run a loader test twice: as shipped (small files take the careful parser) and with
    every file offered to the quick read first, which must refuse or agree exactly."""
    if request.param == "quick read":
        monkeypatch.setattr(quick_read, "QUICK_READ_BYTES", 0)
    return str(request.param)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """With VEN_TUI_FAST_TESTS=1 (``make mutation``) run only the fast tests: no Pilot.

    A Pilot test starts a whole app; mutation testing runs the tests thousands of times.
    """
    if os.environ.get("VEN_TUI_FAST_TESTS") != "1":
        return
    slow = [item for item in items if inspect.iscoroutinefunction(getattr(item, "obj", None))]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if item not in set(slow)]
