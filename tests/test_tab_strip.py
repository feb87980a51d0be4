"""The one-line tab strip: which cells each label takes, scrolling to the active tab, clicks."""

from __future__ import annotations

import pytest
from rich.text import Text
from textual.app import App, ComposeResult

from tui.widgets.tab_strip import TabStrip, label_width, strip_offset

NAMES = ["Published", "Phase I", "Phase II", "Glossary", "About", "Compare", "Agents"]


@pytest.mark.parametrize(
    ("widths", "active", "room", "offset"),
    [
        ([10, 10, 10], 2, 30, 0),  # everything fits
        ([10, 10, 10], 0, 15, 0),  # the first tab is at the left edge already
        ([10, 10, 10], 2, 15, 15),  # the last tab's right end at the right edge
        ([10, 10, 10], 1, 15, 5),
        ([10, 30, 10], 1, 15, 10),  # wider than the room: its start stays in view
        ([], 0, 15, 0),
        ([10, 10], 1, 0, 0),
    ],
)
def test_the_offset_keeps_the_active_label_in_view(widths, active, room, offset):
    assert strip_offset(widths, active, room) == offset


def test_a_label_takes_its_cells_plus_padding():
    assert label_width(Text("Phase I")) == 9
    assert label_width(Text("Ⅱ 表")) == 6  # wide characters count double


class StripApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.chosen: list[int] = []

    def compose(self) -> ComposeResult:
        yield TabStrip([Text(name) for name in NAMES])

    def on_tab_strip_chosen(self, event: TabStrip.Chosen) -> None:
        self.chosen.append(event.index)


def strip_line(app: StripApp) -> str:
    return app.query_one(TabStrip).render().plain


async def test_the_labels_are_one_line_and_a_click_chooses_the_tab_under_it():
    app = StripApp()
    async with app.run_test(size=(80, 5)) as pilot:
        strip = app.query_one(TabStrip)
        assert strip.size.height == 1
        assert strip_line(app).startswith(" Published  Phase I  Phase II ")
        for index in (0, 3, 6):
            start, end = strip.span(index)
            assert strip_line(app)[start:end].strip() == NAMES[index]
            await pilot.click(TabStrip, offset=(end - 1, 0))
        await pilot.click(TabStrip, offset=(78, 0))  # right of the last label: nothing
        await pilot.pause()
        assert app.chosen == [0, 3, 6]


async def test_a_narrow_strip_scrolls_so_the_active_label_shows():
    app = StripApp()
    async with app.run_test(size=(30, 5)) as pilot:
        strip = app.query_one(TabStrip)
        assert strip_line(app).startswith(" Published ")
        strip.active = 6
        await pilot.pause()
        assert strip_line(app).endswith(" Agents ")
        start, end = strip.span(6)
        assert end <= 30
        await pilot.click(TabStrip, offset=(start + 1, 0))
        await pilot.pause()
        assert app.chosen == [6]


async def test_new_labels_are_shown():
    app = StripApp()
    async with app.run_test(size=(80, 5)) as pilot:
        strip = app.query_one(TabStrip)
        strip.set_labels([Text(f"{name} 1/2") for name in NAMES])
        await pilot.pause()
        assert strip_line(app).startswith(" Published 1/2  Phase I 1/2 ")
        assert [label.plain for label in strip.labels][-1] == "Agents 1/2"
