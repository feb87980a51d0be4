"""Write tests/data/hostile.json: a schema-valid dataset whose text attacks a terminal.

Run ``.venv/bin/python tests/data/make_hostile.py`` after changing it;
``tests/test_hostile_exports.py`` checks the committed file matches this script.
The file itself writes every control character as a ``\\uXXXX`` escape, so ``cat`` of
the fixture is harmless; the loaded strings carry the raw characters.
"""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET = HERE / "hostile.json"

ESC, BEL, ST = "\x1b", "\x07", "\x1b\\"
CLIPBOARD_SECRET = "PWNED-CLIPBOARD"
CLIPBOARD_B64 = base64.b64encode(CLIPBOARD_SECRET.encode()).decode()
OSC52 = f"{ESC}]52;c;{CLIPBOARD_B64}{BEL}"
OSC52_ST = f"{ESC}]52;p;{CLIPBOARD_B64}{ST}"
OSC52_C1 = f"\x9d52;c;{CLIPBOARD_B64}\x9c"
OSC8 = f"{ESC}]8;;https://evil.example/{ST}click me{ESC}]8;;{ST}"
TITLE = f"{ESC}]0;PWNED-TITLE{BEL}"
CSI_CLEAR = f"{ESC}[2J{ESC}[H"
CSI_RED = f"{ESC}[31m"
CSI_MOVE = f"{ESC}[10A{ESC}[5D"
CSI_C1 = "\x9b2J\x9b31m"
ALT_SCREEN = f"{ESC}[?1049h"
RESET = f"{ESC}c"
DCS = f"{ESC}P1$r{ESC}\\"
C0 = "nul\x00 bs\x08 bell\x07 vt\x0b ff\x0c cr\r so\x0e si\x0f tab\t"
C1 = "nel\x85 csi\x9b osc\x9d st\x9c apc\x9f del\x7f"
MARKUP = (
    "[bold red]x[/] [@click=app.quit]click[/] [link=https://evil.example]x[/link] "
    "[/bold] [on red]$accent[/] :skull: \\[escaped]"
)
LONG_WORDS = ("venetoclax plus azacitidine " * 400)[:10_000]
LONG_TOKEN = "W" * 10_000
HUGE_NUMBER = "9" * 400
CJK = "急性淋巴细胞白血病 ｗｉｄｅ 한국어 日本語"
EMOJI = "🧬💊 👩‍⚕️ 👨‍👩‍👧‍👦 🇺🇸 👍🏽"
COMBINING = "e\u0301 Z\u0337\u0322\u031b\u0353a\u0335l\u0336g\u0334o\u0335 n\u0303"
RTL = "مرحبا بالعالم שלום"
BIDI = "evil\u202etxt.exe \u2066isolate\u2069 \u200fmark \u061c"
INVISIBLE = "zero\u200bwidth bom\ufeff sep\u2028line para\u2029graph"

OSC52_TRIAL = "NCT09000001"


def dataset() -> dict:
    """The hostile dataset; table and row notes say what each part carries."""
    return {
        "citation": {
            "journal": f"Journal {CSI_RED}of Hostility",
            "journal_abbreviation": "J Host",
            "issn_print": "0000-0000",
            "issn_online": "0000-0001",
            "access": "Open Access [bold]",
            "copyright": f"Test fixture {TITLE}",
            "site": "https://evil.example",
            "article_type": "Test fixture",
            "volume": 1,
            "issue": 1,
            "month": "January",
            "year": 2026,
            "pages": "1-2",
            "title": f"Hostile data {CSI_CLEAR}[bold red]for ven-tui[/] {RTL} {EMOJI}",
        },
        "figure": {
            "label": "Figure 1",
            "legend": (
                f"A legend with {OSC52} and {CSI_C1} and [@click=app.quit]markup[/]. "
                "ALL: acute lymphoblastic leukemia; "
                f"PWN: {ESC}[31mpwned{ESC}[0m [bold]expansion[/] {CJK}."
            ),
        },
        "tables": [_published(), _phase1(), _phase2()],
    }


