"""Fault handling: a full disk or an unwritable folder gives a clear error and no partial run;
a sweep killed mid-way resumes with no finished chunk lost or duplicated."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from moonbase.cli import app
from moonbase.execution import output_dir as output_dir_module
from moonbase.results import run_dir as run_dir_module

runner = CliRunner()
SHORT = 'base = "ground-only"\nname = "fault"\n[span]\nend_year = 2030\n'


@pytest.fixture
def scenario(tmp_path):
    path = tmp_path / "fault.toml"
    path.write_text(SHORT, encoding="utf-8")
    return path


def _no_partial_run(parent: Path, name: str) -> None:
    assert not (parent / name).exists(), "the run folder exists after a failed run"
    leftovers = [p.name for p in parent.iterdir() if p.name.startswith(f".{name}.partial-")]
    assert leftovers == [], f"staging folders left behind: {leftovers}"


def _disk_full(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("where", ["timeline", "summary", "report"])
def test_full_disk_gives_a_clear_error_and_no_partial_run(tmp_path, scenario, monkeypatch, where):
    out = tmp_path / "runs" / "full"
    if where == "timeline":
        monkeypatch.setattr(run_dir_module.pq, "write_table", _disk_full)
    elif where == "summary":
        real = Path.write_text

        def write_text(self, data, *args, **kwargs):
            if self.name == "summary.json":
                _disk_full()
            return real(self, data, *args, **kwargs)

        monkeypatch.setattr(Path, "write_text", write_text)
    else:
        import moonbase.report.html as html

        monkeypatch.setattr(html, "write_figures", _disk_full)
    args = ["run", str(scenario), "--out", str(out)] + (["--no-report"] if where != "report" else [])
    result = runner.invoke(app, args)
    assert result.exit_code != 0
    assert "No space left on device" in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    _no_partial_run(out.parent, "full")


def test_output_under_a_file_is_refused_with_the_path(tmp_path, scenario):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["run", str(scenario), "--no-report", "--out", str(blocker / "run")])
    assert result.exit_code != 0
    assert "not-a-folder" in result.output and "Traceback" not in result.output
    assert blocker.read_text(encoding="utf-8") == "x"


def test_unwritable_output_folder_is_refused_before_any_work(tmp_path, scenario, monkeypatch):
    parent = tmp_path / "locked"
    parent.mkdir()
    if os.geteuid() == 0:
        # root writes anywhere; simulate what a read-only mount answers instead
        real_access = os.access
        monkeypatch.setattr(output_dir_module.os, "access",
                            lambda path, mode: False if Path(path) == parent else real_access(path, mode))
    else:
        parent.chmod(0o555)
    try:
        result = runner.invoke(app, ["run", str(scenario), "--no-report", "--out", str(parent / "run")])
    finally:
        parent.chmod(0o755)
    assert result.exit_code == 2
    assert result.output.startswith("error: --out = ") and "is not writable" in result.output
    _no_partial_run(parent, "run")


def test_permission_denied_while_staging_leaves_nothing(tmp_path, scenario, monkeypatch):
    def denied(*_args, **_kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(output_dir_module.tempfile, "mkdtemp", denied)
    result = runner.invoke(app, ["run", str(scenario), "--no-report", "--out", str(tmp_path / "run")])
    assert result.exit_code != 0 and "Permission denied" in result.output
    _no_partial_run(tmp_path, "run")


# --- a sweep killed mid-way ---------------------------------------------------------------

SWEEP_SPEEDS = ",".join(f"{2.40 + 0.05 * i:.2f} km/s" for i in range(12))
SWEEP_SCENARIO = 'base = "alpha"\nname = "kill"\n[span]\nend_year = 2040\n'


def _sweep_args(scenario: Path, out: Path) -> list[str]:
    return ["sweep", str(scenario), "--out", str(out), "--grid", f"mass_driver.exit_speed={SWEEP_SPEEDS}",
            "--chunk-size", "1", "--json"]


def _points(out: Path) -> list[tuple[int, int]]:
    return sorted((row["point"], row["sample"])
                  for path in sorted((out / "samples").glob("chunk-*.parquet"))
                  for row in pq.read_table(path, columns=["point", "sample"]).to_pylist())


def _rows(out: Path, dataset: str) -> list[str]:
    """Every row as canonical JSON text (NaN milestones compare equal as text), sorted."""
    return sorted(json.dumps(row, sort_keys=True, default=str)
                  for path in sorted((out / dataset).glob("chunk-*.parquet"))
                  for row in pq.read_table(path).to_pylist())


@pytest.mark.slow
def test_sweep_killed_mid_way_resumes_with_no_chunk_lost_or_duplicated(tmp_path):
    scenario = tmp_path / "kill.toml"
    scenario.write_text(SWEEP_SCENARIO, encoding="utf-8")
    out = tmp_path / "sweep"
    command = [sys.executable, "-c", "from moonbase.cli import main; main()", *_sweep_args(scenario, out)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 300
    try:
        while len(list((out / "samples").glob("chunk-*.parquet"))) < 2 and time.monotonic() < deadline:
            assert process.poll() is None, "the sweep ended before it could be killed"
            time.sleep(0.02)
        os.killpg(process.pid, signal.SIGKILL)  # no clean-up code runs: the hardest kind of stop
    finally:
        process.wait(timeout=60)
    finished_before = _points(out)
    assert 2 <= len(finished_before) < 12, "the kill came too late to test a resume"
    assert json.loads((out / "manifest.json").read_text())["complete"] is False

    resumed = runner.invoke(app, _sweep_args(scenario, out) + ["--resume"])
    assert resumed.exit_code == 0, resumed.output
    report = json.loads(resumed.stdout)
    assert report["resumed"] >= len(finished_before) and report["resumed"] + report["computed"] == 12
    after = _points(out)
    assert after == [(p, 0) for p in range(12)]  # every chunk once: none lost, none duplicated
    assert set(finished_before) <= set(after)

    reference = tmp_path / "reference"
    assert runner.invoke(app, _sweep_args(scenario, reference)).exit_code == 0
    for dataset in ("samples", "yearly"):
        assert _rows(out, dataset) == _rows(reference, dataset)
