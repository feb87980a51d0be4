"""Measure what ven-tui's users feel, in a real terminal, against the issue's budgets.

Each app runs in a pane of a private tmux server (its own ``-L`` socket, no user config) at
120x40, driven through one tmux control-mode client, so sending a key or reading the screen
costs a line on a pipe rather than a new process. Per launch it measures:

- first frame: launch command sent -> the output that made ``capture-pane`` show a table
  row's text reached tmux (see "when output arrived" below);
- cursor move: key sent -> the output that made the styled screen (``capture-pane -e``)
  differ reached tmux (the highlight moved); also, in the JSON, key sent -> the app is idle
  again (``cursor_busy_ms``);
- filter keystroke: ``/`` focuses the filter, then one character at a time: key sent -> the
  screen has stopped changing AND the app has stopped computing, whichever is later (a table
  refilled after the echo counts, and so does work that leaves the screen as it was, since
  the next key waits for it). CPU activity is read from /proc/<pid>/stat in 10 ms ticks, so
  this end point is known to about 10 ms; the echo alone is in the JSON (``filter_echo_ms``);
- tabs 4-7 (ven-tui only): each key sent -> the pane drawn and the app idle, first when the
  tab is built on first show, then again once built (informative: start-up leaves this
  work for later, so it is shown, not hidden);
- bytes per cursor move: ``pipe-pane -o`` copies what the app writes during a series of moves
  (on ven-tui's Phase I and Phase II tabs too, where the most of the two is judged);
- peak RSS: VmHWM of the app process (the pane's process: apps are launched without a shell).

The reference is a bare Textual DataTable app (scripts/bench_reference_app.py) measured in
the same run, with the same terminal, environment and harness.

When output arrived: the screen is read with ``capture-pane``, but a capture costs more on a
richer screen: 7 ms for ven-tui's styled 120x40 screen, 2 ms for the bare table's. A change
found by polling alone was therefore seen some 10 ms later on ven-tui's screen than on the
reference's, for the same moment of output. So the control client also receives tmux's
``%output`` notifications, one per chunk of a pane's output as tmux reads it, and in order
with the answers to captures: a change first seen in a capture arrived with the last chunk
since the capture before it (an upper bound when an app paints in two steps). The screen is
captured only once the app has written something since the last capture (checked every
5 ms by default), and at least every 250 ms. Every latency still includes tmux reading the
key and the output; the reference pays that too, which is why the shipped first frame is
judged as a ratio, and the reference's cursor move at 30 rows (almost no work in the app) is
printed as the harness floor. Byte counts are what the app writes to its pty, i.e. what
would cross SSH.

    .venv/bin/python scripts/bench.py [--runs N] [--quick] [--only shipped|synthetic]
    .venv/bin/python scripts/bench.py --rev edcaf66   # ven-tui as of a commit (git archive)

Default: 5 launches per app (3 for the informative 10,000-row bare DataTable), 10 cursor
moves down and 10 up per launch, the filter query "azacit" typed one key at a time; about
3 minutes on 2 cores. Keystroke medians pool every key of every launch.

Always exits 0 once the measurements ran (it is a report, not a test); 1 if the harness
itself cannot run (no tmux, app never draws). Results: bench-results/*.json.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import io
import json
import math
import os
import platform
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCRIPTS = REPO / "scripts"
VENV_BIN = REPO / ".venv" / "bin"
SHIPPED = REPO / "data" / "review.json"
RESULTS = REPO / "bench-results"
CLOCK_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100

# The budgets.
FIRST_FRAME_RATIO = 1.3
BIG_FIRST_FRAME_S = 1.0
BIG_FILTER_MS = 50.0
BIG_CURSOR_MS = 16.0
BIG_RSS_MB = 150.0
BYTES_PER_MOVE = 2048
BURST_RATIO = 3.0
"""A burst of ``Options.burst`` moves writes at most this many single moves' bytes."""
VS_VISIDATA = {"10k": 1.0, "100k": 1.5}
"""First frame at most this many times VisiData's, on the same rows."""
RSS_VS_VISIDATA = 1.5
BIG = "100k"


VISIDATA = VENV_BIN / "vd"
FACET_QUERY = "ph:pos OR lineage:t"
"""Typed at 10,000 rows too: facets and OR, the query language's slowest terms."""
UNSET_VARIABLES = ("PYTHONDONTWRITEBYTECODE", "COLORTERM")
"""Not passed to the apps: without .pyc files every launch compiles its imports again, and
the colours are the bench's choice (``--colors``), not the caller's terminal's."""
TERM = "xterm-256color"
"""The pane's TERM (tmux's default-terminal): what most tmux and SSH users have."""


def launch_environment(environ: dict[str, str] | os._Environ[str]) -> dict[str, str]:
    """The environment the tmux server (and so every app) starts with: ours, minus
    ``UNSET_VARIABLES``, so the apps read and write compiled bytecode as installed apps do."""
    return {key: value for key, value in environ.items() if key not in UNSET_VARIABLES}


class HarnessError(Exception):
    """The benchmark itself could not run (not a slow app)."""


# ---------------------------------------------------------------- parsing helpers (tested)


def parse_size(text: str) -> tuple[int, int]:
    """``"120x40"`` -> ``(120, 40)``."""
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT, got {text!r}") from None
    if width < 20 or height < 5:
        raise argparse.ArgumentTypeError(f"terminal {text} is too small")
    return width, height


def parse_status_kb(status: str, field_name: str = "VmHWM") -> int | None:
    """A ``kB`` field of /proc/<pid>/status, e.g. ``VmHWM:  81234 kB`` -> 81234."""
    for line in status.splitlines():
        name, _, rest = line.partition(":")
        if name == field_name:
            parts = rest.split()
            return int(parts[0]) if parts and parts[0].isdigit() else None
    return None


def parse_cpu_ticks(stat: str) -> int:
    """utime + stime from /proc/<pid>/stat (fields 14 and 15, after the ``(comm)``)."""
    fields = stat[stat.rindex(")") + 2 :].split()
    return int(fields[11]) + int(fields[12])


def process_state(stat: str) -> str:
    """The state letter of /proc/<pid>/stat (``R``, ``S``, ``Z`` for exited, unreaped)."""
    return stat[stat.rindex(")") + 2 :].split()[0]


