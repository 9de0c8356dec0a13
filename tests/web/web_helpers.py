"""Helpers of the web tests (imported by name: tests/web is on sys.path under pytest)."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from pathlib import Path

from fastapi.testclient import TestClient

from moonbase.web.app import WebSettings

RUN_TIMEOUT_S = 60.0  # a run without report takes ~1-2 s on a 2-core machine; generous for CI load
POLL_S = 0.1


def wait_for_run(client: TestClient, run_id: str, timeout_s: float = RUN_TIMEOUT_S) -> dict:
    """Poll a run until it is done or failed; return its last status."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        status = client.get(f"/api/runs/{run_id}").json()
        if status["state"] in ("done", "failed"):
            return status
        time.sleep(POLL_S)
    raise AssertionError(f"run {run_id} did not finish within {timeout_s} s: {status}")


def thread_settings(store: Path, **changes: object) -> WebSettings:
    """Settings for tests: a thread pool (no process start-up), a temporary store, TestClient's host name."""
    values = {"store_dir": store, "pool": "thread", "workers": 2, "max_active_runs": 8,
              "allowed_hosts": ("testserver",)} | changes
    return WebSettings(**values)  # type: ignore[arg-type]


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def serving(settings: WebSettings, start_timeout_s: float = 20.0) -> Iterator[str]:
    """Run the app under uvicorn on a free loopback port in a thread; yield its base URL."""
    import threading

    import uvicorn

    from moonbase.web.app import create_app

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + start_timeout_s
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
