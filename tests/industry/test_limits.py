"""Tests of moonbase.industry.limits."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from moonbase.constants import MOON_MEAN_RADIUS_M, SOLAR_CONSTANT_W_M2, STEFAN_BOLTZMANN_W_M2_K4
from moonbase.errors import ModelDomainError
from moonbase.industry.limits import (
    MOON_SURFACE_AREA_M2,
    OFF_MOON_VERDICTS,
    city_area_per_power_m2_w,
    max_city_power_w,
    off_moon_verdict,
    regolith_mined_kg,
    regolith_reserve_kg,
)

FLOAT_RTOL = 1e-12


def test_moon_surface_area():
    assert_allclose(MOON_SURFACE_AREA_M2, 3.793e13, rtol=1e-3)  # 4 pi (1737.4 km)^2, four digits
    assert_allclose(MOON_SURFACE_AREA_M2, 4 * np.pi * MOON_MEAN_RADIUS_M**2, rtol=FLOAT_RTOL)


def test_area_per_power_is_fields_plus_radiators():
    solar = 1.0 / (SOLAR_CONSTANT_W_M2 * 0.15 * 0.7)
    radiator = 1.0 / (0.9 * STEFAN_BOLTZMANN_W_M2_K4 * (350.0**4 - 250.0**4))
    assert_allclose(city_area_per_power_m2_w(0.15, 0.7, 350.0, 0.9, 250.0), solar + radiator, rtol=FLOAT_RTOL)


def test_area_per_power_monotonic_and_shapes():
    lit = np.array([0.4, 0.7, 0.94])
    area = city_area_per_power_m2_w(0.15, lit, 350.0, 0.9, 250.0)
    assert np.all(np.diff(area) < 0.0)  # more light, less land
    hotter = city_area_per_power_m2_w(0.15, 0.7, np.array([[320.0], [400.0]]), 0.9, 250.0)
    assert hotter.shape == (2, 1) and hotter[1, 0] < hotter[0, 0]
    assert isinstance(city_area_per_power_m2_w(0.15, 0.7, 350.0, 0.9, 250.0), float)


def test_max_power_and_reserve_linear_and_zero():
    assert max_city_power_w(0.0, 0.01) == 0.0
    assert_allclose(max_city_power_w(np.array([1.0, 2.0]), 0.5), [2.0, 4.0], rtol=FLOAT_RTOL)
    # Lunar Sourcebook: 1.66 g/cm3 over 0-60 cm; 1 % of the Moon mined 3 m deep: 1.9e15 kg.
    assert_allclose(regolith_reserve_kg(0.01 * MOON_SURFACE_AREA_M2, 3.0, 1660.0), 1.889e15, rtol=1e-3)
    assert regolith_reserve_kg(0.0, 3.0, 1660.0) == 0.0


def test_regolith_mined_matches_metzger_table_2_ratio():
    # Metzger et al. (2013) Table 2 as restated: 20 kg/h of regolith feeds 4 kg/h of parts.
    assert regolith_mined_kg(4.0, 20.0 / 4.0) == 20.0
    assert regolith_mined_kg(0.0, 5.0) == 0.0


def test_off_moon_verdicts():
    assert off_moon_verdict(False, False) == "none"
    assert off_moon_verdict(True, False) == "land_area"
    assert off_moon_verdict(True, True) == "regolith"
    assert "asteroids" in OFF_MOON_VERDICTS["regolith"] and "Mercury" in OFF_MOON_VERDICTS["land_area"]


def test_bad_inputs_name_the_argument():
    with pytest.raises(ModelDomainError, match="illumination_fraction"):
        city_area_per_power_m2_w(0.15, 0.0, 350.0, 0.9, 250.0)
    with pytest.raises(ModelDomainError, match="area_per_power_m2_w"):
        max_city_power_w(1.0, 0.0)
    with pytest.raises(ModelDomainError, match="depth_m"):
        regolith_reserve_kg(1.0, -1.0, 1660.0)
    with pytest.raises(ModelDomainError, match="regolith_per_product"):
        regolith_mined_kg(1.0, 0.5)
