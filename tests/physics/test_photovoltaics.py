"""Tests of moonbase.physics.photovoltaics."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from moonbase.constants import SECONDS_PER_YEAR, SOLAR_CONSTANT_W_M2
from moonbase.errors import ModelDomainError
from moonbase.physics.photovoltaics import (
    continuous_rate_per_s,
    pv_degradation_factor,
    pv_power_w,
    pv_specific_power_w_kg,
)

FLOAT_RTOL = 1e-12  # pure float arithmetic: only round-off separates the two sides


def test_pv_power_matches_google_table_1_starlink_v2_mini():
    # arXiv:2511.19468 Table 1: ~105 m2, 22 %, 1.361 kW/m2, 90 % packing -> ~28 kW.
    # "~28 kW" has two significant digits: +/-0.5 kW. We get 28.30 kW.
    assert_allclose(pv_power_w(105.0, 1361.0, 0.22, 0.9), 28e3, atol=0.5e3)


def test_pv_power_is_linear_and_zero_in_zero_out():
    assert pv_power_w(0.0, SOLAR_CONSTANT_W_M2, 0.3, 0.9) == 0.0
    assert pv_power_w(10.0, 0.0, 0.3, 0.9) == 0.0
    assert pv_power_w(10.0, SOLAR_CONSTANT_W_M2, 0.0, 0.9) == 0.0
    assert_allclose(pv_power_w(20.0, 1000.0, 0.3), 2.0 * pv_power_w(10.0, 1000.0, 0.3), rtol=FLOAT_RTOL)


def test_pv_power_cannot_exceed_incident_sunlight():
    assert pv_power_w(1.0, SOLAR_CONSTANT_W_M2, 1.0, 1.0) == pytest.approx(SOLAR_CONSTANT_W_M2)


def test_specific_power_is_power_of_one_square_metre_over_its_mass():
    assert_allclose(
        pv_specific_power_w_kg(1361.0, 0.22, 0.9, 2.0),
        pv_power_w(1.0, 1361.0, 0.22, 0.9) / 2.0,
        rtol=FLOAT_RTOL,
    )
    lighter = pv_specific_power_w_kg(1361.0, 0.22, 0.9, np.array([4.0, 2.0, 1.0]))
    assert np.all(np.diff(lighter) > 0.0)


def test_degradation_matches_compound_annual_loss():
    # Definition check: 1 %/yr compound for 10 years leaves 0.99**10 exactly.
    rate = continuous_rate_per_s(0.01)
    assert_allclose(pv_degradation_factor(10.0 * SECONDS_PER_YEAR, rate), 0.99**10, rtol=FLOAT_RTOL)


def test_degradation_limits_and_monotonicity():
    assert pv_degradation_factor(0.0, 1e-8) == 1.0
    assert pv_degradation_factor(1e9, 0.0) == 1.0
    ages = np.linspace(0.0, 20.0, 5) * SECONDS_PER_YEAR
    factors = pv_degradation_factor(ages, continuous_rate_per_s(0.02))
    assert np.all(np.diff(factors) < 0.0) and np.all(factors > 0.0)
    # Multiplicative in time: f(a + b) = f(a) f(b).
    rate = 3e-9
    product = pv_degradation_factor(2e7, rate) * pv_degradation_factor(3e7, rate)
    assert_allclose(pv_degradation_factor(5e7, rate), product, rtol=FLOAT_RTOL)


def test_shapes_broadcast():
    samples = np.array([0.20, 0.25, 0.30])[:, None]  # (sample, 1)
    areas = np.array([1.0, 2.0, 3.0, 4.0])[None, :]  # (1, time)
    grid = pv_power_w(areas, 1361.0, samples, 0.9)
    assert grid.shape == (3, 4)
    assert_allclose(grid[1, 2], pv_power_w(3.0, 1361.0, 0.25, 0.9), rtol=FLOAT_RTOL)
    assert np.ndim(pv_power_w(1.0, 1361.0, 0.3)) == 0
    assert pv_specific_power_w_kg(1361.0, samples, 0.9, areas).shape == (3, 4)
    assert pv_degradation_factor(areas * SECONDS_PER_YEAR, samples * 1e-9).shape == (3, 4)
    assert continuous_rate_per_s(np.array([0.01, 0.02])).shape == (2,)


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"area_m2": -1.0}, "area_m2"),
        ({"flux_w_m2": -1.0}, "flux_w_m2"),
        ({"cell_efficiency": 22.0}, "cell_efficiency"),
        ({"cell_efficiency": -0.1}, "cell_efficiency"),
        ({"packing_factor": 0.0}, "packing_factor"),
        ({"packing_factor": 1.1}, "packing_factor"),
    ],
)
def test_pv_power_bad_input(kwargs, name):
    arguments = {"area_m2": 1.0, "flux_w_m2": 1361.0, "cell_efficiency": 0.3, "packing_factor": 0.9} | kwargs
    with pytest.raises(ModelDomainError, match=name):
        pv_power_w(**arguments)


def test_specific_power_bad_density():
    with pytest.raises(ModelDomainError, match="areal_density_kg_m2"):
        pv_specific_power_w_kg(1361.0, 0.3, 0.9, np.array([1.0, 0.0]))


def test_degradation_bad_input():
    with pytest.raises(ModelDomainError, match="age_s"):
        pv_degradation_factor(-1.0, 1e-9)
    with pytest.raises(ModelDomainError, match="degradation_rate_per_s"):
        pv_degradation_factor(1.0, -1e-9)
    with pytest.raises(ModelDomainError, match="loss_fraction_per_year"):
        continuous_rate_per_s(1.5)
