"""The installed ven-tui through `ssh -t` to a loopback sshd, inside a real terminal (tmux)."""

from __future__ import annotations

import socket

import pytest

from tests.e2e.harness import (
    SshServer,
    TmuxTerminal,
    launch_ven_tui,
    osc52_copy_command,
    pid_alive,
)
from tests.e2e.screens import shows_browser

pytestmark = pytest.mark.e2e


def test_browser_over_ssh_draws_rows_and_q_ends_the_session(
    ssh_server: SshServer, terminal: TmuxTerminal
):
    launch_ven_tui(terminal, over_ssh=ssh_server)
    terminal.wait_for(shows_browser)

    terminal.send_keys("q")

    assert terminal.wait_for_exit() == 0, ssh_server.log()
    assert b"Traceback" not in terminal.output()


def test_an_osc52_copy_over_ssh_lands_in_the_local_tmux_buffer(
    ssh_server: SshServer, terminal: TmuxTerminal
):
    terminal.run(ssh_server.ssh_command(osc52_copy_command("NCT01234567")))

    assert terminal.wait_for_buffer("NCT01234567") == "NCT01234567"
    assert terminal.wait_for_exit() == 0, ssh_server.log()


def test_the_remote_side_gets_a_tty_the_terminal_type_and_a_utf8_locale(
    ssh_server: SshServer, terminal: TmuxTerminal
):
    terminal.run(ssh_server.ssh_command(["sh", "-c", 'echo "tty=$(tty) term=$TERM lang=$LANG"']))

    assert terminal.wait_for_exit() == 0, ssh_server.log()
    assert "tty=/dev/pts/" in terminal.capture(history=2)
    assert "term=xterm-256color lang=C.UTF-8" in terminal.capture(history=2)


def test_ven_tui_stdout_over_ssh_can_go_to_a_file(
    ssh_server: SshServer, terminal: TmuxTerminal, tmp_path
):
    stdout = tmp_path / "stdout.txt"
    launch_ven_tui(terminal, ["--version"], over_ssh=ssh_server, stdout_to=stdout)

    assert terminal.wait_for_exit() == 0, ssh_server.log()
    assert stdout.read_text().startswith("ven-tui ")
    assert b"ven-tui" not in terminal.output()


def test_stopping_sshd_ends_it_and_its_open_sessions(terminal: TmuxTerminal):
    server = SshServer().start()
    try:
        terminal.run(server.ssh_command(["sh", "-c", "echo connected; sleep 30"]))
        terminal.wait_for("connected")
        assert server.process is not None
        listener = server.process.pid
    finally:
        server.close()

    assert server.children, "the open session had sshd processes of its own"
    assert not [pid for pid in [listener, *server.children] if pid_alive(pid)]
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", server.port), timeout=1).close()
    assert terminal.wait_for_exit() != 0, "the ssh client saw its session end"
