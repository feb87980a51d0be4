"""Escape, then a digit, typed together: leave the filter and show that tab.

Over SSH, Escape and the key typed after it often arrive in one packet, and the terminal
parser reads the two as one key, Alt and the key. For the digits Textual goes further. It reads
``ESC 2`` as "™" (``ESC 1`` as "¡", and so on), the characters WezTerm on macOS sends for
Option and a digit. So "Escape, 2" typed in the filter put "™" in the query instead of
showing tab 2. This module is the one place where Textual's table is changed. Without those
entries the parser gives ``alt+2``, which the app then handles as Escape followed by 2.
tests/test_escape_digit.py fails if Textual's table changes.
"""

from __future__ import annotations

from typing import Any, cast

from textual import _ansi_sequences

OPTION_DIGITS = {
    f"\x1b{digit}": char for digit, char in zip("1234567890", "¡™£¢∞§¶•ªº", strict=True)
}
"""The sequences Textual reads as WezTerm's Option-and-digit characters."""

REMOVED: dict[str, object] = {}
"""What ``read_escape_digit_as_alt`` took out of Textual's table (for the tests)."""


def read_escape_digit_as_alt() -> None:
    """Make the parser read ``ESC <digit>`` as ``alt+<digit>``; idempotent."""
    table = cast(dict[str, Any], _ansi_sequences.ANSI_SEQUENCES_KEYS)  # a dict, typed Mapping
    for sequence, character in OPTION_DIGITS.items():
        if table.get(sequence) == character:
            REMOVED[sequence] = table.pop(sequence)


def escaped_digit(key: str) -> str | None:
    """The digit of ``alt+<digit>``: Escape and a digit read as one key. None otherwise."""
    prefix, _, digit = key.partition("+")
    return digit if prefix == "alt" and len(digit) == 1 and digit.isdigit() else None
