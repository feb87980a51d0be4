"""A registry cache built in memory from the synthetic studies (no server, no network)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.registry_server import synthetic_study
from tui.domain import load_evidence
from tui.domain.registry import RegistryCache, dataset_nct_ids, parse_study, write_cache
from tui.resources import default_data_path

EVIDENCE = load_evidence(default_data_path())
IDS = dataset_nct_ids(EVIDENCE)
RECRUITING = ("NCT06082934", "NCT05182385", "NCT05576532")
ONLY_IN_REGISTRY = ("NCT09000001", "NCT09000002")
HOSTILE_TITLE = "\x1b]52;c;aGk=\x07[bold red]x[/] =cmd| <img onerror=1> \u202eevil"


def synthetic_cache(
    *, age_days: float = 1.0, hostile: bool = False, missing: tuple[str, ...] = ()
) -> RegistryCache:
    """Every dataset trial (recruiting or completed) plus two only the registry lists."""
    synced = (datetime.now(UTC) - timedelta(days=age_days)).replace(microsecond=0).isoformat()
    records = {}
    for nct_id in [*IDS, *ONLY_IN_REGISTRY]:
        if nct_id in missing:
            continue
        status = "RECRUITING" if nct_id in RECRUITING else "COMPLETED"
        extra = {"title": HOSTILE_TITLE, "countries": ["\x1b[2JFrance"]} if hostile else {}
        study = synthetic_study(nct_id, status, **extra)
        records[nct_id] = parse_study(study, synced, f"http://127.0.0.1/api/v2/studies/{nct_id}")
    return RegistryCache(synced, "http://127.0.0.1/api/v2", records, ONLY_IN_REGISTRY)


def write_synthetic_cache(path: Path | None = None, **options: object) -> RegistryCache:
    cache = synthetic_cache(**options)  # type: ignore[arg-type]
    write_cache(cache, path)
    return cache
