"""Tests of the lunar seam (moonbase.industry.step) with the city model inside."""

from __future__ import annotations

import numpy as np
from numpy.testing import assert_allclose

from moonbase.industry.limits import MOON_SURFACE_AREA_M2
from moonbase.industry.fab_step import first_fab_power_w
from moonbase.industry.step import lunar_step, max_industry_mass_kg, regolith_in_reach_kg
from moonbase.scenario.loader import load_scenario
from moonbase.scenario.params import timeline_params

BOOKS_RTOL = 1e-12


def _params(samples=2):
    return timeline_params(load_scenario("alpha"), samples)


def _step(p, **changes):
    kwargs = dict(industry=np.array([0.0, 1e8]), seed_pending=np.zeros(2), seed_arriving=np.array([1e5, 0.0]),
                  leo_available_kg=np.full(2, 1e6), local_fraction=np.array([0.0, 0.9]),
                  fab=np.array([False, True]), mass_driver_ready=np.array([False, True]), escape=np.ones(2),
                  mass_driver_capacity_kg=np.full(2, 1e9), mass_driver_energy_j_kg=np.full(2, 7e6),
                  max_industry_kg=max_industry_mass_kg(p))
    return lunar_step(p, 2.6e6, **{**kwargs, **changes})


def test_step_books_close_and_fields_present():
    p = _params()
    out = _step(p)
    assert_allclose(out.growth_kg + out.satellites_kg + out.waste_kg, out.regolith_kg + out.imports_kg,
                    rtol=BOOKS_RTOL)
    assert_allclose(out.imports_kg, out.growth_kg * (1 - np.array([0.0, 0.9]))
                    + out.satellites_kg * out.satellite_import_fraction, rtol=BOOKS_RTOL)
    assert out.seed_landed_kg[0] > 0.0 and out.satellites_kg[1] > 0.0
    assert out.fab_power_w[1] == first_fab_power_w(p)[1] > 0.0 and out.fab_power_w[0] == 0.0


def test_land_limit_counts_radiators():
    p = _params(1)
    solar_only = (0.01 * MOON_SURFACE_AREA_M2 * 1361.0 * 0.15 * 0.7) / 10.0  # fields alone, kg of industry
    assert max_industry_mass_kg(p)[0] < solar_only
    assert max_industry_mass_kg(p)[0] > 0.7 * solar_only  # radiators at 350 K take ~20 % of the land


def test_regolith_reserve_and_cumulative_mining_limit():
    p = _params()
    assert_allclose(regolith_in_reach_kg(p), 0.01 * MOON_SURFACE_AREA_M2 * 3.0 * 1660.0, rtol=1e-9)
    exhausted = _step(p, regolith_mined_kg=regolith_in_reach_kg(p))
    assert np.all(exhausted.regolith_kg == 0.0) and exhausted.regolith_bound[1]
