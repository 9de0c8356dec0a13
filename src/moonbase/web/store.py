"""The web results store: one folder per run, surviving server restarts.

Layout under the store root (default ``runs/web/``)::

    <run id>/request.json   what was asked: resolved scenario TOML, samples, seed, report
    <run id>/status.json    state, stage, progress, timestamps, error message
    <run id>/run/           the run folder written by :func:`moonbase.results.run_dir.write_run`

A run id is 32 lower-case hex digits (a UUID4); anything else is refused before a path
is built, so no request can name a file outside the store. Status files are replaced
atomically (write a sibling, then ``os.replace``), so a reader never sees half a file.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import re
import shutil
import tempfile
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from moonbase.errors import MoonbaseError

DEFAULT_STORE_DIR = Path("runs") / "web"
RUN_ID_PATTERN = re.compile(r"^[0-9a-f]{32}$")
RUN_FOLDER_NAME = "run"
REQUEST_FILE = "request.json"
STATUS_FILE = "status.json"
CHARTS_FILE = "charts.json"
LOCK_FILE = ".lock"
#: errno values that mean "the store cannot take more data" (507) rather than "cannot be written" (503)
FULL_ERRNOS = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
ACTIVE_STATES = ("queued", "running")
FINAL_STATES = ("done", "failed")


class UnknownRunError(MoonbaseError, LookupError):
    """A run id that is malformed or names no run in the store."""


class StoreWriteError(MoonbaseError):
    """The store refused a write: full (``status`` 507) or read-only / not permitted (503)."""

    def __init__(self, exc: OSError, what: str) -> None:
        self.status = 507 if exc.errno in FULL_ERRNOS else 503
        cause = exc.strerror or type(exc).__name__
        super().__init__(f"the results store could not {what}: {cause}; "
                         + ("free some space in it." if self.status == 507 else "check that it is writable."))


class StoreBusyError(MoonbaseError):
    """Another server already owns this store."""


@dataclass(frozen=True)
class RunRequest:
    """What a run was asked to do, as stored in ``request.json``."""

    scenario_toml: str
    scenario_name: str
    samples: int
    seed: int
    report: bool


def utc_now_text() -> str:
    """The current UTC time as ISO 8601 text, to the second."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def write_json_atomic(path: Path, data: dict[str, Any]) -> None:
    """Write ``data`` as JSON to ``path`` so readers see the old or the new file, never half."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(data, stream, indent=2)
            stream.write("\n")
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class RunStore:
    """Runs on disk under one root folder (data only; execution is elsewhere)."""

    def __init__(self, root: Path | str = DEFAULT_STORE_DIR) -> None:
        self.root = Path(root).resolve()
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreWriteError(exc, f"create its folder {self.root}") from None

    def folder(self, run_id: str) -> Path:
        """The folder of an existing run; :class:`UnknownRunError` for a bad or unknown id."""
        if not isinstance(run_id, str) or not RUN_ID_PATTERN.match(run_id):
            raise UnknownRunError(f"run id = {str(run_id)[:80]!r} is not a run id; expected 32 hex digits.")
        folder = self.root / run_id
        if not (folder / STATUS_FILE).is_file():
            raise UnknownRunError(f"run id = {run_id!r} names no run in this results store.")
        return folder

    def run_folder(self, run_id: str) -> Path:
        """The finished run's output folder (may not exist yet)."""
        return self.folder(run_id) / RUN_FOLDER_NAME

    def create(self, request: RunRequest) -> str:
        """Store a new queued run; return its id. :class:`StoreWriteError` leaves nothing behind."""
        run_id = uuid.uuid4().hex
        folder = self.root / run_id
        try:
            folder.mkdir()
            write_json_atomic(folder / REQUEST_FILE, {
                "scenario_toml": request.scenario_toml, "scenario_name": request.scenario_name,
                "samples": request.samples, "seed": request.seed, "report": request.report})
            write_json_atomic(folder / STATUS_FILE, {
                "id": run_id, "scenario": request.scenario_name, "samples": request.samples,
                "seed": request.seed, "report": request.report, "state": "queued", "stage": "queued",
                "progress": 0.0, "created": utc_now_text(), "started": None, "finished": None,
                "error": None})
        except OSError as exc:
            shutil.rmtree(folder, ignore_errors=True)
            raise StoreWriteError(exc, "store a new run") from None
        return run_id

    def request(self, run_id: str) -> RunRequest:
        """The stored request of a run."""
        data = json.loads((self.folder(run_id) / REQUEST_FILE).read_text(encoding="utf-8"))
        return RunRequest(**data)

    def status(self, run_id: str) -> dict[str, Any]:
        """The stored status of a run."""
        return json.loads((self.folder(run_id) / STATUS_FILE).read_text(encoding="utf-8"))

    def update(self, run_id: str, **changes: Any) -> dict[str, Any]:
        """Merge ``changes`` into a run's status; return the new status. A ``done`` run never changes."""
        status = self.status(run_id)
        if status["state"] == "done":
            return status
        status |= changes
        write_json_atomic(self.folder(run_id) / STATUS_FILE, status)
        return status

    def ids(self) -> list[str]:
        """Ids of every run in the store, newest first."""
        runs = [p for p in self.root.iterdir()
                if RUN_ID_PATTERN.match(p.name) and (p / STATUS_FILE).is_file()]
        return [p.name for p in sorted(runs, key=lambda p: (p / STATUS_FILE).stat().st_mtime, reverse=True)]

    def unfinished(self) -> list[str]:
        """Runs left queued or running (for example by a server that stopped), oldest first."""
        pending = [run_id for run_id in self.ids() if self.status(run_id)["state"] in ACTIVE_STATES]
        return sorted(pending, key=lambda run_id: self.status(run_id)["created"])

    def remove_leftovers(self, run_id: str) -> None:
        """Remove what an interrupted attempt left in a run's folder: staging folders and partial files."""
        folder = self.root / run_id
        for leftover in folder.glob(f".{RUN_FOLDER_NAME}.partial-*"):
            shutil.rmtree(leftover, ignore_errors=True)
        (folder / f".{CHARTS_FILE}.partial").unlink(missing_ok=True)

    def clean(self) -> None:
        """At start-up: remove folders of runs never fully stored, temporary files and every partial folder."""
        for path in self.root.iterdir():
            if path.name.startswith(".") and path.name != LOCK_FILE and path.is_file():
                path.unlink(missing_ok=True)  # an interrupted atomic write
            elif RUN_ID_PATTERN.match(path.name) and path.is_dir():
                if not (path / STATUS_FILE).is_file():
                    shutil.rmtree(path, ignore_errors=True)
                    continue
                for temporary in path.glob(f".{STATUS_FILE}.*"):
                    temporary.unlink(missing_ok=True)
                for temporary in path.glob(f".{REQUEST_FILE}.*"):
                    temporary.unlink(missing_ok=True)
                self.remove_leftovers(path.name)

    def lock(self) -> StoreLock:
        """Own the store for this process: :class:`StoreBusyError` when another server has it."""
        return StoreLock(self.root / LOCK_FILE)

    def check_writable(self) -> None:
        """:class:`StoreWriteError` unless a file can be written in the store."""
        try:
            handle, probe = tempfile.mkstemp(prefix=".probe.", dir=self.root)
            os.close(handle)
            os.unlink(probe)
        except OSError as exc:
            raise StoreWriteError(exc, f"write in {self.root}") from None


class StoreLock:
    """An exclusive ``flock`` on the store's lock file, held until :meth:`release` or the process ends.

    The kernel drops the lock when the holder dies, even by SIGKILL, so a crashed server
    never leaves the store locked; worker processes do not inherit it.
    """

    def __init__(self, path: Path) -> None:
        self._handle = -1
        try:
            # read-only: an open file for writing would keep the filesystem from being remounted read-only
            self._handle = os.open(path, os.O_RDONLY | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError as exc:
            raise StoreWriteError(exc, f"create its lock file in {path.parent}") from None
        try:
            fcntl.flock(self._handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            owner = os.pread(self._handle, 32, 0).decode("ascii", "replace").strip() or "unknown"
            os.close(self._handle)
            raise StoreBusyError(f"the results store {path.parent} is in use by another moonbase server "
                                 f"(process {owner}); stop it or choose another --store.") from None
        try:
            path.write_text(str(os.getpid()), encoding="ascii")  # who owns it, for the message above
        except OSError:
            pass  # a full store: the lock holds all the same

    def release(self) -> None:
        """Give the store up."""
        if self._handle >= 0:
            fcntl.flock(self._handle, fcntl.LOCK_UN)
            os.close(self._handle)
            self._handle = -1
