"""Runs off the request thread: the job a worker executes and the bounded pool that runs it.

:func:`execute_run` is the whole job: it reads the run's request from the store, runs the
timeline, and writes the run folder (tables, summary, the page's chart data and, when
asked, the HTML report) through :func:`moonbase.results.run_dir.write_run`, updating the
run's status as it goes. It takes only the store root and the run id, so it runs the
same in a thread or in a separate process, and again after a server restart.

:class:`WorkerPool` bounds the work: ``workers`` jobs at once, at most ``max_active``
queued or running; beyond that :meth:`WorkerPool.submit` raises :class:`PoolBusyError`
(the API answers 429).
"""

from __future__ import annotations

import json
import multiprocessing
import shutil
import threading
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from moonbase.errors import MoonbaseError
from moonbase.web.store import RUN_FOLDER_NAME, RunStore, utc_now_text

CHARTS_FILE = "charts.json"
PROGRESS_CHUNKS = 10  # a Monte Carlo run reports progress about this many times
MIN_CHUNK_SAMPLES = 25  # each chunk has a fixed cost (~0.1-1 s); fewer, larger chunks below this
POOL_KINDS = ("process", "thread")


class PoolBusyError(MoonbaseError):
    """Too many runs queued or running; try again later."""


def _write_charts(folder: Path, table: Any, summary: dict[str, Any]) -> None:
    """The page's chart data, beside (not inside) the run folder, so the run folder is the CLI's."""
    from moonbase.web.charts import run_charts

    temporary = folder / f".{CHARTS_FILE}.partial"
    temporary.write_text(json.dumps(run_charts(table, summary)), encoding="utf-8")
    temporary.replace(folder / CHARTS_FILE)


def _single_run(store: RunStore, run_id: str, scenario: Any, request: Any) -> None:
    """One sample: :func:`moonbase.timeline.run.run`, then the run folder (report when asked)."""
    from moonbase.report.html import write_report
    from moonbase.results.run_dir import write_run
    from moonbase.timeline.table import timeline_table
    from moonbase.scenario.loader import scenario_to_toml
    from moonbase.timeline.run import RunResult, run

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
    from moonbase.results.montecarlo_dir import FULL_TIMELINE_MAX_SAMPLES, write_montecarlo_run

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


def execute_run(store_root: str, run_id: str) -> str:
    """Run a stored request and write its run folder; return the final state.

    One sample runs the timeline once; several draw the scenario's ``[uncertainty]``
    distributions (Monte Carlo, as ``moonbase run --samples N``). Never raises for a bad
    scenario or a failing model: the run's status says ``failed`` with the reason.
    """
    from moonbase.scenario.loader import scenario_from_toml

    store = RunStore(store_root)
    request = store.request(run_id)
    folder = store.folder(run_id)
    try:
        if not _recover(store, run_id):
            for leftover in folder.glob(f".{RUN_FOLDER_NAME}.partial-*"):  # from an interrupted attempt
                shutil.rmtree(leftover, ignore_errors=True)
            store.update(run_id, state="running", stage="timeline", progress=0.1, started=utc_now_text())
            scenario = scenario_from_toml(request.scenario_toml, f"run {run_id}")
            (_single_run if request.samples == 1 else _montecarlo_run)(store, run_id, scenario, request)
    except MoonbaseError as exc:
        store.update(run_id, state="failed", stage="failed", finished=utc_now_text(), error=str(exc))
        return "failed"
    except Exception as exc:  # noqa: BLE001 - a worker reports every failure in the run's status
        store.update(run_id, state="failed", stage="failed", finished=utc_now_text(),
                     error=f"internal error: {type(exc).__name__}: {exc}")
        return "failed"
    store.update(run_id, state="done", stage="done", progress=1.0, finished=utc_now_text())
    return "done"


def warm_up() -> bool:
    """Import the run machinery in a worker process, so the first run does not wait for it."""
    import moonbase.report.html  # noqa: F401
    import moonbase.timeline.run  # noqa: F401

    return True


class WorkerPool:
    """A bounded pool of run workers (processes by default, threads for light use)."""

    def __init__(self, store: RunStore, workers: int = 2, max_active: int = 8, kind: str = "process") -> None:
        if kind not in POOL_KINDS:
            raise ValueError(f"kind = {kind!r} is unknown; choose one of: {', '.join(POOL_KINDS)}.")
        self.store = store
        self.workers = workers
        self.max_active = max_active
        self.kind = kind
        self._lock = threading.Lock()
        self._active: dict[str, Future[str]] = {}
        self._executor = self._new_executor()

    def _new_executor(self) -> Executor:
        if self.kind == "thread":
            return ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="moonbase-run")
        # spawn, not fork: the server has threads, and a forked copy of them can deadlock
        return ProcessPoolExecutor(max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"))

    def warm(self) -> None:
        """Start the workers now and import the models in them."""
        if self.kind == "process":
            for _ in range(self.workers):
                self._executor.submit(warm_up)

    @property
    def active(self) -> int:
        """Runs queued or running in this pool."""
        with self._lock:
            return len(self._active)

    def submit(self, run_id: str, force: bool = False) -> None:
        """Queue a stored run; :class:`PoolBusyError` when ``max_active`` are already queued or running."""
        with self._lock:
            if not force and len(self._active) >= self.max_active:
                raise PoolBusyError(f"{len(self._active)} runs are queued or running (the limit is "
                                    f"{self.max_active}); try again when one has finished.")
            try:
                future = self._executor.submit(execute_run, str(self.store.root), run_id)
            except RuntimeError:  # a broken process pool (a worker died): start a fresh one
                self._executor.shutdown(wait=False, cancel_futures=True)
                self._executor = self._new_executor()
                future = self._executor.submit(execute_run, str(self.store.root), run_id)
            self._active[run_id] = future
        future.add_done_callback(lambda done, run_id=run_id: self._finished(run_id, done))

    def _finished(self, run_id: str, future: Future[str]) -> None:
        with self._lock:
            self._active.pop(run_id, None)
        if future.cancelled():  # shut down before it started: it stays queued on disk, resumed later
            return
        if future.exception() is not None:
            reason = type(future.exception()).__name__
            try:
                if self.store.status(run_id)["state"] not in ("done", "failed"):
                    self.store.update(run_id, state="failed", stage="failed", finished=utc_now_text(),
                                      error=f"the worker stopped before the run finished ({reason}).")
            except (OSError, MoonbaseError):
                pass

    def resume(self) -> list[str]:
        """Queue again the runs a previous server left unfinished; return their ids."""
        pending = self.store.unfinished()
        for run_id in pending:
            self.store.update(run_id, state="queued", stage="queued", progress=0.0)
            self.submit(run_id, force=True)
        return pending

    def shutdown(self, wait: bool = True) -> None:
        """Stop taking runs; wait for running ones when ``wait``; queued ones stay queued on disk."""
        self._executor.shutdown(wait=wait, cancel_futures=True)
