"""One cost path per tier: the economics module reads the timeline's line items, and the
timeline's bus follows the same Wright's law on satellites built as the economics."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from moonbase.economics.crossover import (
    DEEP_SPACE_CAPITAL,
    DEEP_SPACE_NOTES,
    DEEP_SPACE_RUNNING,
    bus_cost_path_usd_per_kg,
    crossover_analysis,
    deep_space_cost_items_usd_per_kg,
    deep_space_cost_path_usd_per_kg,
    earth_orbit_spending_usd,
    tier_spending_usd,
)
from moonbase.scenario.loader import scenario_from_dict
from moonbase.scenario.params import earth_orbit_choices
from moonbase.spacecraft.tier import tier_design
from moonbase.timeline.run import run

RTOL = 1e-9
VARIANTS = [{}, {"lunar": {"chip_fab": False}}, {"economics": {"budget_cap": True, "annual_budget": "100e9 USD/yr"}},
            {"finance": {"bus_learning_rate": 0.2, "bus_reference_units": 10.0}}]


@pytest.fixture(scope="module", params=range(len(VARIANTS)), ids=["alpha", "no-fab", "budget-cap", "steep-bus"])
def result(request):
    return run(scenario_from_dict({"base": "alpha", "name": "one-path", **VARIANTS[request.param]}))


def test_tier_spending_is_the_timelines_line_items(result):
    tl, p = result.timeline, result.params
    s = tl.series
    spending = tier_spending_usd(p, tl)
    earth_orbit, deep_space = (sum(spending[tier].values()) for tier in ("earth_orbit", "deep_space"))
    assert_allclose(earth_orbit, s["earth_orbit_cost_usd"], rtol=RTOL, atol=1e-6)
    assert_allclose(earth_orbit_spending_usd(p, tl), s["earth_orbit_cost_usd"], rtol=RTOL, atol=1e-6)
    assert_allclose(deep_space, s["lunar_cost_usd"], rtol=RTOL, atol=1e-6)
    assert_allclose(earth_orbit + deep_space, s["cost_usd"], rtol=RTOL, atol=1e-6)
    assert set(spending["deep_space"]) == set(DEEP_SPACE_NOTES)
    assert set(DEEP_SPACE_RUNNING + DEEP_SPACE_CAPITAL) | {"chips"} == set(DEEP_SPACE_NOTES)
    assert all(np.all(v >= -1e-6) for v in spending["deep_space"].values())
    dt = tl.span.step_s
    assert_allclose(spending["deep_space"]["teleoperation"],
                    s["earth_teleoperators"] * p["city.teleoperator_cost_usd_per_s"][:, None] * dt, rtol=RTOL)


def test_the_timelines_bus_learns_on_satellites_built(result):
    # recomputed from the deployed mass: Wright's law on the satellites built before each step
    tl, p = result.timeline, result.params
    s = tl.series
    design = tier_design(p, "earth_orbit", earth_orbit_choices(result.scenario.earth_orbit)["orbit"])
    units = s["earth_orbit_deployed_mass_kg"] / design.satellite_mass_kg[:, None]
    before = np.cumsum(units, axis=1) - units
    bus = bus_cost_path_usd_per_kg(p, before)
    assert_allclose(s["earth_orbit_bus_cost_usd_per_kg"], bus, rtol=RTOL)
    assert_allclose(s["earth_orbit_satellites_built"], before + units, rtol=RTOL)
    assert_allclose(s["earth_orbit_bus_cost_usd"],
                    s["earth_orbit_deployed_mass_kg"] * design.non_compute_mass_fraction[:, None] * bus,
                    rtol=RTOL, atol=1e-6)
    assert s["earth_orbit_satellites_built"][0, -1] > 1e3  # the learning is exercised beyond its reference


def test_the_deep_space_cost_path_recovers_the_line_items(result):
    tl, p = result.timeline, result.params
    items = deep_space_cost_items_usd_per_kg(p, tl)
    total = deep_space_cost_path_usd_per_kg(p, tl)
    fires = np.isfinite(total)
    assert fires.any()
    assert_allclose(sum(v[fires] for v in items.values()), total[fires], rtol=RTOL)
    # running items: exactly the year's spending over the year's fired mass
    spy = tl.span.steps_per_year
    fired = tl.series["lunar_satellite_output_kg"].reshape(tl.samples, -1, spy).sum(axis=2)
    ops = tier_spending_usd(p, tl)["deep_space"]["operations"].reshape(tl.samples, -1, spy).sum(axis=2)
    assert_allclose(items["operations"][fires], (ops / np.where(fired > 0, fired, 1.0))[fires], rtol=RTOL)
    crossover = crossover_analysis(result, ("hyperscale-grid",))
    assert_allclose(crossover.deep_space_cost_usd_per_kg[fires], total[fires], rtol=RTOL)
