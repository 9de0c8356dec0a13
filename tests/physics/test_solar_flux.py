"""Tests of moonbase.physics.solar_flux."""

from __future__ import annotations

import math

import numpy as np
import pytest
from numpy.testing import assert_allclose

from moonbase.constants import AU_M, SOLAR_CONSTANT_W_M2, SOLAR_LUMINOSITY_W
from moonbase.errors import ModelDomainError
from moonbase.physics.solar_flux import solar_flux_w_m2

FLOAT_RTOL = 1e-12  # pure float arithmetic: only round-off separates the two sides


def test_solar_flux_matches_nasa_mars_fact_sheet():
    # Mars Fact Sheet (NSSDCA): 586.2 W/m2 at 1.52366231 au; one decimal given.
    assert_allclose(solar_flux_w_m2(1.52366231 * AU_M), 586.2, atol=0.05)


def test_solar_flux_matches_nasa_venus_fact_sheet():
    # Venus Fact Sheet (NSSDCA): 2601.3 W/m2 at 0.72333199 au; one decimal given.
    assert_allclose(solar_flux_w_m2(0.72333199 * AU_M), 2601.3, atol=0.05)


def test_one_au_gives_the_solar_constant():
    assert_allclose(solar_flux_w_m2(AU_M), SOLAR_CONSTANT_W_M2, rtol=FLOAT_RTOL)


def test_nominal_tsi_agrees_with_nominal_luminosity():
    # IAU 2015 B3 gives both; L / (4 pi au^2) = 1361.17 W/m2. The nominal TSI is
    # rounded to whole W/m2 (+/-0.5 W/m2, 3.7e-4 relative), so that bounds agreement.
    assert_allclose(SOLAR_LUMINOSITY_W / (4.0 * math.pi * AU_M**2), solar_flux_w_m2(AU_M), atol=0.5)


def test_inverse_square_scaling():
    distance = np.array([0.3, 1.0, 5.2, 30.0]) * AU_M
    assert_allclose(solar_flux_w_m2(2.0 * distance), solar_flux_w_m2(distance) / 4.0, rtol=FLOAT_RTOL)
    assert np.all(np.diff(solar_flux_w_m2(distance)) < 0.0)


def test_shapes_broadcast():
    scalar = solar_flux_w_m2(1.5 * AU_M)
    assert np.ndim(scalar) == 0
    line = solar_flux_w_m2(np.full(4, 1.5 * AU_M))
    grid = solar_flux_w_m2(np.full((3, 4), 1.5 * AU_M))
    assert line.shape == (4,) and grid.shape == (3, 4)
    assert_allclose(grid, scalar, rtol=FLOAT_RTOL)
    assert_allclose(line, scalar, rtol=FLOAT_RTOL)


@pytest.mark.parametrize("distance", [0.0, -AU_M, math.nan, math.inf])
def test_bad_distance_is_rejected(distance):
    with pytest.raises(ModelDomainError, match="distance_m"):
        solar_flux_w_m2(np.array([AU_M, distance]))
