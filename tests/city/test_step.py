"""The city's step: no residents without habitat and life support, resupply books, bindings, samples."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from moonbase.city.step import city_step, city_timeline, resupply_threshold_year, yearly_city_table
from moonbase.constants import SECONDS_PER_YEAR
from moonbase.scenario.params import city_choices, timeline_params
from moonbase.scenario.schema import Scenario

DT = SECONDS_PER_YEAR / 12
CHOICES = city_choices()  # the schema's defaults
STREAMS = ("resupply_oxygen_kg", "resupply_water_kg", "resupply_food_kg", "resupply_habitat_kg", "resupply_spares_kg")


def _params(samples=1, **city):
    return timeline_params(Scenario.model_validate({"name": "t", "city": city}), samples)


def _step(params, housed=0.0, year=2040.0, industry=1e7, production=None, local=0.9, landing=None):
    samples = params["city.enabled"].shape[0]
    production = industry / 24.0 if production is None else production  # 2-yr replication, monthly step
    return city_step(params, DT, year=year, industry_kg=np.full(samples, industry),
                     production_kg=np.full(samples, production), local_fraction=np.full(samples, local),
                     housed_prev=np.full(samples, housed), choices=CHOICES, landing_capacity_kg=landing)


def test_no_residents_before_first_crew_year_without_industry_or_when_disabled():
    p = _params()
    assert _step(p, year=2030.0).population[0] == 0.0
    assert _step(p, industry=0.0, production=0.0).population[0] == 0.0
    assert _step(_params(enabled=False)).population[0] == 0.0


def test_no_residents_without_life_support():
    # nothing can land and the Moon does not yet supply all consumables: nobody can live there
    step = _step(_params(), housed=1000.0, local=0.0, landing=np.zeros(1))
    assert step.population[0] == 0.0 and step.life_support_binds[0]


def test_residents_never_exceed_built_habitats_and_habitats_stay():
    p = _params(max_resupply="1e9 t/yr")
    housed = np.zeros(1)
    for k in range(36):
        step = _step(p, housed=housed[0], year=2040.0 + k / 12, industry=1e8 * 1.05**k)
        assert step.population[0] <= step.housed_capacity[0] * (1 + 1e-12)
        assert step.housed_capacity[0] >= housed[0]
        housed = step.housed_capacity


def test_resupply_is_the_sum_of_its_streams_and_respects_the_allowance():
    p = _params(max_resupply="100 t/yr")
    step = _step(p, industry=1e9, local=0.5)
    assert_allclose(step.resupply_kg, sum(getattr(step, s) for s in STREAMS), rtol=1e-12)
    assert step.resupply_kg[0] <= 100e3 / 12 * (1 + 1e-9)
    assert step.life_support_binds[0]


def test_consumables_balance_earth_and_moon():
    # consumables used = what Earth sent + what the Moon recycled, grew or made
    step = _step(_params(max_resupply="1e9 t/yr"), industry=1e9, local=0.5)
    earth = step.resupply_oxygen_kg + step.resupply_water_kg + step.resupply_food_kg
    assert_allclose(step.closure, 1.0 - earth / step.consumables_kg, rtol=1e-12)
    assert 0.9 < step.closure[0] < 1.0


def test_ceiling_binds_and_caps_the_population():
    step = _step(_params(population_ceiling=50.0, max_resupply="1e9 t/yr"), industry=1e10)
    assert step.population[0] == pytest.approx(50.0) and step.ceiling_binds[0]


def test_minimum_crew_once_crewed():
    step = _step(_params(), industry=1e3)
    assert step.population[0] == pytest.approx(4.0)


def test_samples_are_independent():
    both = timeline_params(Scenario.model_validate({"name": "t"}), 2)
    both["city.automation"] = np.array([0.9, 0.99])
    a = _step(_params(automation=0.9), industry=1e9)
    b = _step(_params(automation=0.99), industry=1e9)
    ab = _step(both, industry=1e9)
    assert_allclose(ab.population, [a.population[0], b.population[0]], rtol=1e-12)
    assert_allclose(ab.resupply_kg, [a.resupply_kg[0], b.resupply_kg[0]], rtol=1e-12)


def test_timeline_and_threshold_year():
    p = _params(max_resupply="1e9 t/yr")
    steps = 12 * 20
    year = 2035.0 + (np.arange(steps) + 1.0) / 12
    industry = 1e6 * np.exp(np.arange(steps) / 24.0)[None, :]
    local = np.minimum(np.arange(steps) / 120.0, 1.0)[None, :]
    city = city_timeline(p, year, industry, industry / 24.0, local, DT, CHOICES)
    assert city.series["population"].shape == (1, steps)
    table = yearly_city_table(city)
    assert table["year"][0] == 2035.0 and len(table["year"]) == 20
    first = resupply_threshold_year(year, city.series["resupply_kg"], city.series["population"],
                                    p["city.resupply_threshold_kg_s"], DT)[0]
    per = table["resupply_per_person_kg_per_yr"]
    limit = p["city.resupply_threshold_kg_s"][0] * SECONDS_PER_YEAR
    assert np.isfinite(first) and np.all(per[table["year"] >= first] < limit)
    assert per[table["year"] == first - 1][0] >= limit


def test_threshold_never_reached_is_nan():
    year = np.array([2040.25, 2040.5, 2040.75, 2041.0])
    out = resupply_threshold_year(year, np.full((1, 4), 1e6), np.ones((1, 4)), 1e-9, SECONDS_PER_YEAR / 4)
    assert np.isnan(out[0])


def test_vectorised_timeline_equals_step_by_step():
    p = _params(max_resupply="500 t/yr")
    steps = 60
    year = 2033.0 + (np.arange(steps) + 1.0) / 12
    industry = (1e7 * np.exp(np.arange(steps) / 6.0))[None, :]
    local = np.minimum(np.arange(steps) / 40.0, 1.0)[None, :]
    city = city_timeline(p, year, industry, industry / 24.0, local, DT, CHOICES)
    housed = np.zeros(1)
    for k in range(steps):
        step = city_step(p, DT, year=year[k], industry_kg=industry[:, k], production_kg=industry[:, k] / 24.0,
                         local_fraction=local[:, k], housed_prev=housed, choices=CHOICES)
        housed = step.housed_capacity
        for name in ("population", "housed_capacity", "resupply_kg", "closure", "power_w", "life_support_binds"):
            assert_allclose(city.series[name][:, k], np.asarray(getattr(step, name), dtype=float), rtol=1e-12,
                            err_msg=f"{name} at step {k}")
    assert city.series["life_support_binds"].any()  # the allowance binds somewhere in this path
