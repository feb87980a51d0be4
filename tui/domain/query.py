"""The query language shared by ``ven-tui export --filter`` and the TUI's filter bar.

Grammar (implicit AND between items; ``OR`` binds tighter, as in Google and Gmail, so
``ph:pos blinatumomab OR inotuzumab`` is ``ph:pos AND (blinatumomab OR inotuzumab)``)::

    query      := item*                       all must match
    item       := unary ("OR" unary)*         OR is upper case and stands alone
    unary      := ["-"] "(" query ")" | term
    term       := ["-"] (comparison | facet | [column ":"] (word | '"' phrase '"'))
    facet      := KEY ":" VALUE               KEY is ph, lineage, setting, age or class
    comparison := NAME OP NUMBER              OP is one of >= <= > < =   (spaces allowed)

Text terms match case-insensitively anywhere in a row's cells and in the expansions of
the abbreviations the row uses; a word of a synonym group (``frontline``, ``untreated``,
``"newly diagnosed"``) matches any word of its group, and a drug-class word (``antifungal``,
``tki``) also matches rows using an agent of that class. ``column:`` names a column by a
prefix of its heading, except that the facet keys above always mean the facet (no heading
of the review starts with them). ``NAME`` in a comparison is a metric name (``cr`` also
matches CR/CRi) or ``n``. The parser reads each character once and raises only
``QueryError``.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import compress

from tui.domain.facets import (
    CLASS_WORDS,
    FACET_KEYS,
    POPULATION_FACETS,
    facet_values,
    resolve_value,
    row_facets,
)
from tui.domain.records import Record
from tui.domain.registry import STATUS_WORDS, RegistryRecord

_OPERATORS: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge,
    "<=": operator.le,
    ">": operator.gt,
    "<": operator.lt,
    "=": operator.eq,
}
_COLUMN_PREFIX = re.compile(r"([A-Za-z][\w\-]*):")
_WORD = re.compile(r'[^\s"<>=()]+')
_AGE_YEARS = re.compile(r"[0-9]{1,3}(?:\.[0-9]+)?(?=[\s()]|$)")
_OPERATOR = re.compile(r"\s*(>=|<=|>|<|=)\s*")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?%?")
MAX_DEPTH = 50
"""Parentheses nested deeper than this are refused (no real query needs more)."""

SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = (
    ("newly diagnosed", "untreated", "frontline", "front-line", "first-line"),
    ("r/r", "relapsed", "refractory"),
    ("t-all", "t-lbl", "etp-all", "t-lineage"),
    ("b-all", "b-lbl", "b-lineage"),
)
"""Words that mean one setting or lineage: typing any of them matches all of them."""
_SYNONYMS = {word: group for group in SYNONYM_GROUPS for word in group}


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
    synonyms: tuple[str, ...] = ()
    """The synonym group ``text`` belongs to, itself included; empty if none."""
    drug_class: str | None = None
    """The drug class a bare class word also matches (``antifungal``)."""

    @property
    def spellings(self) -> tuple[str, ...]:
        """Every text that satisfies the term."""
        return self.synonyms or (self.text,)

    def found_in(self, haystack: str) -> bool:
        """Whether a (case-folded) text contains the term; negation not applied."""
        return any(spelling in haystack for spelling in self.spellings)

    def matches(self, record: Record) -> bool:
        if self.column is None:
            found = self.found_in(record.search_text)
        else:
            haystack = record.column_text(self.column)
            found = haystack is not None and self.found_in(haystack)
        if not found and self.drug_class is not None:
            found = row_facets(record).has("class", self.drug_class)
        return found != self.negated

    def implies(self, other: TextTerm) -> bool:
        """Whether every row this (positive) term matches is sure to match ``other``."""
        if self.drug_class is not None and self.drug_class != other.drug_class:
            return False
        return all(
            any(wanted in spelling for wanted in other.spellings) for spelling in self.spellings
        )


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
            values: list[float] = [] if record.n is None else [float(record.n)]
        else:
            values = [metric.value for metric in record.metrics_named(self.name)]
        found = any(compare(value, self.value) for value in values)
        return found != self.negated


@dataclass(frozen=True, slots=True)
class FacetTerm:
    """``key:value`` over a row's derived population facets (``tui.domain.facets``)."""

    key: str
    value: str
    negated: bool = False
    span: tuple[int, int] = field(default=(0, 0), compare=False)
    """Where the term is in the query text, so the facet panel can take it out again."""

    def matches(self, record: Record) -> bool:
        return row_facets(record).has(self.key, self.value) != self.negated

    @property
    def term(self) -> str:
        return f"{self.key}:{self.value}"


