"""Random key sequences (fixed seeds, bounded length) never crash the browser."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from textual import events

from tui.app import VenTuiApp
from tui.domain import Evidence, load_evidence
from tui.resources import default_data_path
from tui.screens import MainScreen
from tui.widgets.detail_pane import DetailPane

HOSTILE = Path(__file__).resolve().parent / "data" / "hostile.json"
LENGTH = 150
CHUNK = 10
# Every key the browser answers to, plus keys that type into the filter. "q" is left out
# (it quits, ending the run early); ctrl+p opens the palette and is always followed by
# escape, so random typing there cannot run a system command such as "save screenshot".
ALPHABET = [
    *"1234567",
    *"jkgGhlsdcCuxmMo",
    *"azp",
    "slash",
    "question_mark",
    "space",
    "enter",
    "escape",
    "tab",
    "shift+tab",
    "up",
    "down",
    "left",
    "right",
    "pageup",
    "pagedown",
    "home",
    "end",
    "backspace",
    "delete",
    "quotation_mark",
    "apostrophe",
    "minus",
    "colon",
    "greater_than_sign",
    "equals_sign",
    # The palette, opened and driven in one go; escape closes it so random typing there
    # cannot run a command. Bursts (below) deliver these as keys arriving together.
    ("ctrl+p", "escape"),
    ("ctrl+p", "pagedown", "escape"),
    ("ctrl+p", "pageup", "pagedown", "escape"),
    ("ctrl+p", "down", "down", "up", "escape"),
    ("ctrl+p", "end", "home", "escape"),
]
# The character a terminal sends with each named key, for keys queued as one burst.
CHARACTERS = {
    "space": " ",
    "slash": "/",
    "question_mark": "?",
    "enter": "\r",
    "tab": "\t",
    "escape": "\x1b",
    "backspace": "\x7f",
    "quotation_mark": '"',
    "apostrophe": "'",
    "minus": "-",
    "colon": ":",
    "greater_than_sign": ">",
    "equals_sign": "=",
}


def key_sequence(seed: int, length: int = LENGTH) -> list[str]:
    """The seed's keys, ``length`` picks from the alphabet (a pair counts as one pick)."""
    rng = random.Random(seed)
    keys: list[str] = []
    for _ in range(length):
        pick = rng.choice(ALPHABET)
        keys.extend(pick if isinstance(pick, tuple) else [pick])
    return keys


def dataset(name: str) -> Evidence:
    return load_evidence(HOSTILE if name == "hostile" else default_data_path())


# Five seeds, one dataset and terminal size each, to keep the run near 20 s of CPU.
CASES = [
    (1, "shipped", (80, 24)),
    (2, "shipped", (40, 12)),
    (3, "hostile", (80, 24)),
    (4, "hostile", (40, 12)),
    (5, "hostile", (120, 40)),
]


@pytest.mark.parametrize(("seed", "data", "size"), CASES)
async def test_random_keys_never_crash(seed: int, data: str, size: tuple[int, int]) -> None:
    keys = key_sequence(seed)
    bursts = random.Random(-seed)
    app = VenTuiApp(dataset(data))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for start in range(0, len(keys), CHUNK):
            chunk = keys[start : start + CHUNK]
            if bursts.random() < 0.5:
                await pilot.press(*chunk)
            else:  # all at once, as keys arrive together over SSH
                for key in chunk:
                    char = CHARACTERS.get(key, key if len(key) == 1 else None)
                    app.post_message(events.Key(key, char))
                await pilot.pause()
                await pilot.pause()
            sent = keys[: start + CHUNK]
            where = f"seed {seed}, {data} data at {size}, after keys {sent}"
            assert app.unexpected_error is None, f"{where}: {app.unexpected_error!r}"
            assert app.is_running and app.return_code is None, where
        await pilot.press("escape", "escape")
        await pilot.pause()
        where = f"seed {seed}, {data} data at {size}, keys {keys}"
        assert app.unexpected_error is None, where
        assert isinstance(app.screen, MainScreen), f"{where}: ends on {app.screen!r}"
        assert app.focused is not None, f"{where}: nothing has focus"
        # The detail pane shows what c would copy: the highlighted visible row (or nothing).
        table = app.screen.active_table
        if table is not None:
            detail = app.screen.query_one(DetailPane).record
            assert detail == table.cursor_record, where
            assert detail is None or detail in table.visible_records, where


def test_sequences_are_fixed_by_seed() -> None:
    """The same seed gives the same keys, so a failure reproduces from its message."""
    assert key_sequence(3) == key_sequence(3)
    assert key_sequence(3) != key_sequence(4)
    assert len(key_sequence(3, 20)) >= 20


# Palette keys that never run a command: Enter could pick one (theme, quit), so bursts
# mix paging and moving with escape, and enter only right after ctrl+p (nothing picked).
PALETTE_BURSTS = [
    ("ctrl+p", "pageup"),
    ("ctrl+p", "pagedown"),
    ("ctrl+p", "enter", "enter"),
    ("ctrl+p", "down", "pagedown", "pageup", "up"),
    ("ctrl+p", "escape", "ctrl+p", "pagedown"),
]


@pytest.mark.parametrize("seed", [11, 12])
async def test_palette_key_bursts_never_crash(seed: int) -> None:
    """ctrl+p and palette keys queued all at once, as they arrive together over SSH."""
    rng = random.Random(seed)
    app = VenTuiApp(dataset("shipped"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(15):
            burst = rng.choice(PALETTE_BURSTS)
            for key in burst:
                app.post_message(events.Key(key, "\r" if key == "enter" else None))
            await pilot.pause()
            error = app.unexpected_error
            assert error is None, f"seed {seed}, burst {burst}: {error!r}"
            assert app.is_running, f"seed {seed}, burst {burst}"
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen), f"seed {seed}: ends on {app.screen!r}"