def wait_until_gone(pid: int, timeout: float = 5.0) -> bool:
    """Wait for process ``pid`` to exit (gone, or a zombie); False if it outlives ``timeout``.

    A killed app may take a while to shut down (ven-tui exits cleanly on SIGHUP, in about
    140 ms); the next launch waits, so no app starts beside another one's exit.
    """
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            if process_state(Path(f"/proc/{pid}/stat").read_text()) in ("Z", "X"):
                return True
        except (OSError, ValueError, IndexError):
            return True
        time.sleep(0.005)
    return False


def tmux_quote(text: str) -> str:
    """Quote one argument for a tmux command line (control mode parses like a config file)."""
    if "'" not in text:
        return f"'{text}'"
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$")
    return f'"{escaped}"'


def median(values: Iterable[float]) -> float | None:
    """The median, or None when nothing was measured."""
    values = list(values)
    return statistics.median(values) if values else None


@dataclass(frozen=True)
class Verdict:
    """One line of the report."""

    dataset: str
    metric: str
    value: float | None
    unit: str
    budget: str = ""
    passed: bool | None = None
    ratio: float | None = None


def judge(value: float | None, limit: float | None) -> bool | None:
    """True/False against an upper limit; None when either side is unknown."""
    if value is None or limit is None:
        return None
    return value <= limit


def format_table(verdicts: list[Verdict]) -> str:
    """The results as an aligned text table."""
    head = ("dataset", "metric", "value", "budget", "result", "ratio")
    rows = [head]
    for v in verdicts:
        value = "n/a" if v.value is None else f"{v.value:,.1f} {v.unit}".strip()
        result = {True: "pass", False: "FAIL", None: ""}[v.passed]
        ratio = "" if v.ratio is None else f"{v.ratio:.2f}x"
        rows.append((v.dataset, v.metric, value, v.budget, result, ratio))
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(line.rstrip() for line in lines)


class BusyTracker:
    """When did a process stop working? Fed (time, cumulative CPU ticks) samples.

    A tick (10 ms) increase counts as work when it is large (2+ ticks between samples), close
    to the previous increase (a run of work), or soon after ``since`` (the key just sent).
    An isolated single tick later on is background noise, such as a text cursor's blink.
    """

    def __init__(self, since: float, ticks: int, gap: float = 0.03, grace: float = 0.1) -> None:
        self.since, self.gap, self.grace = since, gap, grace
        self.ticks = ticks
        self.last_increase: float | None = None
        self.until = since

    def add(self, when: float, ticks: int) -> None:
        grown, self.ticks = ticks - self.ticks, ticks
        if grown <= 0:
            return
        near = self.last_increase is not None and when - self.last_increase <= self.gap
        if grown >= 2 or near or when - self.since <= self.grace:
            self.until = when
        self.last_increase = when


# ---------------------------------------------------------------- tmux in control mode


class OutputTimes:
    """When the app's output reached tmux: one time per ``%output`` notification, per pane.

    Polling ``capture-pane`` finds a change only at the end of the capture after it, and a
    capture costs more on a richer screen (7 ms for ven-tui's styled 120x40 screen, 2 ms for
    the bare table's), so the polling delay differed between the apps compared. tmux tells a
    control client of every chunk of a pane's output as it reads it, and before the answer
    to a later capture: the change a capture first shows arrived with the last chunk since
    the capture before it.
    """

    def __init__(self) -> None:
        self._times: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def add(self, pane: str, when: float) -> None:
        with self._lock:
            self._times.setdefault(pane, []).append(when)

    def last_between(self, pane: str, after: float, until: float) -> float | None:
        """The last output of ``pane`` in ``(after, until]``, or None if there was none."""
        with self._lock:
            times = self._times.get(pane, [])
            index = bisect.bisect_right(times, until)
            if index and times[index - 1] > after:
                return times[index - 1]
        return None

    def forget(self, pane: str) -> None:
        with self._lock:
            self._times.pop(pane, None)


class ControlLines:
    """What a tmux control client says: answers to its commands, and when panes wrote."""

    def __init__(self) -> None:
        self.replies: queue.Queue[tuple[bool, list[str], float]] = queue.Queue()
        """(succeeded, lines, when it arrived) per command, in order."""
        self.outputs = OutputTimes()
        self.attached = threading.Event()
        self._block: list[str] | None = None

    def route(self, line: str, now: float) -> None:
        """One line, read at ``now``. Answers are ``%begin``..``%end`` (or ``%error``)
        blocks; ``%output %<pane> <data>`` notifications come between them, never inside."""
        block = self._block
        if block is not None:
            if line.startswith(("%end", "%error")):
                # Flag 1 marks replies to this client's commands; 0 is the attach itself.
                if line.split()[-1] == "1":
                    self.replies.put((line.startswith("%end"), block, now))
                self._block = None
            else:
                block.append(line)
        elif line.startswith("%output "):
            self.outputs.add(line.split(" ", 2)[1], now)
        elif line.startswith("%begin"):
            self._block = []
        elif line.startswith("%session-changed"):
            self.attached.set()


