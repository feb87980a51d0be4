"""The keys that work now, on one line at the bottom; redrawn, not rebuilt, when they change.

Textual's ``Footer`` rebuilds a widget per key (fifteen here) every time the active bindings
change, and they change with every focus change: each tab switch, each ``/``. Here the keys
are one line of text drawn by one widget. A click on a key presses it, as in the Footer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget

SEPARATOR = "▏"


@dataclass(frozen=True)
class KeyHint:
    """One stretch of the bar: a key's name (pressed on click) or a description."""

    text: str
    key: str | None = None
    """The key a click presses; None for descriptions and spacing."""
    enabled: bool = True


def key_hints(
    bindings: Iterable[tuple[Binding, bool]], key_display: Callable[[Binding], str]
) -> list[KeyHint]:
    """The shown bindings as hints, one per action, a group's keys joined ("1234567 Tabs")."""
    by_action: dict[str, tuple[Binding, bool]] = {}
    for binding, enabled in bindings:
        if binding.show:
            by_action.setdefault(binding.action, (binding, enabled))
    hints: list[KeyHint] = []
    entries = list(by_action.values())
    index = 0
    while index < len(entries):
        binding, enabled = entries[index]
        group = binding.group
        run = [entries[index]]
        while (
            group is not None
            and index + len(run) < len(entries)
            and entries[index + len(run)][0].group is group
        ):
            run.append(entries[index + len(run)])
        if hints:
            hints.append(KeyHint("  "))
        if len(run) > 1:
            joiner = "" if group is not None and group.compact else " "
            for position, (member, member_enabled) in enumerate(run):
                if position and joiner:
                    hints.append(KeyHint(joiner))
                hints.append(KeyHint(key_display(member), member.key, member_enabled))
            hints.append(KeyHint(f" {group.description}" if group else ""))
        else:
            hints.append(KeyHint(key_display(binding), binding.key, enabled))
            hints.append(KeyHint(f" {binding.description}", None, enabled))
        index += len(run)
    return hints


PINNED_KEYS = frozenset({"question_mark", "q"})
"""Help and Quit: always on the bar, however narrow, so nobody is left without a way out."""
FIRST_TO_GO = ("d", "s", "space")
"""Detail, Sort and Mark give way before the others: help and the palette list them too."""


def fit_hints(
    hints: list[KeyHint], width: int, pinned: frozenset[str] = PINNED_KEYS
) -> list[KeyHint]:
    """The hints that fit ``width`` cells: ``FIRST_TO_GO``, then later keys; pinned keys never.

    The hints come in runs, each a key (or a group of keys) and its description, led by
    the two-space gap ``key_hints`` puts between runs.
    """
    runs: list[list[KeyHint]] = []
    for hint in hints:
        if not runs or (hint.key is None and hint.text == "  "):
            runs.append([])
        runs[-1].append(hint)

    def length(chosen: list[list[KeyHint]]) -> int:
        return sum(cell_len(hint.text) for run in chosen for hint in run)

    def rank(run: list[KeyHint]) -> int:
        keys = [hint.key for hint in run if hint.key]
        return min((FIRST_TO_GO.index(k) for k in keys if k in FIRST_TO_GO), default=99)

    kept = list(runs)
    # The first run stays (the focused widget's own key); of the others, FIRST_TO_GO go first,
    # then the rest, rightmost first.
    droppable = [run for run in runs[1:] if not any(hint.key in pinned for hint in run)]
    order = sorted(reversed(droppable), key=rank)
    for run in order:
        if length(kept) <= width:
            break
        kept.remove(run)
    return [hint for run in kept for hint in run]


class KeyBar(Widget):
    """The active screen's shown keys, then the command palette's key at the right edge."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-description-foreground;
    }
    KeyBar > .key-bar--key {
        color: $footer-key-foreground;
        text-style: bold;
    }
    KeyBar > .key-bar--disabled {
        text-style: dim;
    }
    """
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--disabled"}

    marks: reactive[str] = reactive("")
    """What is marked across the tables ("3 marked"), shown on every tab; empty: nothing."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self._hints: list[KeyHint] = []
        self._palette: list[KeyHint] = []

    def _right(self) -> list[KeyHint]:
        """The right edge: the marks, if any, then the palette's key."""
        marks = [KeyHint(f"● {self.marks}"), KeyHint(" ")] if self.marks else []
        return [*marks, *self._palette]

    @property
    def hints(self) -> list[KeyHint]:
        """The hints shown, left part then the palette's, in order."""
        return [*self._hints, *self._palette]

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def render(self) -> Text:
        width = self.size.width
        right = self._line(self._right())
        if right.plain:
            right = Text.assemble(SEPARATOR, right, " ")
        left = self._line(fit_hints(self._hints, max(0, width - right.cell_len)))
        left.truncate(max(0, width - right.cell_len), overflow="crop", pad=True)
        return Text.assemble(left, right, no_wrap=True, end="")

    def on_click(self, event: events.Click) -> None:
        event.stop()
        key = self._key_at(event.x)
        if key is not None:
            self.app.simulate_key(key)

    # -- internals -------------------------------------------------------------------

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if not screen.app.app_focus or screen is not self.screen:
            return
        active = screen.active_bindings
        palette_key = self.app.COMMAND_PALETTE_BINDING
        shown = [
            (binding, enabled)
            for key, (_, binding, enabled, _tooltip) in active.items()
            if key != palette_key
        ]
        hints = [KeyHint(" "), *key_hints(shown, self.app.get_key_display)]
        palette: list[KeyHint] = []
        if self.app.ENABLE_COMMAND_PALETTE and palette_key in active:
            _, binding, enabled, _tooltip = active[palette_key]
            display = self.app.get_key_display(binding)
            palette = [KeyHint(display, binding.key, enabled), KeyHint(" palette")]
        if (hints, palette) != (self._hints, self._palette):
            self._hints, self._palette = hints, palette
            self.refresh()

    def _line(self, hints: list[KeyHint]) -> Text:
        key_style = self.get_component_rich_style("key-bar--key", partial=True)
        disabled = self.get_component_rich_style("key-bar--disabled", partial=True)
        line = Text(end="")
        for hint in hints:
            style = key_style if hint.key is not None else Style()
            if not hint.enabled:
                style += disabled
            line.append(hint.text, style)
        return line

    def _key_at(self, x: int) -> str | None:
        """The key whose name is drawn at cell ``x``, if any."""
        width = self.size.width
        right = self._right()
        right_width = sum(cell_len(hint.text) for hint in right)
        right_start = width - right_width - 1 if right_width else width
        if right_width and x >= right_start:
            start, hints = right_start, right
        else:
            room = width - (right_width + 2 if right_width else 0)  # as render() draws it
            start, hints = 0, fit_hints(self._hints, max(0, room))
        for hint in hints:
            end = start + cell_len(hint.text)
            if hint.key is not None and hint.enabled and start <= x < end:
                return hint.key
            start = end
        return None
