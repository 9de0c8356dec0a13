"""Helpers of the web tests (imported by name: tests/web is on sys.path under pytest)."""

from __future__ import annotations

import time
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
