"""Registry status from ClinicalTrials.gov (API v2): the records, their cache, and reading them.

The review is a 2025 snapshot; the registry says what holds today (recruiting or not, sites,
eligibility ages). Nothing here touches the network: ``tui.domain.registry_sync`` fetches,
only when the user asks, and writes the cache this module reads. Registry text is untrusted
like any dataset cell, so every field is a plain string or number, cut to a bounded length,
and shown only through the sanitiser.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.domain.sanitize import safe_line

if TYPE_CHECKING:
    from tui.domain.evidence import Evidence

DEFAULT_BASE_URL = "https://clinicaltrials.gov/api/v2"
URL_VARIABLE = "VEN_TUI_REGISTRY_URL"
CACHE_VERSION = 1
MAX_FIELD = 300
"""Characters kept of one registry string (a title, a sponsor): enough to read, never a flood."""
MAX_COUNTRIES = 60
STALE_AFTER_DAYS = 30
STUDY_URL = "https://clinicaltrials.gov/study/{nct_id}"
_NCT = re.compile(r"NCT[0-9]{8}")
_AGE = re.compile(r"\s*([0-9]{1,3}(?:\.[0-9]+)?)\s*(years?|months?|weeks?|days?)\s*", re.I)

STATUS_WORDS = {
    "RECRUITING": "Recruiting",
    "NOT_YET_RECRUITING": "Not yet recruiting",
    "ENROLLING_BY_INVITATION": "Enrolling by invitation",
    "ACTIVE_NOT_RECRUITING": "Active, not recruiting",
    "COMPLETED": "Completed",
    "SUSPENDED": "Suspended",
    "TERMINATED": "Terminated",
    "WITHDRAWN": "Withdrawn",
    "UNKNOWN": "Unknown status",
    "AVAILABLE": "Available",
    "NO_LONGER_AVAILABLE": "No longer available",
    "TEMPORARILY_NOT_AVAILABLE": "Temporarily not available",
    "APPROVED_FOR_MARKETING": "Approved for marketing",
    "WITHHELD": "Withheld",
}
"""The API's overallStatus enum, as ClinicalTrials.gov words it."""


def base_url(explicit: str | None = None, env: dict[str, str] | None = None) -> str:
    """The API root: ``--registry-url``, else ``VEN_TUI_REGISTRY_URL``, else ClinicalTrials.gov."""
    env = dict(os.environ) if env is None else env
    return (explicit or env.get(URL_VARIABLE) or DEFAULT_BASE_URL).rstrip("/")


@dataclass(frozen=True)
class RegistryRecord:
    """What the registry says of one study, when it was fetched, and from where."""

    nct_id: str
    title: str
    status: str
    """The API's enum (``RECRUITING``), or ``""`` when the study gives none."""
    last_update: str
    enrollment: int | None
    enrollment_type: str
    """``ACTUAL`` or ``ESTIMATED``, as the API says."""
    minimum_age: str
    maximum_age: str
    sex: str
    lead_sponsor: str
    sites: int
    countries: tuple[str, ...]
    fetched: str
    source_url: str

    @property
    def status_text(self) -> str:
        """``Recruiting``: the status as the registry's web pages word it."""
        return STATUS_WORDS.get(self.status, self.status.replace("_", " ").capitalize() or "-")

    @property
    def url(self) -> str:
        return STUDY_URL.format(nct_id=self.nct_id)

    def accepts_age(self, years: float) -> bool:
        """Whether the eligibility range contains ``years`` (a bound the study omits is open)."""
        low, high = age_in_years(self.minimum_age), age_in_years(self.maximum_age)
        if low is None and high is None and not (self.minimum_age or self.maximum_age):
            return False  # no eligibility ages at all: never a match
        return (low is None or years >= low) and (high is None or years <= high)


def age_in_years(text: str) -> float | None:
    """``"18 Years"`` -> 18.0, ``"6 Months"`` -> 0.5; None when absent or not an age."""
    match = _AGE.fullmatch(text or "")
    if match is None:
        return None
    value, unit = float(match.group(1)), match.group(2).casefold()
    per_year = {"y": 1, "m": 12, "w": 52, "d": 365}[unit[0]]
    return value / per_year


class RegistryFormatError(ValueError):
    """A response that is not the documented shape; the message says what was wrong."""


def _text(value: Any) -> str:
    """A string field, cut to ``MAX_FIELD``; anything else (a number, a list) becomes ''."""
    return value[:MAX_FIELD] if isinstance(value, str) else ""


def _module(section: dict[str, Any], name: str) -> dict[str, Any]:
    value = section.get(name)
    return value if isinstance(value, dict) else {}


