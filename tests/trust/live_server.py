"""A real gunicorn serving the app on a free port: for the fault tests and the throughput bench.

The server runs in its own process group, so one signal reaches the master and every worker,
whether the caller stops it politely or kills it mid-request.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_env(database_url: str, instance_path: str, settings: dict | None = None) -> dict:
    """The production environment the README describes, pointed at this database."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FLASK_", "STUDYAPP_"))}
    env.update(
        STUDYAPP_CONFIG="production",
        SECRET_KEY=secrets.token_hex(16),
        DATABASE_URL=database_url,
        STUDYAPP_INSTANCE_PATH=instance_path,
        RATELIMIT_STORAGE_URI="memory://",
    )
    for name, value in (settings or {}).items():
        env[f"FLASK_{name}"] = str(value)
    return env


class LiveServer:
    """``gunicorn -w WORKERS wsgi:app`` on 127.0.0.1; a context manager that always cleans up."""

    def __init__(self, env: dict, log_path: Path, workers: int = 2):
        self.env = env
        self.log_path = log_path
        self.workers = workers
        self.port = 0
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> LiveServer:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self, timeout: float = 60.0) -> None:
        self.port = free_port()
        command = [sys.executable, "-m", "gunicorn", "-w", str(self.workers)]
        command += ["-b", f"127.0.0.1:{self.port}", "--graceful-timeout", "5", "wsgi:app"]
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                command, cwd=PROJECT_ROOT, env=self.env, stdout=log, stderr=log,
                stdin=subprocess.DEVNULL, start_new_session=True,
            )  # fmt: skip
        try:
            self._wait_until_healthy(timeout)
        except BaseException:
            self.kill()
            raise

    def _wait_until_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited early; see {self.log_path}")
            try:
                if self.get("/healthz")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise TimeoutError(f"gunicorn did not answer /healthz in {timeout} s; see {self.log_path}")

    def get(self, path: str, headers: dict | None = None) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request("GET", path, headers=headers or {})
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def kill(self) -> None:
        """SIGKILL to the whole group: no worker gets to finish its request."""
        self._signal_group(signal.SIGKILL)
        self._reap(10.0)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            self._signal_group(signal.SIGKILL)  # workers may outlive a dead master
            self._reap(10.0)
            return
        self._signal_group(signal.SIGTERM)
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self._signal_group(signal.SIGKILL)
        self._reap(10.0)

    def cpu_seconds(self) -> float:
        """CPU time used so far by the master and the workers alive now."""
        ticks = sum(int(f[11]) + int(f[12]) for f in _group_stats(self.process.pid).values())
        return ticks / os.sysconf("SC_CLK_TCK")

    def _signal_group(self, signum: int) -> None:
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signum)

    def _reap(self, timeout: float) -> None:
        """Waits for the master, then until no process of its group is left."""
        if self.process is None:
            return
        self.process.wait(timeout)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and _group_members(self.process.pid):
            time.sleep(0.05)


def _group_stats(pgid: int) -> dict[int, list[str]]:
    """/proc/PID/stat fields after the command name (state, ppid, pgrp, …) of the group."""
    members = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:
            members[int(entry.name)] = fields
    return members


def _group_members(pgid: int) -> list[int]:
    # A zombie has already let go of everything it held.
    return [pid for pid, fields in _group_stats(pgid).items() if fields[0] != "Z"]
