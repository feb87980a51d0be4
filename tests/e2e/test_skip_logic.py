"""Missing tools skip the end-to-end tests, except where CI demands them (VEN_TUI_REQUIRE_E2E=1)."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import REQUIRE_ENV, require_tools

ABSENT = "ven-tui-e2e-no-such-tool"


def test_a_missing_tool_skips_with_its_name_and_how_to_install(monkeypatch):
    monkeypatch.delenv(REQUIRE_ENV, raising=False)
    with pytest.raises(pytest.skip.Exception, match=f"needs {ABSENT}.*apt-get install"):
        require_tools(["sh", ABSENT], "this test")


def test_a_missing_tool_fails_when_ci_requires_the_e2e_tests(monkeypatch):
    monkeypatch.setenv(REQUIRE_ENV, "1")
    with pytest.raises(
        pytest.fail.Exception, match=f"{REQUIRE_ENV}=1 but this test needs {ABSENT}"
    ):
        require_tools(["sh", ABSENT], "this test")


def test_present_tools_neither_skip_nor_fail(monkeypatch):
    monkeypatch.setenv(REQUIRE_ENV, "1")
    require_tools(["sh"], "this test")
