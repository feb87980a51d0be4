"""The detail pane's registry section: what ClinicalTrials.gov said of the trial, and when.

Kept visibly apart from the review's cells: its own heading with the as-of date, and every
line behind a bar, so nobody takes today's registry words for the 2025 review's. Every
string from the registry goes through the sanitiser (it is untrusted, like a cell).
"""

from __future__ import annotations

from datetime import datetime

from rich.style import Style
from rich.text import Text

from tui.domain.export import ages_text, enrollment_text
from tui.domain.registry import STALE_AFTER_DAYS, RegistryCache, RegistryRecord
from tui.domain.sanitize import safe_line

HEADING = Style(bold=True, underline=True, color="cyan")
BAR = Style(color="cyan")
NOTE = Style(italic=True)
WARNING = Style(bold=True, color="yellow")
GUTTER = "┃ "
MAX_COUNTRIES_SHOWN = 12
NO_CACHE = "No registry data yet: press R to sync (needs network)"


def section_title(cache: RegistryCache) -> str:
    """``Registry (ClinicalTrials.gov, as of 2026-12-02)``."""
    return f"Registry (ClinicalTrials.gov, as of {safe_line(cache.as_of)})"


def stale_warning(cache: RegistryCache, now: datetime | None = None) -> str | None:
    """One line when the cache is older than 30 days (or its age cannot be read); else None."""
    if not cache.is_stale(now):
        return None
    age = cache.age_days(now)
    old = "of unknown age" if age is None else f"{int(age)} days old"
    return (
        f"⚠ This registry data is {old} (more than {STALE_AFTER_DAYS} days): press R to sync again"
    )


def sites_text(entry: RegistryRecord) -> str:
    """``2 sites: France, Spain``, the countries cut to a dozen (with how many more)."""
    if not entry.sites:
        return "none listed"
    plural = "site" if entry.sites == 1 else "sites"
    shown = list(entry.countries[:MAX_COUNTRIES_SHOWN])
    more = len(entry.countries) - len(shown)
    countries = ", ".join(shown) + (f" and {more} more countries" if more > 0 else "")
    return f"{entry.sites} {plural}" + (f" in {countries}" if countries else "")


def render_registry_section(
    nct_id: str | None, cache: RegistryCache | None, now: datetime | None = None
) -> Text:
    """The section for the trial ``nct_id``; empty for a row without an NCT ID or no cache."""
    out = Text(end="")
    if not nct_id or cache is None:
        return out
    out.append(f"{section_title(cache)}  (the registry's, not the review's)", style=HEADING)
    out.append("\n")
    warning = stale_warning(cache, now)
    if warning:
        _line(out, warning, style=WARNING)
    entry = cache.records.get(nct_id)
    if entry is None:
        _line(out, "This trial was not in the registry's answer at the last sync.", style=NOTE)
        return out
    _field(out, "Title", entry.title or "-")
    _field(out, "Status", entry.status_text if entry.status else "-")
    _field(out, "Last update", entry.last_update or "-")
    _field(out, "Enrollment", enrollment_text(entry) or "-")
    sex = entry.sex.casefold().capitalize() if entry.sex else "-"
    _field(out, "Eligibility", f"ages {ages_text(entry) or '-'}; sex: {sex}")
    _field(out, "Lead sponsor", entry.lead_sponsor or "-")
    _field(out, "Sites", sites_text(entry))
    out.append(GUTTER, style=BAR)
    out.append("Link: ")
    out.append(entry.url, style=Style(link=entry.url, underline=True))
    out.append("\n")
    fetched = entry.fetched[:16].replace("T", " ")
    _line(out, f"fetched {fetched} UTC from {cache.base_url[:80]}", NOTE)
    return out


def _field(out: Text, label: str, value: str) -> None:
    """The bar, then the label and value plain: a style change less per line over SSH."""
    out.append(GUTTER, style=BAR)
    out.append(f"{label}: ")
    out.append(safe_line(value))
    out.append("\n")


def _line(out: Text, text: str, style: Style) -> None:
    out.append(GUTTER, style=BAR)
    out.append(safe_line(text), style=style)
    out.append("\n")
