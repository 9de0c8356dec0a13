"""Sensitivity: the input that drives an output is named; an inert one is not."""

from __future__ import annotations

import pytest

from moonbase.analysis.sensitivity import sensitivity
from moonbase.errors import ScenarioError
from moonbase.scenario.loader import load_scenario, scenario_from_dict


def scenario():
    # Earth-orbit power grows with the payload per launch; the lunar bus cost does not touch it.
    return scenario_from_dict({"base": "alpha", "name": "sens", "span": {"end_year": 2036}, "uncertainty": {
        "launch.payload": {"distribution": "uniform", "low": "50 t", "high": "150 t"},
        "lunar.earth_hardware_cost": {"distribution": "uniform", "low": "500 USD/kg", "high": "2000 USD/kg"}}})


def test_the_driving_input_decides_and_the_inert_one_does_not():
    result = sensitivity(scenario(), "end_earth_orbit_compute_power_w", base_samples=16, seed=1)
    assert result.decisive == ("launch.payload",)
    assert result.total_order["launch.payload"] > 0.9  # it explains nearly all the variance
    assert result.total_order["lunar.earth_hardware_cost"] == pytest.approx(0.0, abs=1e-6)
    assert result.tornado[0]["input"] == "launch.payload"
    assert result.tornado[0]["output_high"] > result.tornado[0]["output_low"]
    assert result.tornado[1]["swing"] == 0.0
    assert result.sentence().startswith("end_earth_orbit_compute_power_w is decided by launch.payload (ST ")
    assert result.samples == 16 * (2 + 2) + 2 * 2 + 1


def test_bad_requests_are_one_line_errors():
    with pytest.raises(ScenarioError, match=r"--output = 'first_year_1tw' is not an output.*first_year_1tw_yr"):
        sensitivity(scenario(), "first_year_1tw", base_samples=16)
    with pytest.raises(ScenarioError, match="has no \\[uncertainty\\] table"):
        sensitivity(load_scenario("alpha"), "cumulative_cost_usd", base_samples=16)
    with pytest.raises(ScenarioError, match="--samples = 20 is not a power of 2"):
        sensitivity(scenario(), "cumulative_cost_usd", base_samples=20)
