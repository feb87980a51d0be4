"""The JSON schema of a dataset, as pydantic models built from the classes of ``models``.

The loader validates with these only when its quick check of a file fails (to say what is
wrong, where), and ``ven-tui schema`` prints their JSON schema; everything else works with the
plain classes of ``tui.domain.models``, so start-up need not import pydantic. The field names,
types, defaults and docstrings are read from those dataclasses: they are written once, there.
This module adds only what a JSON Schema reader is told beyond them (descriptions, and the two
lists that must not be empty).
"""

from __future__ import annotations

import collections.abc
import dataclasses
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model

from tui.domain import models

_CONFIG = ConfigDict(extra="forbid", frozen=True)

# Keyed by (dataclass, field); a test checks that every key names a field of the dataclasses.
FIELD_EXTRAS: dict[tuple[str, str], dict[str, Any]] = {
    ("Figure", "label"): {
        "description": "As printed, without the trailing period, e.g. 'Figure 1'."
    },
    ("Figure", "legend"): {"description": "The legend text after the label, verbatim."},
    ("SourceRow", "cells"): {"description": "Heading -> verbatim cell text, in column order."},
    ("SourceRow", "note"): {"description": "Editorial note explaining a quirk of the printed row."},
    ("SourceTable", "label"): {"description": "As printed, e.g. 'Table 1'."},
    ("SourceTable", "columns"): {
        "min_length": 1,
        "description": "Column headings exactly as printed.",
    },
    ("SourceTable", "nct_column"): {
        "description": "The heading whose cells hold a ClinicalTrials.gov NCT ID."
    },
    ("SourceTable", "outcome_column"): {
        "description": "The heading whose cells report outcomes to parse metrics from."
    },
    ("SourceTable", "footnote"): {"description": "The abbreviation footnote, verbatim."},
    ("SourceTable", "note"): {"description": "Editorial note on the table as printed."},
    ("Dataset", "tables"): {"min_length": 1},
}


def _dataclasses_in(hint: Any) -> Iterator[type]:
    """The dataclasses a type hint refers to, e.g. ``SourceRow`` in ``list[SourceRow]``."""
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        yield hint
    for argument in typing.get_args(hint):
        yield from _dataclasses_in(argument)


def json_type(hint: Any) -> Any:
    """The type as the file holds it: a ``Sequence`` is a JSON array (a list), a ``Mapping``
    a JSON object (a dict). The classes say Sequence and Mapping because the evidence keeps
    rows and cells in compact forms of its own (``tui.domain.cell_store``)."""
    origin, arguments = typing.get_origin(hint), typing.get_args(hint)
    if origin is collections.abc.Sequence:
        return list[json_type(arguments[0])]  # type: ignore[misc]
    if origin is collections.abc.Mapping:
        return dict[json_type(arguments[0]), json_type(arguments[1])]  # type: ignore[misc]
    return hint


def _model_of(plain: type, built: dict[str, type[BaseModel]]) -> type[BaseModel]:
    """The strict pydantic model of one dataclass, its nested dataclasses built first."""
    if plain.__name__ in built:
        return built[plain.__name__]
    for field_hint in typing.get_type_hints(plain, vars(models)).values():
        for nested in _dataclasses_in(field_hint):
            _model_of(nested, built)
    # Evaluated again with the nested dataclasses' names bound to their models.
    hints = typing.get_type_hints(plain, {**vars(models), **built})
    definitions: dict[str, Any] = {}
    for field in dataclasses.fields(plain):
        if field.default_factory is not dataclasses.MISSING:
            raise TypeError(f"{plain.__name__}.{field.name}: a default_factory has no schema")
        default = ... if field.default is dataclasses.MISSING else field.default
        extras = FIELD_EXTRAS.get((plain.__name__, field.name), {})
        definitions[field.name] = (json_type(hints[field.name]), Field(default, **extras))
    model: type[BaseModel] = create_model(
        plain.__name__,
        __config__=_CONFIG,
        __doc__=plain.__doc__,
        __module__=__name__,
        **definitions,
    )
    built[plain.__name__] = model
    return model


MODELS: dict[str, type[BaseModel]] = {}
Dataset = _model_of(models.Dataset, MODELS)
Citation = MODELS["Citation"]
Figure = MODELS["Figure"]
SourceRow = MODELS["SourceRow"]
SourceTable = MODELS["SourceTable"]
