"""Tests of moonbase.massdriver.electromagnetics (coil-stage linear synchronous motor)."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from moonbase.constants import STANDARD_GRAVITY_M_S2
from moonbase.errors import ModelDomainError
from moonbase.massdriver.electromagnetics import (
    CONDUCTORS,
    adiabatic_current_density_a_m2,
    coil_stage_profile,
    linear_current_density_a_m,
    lsm_thrust_n,
    stage_pulse_duration_s,
)

FLOAT_RTOL = 1e-12
EMALS_SPEED_M_S = 130.0 * 1852.0 / 3600.0  # 130 kn; the knot is 1852 m per hour (exact)
EMALS_STROKE_M = 91.0  # 300 ft
EMALS_MASS_KG = 45_000.0  # 100,000 lb
EMALS_ENERGY_J = 122e6


def test_thrust_and_loading_are_inverse():
    loading = linear_current_density_a_m(1.5e6, 1.2, 0.8)
    assert_allclose(lsm_thrust_n(1.2, loading, 0.8), 1.5e6, rtol=FLOAT_RTOL)
    assert lsm_thrust_n(1.0, 0.0, 1.0) == 0.0


def test_pulse_duration_limits():
    # constant speed: d / v; from rest: sqrt(2 d / a)
    assert_allclose(stage_pulse_duration_s(100.0, 0.0, 3.0), 0.03, rtol=FLOAT_RTOL)
    assert_allclose(stage_pulse_duration_s(0.0, 1000.0, 2.0), np.sqrt(4.0 / 1000.0), rtol=FLOAT_RTOL)


def test_adiabatic_current_density_heats_by_the_allowed_rise():
    al = CONDUCTORS["aluminium"]
    j = adiabatic_current_density_a_m2(0.01, 50.0, al.resistivity_ohm_m, al.density_kg_m3, al.specific_heat_j_kg_k)
    heat_per_m3 = al.resistivity_ohm_m * j**2 * 0.01
    assert_allclose(heat_per_m3 / (al.density_kg_m3 * al.specific_heat_j_kg_k), 50.0, rtol=FLOAT_RTOL)


def test_integrated_force_gives_the_exit_speed():
    # Midpoint sums over 256 segments of a jerk-limited profile: discretisation ~1e-4.
    for speed, accel, jerk in ((2600.0, 1000.0, 1000.0), (112.0, 4903.325, np.inf), (2400.0, 300.0, 50.0)):
        profile = coil_stage_profile(speed, accel, 1500.0, jerk_m_s3=jerk)
        assert_allclose(profile.exit_speed_from_force_m_s, speed, rtol=1e-3)
        assert_allclose(profile.mechanical_work_j, 0.5 * 1500.0 * speed**2, rtol=2e-3)


def test_energy_at_least_kinetic_and_efficiency_bounded():
    profile = coil_stage_profile(2600.0, 1000.0, 1500.0, jerk_m_s3=1000.0)
    assert profile.launch_electrical_energy_j >= profile.mechanical_work_j
    assert np.all((profile.efficiency > 0.0) & (profile.efficiency <= 0.95 + 1e-12))  # <= converter efficiency
    assert_allclose(profile.launch_electrical_energy_j,
                    (profile.mechanical_work_j + profile.resistive_loss_j) / 0.95, rtol=1e-9)
    # peak power near the muzzle: ~ m a v / eta
    assert_allclose(profile.peak_power_w, 1500.0 * 1000.0 * 2600.0 / 0.95, rtol=0.01)
    # stage efficiency rises with speed (losses matter only where the carrier is slow)
    assert np.all(np.diff(profile.efficiency[128:]) >= -1e-12)


def test_current_density_respects_cap_and_heating_limit():
    profile = coil_stage_profile(2600.0, 1000.0, 1500.0, jerk_m_s3=1000.0, max_current_density_a_m2=5e7)
    assert np.all(profile.current_density_a_m2 <= 5e7 * (1 + FLOAT_RTOL))
    al = CONDUCTORS["aluminium"]
    rise = (al.resistivity_ohm_m * profile.current_density_a_m2**2 * profile.pulse_duration_s
            / (al.density_kg_m3 * al.specific_heat_j_kg_k))
    assert np.all(rise <= 50.0 * (1 + 1e-9))


def test_longer_stages_trade_switch_rating_for_losses():
    short = coil_stage_profile(2600.0, 1000.0, 1500.0, stage_length_m=0.5)
    long = coil_stage_profile(2600.0, 1000.0, 1500.0, stage_length_m=8.0)
    assert long.switch_rating_w < short.switch_rating_w
    assert long.resistive_loss_j > short.resistive_loss_j
    assert long.number_of_stages < short.number_of_stages


def test_coil_stage_efficiency_exceeds_oneill_ssi_1976_estimate():
    # SSI (1976): overall efficiency estimated above 60 % for ~5 kg buckets carrying ~9 kg to >2.4 km/s.
    profile = coil_stage_profile(2400.0, 1000.0, 14.0, magnet_length_m=0.2, magnet_width_m=0.1,
                                 stage_length_m=0.2)
    assert profile.mechanical_work_j / profile.launch_electrical_energy_j > 0.6


def test_launch_energy_matches_emals_within_stated_tolerance():
    # EMALS: 45 t to 130 kn over 91 m, 122 MJ per launch. The shuttle armature is not published;
    # with ours (1 T, 6 m x 0.5 m, copper, 1 m stages) the model gives 135.6 MJ: +11 %, inside
    # the 15 % that the unpublished geometry and the meaning of "122 MJ" leave open.
    accel = EMALS_SPEED_M_S**2 / (2.0 * EMALS_STROKE_M)
    profile = coil_stage_profile(EMALS_SPEED_M_S, accel, EMALS_MASS_KG, magnet_length_m=6.0, magnet_width_m=0.5,
                                 stage_length_m=1.0, conductor_name="copper")
    kinetic = 0.5 * EMALS_MASS_KG * EMALS_SPEED_M_S**2
    assert_allclose(kinetic, 100.6e6, rtol=1e-3)
    assert_allclose(profile.length_m, EMALS_STROKE_M, rtol=FLOAT_RTOL)
    assert profile.launch_electrical_energy_j > kinetic
    assert_allclose(profile.launch_electrical_energy_j, EMALS_ENERGY_J, rtol=0.15)
    assert profile.acceleration_m_s2.max() / STANDARD_GRAVITY_M_S2 < 3.0  # the aircraft's ~2.5 g0


def test_profile_shapes_broadcast():
    speeds = np.array([2000.0, 2600.0])
    accels = np.array([[500.0], [1000.0]])
    grid = coil_stage_profile(speeds, accels, 1500.0, n_segments=32)
    assert grid.launch_electrical_energy_j.shape == (2, 2)
    assert grid.force_n.shape == (2, 2, 32)
    one = coil_stage_profile(2600.0, 500.0, 1500.0, n_segments=32)
    assert isinstance(one.launch_electrical_energy_j, float)
    assert_allclose(grid.launch_electrical_energy_j[0, 1], one.launch_electrical_energy_j, rtol=FLOAT_RTOL)


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        (dict(exit_speed_m_s=0.0), "exit_speed_m_s"),
        (dict(max_acceleration_m_s2=-1.0), "max_acceleration_m_s2"),
        (dict(accelerated_mass_kg=0.0), "accelerated_mass_kg"),
        (dict(air_gap_field_t=0.0), "air_gap_field_t"),
        (dict(stage_length_m=0.0), "stage_length_m"),
        (dict(converter_efficiency=1.5), "converter_efficiency"),
        (dict(end_winding_factor=0.5), "end_winding_factor"),
        (dict(conductor_name="gold"), "conductor"),
        (dict(n_segments=1), "n_segments"),
    ],
)
def test_coil_stage_bad_input(kwargs, name):
    args = dict(exit_speed_m_s=2600.0, max_acceleration_m_s2=1000.0, accelerated_mass_kg=1500.0)
    args.update(kwargs)
    with pytest.raises(ModelDomainError, match=name):
        coil_stage_profile(**args)
