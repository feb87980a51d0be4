"""A few deliberate SVG snapshots of the browser on the shipped dataset.

Re-record with ``make snapshot-update`` (``pytest tests/test_snapshots.py --snapshot-update``)
and look at the SVGs before committing them.
"""

from __future__ import annotations

import pytest
import textual.constants
from textual.widgets import Input

from tui.app import VenTuiApp
from tui.domain import Evidence

NARROW = (80, 24)
WIDE = (160, 48)


@pytest.fixture(autouse=True)
def frozen_rendering(monkeypatch: pytest.MonkeyPatch) -> None:
    """No cursor blink and no animations, so a screenshot does not depend on timing."""
    monkeypatch.setattr(textual.constants, "TEXTUAL_ANIMATIONS", "none")
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)


def test_shipped_start_screen_80x24(snap_compare, shipped_evidence: Evidence) -> None:
    """Published studies, cursor on the first row, detail pane below the table."""
    assert snap_compare(VenTuiApp(shipped_evidence), press=["_"], terminal_size=NARROW)


def test_shipped_filtered_phase2_160x48(snap_compare, shipped_evidence: Evidence) -> None:
    """Filter 'ph+', counts in tab labels, two marks, detail beside with 'Also listed in'."""
    keys = ["3", "slash", *"ph+", "enter", "j", "j", "space", "k", "space", "j", "_"]
    assert snap_compare(VenTuiApp(shipped_evidence), press=keys, terminal_size=WIDE)


def test_shipped_invalid_query_80x24(snap_compare, shipped_evidence: Evidence) -> None:
    """A malformed query explained under the input while the last good filter stays."""
    keys = ["slash", *'azacitidine "t-all', "_"]
    assert snap_compare(VenTuiApp(shipped_evidence), press=keys, terminal_size=NARROW)


def test_shipped_glossary_160x48(snap_compare, shipped_evidence: Evidence) -> None:
    """The glossary filtered by 'leukemia', with the highlighted entry shown in full."""
    keys = ["4", "slash", *"leukemia", "enter", "j", "_"]
    assert snap_compare(VenTuiApp(shipped_evidence), press=keys, terminal_size=WIDE)


def test_shipped_compare_tab_80x24(snap_compare, shipped_evidence: Evidence) -> None:
    """Complete response across the published studies: bars, CI whiskers, studies left out."""
    assert snap_compare(VenTuiApp(shipped_evidence), press=["6", "_"], terminal_size=NARROW)
