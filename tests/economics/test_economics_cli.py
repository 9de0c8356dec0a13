"""CLI tests of moonbase economics and moonbase provenance."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from moonbase.cli import app
from moonbase.scenario.loader import load_scenario, scenario_to_toml
from moonbase.scenario.schema import Span

runner = CliRunner()


@pytest.fixture(scope="module")
def short_alpha(tmp_path_factory):
    scenario = load_scenario("alpha").model_copy(update={"span": Span(start_year=2026, end_year=2060)})
    path = tmp_path_factory.mktemp("econ") / "short-alpha.toml"
    path.write_text(scenario_to_toml(scenario), encoding="utf-8")
    return str(path)


def test_economics_json(short_alpha):
    result = runner.invoke(app, ["economics", short_alpha, "--alternative", "none", "--json",
                                 "--baseline", "hyperscale-grid", "--year", "2035"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["year"] == 2035
    assert set(data["lcoc"]) == {"ground:hyperscale-grid", "earth_orbit"}
    assert "launch" in data["lcoc"]["earth_orbit"]["breakdown_usd_per_pflop_day"]
    assert "earth_orbit:hyperscale-grid" in data["crossover"]["crossover_year"]
    keys = {d["key"] for d in data["provenance"]}
    assert "baseline.hyperscale-grid.pue" in keys and "finance.cost_of_equity" in keys


def test_economics_table_and_out(short_alpha, tmp_path):
    out = tmp_path / "econ"
    result = runner.invoke(app, ["economics", short_alpha, "--alternative", "none", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "levelized cost of compute" in result.stdout and "investor view" in result.stdout
    assert sorted(p.name for p in out.iterdir()) == ["economics.json", "funding.json", "funding_curve.png",
                                                     "lcoc_paths.csv", "lcoc_paths.png"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no staging left behind
    again = runner.invoke(app, ["economics", short_alpha, "--alternative", "none", "--out", str(out)])
    assert again.exit_code == 2 and "--out" in again.output


@pytest.mark.parametrize("args, match", [
    (["--baseline", "hyperscale"], "baseline = 'hyperscale' is unknown"),
    (["--year", "1990"], "--year = 1990"),
    (["--alternative", "nope"], "nope"),
])
def test_economics_bad_input_is_one_line_exit_2(short_alpha, args, match):
    result = runner.invoke(app, ["economics", short_alpha, *args])
    assert result.exit_code == 2
    assert match in result.output
    assert "Traceback" not in result.output


def test_provenance_lists_every_default():
    result = runner.invoke(app, ["provenance", "--json"])
    assert result.exit_code == 0, result.output
    entries = json.loads(result.stdout)
    assert all(e["source"] and e["date"] and e["confidence"] in ("high", "medium", "low") for e in entries)
    assert any(e["key"] == "baseline.onsite-gas.heat_rate" for e in entries)
    high = runner.invoke(app, ["provenance", "--confidence", "high", "--json"])
    assert {e["confidence"] for e in json.loads(high.stdout)} == {"high"}
    bad = runner.invoke(app, ["provenance", "--confidence", "sure"])
    assert bad.exit_code == 2 and "--confidence" in bad.output