REGISTRY_KEYS = ("status", "country")
"""Keys answered from the ClinicalTrials.gov cache (and ``age:N``, a number of years)."""


@dataclass(frozen=True, slots=True)
class RegistryTerm:
    """``status:recruiting``, ``country:france``, ``age:45``: today's registry data, if cached.

    A row without registry data never matches, negated or not: the registry has not said.
    """

    key: str
    value: str
    negated: bool = False
    registry: Mapping[str, RegistryRecord] | None = field(default=None, compare=False)

    def matches(self, record: Record) -> bool:
        entry = self.registry.get(record.nct_id or "") if self.registry else None
        if entry is None:
            return False
        if self.key == "status":
            found = entry.status == self.value
        elif self.key == "country":
            found = any(self.value in country.casefold() for country in entry.countries)
        else:
            found = entry.accepts_age(float(self.value))
        return found != self.negated


Term = TextTerm | MetricTerm | FacetTerm | RegistryTerm


@dataclass(frozen=True, slots=True)
class Group:
    """Items that must all match (``all_of``) or of which one must (``any_of``)."""

    children: tuple[Node, ...]
    any_of: bool = False
    negated: bool = False

    def matches(self, record: Record) -> bool:
        if self.any_of:
            found = any(child.matches(record) for child in self.children)
        else:
            found = all(child.matches(record) for child in self.children)
        return found != self.negated


