"""The domain layer stays free of the UI: the CLI and the TUI are two faces over it."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import tui.domain

DOMAIN = Path(tui.domain.__file__).parent
UI_PACKAGES = ("textual", "rich", "tui.app", "tui.screens", "tui.widgets")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_domain_module_imports_the_ui():
    offenders = {
        f"{path.name}: {name}"
        for path in DOMAIN.glob("*.py")
        for name in _imports(path)
        if name.startswith(UI_PACKAGES)
    }
    assert offenders == set()


def test_the_cli_loads_no_textual_for_plain_output():
    code = (
        "import sys; from tui.cli import main; main(['ids']); "
        "assert 'textual' not in sys.modules, 'textual imported'"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "NCT06082934"
