"""Tests of moonbase.industry.bootstrap against Metzger et al. (2013) and invariants.

The paper's three headline figures, from :func:`metzger_2013_recursion` (robot labour,
set-asides, whole robots landed through Gen 2.5; nothing fitted), see
docs/design/lunar_bootstrap.md:
- reproduced: max-case final mass (40,060 t against 40,000 t, held to the figure's one
  significant figure, 12.5 %);
- NOT reproduced (strict xfail, so a fix shows up): max-case landed mass (32.5 t against
  41 t, -21 %), reduced-case final mass (206 t against 156 t, +32 %), years to
  self-sufficiency (12 against "about 20"), and reduced-case landed mass (9.8 t against
  12 t, -18 %, outside the two published digits).
"""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from moonbase.constants import SECONDS_PER_YEAR
from moonbase.errors import ModelDomainError
from moonbase.industry.bootstrap import (
    METZGER_2013_ROBONAUTS_IMPORTED,
    METZGER_2013_SET_ASIDE_KG,
    METZGER_2013_SET_MASS_KG,
    METZGER_2013_SET_PRINT_RATE_KG_S,
    bootstrap_growth,
    earth_import_mass_kg,
    effective_replication_time_s,
    generation_recursion,
    industry_production_rate_kg_s,
    local_manufacture_fraction,
    metzger_2013_generations,
    metzger_2013_recursion,
)

YR = SECONDS_PER_YEAR
TONNE_KG = 1000.0
FLOAT_RTOL = 1e-12  # identities: only rounding
MONTH = YR / 12


def _metzger(utilisation):
    gen = metzger_2013_generations()
    return generation_recursion(1.0, 2 * YR, gen.crudeness, gen.electronics_local_fraction,
                                utilisation=utilisation)


def test_metzger_2013_generation_schedule():
    gen = metzger_2013_generations()
    assert gen.label == ("1.0", "2.0", "2.5", "3.0", "4.0", "5.0", "6.0")
    assert_allclose(gen.start_s / YR, [0, 2, 4, 6, 8, 10, 12], rtol=FLOAT_RTOL)
    assert_allclose(gen.electronics_local_fraction, [0, 0, 0, 0.90, 0.95, 0.99, 1.0], rtol=FLOAT_RTOL)
    assert_allclose(gen.crudeness, [1.0, 2.5, 2.5, 1.5, 1.0, 1.0, 1.0], rtol=FLOAT_RTOL)
    assert np.all(np.diff(gen.mass_local_fraction) >= 0.0)
    assert_allclose(gen.mass_local_fraction[0], 1 - 390 / 7675, rtol=FLOAT_RTOL)
    assert gen.mass_local_fraction[-1] == 1.0


def test_table2_replication_time():
    # Table 2 (as transcribed): 7,675 kg set printing 4 kg/h -> 1,919 h = 80 days.
    period = METZGER_2013_SET_MASS_KG / METZGER_2013_SET_PRINT_RATE_KG_S
    assert_allclose(period / 3600.0, 1918.75, rtol=FLOAT_RTOL)
    assert_allclose(industry_production_rate_kg_s(METZGER_2013_SET_MASS_KG, period) * 3600, 4.0, rtol=FLOAT_RTOL)


LANDED_MASS_RTOL = 0.042  # "12 t" and "41 t" are two significant figures: +/-0.5 t of 12 t
FINAL_MASS_RTOL = 0.125  # "40,000 t" is one significant figure: 35,000-45,000 t
GEN_6_START_YR = 12.0  # full closure: Gen 6.0 starts 6 generations x 2 yr after landing


def test_final_industrial_mass_max_case_matches_metzger_2013():
    # Abstract: "as high as 40,000 MT ... with as many as 100,000 humanoid robots".
    result = metzger_2013_recursion(1.0)
    assert_allclose(result.industry_mass_kg[-1] / TONNE_KG, 40_000.0, rtol=FINAL_MASS_RTOL)  # 40,060 t
    assert 50_000 < result.robonauts[-1] < 100_000  # 74,800 robonauts: "as many as 100,000"


@pytest.mark.xfail(strict=True, reason="not reproduced: 9.8 t against 12 t (-18 %); the paper's "
                   "electronics-factory imports are not in the tables we could read, and can only raise ours")
def test_landed_mass_reduced_case_matches_metzger_2013():
    # Abstract: "bootstrapping can be achieved with as little as 12 MT landed on the Moon".
    result = metzger_2013_recursion(0.5)
    assert_allclose(result.cumulative_import_kg[-1] / TONNE_KG, 12.0, rtol=LANDED_MASS_RTOL)  # 9.8 t


@pytest.mark.xfail(strict=True, reason="not reproduced: 32.5 t against 41 t (-21 %); the paper's "
                   "electronics-factory imports are not in the tables we could read")
