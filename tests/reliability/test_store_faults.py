"""The web results store on a real small filesystem: read-only and full, with a real server.

Each test mounts a private tmpfs (a few MB) under its temporary folder and unmounts it at
the end. Where mounting is not permitted (not root, or in a container that forbids it)
these tests are skipped; ``tests/web/test_web_store_faults.py`` covers the same paths with
injected write failures everywhere.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parent))
pytest.importorskip("uvicorn", reason="the web extra is not installed")

from server_process import Server  # noqa: E402

from moonbase.cli import app  # noqa: E402

SHORT_RUN = {"scenario": {"base": "ground-only", "name": "short", "span": {"end_year": 2030}}, "report": False}
LARGE_RUN = {"preset": "alpha", "report": True}  # ~1 MB of tables, report and figures


def _mount(point: Path, options: str) -> bool:
    return subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)], capture_output=True,
                          check=False).returncode == 0


def _remount(point: Path, mode: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{mode}", str(point)], check=True, capture_output=True)


@pytest.fixture
def small_fs(tmp_path: Path):
    point = tmp_path / "fs"
    point.mkdir()
    if os.geteuid() != 0 or not _mount(point, "size=4m,mode=0755"):
        pytest.skip("cannot mount a tmpfs here; tests/web/test_web_store_faults.py injects the same failures")
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], check=False, capture_output=True)


def _fill(folder: Path, leave_bytes: int) -> Path:
    """Fill the filesystem of ``folder`` until at most ``leave_bytes`` are free; the filler file."""
    filler = folder / "filler"
    with filler.open("wb") as out:
        try:
            while os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize > leave_bytes + 65536:
                out.write(b"\0" * 65536)
                out.flush()
            while os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize > leave_bytes:
                out.write(b"\0" * 4096)
                out.flush()
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
    return filler


def _run_folders(store: Path) -> set[str]:
    return {p.name for p in store.iterdir() if p.is_dir()}


def test_serve_refuses_a_read_only_store_with_one_line(small_fs):
    (small_fs / "store").mkdir()
    _remount(small_fs, "ro")
    for store in (small_fs / "store", small_fs / "missing" / "store"):
        result = CliRunner().invoke(app, ["serve", "--store", str(store)])
        assert result.exit_code == 2, result.output
        assert len(result.output.strip().splitlines()) == 1 and "Read-only file system" in result.output
        assert "Traceback" not in result.output


def test_a_store_turned_read_only_answers_503_and_writes_nothing(small_fs):
    store = small_fs / "store"
    server = Server(store, workers=1)
    try:
        _remount(small_fs, "ro")
        code, _, body = server.post("/api/runs", SHORT_RUN)
        assert code == 503, body
        assert "Read-only file system" in json.loads(body)["detail"]
        assert _run_folders(store) == set()
        _remount(small_fs, "rw")
        code, _, body = server.post("/api/runs", SHORT_RUN)
        assert code == 202 and server.wait_for(json.loads(body)["id"])["state"] == "done"
    finally:
        server.stop()


def test_a_full_store_fails_the_run_with_the_reason_then_answers_507(small_fs):
    store = small_fs / "store"
    server = Server(store, workers=1)
    try:
        filler = _fill(small_fs, leave_bytes=120_000)  # room for the request, not for the run's files
        code, _, body = server.post("/api/runs", LARGE_RUN)
        assert code == 202, body
        run_id = json.loads(body)["id"]
        status = server.wait_for(run_id)
        assert status["state"] == "failed" and "No space left on device" in status["error"], status
        assert str(small_fs) not in status["error"]
        assert [p for p in store.rglob(".*partial*")] == []  # interrupted stages leave nothing behind
        second = _fill(small_fs / "store", leave_bytes=0)
        before = _run_folders(store)
        code, _, body = server.post("/api/runs", SHORT_RUN)
        assert code == 507, body
        assert "No space left on device" in json.loads(body)["detail"]
        assert _run_folders(store) == before  # no empty run folder
        filler.unlink()
        second.unlink()
        code, _, body = server.post("/api/runs", SHORT_RUN)
        assert code == 202 and server.wait_for(json.loads(body)["id"])["state"] == "done"
        assert server.status(run_id)["state"] == "failed"  # the failed run stays failed, with its reason
    finally:
        server.stop()
