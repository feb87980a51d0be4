"""A local stand-in for the ClinicalTrials.gov API v2, on 127.0.0.1, for the registry tests.

Shaped like the documented API (``/studies`` with ``filter.ids``, ``query.intr``/``query.cond``,
``pageSize``/``pageToken``/``nextPageToken``, and ``/studies/{nctId}``). Its studies are
synthetic, made up for the tests, and never presented as real registry data.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

HOSTILE_TITLE = "\x1b]52;c;aGk=\x07\x1b[2J[bold red]markup[/] \u202eevil <b>&amp;"
"""A title with a clipboard escape, a screen clear, Textual markup, a bidi override and HTML."""


def synthetic_study(nct_id: str, status: str = "RECRUITING", **extra: object) -> dict:
    """A made-up study in the API's documented shape."""
    countries = extra.pop("countries", ["France", "Spain"])
    return {
        "protocolSection": {
            "identificationModule": {
                "nctId": nct_id,
                "briefTitle": extra.pop("title", f"Synthetic test study {nct_id}"),
            },
            "statusModule": {
                "overallStatus": status,
                "lastUpdatePostDateStruct": {"date": "2026-10-01", "type": "ACTUAL"},
            },
            "designModule": {"enrollmentInfo": {"count": 40, "type": "ESTIMATED"}},
            "eligibilityModule": {
                "minimumAge": extra.pop("minimum_age", "18 Years"),
                "maximumAge": extra.pop("maximum_age", "75 Years"),
                "sex": "ALL",
            },
            "sponsorCollaboratorsModule": {"leadSponsor": {"name": "Synthetic Sponsor"}},
            "contactsLocationsModule": {
                "locations": [{"facility": "Site", "country": c} for c in countries]
            },
        }
    }


@dataclass
class Behaviour:
    """What the server does; tests change it between requests."""

    studies: dict[str, dict] = field(default_factory=dict)
    discovery: list[str] = field(default_factory=list)
    page_size: int = 4
    fail_first: int = 0
    """Answer this many requests with 503 first."""
    rate_limit_first: int = 0
    """Answer this many requests with 429 and Retry-After first."""
    retry_after: str = "7"
    delay: float = 0.0
    malformed: bool = False
    oversized: int = 0
    gate: threading.Event | None = None
    """When given, every request waits (up to 30 s) until it is set: a sync held mid-way."""
    requests: list[str] = field(default_factory=list)
    arrived: threading.Event = field(default_factory=threading.Event)
    """Set once the first request has come in."""


class RegistryServer:
    def __init__(self) -> None:
        self.behaviour = Behaviour()
        behaviour = self.behaviour

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                behaviour.requests.append(self.path)
                behaviour.arrived.set()
                if behaviour.gate is not None:
                    behaviour.gate.wait(30)
                if behaviour.delay:
                    time.sleep(behaviour.delay)
                if behaviour.rate_limit_first > 0:
                    behaviour.rate_limit_first -= 1
                    return self._send(429, b"{}", {"Retry-After": behaviour.retry_after})
                if behaviour.fail_first > 0:
                    behaviour.fail_first -= 1
                    return self._send(503, b"unavailable")
                if behaviour.malformed:
                    return self._send(200, b'{"studies": [')
                if behaviour.oversized:
                    return self._send(200, b" " * behaviour.oversized)
                url = urlparse(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                if url.path.startswith("/api/v2/studies/"):
                    study = behaviour.studies.get(url.path.rsplit("/", 1)[-1])
                    if study is None:
                        return self._send(404, b'{"error": "not found"}')
                    return self._send(200, json.dumps(study).encode())
                if url.path != "/api/v2/studies":
                    return self._send(404, b"{}")
                if "filter.ids" in query:
                    ids = [i for i in query["filter.ids"].split(",") if i in behaviour.studies]
                else:
                    ids = list(behaviour.discovery)
                start = int(query.get("pageToken", "0") or 0)
                page = ids[start : start + behaviour.page_size]
                body: dict = {"studies": [behaviour.studies[i] for i in page]}
                if start + behaviour.page_size < len(ids):
                    body["nextPageToken"] = str(start + behaviour.page_size)
                return self._send(200, json.dumps(body).encode())

            def _send(self, status: int, body: bytes, headers: dict | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/api/v2"

    def __enter__(self) -> RegistryServer:
        self.thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
