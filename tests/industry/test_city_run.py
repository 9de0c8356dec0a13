"""Tests of moonbase.industry.city_run against Metzger et al. (2013), and its books."""

from __future__ import annotations

import math

import numpy as np
import pytest
from numpy.testing import assert_allclose

from moonbase.constants import SECONDS_PER_YEAR
from moonbase.errors import ModelDomainError
from moonbase.industry.production import PRODUCTION_LIMITS
from moonbase.industry.city_run import CityInputs, recursion_city, simulate_city

BOOKS_RTOL = 1e-9  # a few hundred monthly sums of floats
YEAR = SECONDS_PER_YEAR
CRUDENESS = [1.0, 2.5, 2.5, 1.5, 1.0, 1.0, 1.0]  # Metzger et al. (2013)
CLOSURE = [0.0, 0.0, 0.0, 0.90, 0.95, 0.99, 1.0]  # electronics made locally, Metzger et al. (2013)


def _alpha_like(**changes):
    base = dict(seed_mass_kg=100e3, replication_time_s=2 * YEAR, generation_interval_s=2 * YEAR,
                local_fractions=(0.0, 0.5, 0.7, 0.9, 0.95, 0.99, 1.0), power_per_mass_w_kg=10.0,
                production_energy_j_kg=30e6, satellite_share=0.5, max_industry_kg=4e12, regolith_in_reach_kg=1.9e18,
                regolith_per_product=5.0, satellites_start_s=8 * YEAR, mass_driver_energy_j_kg=7.6e6,
                mass_driver_rate_kg_s=1.8e3, landing_rate_kg_s=100e3 / YEAR, chip_fab=True, chip_fab_start_s=23 * YEAR,
                chip_fab_mass_kg=5e6, chip_fab_power_w=1e8, chip_mass_fraction=0.05)
    return CityInputs(**{**base, **changes})


def test_metzger_2013_max_case_matches_recursion_and_paper():
    # Metzger et al. (2013) abstract: up to 40,000 t of industry; 41 t landed (ours 32.5 t, not reproduced).
    run = recursion_city(7675.0, 2 * YEAR, CRUDENESS, CLOSURE, 14 * YEAR)
    assert_allclose(run.industry_kg[-1], 40_000e3, rtol=0.125)  # 40,060 t; one significant figure (src/moonbase/validation/data/industry/bootstrap.toml)
    assert_allclose(run.cumulative_landed_kg[-1], sum(row.landed_mass_kg for row in run.generations), rtol=1e-12)
    assert 0.75 < run.cumulative_landed_kg[-1] / 41e3 < 0.8  # 32.5 t: -21 %, documented
    assert run.years_to_self_sufficiency == 12.0  # Gen 6.0 starts 12 yr after landing (paper: "about 20 years")


def test_metzger_2013_gen_5_energy_matches_fig_3():
    # Metzger et al. (2013), Fig. 3 as restated: Gen 5.0 at 70 % duty uses 1e15 J/yr.
    run = recursion_city(7675.0, 2 * YEAR, CRUDENESS, CLOSURE, 14 * YEAR)
    gen5 = np.searchsorted(run.elapsed_s, 10.5 * YEAR)
    energy_per_year = run.power_w[gen5] * YEAR
    assert_allclose(energy_per_year, 1e15, rtol=0.25)  # 1.2e15 J/yr (+21 %): sets + robonauts at 0.4 kW


@pytest.mark.xfail(strict=True, reason="not reproduced: 9.8 t against the abstract's 12 t (-18 %), "
                   "outside its two significant figures (src/moonbase/validation/data/industry/bootstrap.toml)")
def test_metzger_2013_reduced_case_landed_mass_approximates_12_t():
    run = recursion_city(7675.0, 2 * YEAR, CRUDENESS, CLOSURE, 14 * YEAR, utilisation=0.5)
    assert_allclose(run.cumulative_landed_kg[-1], 12e3, rtol=0.042)  # 9.8 t (-18 %)


def test_continuous_books_close_and_generation_table():
    inputs = _alpha_like()
    run = simulate_city(inputs, 40 * YEAR)
    assert_allclose(run.mass_in_kg, run.mass_out_kg, rtol=BOOKS_RTOL)
    assert run.energy_used_j <= run.energy_available_j
    assert [g.label for g in run.generations] == ["1.0", "2.0", "2.5", "3.0", "4.0", "5.0", "6.0"]
    assert_allclose(sum(g.landed_mass_kg for g in run.generations), run.cumulative_landed_kg[-1], rtol=BOOKS_RTOL)
    assert run.years_to_self_sufficiency == 12.0
    assert np.all(np.diff(run.industry_kg) >= 0.0)
    assert np.all(run.satellites_kg_s[: int(8 * 12) - 1] == 0.0) and run.satellites_kg_s[-1] > 0.0
    # imports after self-sufficiency: only satellite chips, and nothing once the fab runs
    assert run.imports_kg_s[-1] == 0.0


def test_land_limit_stops_growth_and_is_named():
    run = simulate_city(_alpha_like(max_industry_kg=1e6, satellites_start_s=math.inf), 30 * YEAR)
    assert run.industry_kg[-1] <= 1e6 * (1 + BOOKS_RTOL)
    assert PRODUCTION_LIMITS[run.limit_code[-1]] == "land_area"


def test_regolith_limit_binds():
    run = simulate_city(_alpha_like(regolith_in_reach_kg=1e7), 30 * YEAR)
    assert run.cumulative_regolith_kg[-1] <= 1e7 * (1 + BOOKS_RTOL)
    assert PRODUCTION_LIMITS[run.limit_code[-1]] == "regolith"


def test_landing_rate_limits_first_generation():
    slow = simulate_city(_alpha_like(landing_rate_kg_s=10e3 / YEAR), 2 * YEAR)
    fast = simulate_city(_alpha_like(landing_rate_kg_s=math.inf), 2 * YEAR)
    assert slow.industry_kg[-1] < fast.industry_kg[-1]
    assert PRODUCTION_LIMITS[slow.limit_code[0]] == "earth_imports"


def test_bad_inputs_name_the_argument():
    with pytest.raises(ModelDomainError, match="duration_s"):
        simulate_city(_alpha_like(), 0.0)
    with pytest.raises(ModelDomainError, match="seed_mass_kg"):
        simulate_city(_alpha_like(seed_mass_kg=0.0), YEAR)
