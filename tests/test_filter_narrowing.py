"""Typing one more letter searches only the last matches: same rows as a fresh search."""

from __future__ import annotations

import pytest

from tui.app import VenTuiApp
from tui.domain import Evidence, parse_query

COLUMNS = ["Population", "Intervention", "Primary outcome", "Study number", "Regimen"]


@pytest.mark.parametrize(
    ("before", "after", "narrows"),
    [
        ("aza", "azac", True),
        ("aza", "azac t-all", True),
        ("aza t-all", "t-all azacit", True),
        ("azac", "aza", False),
        ("aza", "-aza", False),
        ("aza", "pop:aza", False),
        ("pop:aza", "pop:azac", False),
        ("aza", "cr>=60 aza", False),
        ("aza", '"aza t"', True),
        ("", "aza", True),
    ],
)
def test_narrows_only_when_every_earlier_word_is_inside_a_new_one(
    before: str, after: str, narrows: bool
) -> None:
    assert parse_query(after, COLUMNS).narrows(parse_query(before, COLUMNS)) is narrows


def test_a_narrowing_query_matches_a_subset(shipped_evidence: Evidence) -> None:
    records = [r for rs in shipped_evidence.records.values() for r in rs]
    for before, after in [("ve", "ven"), ("r", "r/r all"), ("a", "aza t-all")]:
        old, new = parse_query(before, COLUMNS), parse_query(after, COLUMNS)
        assert new.narrows(old)
        assert set(map(id, new.filter(records))) <= set(map(id, old.filter(records)))


async def test_typing_letter_by_letter_shows_what_a_fresh_filter_shows(
    shipped_evidence: Evidence,
) -> None:
    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"ph", "backspace", "backspace", *"r/r a", "backspace", *"all")
        await pilot.pause()
        query = parse_query("r/r all", shipped_evidence.all_columns())
        for table_id, records in shipped_evidence.records.items():
            table = app.screen.query_one(f"#pane-{table_id}")
            assert list(table.visible_records) == query.filter(records), table_id
