"""Tests of moonbase.industry.production (one step of the lunar city): books, limits, shapes."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from moonbase.industry.production import PRODUCTION_LIMITS, production_step

BOOKS_RTOL = 1e-12  # sums of a few products: only rounding

BASE = dict(replication_time_s=10.0, local_fraction=0.9, satellite_import_fraction=0.05, satellite_share=0.5,
            firing=True, mass_driver_capacity_kg=1e9, mass_driver_energy_j_kg=5e6, max_industry_kg=1e12,
            production_energy_j_kg=30e6, power_per_mass_w_kg=1e9, fab_power_w=0.0, landing_capacity_kg=1e12,
            regolith_per_product=5.0, regolith_room_kg=1e15)


def _step(industry=1000.0, **changes):
    return production_step(industry, 1.0, **{**BASE, **changes})


def _books_close(out):
    assert_allclose(out.growth_kg + out.satellites_kg + out.waste_kg, out.regolith_kg + out.imports_kg,
                    rtol=BOOKS_RTOL)
    assert_allclose(out.energy_available_j, out.energy_used_j + out.energy_curtailed_j, rtol=BOOKS_RTOL)
    assert np.all(out.energy_curtailed_j >= -BOOKS_RTOL * np.abs(out.energy_available_j))


@pytest.mark.parametrize("changes", [
    {}, {"power_per_mass_w_kg": 1e3}, {"landing_capacity_kg": 1.0}, {"regolith_room_kg": 10.0},
    {"max_industry_kg": 1020.0}, {"local_fraction": 0.0}, {"local_fraction": 1.0, "satellite_import_fraction": 0.0},
    {"fab_power_w": 1e10, "power_per_mass_w_kg": 2e7},
])
def test_mass_and_energy_books_close(changes):
    _books_close(_step(**changes))


def test_unlimited_step_follows_the_plan():
    out = _step()
    assert_allclose(out.production_kg, 100.0, rtol=BOOKS_RTOL)
    assert_allclose(out.satellites_kg, 50.0, rtol=BOOKS_RTOL)
    assert_allclose(out.growth_kg, 50.0, rtol=BOOKS_RTOL)
    assert_allclose(out.imports_kg, 50.0 * 0.1 + 50.0 * 0.05, rtol=BOOKS_RTOL)
    assert_allclose(out.regolith_kg, 5.0 * (100.0 - 7.5), rtol=BOOKS_RTOL)
    assert PRODUCTION_LIMITS[int(out.limit_code)] == "replication"


@pytest.mark.parametrize("changes, limit", [
    ({"power_per_mass_w_kg": 1e3}, "power"), ({"landing_capacity_kg": 1.0}, "earth_imports"),
    ({"regolith_room_kg": 10.0}, "regolith"), ({"max_industry_kg": 1020.0}, "land_area"),
])
def test_each_limit_binds_and_is_named(changes, limit):
    out = _step(**changes)
    assert PRODUCTION_LIMITS[int(out.limit_code)] == limit
    assert out.growth_kg + out.satellites_kg < 100.0


def test_zero_industry_does_nothing():
    out = _step(industry=0.0)
    assert out.growth_kg == 0.0 and out.satellites_kg == 0.0 and out.regolith_kg == 0.0
    assert PRODUCTION_LIMITS[int(out.limit_code)] == "not_started"


def test_fab_draw_takes_energy_first():
    plenty = _step(power_per_mass_w_kg=4e6)
    with_fab = _step(power_per_mass_w_kg=4e6, fab_power_w=3.5e9)
    assert with_fab.power_factor < plenty.power_factor
    assert with_fab.energy_used_j >= 3.5e9


def test_no_imports_needed_when_fully_local():
    out = _step(local_fraction=1.0, satellite_import_fraction=0.0, landing_capacity_kg=0.0)
    assert out.imports_kg == 0.0 and out.growth_kg > 0.0 and out.satellites_kg > 0.0


def test_shapes_broadcast_over_samples():
    industry = np.array([0.0, 1000.0, 2000.0])
    out = production_step(industry, 1.0, **{**BASE, "local_fraction": np.array([0.5, 0.9, 1.0]),
                                      "firing": np.array([True, False, True])})
    assert out.growth_kg.shape == (3,) and out.limit_code.shape == (3,)
    single = _step(industry=2000.0, local_fraction=1.0)
    assert_allclose(out.growth_kg[2], single.growth_kg, rtol=BOOKS_RTOL)
    assert out.satellites_kg[1] == 0.0  # not firing