class Tmux:
    """A private tmux server and one control-mode client to drive it."""

    def __init__(self, size: tuple[int, int]) -> None:
        if shutil.which("tmux") is None:
            raise HarnessError("tmux is not installed; `make bench` needs it")
        self.socket = f"ven-bench-{os.getpid()}"
        self.size = size
        width, height = size
        base = ["tmux", "-L", self.socket, "-f", "/dev/null"]
        subprocess.run(
            [*base, "new-session", "-d", "-s", "bench", "-x", str(width), "-y", str(height)]
            + ["tail", "-f", "/dev/null"],
            check=True,
            env=launch_environment(os.environ),
        )
        self.client = subprocess.Popen(
            ["tmux", "-L", self.socket, "-C", "attach", "-t", "bench"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            bufsize=0,
        )
        self.lines = ControlLines()
        self.outputs = self.lines.outputs
        self.replied_at = 0.0
        """When the answer to the last command arrived (the reader's clock, as ``outputs``)."""
        threading.Thread(target=self._read, daemon=True).start()
        if not self.lines.attached.wait(10):
            raise HarnessError("the tmux control client did not attach")
        for command in (
            f"set -g default-size {width}x{height}",
            f"set -g default-terminal {TERM}",
            "set -g remain-on-exit on",
            "set -g escape-time 0",
            *(f"set-environment -gu {name}" for name in UNSET_VARIABLES),
        ):
            self.command(command)
        self.socket_path = Path(self.command("display -p '#{socket_path}'")[0])
        probe, _ = self.launch(["sleep", "5"], {})
        shown = self.command(f"display -p -t {probe} '#{{pane_width}}x#{{pane_height}}'")
        self.command(f"kill-pane -t {probe}")
        if shown != [f"{width}x{height}"]:
            raise HarnessError(f"tmux made a {shown[0]} pane, not {width}x{height}")

    def _read(self) -> None:
        """Route the control client's lines as they come (see ``ControlLines``)."""
        assert self.client.stdout is not None
        # Buffered: the pipe carries every pane's output too, escaped, often 30 KB a frame.
        stream = io.BufferedReader(self.client.stdout, buffer_size=1 << 16)  # type: ignore[arg-type]
        for raw in stream:
            self.lines.route(raw.decode("utf-8", "replace").rstrip("\n"), time.perf_counter())

    def command(self, text: str, timeout: float = 10.0) -> list[str]:
        """Run one tmux command and return its output lines."""
        assert self.client.stdin is not None
        self.client.stdin.write(text.encode() + b"\n")
        try:
            ok, lines, self.replied_at = self.lines.replies.get(timeout=timeout)
        except queue.Empty:
            raise HarnessError(f"tmux did not answer {text!r}") from None
        if not ok:
            raise HarnessError(f"tmux refused {text!r}: {' '.join(lines)}")
        return lines

    def launch(self, argv: list[str], env: dict[str, str], cwd: Path = REPO) -> tuple[str, int]:
        """Start ``argv`` (no shell) in a new window; return its pane id and process id."""
        env_args = " ".join(f"-e {tmux_quote(f'{k}={v}')}" for k, v in env.items())
        command = " ".join(tmux_quote(arg) for arg in argv)
        reply = self.command(
            f"new-window -d -P -F '#{{pane_id}} #{{pane_pid}}' -c {tmux_quote(str(cwd))} "
            f"{env_args} {command}"
        )
        pane, pid = reply[0].split()
        return pane, int(pid)

    def screen(self, pane: str, styled: bool = False) -> str:
        """The visible screen of ``pane``, with SGR escapes when ``styled``."""
        flag = "-e " if styled else ""
        return "\n".join(self.command(f"capture-pane -p {flag}-t {pane}"))

    def keys(self, pane: str, key: str, literal: bool = False) -> None:
        """Send a key name (``Down``, ``/``) or, with ``literal``, text."""
        self.command(f"send-keys -t {pane} {'-l ' if literal else ''}{tmux_quote(key)}")

    def close(self) -> None:
        """Stop the private server and its client."""
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)
        self.client.kill()
        self.client.wait()
        if getattr(self, "socket_path", None):
            self.socket_path.unlink(missing_ok=True)  # tmux 3.3 leaves it behind


# ---------------------------------------------------------------- one app launch


@dataclass
class AppSpec:
    """How to start an app and recognise its first frame."""

    name: str
    argv: list[str]
    markers: list[str]
    has_filter: bool
    env: dict[str, str] = field(default_factory=dict)
    cwd: Path = REPO
    runs: int | None = None  # at most this many runs (an informative extra)
    loaded_text: str | None = None
    """Text the screen shows once every row is loaded (VisiData loads after its first frame)."""
    first_shows: bool = True
    facet_query: bool = False
    """Also type ``Options.facet_query`` (after clearing the first query with Escape)."""
    other_tables: bool = False
    """Also move the cursor on the other tables' tabs (``Options.other_table_keys``)."""


@dataclass
class RunResult:
    """What one launch measured."""

    first_frame_s: float | None = None
    cursor_ms: list[float] = field(default_factory=list)
    cursor_busy_ms: list[float] = field(default_factory=list)
    cursor_key: str = ""
    bytes_per_move: float | None = None
    filter_ms: list[float] = field(default_factory=list)
    filter_echo_ms: list[float] = field(default_factory=list)
    filter_screen_ms: list[float] = field(default_factory=list)
    first_show_ms: list[float] = field(default_factory=list)
    tab_switch_ms: list[float] = field(default_factory=list)
    peak_rss_kb: int | None = None
    all_loaded_s: float | None = None
    burst_bytes: int | None = None
    facet_filter_ms: list[float] = field(default_factory=list)
    other_tables_cursor_ms: list[float] = field(default_factory=list)
    other_tables_bytes_per_move: list[float] = field(default_factory=list)
    """One figure per other table's tab."""
    notes: list[str] = field(default_factory=list)


@dataclass
class Options:
    """Knobs shared by every launch."""

    moves: int = 10
    query: str = "azacit"
    poll_s: float = 0.005
    quiet_s: float = 0.1
    first_frame_timeout_s: float = 30.0
    key_timeout_s: float = 3.0
    detail_key: str = ""
    filter_key: str = "/"
    first_show_keys: str = "4567"
    """ven-tui's tabs built when first shown; each is timed, then "1" goes back."""
    other_table_keys: str = "23"
    """ven-tui's other tables (Phase I, Phase II): the cursor is moved on each as well, since
    a move there looks up the trial's other listings (once O(n) per move)."""
    facet_query: str = FACET_QUERY
    colors: str = "256"
    """"256" (TERM alone) or "truecolor" (COLORTERM=truecolor too)."""
    burst: int = 10
    """Cursor keys sent in one go (a held ``j``) for the burst's byte count."""


LOOK_ANYWAY_S = 0.25
"""The screen is captured at least this often, output or not (a safety net: every change
on screen comes with output, which tmux reports)."""


class Glances:
    """Captures of one pane's screen, each with when the output it shows reached tmux.

    A capture is taken only once the app has written something since the last one (or
    ``LOOK_ANYWAY_S`` after it): only output changes the screen, and captures cost tmux and
    the harness CPU time the app would otherwise have (two cores, and an app may use both).
    A change a capture shows first came with the last output since the capture before it.
    """

    def __init__(
        self, tmux: Tmux, pane: str, styled: bool, *, answered: float, looked: float
    ) -> None:
        self.tmux, self.pane, self.styled = tmux, pane, styled
        self.answered = answered
        """When the last capture's answer arrived (before any: when the wait began)."""
        self.looked = looked

    def take(self, now: float) -> tuple[str, float] | None:
        """The screen and when its latest output came, if a capture is due; else None."""
        outputs = self.tmux.outputs
        wrote = outputs.last_between(self.pane, self.answered, math.inf) is not None
        if not wrote and now - self.looked < LOOK_ANYWAY_S:
            return None
        screen = self.tmux.screen(self.pane, self.styled)
        seen = self.tmux.replied_at
        came = outputs.last_between(self.pane, self.answered, seen)
        self.answered, self.looked = seen, now
        return screen, seen if came is None else came


