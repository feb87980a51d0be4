"""The installed ven-tui in a real terminal (a private tmux server), driven by keys."""

from __future__ import annotations

import pytest

from tests.e2e.harness import (
    ALT_SCREEN_ON,
    HarnessError,
    TmuxTerminal,
    launch_ven_tui,
    osc52_copy_command,
    pid_alive,
)
from tests.e2e.screens import shows_browser
from tui.domain import load_evidence
from tui.domain.glossary_rows import glossary_rows
from tui.resources import default_data_path

pytestmark = pytest.mark.e2e

ALT_SCREEN_OFF = b"\x1b[?1049l"


def test_browser_draws_published_rows_and_footer_then_q_quits(terminal: TmuxTerminal):
    launch_ven_tui(terminal)
    terminal.wait_for(shows_browser)
    assert terminal.pane_size() == (80, 24)
    assert not terminal.is_dead()

    terminal.send_keys("q")

    assert terminal.wait_for_exit() == 0
    output = terminal.output()
    assert ALT_SCREEN_ON in output
    assert output.rfind(ALT_SCREEN_OFF) > output.rfind(ALT_SCREEN_ON), "left the alternate screen"
    assert b"Traceback" not in output


def test_keys_sent_in_one_burst_act_in_order(terminal: TmuxTerminal):
    """One tmux send-keys writes every key at once, as a stalled SSH link delivers them."""
    launch_ven_tui(terminal)
    terminal.wait_for(shows_browser)

    terminal.send_keys("l", "l", "l", "s", "s")  # choose Ref, sort, reverse

    terminal.wait_for("sorted by Ref ▼")
    third = glossary_rows(load_evidence(default_data_path()).glossary)[2]
    terminal.send_keys("4", "j", "j")  # a tab built on first show, and keys into it
    terminal.wait_for(f"{third.abbr}: {third.expansion}"[:40])
    terminal.send_keys("q")
    assert terminal.wait_for_exit() == 0


def test_a_missing_data_file_is_one_line_and_exit_2_without_drawing(terminal: TmuxTerminal):
    launch_ven_tui(terminal, ["--data", "/nonexistent.json"])

    assert terminal.wait_for_exit() == 2
    output = terminal.wait_for_output(lambda data: data.endswith(b"\n"))
    assert output.startswith(b"ven-tui: error: /nonexistent.json")
    assert output.count(b"\n") == 1, output
    assert b"\x1b" not in output, "no escape sequence: the interface was never drawn"
    assert "ven-tui: error: /nonexistent.json" in terminal.capture(history=2)


def test_an_osc52_copy_in_the_pane_lands_in_the_tmux_buffer(terminal: TmuxTerminal):
    terminal.run(osc52_copy_command("NCT01234567"))

    assert terminal.wait_for_buffer("NCT01234567") == "NCT01234567"
    assert terminal.wait_for_exit() == 0


def test_waiting_for_absent_text_fails_showing_the_last_screen(terminal: TmuxTerminal):
    terminal.run(["sh", "-c", "echo visible-marker; sleep 30"])
    terminal.wait_for("visible-marker")

    with pytest.raises(HarnessError, match="(?s)'never-shown'.*last screen.*visible-marker"):
        terminal.wait_for("never-shown", timeout=0.3)
    assert terminal.show_buffer() == "", "nothing was copied, so there is no paste buffer"


def test_closing_the_terminal_kills_its_server_and_command(terminal: TmuxTerminal):
    terminal.run(["sh", "-c", "echo started; sleep 30"])
    terminal.wait_for("started")
    server = terminal.server_pid
    assert server is not None

    terminal.close()

    assert not pid_alive(server)
    assert not terminal.dir.exists()


def test_a_terminal_of_another_size_is_that_size_to_its_program(make_terminal):
    terminal = make_terminal(size=(120, 40))
    terminal.run(["sh", "-c", 'echo "size=$(stty size) term=$TERM lang=$LANG"; sleep 30'])

    terminal.wait_for("size=40 120 term=xterm-256color lang=C.UTF-8")
    assert terminal.pane_size() == (120, 40)


def test_ven_tui_stdout_can_go_to_a_file_while_the_terminal_stays_free(
    terminal: TmuxTerminal, tmp_path
):
    stdout = tmp_path / "stdout.txt"
    launch_ven_tui(terminal, ["--version"], stdout_to=stdout)

    assert terminal.wait_for_exit() == 0
    assert stdout.read_text().startswith("ven-tui ")
    assert terminal.output() == b""
