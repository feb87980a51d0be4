"""ven-tui: a terminal browser for the clinical evidence on venetoclax in ALL."""

from __future__ import annotations

__version__ = "0.1.0"
