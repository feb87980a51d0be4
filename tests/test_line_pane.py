"""LinePane: wrapped text drawn by line; an update repaints only the lines that changed."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult

from tui.widgets.line_pane import LinePane


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


async def test_text_wraps_to_the_width_less_a_scrollbar() -> None:
    app = PaneApp()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        pane = app.query_one(LinePane)
        pane.update(Text("word " * 20))
        await pilot.pause()
        lines = plain(pane)
        assert pane.text_width == 30 - pane.styles.scrollbar_size_vertical
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
        pane.update(detail("second"))
        await pilot.pause()
        assert sorted(set(painted)) == [3], "only the line holding the name differs"
        assert plain(pane)[3] == "second"
        assert pane.content.plain.startswith("Title")


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


async def test_styles_survive_wrapping() -> None:
    app = PaneApp()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        pane = app.query_one(LinePane)
        name_line = pane.lines[2]
        assert [segment.style.bold for segment in name_line if segment.text == "Name"] == [True]


async def test_scrolls_when_longer_than_the_pane() -> None:
    app = PaneApp()
    async with app.run_test(size=(40, 12)) as pilot:
        pane = app.query_one(LinePane)
        pane.update(Text("\n".join(f"line {n}" for n in range(40))))
        pane.focus()
        await pilot.pause()
        await pilot.press("end")
        await pilot.pause()
        assert pane.scroll_offset.y == 40 - pane.scrollable_content_region.height
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
