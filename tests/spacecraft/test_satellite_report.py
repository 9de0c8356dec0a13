"""Tests of moonbase.spacecraft.satellite_report (the JSON document of one satellite design)."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from numpy.testing import assert_allclose

from moonbase.constants import GRAY_PER_RAD, JOULES_PER_KWH, SECONDS_PER_YEAR
from moonbase.spacecraft.design import satellite_design
from moonbase.scenario.satellite_design import load_design_preset
from moonbase.spacecraft.design_presets import design_preset_names
from moonbase.spacecraft.economics import ground_energy_cost_usd_per_kw_year, launched_power_price_usd_per_kw_year
from moonbase.spacecraft.environment import orbit_environment
from moonbase.spacecraft.satellite_report import satellite_report

FLOAT_RTOL = 1e-12  # the report restates model floats; only rounding of sums and unit conversions may differ


@pytest.fixture(scope="module", params=design_preset_names())
def preset(request):
    resolved = load_design_preset(request.param)
    return resolved, satellite_report(resolved)


def test_satellite_report_is_plain_json(preset):
    _, report = preset
    assert json.loads(json.dumps(report, allow_nan=False)) == report
    tables = ("mass_breakdown_kg", "power_budget_w", "thermal_budget_w", "cost_breakdown_usd", "workloads",
              "reference")  # reference: the preset's published figures, as written ("575 kg")
    values = [value for key, value in report.items() if key not in tables]
    values += [value for key in tables for value in report.get(key, {}).values()]
    assert {type(value) for value in values} <= {float, str}  # no numpy scalars


def test_satellite_report_restates_the_design_and_orbit(preset):
    resolved, report = preset
    environment = orbit_environment(resolved.orbit_kind, **resolved.orbit,
                                    shield_kg_m2=resolved.inputs.shield_areal_density_kg_m2)
    budget = satellite_design(resolved.inputs, environment, **resolved.sizing)
    assert report["design"] == resolved.name
    assert report["orbit"] == resolved.orbit_kind.value
    for key in ("mass_kg", "power_w", "compute_power_w", "flops_per_s", "radiator_area_m2", "mean_compute_power_w"):
        assert_allclose(report[key], getattr(budget, key), rtol=FLOAT_RTOL, err_msg=key)
    assert_allclose(report["eclipse_fraction"], environment.eclipse_fraction, rtol=FLOAT_RTOL)
    assert_allclose(report["design_life_years"] * SECONDS_PER_YEAR, budget.life_s, rtol=FLOAT_RTOL)
    assert_allclose(report["dose_rad_per_year"] * GRAY_PER_RAD / SECONDS_PER_YEAR, budget.dose_rate_gy_s,
                    rtol=FLOAT_RTOL)


def test_satellite_report_budgets_add_up(preset):
    _, report = preset
    power = report["power_budget_w"]
    assert_allclose(power["compute"] + power["optical_terminals"] + power["bus"] + power["battery_charge"],
                    power["array_output"], rtol=FLOAT_RTOL)
    thermal = report["thermal_budget_w"]
    assert_allclose(thermal["waste_heat"] + thermal["absorbed_by_radiator"], thermal["radiated"], rtol=FLOAT_RTOL)
    assert_allclose(sum(report["cost_breakdown_usd"].values()), report["capex_usd"], rtol=FLOAT_RTOL)
    assert_allclose(sum(report["mass_breakdown_kg"].values()), report["mass_kg"], rtol=FLOAT_RTOL)


def test_launch_only_breakeven_prices_launched_power_at_the_ground_cost(preset):
    # arXiv:2511.19468's break-even: the launch price at which launched power costs what ground energy does
    _, report = preset
    life_s = report["design_life_years"] * SECONDS_PER_YEAR
    at_breakeven = launched_power_price_usd_per_kw_year(report["mass_kg"], report["breakeven_launch_price_usd_per_kg"],
                                                        report["power_w"], life_s)
    assert_allclose(at_breakeven, report["ground_cost_per_kw_year_usd"], rtol=FLOAT_RTOL)
    assert report["breakeven_launch_price_all_in_usd_per_kg"] < report["breakeven_launch_price_usd_per_kg"]


def test_missing_economics_take_the_documented_defaults():
    resolved = replace(load_design_preset("sso-datacenter"), economics={})
    report = satellite_report(resolved)
    assert report["launch_price_usd_per_kg"] == 200.0
    assert_allclose(report["ground_cost_per_kw_year_usd"],
                    ground_energy_cost_usd_per_kw_year(0.06 / JOULES_PER_KWH, 1.09, 0.0), rtol=FLOAT_RTOL)


def test_launch_price_scales_the_launched_power_price_only():
    resolved = load_design_preset("sso-datacenter")
    base = satellite_report(resolved)
    doubled = satellite_report(replace(resolved, economics={**resolved.economics,
                                                            "launch_price_usd_per_kg": 400.0}))
    assert_allclose(doubled["launched_power_price_usd_per_kw_year"],
                    2.0 * base["launched_power_price_usd_per_kw_year"], rtol=FLOAT_RTOL)
    assert doubled["ground_cost_per_kw_year_usd"] == base["ground_cost_per_kw_year_usd"]
    assert doubled["breakeven_launch_price_usd_per_kg"] == base["breakeven_launch_price_usd_per_kg"]


def test_reference_figures_are_passed_through_only_when_given():
    resolved = load_design_preset("sso-datacenter")
    assert "reference" not in satellite_report(replace(resolved, reference={}))
    reference = {"mass_kg": 5000.0, "source": "test"}
    assert satellite_report(replace(resolved, reference=reference))["reference"] == reference


def test_satellite_report_prints_nothing(preset, capsys):
    resolved, _ = preset
    satellite_report(resolved)
    assert capsys.readouterr() == ("", "")

