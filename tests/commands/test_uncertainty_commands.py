"""CLI: run --samples with distributions, sweep, query, sensitivity, optimize; bad input exits 2 with one line."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from moonbase.cli import app

runner = CliRunner()

SCENARIO = """
base = "alpha"
name = "cli-uncertain"
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


@pytest.fixture()
def scenario_file(tmp_path):
    path = tmp_path / "uncertain.toml"
    path.write_text(SCENARIO, encoding="utf-8")
    return path


def one_line_exit_2(result, pattern):
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and pattern in lines[0], result.output


def test_run_with_samples_writes_percentiles_and_quantile_summary(scenario_file, tmp_path):
    out = tmp_path / "run"
    result = runner.invoke(app, ["run", str(scenario_file), "--samples", "6", "--seed", "2", "--out", str(out),
                                 "--json", "--no-report"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["samples"] == 6 and summary["seed"] == 2
    assert set(summary["end"]["cumulative_cost_usd"]) == {"p10", "p50", "p90", "mean"}
    assert "fraction_reached" in summary["first_year_added_power_ge_1tw"]
    assert {"samples.parquet", "percentiles.parquet", "timeline.parquet", "scenario.toml",
            "summary.json"} <= {p.name for p in out.iterdir()}
    assert '[uncertainty."launch.payload"]' in (out / "scenario.toml").read_text()
    again = runner.invoke(app, ["run", str(scenario_file), "--samples", "6", "--seed", "2", "--out",
                                str(tmp_path / "run2"), "--json", "--no-report"])
    assert again.stdout == result.stdout  # same seed, same bytes
    query = runner.invoke(app, ["query", str(out), "SELECT count(*) AS n FROM samples", "--json"])
    assert json.loads(query.stdout) == [{"n": 6}]


@pytest.mark.slow  # renders the full report (~10 s); the decile table is tested in test_montecarlo
def test_run_with_samples_draws_the_report_bands(scenario_file, tmp_path):
    out = tmp_path / "run"
    result = runner.invoke(app, ["run", str(scenario_file), "--samples", "4", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "report.html").is_file() and (out / "figures" / "power_added.png").is_file()


def test_sweep_then_query(scenario_file, tmp_path):
    out = tmp_path / "sweep"
    result = runner.invoke(app, ["sweep", str(scenario_file), "--grid", "lunar.satellite_share=0.3,0.6",
                                 "--samples", "2", "--out", str(out), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["points"] == 2
    query = runner.invoke(app, ["query", str(out), "SELECT point, count(*) AS n FROM samples GROUP BY point "
                                                   "ORDER BY point", "--json"])
    assert json.loads(query.stdout) == [{"point": 0, "n": 2}, {"point": 1, "n": 2}]
    csv = runner.invoke(app, ["query", str(out), "SELECT point FROM samples ORDER BY point LIMIT 1", "--csv"])
    assert csv.stdout.splitlines() == ['"point"', "0"]


def test_sensitivity_and_optimize_commands(scenario_file, tmp_path):
    result = runner.invoke(app, ["sensitivity", str(scenario_file), "--output", "end_earth_orbit_compute_power_w",
                                 "--samples", "8", "--json", "--out", str(tmp_path / "sens")])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["decisive"] == ["launch.payload"]
    assert (tmp_path / "sens" / "tornado.png").is_file() and (tmp_path / "sens" / "sobol.png").is_file()
    unreachable = runner.invoke(app, ["optimize", str(scenario_file), "--vary", "launch.architecture_share=0.1:1",
                                      "--target-year", "2030", "--samples", "1", "--generations", "1",
                                      "--population", "2"])
    assert unreachable.exit_code == 2
    assert "is unreachable within the bounds" in unreachable.output and "best found" in unreachable.output


@pytest.mark.parametrize("args, pattern", [
    (["sweep", "alpha", "--out", "{tmp}/s", "--grid", "mass_driver.exit_sped=2 km/s"], "is not a field of the scenario"),
    (["sweep", "alpha", "--out", "{tmp}/s", "--cluster", "bogus"], "--cluster = 'bogus' is not a scheduler address"),
    (["run", "{file}", "--samples", "3", "--cluster", "udp://x"], "is not a scheduler address"),
    (["query", "{tmp}", "SELECT 1"], "holds no Parquet dataset"),
    (["sensitivity", "{file}", "--output", "nope"], "--output = 'nope' is not an output"),
    (["optimize", "alpha", "--vary", "lunar.satellite_share=0.9:0.1", "--target-year", "2080"],
     "is not below high"),
])
def test_bad_input_is_one_line_and_exit_2(args, pattern, tmp_path, scenario_file):
    args = [a.format(tmp=tmp_path, file=scenario_file) for a in args]
    one_line_exit_2(runner.invoke(app, args), pattern)


def test_impossible_distribution_in_a_run(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(SCENARIO.replace('p90 = "3 yr"', 'p90 = "1 yr"'), encoding="utf-8")
    one_line_exit_2(runner.invoke(app, ["run", str(path), "--samples", "4"]),
                    'uncertainty."lunar.replication_time".p90 = "1 yr" is below the median "2 yr"')
    path.write_text(SCENARIO.replace('low = "60 t"', 'low = "160 t"'), encoding="utf-8")
    one_line_exit_2(runner.invoke(app, ["run", str(path), "--samples", "4"]),
                    'uncertainty."launch.payload".low = "160 t" is not below high = "140 t"')
