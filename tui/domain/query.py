"""The query language shared by ``ven-tui export --filter`` and the TUI's filter bar.

Grammar (terms separated by whitespace, all must match)::

    term       := ["-"] (comparison | [column ":"] (word | '"' phrase '"'))
    comparison := NAME OP NUMBER        OP is one of >= <= > < =   (spaces allowed)

Text terms match case-insensitively anywhere in a row's cells and in the expansions of
the abbreviations the row uses. ``column:`` names a column by a prefix of its heading.
``NAME`` in a comparison is a metric name (``cr`` also matches CR/CRi) or ``n``.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tui.domain.records import Record

_OPERATORS: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge,
    "<=": operator.le,
    ">": operator.gt,
    "<": operator.lt,
    "=": operator.eq,
}
_COLUMN_PREFIX = re.compile(r"([A-Za-z][\w\-]*):")
_WORD = re.compile(r'[^\s"<>=]+')
_OPERATOR = re.compile(r"\s*(>=|<=|>|<|=)\s*")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?%?")


class QueryError(ValueError):
    """A malformed query; ``position`` is the 0-based offset of the problem."""

    def __init__(self, message: str, position: int) -> None:
        self.message = message
        self.position = position
        super().__init__(f"{message} (at column {position + 1})")


@dataclass(frozen=True, slots=True)
class TextTerm:
    """A word or phrase, optionally restricted to one column, optionally excluded."""

    text: str
    column: str | None = None
    negated: bool = False

    def matches(self, record: Record) -> bool:
        if self.column is None:
            found = self.text in record.search_text
        else:
            haystack = record.column_search_text.get(self.column)
            found = haystack is not None and self.text in haystack
        return found != self.negated


@dataclass(frozen=True, slots=True)
class MetricTerm:
    """``NAME OP NUMBER`` over a row's parsed metrics, or over its sample size for ``n``."""

    name: str
    op: str
    value: float
    negated: bool = False

    def matches(self, record: Record) -> bool:
        compare = _OPERATORS[self.op]
        if self.name.casefold() == "n":
            values = [] if record.n is None else [record.n]
        else:
            values = [metric.value for metric in record.metrics_named(self.name)]
        found = any(compare(value, self.value) for value in values)
        return found != self.negated


Term = TextTerm | MetricTerm


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: a conjunction of terms. The empty query matches everything."""

    source: str
    terms: tuple[Term, ...] = ()

    def matches(self, record: Record) -> bool:
        return all(term.matches(record) for term in self.terms)

    def filter(self, records: Sequence[Record]) -> list[Record]:
        return [record for record in records if self.matches(record)]

    def narrows(self, previous: Query) -> bool:
        """Whether every record this query matches is sure to match ``previous`` too.

        True when both are plain words and each earlier word lies inside one of these
        ("aza" then "azac"): the filter can then search the earlier matches only.
        """
        old, new = previous._plain_words(), self._plain_words()
        if old is None or new is None:
            return False
        return all(any(word in longer for longer in new) for word in old)

    def _plain_words(self) -> list[str] | None:
        """The words, if every term is a positive word for all columns; else None."""
        words = []
        for term in self.terms:
            if not isinstance(term, TextTerm) or term.column is not None or term.negated:
                return None
            words.append(term.text)
        return words

    @property
    def highlights(self) -> list[str]:
        """The positive text terms, to highlight in what is shown."""
        return [t.text for t in self.terms if isinstance(t, TextTerm) and not t.negated]

    def __bool__(self) -> bool:
        return bool(self.terms)


def parse_query(text: str, columns: Sequence[str]) -> Query:
    """Parse ``text`` against the dataset's column headings; raise ``QueryError`` if malformed."""
    return Query(text, tuple(_Parser(text, columns).terms()))


class _Parser:
    def __init__(self, text: str, columns: Sequence[str]) -> None:
        self.text = text
        self.columns = list(columns)
        self.pos = 0

    def terms(self):
        text = self.text
        while True:
            while self.pos < len(text) and text[self.pos].isspace():
                self.pos += 1
            if self.pos >= len(text):
                return
            yield self._term()

    def _term(self) -> Term:
        text, start = self.text, self.pos
        negated = text[self.pos] == "-"
        if negated:
            self.pos += 1
            if self._at_end_of_token():
                raise QueryError("'-' must be followed by a term to exclude", start)
        column = None
        if prefix := _COLUMN_PREFIX.match(text, self.pos):
            column = self._resolve_column(prefix.group(1), prefix.start())
            self.pos = prefix.end()
            if self._at_end_of_token():
                raise QueryError(f"'{prefix.group(1)}:' needs a term after the colon", start)
        if text[self.pos] == '"':
            return TextTerm(self._phrase(), column, negated)
        word = _WORD.match(text, self.pos)
        operator_at = _OPERATOR.match(text, word.end() if word else self.pos)
        if operator_at:
            if word is None:
                raise QueryError(
                    f"a comparison needs a metric name before '{operator_at.group(1)}'", self.pos
                )
            if column is not None:
                raise QueryError("a comparison cannot be restricted to a column", start)
            return self._comparison(word.group(0), operator_at, negated)
        if word is None:
            raise QueryError(f"unexpected {text[self.pos]!r}", self.pos)
        self.pos = word.end()
        self._expect_token_end("a term")
        return TextTerm(word.group(0).casefold(), column, negated)

    def _phrase(self) -> str:
        opening = self.pos
        closing = self.text.find('"', opening + 1)
        if closing < 0:
            raise QueryError('unclosed quote: add a closing "', opening)
        phrase = self.text[opening + 1 : closing]
        if not phrase.strip():
            raise QueryError("empty quoted phrase", opening)
        self.pos = closing + 1
        self._expect_token_end("a closing quote")
        return phrase.casefold()

    def _comparison(self, name: str, operator_at: re.Match, negated: bool) -> MetricTerm:
        symbol = operator_at.group(1)
        number = _NUMBER.match(self.text, operator_at.end())
        if number is None or not self._is_token_end(number.end()):
            raise QueryError(f"expected a number after '{name} {symbol}'", operator_at.end())
        self.pos = number.end()
        return MetricTerm(name, symbol, float(number.group(0).rstrip("%")), negated)

    def _resolve_column(self, prefix: str, position: int) -> str:
        folded = prefix.casefold()
        exact = [c for c in self.columns if c.casefold() == folded]
        candidates = exact or [c for c in self.columns if c.casefold().startswith(folded)]
        if len(candidates) == 1:
            return candidates[0]
        if not candidates:
            raise QueryError(
                f"no column starts with '{prefix}' (columns: {', '.join(self.columns)})", position
            )
        raise QueryError(
            f"'{prefix}' could be any of {', '.join(candidates)}: type more of the heading",
            position,
        )

    def _at_end_of_token(self) -> bool:
        return self._is_token_end(self.pos)

    def _is_token_end(self, position: int) -> bool:
        return position >= len(self.text) or self.text[position].isspace()

    def _expect_token_end(self, after: str) -> None:
        if not self._at_end_of_token():
            raise QueryError(f"unexpected {self.text[self.pos]!r} after {after}", self.pos)
