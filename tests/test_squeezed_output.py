"""Squeezed output draws the same screen: every character where it was, in the same style,
whatever came before the write (issue 14: bytes per cursor move)."""

from __future__ import annotations

import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.test_linear_parsers import _ratio
from tui.squeezed_output import squeeze_styles, squeezing_driver

# --- A terminal model, written apart from the module: what each byte does to the screen ---

_TOKEN = re.compile(
    r"\x1b\[(?P<csi>[\x20-\x3f]*)(?P<final>[\x40-\x7e])"
    r"|\x1b\](?P<osc>[^\x07\x1b]*)(?:\x07|\x1b\\)"
    r"|\x1b(?P<esc>[\x20-\x7e])"
    r"|(?P<char>[\s\S])"
)
_ATTRIBUTES = {"1": "bold", "2": "dim", "3": "italic", "4": "underline", "5": "blink"}
_ATTRIBUTES |= {"7": "reverse", "8": "conceal", "9": "strike", "53": "overline"}
_CLEARS = {"22": {"bold", "dim"}, "23": {"italic"}, "24": {"underline"}, "25": {"blink"}}
_CLEARS |= {"27": {"reverse"}, "28": {"conceal"}, "29": {"strike"}, "55": {"overline"}}


def _sgr(state: dict[str, Any], params: str) -> None:
    """What a terminal does with ``ESC[<params>m``; a parameter it has no rule for here sets
    an attribute of its own, which only a full reset clears."""
    codes = params.split(";") if params else ["0"]
    while codes:
        code = codes.pop(0)
        if code in ("0", ""):
            state.clear()
        elif code in _ATTRIBUTES:
            state[_ATTRIBUTES[code]] = True
        elif code in _CLEARS:
            for name in _CLEARS[code]:
                state.pop(name, None)
        elif code in ("38", "48") and codes[:1] == ["5"] and len(codes) >= 2:
            state["fg" if code == "38" else "bg"] = "256:" + codes[1]
            del codes[:2]
        elif code in ("38", "48") and codes[:1] == ["2"] and len(codes) >= 4:
            state["fg" if code == "38" else "bg"] = "rgb:" + ",".join(codes[1:4])
            del codes[:4]
        elif code.isdigit() and (30 <= int(code) <= 37 or 90 <= int(code) <= 97):
            state["fg"] = "basic:" + code
        elif code.isdigit() and (40 <= int(code) <= 47 or 100 <= int(code) <= 107):
            state["bg"] = "basic:" + code
        elif code == "39":
            state.pop("fg", None)
        elif code == "49":
            state.pop("bg", None)
        else:
            state["other:" + ";".join([code, *codes])] = True
            return


def screen_of(data: str, start: dict[str, Any]) -> tuple[list[tuple[Any, ...]], dict[str, Any]]:
    """Everything ``data`` does but style, each with the style in force; and the last style."""
    state, saved, link = dict(start), dict(start), ""
    events: list[tuple[Any, ...]] = []
    for token in _TOKEN.finditer(data):
        style = tuple(sorted(state.items()))
        if token["csi"] is not None and token["final"] == "m":
            if re.fullmatch(r"[0-9;]*", token["csi"]):
                _sgr(state, token["csi"])
            else:  # sub-parameters or a private marker: some other effect on the style
                state["other:" + token["csi"]] = True
        elif token["csi"] == "!" and token["final"] == "p" or token["esc"] == "c":
            state.clear()
        elif token["esc"] == "7" or token["csi"] == "" and token["final"] == "s":
            saved = dict(state)
        elif token["esc"] == "8" or token["csi"] == "" and token["final"] == "u":
            state = dict(saved)
        elif token["csi"] in ("?1048", "?1049"):  # xterm: saves (h), restores (l) the cursor
            if token["final"] == "h":
                saved = dict(state)
            elif token["final"] == "l":
                state = dict(saved)
        elif token["osc"] is not None and token["osc"].startswith("8;"):
            link = token["osc"]
        elif token["char"] in ("\r", "\n"):
            events.append(("control", token["char"]))
        elif token["csi"] is not None and token["final"] == "H":
            events.append(("move", token["csi"]))
        else:  # a character, or a sequence that may paint (an erase): in its style
            events.append(("paint", token.group(), style, link))
    return events, state


# --- Output like Textual's, and some it never writes ---

