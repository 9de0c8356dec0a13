"""Tiers take their figures from their designs in their orbits (moonbase.spacecraft.tier)."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from moonbase.constants import SECONDS_PER_YEAR
from moonbase.errors import ScenarioError
from moonbase.scenario.loader import load_scenario, scenario_from_dict, scenario_from_toml, scenario_to_toml
from moonbase.scenario.params import timeline_choices, timeline_params
from moonbase.scenario.satellite_design import load_design_preset
from moonbase.spacecraft.design import satellite_design
from moonbase.spacecraft.environment import DOSE_FIGURES, OrbitKind, orbit_environment
from moonbase.spacecraft.tier import tier_design, tier_specific_power_w_kg

FLOAT_RTOL = 1e-9  # same model on both sides; the year-grid is identical


def test_earth_orbit_tier_is_the_sso_datacenter_preset_in_its_orbit():
    params = timeline_params(load_scenario("alpha"), samples=2)
    preset = load_design_preset("sso-datacenter")
    env = orbit_environment(preset.orbit_kind, **preset.orbit, shield_kg_m2=27.0)
    direct = satellite_design(preset.inputs, env)
    assert_allclose(tier_specific_power_w_kg(params, "earth_orbit", "sso-dawn-dusk"),
                    direct.compute_specific_power_w_kg, rtol=FLOAT_RTOL)
    figures = tier_design(params, "earth_orbit", "sso-dawn-dusk")
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
        "orbit": "geo", "design": {"radiator_temperature": "350 K"}}})
    params = timeline_params(scenario, samples=3)
    params["earth_orbit.design.cell_efficiency"] = np.array([0.2, 0.22, 0.24])
    figures = tier_design(params, "earth_orbit", scenario.earth_orbit.orbit)
    assert np.all(np.diff(figures.specific_power_w_kg) > 0.0)  # better cells, lighter satellite
    assert_allclose(figures.eclipse_fraction, 0.0094, atol=2e-4)  # GEO: two ~45-day seasons of <= 69 min
    assert np.all(figures.design_life_s < 5 * SECONDS_PER_YEAR)  # GEO dose limits the 2 krad electronics


def _orbit_design(**earth_orbit):
    scenario = scenario_from_dict({"base": "alpha", "earth_orbit": earth_orbit})
    return tier_design(timeline_params(scenario), "earth_orbit", timeline_choices(scenario)["earth_orbit"]["orbit"])


def test_the_orbit_kind_selects_the_environment_not_the_altitude():
    """Same altitude, two kinds: SSO dawn-dusk is nearly eclipse-free, a 53 deg LEO shell is not."""
    sso = _orbit_design(altitude="1000 km")
    leo = _orbit_design(orbit="leo", altitude="1000 km", inclination="53 deg")
    # dawn-dusk: shadow only in the solstice season (~1.5 % of the year at 1,000 km); a drifting 53 deg shell
    # sees the full-shadow arc arcsin(R / (R + h)) / pi = 33 % at beta = 0 and less at higher beta
    assert sso.eclipse_fraction[0] < 0.05 and 0.2 < leo.eclipse_fraction[0] < 0.332
    assert_allclose(sso.dose_rate_gy_s, leo.dose_rate_gy_s, rtol=1e-12)  # one LEO figure, stated at 650 km


def test_meo_and_geo_take_the_electron_belt_dose_and_shorter_lives():
    meo = _orbit_design(orbit="meo", altitude="20200 km", inclination="55 deg")
    geo = _orbit_design(orbit="geo")
    leo = _orbit_design(orbit="leo", altitude="550 km")
    belts = DOSE_FIGURES[OrbitKind.GEO].dose_rate_gy_s
    for design in (meo, geo):
        assert design.dose_rate_gy_s[0] > 5.0 * leo.dose_rate_gy_s[0]
        assert design.radiation_life_s[0] < leo.radiation_life_s[0]
    assert_allclose(geo.dose_rate_gy_s, belts, rtol=1e-12)  # at the reference shield (27 kg/m2) of the figure


@pytest.mark.parametrize("earth_orbit, message", [
    ({"orbit": "leo", "altitude": "20000 km"}, "outside the leo range"),
    ({"orbit": "geo", "altitude": "700 km"}, "altitude is not read for orbit"),
    ({"inclination": "97 deg"}, "inclination is not read for orbit"),
    ({"orbit": "sso"}, "sso-dawn-dusk"),
])
def test_an_orbit_field_the_kind_does_not_read_or_cannot_fly_is_an_error(earth_orbit, message):
    with pytest.raises(ScenarioError, match=message):
        scenario_from_dict({"base": "alpha", "earth_orbit": earth_orbit})


def test_the_resolved_scenario_marks_unused_orbit_fields_and_reads_back():
    scenario = scenario_from_dict({"base": "alpha", "earth_orbit": {"orbit": "geo"}})
    text = scenario_to_toml(scenario)
    assert 'altitude = "unused"' in text and 'inclination = "unused"' in text
    assert scenario_from_toml(text, "resolved").earth_orbit == scenario.earth_orbit
