"""The one private Textual call, behind ``set_virtual_size``: fail loudly if Textual changes it."""

from __future__ import annotations

import inspect

from textual.geometry import Size
from textual.scroll_view import ScrollView

from tui.app import VenTuiApp
from tui.domain import Evidence
from tui.widgets.quiet_resize import set_virtual_size
from tui.widgets.row_view import RowView


def test_textual_still_has_scroll_update_with_one_size_argument() -> None:
    """``quiet_resize`` calls ``ScrollView._scroll_update(size)``; a rename breaks it here first."""
    method = getattr(ScrollView, "_scroll_update", None)
    assert callable(method), "Textual removed ScrollView._scroll_update: update quiet_resize.py"
    parameters = list(inspect.signature(method).parameters)
    assert parameters == ["self", "virtual_size"], (
        f"ScrollView._scroll_update now takes {parameters}: update quiet_resize.py"
    )


async def test_a_quiet_resize_updates_the_scroll_limits(shipped_evidence: Evidence) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(RowView)
        set_virtual_size(view, Size(view.virtual_size.width, 500))
        await pilot.pause()
        assert view.virtual_size.height == 500
        assert view.max_scroll_y == 500 - view.scrollable_content_region.height
        view.scroll_end(animate=False, immediate=True)
        assert view.scroll_offset.y == view.max_scroll_y > 0