class Session:
    """One app in one pane: launch, poll, settle, measure."""

    def __init__(self, tmux: Tmux, spec: AppSpec, options: Options) -> None:
        self.tmux, self.spec, self.options = tmux, spec, options
        self.pane, self.pid = "", 0

    def cpu_ticks(self) -> int:
        try:
            return parse_cpu_ticks(Path(f"/proc/{self.pid}/stat").read_text())
        except (OSError, ValueError, IndexError):
            return 0

    def peak_rss_kb(self) -> int | None:
        try:
            return parse_status_kb(Path(f"/proc/{self.pid}/status").read_text())
        except OSError:
            return None

    def wait_for(
        self, done: Callable[[str], bool], start: float, timeout: float, styled: bool = False
    ) -> float | None:
        """Poll the screen until ``done(screen)``; seconds from ``start`` until the output that
        did it reached tmux, or None on timeout."""
        glances = Glances(self.tmux, self.pane, styled, answered=start, looked=start)
        while True:
            now = time.perf_counter()
            glance = glances.take(now)
            if glance is not None and done(glance[0]):
                return glance[1] - start
            if now - start > timeout:
                return None
            time.sleep(self.options.poll_s)

    def settle(
        self, since: float, styled: bool = False, limit: float = 20.0
    ) -> tuple[float, float]:
        """Wait until screen and CPU are quiet; return (last screen change, end of busy CPU)."""
        quiet = self.options.quiet_s
        screen = self.tmux.screen(self.pane, styled)
        glances = Glances(
            self.tmux, self.pane, styled, answered=self.tmux.replied_at, looked=time.perf_counter()
        )
        last_change = since
        busy = BusyTracker(since, self.cpu_ticks())
        while time.perf_counter() - since < limit:
            time.sleep(self.options.poll_s)
            now = time.perf_counter()
            busy.add(now, self.cpu_ticks())
            glance = glances.take(now)
            if glance is not None and glance[0] != screen:
                screen, last_change = glance
            if now - max(last_change, busy.until) >= quiet:
                break
        return last_change, busy.until

    def press(self, key: str, literal: bool = False, styled: bool = True) -> float | None:
        """Send a key; seconds until the screen changed, or None if it never did."""
        before = self.tmux.screen(self.pane, styled)
        sent = time.perf_counter()
        self.tmux.keys(self.pane, key, literal)
        return self.wait_for(lambda s: s != before, sent, self.options.key_timeout_s, styled)

    def run(self, measure: bool = True) -> RunResult:
        result = RunResult()
        colors = {"COLORTERM": "truecolor"} if self.options.colors == "truecolor" else {}
        env = {**colors, "TEXTUAL_ANIMATIONS": "none", **self.spec.env}
        started = time.perf_counter()
        self.pane, self.pid = self.tmux.launch(self.spec.argv, env, self.spec.cwd)
        try:
            shown = self.wait_for(
                lambda s: any(marker in s for marker in self.spec.markers),
                started,
                self.options.first_frame_timeout_s,
            )
            if shown is None:
                screen = self.tmux.screen(self.pane)
                raise HarnessError(
                    f"{self.spec.name} showed no table row within "
                    f"{self.options.first_frame_timeout_s:.0f} s; its screen:\n{screen}"
                )
            result.first_frame_s = shown
            if self.spec.loaded_text:
                loaded = self.wait_for(
                    lambda s: self.spec.loaded_text in s,
                    started,
                    self.options.first_frame_timeout_s,
                )
                result.all_loaded_s = loaded
            if measure:
                self.settle(time.perf_counter())
                self.measure_keys(result)
            result.peak_rss_kb = self.peak_rss_kb()
        finally:
            self.tmux.command(f"kill-pane -t {self.pane}")
            self.tmux.outputs.forget(self.pane)
            if not wait_until_gone(self.pid):
                result.notes.append("still running 5 s after it was killed")
        return result

    def moves(self, keys: tuple[str, str], count: int, result: RunResult) -> list[float]:
        """Press a cursor key ``count`` times (falling back to the arrow); latencies in ms."""
        latencies: list[float] = []
        key = keys[0]
        for _ in range(count):
            sent = time.perf_counter()
            changed = self.press(key)
            if changed is None and not latencies and key != keys[1]:
                result.notes.append(f"{keys[0]!r} moved nothing; used {keys[1]!r}")
                key = keys[1]
                sent = time.perf_counter()
                changed = self.press(key)
            if changed is None:
                result.notes.append(f"{key!r} stopped moving the cursor")
                break
            latencies.append(changed * 1000)
            changed_at, busy_until = self.settle(sent + changed, styled=True)
            result.cursor_busy_ms.append((max(changed_at, busy_until) - sent) * 1000)
        result.cursor_key = key
        return latencies

    def measure_keys(self, result: RunResult) -> None:
        options = self.options
        result.cursor_ms = self.moves(("j", "Down"), options.moves, result)
        down = result.cursor_key  # the burst goes down again, from the top
        if options.detail_key:
            self.tmux.keys(self.pane, options.detail_key)
            self.settle(time.perf_counter(), styled=True)
        with self.recording() as written:
            moved = self.moves(("k", "Up"), options.moves, result)
        if moved:
            result.bytes_per_move = written[0] / len(moved)
        if options.burst and down:
            result.burst_bytes = self.measure_burst(down)
        if self.spec.other_tables:
            self.measure_other_tables(result)
        if self.spec.has_filter:
            if self.spec.first_shows:
                self.measure_first_shows(result)
            self.measure_filter(result, options.query, result.filter_ms, result.filter_echo_ms)
            if self.spec.facet_query and result.filter_ms:
                self.press("Escape", styled=False)
                self.settle(time.perf_counter())
                self.measure_filter(result, options.facet_query, result.facet_filter_ms)

    def measure_other_tables(self, result: RunResult) -> None:
        """Cursor moves on each other table's tab (half the moves each, down), then back."""
        for key in self.options.other_table_keys:
            if self.press(key, styled=False) is None:
                result.notes.append(f"tab key {key!r} changed nothing; other tables not measured")
                return
            self.settle(time.perf_counter())
            moves = max(2, self.options.moves // 2)
            with self.recording() as written:
                moved = self.moves(("j", "Down"), moves, result)
            result.other_tables_cursor_ms += moved
            if moved:
                result.other_tables_bytes_per_move.append(written[0] / len(moved))
        self.press("1", styled=False)
        self.settle(time.perf_counter())

    def measure_burst(self, key: str) -> int:
        """Bytes written for ``Options.burst`` cursor keys sent at once (a held key), until
        the app is quiet again: what a detail pane that follows every step costs."""
        with self.recording() as written:
            sent = time.perf_counter()
            self.tmux.command(
                f"send-keys -t {self.pane} " + " ".join([tmux_quote(key)] * self.options.burst)
            )
            self.settle(sent, styled=True)
        return written[0]

    @contextmanager
    def recording(self) -> Iterator[list[int]]:
        """Count the bytes the app writes inside the block (``pipe-pane -o``): the yielded
        list holds their number once the block has ended."""
        written: list[int] = []
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "pane.out"
            copy.touch()
            self.tmux.command(f"pipe-pane -o -t {self.pane} {tmux_quote(f'cat >> {copy}')}")
            try:
                yield written
            finally:
                self.tmux.command(f"pipe-pane -t {self.pane}")
                time.sleep(0.2)  # let cat drain and exit
                written.append(copy.stat().st_size)

    def measure_first_shows(self, result: RunResult) -> None:
        """Each tab built on first show: key sent -> its pane drawn and the app idle again.

        Start-up leaves this work for later, so it is measured rather than hidden, next to
        showing the same tabs again (built). Measured before the filter, so the filter
        keystrokes also update these panes (the worst case).
        """
        for latencies in (result.first_show_ms, result.tab_switch_ms):
            for key in self.options.first_show_keys:
                sent = time.perf_counter()
                shown = self.press(key, styled=False)
                if shown is None:
                    result.notes.append(f"tab key {key!r} changed nothing; tabs not measured")
                    return
                changed_at, busy_until = self.settle(sent + shown)
                latencies.append((max(changed_at, busy_until) - sent) * 1000)
            self.press("1", styled=False)
            self.settle(time.perf_counter())

    def measure_filter(
        self,
        result: RunResult,
        query: str,
        latencies: list[float],
        echoes: list[float] | None = None,
    ) -> None:
        """Open the filter and type ``query`` key by key; each key's latency into ``latencies``."""
        opened = self.press(self.options.filter_key)
        if opened is None:
            result.notes.append(f"{self.options.filter_key!r} changed nothing: no filter")
            return
        self.settle(time.perf_counter())
        for char in query:
            sent = time.perf_counter()
            echo = self.press(char, literal=True, styled=False)
            if echo is None and char.isspace():
                continue  # a trailing space may change neither the rows nor the plain text
            if echo is None:
                result.notes.append(f"typing {char!r} changed nothing; filter not measured")
                return
            changed_at, busy_until = self.settle(sent + echo)
            if echoes is not None:
                echoes.append(echo * 1000)
                result.filter_screen_ms.append((changed_at - sent) * 1000)
            latencies.append((max(changed_at, busy_until) - sent) * 1000)


# ---------------------------------------------------------------- the whole benchmark


def row_markers(path: Path, count: int = 3) -> list[str]:
    """Texts that only a drawn table row shows: the start of the first cells of each table."""
    dataset = json.loads(path.read_text(encoding="utf-8"))
    markers: list[str] = []
    for table in dataset["tables"]:
        for row in table["rows"][:count]:
            for text in list(row["cells"].values())[:2]:
                if len(text) >= 10:
                    markers.append(text[:10])
    return markers


def run_apps(
    tmux: Tmux, specs: list[AppSpec], options: Options, runs: int
) -> dict[str, list[RunResult]]:
    """One unmeasured warm-up launch of each app, then ``runs`` measured ones of each (fewer
    where an app says so), taken in turns: the machine's pace drifts over a run of minutes,
    and every ratio compares launches made side by side."""
    for spec in specs:
        print(f"warming up {spec.name}", file=sys.stderr, flush=True)
        Session(tmux, spec, options).run(measure=False)
    wanted = {spec.name: runs if spec.runs is None else min(runs, spec.runs) for spec in specs}
    results: dict[str, list[RunResult]] = {spec.name: [] for spec in specs}
    for index in range(max(wanted.values(), default=0)):
        for spec in specs:
            if index < wanted[spec.name]:
                print(
                    f"  {spec.name}: run {index + 1}/{wanted[spec.name]}",
                    file=sys.stderr,
                    flush=True,
                )
                results[spec.name].append(Session(tmux, spec, options).run())
    return results


def summarise(results: list[RunResult]) -> dict:
    """Medians over runs (keystrokes pooled over every run)."""
    rss = [r.peak_rss_kb for r in results if r.peak_rss_kb]
    return {
        "first_frame_s": median(r.first_frame_s for r in results if r.first_frame_s),
        "first_frame_runs_ms": [round(r.first_frame_s * 1000) for r in results if r.first_frame_s],
        "cursor_ms": median(ms for r in results for ms in r.cursor_ms),
        "bytes_per_move": median(r.bytes_per_move for r in results if r.bytes_per_move),
        "filter_ms": median(ms for r in results for ms in r.filter_ms),
        "cursor_busy_ms": median(ms for r in results for ms in r.cursor_busy_ms),
        "filter_echo_ms": median(ms for r in results for ms in r.filter_echo_ms),
        "filter_screen_ms": median(ms for r in results for ms in r.filter_screen_ms),
        "filter_ms_max": max((ms for r in results for ms in r.filter_ms), default=None),
        "first_show_ms": median(ms for r in results for ms in r.first_show_ms),
        "first_show_ms_max": max((ms for r in results for ms in r.first_show_ms), default=None),
        "tab_switch_ms": median(ms for r in results for ms in r.tab_switch_ms),
        "peak_rss_mb": median(kb / 1024 for kb in rss),
        "peak_rss_mb_max": max(rss) / 1024 if rss else None,
        "all_loaded_s": median(r.all_loaded_s for r in results if r.all_loaded_s),
        "burst_bytes": median(r.burst_bytes for r in results if r.burst_bytes),
        "first_filter_ms": median(r.filter_ms[0] for r in results if r.filter_ms),
        "facet_filter_ms": median(ms for r in results for ms in r.facet_filter_ms),
        "facet_filter_ms_max": max((ms for r in results for ms in r.facet_filter_ms), default=None),
        "other_tables_cursor_ms": median(ms for r in results for ms in r.other_tables_cursor_ms),
        "other_tables_bytes_per_move": max(
            (size for r in results for size in r.other_tables_bytes_per_move), default=None
        ),
        "notes": sorted({note for r in results for note in r.notes}),
    }


def verdicts(measured: dict[str, dict]) -> list[Verdict]:
    """Compare the summaries with the issue's budgets."""
    out: list[Verdict] = []
    ref = measured.get("reference (30 rows)")
    app = measured.get("ven-tui (shipped)")
    if app and ref:
        ratio = _ratio(app["first_frame_s"], ref["first_frame_s"])
        out.append(
            Verdict(
                "shipped",
                "first frame",
                _ms(app["first_frame_s"]),
                "ms",
                f"<= {FIRST_FRAME_RATIO}x reference",
                judge(ratio, FIRST_FRAME_RATIO),
                ratio,
            )
        )
        out.append(Verdict("shipped", "reference first frame", _ms(ref["first_frame_s"]), "ms"))
        out += _common("shipped", app, ref)
        out.append(Verdict("shipped", "reference cursor (harness floor)", ref["cursor_ms"], "ms"))
        out.append(Verdict("shipped", "reference bytes/move", ref["bytes_per_move"], "B"))
    big = measured.get("ven-tui (10,000 rows)")
    if big:
        first = big["first_frame_s"]
        out.append(
            Verdict(
                "10k",
                "first frame",
                _ms(first),
                "ms",
                f"<= {BIG_FIRST_FRAME_S * 1000:.0f} ms",
                judge(first, BIG_FIRST_FRAME_S),
                _ratio(first, ref["first_frame_s"]) if ref else None,
            )
        )
        out.append(Verdict("10k", "filter keystroke: echo", big.get("filter_echo_ms"), "ms"))
        out.append(
            Verdict(
                "10k",
                "filter keystroke",
                big["filter_ms"],
                "ms",
                f"<= {BIG_FILTER_MS:.0f} ms",
                judge(big["filter_ms"], BIG_FILTER_MS),
            )
        )
        out += _common("10k", big, ref)
        out.append(_other_tables_verdict("10k", big))
        out.append(
            Verdict(
                "10k",
                "peak RSS",
                big["peak_rss_mb"],
                "MB",
                f"<= {BIG_RSS_MB:.0f} MB",
                judge(big["peak_rss_mb"], BIG_RSS_MB),
            )
        )
    if big and big.get("facet_filter_ms") is not None:
        out.append(
            Verdict(
                "10k",
                f"filter keystroke, {FACET_QUERY!r}",
                big["facet_filter_ms"],
                "ms",
                f"<= {BIG_FILTER_MS:.0f} ms",
                judge(big["facet_filter_ms"], BIG_FILTER_MS),
            )
        )
        out.append(Verdict("10k", "  the same, slowest key", big.get("facet_filter_ms_max"), "ms"))
    big_ref = measured.get("reference (10,000 rows)")
    if big_ref:
        first = _ms(big_ref["first_frame_s"])
        out.append(Verdict("10k", "bare DataTable first frame", first, "ms"))
        out.append(Verdict("10k", "bare DataTable cursor", big_ref["cursor_ms"], "ms"))
        out.append(Verdict("10k", "bare DataTable peak RSS", big_ref["peak_rss_mb"], "MB"))
    huge = measured.get("ven-tui (100,000 rows)")
    if huge:
        out.append(Verdict(BIG, "first frame", _ms(huge["first_frame_s"]), "ms"))
        out.append(
            Verdict(
                BIG,
                "first filter key",
                huge.get("first_filter_ms"),
                "ms",
                f"<= {BIG_FILTER_MS:.0f} ms",
                judge(huge.get("first_filter_ms"), BIG_FILTER_MS),
            )
        )
        out.append(Verdict(BIG, "filter keystroke", huge["filter_ms"], "ms"))
        out.append(
            Verdict(
                BIG,
                "cursor move",
                huge["cursor_ms"],
                "ms",
                f"<= {BIG_CURSOR_MS:.0f} ms",
                judge(huge["cursor_ms"], BIG_CURSOR_MS),
            )
        )
        out.append(Verdict(BIG, "cursor move, until app idle", huge.get("cursor_busy_ms"), "ms"))
        out.append(_other_tables_verdict(BIG, huge))
        out += _other_tables_bytes_verdict(BIG, huge)
        out.append(Verdict(BIG, "peak RSS", huge["peak_rss_mb"], "MB"))
    out += visidata_verdicts(measured)
    return out


VENTUI_VS_VISIDATA = {
    "shipped": ("ven-tui (shipped)", "VisiData (shipped)"),
    "10k": ("ven-tui (10,000 rows)", "VisiData (10,000 rows)"),
    BIG: ("ven-tui (100,000 rows)", "VisiData (100,000 rows)"),
}


def visidata_verdicts(measured: dict[str, dict]) -> list[Verdict]:
    """ven-tui against VisiData on the same rows (VisiData reads them as one CSV sheet)."""
    out: list[Verdict] = []
    for dataset, (ours, theirs) in VENTUI_VS_VISIDATA.items():
        app, vd = measured.get(ours), measured.get(theirs)
        if not (app and vd):
            continue
        ratio = _ratio(app["first_frame_s"], vd["first_frame_s"])
        limit = VS_VISIDATA.get(dataset)
        out.append(
            Verdict(
                dataset,
                "first frame vs VisiData",
                _ms(app["first_frame_s"]),
                "ms",
                f"<= {limit}x VisiData" if limit else "",
                judge(ratio, limit),
                ratio,
            )
        )
        out.append(Verdict(dataset, "VisiData first frame", _ms(vd["first_frame_s"]), "ms"))
        out.append(Verdict(dataset, "VisiData all rows loaded", _ms(vd.get("all_loaded_s")), "ms"))
        floor = measured.get("reference (30 rows)")
        if dataset == "10k" and floor:  # what any Textual app pays before its first row
            out.append(
                Verdict(
                    dataset,
                    "bare Textual table (30 rows) vs VisiData",
                    _ms(floor["first_frame_s"]),
                    "ms",
                    ratio=_ratio(floor["first_frame_s"], vd["first_frame_s"]),
                )
            )
        rss_ratio = _ratio(app["peak_rss_mb"], vd["peak_rss_mb"])
        rss_limit = RSS_VS_VISIDATA if dataset == BIG else None
        out.append(
            Verdict(
                dataset,
                "peak RSS vs VisiData",
                app["peak_rss_mb"],
                "MB",
                f"<= {rss_limit}x VisiData" if rss_limit else "",
                judge(rss_ratio, rss_limit),
                rss_ratio,
            )
        )
        out.append(Verdict(dataset, "VisiData peak RSS", vd["peak_rss_mb"], "MB"))
        out.append(
            Verdict(
                dataset,
                "bytes per cursor move vs VisiData",
                app["bytes_per_move"],
                "B",
                ratio=_ratio(app["bytes_per_move"], vd["bytes_per_move"]),
            )
        )
        out.append(Verdict(dataset, "VisiData bytes per cursor move", vd["bytes_per_move"], "B"))
        out.append(Verdict(dataset, "VisiData cursor move", vd["cursor_ms"], "ms"))
    return out


def _common(dataset: str, app: dict, ref: dict | None) -> list[Verdict]:
    cursor_budget = BIG_CURSOR_MS if dataset == "10k" else None
    return [
        Verdict(
            dataset,
            "cursor move",
            app["cursor_ms"],
            "ms",
            f"<= {cursor_budget:.0f} ms" if cursor_budget else "",
            judge(app["cursor_ms"], cursor_budget),
            _ratio(app["cursor_ms"], ref["cursor_ms"]) if ref else None,
        ),
        Verdict(dataset, "cursor move, until app idle", app.get("cursor_busy_ms"), "ms"),
        Verdict(dataset, "first show of tabs 4-7", app.get("first_show_ms"), "ms"),
        Verdict(dataset, "first show of tabs 4-7, slowest", app.get("first_show_ms_max"), "ms"),
        Verdict(dataset, "showing tabs 4-7 again", app.get("tab_switch_ms"), "ms"),
        Verdict(
            dataset,
            "bytes per cursor move",
            app["bytes_per_move"],
            "B",
            f"<= {BYTES_PER_MOVE} B",
            judge(app["bytes_per_move"], BYTES_PER_MOVE),
            _ratio(app["bytes_per_move"], ref["bytes_per_move"]) if ref else None,
        ),
        *_other_tables_bytes_verdict(dataset, app),
        _burst_verdict(dataset, app),
    ] + (
        []
        if dataset == "10k"
        else [
            Verdict(dataset, "filter keystroke", app["filter_ms"], "ms"),
            Verdict(dataset, "peak RSS", app["peak_rss_mb"], "MB"),
        ]
    )


FLAT_CURSOR_RATIO = 1.25
"""Cursor moves on tabs 2 and 3 against tab 1's, in the same run: "flat on every tab" (a
move that scanned every row would cost ten times more at 100,000 rows than at 10,000)."""


def _other_tables_verdict(dataset: str, app: dict) -> Verdict:
    """Cursor moves on the Phase I and Phase II tabs: flat on every tab, as on the first."""
    moved = app.get("other_tables_cursor_ms")
    ratio = _ratio(moved, app.get("cursor_ms"))
    return Verdict(
        dataset,
        "cursor move, tabs 2-3",
        moved,
        "ms",
        f"<= {FLAT_CURSOR_RATIO}x tab 1",
        judge(ratio, FLAT_CURSOR_RATIO),
        ratio,
    )


def _other_tables_bytes_verdict(dataset: str, app: dict) -> list[Verdict]:
    """The most bytes a cursor move wrote on the Phase I or Phase II tab, where measured:
    their detail panes differ from the first table's, so the budget is checked there too."""
    size = app.get("other_tables_bytes_per_move")
    if size is None:
        return []
    return [
        Verdict(
            dataset,
            "bytes per cursor move, tabs 2-3 (most)",
            size,
            "B",
            f"<= {BYTES_PER_MOVE} B",
            judge(size, BYTES_PER_MOVE),
        )
    ]


def _burst_verdict(dataset: str, app: dict) -> Verdict:
    """Bytes of a burst of cursor keys (a held ``j``), judged against single moves."""
    burst, single = app.get("burst_bytes"), app.get("bytes_per_move")
    ratio = _ratio(burst, single)
    return Verdict(
        dataset,
        "bytes for a burst of 10 moves",
        burst,
        "B",
        f"<= {BURST_RATIO:.0f}x one move",
        judge(ratio, BURST_RATIO),
        ratio,
    )


def _ms(seconds: float | None) -> float | None:
    return None if seconds is None else seconds * 1000


def _ratio(value: float | None, reference: float | None) -> float | None:
    return value / reference if value and reference else None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="launches per app (default 5)")
    parser.add_argument("--quick", action="store_true", help="2 runs, 5 moves, short query")
    parser.add_argument("--only", choices=("shipped", "synthetic"), help="one dataset only")
    parser.add_argument("--rows", type=int, default=10_000, help="synthetic rows (10000)")
    parser.add_argument("--size", type=parse_size, default=(120, 40), help="terminal WxH")
    parser.add_argument("--query", default="azacit", help="text typed into the filter")
    parser.add_argument("--moves", type=int, default=10, help="cursor moves per run")
    parser.add_argument(
        "--detail-key", default="", help="key that shows the detail pane, if it is not shown"
    )
    parser.add_argument("--no-big-reference", action="store_true", help="skip 10k bare table")
    parser.add_argument(
        "--big-rows", type=int, default=100_000, help="rows of the large dataset (100000)"
    )
    parser.add_argument(
        "--big-runs", type=int, default=3, help="launches per app at --big-rows (default 3)"
    )
    parser.add_argument("--no-big", action="store_true", help="skip the --big-rows dataset")
    parser.add_argument("--no-visidata", action="store_true", help="skip VisiData")
    parser.add_argument(
        "--colors",
        choices=("256", "truecolor"),
        default="256",
        help=f"TERM={TERM} alone (256, the default) or with COLORTERM=truecolor",
    )
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument(
        "--rev", help="measure ven-tui as of this git revision (git archive, python -m tui)"
    )
    return parser


