"""The browser makes no network connection and writes no file (it has no state directory).

Copies go to the terminal (OSC 52), never to a file; exports are the CLI's, written only where
the user points them. A session here goes through every tab and key family.
"""

from __future__ import annotations

import builtins
import io
import os
import socket
import tempfile
import webbrowser
from pathlib import Path

import pytest

from tui.app import VenTuiApp
from tui.domain import load_evidence

HOSTILE = Path(__file__).resolve().parent / "data" / "hostile.json"
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
SESSION = [
    *["j", "j", "space", "s", "l", "s", "c", "C", "u", "x", "d", "d", "tab", "end"],
    *["2", "G", "space", "c", "u", "x", "3", "k", "c"],
    *["4", "j", "5", "end", "6", "m", "o", "M", "7", "j", "enter", "backspace"],
    *["1", "slash", *"cr", "greater_than_sign", "equals_sign", "5", "0", "enter", "c"],
    *["slash", "escape", "question_mark", "j", "escape", "ctrl+p", "escape"],
]


async def run_session(path: Path) -> VenTuiApp:
    """Open the browser on ``path`` and press every key family; return the app, still alive."""
    app = VenTuiApp(load_evidence(path))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press(*SESSION)
        await pilot.pause()
        assert app.is_running and app.unexpected_error is None
    return app


@pytest.mark.parametrize("data", ["shipped", "hostile"])
async def test_a_session_attempts_no_network_connection(
    monkeypatch: pytest.MonkeyPatch, data: str
) -> None:
    attempts: list[str] = []

    def refuse(name: str):
        def refused(*args: object, **kwargs: object) -> object:
            attempts.append(f"{name}{args[1:] if name.startswith('socket.') else args}")
            raise OSError(f"test: no network ({name})")

        return refused

    monkeypatch.setattr(socket.socket, "connect", refuse("socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    for name in ("open", "open_new", "open_new_tab"):
        monkeypatch.setattr(webbrowser, name, refuse(f"webbrowser.{name}"))
    from tui.resources import default_data_path

    await run_session(HOSTILE if data == "hostile" else default_data_path())
    assert attempts == []


async def test_a_session_writes_no_file_in_home_cwd_or_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home, cwd, temp = tmp_path / "home", tmp_path / "cwd", tmp_path / "tmp"
    for directory in (home, cwd, temp):
        directory.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    monkeypatch.chdir(cwd)
    writes: list[str] = []
    real_open, real_os_open = builtins.open, os.open

    def recording_open(file, mode="r", *args, **kwargs):
        if any(flag in mode for flag in "wax+"):
            writes.append(f"open({file!r}, {mode!r})")
        return real_open(file, mode, *args, **kwargs)

    def recording_os_open(path, flags, *args, **kwargs):
        if flags & WRITE_FLAGS:
            writes.append(f"os.open({path!r}, {flags:#o})")
        return real_os_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", recording_open)
    monkeypatch.setattr(io, "open", recording_open)
    monkeypatch.setattr(os, "open", recording_os_open)

    await run_session(HOSTILE)

    assert writes == []
    for directory in (home, cwd, temp):
        assert sorted(p.relative_to(directory) for p in directory.rglob("*")) == [], directory
