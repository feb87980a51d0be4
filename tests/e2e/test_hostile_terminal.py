"""The installed ven-tui in tmux against hostile data and odd terminals (issue 6).

The tmux server has ``set-clipboard on``, so an OSC 52 sequence reaching the pane would land in
its paste buffer: the OSC 52 row of tests/data/hostile.json must leave that buffer alone.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.e2e.harness import TmuxTerminal, launch_ven_tui
from tests.e2e.screens import shows_browser

pytestmark = pytest.mark.e2e

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile.json"
PAYLOAD = "PWNED-CLIPBOARD"
PAYLOAD_B64 = b"UFdORUQtQ0xJUEJPQVJE"
OSC_52 = re.compile(rb"\x1b\]52;[^\x07\x1b]*")
LATIN1_LOCALE = "en_US.ISO-8859-1"
LOCALEDEF_HINT = f"localedef -i en_US -f ISO-8859-1 {LATIN1_LOCALE} (Debian: package locales)"


def osc52_payloads(output: bytes) -> list[bytes]:
    """The payloads of every OSC 52 (clipboard) sequence in ``output``."""
    return [match.group(0) for match in OSC_52.finditer(output)]


def test_the_osc52_row_shown_everywhere_never_sets_the_clipboard(make_terminal):
    terminal: TmuxTerminal = make_terminal(size=(120, 40))
    launch_ven_tui(terminal, ["--data", str(HOSTILE)])
    terminal.wait_for("Published studies")
    terminal.send_keys("2")
    terminal.wait_for("Table 2 (Phase I trials) · row 1")
    screen = terminal.wait_for("UFdORUQtQ0xJUEJPQVJE")  # the payload shown as text, ESC as ␛
    assert "NCT09000001" in screen and "␛]52;c;" in screen
    terminal.send_keys("Tab", "End")  # the detail pane, scrolled through
    terminal.wait_for("Abbreviations")
    terminal.send_keys("4")
    terminal.wait_for("Abbreviation")
    terminal.send_keys("/")
    terminal.send_text("pwn")
    terminal.send_keys("Enter")
    terminal.wait_for("Glossary 2/")
    terminal.send_keys("2")
    terminal.wait_for("Phase I 2/3")
    terminal.send_keys("?")
    terminal.wait_for("ven-tui keys")
    terminal.send_keys("Escape")
    terminal.wait_for(lambda s: "ven-tui keys" not in s)
    terminal.send_keys("/", "Escape")  # clear the filter
    terminal.wait_for(lambda s: "2/3" not in s and "3/3 rows" in s)

    output = terminal.output()
    assert terminal.show_buffer() == "", "nothing was copied, so the paste buffer is empty"
    assert osc52_payloads(output) == [], "ven-tui wrote no OSC 52 sequence at all"
    assert b"\x1b]0;PWNED" not in output and b"\x1b]2;PWNED" not in output, "title untouched"
    assert "PWNED" not in terminal._format("#{pane_title}")

    # The channel works: copying the row's NCT ID reaches the buffer, and only the ID does.
    terminal.send_keys("c")
    assert terminal.wait_for_buffer("NCT09000001") == "NCT09000001"
    output = terminal.output()
    assert PAYLOAD not in terminal.show_buffer()
    assert all(PAYLOAD_B64 not in payload for payload in osc52_payloads(output))
    terminal.send_keys("q")
    assert terminal.wait_for_exit() == 0
    assert b"Traceback" not in terminal.output()


def test_term_linux_draws_the_browser_and_q_quits(make_terminal):
    terminal: TmuxTerminal = make_terminal(env={"TERM": "linux"})
    launch_ven_tui(terminal)
    terminal.wait_for(shows_browser)
    terminal.send_keys("3", "j")
    terminal.wait_for("Phase II")
    terminal.send_keys("q")
    assert terminal.wait_for_exit() == 0
    assert b"Traceback" not in terminal.output()


def _refused(terminal: TmuxTerminal, reason: str) -> bytes:
    """ven-tui exits 2 with one clear line naming ``reason``, having drawn nothing."""
    assert terminal.wait_for_exit() == 2
    output = terminal.wait_for_output(lambda data: data.endswith(b"\n"))
    assert output.startswith(b"ven-tui: error: "), output
    assert reason.encode() in output, output
    assert output.count(b"\n") == 1 and b"\x1b" not in output, output
    assert b"Traceback" not in output
    return output


def test_term_dumb_is_refused_with_one_line_and_exit_2(make_terminal):
    terminal: TmuxTerminal = make_terminal(env={"TERM": "dumb"})
    launch_ven_tui(terminal)
    _refused(terminal, "TERM=dumb cannot move the cursor")


def test_the_c_locale_is_coerced_to_utf8_and_the_browser_works(make_terminal):
    """PEP 538/540: Python runs in UTF-8 under LANG=C and LC_ALL=C, so the browser draws."""
    terminal: TmuxTerminal = make_terminal(env={"LANG": "C", "LC_ALL": "C"})
    launch_ven_tui(terminal, ["--data", str(HOSTILE)])
    terminal.wait_for("Published")
    terminal.send_keys("j", "j", "j")
    terminal.wait_for("row 4")
    terminal.send_keys("q")
    assert terminal.wait_for_exit() == 0
    assert b"Traceback" not in terminal.output()


def _have_locale(name: str) -> bool:
    result = subprocess.run(["locale", "-a"], capture_output=True, text=True, check=False)
    wanted = name.lower().replace("-", "")
    return any(line.lower().replace("-", "") == wanted for line in result.stdout.splitlines())


def test_a_latin1_locale_is_refused_with_a_clear_message(make_terminal):
    if not _have_locale(LATIN1_LOCALE):
        pytest.skip(f"no {LATIN1_LOCALE} locale on this machine; generate it: {LOCALEDEF_HINT}")
    terminal: TmuxTerminal = make_terminal(env={"LANG": LATIN1_LOCALE, "LC_ALL": LATIN1_LOCALE})
    launch_ven_tui(terminal, ["--data", str(HOSTILE)])
    output = _refused(terminal, "needs UTF-8")
    assert b"LANG=C.UTF-8" in output, "the message says what to do"


def test_resizing_the_window_mid_use_keeps_the_app_and_the_selection(make_terminal):
    terminal: TmuxTerminal = make_terminal(size=(160, 48))
    launch_ven_tui(terminal)
    terminal.wait_for(shows_browser)
    terminal.send_keys("3", "j", "j", "Space")
    terminal.wait_for("· row 3")
    terminal.wait_for("1 marked")
    for size in [(40, 12), (80, 24), (300, 100), (41, 13), (160, 48)]:
        terminal.resize(size)
        assert terminal.pane_size() == size
        terminal.wait_for(lambda s, w=size[0]: max(len(line) for line in s.splitlines()) <= w)
        terminal.send_keys("k", "j")  # the app still answers keys at this size
        assert not terminal.is_dead(), terminal.describe()
    terminal.wait_for(lambda s: all(part in s for part in ("· row 3", "1 marked", "Phase II")))
    terminal.send_keys("q")
    assert terminal.wait_for_exit() == 0
    assert b"Traceback" not in terminal.output()
