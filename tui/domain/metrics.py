"""Parse outcome text such as "CR 75% (frontline), OS 7.7 months" into metrics."""

from __future__ import annotations

import re
from dataclasses import dataclass

NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
_NUMBER = r"[0-9]{1,12}(?:\.[0-9]{1,6})?"
_COUNT = rf"(?:{_NUMBER}|{'|'.join(NUMBER_WORDS)})"
_UNITS = {
    "%": "%",
    "month": "months",
    "months": "months",
    "week": "weeks",
    "weeks": "weeks",
    "year": "years",
    "years": "years",
    "day": "days",
    "days": "days",
}
_UNIT = r"%|months?|weeks?|years?|days?"
# A name ends on a non-space: "\S.*?\s+" would rescan every run of spaces from each of its
# positions (quadratic); the shortest name never ends in a space, so the matches are the same.
_NAME = r"\S(?:.*?\S)?"
_NAME_THEN_VALUE = re.compile(
    rf"(?P<name>{_NAME})\s+(?P<value>{_NUMBER})\s*(?P<unit>{_UNIT})", re.IGNORECASE
)
_VALUE_THEN_NAME = re.compile(rf"(?P<value>{_NUMBER})%\s+(?P<name>\S.*)")
_COUNT_OF_PATIENTS = re.compile(
    rf"(?P<name>{_NAME})\s+in\s+(?P<value>{_COUNT})\s+patients?", re.IGNORECASE
)
_SAMPLE_SIZE = re.compile(r"\(n\s*=\s*([0-9]{1,9})\)")
_REFERENCE = re.compile(r"\[([0-9]{1,9})\]")


@dataclass(frozen=True, slots=True)
class Metric:
    """One number reported in an outcome, with its unit and qualifier."""

    name: str
    value: float
    unit: str
    context: str | None = None
    derived_from: str | None = None
    """The printed text this metric was derived from, when the source does not state it
    as a figure (``ORR 42%, all CR/CRi`` gives CR/CRi 42%); None for a stated metric."""


def parse_metrics(text: str) -> list[Metric]:
    """Every metric stated in ``text``; clauses that state none are skipped, never an error."""
    metrics: list[Metric] = []
    for clause in split_top_level(text):
        metric = _parse_clause(clause.strip())
        if metric is not None:
            metrics.append(metric)
        elif metrics and (implied := _all_of_previous(clause.strip(), metrics[-1])):
            metrics.append(implied)
    return metrics


# "all CR/CRi", "all were CR", "all responders achieved CR/CRi", "each in CR": every response
# was of that kind. One pass, no nested repetition (linear).
_ALL_OF = re.compile(
    r"(?:all|each|every one)(?:\s+(?:of them|responders|responses|patients who responded))?"
    r"\s+(?:(?:were|was|achieved|had|in|reached)\s+)?(?P<name>CR[A-Za-z/]*)",
    re.IGNORECASE,
)


def _all_of_previous(clause: str, previous: Metric) -> Metric | None:
    """``all CR/CRi`` after ``ORR 42%``: every response was CR/CRi, so CR/CRi is 42% (derived).

    A separate step after the clause grammar, so the phrase never changes a stated metric.
    """
    match = _ALL_OF.fullmatch(clause)
    if match is None or previous.unit != "%" or previous.derived_from is not None:
        return None
    source = f"{previous.name} {previous.value:g}%, {clause}"
    return Metric(match["name"], previous.value, "%", previous.context, derived_from=source)


def split_top_level(text: str, separator: str = ",") -> list[str]:
    """Split on ``separator`` outside parentheses; unbalanced parentheses are tolerated."""
    if "(" not in text:  # depth never rises above 0: every separator splits
        return text.split(separator)
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        if char == separator and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _parse_clause(clause: str) -> Metric | None:
    context = None
    with_context = _split_context(clause)
    if with_context:
        clause, context = with_context[0], with_context[1].strip() or None
    if match := _NAME_THEN_VALUE.fullmatch(clause):
        unit = _UNITS[match["unit"].lower()]
        return Metric(match["name"], float(match["value"]), unit, context)
    if match := _VALUE_THEN_NAME.fullmatch(clause):
        return Metric(match["name"], float(match["value"]), "%", context)
    if match := _COUNT_OF_PATIENTS.fullmatch(clause):
        return Metric(match["name"], float(_count(match["value"])), "patients", context)
    return None


def _split_context(clause: str) -> tuple[str, str] | None:
    """Body and parenthesised tail of "CR 75% (frontline)", in one pass.

    The same split as the regex ``(?P<body>.*?)\\s*\\((?P<context>[^()]*)\\)?`` in
    full, which took quadratic time on long runs of spaces: the context follows the
    last "(", holds no parenthesis but an optional closing one, and the body, with its
    trailing spaces dropped, holds no line break.
    """
    opening = clause.rfind("(")
    if opening < 0:
        return None
    context = clause[opening + 1 :]
    if context.endswith(")"):
        context = context[:-1]
    if ")" in context:
        return None
    body = clause[:opening].rstrip()
    if "\n" in body:
        return None
    return body, context


def _count(value: str) -> float:
    # casefold, not lower: IGNORECASE matched "ſix" as "six" and casefold agrees with it
    word = value.casefold()
    return float(NUMBER_WORDS[word]) if word in NUMBER_WORDS else float(value)


def sample_size(text: str) -> int | None:
    """The "(n = N)" a population states, if any."""
    match = _SAMPLE_SIZE.search(text)
    return int(match.group(1)) if match else None


def reference_number(text: str) -> int | None:
    """The bracketed reference number "[17]" of a published study, if any."""
    match = _REFERENCE.search(text)
    return int(match.group(1)) if match else None
