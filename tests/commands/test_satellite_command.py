"""``moonbase satellite``: table, --json keys, --out files, design files, one-line errors with exit 2."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from moonbase.cli import app

runner = CliRunner()

REQUIRED_KEYS = (
    "mass_kg", "power_w", "specific_power_w_kg", "flops_per_s", "radiator_area_m2", "solar_array_area_m2",
    "eclipse_fraction", "design_life_years", "launched_power_price_usd_per_kw_year", "cost_per_kw_year_usd",
    "ground_cost_per_kw_year_usd", "breakeven_launch_price_usd_per_kg",
)


@pytest.mark.parametrize("preset", ["sso-datacenter", "starlink-v2-mini", "deep-space-lunar"])
def test_json_has_the_contract_keys(preset):
    result = runner.invoke(app, ["satellite", "--preset", preset, "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    for key in REQUIRED_KEYS:
        assert isinstance(report[key], float), key
    masses = report["mass_breakdown_kg"]
    assert abs(sum(masses.values()) - report["mass_kg"]) < 1e-6 * report["mass_kg"]
    thermal = report["thermal_budget_w"]
    assert abs(thermal["radiated"] - thermal["waste_heat"] - thermal["absorbed_by_radiator"]) < 1e-6 * thermal["radiated"]


def test_launch_price_flag_scales_the_launched_power_price():
    low, high = (json.loads(runner.invoke(app, ["satellite", "--launch-price", p, "--json"]).stdout)
                 for p in ("200 USD/kg", "3600 USD/kg"))
    assert abs(high["launched_power_price_usd_per_kw_year"] / low["launched_power_price_usd_per_kw_year"] - 18.0) < 1e-9


def test_orbit_flags_change_the_environment():
    geo = json.loads(runner.invoke(app, ["satellite", "--orbit", "geo", "--json"]).stdout)
    assert abs(geo["max_eclipse_s"] / 60.0 - 69.4) < 0.1
    iss = json.loads(runner.invoke(app, ["satellite", "--orbit", "leo", "--altitude", "400 km",
                                         "--inclination", "51.6 deg", "--json"]).stdout)
    assert abs(iss["max_eclipse_s"] / 60.0 - 36.1) < 0.1
    deep = json.loads(runner.invoke(app, ["satellite", "--preset", "deep-space-lunar", "--json"]).stdout)
    assert deep["workloads"]["interactive_inference"] == 0.0 and deep["eclipse_fraction"] == 0.0


def test_table_and_out_folder(tmp_path):
    out = tmp_path / "sat"
    result = runner.invoke(app, ["satellite", "--preset", "starlink-v2-mini", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "launched power price" in result.stdout and "published mass" in result.stdout
    assert sorted(p.name for p in out.iterdir()) == ["cost_comparison.png", "mass_breakdown.png", "satellite.json"]
    assert json.loads((out / "satellite.json").read_text())["design"] == "starlink-v2-mini"


def test_design_file_starts_from_a_preset(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('[design]\npreset = "sso-datacenter"\naccelerators = 10\n')
    result = runner.invoke(app, ["satellite", "--design", str(path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["accelerators"] == 10.0 and report["orbit"] == "sso-dawn-dusk"


def _one_line_error(args, pattern):
    import re

    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output
    assert re.search(pattern, lines[0]), lines[0]


@pytest.mark.parametrize(("toml", "pattern"), [
    ('[design]\npreset = "sso-datacenter"\ncell_efficiency = 0.45\ncell_junctions = 1\n',
     r"cell_efficiency = 0.45 is above the Shockley-Queisser .* limit 0.3 for cell_junctions = 1"),
    ('[design]\npreset = "sso-datacenter"\n[sizing]\narray_area = "0 m2"\n', r"sizing.array_area = '0 m2'"),
    ('[design]\npreset = "sso-datacenter"\n[sizing]\nradiator_area = "5 m2"\n',
     r"radiator_area_m2 = 5 m2 is too small to reject .* needs at least"),
    ('[design]\npreset = "sso-datacenter"\nradiator_emissivity = 1.3\n', r"^error: design.radiator_emissivity = 1.3"),
    ('[design]\npreset = "sso-datacentre"\n', r"preset = 'sso-datacentre' is unknown.*Did you mean 'sso-datacenter'"),
    ('[orbit]\nkind = "mars"\n[design]\npreset = "sso-datacenter"\n', r"orbit.kind = 'mars' is unknown"),
])
def test_bad_designs_are_one_line_exit_2(tmp_path, toml, pattern):
    path = tmp_path / "bad.toml"
    path.write_text(toml)
    _one_line_error(["satellite", "--design", str(path)], pattern)


@pytest.mark.parametrize(("args", "pattern"), [
    (["--preset", "nope"], r"preset = 'nope' is unknown"),
    (["--launch-price", "200 USD"], r"economics.launch_price"),
    (["--orbit", "leo", "--altitude", "10 km"], r"orbit.altitude = '10 km' is outside"),
    (["--pue", "0.5"], r"economics.pue"),
    (["--preset", "sso-datacenter", "--design", "x.toml"], r"--preset and --design"),
])
def test_bad_flags_are_one_line_exit_2(args, pattern):
    _one_line_error(["satellite", *args], pattern)


def test_out_folder_that_exists_is_refused(tmp_path):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("x")
    _one_line_error(["satellite", "--out", str(tmp_path / "full")], r"--out = .* already exists")
