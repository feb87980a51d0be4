"""An unexpected error ends the browser in one line and keeps the marks (issue 17, item 1)."""

from __future__ import annotations

import pytest

from tui.app import VenTuiApp
from tui.launch import _report_unexpected


class _Broken(VenTuiApp):
    BINDINGS = [("f9", "boom", "Fail")]

    def action_boom(self) -> None:
        raise RuntimeError("boom \x1b[2J")


async def test_an_error_in_a_handler_exits_with_the_marks_and_no_traceback(
    shipped_evidence,
) -> None:
    app = _Broken(shipped_evidence)
    with pytest.raises(RuntimeError):  # Pilot re-raises it, so tests still see crashes
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("2", "j", "space", "3", "space")
            await pilot.pause()
            marked = app.screen.picked_ids()
            assert marked
            await pilot.press("f9")
            await pilot.pause()
    assert isinstance(app.unexpected_error, RuntimeError)
    assert app.return_code == 1
    assert app.return_value == marked
    assert not app._exit_renderables  # Textual's traceback is never painted


def test_the_report_is_one_sanitised_line_plus_the_marks(capsys) -> None:
    _report_unexpected(RuntimeError("boom \x1b[2J\nsecond"), ["NCT01", "NCT02"], pick=False)
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "ven-tui: internal error: RuntimeError: boom \u241b[2J second "
        "(the browser stopped; please report it)",
        "ven-tui: marked when it stopped: NCT01 NCT02",
    ]


def test_with_pick_the_marks_are_left_for_stdout(capsys) -> None:
    _report_unexpected(RuntimeError("x"), ["NCT01"], pick=True)
    captured = capsys.readouterr()
    assert len(captured.err.splitlines()) == 1 and "NCT01" not in captured.err
