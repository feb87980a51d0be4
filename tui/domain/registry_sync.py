"""Fetch the dataset's trials from the ClinicalTrials.gov API v2: only when the user asks.

httpx is imported here only, and this module only by ``ven-tui registry sync`` (or the
browser's sync key), so browsing and exporting never load an HTTP client. What is sent: the
dataset's NCT IDs, and the discovery search's terms (venetoclax, acute lymphoblastic
leukemia); nothing else. Requests are spaced to stay under about 50 a minute; a 429 waits
for its Retry-After, a 5xx is retried with backoff, and any failure leaves the cache as it was.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import quote

from tui.domain.registry import (
    RegistryCache,
    RegistryFormatError,
    RegistryRecord,
    now_iso,
    parse_study,
)
from tui.domain.sanitize import safe_line

BATCH = 50
"""NCT IDs per ``filter.ids`` request (the query string stays short)."""
PAGE_SIZE = 100
MAX_PAGES = 20
MAX_BODY = 8 * 1024 * 1024
"""Bytes one response may carry; a larger body is refused, not read into memory."""
MIN_INTERVAL = 1.25
"""Seconds between requests: at most 48 a minute, under the API's published rate limit."""
RETRIES = 3
MAX_RETRY_AFTER = 120.0
DISCOVERY = {"query.intr": "venetoclax", "query.cond": "acute lymphoblastic leukemia"}


class SyncProblem(Exception):
    """One request that failed for good; the message is one line for a person."""


@dataclass
class SyncResult:
    """What a sync gathered, and every problem met (a cache is written only without any)."""

    cache: RegistryCache
    problems: list[str] = field(default_factory=list)
    requests: int = 0

    @property
    def complete(self) -> bool:
        return not self.problems


@dataclass
class Fetcher:
    """GETs with the spacing, retries and size cap the registry's terms and safety ask for."""

    base: str
    timeout: float = 15.0
    min_interval: float = MIN_INTERVAL
    backoff: float = 1.0
    sleep: Callable[[float], None] | None = None
    """How to wait (None: ``time.sleep``, looked up when waiting)."""
    cancelled: Callable[[], bool] = lambda: False
    requests: int = 0
    _last: float = field(default=0.0, repr=False)
    _client: Any = field(default=None, repr=False)

    def __enter__(self) -> Fetcher:
        import httpx

        self._client = httpx.Client(
            timeout=self.timeout,
            follow_redirects=True,
            headers={"Accept": "application/json", "User-Agent": "ven-tui registry sync"},
        )
        return self

    def __exit__(self, *_exc: object) -> None:
        self._client.close()

    def abort(self) -> None:
        """From another thread: close the connections, so a request in flight ends now.

        The request then fails (``cancelled`` should already say so); nothing is retried.
        """
        client = self._client
        if client is not None:
            try:
                client.close()
            except Exception:  # noqa: BLE001 - closing is best effort; the request ends anyway
                pass

    def get(self, path: str, params: dict[str, str] | None = None) -> Any:
        """The JSON of ``base + path``; ``SyncProblem`` when retries are spent; 404: KeyError."""
        import httpx

        url = f"{self.base}{path}"
        for attempt in range(RETRIES + 1):
            if self.cancelled():
                raise SyncProblem("cancelled")
            self._space()
            try:
                status, headers, body = self._fetch(url, params)
            except httpx.TimeoutException:
                if self.cancelled():
                    raise SyncProblem("cancelled") from None
                if attempt < RETRIES:
                    continue
                raise SyncProblem(f"{_where(url)}: no answer within {self.timeout:g} s") from None
            except (httpx.InvalidURL, httpx.UnsupportedProtocol) as error:
                reason = safe_line(str(error) or type(error).__name__)[:200]
                raise SyncProblem(f"{_where(url)}: not a usable address ({reason})") from None
            except (httpx.HTTPError, RuntimeError) as error:
                if self.cancelled():
                    raise SyncProblem("cancelled") from None
                reason = safe_line(str(error) or type(error).__name__)[:200]
                raise SyncProblem(f"{_where(url)}: cannot connect ({reason})") from None
            if status == 404:
                raise KeyError(path)
            if status == 429 and attempt < RETRIES:
                self._wait(retry_after(headers.get("retry-after"), self.backoff * 2**attempt))
                continue
            if status >= 500 and attempt < RETRIES:
                self._wait(self.backoff * 2**attempt)
                continue
            if status != 200:
                raise SyncProblem(f"{_where(url)}: the registry answered HTTP {status}")
            try:
                return json.loads(body)
            except (ValueError, UnicodeDecodeError):
                raise SyncProblem(f"{_where(url)}: the answer is not valid JSON") from None
        raise SyncProblem(f"{_where(url)}: still failing after {RETRIES} retries")

    def _fetch(self, url: str, params: dict[str, str] | None) -> tuple[int, Any, bytes]:
        """Status, headers and at most ``MAX_BODY`` bytes of the body (more is refused)."""
        self.requests += 1
        with self._client.stream("GET", url, params=params) as response:
            if response.status_code != 200:
                return response.status_code, response.headers, b""
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > MAX_BODY:
                raise SyncProblem(f"{_where(url)}: the answer is over {MAX_BODY:,} bytes")
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > MAX_BODY:
                    raise SyncProblem(f"{_where(url)}: the answer is over {MAX_BODY:,} bytes")
                chunks.append(chunk)
            return 200, response.headers, b"".join(chunks)

    def _wait(self, seconds: float) -> None:
        (self.sleep or time.sleep)(seconds)

    def _space(self) -> None:
        wait = self._last + self.min_interval - time.monotonic()
        if wait > 0 and self.requests:
            self._wait(wait)
        self._last = time.monotonic()


