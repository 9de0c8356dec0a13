"""Tests of moonbase.massdriver.power_storage (pulse store, storage mass, solar field)."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from moonbase.constants import SOLAR_CONSTANT_W_M2
from moonbase.errors import ModelDomainError
from moonbase.massdriver.power_storage import (
    STORAGE_TECHNOLOGIES,
    pulse_store_energy_j,
    solar_array_area_m2,
    storage_mass_kg,
    storage_technology,
)
from moonbase.physics.photovoltaics import pv_power_w

FLOAT_RTOL = 1e-12


def test_registry_values_lie_in_chen_2009_ranges():
    # Chen et al. (2009) Table 3 ranges, in Wh/kg and W/kg.
    ranges = {"flywheel": ((10, 30), (400, 1500)), "capacitor": ((0.05, 5), (1e4, 1e6)),
              "smes": ((0.5, 5), (500, 2000)), "battery": ((75, 200), (150, 315))}
    for name, ((e_low, e_high), (p_low, p_high)) in ranges.items():
        tech = STORAGE_TECHNOLOGIES[name]
        assert e_low <= tech.specific_energy_j_kg / 3600.0 <= e_high, name
        assert p_low <= tech.specific_power_w_kg <= p_high, name
        assert 0.0 < tech.round_trip_efficiency <= 1.0 and 0.0 < tech.usable_fraction <= 1.0


def test_pulse_store_holds_one_launch_over_usable_fraction():
    assert_allclose(pulse_store_energy_j(5e9, 0.3, 0.75), 5e9 / 0.75, rtol=FLOAT_RTOL)
    assert_allclose(pulse_store_energy_j(5e9, 6.2, 0.75), 5e9 / 0.75, rtol=FLOAT_RTOL)
    assert pulse_store_energy_j(0.0, 1.0, 0.5) == 0.0
    assert pulse_store_energy_j(np.array([1.0, 2.0]), 0.5, 1.0).shape == (2,)


def test_storage_mass_is_sized_by_energy_or_power():
    fly = storage_technology("flywheel")
    energy_bound = storage_mass_kg(7.2e9, 1.0, fly.specific_energy_j_kg, fly.specific_power_w_kg)
    assert_allclose(energy_bound, 7.2e9 / (20 * 3600.0), rtol=FLOAT_RTOL)
    power_bound = storage_mass_kg(1.0, 4e9, fly.specific_energy_j_kg, fly.specific_power_w_kg)
    assert_allclose(power_bound, 4e6, rtol=FLOAT_RTOL)
    assert storage_mass_kg(0.0, 0.0, 1.0, 1.0) == 0.0


def test_solar_area_inverts_pv_power():
    area = solar_array_area_m2(1.0e9, 0.15, 0.9)
    assert_allclose(pv_power_w(area, SOLAR_CONSTANT_W_M2, 0.15, 0.9), 1.0e9, rtol=FLOAT_RTOL)
    assert solar_array_area_m2(0.0, 0.15) == 0.0
    grid = solar_array_area_m2(np.array([1e6, 2e6]), np.array([[0.1], [0.2]]))
    assert grid.shape == (2, 2)
    assert_allclose(grid[0, 1], 2.0 * grid[0, 0], rtol=FLOAT_RTOL)  # area is linear in power


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: storage_technology("flywheels"), "storage"),
        (lambda: pulse_store_energy_j(-1.0, 1.0, 0.5), "energy_per_launch_j"),
        (lambda: pulse_store_energy_j(1.0, 1.0, 0.0), "usable_fraction"),
        (lambda: storage_mass_kg(1.0, -1.0, 1.0, 1.0), "power_w"),
        (lambda: storage_mass_kg(1.0, 1.0, 0.0, 1.0), "specific_energy_j_kg"),
        (lambda: solar_array_area_m2(-1.0, 0.2), "power_w"),
    ],
)
def test_power_storage_bad_input(call, name):
    with pytest.raises(ModelDomainError, match=name):
        call()
