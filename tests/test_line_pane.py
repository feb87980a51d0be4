"""LinePane: wrapped text drawn by line; an update repaints only the lines that changed."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.app import App, ComposeResult
from textual.strip import Strip

from tests.rendering import screen_strips
from tui.widgets.line_pane import (
    MORE_ABOVE,
    MORE_BELOW,
    LinePane,
    changed_span,
    merge_spaces,
    place_sections,
    scroll_marks,
)


def detail(name: str, body: str = "same body") -> Text:
    text = Text("Title\n\n")
    text.append("Name", style="bold")
    text.append(f"\n{name}\n\n{body}\nend")
    return text


class PaneApp(App[None]):
    CSS = "LinePane { width: 30; height: 8; }"

    def compose(self) -> ComposeResult:
        yield LinePane(detail("first"))


def plain(pane: LinePane) -> list[str]:
    return ["".join(segment.text for segment in strip) for strip in pane.lines]


async def test_text_wraps_to_the_width_less_the_marks_column() -> None:
    app = PaneApp()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        pane = app.query_one(LinePane)
        pane.update(Text("word " * 20))
        await pilot.pause()
        lines = plain(pane)
        assert pane.text_width == 30 - 1
        assert all(len(line) <= pane.text_width for line in lines)
        assert " ".join(" ".join(lines).split()) == " ".join(["word"] * 20)
        assert pane.virtual_size.height == len(lines) > 1


async def test_update_repaints_only_changed_lines() -> None:
    app = PaneApp()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        pane = app.query_one(LinePane)
        painted: list[int] = []
        original = pane.render_line

        def spy(y: int):
            painted.append(y)
            return original(y)

        pane.render_line = spy  # type: ignore[method-assign]
        refreshed: list = []
        original_refresh = pane.refresh

        def spy_refresh(*regions, **kwargs):
            refreshed.extend(regions)
            return original_refresh(*regions, **kwargs)

        pane.refresh = spy_refresh  # type: ignore[method-assign]
        pane.update(detail("second"))
        await pilot.pause()
        assert sorted(set(painted)) == [3], "only the line holding the name differs"
        assert plain(pane)[3] == "second"
        assert pane.content.plain.startswith("Title")
        assert [(r.y, r.width) for r in refreshed] == [(3, len("second"))], (
            "as far as the longer of the old and new text: the rest is blank in both"
        )


async def test_longer_and_shorter_text_repaints_the_difference() -> None:
    app = PaneApp()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        pane = app.query_one(LinePane)
        pane.update(detail("first", "same body\nmore"))
        await pilot.pause()
        assert plain(pane)[-2:] == ["more", "end"]
        pane.update(Text("short"))
        await pilot.pause()
        assert plain(pane) == ["short"]
        assert pane.virtual_size.height == 1
        strips = screen_strips(app)
        shown = ["".join(segment.text for segment in strip) for strip in strips]
        assert shown[0].startswith("short") and shown[1].strip() == "", "old lines erased"


async def test_styles_survive_wrapping() -> None:
    app = PaneApp()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        pane = app.query_one(LinePane)
        name_line = pane.lines[2]
        assert [segment.style.bold for segment in name_line if segment.text == "Name"] == [True]


def test_scroll_marks_say_where_there_is_more() -> None:
    assert scroll_marks(0, 8, 5) == {}
    assert scroll_marks(0, 8, 8) == {}
    assert scroll_marks(0, 8, 20) == {7: MORE_BELOW}
    assert scroll_marks(4, 8, 20) == {0: MORE_ABOVE, 7: MORE_BELOW}
    assert scroll_marks(12, 8, 20) == {0: MORE_ABOVE}


async def test_scrolls_when_longer_than_the_pane_and_marks_it() -> None:
    app = PaneApp()
    async with app.run_test(size=(40, 12)) as pilot:
        pane = app.query_one(LinePane)
        pane.update(Text("\n".join(f"line {n}" for n in range(40))))
        pane.focus()
        await pilot.pause()

        def last_column() -> list[str]:
            return [strip.text[-1] for strip in map(pane.render_line, range(8))]

        assert last_column() == [" "] * 7 + [MORE_BELOW]
        await pilot.press("end")
        await pilot.pause()
        assert pane.scroll_offset.y == 40 - pane.scrollable_content_region.height
        assert last_column() == [MORE_ABOVE] + [" "] * 7
        await pilot.press("home")
        await pilot.pause()
        assert pane.scroll_offset.y == 0


async def test_resizing_rewraps() -> None:
    app = PaneApp()
    async with app.run_test(size=(40, 12)) as pilot:
        pane = app.query_one(LinePane)
        pane.update(Text("word " * 20))
        await pilot.pause()
        before = len(pane.lines)
        pane.styles.width = 16
        await pilot.pause()
        assert len(pane.lines) > before
        assert all(len(line) <= pane.text_width for line in plain(pane))


async def test_growing_past_the_pane_repaints_only_new_lines() -> None:
    """Neither a scrollbar appearing nor the new height repaints the lines that stay."""
    app = PaneApp()
    async with app.run_test(size=(40, 12)) as pilot:
        pane = app.query_one(LinePane)
        pane.update(Text("a\nb"))
        await pilot.pause()
        painted: list[int] = []
        original = pane.render_line

        def spy(y: int):
            painted.append(y)
            return original(y)

        pane.render_line = spy  # type: ignore[method-assign]
        pane.update(Text("a\nb\n" + "\n".join(f"line {n}" for n in range(40))))
        await pilot.pause()
        assert sorted(set(painted)) == list(range(2, 8)), "rows 0 and 1 are unchanged"
        assert pane.max_scroll_y == 42 - 8


def _strip(*parts: tuple[str, str | None]) -> Strip:
    return Strip([Segment(text, Style.parse(style) if style else None) for text, style in parts])


def test_changed_span_is_first_to_last_differing_cell() -> None:
    same = _strip(("Population: ", "bold"), ("R/R T-ALL", None))
    assert changed_span(same, same) is None
    other = _strip(("Population: ", "bold"), ("R/R B-ALL", None))
    assert changed_span(same, other) == (16, 17)  # only the T/B cell
    longer = _strip(("Population: ", "bold"), ("R/R T-ALL (n = 13)", None))
    # The added tail, against blanks (its unstyled first space is drawn as a blank is).
    assert changed_span(same, longer) == (22, 30)
    assert changed_span(None, same) == (0, 21)
    assert changed_span(same, None) == (0, 21)
    restyled = _strip(("Population: ", "italic"), ("R/R T-ALL", None))
    assert changed_span(same, restyled) == (0, 12)  # a style change counts


def test_changed_span_with_wide_characters_covers_the_reach() -> None:
    wide = _strip(("完全寛解", None))
    narrow = _strip(("完全寛x", None))
    assert changed_span(wide, narrow) == (0, 8)
    assert changed_span(wide, wide) is None


def test_merge_spaces_keeps_what_spaces_show() -> None:
    bold, plain = Style(bold=True, color="red"), Style(color="blue")
    merged = merge_spaces([Segment("Name", bold), Segment("  ", plain), Segment("x", plain)])
    assert merged[1].style == bold  # colour and bold do not show on spaces
    backed = Style(bgcolor="green")
    kept = merge_spaces([Segment("Name", bold), Segment("  ", backed)])
    assert kept[1].style == backed  # a background does
    underlined = Style(underline=True)
    assert merge_spaces([Segment("a", bold), Segment(" ", underlined)])[1].style == underlined
    reversed_ = Style(reverse=True, color="red")
    assert merge_spaces([Segment("a", bold), Segment(" ", reversed_)])[1].style == reversed_
    assert [s.text for s in merged] == ["Name", "  ", "x"]


def _lines(*texts: str) -> list[Strip]:
    return [Strip([Segment(text)]) for text in texts]


def _texts(lines: list[Strip]) -> list[str]:
    return [line.text for line in lines]


def test_sections_are_a_blank_line_apart_and_say_where_they_start() -> None:
    lines, starts = place_sections([("a", _lines("A", "a")), ("b", _lines("B"))], {})
    assert _texts(lines) == ["A", "a", "", "B"]
    assert starts == {"a": 0, "b": 3}


def test_a_section_moves_down_to_where_it_was_by_a_gap_of_at_most_max_gap() -> None:
    sections = [("a", _lines("A")), ("b", _lines("B")), ("c", _lines("C"))]
    lines, starts = place_sections(sections, {"b": 4, "c": 6}, max_gap=2)
    assert _texts(lines) == ["A", "", "", "", "B", "", "C"]
    assert starts == {"a": 0, "b": 4, "c": 6}
    too_far, _ = place_sections(sections, {"b": 5}, max_gap=2)
    assert _texts(too_far) == ["A", "", "B", "", "C"], "a gap of 3 is too wide: it stays"
    _, starts = place_sections([("a", _lines("A", "a", "a")), *sections[1:]], {"b": 2})
    assert starts["b"] == 4, "a section never moves up: what is above it is longer"


async def test_update_sections_keeps_a_section_where_it_was() -> None:
    app = PaneApp()
    async with app.run_test(size=(40, 12)) as pilot:
        pane = app.query_one(LinePane)
        pane.update_sections([("name", Text("Name\nfirst\nsecond")), ("end", Text("end"))])
        await pilot.pause()
        assert plain(pane) == ["Name", "first", "second", "", "end"]
        pane.update_sections([("name", Text("Name\nonly")), ("end", Text("end"))])
        await pilot.pause()
        assert plain(pane) == ["Name", "only", "", "", "end"]
        assert pane.content.plain == "Name\nonly\n\nend"
        pane.update(Text("plain"))
        pane.update_sections([("name", Text("Name\nonly")), ("end", Text("end"))])
        await pilot.pause()
        assert plain(pane) == ["Name", "only", "", "end"], "plain text forgets the places"