def parse_study(study: Any, fetched: str, source_url: str) -> RegistryRecord:
    """One study of ``/studies`` or ``/studies/{id}``, read from its documented paths only."""
    if not isinstance(study, dict):
        raise RegistryFormatError("a study is not a JSON object")
    protocol = study.get("protocolSection")
    if not isinstance(protocol, dict):
        raise RegistryFormatError("a study has no protocolSection")
    ident = _module(protocol, "identificationModule")
    nct_id = _text(ident.get("nctId"))
    if not _NCT.fullmatch(nct_id):
        raise RegistryFormatError("a study has no valid identificationModule.nctId")
    status = _module(protocol, "statusModule")
    update = _module(status, "lastUpdatePostDateStruct")
    design = _module(protocol, "designModule")
    enrollment = _module(design, "enrollmentInfo")
    count = enrollment.get("count")
    eligibility = _module(protocol, "eligibilityModule")
    sponsor = _module(_module(protocol, "sponsorCollaboratorsModule"), "leadSponsor")
    locations = _module(protocol, "contactsLocationsModule").get("locations")
    sites = (
        [site for site in locations if isinstance(site, dict)]
        if isinstance(locations, list)
        else []
    )
    countries = dict.fromkeys(_text(site.get("country")) for site in sites)
    countries.pop("", None)
    overall = _text(status.get("overallStatus"))
    return RegistryRecord(
        nct_id=nct_id,
        title=_text(ident.get("briefTitle")),
        status=overall if re.fullmatch(r"[A-Z_]{1,40}", overall) else "",
        last_update=_text(update.get("date")),
        enrollment=count if type(count) is int and 0 <= count < 10**7 else None,
        enrollment_type=_text(enrollment.get("type")),
        minimum_age=_text(eligibility.get("minimumAge")),
        maximum_age=_text(eligibility.get("maximumAge")),
        sex=_text(eligibility.get("sex")),
        lead_sponsor=_text(sponsor.get("name")),
        sites=len(sites),
        countries=tuple(list(countries)[:MAX_COUNTRIES]),
        fetched=fetched,
        source_url=source_url[:MAX_FIELD],
    )


@dataclass(frozen=True)
class RegistryCache:
    """The last successful sync: the review's trials, and those the discovery search added."""

    synced: str
    base_url: str
    records: dict[str, RegistryRecord] = field(default_factory=dict)
    discovered: tuple[str, ...] = ()
    """NCT IDs the search for venetoclax in ALL found that the review does not list."""

    def age_days(self, now: datetime | None = None) -> float | None:
        """How old the cache is, in days (None when its time cannot be read)."""
        try:
            synced = datetime.fromisoformat(self.synced)
        except ValueError:
            return None
        now = now or datetime.now(UTC)
        return (now - synced).total_seconds() / 86400

    def is_stale(self, now: datetime | None = None) -> bool:
        age = self.age_days(now)
        return age is None or age > STALE_AFTER_DAYS

    @property
    def as_of(self) -> str:
        """The sync's date, ``2026-12-02``, for "as of DATE"."""
        return self.synced[:10]


def cache_path() -> Path:
    """``$XDG_CACHE_HOME/ven-tui/registry.json`` on Linux (the user cache directory)."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("ven-tui", appauthor=False)) / "registry.json"


def cache_to_json(cache: RegistryCache) -> str:
    records = {key: asdict(record) for key, record in sorted(cache.records.items())}
    for record in records.values():
        record["countries"] = list(record["countries"])
    body = {
        "version": CACHE_VERSION,
        "synced": cache.synced,
        "base_url": cache.base_url,
        "discovered": list(cache.discovered),
        "records": records,
    }
    return json.dumps(body, indent=1, ensure_ascii=True) + "\n"


def read_cache(path: Path | None = None) -> RegistryCache | None:
    """The cache, or None when there is none or it cannot be read (browsing goes on without it)."""
    path = path or cache_path()
    try:
        if not path.is_file() or path.stat().st_size > 64 * 1024 * 1024:
            return None
        raw = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(raw, dict) or raw.get("version") != CACHE_VERSION:
            return None
        records = {}
        for key, entry in raw["records"].items():
            entry = dict(entry)
            entry["countries"] = tuple(entry.get("countries", ()))
            records[key] = RegistryRecord(**entry)
        discovered = tuple(x for x in raw.get("discovered", ()) if isinstance(x, str))
        return RegistryCache(str(raw["synced"]), str(raw["base_url"]), records, discovered)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def missing_cache(path: Path | None = None) -> str:
    """Why there is no cache to read: none at ``path``, or one that cannot be read."""
    path = path or cache_path()
    where = safe_line(str(path))
    if path.exists():
        return (
            f"the registry cache at {where} cannot be read (damaged, or not written by this "
            "ven-tui): `ven-tui registry sync` replaces it"
        )
    return f"no registry cache at {where}: run `ven-tui registry sync`"


def write_cache(cache: RegistryCache, path: Path | None = None) -> Path:
    """Write the cache atomically (a temporary file beside it, then rename)."""
    path = path or cache_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".registry.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(cache_to_json(cache))
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def dataset_nct_ids(evidence: Evidence) -> list[str]:
    """Every NCT ID of the dataset, in table order, each once: what a sync asks about."""
    seen: dict[str, None] = {}
    for records in evidence.records.values():
        for record in records:
            if record.nct_id:
                seen.setdefault(record.nct_id)
    return list(seen)


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()
