"""Tests of moonbase.massdriver.throughput."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from moonbase.constants import SECONDS_PER_YEAR
from moonbase.errors import ModelDomainError
from moonbase.massdriver.throughput import launch_rate_from_interval_per_s, mass_driver_throughput_kg_s

FLOAT_RTOL = 1e-12  # products of floats: only rounding
TONNE_KG = 1000.0


def test_mass_driver_throughput_matches_snow_kolm_1992():
    rate = launch_rate_from_interval_per_s(2 * 3600.0)  # one container every 2 hours
    per_year_t = mass_driver_throughput_kg_s(rate, 1 * TONNE_KG, 1.0) * SECONDS_PER_YEAR / TONNE_KG
    assert_allclose(per_year_t, 4400.0, rtol=0.01)  # "nearly 4400 tons" a year; we get 4,383
    assert per_year_t < 4400.0


def test_mass_driver_throughput_matches_nasa_sp413_rate():
    assert_allclose(mass_driver_throughput_kg_s(5.0, 10.0, 1.0), 50.0, rtol=FLOAT_RTOL)


def test_mass_driver_throughput_invariants():
    assert mass_driver_throughput_kg_s(0.0, 10.0, 1.0) == 0.0
    assert mass_driver_throughput_kg_s(5.0, 0.0, 1.0) == 0.0
    assert mass_driver_throughput_kg_s(5.0, 10.0, 0.0) == 0.0
    avail = np.linspace(0.0, 1.0, 11)
    out = mass_driver_throughput_kg_s(5.0, 10.0, avail)
    assert np.all(np.diff(out) > 0.0)
    assert_allclose(out, 50.0 * avail, rtol=FLOAT_RTOL)


def test_mass_driver_throughput_shapes():
    rate = np.array([1.0, 2.0, 5.0])
    avail = np.array([[0.5], [0.9]])
    grid = mass_driver_throughput_kg_s(rate, 10.0, avail)
    assert grid.shape == (2, 3)
    for i in range(2):
        for j in range(3):
            assert_allclose(grid[i, j], mass_driver_throughput_kg_s(rate[j], 10.0, avail[i, 0]), rtol=FLOAT_RTOL)
    assert isinstance(mass_driver_throughput_kg_s(1.0, 1.0, 1.0), float)


@pytest.mark.parametrize(
    ("args", "name"),
    [
        ((-1.0, 10.0, 1.0), "launch_rate_per_s"),
        ((1.0, -10.0, 1.0), "payload_mass_kg"),
        ((1.0, 10.0, 1.5), "availability"),
        ((1.0, 10.0, -0.1), "availability"),
    ],
)
def test_mass_driver_throughput_bad_input(args, name):
    with pytest.raises(ModelDomainError, match=name):
        mass_driver_throughput_kg_s(*args)


def test_launch_rate_from_interval():
    assert_allclose(launch_rate_from_interval_per_s(np.array([0.2, 7200.0])), [5.0, 1 / 7200.0], rtol=FLOAT_RTOL)
    with pytest.raises(ModelDomainError, match="interval_s"):
        launch_rate_from_interval_per_s(0.0)
