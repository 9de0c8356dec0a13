"""Tests of moonbase.massdriver.kinematics (jerk-limited track, braking, g-limit penalty)."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from moonbase.constants import STANDARD_GRAVITY_M_S2
from moonbase.errors import ModelDomainError
from moonbase.massdriver.energy import track_length_m
from moonbase.massdriver.kinematics import (
    accelerator_length_m,
    braking_length_m,
    kinematic_state,
    ruggedisation_mass_fraction,
    time_on_track_s,
)

FLOAT_RTOL = 1e-12  # closed forms: only rounding


def test_accelerator_length_matches_mass_driver_2_1980():
    # 112 m/s at up to 500 g0 in a 1.25 m section (SSI 1980, restated): v^2/2a = 1.279 m, +2.3 %.
    length = accelerator_length_m(112.0, 500.0 * STANDARD_GRAVITY_M_S2)
    assert_allclose(length, 1.25, rtol=0.05)  # 500 g is a peak figure; the source rounds both


def test_length_is_at_least_v2_over_2a_and_tends_to_it():
    rng = np.random.default_rng(4)
    speed = rng.uniform(10.0, 4000.0, 300)
    accel = rng.uniform(10.0, 1.0e4, 300)
    jerk = rng.uniform(10.0, 1.0e6, 300)
    floor = speed**2 / (2.0 * accel)
    assert np.all(accelerator_length_m(speed, accel, jerk) >= floor * (1 - FLOAT_RTOL))
    assert np.all(time_on_track_s(speed, accel, jerk) >= speed / accel * (1 - FLOAT_RTOL))
    assert_allclose(accelerator_length_m(speed, accel), floor, rtol=FLOAT_RTOL)  # step in acceleration
    assert_allclose(accelerator_length_m(speed, accel, 1e12), floor, rtol=1e-9)


def test_closed_form_matches_numerical_integration():
    # Integrate the jerk-limited profile in time (fine steps) and compare with the closed forms.
    for speed, accel, jerk in ((2600.0, 1000.0, 1000.0), (100.0, 1000.0, 1000.0)):
        t_end = time_on_track_s(speed, accel, jerk)
        t = np.linspace(0.0, t_end, 200_001)
        a = np.minimum(jerk * t, accel)
        v = np.concatenate(([0.0], np.cumsum(0.5 * (a[1:] + a[:-1]) * np.diff(t))))
        x = np.sum(0.5 * (v[1:] + v[:-1]) * np.diff(t))
        assert_allclose(v[-1], speed, rtol=1e-6)  # trapezoid on 2e5 steps: ~1e-10 relative
        assert_allclose(x, accelerator_length_m(speed, accel, jerk), rtol=1e-6)


def test_kinematic_state_end_points_and_monotonic():
    length = accelerator_length_m(2600.0, 1000.0, 1000.0)
    x = np.linspace(0.0, length, 501)
    state = kinematic_state(x, 2600.0, 1000.0, 1000.0)
    assert state.speed_m_s[0] == 0.0 and state.time_s[0] == 0.0
    assert_allclose(state.speed_m_s[-1], 2600.0, rtol=1e-9)
    assert_allclose(state.time_s[-1], time_on_track_s(2600.0, 1000.0, 1000.0), rtol=1e-9)
    assert np.all(np.diff(state.speed_m_s) > 0.0) and np.all(np.diff(state.time_s) > 0.0)
    assert np.all(state.acceleration_m_s2 <= 1000.0 + 1e-9)
    # v^2 = 2 a x on the plateau of a step profile
    x_step = np.linspace(0.0, accelerator_length_m(2600.0, 1000.0), 501)
    step = kinematic_state(x_step, 2600.0, 1000.0)
    assert_allclose(step.speed_m_s, np.sqrt(2000.0 * x_step), rtol=FLOAT_RTOL, atol=1e-9)


def test_kinematics_shapes():
    speeds = np.array([2000.0, 2600.0])
    accels = np.array([[500.0], [1000.0], [2000.0]])
    grid = accelerator_length_m(speeds, accels, 1000.0)
    assert grid.shape == (3, 2)
    for i in range(3):
        for j in range(2):
            assert_allclose(grid[i, j], accelerator_length_m(speeds[j], accels[i, 0], 1000.0), rtol=FLOAT_RTOL)
    assert isinstance(accelerator_length_m(2600.0, 1000.0), float)
    assert isinstance(time_on_track_s(2600.0, 1000.0), float)


def test_braking_length_is_constant_deceleration():
    assert braking_length_m(2600.0, 2000.0) == track_length_m(2600.0, 2000.0) == 1690.0
    assert braking_length_m(0.0, 2000.0) == 0.0


def test_ruggedisation_limits_and_monotonic():
    assert ruggedisation_mass_fraction(30.0, 60.0, 0.15) == 0.0  # below the rated load: nothing extra
    assert ruggedisation_mass_fraction(600.0, 60.0, 0.15, 0.0) == 0.0  # exponent 0: load-independent
    assert_allclose(ruggedisation_mass_fraction(600.0, 60.0, 0.15, 1.0), 0.15 * 9.0, rtol=FLOAT_RTOL)  # ties
    assert_allclose(ruggedisation_mass_fraction(240.0, 60.0, 0.15), 0.15, rtol=FLOAT_RTOL)  # sqrt(4) - 1 = 1
    values = ruggedisation_mass_fraction(np.geomspace(60.0, 1e4, 20), 60.0, 0.15)
    assert np.all(np.diff(values) > 0.0)


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: accelerator_length_m(0.0, 1000.0), "exit_speed_m_s"),
        (lambda: accelerator_length_m(2600.0, -1.0), "max_acceleration_m_s2"),
        (lambda: time_on_track_s(2600.0, 0.0), "max_acceleration_m_s2"),
        (lambda: accelerator_length_m(2600.0, 1000.0, 0.0), "jerk_m_s3"),
        (lambda: braking_length_m(2600.0, 0.0), "braking_deceleration_m_s2"),
        (lambda: kinematic_state(1e6, 2600.0, 1000.0), "position_m"),
        (lambda: ruggedisation_mass_fraction(1000.0, 60.0, 1.0), "structure_mass_fraction"),
        (lambda: ruggedisation_mass_fraction(1000.0, 0.0, 0.1), "rated_acceleration_m_s2"),
        (lambda: ruggedisation_mass_fraction(1000.0, 60.0, 0.1, 2.0), "scaling_exponent"),
    ],
)
def test_kinematics_bad_input(call, name):
    with pytest.raises(ModelDomainError, match=name):
        call()
