"""Invisible and ambiguous-width characters become visible stand-ins (issue 17, item 9)."""

from __future__ import annotations

import json

import pytest
from rich.cells import cell_len

from tui.domain.export import render
from tui.domain.records import Record
from tui.domain.sanitize import is_safe, safe_line, safe_text

INVISIBLE = [
    "\u200b",  # zero-width space
    "\u200c",  # zero-width non-joiner
    "\u200d",  # zero-width joiner
    "\u2060",  # word joiner
    "\ufeff",  # byte-order mark
    "\U000e0001",  # language tag
    "\U000e0041",  # tag latin capital A
    "\U000e007f",  # cancel tag
    "\ufff9",  # interlinear annotation anchor
    "\ufffa",
    "\ufffb",
    "\u3164",  # Hangul filler: 0 wide to Rich, 2 to terminals
    "\u115f",
    "\u1160",
    "\uffa0",
]


@pytest.mark.parametrize("char", INVISIBLE, ids=lambda c: f"U+{ord(c):04X}")
def test_invisible_character_gets_a_visible_stand_in(char: str) -> None:
    shown = safe_line(f"a{char}b")
    assert shown == f"a<U+{ord(char):04X}>b"
    assert safe_text(char, keep_newlines=True) == f"<U+{ord(char):04X}>"
    assert not is_safe(char)


def test_stand_ins_have_the_width_rich_and_terminals_agree_on() -> None:
    """Every stand-in is printable ASCII, so no cell can push another's column."""
    shown = safe_line("".join(INVISIBLE))
    assert shown.isascii() and shown.isprintable()
    assert cell_len(shown) == len(shown)


def test_ordinary_text_wide_letters_and_emoji_pass_unchanged() -> None:
    text = "CR 75% — 完全寛解 😀 é שלום"
    assert safe_line(text) == text


def _record(text: str) -> Record:
    return Record(
        table_id="t",
        index=0,
        cells={"Outcome": text},
        note=None,
        nct_id=None,
        reference=None,
        n=None,
        abbreviations=(),
        cell_abbreviations={},
        metrics=(),
        search_text=text,
        column_search_text={"Outcome": text},
    )


def test_exports_show_stand_ins_and_json_keeps_the_exact_text() -> None:
    text = "x\u200by\U000e0041z\u3164"
    record = _record(text)
    csv_text = render("csv", ["Outcome"], [record])
    md_text = render("md", ["Outcome"], [record])
    assert "x<U+200B>y<U+E0041>z<U+3164>" in csv_text
    # Markdown writes < and > as entities (no raw HTML); a renderer shows the same stand-ins.
    assert "x&lt;U+200B&gt;y&lt;U+E0041&gt;z&lt;U+3164&gt;" in md_text
    for exported in (csv_text, md_text):
        assert not any(char in exported for char in INVISIBLE)
    json_text = render("json", ["Outcome"], [record])
    assert not any(char in json_text for char in INVISIBLE)
    assert json.loads(json_text)[0]["cells"]["Outcome"] == text
