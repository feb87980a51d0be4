"""The installed ven-tui syncs the registry from inside the browser (key R), in tmux.

The registry is the local stand-in API on 127.0.0.1 (synthetic studies, never real data),
named with ``--registry-url``; the cache goes to a private ``XDG_CACHE_HOME``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.harness import launch_ven_tui
from tests.registry_fixtures import IDS, ONLY_IN_REGISTRY, RECRUITING
from tests.registry_server import RegistryServer, synthetic_study
from tui.domain.registry import read_cache

pytestmark = pytest.mark.e2e


@pytest.fixture
def api():
    with RegistryServer() as server:
        for nct_id in [*IDS, *ONLY_IN_REGISTRY]:
            status = "RECRUITING" if nct_id in RECRUITING else "COMPLETED"
            server.behaviour.studies[nct_id] = synthetic_study(nct_id, status)
        server.behaviour.discovery = ["NCT06082934", *ONLY_IN_REGISTRY]
        yield server


def test_r_in_the_installed_browser_syncs_and_the_status_column_appears(
    make_terminal, api, tmp_path: Path
):
    terminal = make_terminal(size=(160, 48), env={"XDG_CACHE_HOME": str(tmp_path)})
    launch_ven_tui(terminal, ["--registry-url", api.url])
    terminal.wait_for("Published studies")
    terminal.send_keys("3")
    terminal.wait_for("(Phase II trials) · row 1")
    assert "Registry status" not in terminal.capture(), "no cache yet: no column"

    terminal.send_keys("R")
    terminal.wait_for("Registry status", timeout=40)
    screen = terminal.wait_for("Recruiting")
    assert "Registry (ClinicalTrials.gov, as of" in screen
    cache = read_cache(tmp_path / "ven-tui" / "registry.json")
    assert cache is not None and set(cache.discovered) == set(ONLY_IN_REGISTRY)
    assert any(path.startswith("/api/v2/studies?") for path in api.behaviour.requests)

    terminal.send_keys("q")
    assert terminal.wait_for_exit() == 0
    assert b"Traceback" not in terminal.output()
