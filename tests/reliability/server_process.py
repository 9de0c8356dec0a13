"""A real ``moonbase serve`` in a subprocess on a free loopback port, and a small HTTP client for it.

Every wait here is bounded in time, and every request has a timeout.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import psutil

SRC = Path(__file__).resolve().parents[2] / "src"
START_TIMEOUT_S = 90.0  # the server imports FastAPI and the scenario layer: ~3 s, slower under load
RUN_TIMEOUT_S = 240.0  # two workers import the models (~5 s each) and run; generous on 2 busy cores
REQUEST_TIMEOUT_S = 30.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """``moonbase serve`` on 127.0.0.1 with its own store; :meth:`stop` or :meth:`kill` it."""

    def __init__(self, store: Path, *options: str, workers: int = 2) -> None:
        self.store, self.port = store, free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}
        self.log = Path(tempfile.mkdtemp(prefix="moonbase-server-")) / "server.log"  # never on the store's filesystem
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "moonbase.cli", "serve", "--port", str(self.port), "--store", str(store),
                 "--workers", str(workers), *options], stdout=log, stderr=subprocess.STDOUT, env=env)
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"the server exited with {self.process.returncode}: {self.log.read_text()}")
            try:
                if self.get("/api/health")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        self.kill()
        raise AssertionError(f"the server did not answer within {START_TIMEOUT_S} s: {self.log.read_text()}")

    def request(self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None,
                data: bytes | None = None, timeout_s: float = REQUEST_TIMEOUT_S) -> tuple[int, dict[str, str], bytes]:
        if body is not None:
            data = json.dumps(body).encode()
            headers = {"content-type": "application/json", **(headers or {})}
        request = urllib.request.Request(self.base + path, data=data, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=timeout_s) as answer:
                return answer.status, dict(answer.headers), answer.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def get(self, path: str, **kwargs: Any) -> tuple[int, dict[str, str], bytes]:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, body: Any = None, **kwargs: Any) -> tuple[int, dict[str, str], bytes]:
        return self.request("POST", path, body, **kwargs)

    def status(self, run_id: str) -> dict[str, Any]:
        code, _, body = self.get(f"/api/runs/{run_id}")
        assert code == 200, body
        return json.loads(body)

    def wait_for(self, run_id: str, states: tuple[str, ...] = ("done", "failed"),
                 timeout_s: float = RUN_TIMEOUT_S) -> dict[str, Any]:
        deadline = time.monotonic() + timeout_s
        status: dict[str, Any] = {}
        while time.monotonic() < deadline:
            status = self.status(run_id)
            if status["state"] in states:
                return status
            time.sleep(0.2)
        raise AssertionError(f"run {run_id} did not reach {states} within {timeout_s} s: {status}")

    def workers(self) -> list[int]:
        """Process ids of the server's children (its run workers)."""
        return [child.pid for child in psutil.Process(self.process.pid).children(recursive=True)]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=30)


def alive(pid: int) -> bool:
    """Whether a process exists and is not a zombie."""
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def wait_until_gone(pids: list[int], timeout_s: float = 10.0) -> list[int]:
    """The processes of ``pids`` still alive after ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    left = [pid for pid in pids if alive(pid)]
    while left and time.monotonic() < deadline:
        time.sleep(0.1)
        left = [pid for pid in left if alive(pid)]
    return left
