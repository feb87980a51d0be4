"""Text from data never carries a control sequence to the terminal."""

from __future__ import annotations

from tui.domain.sanitize import is_safe, safe_line, safe_text

OSC52 = "\x1b]52;c;SGVsbG8=\x07"


def test_escape_sequences_become_visible_and_inert():
    shown = safe_text(f"before{OSC52}after\x1b[2J\x9b31m")
    assert "\x1b" not in shown and "\x07" not in shown and "\x9b" not in shown
    assert shown == "before\u241b]52;c;SGVsbG8=\u2407after\u241b[2J<U+009B>31m"
    assert is_safe(shown)


def test_printable_unicode_passes_unchanged():
    text = "中文 😀 e\u0301 مرحبا"
    assert safe_text(text) == text


def test_bidi_overrides_are_neutralised():
    assert safe_text("a\u202eb") == "a<U+202E>b"


def test_lines():
    assert safe_text("a\nb", keep_newlines=True) == "a\nb"
    assert safe_line("a\r\nb\nc") == "a b c"
    assert not is_safe("a\x1bb")