def test_landed_mass_max_case_matches_metzger_2013():
    result = metzger_2013_recursion(1.0)
    assert_allclose(result.cumulative_import_kg[-1] / TONNE_KG, 41.0, rtol=LANDED_MASS_RTOL)


@pytest.mark.xfail(strict=True, reason="not reproduced: 206 t and 191 robonauts against 156 t and 60; "
                   "the paper's reduced case plateaus by rules we could not read")
def test_final_industrial_mass_reduced_case_matches_metzger_2013():
    result = metzger_2013_recursion(0.5)
    assert_allclose(result.industry_mass_kg[-1] / TONNE_KG, 156.0, rtol=FINAL_MASS_RTOL)


@pytest.mark.xfail(strict=True, reason="not reproduced: full closure 12 yr after landing (Gen 6.0 start) "
                   "against the abstract's 'period of about 20 years'")
def test_years_to_self_sufficiency_matches_metzger_2013():
    gen = metzger_2013_generations()
    full = gen.start_s[np.flatnonzero(gen.electronics_local_fraction >= 1.0)[0]] / YR
    assert_allclose(full, GEN_6_START_YR, rtol=FLOAT_RTOL)  # what we compute
    assert_allclose(full, 20.0, rtol=FINAL_MASS_RTOL)  # what the abstract says


def test_metzger_2013_recursion_books():
    result = metzger_2013_recursion(np.array([1.0, 0.5]))
    # robonauts are never retired; the seed brings the set's 3; imports are the seed then electronics/robots
    assert np.all(np.diff(result.robonauts, axis=-1) >= 0.0)
    assert_allclose(result.robonauts[..., 0], 3.0, rtol=FLOAT_RTOL)
    assert_allclose(result.import_mass_kg[..., 0], METZGER_2013_SET_MASS_KG, rtol=FLOAT_RTOL)
    assert result.import_mass_kg[0, -1] == 0.0  # Gen 6.0: full closure, nothing from Earth
    local = result.local_fraction
    assert np.all((local[..., 1:] > 0.9) & (local[..., 1:] <= 1.0))
    assert_allclose(result.set_aside_kg[0, 3:6], [80e3, 10e3, 120e3], rtol=FLOAT_RTOL)


def test_labour_and_set_asides_slow_growth():
    gen = metzger_2013_generations()
    free = generation_recursion(1.0, 2 * YR, gen.crudeness, gen.electronics_local_fraction)
    labour = metzger_2013_recursion(1.0)
    assert labour.industry_mass_kg[-1] < free.industry_mass_kg[-1]  # robots cost printing
    weeks = np.array([4, 4, 6, 7, 7, 8, 8.0])
    slow = generation_recursion(1.0, 2 * YR, gen.crudeness, gen.electronics_local_fraction,
                                robonaut_weeks_per_asset=1.5 * weeks, set_aside_kg=METZGER_2013_SET_ASIDE_KG,
                                robonauts_imported=METZGER_2013_ROBONAUTS_IMPORTED)
    assert slow.industry_mass_kg[-1] < labour.industry_mass_kg[-1]  # slower robots -> more printing on robots
    no_aside = generation_recursion(1.0, 2 * YR, gen.crudeness, gen.electronics_local_fraction,
                                    robonaut_weeks_per_asset=weeks, robonauts_imported=METZGER_2013_ROBONAUTS_IMPORTED)
    assert no_aside.industry_mass_kg[-1] > labour.industry_mass_kg[-1]


def test_generation_recursion_without_labour_is_first_order():
    # No labour, no set-aside: Z_{g+1} = Z_g m_p d T / (m_s [(1 - e) c + e F]) (Table 2 arithmetic).
    out = generation_recursion(1.0, 2 * YR, [1.0, 1.0], [0.0, 1.0])
    growth = METZGER_2013_SET_PRINT_RATE_KG_S * 0.7 * 2 * YR / METZGER_2013_SET_MASS_KG
    assert_allclose(out.sets[-1], growth, rtol=FLOAT_RTOL)
    assert out.robonauts is None


def test_bootstrap_growth_matches_metzger_2013_with_effective_replication_time():
    gen = metzger_2013_generations()
    period = effective_replication_time_s(2 * YR)  # derived from Table 2, not fitted
    t = np.arange(0.0, 12 * YR + MONTH / 2, MONTH)
    out = bootstrap_growth(METZGER_2013_SET_MASS_KG, period, t, gen.start_s, gen.mass_local_fraction,
                           gen.crudeness)
    assert_allclose(out.industry_mass_kg[-1] / TONNE_KG, 40_000.0, rtol=0.1)  # 37,600 t
    # Imports: 69 t against 41 t -- continuous compounding in crude, import-heavy Gens 2.0-2.5.
    landed_t = (METZGER_2013_SET_MASS_KG + out.cumulative_import_kg[-1]) / TONNE_KG
    assert 1.5 < landed_t / 41.0 < 1.9


