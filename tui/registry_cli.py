"""``ven-tui registry sync`` and ``registry status``, and the registry's own table for ``ids``."""

from __future__ import annotations

import sys

from tui.domain import Evidence
from tui.domain.registry import (
    base_url,
    cache_path,
    dataset_nct_ids,
    missing_cache,
    read_cache,
    write_cache,
)
from tui.domain.sanitize import safe_line
from tui.output import write_stdout

SYNC_FAILED = 1
"""Exit status of a sync that met a problem (the network, the registry): not a usage error."""


def run_registry(evidence: Evidence, action: str, url: str | None) -> int:
    if action == "status":
        return _status()
    return _sync(evidence, base_url(url))


def _sync(evidence: Evidence, base: str) -> int:
    from tui.domain.registry_sync import Fetcher, sync

    shown = sys.stderr.isatty()

    def progress(message: str) -> None:
        if shown:
            sys.stderr.write(f"\r\x1b[Kven-tui: {safe_line(message)}")
            sys.stderr.flush()

    with Fetcher(base) as fetcher:
        result = sync(dataset_nct_ids(evidence), fetcher, progress)
    if shown:
        sys.stderr.write("\r\x1b[K")
    if not result.complete:
        for problem in result.problems[:20]:
            print(f"ven-tui: registry: {safe_line(problem)}", file=sys.stderr)
        print(
            "ven-tui: registry sync incomplete; the previous cache is kept "
            f"({safe_line(str(cache_path()))})",
            file=sys.stderr,
        )
        return SYNC_FAILED
    path = write_cache(result.cache)
    cache = result.cache
    write_stdout(
        f"synced {len(cache.records)} trials from {safe_line(base)} "
        f"({len(cache.discovered)} found only in the registry) into {safe_line(str(path))}\n"
    )
    return 0


def _status() -> int:
    path = cache_path()
    cache = read_cache(path)
    if cache is None:
        write_stdout(f"{missing_cache(path)}\n")
        return 0
    age = cache.age_days()
    age_text = "unknown age" if age is None else f"{age:.1f} days old"
    stale = "; older than 30 days: run `ven-tui registry sync`" if cache.is_stale() else ""
    recruiting = sum(1 for r in cache.records.values() if r.status == "RECRUITING")
    write_stdout(
        f"{safe_line(str(path))}\n"
        f"synced {safe_line(cache.synced)} from {safe_line(cache.base_url)} ({age_text}{stale})\n"
        f"{len(cache.records)} trials, {recruiting} recruiting; "
        f"{len(cache.discovered)} found only in the registry\n"
    )
    return 0
