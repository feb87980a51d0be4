"""The one-line key bar: which keys it lists, how it follows focus, and clicks on keys."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Input

from tui.widgets.key_bar import KeyBar, KeyHint, key_hints

TABS = Binding.Group("Tabs", compact=True)


def display(binding: Binding) -> str:
    return binding.key.upper() if len(binding.key) == 1 else binding.key


def test_hints_list_shown_keys_once_per_action_and_join_a_compact_group():
    bindings = [
        (Binding("1", "tab(0)", "One", group=TABS), True),
        (Binding("2", "tab(1)", "Two", group=TABS), True),
        (Binding("s", "sort", "Sort"), False),
        (Binding("S", "sort", "Sort again"), True),  # same action: listed once
        (Binding("x", "hidden", "Hidden", show=False), True),
    ]
    hints = key_hints(bindings, display)
    assert "".join(hint.text for hint in hints) == "12 Tabs  S Sort"
    assert [(hint.text, hint.key) for hint in hints if hint.key] == [
        ("1", "1"),
        ("2", "2"),
        ("S", "s"),
    ]
    assert not hints[-1].enabled, "a disabled key's description is dimmed too"


def test_a_lone_member_of_a_group_shows_its_own_description():
    hints = key_hints([(Binding("1", "tab(0)", "One", group=TABS), True)], display)
    assert "".join(hint.text for hint in hints) == "1 One"


class BarApp(App[None]):
    BINDINGS = [Binding("z", "zap", "Zap"), Binding("y", "yell", "Yell", show=False)]

    def __init__(self) -> None:
        super().__init__()
        self.zapped = 0

    def compose(self) -> ComposeResult:
        yield Input()
        yield KeyBar()

    def action_zap(self) -> None:
        self.zapped += 1


def bar_text(app: BarApp) -> str:
    return app.query_one(KeyBar).render().plain


async def test_the_bar_follows_focus_redrawing_one_widget():
    app = BarApp()
    async with app.run_test(size=(80, 5)) as pilot:
        app.set_focus(None)
        await pilot.pause()
        assert bar_text(app).startswith(" z Zap")
        assert "Yell" not in bar_text(app)
        assert bar_text(app).rstrip().endswith("▏^p palette")
        assert len(bar_text(app)) == 80
        app.query_one(Input).focus()
        await pilot.pause()
        assert bar_text(app) != "" and not app.query_one(KeyBar).children


async def test_a_click_on_a_key_presses_it_and_elsewhere_does_nothing():
    app = BarApp()
    async with app.run_test(size=(80, 5)) as pilot:
        app.set_focus(None)
        await pilot.pause()
        await pilot.click(KeyBar, offset=(1, 0))  # on "z"
        await pilot.click(KeyBar, offset=(4, 0))  # on "Zap": a description, not a key
        await pilot.click(KeyBar, offset=(40, 0))  # blank
        await pilot.pause()
        assert app.zapped == 1


async def test_a_narrow_bar_crops_the_keys_and_keeps_the_palette_key():
    app = BarApp()
    async with app.run_test(size=(14, 5)) as pilot:
        app.set_focus(None)
        await pilot.pause()
        assert bar_text(app) == " z▏^p palette "
        hints = app.query_one(KeyBar).hints
        assert KeyHint("^p", "ctrl+p") in hints


def test_help_and_quit_always_fit_and_later_hints_give_way():
    from tui.widgets.key_bar import fit_hints

    bindings = [
        (Binding("s", "sort", "Sort"), True),
        (Binding("c", "copy", "Copy"), True),
        (Binding("d", "detail", "Detail"), True),
        (Binding("question_mark", "help", "Help"), True),
        (Binding("q", "quit", "Quit"), True),
    ]
    hints = key_hints(bindings, lambda b: "?" if b.key == "question_mark" else b.key)
    full = "".join(h.text for h in hints)
    assert full == "s Sort  c Copy  d Detail  ? Help  q Quit"
    assert "".join(h.text for h in fit_hints(hints, len(full))) == full
    assert "".join(h.text for h in fit_hints(hints, 30)) == "s Sort  c Copy  ? Help  q Quit"
    assert "".join(h.text for h in fit_hints(hints, 5)) == "s Sort  ? Help  q Quit"


def test_detail_sort_and_mark_give_way_before_copy():
    from tui.widgets.key_bar import fit_hints

    bindings = [
        (Binding("j", "down", "Down"), True),
        (Binding("c", "copy", "Copy"), True),
        (Binding("s", "sort", "Sort"), True),
        (Binding("question_mark", "help", "Help"), True),
    ]
    hints = key_hints(bindings, lambda b: "?" if b.key == "question_mark" else b.key)
    assert "".join(h.text for h in fit_hints(hints, 22)) == "j Down  c Copy  ? Help"


async def test_the_browser_bar_at_80_columns_keeps_help_and_quit():
    from tui.app import VenTuiApp
    from tui.domain import load_evidence
    from tui.resources import default_data_path

    for width in (80, 40):
        app = VenTuiApp(load_evidence(default_data_path()))
        async with app.run_test(size=(width, 24)) as pilot:
            await pilot.pause()
            text = app.screen.query_one(KeyBar).render().plain
            assert "? Help" in text and "q Quit" in text, text
            assert len(text) == width


async def test_the_key_bar_counts_the_marks_on_every_tab(shipped_evidence) -> None:
    from tui.app import VenTuiApp
    from tui.widgets.key_bar import KeyBar

    app = VenTuiApp(shipped_evidence)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "space", "j", "space")
        await pilot.pause()
        for tab in ("4", "5", "6", "7", "8", "9", "1"):
            await pilot.press(tab)
            await pilot.pause()
            bar = app.screen.query_one(KeyBar)
            line = bar.render().plain
            assert "● 2 marked" in line, (tab, line)
            assert line.rstrip().endswith("palette")  # the palette's key stays at the edge
        await pilot.press("U")
        await pilot.pause()
        assert "marked" not in app.screen.query_one(KeyBar).render().plain
