"""A real Dask scheduler and workers on 127.0.0.1: sweeps run through them, and survive a lost worker."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from distributed import Client  # noqa: E402

from moonbase.analysis.sweep import SweepSpec, parse_grid, run_sweep  # noqa: E402
from moonbase.execution.executor import DaskExecutor, LocalExecutor, open_executor  # noqa: E402
from moonbase.results.query import query_run  # noqa: E402
from moonbase.scenario.loader import scenario_from_dict  # noqa: E402

DASK = str(Path(sys.executable).with_name("dask"))
START_TIMEOUT_S = 60.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(*args: str) -> subprocess.Popen:
    # own process group, so the worker's nanny and its child die together
    return subprocess.Popen([DASK, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


@pytest.fixture(scope="module")
def cluster():
    """A scheduler and two single-threaded workers, each in its own process group."""
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    scheduler = _start("scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard")
    workers = [_start("worker", address, "--nthreads", "1", "--nworkers", "1", "--no-dashboard",
                      "--name", f"w{i}") for i in range(2)]
    try:
        with Client(address, timeout=f"{START_TIMEOUT_S}s") as client:
            client.wait_for_workers(2, timeout=START_TIMEOUT_S)
            client.run(lambda: __import__("moonbase.analysis.montecarlo"))  # warm imports before timing starts
        yield address, workers
    finally:
        for process in workers + [scheduler]:
            _stop(process)


def uncertain_alpha():
    return scenario_from_dict({"base": "alpha", "name": "dask-test", "span": {"end_year": 2036}, "uncertainty": {
        "lunar.replication_time": {"distribution": "lognormal", "median": "2 yr", "p90": "3 yr"},
        "mass_driver.exit_speed": {"distribution": "uniform", "low": "2.5 km/s", "high": "2.8 km/s"}}})


def spec():
    return SweepSpec(uncertain_alpha(), (parse_grid("lunar.satellite_share=0.3,0.6"),), samples=8, seed=11,
                     chunk_size=2)  # 8 chunks


def _rows(out: Path) -> list[tuple]:
    return query_run(out, "SELECT point, sample, \"lunar.replication_time_s\", cumulative_cost_usd, "
                          "end_space_compute_power_w FROM samples ORDER BY point, sample").to_pylist()


def test_sweep_through_a_real_scheduler_survives_a_killed_worker(cluster, tmp_path):
    address, workers = cluster
    reference = run_sweep(spec(), tmp_path / "local", LocalExecutor())
    killed: list[int] = []

    def kill_one_worker(report):
        if report.done >= 2 and not killed:  # mid-sweep: 2 of 8 chunks written
            victim = workers[0]
            os.killpg(victim.pid, signal.SIGKILL)
            killed.append(victim.pid)

    with open_executor(address) as executor:
        assert isinstance(executor, DaskExecutor)
        result = run_sweep(spec(), tmp_path / "dask", executor, progress=kill_one_worker)
    assert killed, "the worker was not killed mid-sweep"
    assert result.chunks == reference.chunks == 8
    rows = _rows(tmp_path / "dask")
    assert len(rows) == 2 * 8  # nothing lost ...
    assert len({(r["point"], r["sample"]) for r in rows}) == len(rows)  # ... nothing duplicated
    assert rows == _rows(tmp_path / "local")  # and the same numbers as in-process


def test_unreachable_cluster_is_a_one_line_error(monkeypatch):
    from moonbase.errors import ScenarioError
    from moonbase.execution import executor

    monkeypatch.setattr(executor, "CONNECT_TIMEOUT_S", 2.0)
    port = _free_port()  # nothing listens there
    started = time.perf_counter()
    with pytest.raises(ScenarioError, match=rf"--cluster = 'tcp://127.0.0.1:{port}' is unreachable"):
        with open_executor(f"tcp://127.0.0.1:{port}"):
            pass
    assert time.perf_counter() - started < 60.0


@pytest.mark.slow
def test_local_dask_cluster_gives_the_in_process_numbers(tmp_path):
    reference = run_sweep(spec(), tmp_path / "a", LocalExecutor())
    with open_executor("local", workers=2) as executor:
        run_sweep(spec(), tmp_path / "b", executor)
    assert reference.chunks == 8
    assert _rows(tmp_path / "a") == _rows(tmp_path / "b")
