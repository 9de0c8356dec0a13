"""``moonbase run --samples`` stopped by SIGINT, SIGTERM or SIGKILL, under a pseudo-terminal; bad ``--out``.

SIGINT and SIGTERM end the command the same way: one line on the terminal, the staging
folder removed, exit status 130 or 143. After a SIGKILL (no clean-up possible) the next
run in the same parent folder removes the staging folder the killed one left.
"""

from __future__ import annotations

import os
import pty
import re
import select
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from moonbase.cli import app

SRC = Path(__file__).resolve().parents[2] / "src"
LONG_SAMPLES = "200000"  # ~40 s of sampling on one core: always still running when signalled
START_TIMEOUT_S = 60.0
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")  # terminal control sequences around the progress bar
runner = CliRunner()


class PtyCommand:
    """``moonbase ARGS`` in its own process group, with a pseudo-terminal as stdin, stdout and stderr."""

    def __init__(self, *args: str, cwd: Path) -> None:
        self.master, slave = pty.openpty()
        env = {**os.environ, "PYTHONPATH": str(SRC), "COLUMNS": "100"}
        self.process = subprocess.Popen([sys.executable, "-m", "moonbase.cli", *args], stdin=slave, stdout=slave,
                                        stderr=slave, cwd=cwd, env=env, start_new_session=True)
        os.close(slave)
        self.output = b""

    def read(self, timeout_s: float = 0.1) -> None:
        while select.select([self.master], [], [], timeout_s)[0]:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # EIO: the terminal closed
                return
            if not chunk:
                return
            self.output += chunk

    def signal_group(self, signum: int) -> None:
        """As the terminal does for Ctrl-C: the signal to the whole foreground process group."""
        os.killpg(self.process.pid, signum)

    def finish(self, timeout_s: float = 60.0) -> int:
        deadline = time.monotonic() + timeout_s
        while self.process.poll() is None and time.monotonic() < deadline:
            self.read()
        if self.process.poll() is None:
            self.process.kill()
            raise AssertionError(f"the command did not end within {timeout_s} s: {self.text()[-2000:]}")
        self.read()
        os.close(self.master)
        return self.process.returncode

    def text(self) -> str:
        return self.output.decode("utf-8", "replace")


def _staging(parent: Path) -> list[Path]:
    return [p for p in parent.iterdir() if ".partial-" in p.name]


def _start_long_run(parent: Path) -> PtyCommand:
    command = PtyCommand("run", "alpha", "--samples", LONG_SAMPLES, "--no-report", "--out", str(parent / "mc"),
                         cwd=parent)
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline and "samples" not in command.text():  # the progress bar is up
        command.read()
        assert command.process.poll() is None, command.text()[-2000:]
    assert "samples" in command.text(), command.text()[-2000:]
    return command


