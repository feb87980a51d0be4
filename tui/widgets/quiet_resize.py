"""Resize a Line-API view's scrollable area without asking the screen to lay out again.

Assigning ``virtual_size`` refreshes the layout of the whole screen, yet for ``RowView`` and
``LinePane`` only the scroll limits and scrollbars depend on it: their lines fill the same
region. They change it at every filter keystroke and every cursor move, so they set it here.
Textual has no public call for this; this module is the one place the private one is made, and
tests/test_private_textual.py fails, naming this file, if Textual renames it or its arguments.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.scroll_view import ScrollView


def set_virtual_size(view: ScrollView, size: Size) -> None:
    """Give ``view`` a new scrollable size, updating only its scroll limits and scrollbars."""
    if size == view.virtual_size:
        return
    view.set_reactive(ScrollView.virtual_size, size)
    if view.is_mounted:
        view._scroll_update(size)  # Textual's own bookkeeping: maximum scroll, scrollbar state
