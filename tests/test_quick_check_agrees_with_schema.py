"""The loader's quick check never accepts what the pydantic schema would reject.

Valid files skip pydantic at start-up (``models.conforms``), so this is the property that
keeps the pydantic schema the one contract: on any mutation of the shipped data, a file the
quick check accepts validates under the schema, strictly, and builds the same dataset.
"""

from __future__ import annotations

import copy
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.domain import models, schema
from tui.resources import default_data_path

SHIPPED = json.loads(default_data_path().read_text(encoding="utf-8"))

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=6,
)


def _containers(value, path=()):
    """Every (path, container) in the shipped JSON, so a mutation can land anywhere."""
    if isinstance(value, dict):
        yield path, value
        for key, child in value.items():
            yield from _containers(child, (*path, key))
    elif isinstance(value, list):
        yield path, value
        for index, child in enumerate(value):
            yield from _containers(child, (*path, index))


def _at(raw, path):
    for part in path:
        raw = raw[part]
    return raw


@st.composite
def mutated(draw):
    raw = copy.deepcopy(SHIPPED)
    for _ in range(draw(st.integers(1, 3))):
        places = [path for path, _ in _containers(raw)]
        container = _at(raw, draw(st.sampled_from(places)))
        keys = list(container) if isinstance(container, dict) else list(range(len(container)))
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "add" or not keys:
            if isinstance(container, dict):
                container[draw(st.text(max_size=12))] = draw(json_values)
            else:
                container.append(draw(json_values))
        elif action == "delete":
            del container[draw(st.sampled_from(keys))]
        else:
            key = draw(st.sampled_from(keys))
            container[key] = draw(_like(container[key]) | json_values)
    return raw


def _like(value) -> st.SearchStrategy:
    """Values of the same JSON type, so many mutations stay valid and test the accepting side."""
    if isinstance(value, bool) or value is None:
        return st.none() | st.booleans()
    if isinstance(value, int):
        return st.integers()
    if isinstance(value, str):
        return st.text(max_size=8)
    if isinstance(value, list):
        return st.lists(st.text(max_size=5), max_size=3)
    return st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_a_file_the_quick_check_accepts_is_valid_under_the_schema(raw):
    if models.conforms(raw):
        validated = schema.Dataset.model_validate(raw, strict=True)
        assert models.build(raw) == models.build(validated.model_dump())
