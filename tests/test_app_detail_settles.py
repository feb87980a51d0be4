"""Holding j: the detail pane follows the cursor once the burst settles, not at every step."""

from __future__ import annotations

import tui.screens.main
from tui.app import VenTuiApp
from tui.domain import Evidence
from tui.screens.main import SETTLE_SECONDS
from tui.widgets.detail_pane import DetailPane

# Pilot presses keys further apart than a terminal's key repeat, more so on a busy machine:
# the burst test widens the window so that its eight presses surely fall within it.
WIDE_WINDOW = 0.75


async def test_a_burst_of_moves_draws_the_pane_once_it_settles(
    shipped_evidence: Evidence, monkeypatch
):
    monkeypatch.setattr(tui.screens.main, "SETTLE_SECONDS", WIDE_WINDOW)
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(WIDE_WINDOW * 1.5)
        pane = app.screen.query_one(DetailPane)
        shown = []
        original = pane.show

        def counting(record, *args, **kwargs):
            shown.append(record.key if record else None)
            original(record, *args, **kwargs)

        pane.show = counting  # type: ignore[method-assign]
        await pilot.press(*"j" * 8)
        assert len(shown) <= 1, shown  # the first move may draw; the others wait
        await pilot.pause(WIDE_WINDOW * 2)
        expected = shipped_evidence.records["published"][8]
        assert app.screen.state.detail() == expected
        assert pane.record == expected
        assert 1 <= len(shown) <= 2, shown  # the first move, perhaps, then the last
        assert shown[-1] == expected.key


async def test_c_during_a_burst_copies_the_row_under_the_cursor(shipped_evidence: Evidence):
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("j", "j", "c")
        await pilot.pause()
        assert app.clipboard == shipped_evidence.records["phase1"][2].nct_id


async def test_a_single_move_after_a_pause_draws_at_once(shipped_evidence: Evidence):
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(SETTLE_SECONDS * 2)
        await pilot.press("j")
        await pilot.pause()
        assert app.screen.query_one(DetailPane).record == shipped_evidence.records["published"][1]


async def test_a_cursor_move_repaints_no_more_than_the_rows_and_pane(shipped_evidence: Evidence):
    """The state reactive does not repaint the screen: a move redraws two rows and the pane."""
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(SETTLE_SECONDS * 2)
        screen = app.screen
        whole: list[object] = []
        original = screen.refresh

        def counting(*regions, **kwargs):
            if not regions:
                whole.append(kwargs)
            return original(*regions, **kwargs)

        screen.refresh = counting  # type: ignore[method-assign]
        await pilot.press("j")
        await pilot.pause()
        assert screen.state.detail() == shipped_evidence.records["published"][1]
        assert whole == [], "a cursor move asked for a repaint of the whole screen"


async def test_a_single_move_draws_the_cursor_before_the_pane(shipped_evidence: Evidence):
    """The moved cursor reaches the screen first; the pane's new text waits for that frame.

    Wrapping the detail takes longer than moving the cursor: done before the frame, it would
    hold back the one thing the key visibly did.
    """
    from tui.widgets.row_view import RowView

    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(SETTLE_SECONDS * 2)
        screen = app.screen
        table = screen.query_one("#panes RowView", RowView)
        pane = screen.query_one(DetailPane)
        rows = shipped_evidence.records["published"]
        events: list[str] = []
        draw_line, show = table.render_line, pane.show

        def drawing(y: int):
            if y - 1 + table.scroll_offset.y == table.cursor:
                events.append(f"cursor drawn on row {table.cursor}")
            return draw_line(y)

        def showing(record, *args, **kwargs):
            events.append(f"pane shows {record.key if record else None}")
            show(record, *args, **kwargs)

        table.render_line = drawing  # type: ignore[method-assign]
        pane.show = showing  # type: ignore[method-assign]
        await pilot.press("j")
        await pilot.pause()
        assert events[:2] == ["cursor drawn on row 1", f"pane shows {rows[1].key}"], events
        assert pane.record == rows[1]

        # The move's message, handled: the state (which the copy keys read) has moved at once,
        # the pane not yet, whatever the order in which Textual's messages arrive.
        await pilot.pause(SETTLE_SECONDS * 2)
        table.move_cursor(2)
        screen.state = screen.state.moved_to("published", rows[2].key)
        assert screen.state.detail() == rows[2]
        assert pane.record == rows[1]
        await pilot.pause()
        assert pane.record == rows[2]
