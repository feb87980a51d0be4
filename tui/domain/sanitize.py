"""Neutralise text from data before it reaches a terminal, an export or the clipboard.

Control characters (C0, DEL, C1: the bytes that start escape sequences such as CSI,
OSC 52 and OSC 8), bidirectional overrides and the Unicode line and paragraph
separators, and invisible or ambiguous-width characters (zero-width spaces and joiners,
word joiner, byte-order mark, tag characters, interlinear annotation marks, Hangul
fillers) are replaced by visible stand-ins, so a cell can never move the cursor, set
the clipboard, reorder what follows it, hide text, break a line or shift the columns
of another cell. Printable
text, wide characters, emoji, combining marks and right-to-left letters pass unchanged.
"""

from __future__ import annotations

import re

_CONTROL_PICTURES = {0x7F: "\u2421"} | {code: chr(0x2400 + code) for code in range(0x20)}
# C0 and DEL as their Unicode control pictures (ESC -> U+241B); C1 as <U+0085> etc.
_BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# LINE SEPARATOR and PARAGRAPH SEPARATOR: line breaks to str.splitlines() and some viewers.
_SEPARATORS = "\u2028\u2029"
# Invisible (width 0 to Rich, often 0 or 1 to a terminal) and ambiguous fillers (U+3164 is
# 0 wide to Rich, 2 to most terminals): either can hide text or push a pane's border.
_INVISIBLE = (
    "\u00ad\u115f\u1160\u180e\u200b-\u200d\u2060-\u2064\u3164\ufeff\uffa0"
    "\ufff9-\ufffb\U000e0000-\U000e007f"
)
_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI_CONTROLS}{_SEPARATORS}{_INVISIBLE}]")
_UNSAFE_KEEP_LINES = re.compile(
    f"[\x00-\x09\x0b-\x1f\x7f-\x9f{_BIDI_CONTROLS}{_SEPARATORS}{_INVISIBLE}]"
)
_LINE_BREAK = re.compile(f"\r\n|[\n\r{_SEPARATORS}]")


def _stand_in(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return _CONTROL_PICTURES.get(code) or f"<U+{code:04X}>"


def safe_text(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every control character made visible; newlines kept if asked."""
    pattern = _UNSAFE_KEEP_LINES if keep_newlines else _UNSAFE
    return pattern.sub(_stand_in, text)


def safe_line(text: str) -> str:
    """``text`` on one line: line breaks become spaces, other controls visible stand-ins."""
    return safe_text(_LINE_BREAK.sub(" ", text))


def is_safe(text: str) -> bool:
    """True when ``text`` holds nothing a terminal would interpret (newlines allowed)."""
    return _UNSAFE_KEEP_LINES.search(text) is None
