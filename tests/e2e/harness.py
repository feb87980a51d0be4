"""A real terminal (a private tmux server) and a real SSH server (sshd on loopback) for e2e tests.

Nothing here touches the user's own tmux or ssh setup: tmux runs on its own socket in a temporary
directory, sshd listens on 127.0.0.1 with throwaway keys and its own config, and both are killed
by pid when a test ends.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

DEFAULT_SIZE = (80, 24)
DEFAULT_TIMEOUT = 20.0
POLL = 0.05
SBIN = ("/usr/sbin", "/usr/local/sbin", "/sbin")
TMUX_TOOLS = ("tmux",)
SSH_TOOLS = ("sshd", "ssh", "ssh-keygen")
ALT_SCREEN_ON = b"\x1b[?1049h"
TERMINAL_ENV = {"TERM": "xterm-256color", "LANG": "C.UTF-8"}


class HarnessError(AssertionError):
    """The terminal or server did not reach the expected state; the message shows what it saw."""


def find_tool(name: str) -> str | None:
    """Find a program on PATH or in the sbin directories (sshd often lives off a user's PATH)."""
    return shutil.which(name) or shutil.which(name, path=os.pathsep.join(SBIN))


def missing_tools(names: Iterable[str]) -> list[str]:
    """The names among ``names`` that cannot be found."""
    return [name for name in names if find_tool(name) is None]


def installed_ven_tui() -> Path:
    """The ``ven-tui`` script installed next to the running interpreter (the venv's bin)."""
    script = Path(sys.executable).parent / "ven-tui"
    if not script.is_file() or not os.access(script, os.X_OK):
        raise HarnessError(
            f"no installed ven-tui at {script}; install the package into this interpreter's "
            f"environment (e.g. `{sys.executable} -m pip install -e .`)"
        )
    return script


def _wait(
    check: Callable[[], bool], timeout: float, describe: Callable[[], str], what: str
) -> None:
    """Poll ``check`` every few hundredths of a second; fail with ``describe()`` on timeout."""
    deadline = time.monotonic() + timeout
    while True:
        if check():
            return
        if time.monotonic() >= deadline:
            raise HarnessError(f"timed out after {timeout:.1f}s waiting for {what}\n{describe()}")
        time.sleep(POLL)


def pid_alive(pid: int) -> bool:
    """Whether ``pid`` is a running process (a zombie counts as ended)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie is gone for our purposes
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state != "Z"


def _descendants(pid: int) -> list[int]:
    """Every living descendant of ``pid`` (from /proc; empty where /proc is absent)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry.name))
    found: list[int] = []
    pending = list(children.get(pid, []))
    while pending:
        child = pending.pop()
        found.append(child)
        pending.extend(children.get(child, []))
    return found


