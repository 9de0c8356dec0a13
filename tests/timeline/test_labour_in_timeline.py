"""A labour shortage in the timeline: a city that cannot hold the workers the industry needs slows it."""

from __future__ import annotations

import numpy as np

from moonbase.city.step import city_constants, city_step_core
from moonbase.scenario.loader import scenario_from_dict
from moonbase.scenario.params import city_choices, timeline_params
from moonbase.timeline.binding import LUNAR_LIMITS
from moonbase.timeline.run import run


def _timeline(**city):
    return run(scenario_from_dict({"base": "alpha", "name": "labour", "city": city})).timeline


def test_a_population_ceiling_below_the_work_slows_the_industry_and_says_labour():
    free, capped = _timeline(), _timeline(population_ceiling=100)
    labour = LUNAR_LIMITS.index("labour")
    assert labour in set(capped.labels["lunar_surface_binding"][0].tolist())
    assert capped.series["lunar_population"][0].max() <= 100.0 * (1 + 1e-9)
    assert capped.series["lunar_industry_mass_kg"][0, -1] < 0.1 * free.series["lunar_industry_mass_kg"][0, -1]


def test_the_labour_factor_is_the_share_of_the_needed_residents_present():
    scenario = scenario_from_dict({"base": "alpha", "city": {"population_ceiling": 50}})
    c = city_constants(timeline_params(scenario), city_choices(scenario))
    step = city_step_core(c, 2.6e6, 2060.0, np.array([1e9]), np.array([4e7]), np.array([0.9]), np.array([np.inf]),
                          np.array([0.0]))
    assert 0.0 < step.labour_factor[0] < 1.0
    assert step.population[0] <= 50.0 * (1 + 1e-12)
    plenty = city_step_core(c, 2.6e6, 2060.0, np.array([1e3]), np.array([40.0]), np.array([0.9]), np.array([np.inf]),
                            np.array([0.0]))
    assert plenty.labour_factor[0] == 1.0
