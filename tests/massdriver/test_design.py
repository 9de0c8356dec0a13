"""Tests of moonbase.massdriver.design and trade_study (the whole machine)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from numpy.testing import assert_allclose

from moonbase.constants import SECONDS_PER_YEAR
from moonbase.errors import ModelDomainError
from moonbase.massdriver.capacity import mass_driver_inputs
from moonbase.massdriver.design import mass_driver_design
from moonbase.massdriver.trade_study import mass_driver_trade_study
from moonbase.scenario.loader import load_scenario
from moonbase.scenario.params import mass_driver_choices, timeline_params

FLOAT_RTOL = 1e-12


@pytest.fixture(scope="module")
def alpha_inputs():
    scenario = load_scenario("alpha")
    params = {k: v[0] for k, v in timeline_params(scenario).items() if np.ndim(v) == 1}
    return mass_driver_inputs(params, mass_driver_choices(scenario.mass_driver))


@pytest.fixture(scope="module")
def alpha_design(alpha_inputs):
    return mass_driver_design(alpha_inputs)


def test_energy_per_launch_at_least_kinetic(alpha_design, alpha_inputs):
    kinetic = 0.5 * alpha_inputs.payload_mass_kg * alpha_inputs.exit_speed_m_s**2
    assert alpha_design.energy_per_launch_j >= kinetic
    assert 0.0 < alpha_design.overall_efficiency <= 1.0
    assert alpha_design.stage_energy_per_launch_j >= 0.5 * (alpha_inputs.payload_mass_kg
                                                            + alpha_inputs.carrier_mass_kg) * alpha_inputs.exit_speed_m_s**2


def test_track_at_least_v2_over_2a_plus_braking(alpha_design, alpha_inputs):
    v, a = alpha_inputs.exit_speed_m_s, alpha_inputs.max_acceleration_m_s2
    assert alpha_design.accelerator_length_m >= v**2 / (2 * a)
    assert_allclose(alpha_design.track_length_m, alpha_design.accelerator_length_m + alpha_design.braking_length_m,
                    rtol=FLOAT_RTOL)


def test_mass_split_and_throughput_consistent(alpha_design, alpha_inputs):
    d = alpha_design
    assert_allclose(d.mass_from_earth_kg + d.mass_lunar_kg, d.mass_total_kg, rtol=FLOAT_RTOL)
    assert 0.0 < d.mass_from_earth_kg < d.mass_total_kg
    expected = (alpha_inputs.launch_rate_per_s * alpha_inputs.payload_mass_kg * alpha_inputs.availability
                * alpha_inputs.illumination_fraction * SECONDS_PER_YEAR)  # idle at night at the equator
    assert_allclose(d.throughput_kg_per_year, expected, rtol=FLOAT_RTOL)
    assert_allclose(d.average_power_w, d.firing_power_w * d.effective_availability, rtol=FLOAT_RTOL)
    assert d.peak_power_w >= d.launch_peak_power_w >= d.firing_power_w / max(d.launches_in_flight, 1.0)


def test_stored_night_costs_batteries_and_fires_more(alpha_inputs):
    idle = mass_driver_design(alpha_inputs)
    stored = mass_driver_design(replace(alpha_inputs, night_operation="stored"))
    assert stored.throughput_kg_per_year > idle.throughput_kg_per_year
    assert stored.night_store_mass_kg > 0.0 and idle.night_store_mass_kg == 0.0
    assert stored.mass_from_earth_kg > idle.mass_from_earth_kg
    assert stored.solar_field_area_m2 > idle.solar_field_area_m2


def test_higher_g_shortens_track_but_costs_payload(alpha_inputs):
    low = mass_driver_design(replace(alpha_inputs, max_acceleration_m_s2=300.0))
    high = mass_driver_design(replace(alpha_inputs, max_acceleration_m_s2=3000.0))
    assert high.track_length_m < low.track_length_m
    assert high.useful_payload_kg < low.useful_payload_kg


def test_storage_choice_changes_store_not_energy_physics(alpha_inputs):
    fly = mass_driver_design(alpha_inputs)
    cap = mass_driver_design(replace(alpha_inputs, storage="capacitor"))
    assert_allclose(cap.stage_energy_per_launch_j, fly.stage_energy_per_launch_j, rtol=FLOAT_RTOL)
    assert cap.storage_mass_kg != fly.storage_mass_kg


def test_design_vectorises_over_samples(alpha_inputs):
    speeds = np.array([2500.0, 2600.0, 2700.0])
    many = mass_driver_design(replace(alpha_inputs, exit_speed_m_s=speeds), n_segments=64)
    for k, speed in enumerate(speeds):
        one = mass_driver_design(replace(alpha_inputs, exit_speed_m_s=speed), n_segments=64)
        assert_allclose(many.energy_per_launch_j[k], one.energy_per_launch_j, rtol=1e-12)
        assert_allclose(many.mass_total_kg[k], one.mass_total_kg, rtol=1e-12)


@pytest.mark.parametrize(
    ("change", "name"),
    [
        (dict(exit_speed_m_s=0.0), "exit_speed_m_s"),
        (dict(max_acceleration_m_s2=-10.0), "max_acceleration_m_s2"),
        (dict(payload_mass_kg=2000.0), "payload_mass_kg = 2000 kg is above the carrier's rating"),
        (dict(launch_rate_per_s=20.0), "launch_rate_per_s = 20 needs"),
        (dict(launch_rate_per_s=0.0), "launch_rate_per_s"),
        (dict(storage="batteries"), "storage"),
        (dict(night_operation="sleep"), "night_operation"),
    ],
)
def test_design_bad_input(alpha_inputs, change, name):
    with pytest.raises(ModelDomainError, match=name):
        mass_driver_design(replace(alpha_inputs, **change))


def test_trade_study_grid(alpha_inputs):
    study = mass_driver_trade_study(alpha_inputs, [200.0, 1000.0, 2000.0], [2300.0, 2600.0], n_segments=32)
    assert study.track_length_m.shape == (3, 2)
    assert np.all(np.diff(study.track_length_m, axis=0) < 0.0)  # higher g, shorter track
    assert np.all(np.diff(study.track_length_m, axis=1) > 0.0)  # faster, longer track
    assert np.all(np.isinf(study.energy_per_tonne_delivered_j[:, 0]))  # 2.3 km/s does not escape
    assert np.all(np.isfinite(study.energy_per_tonne_delivered_j[:, 1]))
    assert np.all(np.diff(study.energy_per_tonne_delivered_j[:, 1]) > 0.0)  # g penalty dominates here
    # at 510 g0 the ruggedised structure (0.15 x (sqrt(85) - 1) = 1.23) leaves no useful payload
    crushed = mass_driver_trade_study(alpha_inputs, [5000.0], [2600.0], n_segments=16)
    assert crushed.useful_payload_fraction[0, 0] == 0.0 and np.isinf(crushed.energy_per_tonne_delivered_j[0, 0])
    with pytest.raises(ModelDomainError, match="exit_speed_m_s"):
        mass_driver_trade_study(alpha_inputs, [1000.0], [0.0])


def test_every_mass_driver_design_choice_is_argued_in_the_design_note():
    import re
    from pathlib import Path

    from moonbase.scenario.schema import CoilStageDesign, MassDriver

    note = (Path(__file__).resolve().parents[2] / "docs" / "design" / "mass_driver_machine.md").read_text()
    marked = []
    for prefix, model in (("mass_driver.", MassDriver), ("mass_driver.electromagnetics.", CoilStageDesign)):
        for name, info in model.model_fields.items():
            if "moonbase design choice" in (info.json_schema_extra or {}).get("source", ""):
                marked.append(prefix + (info.alias or name))
    assert marked
    missing = [path for path in marked if not re.search(rf"`{re.escape(path)}`", note)]
    assert not missing, missing