def _kill_pids(pids: Sequence[int], timeout: float = 5.0) -> list[int]:
    """SIGTERM then SIGKILL the given pids; return those still alive after all that."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in pids:
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and any(pid_alive(pid) for pid in pids):
            time.sleep(POLL)
    return [pid for pid in pids if pid_alive(pid)]


class TmuxTerminal:
    """One pane of a private tmux server, of a fixed size, running one command."""

    def __init__(
        self,
        size: tuple[int, int] = DEFAULT_SIZE,
        env: dict[str, str] | None = None,
        tmux: str | None = None,
    ) -> None:
        self.size = size
        self.env = {**TERMINAL_ENV, **(env or {})}
        self.tmux = tmux or find_tool("tmux") or "tmux"
        self.dir = Path(tempfile.mkdtemp(prefix="ven-tui-e2e-tmux-"))
        self.socket = self.dir / "tmux.sock"
        self.log = self.dir / "pane-output.bin"
        self.status_file = self.dir / "exit-status"
        self.target = "e2e:0.0"
        self.server_pid: int | None = None
        self.command: list[str] | None = None

    def _tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [self.tmux, "-S", str(self.socket), *args],
            capture_output=True,
            text=True,
            env=self._server_env(),
            timeout=DEFAULT_TIMEOUT,
            check=False,
        )
        if check and result.returncode != 0:
            raise HarnessError(f"tmux {shlex.join(args)} failed: {result.stderr.strip()}")
        return result

    def _server_env(self) -> dict[str, str]:
        """A small, fixed environment for the server, so the user's shell settings do not leak."""
        keep = {key: os.environ[key] for key in ("PATH", "HOME", "USER") if key in os.environ}
        return {**keep, **self.env}

    def run(self, command: Sequence[str]) -> TmuxTerminal:
        """Start the server with one session running ``command``; record everything it writes.

        The command waits behind a gate file until the pane's output is piped to a log, so the
        log holds every byte from the first one.
        """
        if self.command is not None:
            raise HarnessError("this TmuxTerminal already runs a command")
        self.command = list(command)
        width, height = self.size
        config = self.dir / "tmux.conf"
        config.write_text(
            "\n".join(
                [
                    "set -g status off",  # the pane is the whole window: exactly width x height
                    "set -g set-clipboard on",  # OSC 52 from the pane fills a paste buffer
                    "set -g remain-on-exit on",  # keep the pane, its screen and exit status
                    f"set -g default-terminal {self.env['TERM']}",
                    "set -g escape-time 0",
                    "set -g history-limit 2000",
                    "",
                ]
            )
        )
        gate = self.dir / "go"
        # Wait for the gate, run the command, then record its exit status in a file:
        # tmux 3.3's #{pane_dead_status} is sometimes never set when a command exits quickly.
        wrapper = (
            'gate="$1"; status_file="$2"; shift 2; '
            'while [ ! -e "$gate" ]; do sleep 0.01; done; '
            '"$@"; status=$?; '
            'echo "$status" > "$status_file.tmp" && mv "$status_file.tmp" "$status_file"; '
            'exit "$status"'
        )
        env_flags = [flag for key, value in self.env.items() for flag in ("-e", f"{key}={value}")]
        self._tmux(
            "-f",
            str(config),
            "new-session",
            "-d",
            "-s",
            "e2e",
            "-x",
            str(width),
            "-y",
            str(height),
            *env_flags,
            "--",
            shlex.join(["sh", "-c", wrapper, "sh", str(gate), str(self.status_file), *command]),
        )
        self.server_pid = int(self._tmux("display-message", "-p", "#{pid}").stdout.strip())
        self._tmux("pipe-pane", "-O", "-t", self.target, f"cat >> {shlex.quote(str(self.log))}")
        gate.touch()
        return self

    def send_keys(self, *keys: str) -> None:
        """Send keys as tmux names them (``q``, ``Enter``, ``Down``, ``C-c``, ``Space``)."""
        self._tmux("send-keys", "-t", self.target, *keys)

    def send_text(self, text: str) -> None:
        """Type ``text`` literally."""
        self._tmux("send-keys", "-t", self.target, "-l", text)

    def capture(self, history: int = 0) -> str:
        """The visible screen as text, one line per row, after ``history`` lines of scrollback.

        When a command exits, tmux scrolls the screen up one line to say "Pane is dead" (if it
        knows the status), so read a finished command's screen with ``history=1`` or more.
        """
        start = ["-S", str(-history)] if history else []
        return self._tmux("capture-pane", "-p", *start, "-t", self.target).stdout

    def show_buffer(self) -> str:
        """The newest paste buffer (what an OSC 52 copy put there), or '' if there is none."""
        result = self._tmux("show-buffer", check=False)
        return result.stdout if result.returncode == 0 else ""

    def output(self) -> bytes:
        """Every byte the command has written to the terminal so far."""
        return self.log.read_bytes() if self.log.exists() else b""

    def wait_for_output(
        self, expected: bytes | Callable[[bytes], bool], timeout: float = DEFAULT_TIMEOUT
    ) -> bytes:
        """Wait until the bytes written so far contain ``expected`` (or satisfy it)."""
        data = b""

        def check() -> bool:
            nonlocal data
            data = self.output()
            return expected(data) if callable(expected) else expected in data

        what = repr(expected) if isinstance(expected, bytes) else getattr(expected, "__name__", "")
        _wait(check, timeout, lambda: f"output so far: {data[-400:]!r}", f"{what} in the output")
        return data

    def _format(self, fmt: str) -> str:
        return self._tmux("display-message", "-p", "-t", self.target, fmt).stdout.strip()

    def pane_size(self) -> tuple[int, int]:
        """The pane's real (columns, rows), to check the program got the size asked for."""
        width, height = self._format("#{pane_width} #{pane_height}").split()
        return int(width), int(height)

    def resize(self, size: tuple[int, int]) -> None:
        """Resize the window (and so the pane) while the command runs, as a user's drag would."""
        self._tmux("resize-window", "-t", "e2e:0", "-x", str(size[0]), "-y", str(size[1]))
        self.size = size

    def exit_status(self) -> int | None:
        """The command's exit status once it has exited, else None."""
        try:
            return int(self.status_file.read_text())
        except (OSError, ValueError):
            return None

    def is_dead(self) -> bool:
        """Whether the command has exited and the pane is dead (the terminal is left alone)."""
        return self.exit_status() is not None and self._format("#{pane_dead}") == "1"

    def describe(self) -> str:
        """The last screen and the pane's state, for failure messages."""
        try:
            state = self._format("pane_dead=#{pane_dead}") + f" exit status={self.exit_status()}"
            screen = self.capture()
        except (HarnessError, subprocess.SubprocessError) as error:
            return f"(the tmux server is not answering: {error})"
        border = "-" * self.size[0]
        command = shlex.join(self.command or [])
        return f"command: {command}\n{state}\nlast screen:\n{border}\n{screen}{border}"

    def wait_for(
        self, expected: str | Callable[[str], bool], timeout: float = DEFAULT_TIMEOUT
    ) -> str:
        """Wait until the screen contains ``expected`` (or satisfies it); return that screen."""
        screen = ""

        def check() -> bool:
            nonlocal screen
            screen = self.capture()
            return expected(screen) if callable(expected) else expected in screen

        what = repr(expected) if isinstance(expected, str) else getattr(expected, "__name__", "")
        _wait(check, timeout, self.describe, f"{what} on the screen")
        return screen

    def wait_for_buffer(self, expected: str, timeout: float = DEFAULT_TIMEOUT) -> str:
        """Wait until the paste buffer is exactly ``expected`` (a copy reached the terminal)."""
        last = ""

        def check() -> bool:
            nonlocal last
            last = self.show_buffer()
            return last == expected

        _wait(
            check,
            timeout,
            lambda: f"last buffer: {last!r}\n{self.describe()}",
            f"the paste buffer to be {expected!r}",
        )
        return last

    def wait_for_exit(self, timeout: float = DEFAULT_TIMEOUT) -> int:
        """Wait until the command has exited; return its exit status."""
        _wait(self.is_dead, timeout, self.describe, "the command to exit")
        status = self.exit_status()
        assert status is not None
        return status

    def close(self) -> None:
        """Kill the server (and with it the pane's processes) and remove the temporary files."""
        try:
            if self.server_pid is not None and pid_alive(self.server_pid):
                pids = [self.server_pid, *_descendants(self.server_pid)]
                self._tmux("kill-server", check=False)
                deadline = time.monotonic() + 5
                while time.monotonic() < deadline and pid_alive(self.server_pid):
                    time.sleep(POLL)
                left = _kill_pids(pids)
                if left:
                    raise HarnessError(f"tmux server processes survived: {left}")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> TmuxTerminal:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _keygen(path: Path) -> None:
    subprocess.run(
        [find_tool("ssh-keygen") or "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "e2e"]
        + ["-f", str(path)],
        check=True,
        capture_output=True,
        timeout=DEFAULT_TIMEOUT,
    )


class SshServer:
    """An sshd on 127.0.0.1 with throwaway keys, accepting only a throwaway client key."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="ven-tui-e2e-sshd-"))
        self.user = _current_user()
        self.host_key = self.dir / "host_ed25519"
        self.client_key = self.dir / "client_ed25519"
        self.config = self.dir / "sshd_config"
        self.stderr = self.dir / "sshd.log"
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None
        self.children: list[int] = []

    def start(self, timeout: float = DEFAULT_TIMEOUT) -> SshServer:
        """Generate keys, write the config, start sshd and wait until it greets on its port."""
        sshd = find_tool("sshd")
        if sshd is None:
            raise HarnessError("sshd not found")
        if os.geteuid() == 0:
            Path("/run/sshd").mkdir(mode=0o755, parents=True, exist_ok=True)
        _keygen(self.host_key)
        _keygen(self.client_key)
        authorized = self.dir / "authorized_keys"
        authorized.write_text(self.client_key.with_suffix(".pub").read_text())
        authorized.chmod(0o600)
        last_error = ""
        for _ in range(3):  # the free port can be taken between choosing and binding it
            self.port = free_port()
            self.config.write_text(self._config_text())
            with self.stderr.open("wb") as log:
                self.process = subprocess.Popen(
                    [sshd, "-D", "-e", "-f", str(self.config)],
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=log,
                )
            if self._wait_for_banner(timeout):
                return self
            last_error = self.stderr.read_text(errors="replace").strip()
            self.stop()
        raise HarnessError(f"sshd did not start on 127.0.0.1:\n{last_error}")

    def _config_text(self) -> str:
        lines = [
            "ListenAddress 127.0.0.1",
            f"Port {self.port}",
            f"HostKey {self.host_key}",
            f"PidFile {self.dir / 'sshd.pid'}",
            f"AuthorizedKeysFile {self.dir / 'authorized_keys'}",
            f"AllowUsers {self.user}",
            "PubkeyAuthentication yes",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "PermitRootLogin prohibit-password",
            "StrictModes no",
            "UsePAM no",
            "AcceptEnv LANG LC_*",
            "PrintMotd no",
            "PrintLastLog no",
            "X11Forwarding no",
            "UseDNS no",
            "LogLevel INFO",
        ]
        return "\n".join(lines) + "\n"

    def _wait_for_banner(self, timeout: float) -> bool:
        """True once our sshd answers with an SSH banner; False if it exited first."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is None or self.process.poll() is not None:
                return False
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                    if sock.recv(64).startswith(b"SSH-"):
                        return True
            except OSError:
                pass
            time.sleep(POLL)
        return False

    def ssh_command(self, remote: Sequence[str]) -> list[str]:
        """The ``ssh -t`` command line that runs ``remote`` (argv) on this server."""
        return [
            find_tool("ssh") or "ssh",
            "-t",
            "-F",
            "/dev/null",
            "-i",
            str(self.client_key),
            "-p",
            str(self.port),
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
            "-o",
            "IdentitiesOnly=yes",
            "-o",
            "BatchMode=yes",
            "-o",
            "LogLevel=ERROR",
            "-o",
            "SendEnv=LANG LC_*",
            f"{self.user}@127.0.0.1",
            shlex.join(remote),
        ]

    def log(self) -> str:
        """What sshd said on stderr, for failure messages."""
        return self.stderr.read_text(errors="replace") if self.stderr.exists() else ""

    def stop(self) -> None:
        """Kill sshd and every session process it forked; fail loudly if any survive."""
        if self.process is None:
            return
        pids = [*_descendants(self.process.pid), self.process.pid]
        self.children = pids[:-1]
        left = _kill_pids(pids)
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            left.append(self.process.pid)
        self.process = None
        if left:
            raise HarnessError(f"sshd processes survived: {left}")

    def close(self) -> None:
        """Stop sshd and remove the keys and config."""
        try:
            self.stop()
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> SshServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _current_user() -> str:
    import pwd

    return pwd.getpwuid(os.geteuid()).pw_name


def ven_tui_command(
    args: Sequence[str] = (), over_ssh: SshServer | None = None, stdout_to: Path | None = None
) -> list[str]:
    """The command line that runs the installed ven-tui, locally or through ``ssh -t``.

    With ``stdout_to``, ven-tui's stdout goes to that file (as in ``ven-tui --pick > ids.txt``)
    while the interface is still drawn on the terminal; over ssh the file is on the server, which
    is this machine.
    """
    command = [str(installed_ven_tui()), *args]
    if stdout_to is not None:
        redirect = 'out="$1"; shift; exec "$@" > "$out"'
        command = ["sh", "-c", redirect, "sh", str(stdout_to), *command]
    return over_ssh.ssh_command(command) if over_ssh is not None else command


def launch_ven_tui(
    terminal: TmuxTerminal,
    args: Sequence[str] = (),
    over_ssh: SshServer | None = None,
    stdout_to: Path | None = None,
) -> TmuxTerminal:
    """Run the installed ven-tui in ``terminal`` (through ssh when ``over_ssh`` is given)."""
    return terminal.run(ven_tui_command(args, over_ssh, stdout_to))


def osc52_copy_command(text: str) -> list[str]:
    """A shell command that copies ``text`` the way a TUI does: OSC 52 written to the tty."""
    script = 'printf "\\033]52;c;%s\\a" "$(printf %s "$0" | base64 | tr -d "\\n")"'
    return ["sh", "-c", script, text]
