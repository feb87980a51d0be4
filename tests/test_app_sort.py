"""Sorting by the chosen column: numbers as numbers, missing values last, again reverses."""

from __future__ import annotations

from textual import events

from tui.app import VenTuiApp
from tui.domain import Evidence

SIZE = (120, 40)


def order(app: VenTuiApp, attribute: str) -> list:
    return [getattr(r, attribute) for r in app.screen.active_table.visible_records]


async def test_s_sorts_n_numerically_with_missing_last(shipped_evidence: Evidence) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("right", "right", "right", "right", "s")
        await pilot.pause()
        table = app.screen.active_table
        assert table.sort_state == ("n", False)
        ns = order(app, "n")
        assert ns == [5, 13, 18, 18, 18, 24, 31, 47, None, None, None, None]
        await pilot.press("s")
        await pilot.pause()
        assert table.sort_state == ("n", True)
        assert order(app, "n") == [47, 31, 24, 18, 18, 18, 13, 5, None, None, None, None]
        assert "sorted by n ▼" in table.query_one(".status").content.plain


async def test_sort_by_ref_is_numeric_and_keeps_the_cursor(shipped_evidence: Evidence) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("j", "j", "l", "l", "l", "s", "s")
        await pilot.pause()
        table = app.screen.active_table
        assert table.sort_state == ("Ref", True)
        assert order(app, "reference") == list(range(28, 16, -1))
        assert table.cursor_record.key == "published:2"
        await pilot.press("h", "h", "h", "h", "h", "s")
        await pilot.pause()
        assert table.sort_state == ("Population", False)
        populations = [r.cells["Population"] for r in table.visible_records]
        assert populations == sorted(populations, key=str.casefold)


async def test_sort_survives_filtering(shipped_evidence: Evidence) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("l", "l", "l", "l", "s", "s", "slash", *"r/r", "enter")
        await pilot.pause()
        assert order(app, "n") == [47, 31, 18, 18, 18, 13, 5, None, None, None]


async def test_keys_arriving_together_choose_the_column_before_sorting(
    shipped_evidence: Evidence,
) -> None:
    """Over SSH a burst of keys can arrive in one packet: 'l l l s' must sort by Ref."""
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for key in "llls":
            app.post_message(events.Key(key, key))
        await pilot.pause()
        await pilot.pause()
        assert app.screen.active_table.sort_state == ("Ref", False)
