"""Every chunked command on a real pseudo-terminal at 80 and 120 columns: progress drawn, no crash, lines fit.

Piped output (CliRunner, subprocess pipes) hides what a terminal shows: rich draws the
progress bar and sizes tables only when stdout/stderr are a tty. These tests run the
installed entry point under a pty whose window size is set, as a user's terminal would be.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")
TIMEOUT_S = 240
TABLE_OR_BAR = re.compile("[\u2500-\u257f]")  # box drawing: table borders and the bar

UNCERTAIN = """
base = "alpha"
name = "pty-uncertain"
[span]
end_year = 2034
[uncertainty."launch.payload"]
distribution = "uniform"
low = "60 t"
high = "140 t"
[uncertainty."lunar.replication_time"]
distribution = "lognormal"
median = "2 yr"
p90 = "3 yr"
"""


def run_in_terminal(args: list[str], columns: int, cwd: Path, rows: int = 50) -> tuple[int, str]:
    """Run ``python -m moonbase.cli ARGS`` on a pty of ``columns`` x ``rows``; return (exit code, text)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR", "TERM")}
    env.update(PYTHONPATH=str(SRC), TERM="xterm-256color")
    process = subprocess.Popen([sys.executable, "-m", "moonbase.cli", *args], stdin=slave, stdout=slave,
                               stderr=slave, cwd=cwd, env=env, close_fds=True)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    code = process.wait(timeout=TIMEOUT_S)
    return code, b"".join(chunks).decode("utf-8", errors="replace")


def screen_lines(raw: str) -> list[str]:
    """What stays on the screen: ANSI codes dropped, carriage-return redraws collapsed to their last state."""
    lines = []
    for line in ANSI.sub("", raw).replace("\r\n", "\n").split("\n"):
        lines.append(line.split("\r")[-1])
    return lines


def commands(tmp: Path) -> dict[str, list[str]]:
    scenario = tmp / "uncertain.toml"
    scenario.write_text(UNCERTAIN, encoding="utf-8")
    return {
        "run": ["run", str(scenario), "--samples", "6", "--chunk-size", "2", "--no-report", "--out", str(tmp / "run")],
        "sweep": ["sweep", str(scenario), "--grid", "lunar.satellite_share=0.3,0.6", "--samples", "2",
                  "--out", str(tmp / "sweep")],
        "sensitivity": ["sensitivity", str(scenario), "--output", "end_earth_orbit_compute_power_w",
                        "--samples", "4"],
        "optimize": ["optimize", str(scenario), "--vary", "lunar.satellite_share=0.2:0.8", "--target-year", "2034",
                     "--target", "10 MW/yr", "--samples", "2", "--generations", "1", "--population", "2"],
        "trajectories": ["trajectories", "--lon", "-90", "--azimuth", "0", "--elevation", "60", "--speed",
                         "2.45 km/s", "--count", "8", "--days", "5", "--chunk-size", "4",
                         "--epoch", "2030-01-01T00:00:00"],
    }


@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize("name", ["run", "sweep", "sensitivity", "optimize", "trajectories"])
def test_chunked_command_on_a_terminal(name, columns, tmp_path):
    code, raw = run_in_terminal(commands(tmp_path)[name], columns, tmp_path)
    lines = screen_lines(raw)
    text = "\n".join(lines)
    assert "internal error" not in text and "Traceback" not in text, text
    assert code == 0, text
    assert re.search(r"\d+/\d+ chunks", text), f"no progress bar drawn:\n{text}"
    drawn = [line for line in lines if TABLE_OR_BAR.search(line)]  # prose lines are wrapped by the terminal
    too_wide = [line for line in drawn if len(line) > columns]
    assert not too_wide, f"table or bar lines wider than {columns} columns:\n" + "\n".join(too_wide)


@pytest.mark.parametrize("columns", [80, 120])
def test_help_keeps_bracketed_words(columns, tmp_path):
    code, raw = run_in_terminal(["sensitivity", "--help"], columns, tmp_path)
    text = " ".join(" ".join(screen_lines(raw)).split())
    assert code == 0, text
    assert "[uncertainty] table" in text  # not swallowed as console markup


@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize("args", [["economics", "alpha"], ["city", "alpha"]], ids=["economics", "city"])
def test_tables_fit_without_cutting_words(args, columns, tmp_path):
    code, raw = run_in_terminal(args, columns, tmp_path)
    lines = screen_lines(raw)
    text = "\n".join(lines)
    assert code == 0, text
    assert "…" not in text, text  # no header or cell cut short
    too_wide = [line for line in lines if TABLE_OR_BAR.search(line) and len(line) > columns]
    assert not too_wide, "\n".join(too_wide)


@pytest.mark.parametrize("columns", [100, 160])
def test_claims_table_fits_the_terminal(columns, tmp_path):
    code, raw = run_in_terminal(["claims", "--samples", "2"], columns, tmp_path)
    lines = screen_lines(raw)
    text = "\n".join(lines)
    assert code == 0, text
    assert "…" not in text, text
    too_wide = [line for line in lines if TABLE_OR_BAR.search(line) and len(line) > columns]
    assert not too_wide, "\n".join(too_wide)
    header = next(line for line in lines if "verdict" in line)
    assert ("why" in header) == (columns > 140), header  # the reason gets its own column on a wide terminal
    assert "physically impossible" in text or "physically" in text
