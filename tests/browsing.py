"""Pilot helpers shared by the browser's tests: notices shown, the cursor's row, an agent chosen."""

from __future__ import annotations

from textual.notifications import Notification

from tui.app import VenTuiApp
from tui.widgets import AgentsView


def notifications(app: VenTuiApp) -> list[Notification]:
    """The notifications on screen, oldest first.

    Textual keeps them in ``App._notifications`` and offers no public reader; this is the one
    place tests read it (tests/test_private_textual.py checks it still exists).
    """
    return list(app._notifications)


def notices(app: VenTuiApp) -> list[str]:
    """The messages of the notifications on screen, oldest first."""
    return [notice.message for notice in notifications(app)]


def cursor_key(app: VenTuiApp) -> str | None:
    """The key of the record under the cursor of the table shown (None: no row visible)."""
    table = app.screen.active_table
    assert table is not None, "no evidence table is shown"
    record = table.cursor_record
    return record.key if record else None


async def choose_agent(pilot, app: VenTuiApp, agent: str) -> None:
    """On the Agents tab (7), highlight ``agent`` and press Enter: the tables show its rows."""
    await pilot.press("7")
    await pilot.pause()
    names = [entry.name for entry in app.screen.query_one(AgentsView).entries]
    await pilot.press(*["j"] * names.index(agent), "enter")
    await pilot.pause()