_COLOURS = st.sampled_from(["38;5;253", "48;5;234", "38;2;10;20;30", "48;2;1;2;3", "31", "44"])
_COLOURS |= st.sampled_from(["39", "49", "97", "107"])
_ATTRS = st.sampled_from(["0", "1", "2", "3", "4", "7", "9", "22", "23", "24", "27", "29"])
_STYLE = st.lists(_COLOURS | _ATTRS, min_size=1, max_size=4).map(lambda c: f"\x1b[{';'.join(c)}m")
_RESET = st.sampled_from(["\x1b[0m", "\x1b[m"])
_GAPS = st.sampled_from(["\r", "\n", "\x1b[3;7H", "\x1b[12H", "\x1b]8;id=1;https://x\x1b\\"])
_GAPS |= st.just("\x1b]8;;\x07")
_ODD = st.sampled_from(
    ["\x1bc", "\x1b[!p", "\x1b7", "\x1b8", "\x1b[s", "\x1b[u", "\x1b[4:3m", "\x1b[58;5;1m"]
) | st.sampled_from(["\x1b[21m", "\x1b[38;5m", "\x1b[1;;3m", "\x1b[K", "\x1b[2J", "\x1b[?25l"])
_TEXT = st.text(alphabet="ab ─", min_size=1, max_size=3)
_ODD |= st.sampled_from(["\x1b[?1049h", "\x1b[?1049l", "\x1b[?1048h", "\x1b[?1048l"])
_BETWEEN = _GAPS | st.sampled_from(["\x1b[K", "\x1b7", "\x1b8", "\x1b[?25l", "\x1bc"])
_BETWEEN |= st.sampled_from(["\x1b[?1049l", "\x1b[?1048l"])
_RUN = st.tuples(st.lists(_BETWEEN, max_size=2).map("".join), _STYLE, _TEXT, _RESET).map("".join)
"""Textual's pattern: a move, a style, the text, a reset."""
_WRITE = st.lists(_RUN | _RUN | _RUN | _RUN | _STYLE | _RESET | _TEXT | _ODD, max_size=30)
_WRITE = _WRITE.map("".join)
_STARTS = [{}, {"bold": True, "fg": "256:1", "bg": "rgb:1,2,3"}, {"other:4:3": True}]


@settings(max_examples=1000, deadline=None)
@given(_WRITE)
def test_a_squeezed_write_draws_the_same_screen_from_any_style(data: str) -> None:
    squeezed = squeeze_styles(data)
    for start in _STARTS:
        assert screen_of(squeezed, start) == screen_of(data, start)
    assert len(squeezed) <= len(data)


def _line(row: int, text: str) -> str:
    return f"\x1b[{row};5H\x1b[38;5;253;48;5;234m{text}\x1b[0m"


def test_lines_in_one_style_are_written_in_it_once_the_style_is_known() -> None:
    data = "\n".join(_line(row, "detail") for row in (2, 3, 4, 5))
    # Until the first reset, the attributes in force before the write are not known.
    assert squeeze_styles(data) == (
        _line(2, "detail")
        + "\n\x1b[3;5H\x1b[38;5;253;48;5;234mdetail\n\x1b[4;5Hdetail\n\x1b[5;5Hdetail\x1b[0m"
    )


def test_a_heading_after_body_text_adds_only_bold() -> None:
    data = "\x1b[0m" + _line(2, "body") + "\x1b[1;38;5;253;48;5;234mHeading\x1b[0m"
    assert squeeze_styles(data) == "\x1b[0m" + _line(2, "body")[:-4] + "\x1b[1mHeading\x1b[0m"


def test_an_erase_between_keeps_the_reset_before_it() -> None:
    data = "\x1b[0m\x1b[44;1mA\x1b[0m\x1b[K\x1b[44mB"
    assert squeeze_styles(data) == data


def test_bold_and_dim_off_turns_dim_on_again() -> None:
    data = "\x1b[0m\x1b[1;2;31mA\x1b[0m\x1b[2;31mB"
    assert squeeze_styles(data) == "\x1b[0m\x1b[1;2;31mA\x1b[22;2mB"


def test_a_reset_then_text_stays_a_reset() -> None:
    data = "\x1b[0m" + _line(2, "body") + "plain" + _line(3, "more")
    assert squeeze_styles(data) == data


def test_a_style_this_module_does_not_know_keeps_the_resets_after_it() -> None:
    data = "\x1b[0m" + _line(2, "a") + "\x1b[4:3mb\x1b[0m" + _line(3, "c")
    assert squeeze_styles(data) == data


def test_leaving_the_alternate_screen_restores_a_style_not_known() -> None:
    # xterm's 1049 (and 1048) save the cursor, its style too, on h and restore it on l: after
    # the restore, the style in force is whatever was saved, so the next reset is kept.
    known = "\x1b[0m\x1b[31mred"
    data = known + "\x1b[?1049l\x1b[0m\x1b[31mred again\x1b[0m\r\x1b[31mx"
    assert squeeze_styles(data) == known + "\x1b[?1049l\x1b[0m\x1b[31mred again\rx"


def test_a_write_with_no_reset_is_the_same_object() -> None:
    data = "\x1b[2;5H\x1b[1mtext"
    assert squeeze_styles(data) is data


def test_the_driver_sends_its_writes_squeezed() -> None:
    class Recording:
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            self.written: list[str] = []

        def write(self, data: str) -> None:
            self.written.append(data)

    driver = squeezing_driver(Recording)()  # type: ignore[arg-type]
    data = "\x1b[0m" + _line(2, "a") + "\n" + _line(3, "b")
    driver.write(data)
    assert driver.written == [squeeze_styles(data)] and driver.written[0] != data


def _styled_lines(size: int) -> str:
    return "\n".join(_line(2 + row % 30, "x" * 40) for row in range(size // 60))


def _resets(size: int) -> str:
    return "\x1b[0m" * (size // 4)


def _styles_then_a_reset(size: int) -> str:
    return "\x1b[1m" * (size // 4) + "\x1b[0m"


def test_squeezing_is_linear_in_the_write() -> None:
    for make in (_styled_lines, _resets, _styles_then_a_reset):
        assert _ratio(make, squeeze_styles) < 30