def test_effective_replication_time_reproduces_recursion_growth():
    period = effective_replication_time_s(2 * YR)
    assert_allclose(period / YR, 1.078, rtol=1e-3)
    # One generation of continuous growth at crudeness 1 equals the recursion's factor.
    one_gen = generation_recursion(1.0, 2 * YR, [1.0, 1.0], [1.0, 1.0]).sets[-1]
    assert_allclose(np.exp(2 * YR / period), one_gen, rtol=1e-12)
    with pytest.raises(ModelDomainError, match="generation_interval_s"):
        effective_replication_time_s(1000.0)


def test_bootstrap_growth_pure_exponential_limit():
    t = np.linspace(0.0, 5.0, 11)
    out = bootstrap_growth(2.0, 1.0, t, [0.0], [1.0])
    assert_allclose(out.industry_mass_kg, 2.0 * np.exp(t), rtol=1e-12)
    assert np.all(out.cumulative_import_kg == 0.0)


def test_bootstrap_growth_conservation_and_step_independence():
    gen = metzger_2013_generations()
    coarse = np.arange(0.0, 12 * YR + 1, 2 * YR)  # steps on the generation boundaries
    fine = np.arange(0.0, 12 * YR + 1, MONTH)
    kwargs = dict(generation_start_s=gen.start_s, generation_local_fraction=gen.mass_local_fraction,
                  generation_crudeness=gen.crudeness, utilisation=0.7)
    a = bootstrap_growth(1000.0, 2 * YR, coarse, **kwargs)
    b = bootstrap_growth(1000.0, 2 * YR, fine, **kwargs)
    # Exact exponential steps: the grid does not matter when it contains the generation starts.
    assert_allclose(a.industry_mass_kg[-1], b.industry_mass_kg[-1], rtol=1e-9)
    assert_allclose(a.cumulative_import_kg[-1], b.cumulative_import_kg[-1], rtol=1e-9)
    # Mass balance: actual mass = seed + new hardware; imports are (1 - f) of new hardware.
    assert np.all(np.diff(b.industry_mass_kg) > 0.0)
    assert np.all(b.industry_mass_kg >= b.capability_kg)
    assert np.all(b.cumulative_import_kg <= b.industry_mass_kg - 1000.0 + 1e-6)


def test_bootstrap_growth_utilisation_zero_is_static():
    out = bootstrap_growth(500.0, YR, np.linspace(0, 10 * YR, 5), [0.0], [0.9], utilisation=0.0)
    assert_allclose(out.industry_mass_kg, 500.0, rtol=FLOAT_RTOL)


def test_bootstrap_growth_shapes():
    seeds = np.array([1000.0, 2000.0, 4000.0])
    periods = np.array([YR, 2 * YR, 3 * YR])
    t = np.arange(0.0, 5 * YR, MONTH)
    out = bootstrap_growth(seeds, periods, t, [0.0, 2 * YR], [0.9, 1.0], [2.0, 1.0])
    assert out.industry_mass_kg.shape == (3, t.size)
    for i in range(3):
        one = bootstrap_growth(seeds[i], periods[i], t, [0.0, 2 * YR], [0.9, 1.0], [2.0, 1.0])
        assert_allclose(out.industry_mass_kg[i], one.industry_mass_kg, rtol=FLOAT_RTOL)
    # Sample-wise generation schedules, shape (sample, n_gen).
    starts = np.array([[0.0, 1 * YR], [0.0, 3 * YR], [0.0, 4 * YR]])
    per_sample = bootstrap_growth(seeds, YR, t, starts, np.array([0.9, 1.0]))
    assert per_sample.industry_mass_kg.shape == (3, t.size)


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        (dict(seed_mass_kg=0.0), "seed_mass_kg"),
        (dict(replication_time_s=0.0), "replication_time_s"),
        (dict(utilisation=1.5), "utilisation"),
        (dict(generation_local_fraction=[0.0, 1.0]), "generation_local_fraction"),
        (dict(generation_local_fraction=[0.5]), "generation_local_fraction"),
        (dict(generation_start_s=[2.0, 1.0]), "generation_start_s"),
        (dict(generation_crudeness=0.5), "generation_crudeness"),
        (dict(elapsed_s=[2.0, 1.0]), "elapsed_s"),
    ],
)
def test_bootstrap_growth_bad_input(kwargs, name):
    args = dict(seed_mass_kg=1000.0, replication_time_s=YR, elapsed_s=[0.0, YR],
                generation_start_s=[0.0, 1.0], generation_local_fraction=[0.9, 1.0])
    args.update(kwargs)
    with pytest.raises(ModelDomainError, match=name):
        bootstrap_growth(**args)