@pytest.mark.parametrize("signum, status", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_sigint_and_sigterm_end_with_one_line_and_no_partial_folder(tmp_path, signum, status):
    command = _start_long_run(tmp_path)
    before = len(command.output)
    command.signal_group(signum)
    assert command.finish() == status, command.text()[-2000:]
    after = ANSI.sub("", command.output[before:].decode("utf-8", "replace"))
    lines = [line for line in after.replace("\r", "\n").splitlines() if line.strip() and "samples" not in line]
    name = signal.Signals(signum).name
    assert lines == [f"interrupted by {name}; nothing was written to {tmp_path / 'mc'}."], after
    assert "Traceback" not in command.text()
    assert _staging(tmp_path) == [] and not (tmp_path / "mc").exists()


def test_a_killed_run_leaves_a_staging_folder_that_the_next_run_removes(tmp_path):
    # with its report (~3 s of figures), a short run spends seconds writing into its staging folder
    command = PtyCommand("run", "alpha", "--samples", "3", "--out", str(tmp_path / "mc"), cwd=tmp_path)
    deadline = time.monotonic() + START_TIMEOUT_S
    while not _staging(tmp_path) and time.monotonic() < deadline and command.process.poll() is None:
        command.read(0.02)
    command.signal_group(signal.SIGKILL)
    command.finish()
    left = _staging(tmp_path)
    assert left, f"the run ended before it could be killed while writing: {command.text()[-500:]}"
    result = runner.invoke(app, ["run", "ground-only", "--samples", "2", "--no-report", "--out", str(tmp_path / "next")])
    assert result.exit_code == 0, result.output
    assert _staging(tmp_path) == []
    assert (tmp_path / "next" / "summary.json").is_file() and not (tmp_path / "mc").exists()


def _this_host() -> str:
    from moonbase.execution.output_dir import _host

    return _host()


def test_a_staging_folder_of_a_running_command_is_left_alone(tmp_path):
    alive = tmp_path / f".other.partial-{_this_host()}-{os.getpid()}-abcd1234"
    alive.mkdir()
    result = runner.invoke(app, ["run", "ground-only", "--samples", "2", "--no-report", "--out", str(tmp_path / "r")])
    assert result.exit_code == 0 and alive.is_dir()


def test_sigint_after_the_run_folder_is_written_says_it_is_complete(tmp_path, monkeypatch):
    from moonbase.commands import montecarlo

    def interrupt(*_args, **_kwargs):
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C while the headline is printed
        time.sleep(1)

    monkeypatch.setattr(montecarlo, "run_tables", interrupt)
    out = tmp_path / "done"
    result = runner.invoke(app, ["run", "ground-only", "--samples", "2", "--no-report", "--out", str(out)])
    assert result.exit_code == 130, result.output
    assert result.output.strip().splitlines()[-1] == f"interrupted by SIGINT; the run folder {out} is complete."
    assert (out / "summary.json").is_file()


def _one_line_exit_2(result) -> str:
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    return lines[0]


@pytest.mark.parametrize("samples", ["1", "3"])
def test_every_bad_out_is_exit_2_and_changes_nothing(tmp_path, samples):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    read_only = tmp_path / "read-only"
    read_only.mkdir()
    read_only.chmod(0o555)
    full = tmp_path / "full"
    full.mkdir()
    (full / "keep").write_text("k", encoding="utf-8")
    cases = {blocker / "sub": "is a file", blocker: "not an empty folder", blocker / "a" / "b": "is a file",
             read_only: "read-only", full: "not an empty folder", tmp_path / ("n" * 300): "at most 255"}
    for out, words in cases.items():
        line = _one_line_exit_2(runner.invoke(app, ["run", "ground-only", "--samples", samples, "--no-report",
                                                    "--out", str(out)]))
        assert words in line, line
    assert blocker.read_text(encoding="utf-8") == "x"
    assert stat.S_IMODE(read_only.stat().st_mode) == 0o555 and list(read_only.iterdir()) == []
    assert [p.name for p in full.iterdir()] == ["keep"]
    assert _staging(tmp_path) == []


def test_an_empty_out_folder_keeps_its_mode_and_a_new_one_gets_the_usual_mode(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    empty.chmod(0o750)
    assert runner.invoke(app, ["run", "ground-only", "--samples", "2", "--no-report", "--out", str(empty)]).exit_code == 0
    assert stat.S_IMODE(empty.stat().st_mode) == 0o750
    mask = os.umask(0)
    os.umask(mask)
    fresh = tmp_path / "fresh"
    assert runner.invoke(app, ["run", "ground-only", "--samples", "2", "--no-report", "--out", str(fresh)]).exit_code == 0
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o777 & ~mask


def test_a_signal_lost_in_a_c_callback_still_stops_the_command_with_one_line(tmp_path, capsys, monkeypatch):
    import ctypes

    import typer

    from moonbase.commands.interrupts import check_interrupted, interruptible

    @ctypes.CFUNCTYPE(None)
    def callback() -> None:  # as numba's compiler cache does: Python called from C, errors dropped
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(0.5)  # the handler runs here, inside the callback

    monkeypatch.setattr(sys, "unraisablehook", sys.__unraisablehook__)  # Python's own: prints to stderr
    with pytest.raises(typer.Exit) as stopped, interruptible(tmp_path / "out"):
        callback()
        check_interrupted()  # between chunks
        raise AssertionError("the lost signal was not raised again")
    assert stopped.value.exit_code == 143
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [f"interrupted by SIGTERM; nothing was written to {tmp_path / 'out'}."], err


def test_an_error_that_replaced_the_signal_is_reported_as_the_stop(tmp_path, capsys):
    import typer

    from moonbase.commands.interrupts import interruptible

    with pytest.raises(typer.Exit) as stopped, interruptible(tmp_path / "out"):
        try:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.5)
        except BaseException:  # noqa: BLE001 - as numpy's C code does: the pending exception becomes its own error
            raise TypeError("Cannot compare structured arrays unless they have a common dtype") from None
    assert stopped.value.exit_code == 130
    assert capsys.readouterr().err.strip().splitlines() == [
        f"interrupted by SIGINT; nothing was written to {tmp_path / 'out'}."]
