"""ven-tui's screens: the browser and its help (loaded on first ``?``, not at start-up)."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.screens.help import HelpScreen
    from tui.screens.main import MainScreen

_MODULES = {"HelpScreen": "help", "MainScreen": "main"}

__all__ = ["HelpScreen", "MainScreen"]


def __getattr__(name: str) -> object:
    """Import the screen's module the first time the screen is asked for."""
    if name not in _MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_MODULES[name]}"), name)
