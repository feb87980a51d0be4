"""What a cursor move makes the detail pane write: few changed lines, one style run each.

Over SSH the bytes of a cursor move are mostly the detail pane's changed lines, and Textual
writes each from the pane's left edge, each style run behind a ~25-byte escape sequence.
These count lines and runs of the drawn pane (never time), for a sweep over the shipped
Table 1 at the bench's 120x40: down every row and up again.
"""

from __future__ import annotations

from textual.strip import Strip

from tui.app import VenTuiApp
from tui.domain import Evidence
from tui.widgets.detail_pane import DetailPane, record_sections, render_record
from tui.widgets.line_pane import changed_span

SIZE = (120, 40)


def written(before: list[Strip], after: list[Strip], height: int) -> tuple[int, int]:
    """Lines of a ``height``-row view that change, and the style runs written for them
    (from the left edge to the last cell that differs, as Textual writes a line)."""
    lines = runs = 0
    for y in range(height):
        old = before[y] if y < len(before) else None
        new = after[y] if y < len(after) else None
        span = changed_span(old, new)
        if span is None:
            continue
        end = span[1]
        shown = (new or Strip([])).extend_cell_length(end).crop(0, end).simplify()
        lines += 1
        runs += max(1, len(list(shown)))
    return lines, runs


async def sweep(evidence: Evidence) -> list[tuple[int, int]]:
    """(changed lines, style runs) of each move down Table 1 and back up."""
    app = VenTuiApp(evidence)
    records = evidence.records["published"]
    order = [*range(len(records)), *range(len(records) - 2, -1, -1)]
    costs = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        pane = app.screen.query_one(DetailPane)
        state = app.screen.state
        for number, index in enumerate(order):
            before = pane.lines
            pane.show(records[index], state.listings(records[index]))
            await pilot.pause()
            if number:
                costs.append(written(before, pane.lines, pane.size.height))
    return costs


async def test_shipped_moves_rewrite_few_lines_with_one_style_run_each(
    shipped_evidence: Evidence,
):
    costs = await sweep(shipped_evidence)
    height = SIZE[1] - 3
    lines = sum(line for line, _ in costs) / len(costs)
    runs = sum(run for _, run in costs) / len(costs)
    # Before: some 32 of the pane's 37 lines changed a move, in 55 style runs.
    assert lines <= 0.7 * height, f"{lines:.1f} lines changed a move on average"
    assert runs <= 1.25 * lines, f"{runs:.1f} style runs for {lines:.1f} lines"


async def test_shipped_headings_stay_put_when_a_cell_is_a_line_shorter(
    shipped_evidence: Evidence,
):
    """Row 2's Population takes two lines, row 3's one: Intervention's heading stays put."""
    app = VenTuiApp(shipped_evidence)
    first, second = shipped_evidence.records["published"][1:3]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        pane = app.screen.query_one(DetailPane)
        pane.show(first)
        await pilot.pause()
        before = [line.text for line in pane.lines]
        pane.show(second)
        await pilot.pause()
        after = [line.text for line in pane.lines]
        assert after.index("Intervention") == before.index("Intervention")
        assert after.index("Primary outcome") == before.index("Primary outcome")
        shown = "".join(after).replace(" ", "")
        assert shown == pane.content.plain.replace("\n", "").replace(" ", ""), "blanks only added"


def test_shipped_sections_are_the_rendered_text_in_order(shipped_evidence: Evidence):
    for records in shipped_evidence.records.values():
        for record in records:
            sections = record_sections(record)
            assert [name for name, _ in sections][:2] == [
                "title",
                "cell:" + next(iter(record.cells)),
            ]
            joined = "\n\n".join(text.plain for _, text in sections)
            assert joined == render_record(record).plain


def test_the_title_says_when_an_editorial_note_follows_below(shipped_evidence: Evidence):
    """The note is drawn late (it would move every line below it), so the title flags it."""
    for records in shipped_evidence.records.values():
        for record in records:
            title = render_record(record).plain.split("\n", 1)[0]
            assert title.endswith(" · note below") == bool(record.note), title
            if record.note:
                assert "Editorial note" in render_record(record).plain
