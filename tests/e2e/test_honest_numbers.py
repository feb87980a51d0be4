"""The installed ven-tui shows the honest-numbers views: outcomes both ways, agents flagged."""

from __future__ import annotations

import pytest

from tests.e2e.harness import TmuxTerminal, launch_ven_tui
from tests.e2e.screens import shows_browser

pytestmark = pytest.mark.e2e


def test_outcomes_read_by_scrolling_at_80x24_and_agents_flag_the_row_without_venetoclax(
    terminal: TmuxTerminal,
):
    launch_ven_tui(terminal)
    terminal.wait_for(shows_browser)
    terminal.send_keys("9")
    terminal.wait_for("Outcomes matrix  ·  12 published studies  ·  blocks (140+ columns: grid)")
    terminal.wait_for("[17] Venetoclax + mini-hyper-CVD (phase I)")
    terminal.send_keys("G")
    terminal.wait_for("MRD-neg 91% · n=24 · No interval: MRD negativity is usually")
    screen = terminal.capture()
    assert "22/24" not in screen and "23/24, 95% CI 78.9-99.9%" in screen
    terminal.send_keys("7")
    terminal.wait_for("§ Regimen text names no venetoclax: Phase II NCT06742515")
    assert "Agents named in, or expanded from, each row's regimen text" in terminal.capture()
    terminal.send_keys("q")
    assert terminal.wait_for_exit() == 0


def test_outcomes_show_the_whole_grid_at_160x48(make_terminal):
    terminal = make_terminal(size=(160, 48))
    launch_ven_tui(terminal)
    terminal.wait_for(shows_browser)
    terminal.send_keys("9")
    terminal.wait_for("Outcomes matrix  ·  12 published studies  ·  grid")
    header = next(line for line in terminal.capture().split("\n") if "Study" in line)
    for family in ("CR-type", "ORR", "MRD-negative", "OS", "PFS", "Other"):
        assert family in header
    terminal.send_keys("G")
    terminal.wait_for("Why a cell has no interval (ven-tui's own judgement):")
    terminal.send_keys("q")
    assert terminal.wait_for_exit() == 0