def retry_after(value: str | None, default: float) -> float:
    """Seconds a 429's Retry-After asks for (seconds or an HTTP date), capped; else ``default``."""
    if value:
        value = value.strip()
        if value.isdigit():
            return min(float(value), MAX_RETRY_AFTER)
        try:
            moment = parsedate_to_datetime(value)
            return max(0.0, min(moment.timestamp() - time.time(), MAX_RETRY_AFTER))
        except (TypeError, ValueError):
            pass
    return default


def _where(url: str) -> str:
    return safe_line(url)[:160]


def _studies(body: Any, url: str) -> tuple[list[Any], str | None]:
    if not isinstance(body, dict) or not isinstance(body.get("studies", []), list):
        raise SyncProblem(f"{_where(url)}: the answer has no list of studies")
    token = body.get("nextPageToken")
    return body.get("studies", []), token if isinstance(token, str) and token else None


def _pages(fetcher: Fetcher, params: dict[str, str]) -> Iterable[Any]:
    """Every study of a ``/studies`` search, following ``nextPageToken``."""
    token: str | None = None
    for _ in range(MAX_PAGES):
        query = dict(params, pageSize=str(PAGE_SIZE))
        if token:
            query["pageToken"] = token
        studies, token = _studies(fetcher.get("/studies", query), fetcher.base + "/studies")
        yield from studies
        if token is None:
            return
    raise SyncProblem(f"{_where(fetcher.base)}/studies: more than {MAX_PAGES} pages; stopped")


def sync(
    nct_ids: Sequence[str],
    fetcher: Fetcher,
    progress: Callable[[str], None] | None = None,
) -> SyncResult:
    """Fetch every ID (in batches, then one by one for any a batch did not return) and search."""
    say = progress or (lambda _message: None)
    fetched = now_iso()
    records: dict[str, RegistryRecord] = {}
    problems: list[str] = []
    wanted = list(dict.fromkeys(nct_ids))

    def keep(study: Any, source: str) -> RegistryRecord | None:
        try:
            record = parse_study(study, fetched, source)
        except RegistryFormatError as error:
            problems.append(f"{_where(source)}: {error}")
            return None
        records.setdefault(record.nct_id, record)
        return record

    for start in range(0, len(wanted), BATCH):
        batch = wanted[start : start + BATCH]
        say(f"fetching {start + len(batch)} of {len(wanted)} trials")
        try:
            for study in _pages(fetcher, {"filter.ids": ",".join(batch)}):
                keep(study, f"{fetcher.base}/studies?filter.ids={','.join(batch)}")
        except SyncProblem as problem:
            problems.append(str(problem))
            if str(problem) == "cancelled":
                return SyncResult(RegistryCache(fetched, fetcher.base), problems, fetcher.requests)
    batches_failed = bool(problems)  # then one by one would fail alike, once per ID
    for nct_id in wanted:
        if nct_id in records or batches_failed:
            continue
        if fetcher.cancelled():
            problems.append("cancelled")
            break
        say(f"fetching {nct_id} on its own (a batch did not return it)")
        url = f"{fetcher.base}/studies/{quote(nct_id)}"
        try:
            keep(fetcher.get(f"/studies/{quote(nct_id)}"), url)
        except KeyError:
            problems.append(f"{nct_id}: not found in the registry (HTTP 404)")
        except SyncProblem as problem:
            problems.append(str(problem))
    discovered: list[str] = []
    if not problems:
        say("searching the registry for venetoclax in acute lymphoblastic leukemia")
        try:
            search = f"{fetcher.base}/studies?" + "&".join(f"{k}={v}" for k, v in DISCOVERY.items())
            for study in _pages(fetcher, DISCOVERY):
                record = keep(study, search)
                if record is not None and record.nct_id not in wanted:
                    discovered.append(record.nct_id)
        except SyncProblem as problem:
            problems.append(str(problem))
    cache = RegistryCache(fetched, fetcher.base, records, tuple(dict.fromkeys(discovered)))
    return SyncResult(cache, problems, fetcher.requests)