def visidata_spec(name: str, csv_path: Path, rows: int) -> AppSpec:
    """VisiData on ``csv_path``, without any user config or plugins (``-N``)."""
    return AppSpec(
        name,
        [str(VISIDATA), "-N", str(csv_path)],
        [],
        False,
        loaded_text=f"{rows} rows",
    )


def build_specs(args: argparse.Namespace, tmp: Path) -> list[tuple[Path, AppSpec]]:
    """The apps to measure, each with the dataset file it shows (JSON; VisiData its CSV)."""
    python = str(VENV_BIN / "python")
    generate = [python, str(SCRIPTS / "make_synthetic.py")]
    reference = [python, str(SCRIPTS / "bench_reference_app.py")]
    ven_tui = AppSpec("ven-tui (shipped)", [str(VENV_BIN / "ven-tui")], [], True, other_tables=True)
    if args.rev:
        source = checkout(args.rev, tmp)
        ven_tui.argv = [python, "-m", "tui"]
        ven_tui.env, ven_tui.cwd = {"PYTHONPATH": str(source)}, source
    visidata = not args.no_visidata
    if visidata and not VISIDATA.exists():
        raise HarnessError(
            f"VisiData is not installed in {VENV_BIN}: `make bench` installs the bench extra "
            "(pip install -e '.[bench]'), or pass --no-visidata"
        )

    def like_ven_tui(name: str, data: Path, **extra: object) -> AppSpec:
        argv = [*ven_tui.argv, f"--data={data}"]
        return AppSpec(name, argv, [], True, ven_tui.env, ven_tui.cwd, **extra)  # type: ignore[arg-type]

    specs = [(SHIPPED, AppSpec("reference (30 rows)", reference, [], False))]
    if args.only != "synthetic":
        specs.append((SHIPPED, ven_tui))
        if visidata:
            shipped_csv = tmp / "shipped.csv"
            subprocess.run(
                [*generate, "--from-json", str(SHIPPED), "--csv", str(shipped_csv)], check=True
            )
            specs.append((SHIPPED, visidata_spec("VisiData (shipped)", shipped_csv, 30)))
    if args.only != "shipped":
        sizes = [(args.rows, "10,000 rows", None)]
        if not args.no_big:
            sizes.append((args.big_rows, "100,000 rows", args.big_runs))
        for rows, label, runs in sizes:
            data, csv_path = tmp / f"synthetic-{rows}.json", tmp / f"synthetic-{rows}.csv"
            subprocess.run(
                [*generate, "--rows", str(rows), "--out", str(data), "--csv", str(csv_path)],
                check=True,
            )
            big = runs is not None
            specs.append(
                (
                    data,
                    like_ven_tui(
                        f"ven-tui ({label})",
                        data,
                        runs=runs,
                        first_shows=not big,
                        facet_query=not big,
                        other_tables=True,
                    ),
                )
            )
            if visidata:
                spec = visidata_spec(f"VisiData ({label})", csv_path, rows)
                spec.runs = runs
                specs.append((data, spec))
            if not big and not args.no_big_reference:
                specs.append(
                    (
                        data,
                        AppSpec(
                            "reference (10,000 rows)",
                            [*reference, f"--data={data}"],
                            [],
                            False,
                            runs=3,
                        ),
                    )
                )
    for data, spec in specs:
        spec.markers = row_markers(data)
    return specs


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    runs, moves, query = args.runs, args.moves, args.query
    if args.quick:
        runs, moves, query = 2, 5, query[:5]
        args.big_runs = 1
    options = Options(moves=moves, query=query, detail_key=args.detail_key, colors=args.colors)
    measured: dict[str, dict] = {}
    started = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory(prefix="ven-bench-") as tmp:
            specs = build_specs(args, Path(tmp))
            compiled = compile_bytecode([spec.cwd for _, spec in specs])
            tmux = Tmux(args.size)
            try:
                launched = run_apps(tmux, [spec for _, spec in specs], options, runs)
                measured = {name: summarise(results) for name, results in launched.items()}
            finally:
                tmux.close()
    except (HarnessError, subprocess.CalledProcessError, OSError) as error:
        print(f"bench: error: {error}", file=sys.stderr)
        return 1
    table = verdicts(measured)
    print(format_table(table))
    for name, summary in measured.items():
        for note in summary["notes"]:
            print(f"note: {name}: {note}")
    report = {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "commit": _git_head(),
        "machine": {
            "cpus": os.cpu_count(),
            "loadavg": os.getloadavg(),
            "python": platform.python_version(),
            "tmux": subprocess.run(["tmux", "-V"], capture_output=True, text=True).stdout.strip(),
        },
        "options": {
            **asdict(options),
            "runs": runs,
            "size": list(args.size),
            "rows": args.rows,
            "rev": _git_head(args.rev) if args.rev else None,
        },
        "seconds": round(time.perf_counter() - started, 1),
        "bytecode": compiled,
        "measured": measured,
        "verdicts": [asdict(v) for v in table],
    }
    RESULTS.mkdir(exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    for path in (RESULTS / f"bench-{stamp}.json", RESULTS / "latest.json", args.json):
        if path:
            path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"\n{report['seconds']} s; results in {RESULTS / 'latest.json'}")
    return 0


def compile_bytecode(sources: Iterable[Path]) -> str:
    """Write the .pyc files of ven-tui (and of a --rev checkout) before measuring.

    Installed apps run from compiled bytecode; without it each launch compiles every module
    it imports again (tens of ms). The apps are launched without PYTHONDONTWRITEBYTECODE
    (``launch_environment``), so the warm-up launch would write them too; compiling first
    makes sure. Returns how it was done, for the JSON report.
    """
    python = str(VENV_BIN / "python")
    folders = sorted({str(folder / "tui") for folder in sources if (folder / "tui").is_dir()})
    for folder in folders:
        subprocess.run(
            [python, "-m", "compileall", "-q", folder],
            check=True,
            env=launch_environment(os.environ),
        )
    return f"compileall -q {' '.join(folders)}; apps launched without PYTHONDONTWRITEBYTECODE"


def checkout(rev: str, tmp: Path) -> Path:
    """Extract ``rev`` of the repository into ``tmp/src`` (no change to the repository)."""
    target = tmp / "src"
    target.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", rev], capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def _git_head(rev: str = "HEAD") -> str | None:
    done = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", rev], capture_output=True, text=True
    )
    return done.stdout.strip() or None


if __name__ == "__main__":
    sys.exit(main())
