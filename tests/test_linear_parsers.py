"""Parsers stay linear in cell size: hostile cells must not freeze loading (issue 17, item 2)."""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.domain.glossary import inline_definitions
from tui.domain.metrics import _split_context, parse_metrics

# The regex the one-pass split replaced, kept here as the oracle it must agree with.
_OLD_CONTEXT = re.compile(r"(?P<body>.*?)\s*\((?P<context>[^()]*)\)?")
_OLD_NAME_THEN_VALUE = re.compile(
    r"(?P<name>\S.*?)\s+(?P<value>[0-9]{1,12}(?:\.[0-9]{1,6})?)\s*(?P<unit>%|months?|weeks?|years?|days?)",
    re.IGNORECASE,
)


def _best_time(function: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(3):
        began = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - began)
    return best


def _ratio(make: Callable[[int], str], parse: Callable[[str], object]) -> float:
    """Time at 100 KB over time at 10 KB: about 10 when linear, 100 when quadratic."""
    small, large = make(10_000), make(100_000)
    return _best_time(lambda: parse(large)) / max(_best_time(lambda: parse(small)), 1e-6)


HOSTILE_CELLS: dict[str, Callable[[int], str]] = {
    "spaces in an outcome": lambda n: "CR" + " " * n + "x",
    "spaces before a parenthesis": lambda n: "CR" + " " * n + "(a" + "(",
    "spaces before a number": lambda n: "OS" + " " * n + "7 q",
    "acronyms": lambda n: "(AB) " * (n // 5),
    "stopwords then acronyms": lambda n: ("and " * 50 + "(AA) ") * (n // 205),
    "one long word": lambda n: "a" * n + " (AB)",
}


def test_parse_metrics_is_linear_on_hostile_cells() -> None:
    for name, make in HOSTILE_CELLS.items():
        assert _ratio(make, parse_metrics) < 30, name


def test_inline_definitions_is_linear_on_hostile_cells() -> None:
    for name, make in HOSTILE_CELLS.items():
        assert _ratio(make, lambda text: inline_definitions(text, "s")) < 30, name


def test_forty_thousand_spaces_still_parse_the_metric() -> None:
    assert [(m.name, m.value, m.unit) for m in parse_metrics("CR" + " " * 40_000 + "75%")] == [
        ("CR", 75.0, "%")
    ]


def test_repeated_acronyms_are_still_found_once_each() -> None:
    found = inline_definitions("alpha beta (AB) " * 1000, "s")
    assert len(found) == 1000
    assert {(d.abbr, d.expansion) for d in found} == {("AB", "alpha beta")}


_CLAUSE = st.text(alphabet=" \n\t(a)1%5 OSmonths.,x", max_size=30)


@settings(max_examples=400, deadline=None)
@given(_CLAUSE)
def test_split_context_agrees_with_the_regex_it_replaced(clause: str) -> None:
    old = _OLD_CONTEXT.fullmatch(clause)
    expected = (old["body"], old["context"]) if old else None
    assert _split_context(clause) == expected


@settings(max_examples=400, deadline=None)
@given(_CLAUSE)
def test_name_then_value_agrees_with_the_regex_it_replaced(clause: str) -> None:
    from tui.domain.metrics import _NAME_THEN_VALUE

    old, new = _OLD_NAME_THEN_VALUE.fullmatch(clause), _NAME_THEN_VALUE.fullmatch(clause)
    assert (old and old.groupdict()) == (new and new.groupdict())


def _old_inline(text: str) -> list[tuple[str, str]]:
    """The rescanning algorithm, as the oracle for the one-pass one."""
    inline = re.compile(r"\((?P<abbr>[A-Z]{2,8})(?: regimen)?\)")
    word_re = re.compile(r"[A-Za-z][\w\-]*")
    stop = {"and", "plus", "of", "with", "the", "or", "to", "for", "in"}
    found = []
    for match in inline.finditer(text):
        abbr, before = match["abbr"], text[: match.start()].rstrip()
        words = list(word_re.finditer(before))
        letter, index, start = len(abbr) - 1, len(words) - 1, None
        while letter >= 0 and index >= 0:
            word = words[index].group(0)
            if word[0].lower() == abbr[letter].lower():
                start, letter = words[index].start(), letter - 1
            elif word.lower() not in stop:
                break
            index -= 1
        if letter < 0 and start is not None:
            found.append((abbr, before[start:]))
    return found


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=" ()ABab-and", max_size=40))
def test_inline_definitions_agree_with_the_rescanning_algorithm(text: str) -> None:
    assert [(d.abbr, d.expansion) for d in inline_definitions(text, "s")] == _old_inline(text)
