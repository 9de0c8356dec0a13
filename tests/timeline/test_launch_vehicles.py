"""Launch vehicle families: ``[launch]`` is the first, each ``[[launch.vehicles]]`` table adds one."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from moonbase.errors import ScenarioError
from moonbase.scenario.loader import load_scenario, scenario_from_dict, scenario_from_toml, scenario_to_toml
from moonbase.timeline.run import run

#: Same operations on the same inputs, combined through one weighted mean: rounding only.
ROUNDING = 1e-12


def _timeline(**launch):
    return run(scenario_from_dict({"base": "alpha", "span": {"end_year": 2045}, "launch": launch})).timeline


def _twin():
    """A second family identical to alpha's first."""
    first = load_scenario("alpha").launch.model_dump(by_alias=True, exclude={"vehicles", "architecture_share"})
    return {**first, "name": "twin"}


def test_one_vehicle_reads_as_before():
    scenario = load_scenario("alpha")
    assert scenario.launch.vehicles == [] and scenario.launch.name == "starship"


def test_a_twin_family_doubles_the_market_at_the_same_price():
    one = _timeline()
    two = _timeline(vehicles=[_twin()])
    assert_allclose(two.series["earth_launch_price_usd_per_kg"], one.series["earth_launch_price_usd_per_kg"],
                    rtol=ROUNDING)
    # Earth orbit is capped by launch capacity in alpha's first years: twice the flights, twice the mass
    year = np.searchsorted(one.span.start_year + (np.arange(one.span.steps) + 1) / 12, 2030)
    assert_allclose(two.series["earth_orbit_deployed_mass_kg"][0, year],
                    2.0 * one.series["earth_orbit_deployed_mass_kg"][0, year], rtol=1e-9)
    launches_per_kg = two.series["earth_launches"] / np.maximum(two.series["earth_launched_mass_kg"], 1e-300)
    assert_allclose(launches_per_kg[two.series["earth_launched_mass_kg"] > 0], 1.0 / 100e3, rtol=ROUNDING)


def test_a_cheaper_larger_family_lowers_the_mean_price_and_the_launches_per_kg():
    one = _timeline()
    big = _timeline(vehicles=[{**_twin(), "name": "big", "payload": "200 t", "reference_price": "900 USD/kg"}])
    mass = big.series["earth_launched_mass_kg"] > 0
    assert np.all(big.series["earth_launch_price_usd_per_kg"] <= one.series["earth_launch_price_usd_per_kg"] + 1e-9)
    per_kg = big.series["earth_launches"][mass] / big.series["earth_launched_mass_kg"][mass]
    assert np.all((per_kg > 1.0 / 200e3) & (per_kg < 1.0 / 100e3))


def test_vehicle_tables_round_trip_through_the_resolved_scenario():
    scenario = scenario_from_dict({"base": "alpha", "launch": {"vehicles": [_twin()]}})
    text = scenario_to_toml(scenario)
    assert "[[launch.vehicles]]" in text and 'name = "twin"' in text
    assert scenario_from_toml(text, "resolved").launch == scenario.launch


def test_an_unknown_key_in_a_vehicle_table_names_its_path():
    with pytest.raises(ScenarioError, match="launch.vehicles"):
        scenario_from_dict({"base": "alpha", "launch": {"vehicles": [{"name": "x", "payload_t": "20 t"}]}})
