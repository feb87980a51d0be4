"""Copying NCT IDs from the installed ven-tui, proven where it matters: a real terminal's buffer.

tmux runs with ``set-clipboard on``, so an OSC 52 copy from the pane lands in its paste buffer;
``show-buffer`` must then hold exactly the IDs. The same runs through ``ssh -t`` to a loopback
sshd. ``--pick`` is checked with stdout sent to a file, and in the ``$(ven-tui --pick)`` form.
"""

from __future__ import annotations

import shlex
from functools import cache
from pathlib import Path

import pytest

from tests.e2e.harness import SshServer, TmuxTerminal, installed_ven_tui, launch_ven_tui
from tests.e2e.screens import shows_browser
from tui.domain import load_evidence, parse_query
from tui.resources import default_data_path

pytestmark = pytest.mark.e2e

PHASE1 = "Table 2 (Phase I trials)"  # the detail pane's title once tab 2 is shown
PHASE2 = "Table 3 (Phase II trials)"


@cache
def ids(table_id: str, query: str = "") -> tuple[str, ...]:
    """The NCT IDs of a shipped table in table order, those ``query`` matches if given."""
    evidence = load_evidence(default_data_path())
    records = evidence.records[table_id]
    if query:
        records = parse_query(query, evidence.all_columns()).filter(records)
    return tuple(record.nct_id for record in records if record.nct_id)


def start(terminal: TmuxTerminal, over_ssh: SshServer | None = None) -> None:
    launch_ven_tui(terminal, over_ssh=over_ssh)
    terminal.wait_for(shows_browser)


def show_phase1(terminal: TmuxTerminal) -> None:
    terminal.send_keys("2")
    terminal.wait_for(PHASE1)


def test_c_on_a_phase1_trial_puts_exactly_its_id_in_the_terminal_buffer(
    terminal: TmuxTerminal,
):
    start(terminal)
    show_phase1(terminal)

    terminal.send_keys("c")

    assert terminal.wait_for_buffer(ids("phase1")[0]) == "NCT06082934"
    terminal.wait_for("Copied NCT06082934")


def test_marks_typed_ahead_then_c_copy_both_ids_one_per_line(terminal: TmuxTerminal):
    start(terminal)
    show_phase1(terminal)

    terminal.send_keys("Space", "j", "Space", "c")  # in one go: c must wait for the marks

    assert terminal.wait_for_buffer("NCT06082934\nNCT03319901")
    screen = terminal.wait_for("Copied 2 NCT IDs")
    assert "● 2 marked" in screen


def test_shift_c_copies_exactly_the_ids_a_filter_leaves(terminal: TmuxTerminal):
    expected = ids("phase2", "t-all")
    assert 0 < len(expected) < len(ids("phase2"))
    start(terminal)
    terminal.send_keys("3")
    terminal.wait_for(PHASE2)
    terminal.send_keys("/")
    terminal.send_text("t-all")
    terminal.send_keys("Enter")
    terminal.wait_for(f"{len(expected)}/{len(ids('phase2'))} rows")

    terminal.send_keys("C")

    assert terminal.wait_for_buffer("\n".join(expected))
    terminal.wait_for(f"Copied {len(expected)} NCT IDs")


def test_u_copies_the_clinicaltrials_address(terminal: TmuxTerminal):
    start(terminal)
    show_phase1(terminal)

    terminal.send_keys("u")

    assert terminal.wait_for_buffer("https://clinicaltrials.gov/study/NCT06082934")
    terminal.wait_for("Copied the address of NCT06082934")


def test_the_detail_pane_links_the_nct_id_to_its_page_with_osc8(make_terminal):
    terminal = make_terminal(size=(160, 48))  # tall enough to show the derived NCT ID line
    start(terminal)
    terminal.send_keys("2")
    terminal.wait_for("NCT ID (derived): NCT06082934")

    link = b"\x1b]8;id="
    output = terminal.wait_for_output(link)
    opened = output[output.index(link) :].split(b"\x1b\\", 1)[0]
    assert opened.endswith(b";https://clinicaltrials.gov/study/NCT06082934")


def test_c_over_ssh_lands_in_the_local_terminal_buffer(
    ssh_server: SshServer, terminal: TmuxTerminal
):
    start(terminal, over_ssh=ssh_server)
    show_phase1(terminal)

    terminal.send_keys("c")

    assert terminal.wait_for_buffer("NCT06082934"), ssh_server.log()


def test_marks_and_c_over_ssh_copy_both_ids(ssh_server: SshServer, terminal: TmuxTerminal):
    start(terminal, over_ssh=ssh_server)
    show_phase1(terminal)

    terminal.send_keys("Space", "j", "Space", "c")

    assert terminal.wait_for_buffer("NCT06082934\nNCT03319901"), ssh_server.log()
    terminal.send_keys("q")
    assert terminal.wait_for_exit() == 0, ssh_server.log()


def test_pick_to_a_file_holds_exactly_the_marked_ids(terminal: TmuxTerminal, tmp_path: Path):
    picked = tmp_path / "ids.txt"
    launch_ven_tui(terminal, ["--pick"], stdout_to=picked)
    terminal.wait_for(shows_browser)  # drawn on the terminal while stdout goes to the file
    terminal.send_keys("3")
    terminal.wait_for(PHASE2)

    terminal.send_keys("Space", "j", "j", "Space", "q")  # q must not overtake the marks

    assert terminal.wait_for_exit() == 0
    phase2 = ids("phase2")
    assert picked.read_text() == f"{phase2[0]}\n{phase2[2]}\n"
    assert b"NCT" not in terminal.output().split(b"\x1b[?1049l")[-1], "IDs only on stdout"


def test_pick_in_command_substitution_captures_the_ids(terminal: TmuxTerminal, tmp_path: Path):
    picked = tmp_path / "ids.txt"
    script = 'ids=$("$0" --pick); status=$?; printf "%s\\n" "$ids" > "$1"; exit "$status"'
    terminal.run(["sh", "-c", script, str(installed_ven_tui()), str(picked)])
    terminal.wait_for(shows_browser)
    show_phase1(terminal)

    terminal.send_keys("j", "Space", "2", "q")

    assert terminal.wait_for_exit() == 0, shlex.join(terminal.command or [])
    assert picked.read_text() == f"{ids('phase1')[1]}\n"
