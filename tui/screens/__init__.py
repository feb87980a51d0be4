"""ven-tui's screens: the browser and its help."""

from __future__ import annotations

from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen

__all__ = ["HelpScreen", "MainScreen"]
