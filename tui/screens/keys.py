"""The key reference, built from the widgets' own BINDINGS so help can never drift."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from textual.binding import Binding, BindingType


@dataclass(frozen=True)
class KeyHelp:
    """One line of help: the keys (as displayed) and what they do."""

    keys: str
    description: str


KeySection = tuple[str, list[KeyHelp]]


def describe(
    bindings: Iterable[BindingType], display: Callable[[Binding], str] | None = None
) -> list[KeyHelp]:
    """One ``KeyHelp`` per action, its keys joined; bindings without a description skipped."""
    merged: dict[str, tuple[list[str], str]] = {}
    for binding in bindings:
        if not isinstance(binding, Binding):
            binding = Binding(*binding)
        text = binding.tooltip or binding.description
        if not text:
            continue
        keys = []
        for key in binding.key.split(","):
            single = Binding(key.strip(), binding.action, binding.description)
            keys.append(display(single) if display else key.strip())
        known = merged.setdefault(binding.action, ([], text))
        known[0].extend(k for k in keys if k not in known[0])
    return [KeyHelp(", ".join(keys), text) for keys, text in merged.values()]


def key_sections(
    sections: Sequence[tuple[str, Iterable[BindingType]]],
    display: Callable[[Binding], str] | None = None,
) -> list[KeySection]:
    """Describe each named group of bindings."""
    return [(title, describe(bindings, display)) for title, bindings in sections]
