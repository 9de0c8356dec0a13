"""Runs off the request thread: the job a worker executes and the bounded pool that runs it.

:func:`execute_run` is the whole job: it reads the run's request from the store, runs the
timeline, and writes the run folder (tables, summary, the page's chart data and, when
asked, the HTML report) through :func:`moonbase.results.run_dir.write_run`, updating the
run's status as it goes. It takes only the store root and the run id, so it runs the
same in a thread or in a separate process, and again after a server restart. It never
changes a run that is already ``done``.

:class:`RunPool` is the admission both pools share: ``workers`` jobs at once, at most
``max_active`` queued, running or being admitted; beyond that :meth:`RunPool.admit`
raises :class:`PoolBusyError` (the API answers 429) before anything is written.
:class:`WorkerPool` runs jobs in threads of the server (tests, light use);
``moonbase serve`` uses :class:`moonbase.web.supervisor.ProcessSupervisor`.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from moonbase.errors import MoonbaseError
from moonbase.web.store import CHARTS_FILE, RUN_FOLDER_NAME, RunStore, utc_now_text

PROGRESS_CHUNKS = 10  # a Monte Carlo run reports progress about this many times
MIN_CHUNK_SAMPLES = 25  # each chunk has a fixed cost (~0.1-1 s); fewer, larger chunks below this


class PoolBusyError(MoonbaseError):
    """Too many runs queued or running; try again later."""


def _write_charts(folder: Path, table: Any, summary: dict[str, Any]) -> None:
    """The page's chart data, beside (not inside) the run folder, so the run folder is the CLI's."""
    from moonbase.web.charts import run_charts

    temporary = folder / f".{CHARTS_FILE}.partial"
    try:
        temporary.write_text(json.dumps(run_charts(table, summary)), encoding="utf-8")
        temporary.replace(folder / CHARTS_FILE)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _single_run(store: RunStore, run_id: str, scenario: Any, request: Any) -> None:
    """One sample: :func:`moonbase.timeline.run.run`, then the run folder (report when asked)."""
    from moonbase.report.html import write_report
    from moonbase.results.run_dir import write_run
    from moonbase.scenario.loader import scenario_to_toml
    from moonbase.timeline.run import RunResult, run
    from moonbase.timeline.table import timeline_table

    folder = store.folder(run_id)
    result = run(scenario, samples=1, seed=request.seed)
    store.update(run_id, stage="tables", progress=0.4)
    table = timeline_table(result.timeline)

    def report(staging: Path, finished: RunResult) -> None:
        store.update(run_id, stage="report", progress=0.6)
        write_report(staging, table, finished.summary, scenario_to_toml(finished.scenario), references=None)

    write_run(result, folder / RUN_FOLDER_NAME, extra_writer=report if request.report else None)
    store.update(run_id, stage="charts", progress=0.9)
    _write_charts(folder, table, result.summary)


def _montecarlo_run(store: RunStore, run_id: str, scenario: Any, request: Any) -> None:
    """Several samples: the scenario's ``[uncertainty]`` drawn in chunks, with progress per chunk."""
    from moonbase.analysis.montecarlo import decile_timeline, run_montecarlo
    from moonbase.report.html import write_montecarlo_report
    from moonbase.results.montecarlo_dir import (
        FULL_TIMELINE_MAX_SAMPLES,
        write_montecarlo_run,
    )

    def progress(report: Any) -> None:
        store.update(run_id, stage=f"samples {report.samples_done}/{report.samples_total}",
                     progress=round(0.1 + 0.6 * report.fraction, 3))

    chunk = max(MIN_CHUNK_SAMPLES, -(-request.samples // PROGRESS_CHUNKS))
    result = run_montecarlo(scenario, request.samples, request.seed, chunk_size=chunk,
                            keep_timeline=request.samples <= FULL_TIMELINE_MAX_SAMPLES, progress=progress)
    store.update(run_id, stage="report" if request.report else "tables", progress=0.75)
    write_montecarlo_run(result, store.folder(run_id) / RUN_FOLDER_NAME,
                         report=write_montecarlo_report if request.report else None)
    store.update(run_id, stage="charts", progress=0.9)
    table = result.timeline if result.timeline is not None else decile_timeline(result)  # bands from every sample
    _write_charts(store.folder(run_id), table, result.summary)


def _recover(store: RunStore, run_id: str) -> bool:
    """A run whose folder was complete when the server stopped: add the charts; True when done."""
    import pyarrow.parquet as pq

    run_folder = store.folder(run_id) / RUN_FOLDER_NAME
    if not (run_folder / "summary.json").is_file():
        return False
    if not (store.folder(run_id) / CHARTS_FILE).is_file():
        if not (run_folder / "timeline.parquet").is_file():
            raise MoonbaseError("the server stopped after writing this run but before its charts; start it again.")
        summary = json.loads((run_folder / "summary.json").read_text(encoding="utf-8"))
        _write_charts(store.folder(run_id), pq.read_table(run_folder / "timeline.parquet"), summary)
    return True


def failure_reason(exc: BaseException, store: RunStore) -> str:
    """One line for a run's status: what went wrong, without the server's paths."""
    if isinstance(exc, OSError):
        return (f"could not write the run's files: {exc.strerror or type(exc).__name__} "
                "(the results store is full, read-only or not accessible).")
    text = str(exc).replace(str(store.root), "<store>")
    return text if isinstance(exc, MoonbaseError) else f"internal error: {type(exc).__name__}: {text}"


def execute_run(store_root: str, run_id: str) -> str:
    """Run a stored request and write its run folder; return the final state.

    One sample runs the timeline once; several draw the scenario's ``[uncertainty]``
    distributions (Monte Carlo, as ``moonbase run --samples N``). Never raises for a bad
    scenario, a failing model or a full store: the run's status says ``failed`` with the
    reason. A run already ``done`` is left exactly as it is.
    """
    from moonbase.scenario.loader import scenario_from_toml

    store = RunStore(store_root)
    if store.status(run_id)["state"] == "done":
        return "done"
    request = store.request(run_id)
    try:
        if not _recover(store, run_id):
            store.remove_leftovers(run_id)
            store.update(run_id, state="running", stage="timeline", progress=0.1, started=utc_now_text(),
                         error=None, worker_pid=os.getpid())
            scenario = scenario_from_toml(request.scenario_toml, f"run {run_id}")
            (_single_run if request.samples == 1 else _montecarlo_run)(store, run_id, scenario, request)
    except Exception as exc:  # noqa: BLE001 - a worker reports every failure in the run's status
        store.remove_leftovers(run_id)
        store.update(run_id, state="failed", stage="failed", finished=utc_now_text(),
                     error=failure_reason(exc, store))
        return "failed"
    store.update(run_id, state="done", stage="done", progress=1.0, finished=utc_now_text(), error=None)
    return "done"


def warm_up() -> bool:
    """Import the run machinery in a worker process, so the first run does not wait for it."""
    import moonbase.report.html  # noqa: F401
    import moonbase.timeline.run  # noqa: F401

    return True


class RunPool(ABC):
    """Admission shared by the pools: at most ``max_active`` runs queued, running or being admitted.

    :meth:`admit` reserves a place *before* the run's record is written, so a request
    answered 429 writes nothing, and a burst of requests never stores more than
    ``max_active`` records at once.
    """

    def __init__(self, store: RunStore, workers: int, max_active: int) -> None:
        self.store, self.workers, self.max_active = store, workers, max_active
        self._lock = threading.Lock()
        self._reserved = 0

    @abstractmethod
    def _busy(self) -> int:
        """Runs queued or running (called with the lock held)."""

    @property
    def active(self) -> int:
        """Runs queued, running or being admitted."""
        with self._lock:
            return self._busy() + self._reserved

    @abstractmethod
    def submit(self, run_id: str) -> None:
        """Queue a stored run (admitted with :meth:`admit`, or resumed)."""

    def resume(self) -> list[str]:
        """Queue again the runs a previous server left unfinished; return their ids."""
        pending = self.store.unfinished()
        for run_id in pending:
            self.store.update(run_id, state="queued", stage="queued", progress=0.0)
            self.submit(run_id)
        return pending

    def status_override(self, run_id: str) -> dict[str, Any] | None:
        """A final status the pool could not write to the store (a full or read-only store), if any."""
        return None

    @contextlib.contextmanager
    def admit(self) -> Iterator[None]:
        """Hold a place for one new run; :class:`PoolBusyError` when none is free. Release it on exit."""
        with self._lock:
            taken = self._busy() + self._reserved
            if taken >= self.max_active:
                raise PoolBusyError(f"{taken} runs are queued or running (the limit is {self.max_active}); "
                                    "try again when one has finished.")
            self._reserved += 1
        try:
            yield
        finally:
            with self._lock:
                self._reserved -= 1


class WorkerPool(RunPool):
    """Runs in threads of this process (light use and tests; ``moonbase serve`` uses processes)."""

    def __init__(self, store: RunStore, workers: int = 2, max_active: int = 8) -> None:
        super().__init__(store, workers, max_active)
        self._active: dict[str, Future[str]] = {}
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="moonbase-run")

    def _busy(self) -> int:
        return len(self._active)

    def warm(self) -> None:
        """Nothing to start: threads import the models on first use."""

    def submit(self, run_id: str) -> None:
        """Queue a stored run (admitted with :meth:`admit`, or resumed)."""
        with self._lock:
            future = self._executor.submit(execute_run, str(self.store.root), run_id)
            self._active[run_id] = future
        future.add_done_callback(lambda done, run_id=run_id: self._finished(run_id))

    def _finished(self, run_id: str) -> None:
        with self._lock:
            self._active.pop(run_id, None)

    def shutdown(self, wait: bool = True) -> None:
        """Stop taking runs; wait for running ones when ``wait``; queued ones stay queued on disk."""
        self._executor.shutdown(wait=wait, cancel_futures=True)
