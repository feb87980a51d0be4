"""Locate the shipped ``data/`` and ``styles/`` folders, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """Return ``tui/<name>`` inside an installed wheel, else ``<repo>/<name>``.

    A wheel carries ``data/`` and ``styles/`` inside the package (hatch force-include);
    an editable install or a plain checkout has them at the repository root.
    """
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"ven-tui's '{name}' folder is missing from the installation")


def default_data_path() -> Path:
    """The dataset transcribed from the review, shipped with the package."""
    return resource_dir("data") / "review.json"


def stylesheet_path() -> Path:
    """The application's Textual stylesheet."""
    return resource_dir("styles") / "app.tcss"