def _published() -> dict:
    rows = [
        (
            "CSI sequences (clear screen, colour, cursor moves, C1 CSI) in every cell.",
            f"Adults {CSI_CLEAR}with ALL [17] (n = 18)",
            f"Venetoclax {CSI_RED}red{ESC}[0m {CSI_MOVE} {CSI_C1}",
            f"{CSI_RED}CR{ESC}[0m 75% (front\x9b2Jline), OS 7.7 months",
        ),
        (
            "Textual/Rich markup, including an action link and an unbalanced closing tag.",
            f"{MARKUP} [18]",
            "[bold red]Venetoclax[/] + [@click=app.quit]PWN[/]",
            "[link=https://evil.example]ORR[/link] 50%, [/] CR 40%",
        ),
        (
            "A 10,000-character cell of words and a 10,000-character cell of one token.",
            f"{LONG_WORDS} [19]",
            LONG_TOKEN,
            "CR 60%",
        ),
        (
            "Wide CJK, emoji with ZWJ sequences, combining marks, right-to-left text.",
            f"{CJK} {EMOJI} [20]",
            f"{COMBINING} {RTL}",
            f"CR 70% ({CJK}), ORR 80% ({EMOJI})",
        ),
        (
            "Bidi overrides, zero-width and separator characters, C0 and C1 controls.",
            f"{BIDI} {INVISIBLE} [21]",
            C0,
            f"{C1} CR 10%",
        ),
        (
            "Title-setting OSC, OSC 8 hyperlink, DCS, alternate screen and terminal reset.",
            f"{TITLE}{OSC8} [22]",
            f"{DCS}{ALT_SCREEN}{RESET}",
            f"CR in six patients, {OSC8}",
        ),
        (
            "Line breaks (LF, CRLF, CR) inside cells.",
            "line one\nline two\r\nline three\rover [23]",
            "Venetoclax\n+ azacitidine",
            "CR 55%\n(all)",
        ),
        (
            "Numbers too large for a float: 400-digit values parse as infinity.",
            "Adults with ALL (n = 18) [24]",
            "Venetoclax",
            f"ORR {HUGE_NUMBER}%, OS {HUGE_NUMBER} months, CR 1e999%",
        ),
    ]
    return {
        "id": "published",
        "label": "Table 1",
        "title": f"Published {CSI_RED}Experiences [bold]hostile[/] {EMOJI}",
        "columns": ["Population", "Intervention", "Primary outcome"],
        "nct_column": None,
        "outcome_column": "Primary outcome",
        "footnote": (
            "ALL: acute lymphoblastic leukemia; CR: complete remission; "
            f"ORR: overall response rate; OS: overall survival; PWN: {OSC52} pwned."
        ),
        "note": (
            "Test fixture, not evidence: every cell attacks the terminal (escape "
            "sequences, C0/C1 controls, markup, huge, wide and bidirectional text). "
            "All of it must be shown literally or neutralised, never interpreted."
        ),
        "rows": [_row(note, columns) for note, *columns in rows],
    }


def _phase1() -> dict:
    columns = ["Study number", "Population", "Intervention", "Primary outcome"]
    rows = [
        (
            f"The OSC 52 row: a valid NCT ID, every other cell carries an OSC 52 "
            f"sequence that would set the clipboard to {CLIPBOARD_SECRET} (BEL, ST "
            "and C1 forms). The tmux test shows it and checks the clipboard stays clean.",
            OSC52_TRIAL,
            f"Adults with ALL {OSC52}",
            f"Venetoclax {OSC52_ST} plus PWN",
            f"Safety {OSC52_C1}{OSC52}",
        ),
        (
            "OSC 8 hyperlink and window-title OSC.",
            "NCT09000002",
            f"{OSC8} ALL",
            f"{TITLE}Venetoclax",
            "MTD",
        ),
        (
            "Markup, CJK and a bidi override next to a valid NCT ID.",
            "NCT09000003",
            f"{MARKUP}",
            f"{CJK} {BIDI}",
            f"{EMOJI} {COMBINING}",
        ),
    ]
    return {
        "id": "phase1",
        "label": "Table 2",
        "title": f"Ongoing {OSC52}Phase I [@click=app.quit]trials[/]",
        "columns": columns,
        "nct_column": "Study number",
        "outcome_column": "Primary outcome",
        "footnote": f"ALL: acute lymphoblastic leukemia; MTD: maximum {CSI_RED}tolerated dose.",
        "note": (
            "Test fixture: NCT IDs are valid (NCT + 8 digits) but fictional; the other "
            "cells are hostile."
        ),
        "rows": [_row(note, cells, columns) for note, *cells in rows],
    }


def _phase2() -> dict:
    heading = f"Notes {CSI_RED}[i]x[/i]\u202e"
    columns = ["Study number", "Population", "Primary outcome", heading]
    rows = [
        (
            "A hostile column heading (CSI, markup, bidi override) and hostile cells.",
            "NCT09000001",
            f"Ph+ ALL {CSI_CLEAR}",
            f"Venetoclax {OSC52}",
            f"{C0} {C1}",
        ),
        (
            "Long text and a line separator in a table with a hostile heading.",
            "NCT09000004",
            LONG_WORDS,
            f"{INVISIBLE}",
            f"{RTL} {EMOJI}",
        ),
    ]
    return {
        "id": "phase2",
        "label": "Table 3",
        "title": "Ongoing Phase II [blink]trials[/blink]",
        "columns": columns,
        "nct_column": "Study number",
        "outcome_column": "Primary outcome",
        "footnote": "ALL: acute lymphoblastic leukemia; Ph: Philadelphia chromosome.",
        "note": "Test fixture: the fourth heading is hostile too.",
        "rows": [_row(note, cells, columns) for note, *cells in rows],
    }


def _row(note: str, cells: list[str], columns: list[str] | None = None) -> dict:
    columns = columns or ["Population", "Intervention", "Primary outcome"]
    return {"cells": dict(zip(columns, cells, strict=True)), "note": note}


_RAW_CONTROL = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def render() -> str:
    """The fixture's text: JSON with every control character written as an escape."""
    text = json.dumps(dataset(), indent=2, ensure_ascii=False)
    return _RAW_CONTROL.sub(lambda match: f"\\u{ord(match.group(0)):04x}", text) + "\n"


if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET}")
