"""What the browser says after a copy, a jump or a restriction, worded from the state alone.

The screen shows these notices; the words, and what was copied, are decided here so that a
unit test can hold them to the state (the pane shows one trial, ``c`` copies that trial).
Every piece of text from the data passes ``safe_line``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from tui.domain.browser_state import AGENTS, REGISTRY, BrowserState
from tui.domain.copy_text import Clip, copy_ids, copy_urls, source_reference
from tui.domain.records import Record
from tui.domain.sanitize import safe_line

CopyKind = Literal["ids", "all", "urls"]


@dataclass(frozen=True, slots=True)
class Notice:
    """One notification: title, message (may be empty) and severity."""

    title: str
    message: str = ""
    severity: Literal["information", "warning", "error"] = "information"


def copy_clip(state: BrowserState, kind: CopyKind) -> Clip:
    """What ``c`` (ids), ``C`` (all) or ``u`` (urls) puts on the clipboard, and its notice.

    An empty clip copies nothing: its title and message say why.
    """
    records = state.copy_all() if kind == "all" else state.copy_selection()
    if records is None and state.current == REGISTRY:
        why = "no registry data yet (R syncs)" if state.registry is None else "none listed"
        return Clip(
            "", f"Nothing to copy on {state.title(REGISTRY)}", f"Registry-only trials: {why}."
        )
    if records is None:
        return Clip(
            "",
            f"Nothing to copy on {state.title(state.current)}",
            f"c, C and u copy from the tables ({state.table_keys()}), or the rows marked there.",
        )
    if kind == "urls":
        clip = copy_urls(list(records))
    else:
        clip = copy_ids(list(records), _sources(state))
    return clip if kind == "all" else _say_where(state, clip, list(records))


def _say_where(state: BrowserState, clip: Clip, records: list[Record]) -> Clip:
    """Name the tables the marks are in when some lie outside the tab shown."""
    places = list(dict.fromkeys(r.table_id for r in records))
    if clip.empty or places == [state.current] or not state.marks:
        return clip
    note = f"(marked in {', '.join(state.title(place) for place in places)})"
    return replace(clip, message=f"{clip.message}\n{note}" if clip.message else note)


def _sources(state: BrowserState) -> dict[str, str]:
    citation = state.evidence.dataset.citation
    return {
        table_id: source_reference(citation, state.evidence.table(table_id).label)
        for table_id in state.table_ids
    }


def detail_title(state: BrowserState, table_id: str) -> str:
    """``Table 3 (Phase II trials)``: a table as the detail pane names it."""
    return f"{state.evidence.table(table_id).label} ({state.title(table_id)})"


def entry_title(state: BrowserState, record: Record) -> str:
    """``Table 3 (Phase II trials), row 8``: where an entry is, as the detail pane names it."""
    return f"{detail_title(state, record.table_id)}, row {record.index + 1}"


def jump_refusal(state: BrowserState) -> str | None:
    """Why ``x`` cannot go anywhere from here, or None when it can."""
    record = state.detail()
    if record is None:
        on_table = state.tab(state.current).is_table
        where = "a row" if on_table else f"the tables ({state.table_keys()})"
        return f"x goes from a trial's row to its other listing: choose {where} first."
    if not record.nct_id:
        return "This row has no NCT ID, so it has no listing in another table."
    if state.jump() is None:
        return f"{record.nct_id} is listed only here, in {detail_title(state, record.table_id)}."
    return None


def jump_notice(before: BrowserState, after: BrowserState) -> Notice | None:
    """What ``x`` lifted to show the other entry (None when nothing hid it)."""
    cleared = []
    if before.query and not after.query:
        cleared.append(f"the filter “{before.query.source}”")
    if before.restriction is not None and after.restriction is None:
        cleared.append(f"the restriction to rows using {before.restriction.label}")
    target = after.detail()
    if not cleared or target is None:
        return None
    what = " and ".join(cleared)
    it = "they were" if len(cleared) > 1 else "it was"
    message = (
        f"{what[0].upper()}{what[1:]} hid {entry_title(after, target)}, so {it} cleared. "
        "Press / to filter again."
    )
    return Notice("Filter cleared", safe_line(message), "warning")


def restriction_notice(state: BrowserState) -> Notice | None:
    """After an agent was chosen on the Agents tab: what the tables now show."""
    if state.restriction is None:
        return None
    count = len(state.restriction.keys)
    message = (
        f"The tables ({state.table_keys()}) and the chart show only the {count} rows using "
        f"{state.restriction.label}. Enter or ⌫ on the Agents tab shows all rows again."
    )
    return Notice("Agent filter", safe_line(message))


def restriction_kept_notice(state: BrowserState) -> Notice | None:
    """After the filter was cleared while an agent restriction stays in force."""
    if state.restriction is None:
        return None
    agents = state.key_of(AGENTS)
    where = f"{agents} (Agents)" if agents else "the Agents tab"
    message = (
        f"Filter cleared; rows are still restricted to those using "
        f"{state.restriction.label}: {where}, then ⌫ shows all rows."
    )
    return Notice("Agent filter kept", safe_line(message))
