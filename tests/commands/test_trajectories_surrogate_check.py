"""``moonbase trajectories --surrogate-check N``: the fate table against direct propagation on N samples."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from moonbase.cli import app

runner = CliRunner()

SMALL = """base = "alpha"
name = "check-small"
[trajectory]
escape_model = "propagated"
count = 24
duration = "2 d"
window = "1 d"
epoch = "2040-03-01T00:00:00"
[uncertainty]
"mass_driver.exit_speed" = {distribution = "uniform", low = "2.28 km/s", high = "2.4 km/s"}
"mass_driver.elevation" = {distribution = "uniform", low = "1 deg", high = "3 deg"}
"""


def _scenario(tmp_path: Path) -> Path:
    path = tmp_path / "small.toml"
    path.write_text(SMALL)
    return path


def test_json_reports_the_error_distribution(tmp_path):
    result = runner.invoke(app, ["trajectories", "--scenario", str(_scenario(tmp_path)), "--surrogate-check", "6",
                                 "--seed", "5", "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["points"] == 6 and summary["scenario"] == "check-small"
    assert list(summary["error_pp"]) == ["p50", "p90", "p99", "max"]
    assert 0.0 <= summary["error_pp"]["p50"] <= summary["error_pp"]["max"] <= 100.0
    # the fallback leaves no payload open: the error is at most one payload in 24 unless a cell hides an island
    assert summary["max_error_bound_pp"] <= 0.5
    assert 0.0 <= summary["within_1pp_fraction"] <= 1.0


def test_a_scenario_without_uncertainty_is_a_one_line_error():
    result = runner.invoke(app, ["trajectories", "--scenario", "alpha", "--surrogate-check", "5"])
    assert result.exit_code == 2
    assert "has no [uncertainty]" in result.output and "Traceback" not in result.output


def test_on_a_terminal_it_prints_the_table(tmp_path):
    leader, follower = os.openpty()
    env = dict(os.environ, COLUMNS="100", PYTHONPATH=str(Path(__file__).parents[2] / "src"))
    process = subprocess.run([sys.executable, "-m", "moonbase.cli", "trajectories", "--scenario",
                              str(_scenario(tmp_path)), "--surrogate-check", "4"],
                             stdin=follower, stdout=follower, stderr=follower, env=env, timeout=300, check=False)
    os.close(follower)
    output = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    os.close(leader)
    text = output.decode(errors="replace")
    assert process.returncode == 0, text
    assert "Fate table vs direct propagation: 4 samples of check-small" in text
    assert "within 1 pp" in text and "Traceback" not in text
