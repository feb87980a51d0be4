"""Fewer bytes per frame over a slow link: a style reset and the style after it, written as
the change between the two styles.

Textual writes every run of text as its style, the text, and a reset: ``ESC[38;5;253;
48;5;234m`` text ``ESC[0m``. A detail pane line that changes is written with its cursor
move, so a cursor move that redraws 30 lines of the pane sends the same style, and its reset,
30 times: a third of its bytes. When a reset is followed, with only cursor moves, carriage
returns, line feeds or hyperlink marks between, by another style, and the style in force
before the reset is known, the two are written as what changes: nothing if the style is the
same, ``ESC[1m`` if only bold is added, and so on; where that is no shorter, as they were.
Every character is still written where it was, in the same style.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from textual.driver import Driver

_SGR = re.compile(
    r"\x1b\[(?P<sgr>[\x20-\x3f]*)m|(?P<reset>\x1bc|\x1b\[!p)"
    r"|\x1b8|\x1b\[u|\x1b\[\?(?P<private>[0-9;]*)l"
)
"""A style (SGR, with any parameters: those this module does not know make the style
unknown); a terminal reset (RIS, DECSTR), which sets the style back too; or a cursor restore
(DECRC, or leaving xterm's alternate screen by 1048 or 1049), which brings back a saved
style, so it too makes the style unknown."""
_RESTORES_CURSOR = {"1048", "1049"}
"""Private modes whose reset (``ESC[?1049l``) restores the saved cursor, and so its style."""
_GAP = re.compile(r"(?:\r|\n|\x1b\[[0-9]*(?:;[0-9]*)?H|\x1b\]8;[^\x07\x1b]*(?:\x07|\x1b\\))*")
"""What may stand between a reset and the style after it: nothing that prints, styles or
erases. (A line feed on the last row would scroll, filling a line in the background then in
force; Textual writes one only between the lines of a region, never after its last.)"""
_PLAIN_PARAMS = re.compile(r"[0-9]+(?:;[0-9]+)*")
"""SGR parameters as Textual writes them: numbers, no empty or sub-parameters."""

_ON = {1: "bold", 2: "dim", 3: "italic", 4: "underline", 5: "blink", 7: "reverse"}
_ON |= {8: "conceal", 9: "strike", 53: "overline"}
_OFF: dict[int, tuple[str, ...]] = {22: ("bold", "dim"), 23: ("italic",), 24: ("underline",)}
_OFF |= {25: ("blink",), 27: ("reverse",), 28: ("conceal",), 29: ("strike",), 55: ("overline",)}
_OFF_CODE = {name: code for code, names in _OFF.items() for name in names}
_CODE_OF = {name: code for code, name in _ON.items()}


class Style(NamedTuple):
    """What a run of SGR sequences leaves in force: attributes and the two colours."""

    flags: frozenset[str] = frozenset()
    fg: tuple[int, ...] | None = None
    """The colour's own parameters (``(38, 5, 253)``, ``(31,)``); None: the default."""
    bg: tuple[int, ...] | None = None


DEFAULT = Style()


@lru_cache(maxsize=4096)  # a screen uses a few dozen styles
def apply(style: Style, params: str) -> Style | None:
    """``style`` after ``ESC[<params>m``; None for a parameter this module does not know."""
    if not params:
        return DEFAULT
    if not _PLAIN_PARAMS.fullmatch(params):
        return None
    codes = [int(code) for code in params.split(";")]
    flags, fg, bg = set(style.flags), style.fg, style.bg
    at = 0
    while at < len(codes):
        code = codes[at]
        if code in (38, 48):
            size = {5: 3, 2: 5}.get(codes[at + 1] if at + 1 < len(codes) else -1)
            if size is None or at + size > len(codes):
                return None
            colour = tuple(codes[at : at + size])
            if code == 38:
                fg = colour
            else:
                bg = colour
            at += size
            continue
        if code == 0:
            flags, fg, bg = set(), None, None
        elif code in _ON:
            flags.add(_ON[code])
        elif code in _OFF:
            flags.difference_update(_OFF[code])
        elif 30 <= code <= 37 or 90 <= code <= 97:
            fg = (code,)
        elif 40 <= code <= 47 or 100 <= code <= 107:
            bg = (code,)
        elif code == 39:
            fg = None
        elif code == 49:
            bg = None
        else:
            return None
        at += 1
    return Style(frozenset(flags), fg, bg)


@lru_cache(maxsize=4096)
def change(before: Style, after: Style) -> str:
    """The SGR parameters that turn ``before`` into ``after`` ("" when they are the same)."""
    codes: list[int] = []
    gone = before.flags - after.flags
    offs = sorted({_OFF_CODE[name] for name in gone})
    codes += offs
    # 22 turns off bold and dim both: whichever of them stays is turned on again.
    kept_again = after.flags & {"bold", "dim"} if 22 in offs else frozenset()
    codes += sorted(_CODE_OF[name] for name in (after.flags - before.flags) | kept_again)
    if after.fg != before.fg:
        codes += after.fg if after.fg is not None else (39,)
    if after.bg != before.bg:
        codes += after.bg if after.bg is not None else (49,)
    return ";".join(map(str, codes))


def squeeze_styles(data: str) -> str:
    """``data`` with each reset and the style after it written as their change (see the
    module's doc).

    The style a write starts in is not known: only after its first reset. One pass, linear
    in ``len(data)``.
    """
    if "\x1b[0m" not in data and "\x1b[m" not in data:
        return data
    parts: list[str] = []
    kept_to = 0  # data[:kept_to] is in parts, as written or changed
    style: Style | None = None  # in force at this point, if known
    skip = -1  # the start of a style already written as a change
    matches = list(_SGR.finditer(data))
    for at, match in enumerate(matches):
        if match.start() == skip:
            continue
        params = match.group("sgr")
        if params is None:  # a terminal reset, a cursor restore, a private mode reset
            modes = match.group("private")
            if modes is None or _RESTORES_CURSOR & set(modes.split(";")):
                style = DEFAULT if match.group("reset") else None
            continue
        if params not in ("", "0"):
            style = apply(style, params) if style is not None else None
            continue
        following = matches[at + 1] if at + 1 < len(matches) else None
        if style is None or following is None or not following.group("sgr"):
            style = DEFAULT
            continue
        gap = _GAP.fullmatch(data, match.end(), following.start())
        target = apply(DEFAULT, following.group("sgr")) if gap is not None else None
        if target is None:
            style = DEFAULT
            continue
        codes = change(style, target)
        written = f"\x1b[{codes}m" if codes else ""
        if len(written) >= following.end() - following.start() + len(match.group()):
            style = DEFAULT  # no shorter: as it was
            continue
        parts += (data[kept_to : match.start()], data[match.end() : following.start()], written)
        kept_to, skip, style = following.end(), following.start(), target
    if not parts:
        return data
    parts.append(data[kept_to:])
    return "".join(parts)


def squeezing_driver(base: type[Driver]) -> type[Driver]:
    """``base`` (Textual's driver for this terminal), its writes squeezed."""

    class SqueezingDriver(base):  # type: ignore[valid-type, misc]
        def write(self, data: str) -> None:
            super().write(squeeze_styles(data))

    return SqueezingDriver
