"""The query reference teaches every facet value, synonym and class word the parser knows."""

from __future__ import annotations

from tui.domain.facets import FACET_KEYS, facet_values
from tui.domain.query import SYNONYM_GROUPS
from tui.domain.query_reference import QUERY_REFERENCE


def test_every_facet_value_is_documented():
    for key in FACET_KEYS:
        if key == "class":
            continue
        for value in facet_values(key):
            assert f"`{key}:{value}`" in QUERY_REFERENCE, f"{key}:{value}"
    assert "`ph:unstated`" in QUERY_REFERENCE


def test_every_synonym_and_class_word_is_documented():
    for group in SYNONYM_GROUPS:
        for word in group:
            spelled = f'`"{word}"`' if " " in word else f"`{word}`"
            assert spelled in QUERY_REFERENCE, word
    for word in facet_values("class"):
        assert f"`{word}`" in QUERY_REFERENCE, word
    assert "ven-tui's own" in QUERY_REFERENCE
