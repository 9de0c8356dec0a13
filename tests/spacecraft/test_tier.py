"""Tests of the seam moonbase.spacecraft.tier: tiers take their figures from the designs."""

from __future__ import annotations

import numpy as np
from numpy.testing import assert_allclose

from moonbase.constants import SECONDS_PER_YEAR
from moonbase.scenario.loader import load_scenario, scenario_from_dict
from moonbase.scenario.params import timeline_params
from moonbase.scenario.satellite_design import load_design_preset
from moonbase.spacecraft.design import satellite_design
from moonbase.spacecraft.environment import orbit_environment
from moonbase.spacecraft.tier import tier_design, tier_specific_power_w_kg

FLOAT_RTOL = 1e-9  # same model on both sides; the year-grid is identical


def test_earth_orbit_tier_is_the_sso_datacenter_preset_in_its_orbit():
    params = timeline_params(load_scenario("alpha"), samples=2)
    preset = load_design_preset("sso-datacenter")
    env = orbit_environment(preset.orbit_kind, **preset.orbit, shield_kg_m2=27.0)
    direct = satellite_design(preset.inputs, env)
    assert_allclose(tier_specific_power_w_kg(params, "earth_orbit"), direct.compute_specific_power_w_kg,
                    rtol=FLOAT_RTOL)
    figures = tier_design(params, "earth_orbit")
    assert figures.specific_power_w_kg.shape == (2,)
    assert_allclose(figures.design_life_s, 5 * SECONDS_PER_YEAR, rtol=FLOAT_RTOL)
    assert np.all((0.9 < figures.mean_power_factor) & (figures.mean_power_factor < 1.0))


def test_deep_space_tier_has_no_eclipse_and_its_degradation():
    params = timeline_params(load_scenario("alpha"), samples=1)
    figures = tier_design(params, "deep_space")
    assert figures.eclipse_fraction[0] == 0.0
    assert_allclose(figures.degradation_rate_per_s * SECONDS_PER_YEAR, -np.log(0.99), rtol=1e-12)  # 1 %/yr compound


def test_scenario_overrides_and_monte_carlo_arrays_reach_the_design():
    scenario = scenario_from_dict({"base": "alpha", "name": "geo", "earth_orbit": {
        "altitude": "35786 km", "sun_synchronous": False, "inclination": "0 deg",
        "design": {"radiator_temperature": "350 K"}}})
    params = timeline_params(scenario, samples=3)
    params["earth_orbit.design.cell_efficiency"] = np.array([0.2, 0.22, 0.24])
    figures = tier_design(params, "earth_orbit")
    assert np.all(np.diff(figures.specific_power_w_kg) > 0.0)  # better cells, lighter satellite
    assert_allclose(figures.eclipse_fraction, 0.0094, atol=2e-4)  # GEO: two ~45-day seasons of <= 69 min
    assert np.all(figures.design_life_s < 5 * SECONDS_PER_YEAR)  # GEO dose limits the 2 krad electronics
