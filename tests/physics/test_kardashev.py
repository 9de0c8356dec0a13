"""Tests of moonbase.physics.kardashev."""

from __future__ import annotations

import math

import numpy as np
import pytest
from numpy.testing import assert_allclose

from moonbase.constants import SOLAR_LUMINOSITY_W, WORLD_PRIMARY_POWER_2023_W
from moonbase.errors import ModelDomainError
from moonbase.physics.kardashev import kardashev_index, kardashev_power_w

FLOAT_ATOL = 1e-12  # the index is O(1); only round-off separates the two sides


def test_kardashev_index_matches_sagan_1973_ten_terawatts():
    assert_allclose(kardashev_index(1e13), 0.7, atol=FLOAT_ATOL)


def test_kardashev_types_are_the_defining_powers():
    assert_allclose(kardashev_index(np.array([1e16, 1e26, 1e36])), [1.0, 2.0, 3.0], atol=FLOAT_ATOL)


def test_world_primary_energy_2023():
    # 620 EJ/yr (Energy Institute 2024) = 19.6 TW -> K = 0.7293; Sagan's scale by our arithmetic.
    assert_allclose(kardashev_index(WORLD_PRIMARY_POWER_2023_W), 0.7293, atol=5e-5)


def test_full_solar_luminosity():
    # 3.828e26 W (IAU 2015 B3) -> K = 2.0583.
    assert_allclose(kardashev_index(SOLAR_LUMINOSITY_W), 2.0583, atol=5e-5)


def test_inverse_round_trip_and_monotonic():
    index = np.linspace(-0.5, 3.5, 9)
    assert_allclose(kardashev_index(kardashev_power_w(index)), index, atol=FLOAT_ATOL)
    assert np.all(np.diff(kardashev_index(kardashev_power_w(index))) > 0.0)
    # A factor of 10 in power is 0.1 in index.
    assert_allclose(kardashev_index(2e20) - kardashev_index(2e19), 0.1, atol=FLOAT_ATOL)


def test_shapes_broadcast():
    grid = np.full((3, 4), 1e13)
    assert kardashev_index(grid).shape == (3, 4)
    assert kardashev_index(np.full(4, 1e13)).shape == (4,)
    assert np.ndim(kardashev_index(1e13)) == 0
    assert kardashev_power_w(np.zeros((3, 4))).shape == (3, 4)


@pytest.mark.parametrize("power", [0.0, -1.0, math.nan, math.inf])
def test_bad_power_is_rejected(power):
    with pytest.raises(ModelDomainError, match="power_w"):
        kardashev_index(np.array([1e13, power]))


def test_bad_index_is_rejected():
    with pytest.raises(ModelDomainError, match="index"):
        kardashev_power_w(math.nan)
