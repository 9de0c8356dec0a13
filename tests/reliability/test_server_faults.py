"""``moonbase serve`` under process faults, with real worker processes (not a thread pool).

- one worker killed mid-run: its run is retried on a new worker and ends done, byte-identical
  to a clean run; the other runs, running or queued, are not touched;
- the server killed with SIGKILL: no worker survives it (checked by process id); a new server
  on the same store finishes every run, each byte-identical to a clean run;
- a second server on a store already owned is refused with one line and exit status 2.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
pytest.importorskip("uvicorn", reason="the web extra is not installed")

from server_process import Server, free_port, wait_until_gone  # noqa: E402

RUN = {"preset": "alpha", "samples": 100, "seed": 7, "report": False}  # ~1.5 s in a warm worker: killed well before its end
RESULT_FILES = ("timeline.parquet", "samples.parquet", "percentiles.parquet", "summary.json", "scenario.toml")


def _digests(store: Path, run_id: str) -> dict[str, str]:
    folder = store / run_id / "run"
    return {name: hashlib.sha256((folder / name).read_bytes()).hexdigest() for name in RESULT_FILES}


def _stored_status(store: Path, run_id: str) -> dict:
    return json.loads((store / run_id / "status.json").read_text(encoding="utf-8"))


def _submit(server: Server, count: int) -> list[str]:
    ids = []
    for _ in range(count):
        code, _, body = server.post("/api/runs", RUN)
        assert code == 202, body
        ids.append(json.loads(body)["id"])
    return ids


def _running_worker(server: Server, run_id: str, timeout_s: float = 120.0) -> int:
    """The process id of the worker executing ``run_id``, as soon as it runs."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        status = _stored_status(server.store, run_id)
        if status["state"] == "running" and status.get("worker_pid"):
            return int(status["worker_pid"])
        time.sleep(0.05)
    raise AssertionError(f"run {run_id} did not start within {timeout_s} s")


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return tmp_path / "store"


def test_a_killed_worker_loses_only_a_retry(store):
    server = Server(store, "--max-runs", "8")
    try:
        first, second, *queued = _submit(server, 4)
        victim = _running_worker(server, first)
        other = _running_worker(server, second)
        assert victim != other and {victim, other} <= set(server.workers())
        os.kill(victim, signal.SIGKILL)
        for run_id in queued:  # not started yet, so untouched by the death of a worker
            assert server.status(run_id)["state"] in ("queued", "running")
        finals = {run_id: server.wait_for(run_id) for run_id in (first, second, *queued)}
        assert all(status["state"] == "done" for status in finals.values()), finals
        assert _stored_status(store, first)["attempt"] == 2  # retried once, on a new worker
        assert _stored_status(store, first)["worker_pid"] != victim
        assert all("attempt" not in _stored_status(store, run_id) for run_id in (second, *queued))
        assert all(finals[run_id]["error"] is None for run_id in finals)
        assert victim not in server.workers() and len(server.workers()) >= 2
        clean = _digests(store, second)
        assert all(_digests(store, run_id) == clean for run_id in (first, *queued))
        leftovers = [p for p in store.rglob(".*partial*")]
        assert leftovers == []
    finally:
        server.stop()


def test_no_worker_outlives_a_killed_server_and_a_restart_finishes_every_run(store):
    server = Server(store, "--max-runs", "8")
    try:
        ids = _submit(server, 4)
        _running_worker(server, ids[0])
        workers = server.workers()
        assert len(workers) >= 2
        server.kill()  # SIGKILL: no clean-up runs in the server
        assert wait_until_gone(workers) == [], "worker processes survived the server"
    finally:
        server.kill()
    restarted = Server(store, "--max-runs", "8")
    try:
        finals = {run_id: restarted.wait_for(run_id) for run_id in ids}
        assert all(status["state"] == "done" and status["error"] is None for status in finals.values()), finals
        _, _, body = restarted.post("/api/runs", RUN)  # a clean run, on a server never interrupted
        clean_id = json.loads(body)["id"]
        assert restarted.wait_for(clean_id)["state"] == "done"
        clean = _digests(store, clean_id)
        assert all(_digests(store, run_id) == clean for run_id in ids)
        assert [p for p in store.rglob(".*partial*")] == []
        for run_id in ids:  # done is final: the runs stay done when the server starts again
            assert restarted.status(run_id)["state"] == "done"
    finally:
        restarted.stop()


def test_a_second_server_on_an_owned_store_is_refused_and_ctrl_c_stops_the_first_with_its_workers(store):
    server = Server(store, workers=1)
    workers = server.workers()
    try:
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
        second = subprocess.run([sys.executable, "-m", "moonbase.cli", "serve", "--port", str(free_port()), "--store",
                                 str(store)],
                                capture_output=True, text=True, timeout=120, env=env, check=False)
        assert second.returncode == 2
        lines = second.stderr.strip().splitlines()
        assert len(lines) == 1 and "in use by another moonbase server" in lines[0], second.stderr
    finally:
        server.stop()  # SIGINT, as Ctrl-C at a terminal
    assert server.process.returncode == 0
    assert workers and wait_until_gone(workers) == []
