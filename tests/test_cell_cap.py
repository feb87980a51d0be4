"""A huge cell costs a bounded amount per keystroke: matching and rendering are capped (item 5)."""

from __future__ import annotations

import json
from pathlib import Path

from tui.domain import load_evidence
from tui.domain.evidence import MAX_SEARCHED_CHARS
from tui.resources import default_data_path
from tui.widgets.highlight import MAX_SHOWN_CHARS, block_text, cell_text


def test_a_huge_cell_is_rendered_capped_and_says_so() -> None:
    value = "x" * (MAX_SHOWN_CHARS * 50)
    for render in (cell_text, block_text):
        text = render(value, ["x"]).plain
        assert text.startswith("x" * MAX_SHOWN_CHARS)
        assert text.endswith(
            f"…(cell truncated for display, {len(value):,} characters; export gives it whole)"
        )
        assert len(text) < MAX_SHOWN_CHARS + 100


def test_a_short_cell_is_rendered_whole() -> None:
    assert cell_text("CR 75%", ["cr"]).plain == "CR 75%"


def test_search_text_is_capped_per_cell(tmp_path: Path) -> None:
    data = json.loads(default_data_path().read_text(encoding="utf-8"))
    cells = data["tables"][0]["rows"][0]["cells"]
    heading = next(iter(cells))
    cells[heading] = cells[heading] + " " + "y" * (MAX_SEARCHED_CHARS * 20) + " tailword"
    path = tmp_path / "big.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    record = load_evidence(path).records[data["tables"][0]["id"]][0]
    assert len(record.column_search_text[heading]) < MAX_SEARCHED_CHARS + 1000
    assert "tailword" not in record.search_text  # past the cap: not matched, as documented
    assert record.cells[heading].endswith("tailword")  # the cell itself stays whole
