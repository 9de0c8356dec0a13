"""Tests of the mass driver's capacity in the system model (moonbase.massdriver.capacity)."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from moonbase.constants import SECONDS_PER_YEAR
from moonbase.errors import ModelDomainError
from moonbase.massdriver.capacity import mass_driver_capacity, mass_driver_inputs
from moonbase.errors import ScenarioError
from moonbase.massdriver.design import mass_driver_design
from moonbase.scenario.loader import load_scenario, scenario_from_dict, scenario_from_toml, scenario_to_toml
from moonbase.scenario.params import mass_driver_choices, timeline_params

STEP_S = SECONDS_PER_YEAR / 12.0


def _scenario(**mass_driver):
    return scenario_from_dict({"base": "alpha", "mass_driver": mass_driver})


def test_capacity_fields_and_shapes():
    scenario = _scenario()
    params = timeline_params(scenario, samples=4)
    cap = mass_driver_capacity(params, STEP_S, mass_driver_choices(scenario.mass_driver))
    for name, value in vars(cap).items():
        assert np.shape(value) == (4,), name
        assert np.all(np.isfinite(value)) and np.all(value >= 0.0), name
    design = mass_driver_design(mass_driver_inputs({k: v[0] for k, v in params.items() if np.ndim(v) == 1},
                                                     mass_driver_choices(scenario.mass_driver)))
    assert_allclose(cap.mass_per_step_kg, design.throughput_kg_s * STEP_S, rtol=1e-12)
    assert_allclose(cap.energy_per_kg_j_kg, design.energy_per_launch_j / 1000.0, rtol=1e-12)
    assert_allclose(cap.earth_made_mass_kg + cap.lunar_made_mass_kg, design.mass_total_kg, rtol=1e-12)
    assert np.all(cap.energy_per_kg_j_kg >= 0.5 * params["mass_driver.exit_speed_m_s"] ** 2)


def test_lumped_model_uses_the_efficiency_field():
    scenario = _scenario(energy_model="lumped", efficiency=0.5, carrier_energy_recovery=0.0)
    params = timeline_params(scenario)
    cap = mass_driver_capacity(params, STEP_S, mass_driver_choices(scenario.mass_driver))
    v = params["mass_driver.exit_speed_m_s"]
    expected = (1000.0 + 500.0) * 0.5 * v**2 / 0.5 / 1000.0
    assert_allclose(cap.energy_per_kg_j_kg, expected, rtol=1e-12)


def test_efficiency_given_to_the_coil_stage_model_is_an_error():
    """The coil-stage design never reads ``efficiency``: giving it would be silently ignored."""
    with pytest.raises(ScenarioError, match='efficiency is not read for energy_model = "coil_stage"'):
        _scenario(efficiency=0.6)


def test_the_resolved_scenario_shows_the_unread_efficiency_as_unused_and_reads_back():
    alpha = load_scenario("alpha")  # coil_stage, efficiency not given: alpha's results do not read it
    text = scenario_to_toml(alpha)
    assert 'efficiency = "unused"' in text and 'energy_model = "coil_stage"' in text
    assert scenario_from_toml(text, "resolved").mass_driver == alpha.mass_driver
    lumped = scenario_to_toml(_scenario(energy_model="lumped", efficiency=0.5))
    assert "\nefficiency = 0.5\n" in lumped and 'efficiency = "unused"' not in lumped


def test_choices_reach_the_design():
    polar = _scenario(illumination_site="polar-ridge-best")
    equator = _scenario()
    cap_polar = mass_driver_capacity(timeline_params(polar), STEP_S, mass_driver_choices(polar.mass_driver))
    cap_equator = mass_driver_capacity(timeline_params(equator), STEP_S, mass_driver_choices(equator.mass_driver))
    assert_allclose(cap_polar.mass_per_step_kg / cap_equator.mass_per_step_kg, 0.86 / 0.5, rtol=1e-12)


def test_seam_rejects_what_the_power_system_cannot_supply():
    scenario = _scenario(max_launch_rate="20 1/s", power_available="10 GW")
    with pytest.raises(ModelDomainError, match="launch_rate_per_s"):
        mass_driver_capacity(timeline_params(scenario), STEP_S, mass_driver_choices(scenario.mass_driver))
