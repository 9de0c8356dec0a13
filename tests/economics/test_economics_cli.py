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


DEEP_SPACE_ITEMS = {"chips", "fabs", "mass_drivers", "power", "transmission", "teleoperation", "operations", "imports",
                    "satellite_parts", "seed", "city"}


def test_economics_json_line_items_and_two_views(short_alpha):
    result = runner.invoke(app, ["economics", short_alpha, "--alternative", "none", "--json",
                                 "--baseline", "hyperscale-grid", "--year", "2058"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    items = data["line_items"]
    assert set(items["earth_orbit"]) == {"launch", "bus", "chips"}
    assert set(items["deep_space"]) == DEEP_SPACE_ITEMS
    # the span's spending by line item is the timeline's cumulative cost
    spent = sum(v["span_spending_usd"] for tier in items.values() for v in tier.values())
    assert spent == pytest.approx(data["investor"][load_scenario(short_alpha).name]["cumulative_capex_usd"], rel=1e-9)
    assert items["deep_space"]["power"]["span_spending_usd"] == 0.0 and items["deep_space"]["power"]["note"]
    assert 0.0 < items["deep_space"]["power"]["lunar_energy_share"] < 1.0
    # the deep-space LCOC shows the line items and they add up to it
    lcoc = data["lcoc"]["deep_space"]
    lines = lcoc["breakdown_usd_per_pflop_day"]
    assert {"teleoperation", "operations", "fabs", "mass_drivers", "power", "transmission"} <= set(lines)
    assert sum(lines.values()) == pytest.approx(lcoc["usd_per_pflop_day"], rel=1e-9)
    assert items["deep_space"]["chips"]["usd_per_pflop_day"] == pytest.approx(
        lines["accelerators"] + lines["spares"], rel=1e-12)
    view = data["deep_space_per_delivered"]
    cash = view["earth_cash_usd_per_pflop_day"]
    assert cash["total"] == pytest.approx(sum(v for k, v in cash.items() if k != "total"), rel=1e-9)
    resources = view["lunar_resources_per_pflop_day"]
    assert set(resources) == set(view["units"])
    assert all(resources[k] > 0.0 for k in ("fired_mass_kg", "energy_j", "labour_hours", "land_m2_yr"))
