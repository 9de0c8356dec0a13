"""One executor interface: run chunk tasks locally in-process or on a Dask cluster.

:func:`open_executor` picks the executor from one setting (the ``--cluster`` flag, or
the ``MOONBASE_CLUSTER`` environment variable when the flag is absent):

- none: :class:`LocalExecutor`, the tasks run one after another in this process;
- ``"local"``: a Dask ``LocalCluster`` on this machine, one single-threaded worker
  process per core (or ``workers``);
- ``"tcp://HOST:PORT"``: the existing Dask scheduler at that address.

Every executor calls ``on_result(task, result)`` in the caller's thread as each task
finishes, in completion order, so the caller can checkpoint and report progress.
Dask re-runs a task whose worker died on another worker, so a lost worker loses no
chunk. Only this module imports Dask, and only when a cluster is asked for.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Protocol, TypeVar

from moonbase.errors import ScenarioError

CLUSTER_ENV = "MOONBASE_CLUSTER"
CONNECT_TIMEOUT_S = 10.0
TASK_RETRIES = 3  # re-runs of a task whose worker died (beyond Dask's own reassignment)
_ADDRESS = re.compile(r"^(tcp|tls|ws|wss|inproc|ucx)://[^\s/]+$")

T = TypeVar("T")
R = TypeVar("R")


class Executor(Protocol):
    """Runs ``function`` on every task and hands back results as they finish."""

    description: str
    workers: int

    def run(self, function: Callable[[T], R], tasks: Sequence[T], on_result: Callable[[T, R], None]) -> None:
        """Apply ``function`` to each task; call ``on_result(task, result)`` as each finishes."""


class LocalExecutor:
    """In-process, one task after another (the default; no extra dependency)."""

    description = "local (in-process)"
    workers = 1

    def run(self, function: Callable[[T], R], tasks: Sequence[T], on_result: Callable[[T, R], None]) -> None:
        for task in tasks:
            on_result(task, function(task))


class DaskExecutor:
    """Tasks submitted to a ``distributed.Client``; results gathered as they complete."""

    def __init__(self, client: Any, description: str) -> None:
        self.client = client
        self.description = description

    @property
    def workers(self) -> int:
        return max(len(self.client.scheduler_info(n_workers=-1).get("workers", {})), 1)

    def run(self, function: Callable[[T], R], tasks: Sequence[T], on_result: Callable[[T, R], None]) -> None:
        from concurrent.futures import CancelledError

        from distributed import as_completed

        def submit(task: T) -> Any:
            return self.client.submit(function, task, pure=False, retries=TASK_RETRIES)

        futures = {submit(task): task for task in tasks}
        resubmitted = 0
        pending = as_completed(list(futures))
        for future in pending:
            task = futures.pop(future)
            if future.status == "error":
                future.result()  # the task's own exception: re-raised here
            try:
                result = future.result()
            except (OSError, CancelledError):  # its result was lost with a worker: run it again
                resubmitted += 1
                if resubmitted > TASK_RETRIES * max(len(tasks), 1):
                    raise
                again = submit(task)
                futures[again] = task
                pending.add(again)
                continue
            on_result(task, result)
            future.release()


def cluster_setting(cluster: str | None) -> str | None:
    """The cluster to use: the flag, else ``$MOONBASE_CLUSTER``, else None (in-process)."""
    if cluster is not None and cluster.strip():
        return cluster.strip()
    from_env = os.environ.get(CLUSTER_ENV, "").strip()
    return from_env or None


def _dask() -> Any:
    try:
        import distributed
    except ImportError:
        raise ScenarioError("--cluster needs Dask: install the 'dist' extra (pip install 'moonbase[dist]'), "
                            "or leave --cluster out to run in-process.") from None
    return distributed


@contextlib.contextmanager
def open_executor(cluster: str | None = None, workers: int | None = None) -> Iterator[Executor]:
    """The executor for ``cluster`` (see the module docstring); closes what it started.

    Raises
    ------
    ScenarioError
        When the address is malformed or no scheduler answers there.
    """
    setting = cluster_setting(cluster)
    if setting is None:
        yield LocalExecutor()
        return
    distributed = _dask()
    if setting == "local":
        n = workers or os.cpu_count() or 1
        with distributed.LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                      dashboard_address=None) as local, distributed.Client(local) as client:
            yield DaskExecutor(client, f"local Dask cluster ({n} worker processes)")
        return
    if not _ADDRESS.match(setting):
        raise ScenarioError(f"--cluster = {setting!r} is not a scheduler address; expected 'local' or "
                            "tcp://HOST:PORT (for example tcp://127.0.0.1:8786).")
    try:
        client = distributed.Client(setting, timeout=f"{CONNECT_TIMEOUT_S}s")
    except (OSError, TimeoutError) as exc:
        reason = str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__
        raise ScenarioError(f"--cluster = {setting!r} is unreachable ({reason}); expected the address of a "
                            "running Dask scheduler (start one with `dask scheduler`).") from None
    try:
        yield DaskExecutor(client, f"Dask cluster at {setting}")
    finally:
        client.close()


def execute(executor: Executor, function: Callable[[T], R], tasks: Sequence[T],
            on_result: Callable[[T, R], None], tracker: Any | None = None,
            samples_of: Callable[[T], int] = lambda task: 1) -> None:
    """Run ``tasks`` on ``executor``, calling ``on_result`` and advancing ``tracker`` per finished task."""
    def finished(task: T, result: R) -> None:
        on_result(task, result)
        if tracker is not None:
            tracker.advance(samples_of(task))

    executor.run(function, tasks, finished)
