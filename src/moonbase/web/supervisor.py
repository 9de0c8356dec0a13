"""The run supervisor of ``moonbase serve``: worker processes it owns, watches and replaces.

One thread of the server, the supervisor, starts ``workers`` processes (``spawn``), hands
each one run at a time over a pipe and waits on the pipes and the processes together.

- **A worker dies** (killed, out of memory): the supervisor sees its process end, starts
  a new worker and queues the run it was executing again, at the front, up to
  :data:`MAX_ATTEMPTS` attempts; then the run is ``failed`` with the reason. The other
  workers and the queued runs are not touched.
- **The server dies**, even by SIGKILL: every worker follows it. Each asks the kernel for
  SIGKILL when its parent ends (``PR_SET_PDEATHSIG`` on Linux; the supervisor thread
  that started it never ends before the server) and also checks its parent every
  :data:`PARENT_CHECK_S` seconds, so no worker outlives the server to race the runs a new
  server resumes.
- **Queued runs** wait in the supervisor's queue, not in a worker, so a lost worker never
  takes them down with it; on shutdown they stay ``queued`` on disk and are resumed by
  the next server.
"""

from __future__ import annotations

import collections
import ctypes
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from multiprocessing.connection import Connection, wait
from typing import Any

from moonbase.errors import MoonbaseError
from moonbase.web.store import FINAL_STATES, RunStore, utc_now_text
from moonbase.web.worker import RunPool, execute_run, warm_up

