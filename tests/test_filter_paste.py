"""A bracketed paste lands in the filter whole and sanitised, like typed text (issue 17)."""

from __future__ import annotations

from textual.events import Paste
from textual.widgets import Input

from tui.app import VenTuiApp
from tui.domain.sanitize import safe_line
from tui.widgets import FilterBar


async def _paste_after_typing(shipped_evidence, typed: str, pasted: str) -> str:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *typed)
        field = app.screen.query_one(FilterBar).query_one(Input)
        field.post_message(Paste(pasted))
        await pilot.pause()
        await pilot.press(*"zz")  # typed after the paste: lands after it, not elsewhere
        await pilot.pause()
        assert app.is_running and app.unexpected_error is None
        return field.value


async def test_paste_with_esc_cr_and_rlo_is_kept_whole_and_in_order(shipped_evidence) -> None:
    pasted = "cr\x1b[2Jx\rsecond line\u202eevil"
    value = await _paste_after_typing(shipped_evidence, "ab ", pasted)
    assert value == "ab " + safe_line(pasted) + "zz"
    assert value == "ab cr\u241b[2Jx second line<U+202E>evilzz"


async def test_plain_paste_is_unchanged(shipped_evidence) -> None:
    assert await _paste_after_typing(shipped_evidence, "", "venetoclax") == "venetoclaxzz"
