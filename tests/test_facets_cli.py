"""The command line answers population questions with the same facets and OR as the browser."""

from __future__ import annotations

from tui.cli import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_shipped_ids_for_newly_diagnosed_ph_positive(capsys):
    code, out, err = run(capsys, "ids", "--filter", "ph:pos setting:nd")
    assert (code, err) == (0, "")
    assert out.splitlines() == ["NCT06082934", "NCT04872790", "NCT06578546", "NCT05594784"]


def test_shipped_ids_with_or(capsys):
    code, out, _ = run(capsys, "ids", "--filter", "blinatumomab OR inotuzumab")
    assert code == 0
    assert out.splitlines() == [
        "NCT05182385",
        "NCT05016947",
        "NCT06393985",
        "NCT06554626",
        "NCT06742515",
    ]


def test_unknown_facet_value_is_a_usage_error_listing_the_valid_ones(capsys):
    code, out, err = run(capsys, "ids", "--filter", "ph:maybe")
    assert code == 2 and out == ""
    assert "valid: pos, neg, like, unstated" in err
    assert "(at column 4)" in err
