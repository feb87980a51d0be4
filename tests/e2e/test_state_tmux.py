"""Reproduction 1 of the state model, in the installed app: the pane and the copy agree.

At 160x48: Agents (7), down to blinatumomab, Enter, then Phase II (3). The detail pane must
show the highlighted visible Phase II row (not a published study the restriction hides), and
``c`` must put exactly that row's NCT ID in the terminal's buffer.
"""

from __future__ import annotations

import pytest

from tests.e2e.harness import TmuxTerminal, launch_ven_tui
from tests.e2e.screens import shows_browser
from tui.domain import load_evidence
from tui.domain.agents import agent_index
from tui.resources import default_data_path

pytestmark = pytest.mark.e2e


def blinatumomab() -> tuple[int, list[str]]:
    """Its position in the Agents tab, and the Phase II IDs of its rows, in table order."""
    evidence = load_evidence(default_data_path())
    entries = list(agent_index(evidence))
    entry = next(e for e in entries if e.name == "blinatumomab")
    phase2 = [r.nct_id for r in evidence.records["phase2"] if r.key in entry.rows and r.nct_id]
    return entries.index(entry), phase2


def test_after_choosing_an_agent_the_pane_and_c_name_the_same_trial(make_terminal) -> None:
    position, phase2 = blinatumomab()
    assert len(phase2) >= 2, "the shipped data has several Phase II blinatumomab rows"
    terminal: TmuxTerminal = make_terminal(size=(160, 48))
    launch_ven_tui(terminal)
    terminal.wait_for(shows_browser)
    terminal.send_keys("7")
    terminal.wait_for("blinatumomab")
    terminal.send_keys(*["j"] * position, "Enter")
    terminal.wait_for("only the")
    terminal.send_keys("3")
    screen = terminal.wait_for("Table 3 (Phase II trials)")
    assert "Table 1 (Published studies)" not in screen
    assert f"{len(phase2)}/12 rows" in screen
    terminal.send_keys("c")
    assert terminal.wait_for_buffer(phase2[0]) == phase2[0]
    terminal.wait_for(f"Copied {phase2[0]}")


def test_keys_in_one_packet_act_on_the_tab_they_were_typed_on(terminal: TmuxTerminal) -> None:
    """ "2 space j space 3 c" arriving together: the marks are on Phase I, and c copies them."""
    launch_ven_tui(terminal)
    terminal.wait_for(shows_browser)
    terminal.send_text("2 j 3c")  # one write: 2, space, j, space, 3, c
    assert terminal.wait_for_buffer("NCT06082934\nNCT03319901") == "NCT06082934\nNCT03319901"
    screen = terminal.wait_for("Copied 2 NCT IDs")
    assert "2 marked: 2 in Phase I" in screen