def test_local_manufacture_fraction_step_function():
    gen = metzger_2013_generations()
    t = np.array([-1.0, 0.0, 5.9, 6.0, 9.0, 11.0, 13.0]) * YR
    got = local_manufacture_fraction(t, gen.start_s, gen.electronics_local_fraction)
    assert_allclose(got, [0.0, 0.0, 0.0, 0.90, 0.95, 0.99, 1.0], rtol=FLOAT_RTOL)
    # Scalar time with sample-wise schedules (the timeline's call).
    starts = gen.start_s[None, :] * np.array([[1.0], [2.0]])
    fractions = np.broadcast_to(gen.electronics_local_fraction, starts.shape)
    assert_allclose(local_manufacture_fraction(9 * YR, starts, fractions), [0.95, 0.0], rtol=FLOAT_RTOL)
    # Per-sample times too.
    assert_allclose(local_manufacture_fraction(np.array([9 * YR, 12 * YR]), starts, fractions),
                    [0.95, 0.90], rtol=FLOAT_RTOL)
    assert isinstance(local_manufacture_fraction(9 * YR, gen.start_s, gen.electronics_local_fraction), float)


@pytest.mark.parametrize(
    ("args", "name"),
    [
        ((1.0, [0.0, 1.0], [0.5, 1.2]), "generation_local_fraction"),
        ((1.0, [1.0, 0.0], [0.5, 0.6]), "generation_start_s"),
        ((1.0, [0.0, 1.0], [0.5]), "generation_local_fraction"),
    ],
)
def test_local_manufacture_fraction_bad_input(args, name):
    with pytest.raises(ModelDomainError, match=name):
        local_manufacture_fraction(*args)


def test_earth_import_mass():
    assert_allclose(earth_import_mass_kg(1000.0, np.array([0.0, 0.5, 0.9, 1.0])), [1000.0, 500.0, 100.0, 0.0],
                    rtol=1e-12, atol=1e-12)
    assert earth_import_mass_kg(0.0, 0.3) == 0.0
    assert earth_import_mass_kg(np.ones((2, 3)), 0.5).shape == (2, 3)
    with pytest.raises(ModelDomainError, match="product_mass_kg"):
        earth_import_mass_kg(-1.0, 0.5)
    with pytest.raises(ModelDomainError, match="local_fraction"):
        earth_import_mass_kg(1.0, 90.0)


def test_industry_production_rate():
    assert industry_production_rate_kg_s(0.0, YR) == 0.0
    assert_allclose(industry_production_rate_kg_s(np.array([1.0, 2.0]), np.array([[1.0], [2.0]])),
                    [[1.0, 2.0], [0.5, 1.0]], rtol=FLOAT_RTOL)
    with pytest.raises(ModelDomainError, match="industry_mass_kg"):
        industry_production_rate_kg_s(-1.0, YR)
    with pytest.raises(ModelDomainError, match="replication_time_s"):
        industry_production_rate_kg_s(1.0, 0.0)


def test_generation_recursion_shapes_and_bad_input():
    gen = metzger_2013_generations()
    util = np.array([0.5, 1.0])
    out = generation_recursion(1.0, 2 * YR, gen.crudeness, gen.electronics_local_fraction, utilisation=util)
    assert out.sets.shape == (2, 7)
    assert_allclose(out.industry_mass_kg[1], _metzger(1.0).industry_mass_kg, rtol=FLOAT_RTOL)
    with pytest.raises(ModelDomainError, match="crudeness"):
        generation_recursion(1.0, 2 * YR, [1.0, 0.5], [0.0, 1.0])
    with pytest.raises(ModelDomainError, match="utilisation"):
        generation_recursion(1.0, 2 * YR, [1.0, 1.0], [0.0, 1.0], utilisation=2.0)
    with pytest.raises(ModelDomainError, match="seed_sets"):
        generation_recursion(0.0, 2 * YR, [1.0, 1.0], [0.0, 1.0])
    with pytest.raises(ModelDomainError, match="robonaut_weeks_per_asset"):
        generation_recursion(1.0, 2 * YR, [1.0, 1.0], [0.0, 1.0], robonaut_weeks_per_asset=[4.0])
    with pytest.raises(ModelDomainError, match="set_aside_kg"):
        generation_recursion(1.0, 2 * YR, [1.0, 1.0], [0.0, 1.0], set_aside_kg=-1.0)
    labour = metzger_2013_recursion(np.array([[1.0], [0.5]]))
    assert labour.industry_mass_kg.shape == (2, 1, 7)
    assert_allclose(labour.industry_mass_kg[0, 0], metzger_2013_recursion(1.0).industry_mass_kg, rtol=1e-9)