Node = Term | Group


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: a conjunction of items. The empty query matches everything."""

    source: str
    root: Group = Group(())

    def matches(self, record: Record) -> bool:
        return self.root.matches(record)

    def filter(self, records: Sequence[Record]) -> list[Record]:
        """The records the query matches, in their order (``matches`` on each, but a term
        at a time over the list: each AND item searches only what the earlier ones kept)."""
        return list(_select(self.root, records))

    def select(self, records: tuple[Record, ...]) -> tuple[Record, ...]:
        """``filter`` as a tuple: ``records`` itself when every record matches.

        At 100,000 rows the first letter typed matches nearly all: a copy of every row
        would be built, kept, and walked by the garbage collector, for nothing.
        """
        return tuple(_select(self.root, records))

    @property
    def terms(self) -> tuple[Term, ...]:
        """Every term, in the order typed, wherever it sits in the expression."""
        return tuple(term for term, _ in _leaves(self.root, False))

    def registry_terms(self) -> tuple[RegistryTerm, ...]:
        """Every term that asks the registry cache (``status:``, ``country:``, ``age:N``)."""
        return tuple(term for term in self.terms if isinstance(term, RegistryTerm))

    def text_terms(self) -> tuple[TextTerm, ...]:
        """Every text term, in the order typed."""
        return tuple(term for term in self.terms if isinstance(term, TextTerm))

    def matches_text(self, haystack: str) -> bool:
        """The text terms against one case-folded text; other terms do not apply there.

        The glossary uses it: a row of definitions has no metrics or facets, so comparisons
        and facet terms are left out of the expression rather than failing it.
        """
        return _test_text(self.root, haystack) is not False

    def applied_facets(self) -> tuple[FacetTerm, ...]:
        """The positive facet terms that stand alone at the top level (the panel's ticks)."""
        return tuple(
            child
            for child in self.root.children
            if isinstance(child, FacetTerm) and not child.negated
        )

    def narrows(self, previous: Query) -> bool:
        """Whether every record this query matches is sure to match ``previous`` too.

        True when both are plain words and each earlier word lies inside one of these
        ("aza" then "azac"): the filter can then search the earlier matches only. Synonym
        groups and class words count when every spelling keeps the earlier word.
        """
        old, new = previous._plain_words(), self._plain_words()
        if old is None or new is None:
            return False
        return all(any(term.implies(earlier) for term in new) for earlier in old)

    def _plain_words(self) -> list[TextTerm] | None:
        """The terms, if every item is a positive word for all columns; else None."""
        words = []
        for child in self.root.children:
            if not isinstance(child, TextTerm) or child.column is not None or child.negated:
                return None
            words.append(child)
        return words

    @property
    def highlights(self) -> list[str]:
        """The text of positive text terms, synonyms included, to highlight what is shown."""
        found: dict[str, None] = {}
        for term, negated in _leaves(self.root, False):
            if isinstance(term, TextTerm) and not negated:
                found.update(dict.fromkeys(term.spellings))
        return list(found)

    def __bool__(self) -> bool:
        return bool(self.root.children)


def _select(node: Node, records: Sequence[Record]) -> Sequence[Record]:
    """``[r for r in records if node.matches(r)]``, computed a node at a time; ``records``
    itself when all match."""
    if not records:
        return records
    if isinstance(node, Group) and not node.any_of:
        selected = records
        for child in node.children:
            selected = _select(child, selected)
            if not selected:
                break
        if not node.negated:
            return selected
        kept = set(map(id, selected))
        return [record for record in records if id(record) not in kept]
    if isinstance(node, TextTerm) and node.drug_class is None and node.column is None:
        if len(node.spellings) == 1 and not node.negated:
            return _containing(records, node.spellings[0])
    return _kept(records, list(compress(records, _marks(node, records))))


def _marks(node: Node, records: Sequence[Record]) -> list[bool]:
    """Per record, ``node.matches(record)``, computed over the list as ``_select`` is.

    A choice (``a OR b``) asks each alternative only about the records that the ones
    before it did not match.
    """
    if isinstance(node, Group) and node.any_of:
        if not node.children:  # a choice of nothing matches nothing, as ``any`` says
            return [node.negated] * len(records)
        found = _marks(node.children[0], records)
        for child in node.children[1:]:
            missed = _unmarked(found)
            if not missed:
                break
            for at in compress(missed, _marks(child, [records[at] for at in missed])):
                found[at] = True
        return list(map(operator.not_, found)) if node.negated else found
    if isinstance(node, Group):
        kept = set(map(id, _select(node, records)))
        return [id(record) in kept for record in records]
    if isinstance(node, TextTerm) and node.drug_class is None and node.column is None:
        found = _found(records, node.spellings[0])
        for spelling in node.spellings[1:]:
            found = list(map(operator.or_, found, _found(records, spelling)))
        return list(map(operator.not_, found)) if node.negated else found
    if isinstance(node, FacetTerm) and node.key in POPULATION_FACETS:
        pair, negated = (node.key, node.value), node.negated
        return [
            (pair in (record.derived_facets or row_facets(record)).terms) != negated
            for record in records
        ]
    matches = node.matches
    return [matches(record) for record in records]


def _unmarked(found: list[bool]) -> list[int]:
    """The places ``found`` says are not matched yet, in order."""
    return list(compress(range(len(found)), map(operator.not_, found)))


def _kept(records: Sequence[Record], selected: list[Record]) -> Sequence[Record]:
    """``records`` itself if ``selected`` (a subsequence of it) dropped none: no copy kept."""
    return records if len(selected) == len(records) else selected


def _containing(records: Sequence[Record], spelling: str) -> Sequence[Record]:
    """``[r for r in records if spelling in r.search_text]``, reading the cells first."""
    found = _found(records, spelling)
    return records if all(found) else list(compress(records, found))


def _found(records: Sequence[Record], spelling: str) -> list[bool]:
    """Per record, whether ``spelling in record.search_text``, reading the cells first.

    A match that holds no newline lies within one cell or one expansion of the search
    text. So a row matches if its case-folded cells (``folded``) do, or if it uses one of
    the abbreviations whose expansion holds ``spelling``. Only the rows whose cells miss
    are looked at again, and their abbreviations only when their cells contain one of
    the abbreviations' written forms.
    """
    if "\n" in spelling:
        return [spelling in record.search_text for record in records]
    found = [spelling in record.folded for record in records]
    if all(found):
        return found
    missed = _unmarked(found)
    misses = [records[at] for at in missed]
    variants = {
        derive: derive.expansion_variants(spelling)
        for derive in {record.derive for record in misses}
        if derive is not None
    }
    for derive, (forms, written) in variants.items():
        if not written:
            continue
        if len(variants) > 1:  # rows of several tables: this table's misses only
            places = [
                at for at, record in zip(missed, misses, strict=True) if record.derive is derive
            ]
        else:
            places = missed
        if len(forms) == 1:
            (form,) = forms
            candidates = [at for at in places if form in records[at].folded]
        else:
            search = re.compile("|".join(map(re.escape, forms))).search
            candidates = [at for at in places if search(records[at].folded)]
        verdicts: dict[int, bool] = {}  # rows share their abbreviations' tuple
        for at in candidates:
            used = records[at].abbreviations
            verdict = verdicts.get(id(used))
            if verdict is None:
                verdict = verdicts[id(used)] = any(a.abbr in written for a in used)
            if verdict:
                found[at] = True
    return found


def _leaves(node: Node, negated: bool) -> Iterator[tuple[Term, bool]]:
    """Each term with whether it is excluded once every enclosing ``-`` is counted."""
    if isinstance(node, Group):
        for child in node.children:
            yield from _leaves(child, negated != node.negated)
    else:
        yield node, negated != node.negated


def _test_text(node: Node, haystack: str) -> bool | None:
    """True/False for text terms; None where nothing applies (left out of the expression)."""
    if isinstance(node, TextTerm):
        return node.found_in(haystack) != node.negated
    if not isinstance(node, Group):
        return None
    results = [r for r in (_test_text(child, haystack) for child in node.children) if r is not None]
    if not results:
        return None
    found = any(results) if node.any_of else all(results)
    return found != node.negated


def parse_query(
    text: str,
    columns: Sequence[str],
    registry: Mapping[str, RegistryRecord] | None = None,
) -> Query:
    """Parse ``text`` against the dataset's column headings; raise ``QueryError`` if malformed.

    ``registry`` (NCT ID -> cached registry record) answers ``status:``, ``country:`` and
    ``age:N``; without it those terms match nothing.
    """
    return Query(text, _Parser(text, columns, registry).parse())


class _Parser:
    def __init__(
        self,
        text: str,
        columns: Sequence[str],
        registry: Mapping[str, RegistryRecord] | None = None,
    ) -> None:
        self.text = text
        self.columns = list(columns)
        self.registry = registry
        self.pos = 0

    def parse(self) -> Group:
        root = self._items(0, None)
        if self.pos < len(self.text):
            raise QueryError("unmatched ')': no '(' opens it", self.pos)
        return root

    def _skip_space(self) -> None:
        text = self.text
        while self.pos < len(text) and text[self.pos].isspace():
            self.pos += 1

    def _items(self, depth: int, opened: int | None) -> Group:
        """Items up to the end, or up to the ')' closing the '(' at ``opened``."""
        items: list[Node] = []
        while True:
            self._skip_space()
            if self.pos >= len(self.text):
                if opened is not None:
                    raise QueryError("unclosed '(': add a closing ')'", opened)
                break
            if self.text[self.pos] == ")":
                if opened is None:
                    raise QueryError("unmatched ')': no '(' opens it", self.pos)
                break
            items.append(self._item(depth))
        return Group(tuple(items))

    def _at_or(self) -> bool:
        return self.text.startswith("OR", self.pos) and self._is_token_end(self.pos + 2)

    def _item(self, depth: int) -> Node:
        if self._at_or():
            raise QueryError("OR needs a term before it", self.pos)
        choices = [self._unary(depth)]
        while True:
            before = self.pos
            self._skip_space()
            if not self._at_or():
                self.pos = before
                break
            at = self.pos
            self.pos += 2
            self._skip_space()
            if self.pos >= len(self.text) or self.text[self.pos] == ")" or self._at_or():
                raise QueryError("OR needs a term after it", at)
            choices.append(self._unary(depth))
        return choices[0] if len(choices) == 1 else Group(tuple(choices), any_of=True)

    def _unary(self, depth: int) -> Node:
        text, start = self.text, self.pos
        negated = text.startswith("-(", start)
        if negated or text[start] == "(":
            opened = start + 1 if negated else start
            if depth >= MAX_DEPTH:
                raise QueryError(f"parentheses nested more than {MAX_DEPTH} deep", opened)
            self.pos = opened + 1
            inner = self._items(depth + 1, opened)
            if not inner.children:
                raise QueryError("empty parentheses", opened)
            self.pos += 1  # the closing ')'
            self._expect_token_end("')'")
            if len(inner.children) == 1 and not negated:
                return inner.children[0]
            return Group(inner.children, negated=negated)
        return self._term()

    def _term(self) -> Term:
        text, start = self.text, self.pos
        negated = text[self.pos] == "-"
        if negated:
            self.pos += 1
            if self._at_end_of_token():
                raise QueryError("'-' must be followed by a term to exclude", start)
        column = None
        if prefix := _COLUMN_PREFIX.match(text, self.pos):
            name = prefix.group(1)
            self.pos = prefix.end()
            if self._at_end_of_token():
                raise QueryError(f"'{name}:' needs a term after the colon", start)
            if name.casefold() in REGISTRY_KEYS or (
                name.casefold() == "age" and _AGE_YEARS.match(text, self.pos)
            ):
                return self._registry_term(name.casefold(), negated)
            if name.casefold() in FACET_KEYS:
                return self._facet(name.casefold(), negated, start)
            column = self._resolve_column(name, prefix.start())
        if text[self.pos] == '"':
            return self._text_term(self._phrase(), column, negated)
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
        return self._text_term(word.group(0).casefold(), column, negated)

    @staticmethod
    def _text_term(text: str, column: str | None, negated: bool) -> TextTerm:
        drug_class = CLASS_WORDS.get(text) if column is None else None
        return TextTerm(text, column, negated, _SYNONYMS.get(text, ()), drug_class)

    def _value(self, what: str) -> str:
        """The word or quoted phrase after ``key:``, as typed."""
        at = self.pos
        if self.text[at] == '"':
            return self._phrase()
        word = _WORD.match(self.text, at)
        if word is None:
            raise QueryError(f"unexpected {self.text[at]!r}", at)
        self.pos = word.end()
        self._expect_token_end(what)
        return word.group(0)

    def _registry_term(self, key: str, negated: bool) -> RegistryTerm:
        at = self.pos
        spelled = self._value(f"a {key} value")
        value = spelled.casefold()
        if key == "status":
            value = spelled.upper().replace("-", "_")
            if value not in STATUS_WORDS:
                valid = ", ".join(s.casefold().replace("_", "-") for s in STATUS_WORDS)
                raise QueryError(f"'{spelled}' is not a registry status (valid: {valid})", at)
        return RegistryTerm(key, value, negated, self.registry)

    def _facet(self, key: str, negated: bool, start: int) -> FacetTerm:
        at = self.pos
        spelled = self._value("a facet value")
        value = resolve_value(key, spelled)
        if value is None:
            valid = ", ".join((*facet_values(key), "unstated"))
            raise QueryError(f"'{spelled}' is not a value of '{key}:' (valid: {valid})", at)
        return FacetTerm(key, value, negated, (start, self.pos))

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

    def _comparison(self, name: str, operator_at: re.Match[str], negated: bool) -> MetricTerm:
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
        """A term ends at a space, at the end, or at a ')' that closes a group."""
        return (
            position >= len(self.text)
            or self.text[position].isspace()
            or (self.text[position] == ")")
        )

    def _expect_token_end(self, after: str) -> None:
        if not self._at_end_of_token():
            raise QueryError(f"unexpected {self.text[self.pos]!r} after {after}", self.pos)
