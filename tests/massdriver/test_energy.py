"""Tests of moonbase.massdriver.energy (energy per shot, average power, track length)."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from moonbase.constants import MOON_ESCAPE_SPEED_M_S, STANDARD_GRAVITY_M_S2
from moonbase.errors import ModelDomainError
from moonbase.massdriver.energy import (
    exit_speed_m_s,
    mass_driver_average_power_w,
    mass_driver_energy_per_launch_j,
    track_length_m,
)

FLOAT_RTOL = 1e-12  # closed-form arithmetic: only rounding


def test_energy_per_launch_matches_oneill_ssi_1976_arithmetic():
    # SSI (1976): ~5 kg buckets carrying ~9 kg to >2.4 km/s at >60 % overall efficiency.
    # No energy per shot is published; this pins our arithmetic on the published inputs.
    energy = mass_driver_energy_per_launch_j(9.0, 5.0, 2400.0, 0.6)
    assert_allclose(energy, 0.5 * 14.0 * 2400.0**2 / 0.6, rtol=FLOAT_RTOL)  # 67.2 MJ
    assert_allclose(energy / 9.0, 7.47e6, rtol=1e-3)  # 7.47 MJ per kg of payload
    recovered = mass_driver_energy_per_launch_j(9.0, 5.0, 2400.0, 0.6, carrier_energy_recovery=1.0)
    assert_allclose(energy - recovered, 0.5 * 5.0 * 2400.0**2, rtol=FLOAT_RTOL)


def test_energy_per_launch_lunar_escape_limit():
    # Ideal launcher, no carrier: exactly the payload kinetic energy, 2.83 MJ/kg at 2.38 km/s.
    assert_allclose(mass_driver_energy_per_launch_j(1.0, 0.0, MOON_ESCAPE_SPEED_M_S, 1.0),
                    0.5 * MOON_ESCAPE_SPEED_M_S**2, rtol=FLOAT_RTOL)


def test_energy_per_launch_invariants():
    rng = np.random.default_rng(20250101)
    payload = rng.uniform(0.0, 1000.0, 200)
    carrier = rng.uniform(0.0, 500.0, 200)
    speed = rng.uniform(0.0, 3000.0, 200)
    eta = rng.uniform(0.05, 1.0, 200)
    recovery = rng.uniform(0.0, 1.0, 200)
    energy = mass_driver_energy_per_launch_j(payload, carrier, speed, eta, recovery)
    assert np.all(energy >= 0.5 * payload * speed**2 * (1 - FLOAT_RTOL))
    assert mass_driver_energy_per_launch_j(10.0, 5.0, 0.0, 0.7) == 0.0
    assert mass_driver_energy_per_launch_j(0.0, 0.0, 2400.0, 0.7) == 0.0
    # Better efficiency and more recovery never cost more energy.
    base = mass_driver_energy_per_launch_j(10.0, 5.0, 2400.0, 0.5, 0.2)
    assert mass_driver_energy_per_launch_j(10.0, 5.0, 2400.0, 0.8, 0.2) < base
    assert mass_driver_energy_per_launch_j(10.0, 5.0, 2400.0, 0.5, 0.6) < base


def test_energy_per_launch_shapes():
    speeds = np.array([1000.0, 2000.0, 2400.0])
    eta = np.array([[0.5], [0.9]])
    grid = mass_driver_energy_per_launch_j(10.0, 5.0, speeds, eta)
    assert grid.shape == (2, 3)
    for i in range(2):
        assert_allclose(grid[i], mass_driver_energy_per_launch_j(10.0, 5.0, speeds, eta[i, 0]), rtol=FLOAT_RTOL)
    assert isinstance(mass_driver_energy_per_launch_j(1.0, 1.0, 1.0, 1.0), float)


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        (dict(payload_mass_kg=-1.0), "payload_mass_kg"),
        (dict(carrier_mass_kg=-1.0), "carrier_mass_kg"),
        (dict(exit_speed_m_s=-1.0), "exit_speed_m_s"),
        (dict(efficiency=0.0), "efficiency"),
        (dict(efficiency=1.2), "efficiency"),
        (dict(carrier_energy_recovery=1.5), "carrier_energy_recovery"),
    ],
)
def test_energy_per_launch_bad_input(kwargs, name):
    args = dict(payload_mass_kg=10.0, carrier_mass_kg=5.0, exit_speed_m_s=2400.0, efficiency=0.6)
    args.update(kwargs)
    with pytest.raises(ModelDomainError, match=name):
        mass_driver_energy_per_launch_j(**args)


def test_average_power_sp413_payload_kinetic_power():
    # Our arithmetic on SP-413 ch. 5 inputs: five 10-kg masses a second at 2,400 m/s.
    per_shot = mass_driver_energy_per_launch_j(10.0, 0.0, 2400.0, 1.0)
    assert_allclose(mass_driver_average_power_w(per_shot, 5.0), 144e6, rtol=FLOAT_RTOL)
    assert mass_driver_average_power_w(per_shot, 0.0) == 0.0
    assert mass_driver_average_power_w(np.array([1.0, 2.0]), np.array([[1.0], [3.0]])).shape == (2, 2)
    with pytest.raises(ModelDomainError, match="energy_per_launch_j"):
        mass_driver_average_power_w(-1.0, 1.0)
    with pytest.raises(ModelDomainError, match="launch_rate_per_s"):
        mass_driver_average_power_w(1.0, -1.0)


def test_track_length_matches_mass_driver_2():
    length = track_length_m(112.0, 500 * STANDARD_GRAVITY_M_S2)
    assert_allclose(length, 1.25, rtol=0.05)  # 1.279 m vs the 1.25 m section; "up to 500 g" is a peak


def test_track_length_mass_driver_1_consistency():
    # MD1 (MIT, 1977): ~2 m section at 20-25 g mean; no exit speed published. Round trip only.
    accel = 22.5 * STANDARD_GRAVITY_M_S2
    speed = exit_speed_m_s(2.0, accel)
    assert 28.0 < speed < 31.5  # 28.0 m/s at 20 g, 31.3 m/s at 25 g
    assert_allclose(track_length_m(speed, accel), 2.0, rtol=FLOAT_RTOL)


def test_track_length_invariants_and_shapes():
    speeds = np.linspace(0.0, 3000.0, 31)
    accel = np.array([[100.0], [1000.0]])
    length = track_length_m(speeds, accel)
    assert length.shape == (2, 31)
    assert length[0, 0] == 0.0
    assert np.all(np.diff(length, axis=1) > 0.0)
    assert np.all(length[0] >= length[1])
    assert_allclose(exit_speed_m_s(length, accel), np.broadcast_to(speeds, (2, 31)), rtol=1e-12, atol=1e-9)
    assert_allclose(track_length_m(2400.0, 1000.0), 2880.0, rtol=FLOAT_RTOL)


@pytest.mark.parametrize(
    ("func", "args", "name"),
    [
        (track_length_m, (2400.0, 0.0), "acceleration_m_s2"),
        (track_length_m, (-1.0, 10.0), "exit_speed_m_s"),
        (exit_speed_m_s, (10.0, -1.0), "acceleration_m_s2"),
        (exit_speed_m_s, (-10.0, 1.0), "track_length_m"),
    ],
)
def test_track_length_bad_input(func, args, name):
    with pytest.raises(ModelDomainError, match=name):
        func(*args)
