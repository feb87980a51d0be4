"""Every private Textual name ven-tui relies on is known, and still there (issue 16).

Private names change without notice between Textual releases. This test finds each one the
code in ``tui/`` calls or overrides, and fails with a clear message when a new one appears
(put it behind an adapter such as ``tui/widgets/quiet_resize.py``, and list it here), or when
Textual renames one or changes its parameters.
"""

from __future__ import annotations

import ast
import functools
import importlib
import inspect
from pathlib import Path

import pytest
import textual
from textual.app import App
from textual.command import CommandPalette
from textual.scroll_view import ScrollView
from textual.widgets import Input

TUI = Path(__file__).resolve().parent.parent / "tui"

# (module of ours, private name) -> (Textual class, its parameters, or None for an attribute).
KNOWN: dict[tuple[str, str], tuple[type, list[str] | None]] = {
    # Resize a Line-API view without a screen layout: the one call on the hot path.
    ("tui.widgets.quiet_resize", "_scroll_update"): (ScrollView, ["self", "virtual_size"]),
    # An unexpected error: one line and the marks instead of a traceback (issue 17, case 1).
    ("tui.app", "_handle_exception"): (App, ["self", "error"]),
    ("tui.app", "_exception"): (App, None),
    ("tui.app", "_exception_event"): (App, None),
    # The palette drops keys that arrive before its list exists (issue 17, case 1).
    ("tui.app", "_action_command_list"): (CommandPalette, ["self", "action"]),
    ("tui.app", "_select_or_command"): (CommandPalette, ["self", "event"]),
    # Pasted text is sanitised like typed text (issue 17, case 10).
    ("tui.widgets.filter_bar", "_on_paste"): (Input, ["self", "event"]),
}


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(TUI.parent).with_suffix("").parts)


def _private_uses() -> set[tuple[str, str]]:
    """(module, name) for each private name a tui class uses or overrides from Textual."""
    found: set[tuple[str, str]] = set()
    for path in sorted(TUI.rglob("*.py")):
        name = _module_name(path)
        if name.startswith("tui.domain") or name == "tui.__main__":
            continue
        module = importlib.import_module(name)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ClassDef):
                continue
            ours = getattr(module, node.name, None)
            textual_bases = [
                base
                for base in getattr(ours, "__mro__", ())[1:]
                if base.__module__.split(".")[0] == "textual"
            ]
            if not textual_bases:
                continue
            theirs = {attr for base in textual_bases for attr in vars(base) if attr.startswith("_")}
            sources = "\n".join(inspect.getsource(inspect.getmodule(b)) for b in textual_bases)
            for child in ast.walk(node):
                attr = None
                if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                    attr = child.name if child in node.body else None
                elif isinstance(child, ast.Attribute) and isinstance(child.value, ast.Name):
                    attr = child.attr if child.value.id in ("self", "view", "app") else None
                if not attr or not attr.startswith("_") or attr.startswith("__"):
                    continue
                if attr in theirs or f"self.{attr} " in sources or f"self.{attr}:" in sources:
                    found.add((name, attr))
    return found | _foreign_private_loads()


def _foreign_private_loads() -> set[tuple[str, str]]:
    """Private names read anywhere in tui/ that tui/ never defines, e.g. ``view._scroll_update``."""
    defined: set[str] = set()
    loads: set[tuple[str, str]] = set()
    for path in sorted(TUI.rglob("*.py")):
        name = _module_name(path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        # ``os._exit`` is the standard library's: names read off a module imported by name,
        # other than Textual's, are not Textual's private names.
        modules = {
            alias.asname or alias.name.split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
            if alias.name.split(".")[0] != "textual"
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in modules
            ):
                continue
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                defined.add(node.name)
            elif isinstance(node, ast.Attribute) and not isinstance(node.ctx, ast.Load):
                defined.add(node.attr)
            elif isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
                defined.add(node.id)
            elif isinstance(node, ast.Attribute) and node.attr.startswith("_"):
                if not node.attr.startswith("__") and not name.startswith("tui.domain"):
                    loads.add((name, node.attr))
    return {
        (module, attr)
        for module, attr in loads
        if attr not in defined and attr in _textual_private_names()
    }


@functools.cache
def _textual_private_names() -> frozenset[str]:
    """Every private name Textual's own source defines or assigns (not argparse's, say)."""
    names: set[str] = set()
    for path in Path(textual.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names.add(node.name)
            elif isinstance(node, ast.Attribute) and not isinstance(node.ctx, ast.Load):
                names.add(node.attr)
            elif isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
                names.add(node.id)
    return frozenset(name for name in names if name.startswith("_"))


def test_no_private_textual_name_is_used_beyond_the_known_ones() -> None:
    unknown = _private_uses() - set(KNOWN)
    assert not unknown, (
        f"new private Textual names used: {sorted(unknown)}. Use Textual's public API, or put "
        "the call behind one adapter module and add it to KNOWN with its expected signature"
    )


def test_the_finder_sees_the_known_uses() -> None:
    """The inventory is not empty by accident: it finds what we know is there."""
    assert set(KNOWN) <= _private_uses(), set(KNOWN) - _private_uses()


@pytest.mark.parametrize(("where", "name"), list(KNOWN), ids=[n for _, n in KNOWN])
def test_textual_still_has_each_private_name_we_rely_on(where: str, name: str) -> None:
    owner, parameters = KNOWN[(where, name)]
    version = textual.__version__
    if parameters is None:
        source = inspect.getsource(owner)
        assert hasattr(owner, name) or f"self.{name}" in source, (
            f"Textual {version} has no {owner.__name__}.{name} any more: update {where}"
        )
        return
    method = getattr(owner, name, None)
    assert callable(method), (
        f"Textual {version} removed {owner.__name__}.{name}: update {where}, which overrides "
        "or calls it"
    )
    found = list(inspect.signature(method).parameters)
    assert found == parameters, (
        f"Textual {version} changed {owner.__name__}.{name} to take {found}, not {parameters}: "
        f"update {where}"
    )


def test_the_private_names_the_test_helpers_read_are_still_there() -> None:
    """tests/rendering.py and tests/browsing.py read what Textual offers no public call for."""
    from textual._compositor import Compositor
    from textual.screen import Screen

    version = textual.__version__
    screen_source = inspect.getsource(Screen)
    assert "self._compositor = Compositor()" in screen_source, (
        f"Textual {version}: Screen._compositor is gone; update tests/rendering.py"
    )
    for name in ("render_strips", "render_full_update"):
        assert callable(getattr(Compositor, name, None)), (
            f"Textual {version}: Compositor.{name} is gone; update tests/rendering.py"
        )
    app_source = inspect.getsource(App)
    for name, user in (
        ("_notifications", "tests/browsing.py"),
        ("_exit_renderables", "tests/test_unexpected_error.py"),
    ):
        assert f"self.{name} " in app_source or f"self.{name}:" in app_source, (
            f"Textual {version}: App.{name} is gone; update {user}"
        )