LOG = logging.getLogger("moonbase.web")
MAX_ATTEMPTS = 3  # a run whose worker dies this many times is failed (it may be what kills them)
PARENT_CHECK_S = 1.0
WAKE_S = 1.0  # the supervisor looks at its workers at least this often
STOP_GRACE_S = 10.0  # on shutdown, running runs get this long to finish before their workers are killed
_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent_pid: int) -> None:
    """Make this process end when ``parent_pid`` does (kernel signal where there is one, and a watch thread)."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass

    def watch() -> None:
        while True:
            if os.getppid() != parent_pid:
                os._exit(1)
            time.sleep(PARENT_CHECK_S)

    if os.getppid() != parent_pid:  # the parent ended before the signal was asked for
        os._exit(1)
    threading.Thread(target=watch, name="moonbase-parent-watch", daemon=True).start()


def worker_main(connection: Connection, parent_pid: int, store_root: str) -> None:
    """A worker process: run the ids received on ``connection``, answer each with its final state."""
    _die_with_parent(parent_pid)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which stops the workers
    warm_up()
    connection.send(("ready", ""))
    while True:
        try:
            run_id = connection.recv()
        except (EOFError, OSError):
            return
        if run_id is None:
            return
        try:
            state = execute_run(store_root, run_id)
        except Exception:  # noqa: BLE001 - e.g. the failed status itself could not be written
            state = "failed"
        connection.send((run_id, state))


class _Worker:
    """One worker process, seen from the supervisor."""

    def __init__(self, context: Any, store_root: str) -> None:
        self.connection, child = multiprocessing.Pipe()
        self.process = context.Process(target=worker_main, args=(child, os.getpid(), store_root),
                                       name="moonbase-run-worker", daemon=True)
        self.process.start()
        child.close()
        self.run_id: str | None = None
        self.ready = False

    def stop(self, kill: bool) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.connection.send(None)
            except OSError:
                pass
        self.process.join(timeout=STOP_GRACE_S)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.connection.close()


class ProcessSupervisor(RunPool):
    """Runs in worker processes owned and watched by one supervisor thread (see the module docstring)."""

    def __init__(self, store: RunStore, workers: int = 2, max_active: int = 8) -> None:
        super().__init__(store, workers, max_active)
        self._queue: collections.deque[str] = collections.deque()
        self._attempts: dict[str, int] = {}
        self._unsaved: dict[str, dict[str, Any]] = {}
        self._workers: list[_Worker] = []
        self._wake_reader, self._wake_writer = multiprocessing.Pipe(duplex=False)
        self._stopping = False
        self._thread: threading.Thread | None = None

    # --- called from request threads ------------------------------------------------------

    def _busy(self) -> int:
        return len(self._queue) + sum(1 for worker in self._workers if worker.run_id is not None)

    def _wake(self) -> None:
        try:
            self._wake_writer.send(None)
        except OSError:
            pass

    def warm(self) -> None:
        """Start the supervisor thread, which starts the workers."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._supervise, name="moonbase-run-supervisor", daemon=True)
            self._thread.start()

    def submit(self, run_id: str) -> None:
        """Queue a stored run (admitted with :meth:`admit`, or resumed)."""
        with self._lock:
            self._queue.append(run_id)
        self.warm()
        self._wake()

    def status_override(self, run_id: str) -> dict[str, Any] | None:
        """The final status of a run that could not be written to the store (full or read-only), if any."""
        with self._lock:
            return self._unsaved.get(run_id)

    def worker_pids(self) -> list[int]:
        """Process ids of the live workers."""
        with self._lock:
            return [w.process.pid for w in self._workers if w.process.pid is not None and w.process.is_alive()]

    def shutdown(self, wait: bool = True) -> None:
        """Stop the workers (running runs get :data:`STOP_GRACE_S`); unfinished runs stay on disk for a resume."""
        with self._lock:
            self._stopping = True
            self._queue.clear()
        self._wake()
        if self._thread is not None:
            self._thread.join(timeout=STOP_GRACE_S + 5.0 if wait else 1.0)

    # --- the supervisor thread -------------------------------------------------------------

    def _supervise(self) -> None:
        context = multiprocessing.get_context("spawn")  # not fork: the server has threads
        root = str(self.store.root)
        while True:
            with self._lock:
                stopping = self._stopping
            if stopping:
                self._stop_all()
                return
            try:
                self._step(context, root)
            except Exception:  # noqa: BLE001 - the supervisor must outlive any one failure
                LOG.exception("run supervisor: unexpected error; carrying on")
                time.sleep(WAKE_S)

    def _step(self, context: Any, root: str) -> None:
        """Replace dead workers, hand out queued runs, then wait for an answer, a death or a new run."""
        for worker in list(self._workers):
            if not worker.process.is_alive():
                self._lost(worker)
        while len(self._workers) < self.workers:
            started = _Worker(context, root)
            with self._lock:
                self._workers.append(started)
        self._dispatch()
        waiting: list[Any] = [self._wake_reader]
        for worker in self._workers:
            waiting += [worker.connection, worker.process.sentinel]
        for ready in wait(waiting, timeout=WAKE_S):
            if ready is self._wake_reader:
                while self._wake_reader.poll():
                    self._wake_reader.recv()
                continue
            worker = next((w for w in self._workers if w.connection is ready), None)
            if worker is not None:
                self._answer(worker)

    def _dispatch(self) -> None:
        for worker in self._workers:
            with self._lock:
                if not (worker.ready and worker.run_id is None and self._queue):
                    continue
                run_id = self._queue.popleft()
                worker.run_id = run_id
            try:
                worker.connection.send(run_id)
            except OSError:
                pass  # the worker is gone; _lost queues the run again

    def _answer(self, worker: _Worker) -> None:
        try:
            message = worker.connection.recv()
        except (EOFError, OSError):
            return  # it died: seen through its sentinel
        if message[0] == "ready":
            worker.ready = True
            return
        run_id, _ = message
        with self._lock:
            worker.run_id = None
            self._attempts.pop(run_id, None)
        self._check_saved(run_id)

    def _check_saved(self, run_id: str) -> None:
        """A run its worker finished but whose final status is not on disk: keep the answer in memory."""
        try:
            saved = self.store.status(run_id)["state"] in FINAL_STATES
        except (OSError, ValueError, MoonbaseError):
            saved = False
        if not saved:
            with self._lock:
                self._unsaved[run_id] = {
                    "state": "failed", "stage": "failed", "finished": utc_now_text(),
                    "error": "the run stopped but its status could not be saved: the results store is full or "
                             "read-only."}

    def _lost(self, worker: _Worker) -> None:
        """A worker process ended on its own: replace it; queue its run again or fail it."""
        with self._lock:
            self._workers.remove(worker)
            run_id, worker.run_id = worker.run_id, None
        code = worker.process.exitcode
        worker.connection.close()
        LOG.warning("run worker %s stopped (exit code %s)%s; starting another", worker.process.pid, code,
                    f" while running {run_id}" if run_id else "")
        if run_id is None:
            return
        try:
            if self.store.status(run_id)["state"] in FINAL_STATES:
                return  # it finished just before its worker ended
            attempts = self._attempts.get(run_id, 0) + 1
            self._attempts[run_id] = attempts
            how = f"signal {-code}" if code is not None and code < 0 else f"exit status {code}"
            if attempts < MAX_ATTEMPTS:
                self.store.update(run_id, state="queued", stage="queued", progress=0.0, attempt=attempts + 1,
                                  error=f"its worker process stopped ({how}); attempt {attempts + 1} of "
                                        f"{MAX_ATTEMPTS} is queued.")
                with self._lock:
                    self._queue.appendleft(run_id)
            else:
                self._attempts.pop(run_id, None)
                self.store.update(run_id, state="failed", stage="failed", finished=utc_now_text(),
                                  error=f"its worker process stopped ({how}) on each of {MAX_ATTEMPTS} attempts.")
        except (OSError, MoonbaseError):
            self._check_saved(run_id)

    def _stop_all(self) -> None:
        deadline = time.monotonic() + STOP_GRACE_S
        for worker in self._workers:
            if worker.run_id is None:
                worker.stop(kill=False)
        busy = [w for w in self._workers if w.run_id is not None]
        while busy and time.monotonic() < deadline:
            for ready in wait([w.connection for w in busy], timeout=deadline - time.monotonic()):
                worker = next(w for w in busy if w.connection is ready)
                self._answer(worker)
            busy = [w for w in busy if w.run_id is not None]
        for worker in self._workers:
            worker.stop(kill=worker.run_id is not None)  # its run stays running on disk: resumed next start
        self._workers.clear()
