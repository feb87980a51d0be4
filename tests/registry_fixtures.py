"""The synthetic registry the tests share: a cache built in memory (no server, no network),
and a local stand-in API serving the same studies on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.registry_server import RegistryServer, synthetic_study
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
        status = synthetic_status(nct_id)
        extra = {"title": HOSTILE_TITLE, "countries": ["\x1b[2JFrance"]} if hostile else {}
        study = synthetic_study(nct_id, status, **extra)
        records[nct_id] = parse_study(study, synced, f"http://127.0.0.1/api/v2/studies/{nct_id}")
    return RegistryCache(synced, "http://127.0.0.1/api/v2", records, ONLY_IN_REGISTRY)


def write_synthetic_cache(path: Path | None = None, **options: object) -> RegistryCache:
    cache = synthetic_cache(**options)  # type: ignore[arg-type]
    write_cache(cache, path)
    return cache


def synthetic_status(nct_id: str) -> str:
    """The registry status the synthetic studies give a trial."""
    return "RECRUITING" if nct_id in RECRUITING else "COMPLETED"


@contextmanager
def stand_in_registry() -> Iterator[RegistryServer]:
    """The local stand-in API, serving every dataset trial and two only the registry lists;
    its search finds one review trial and those two."""
    with RegistryServer() as server:
        behaviour = server.behaviour
        for nct_id in [*IDS, *ONLY_IN_REGISTRY]:
            behaviour.studies[nct_id] = synthetic_study(nct_id, synthetic_status(nct_id))
        behaviour.discovery = ["NCT06082934", *ONLY_IN_REGISTRY]
        yield server
