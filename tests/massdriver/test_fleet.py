"""A fleet of identical mass drivers (moonbase.massdriver.fleet): one driver's needs, rate, build, policy."""

from __future__ import annotations

import numba
import numpy as np
import pytest
from numpy.testing import assert_allclose

from moonbase.constants import SECONDS_PER_YEAR
from moonbase.errors import ModelDomainError
from moonbase.industry.lunar_power import illumination_fraction
from moonbase.industry.transmission import selenographic_distance_m
from moonbase.jit import row
from moonbase.massdriver.capacity import mass_driver_capacity, mass_driver_inputs
from moonbase.massdriver.design import mass_driver_design
from moonbase.massdriver.fleet import (
    FleetConstants,
    FleetStep,
    driver_build_time_s,
    driver_payback_s,
    driver_unit,
    drivers_needed,
    fleet_constants,
    fleet_rate_kg_s,
    fleet_step_core,
)
from moonbase.scenario.loader import load_scenario
from moonbase.scenario.params import timeline_choices, timeline_params

EXACT = 1e-12  # same operations: only rounding differs
STEP_S = SECONDS_PER_YEAR / 12.0
DEG = np.pi / 180.0
ALPHA = load_scenario("alpha")


@pytest.fixture(scope="module")
def alpha_design():
    params = timeline_params(ALPHA)
    return mass_driver_design(mass_driver_inputs(params, timeline_choices(ALPHA)["mass_driver"]))


def test_own_field_driver_is_the_design_with_its_whole_power_plant(alpha_design):
    """The driver's own solar field is lunar-made mass it needs (the timeline today leaves it out)."""
    unit = driver_unit(alpha_design)
    params = timeline_params(ALPHA)
    cap = mass_driver_capacity(params, STEP_S, timeline_choices(ALPHA)["mass_driver"], design=alpha_design)
    assert_allclose(unit.lunar_made_mass_kg, cap.lunar_made_mass_kg, rtol=EXACT)
    assert_allclose(unit.earth_made_mass_kg + unit.lunar_made_mass_kg, alpha_design.mass_total_kg, rtol=EXACT)
    assert_allclose(unit.power_plant_mass_kg, cap.solar_field_mass_kg, rtol=EXACT)
    assert np.all(unit.power_plant_mass_kg > 0.9 * unit.lunar_made_mass_kg)  # alpha: the field is 93 % of it
    assert_allclose(unit.throughput_kg_s * STEP_S, cap.mass_per_step_kg, rtol=EXACT)


def test_a_line_from_a_polar_site_fires_more_and_weighs_its_line(alpha_design):
    route = selenographic_distance_m(-88.74 * DEG, 124.5 * DEG, 0.0, 90.0 * DEG)
    lit = illumination_fraction("polar-ridge-best")
    own = driver_unit(alpha_design)
    fed = driver_unit(alpha_design, "line", route_length_m=route, power_site_illumination=lit,
                      line_loss_fraction=0.05)
    # idle in the dark: it fires while the power site is lit (0.86) instead of the equator's 0.5
    assert_allclose(fed.throughput_kg_s / own.throughput_kg_s, lit / 0.5, rtol=EXACT)
    assert_allclose(fed.power_plant_mass_kg, own.power_plant_mass_kg / 0.95, rtol=EXACT)  # the field pays the loss
    assert_allclose(fed.lunar_made_mass_kg - own.lunar_made_mass_kg,
                    fed.line_mass_kg + fed.power_plant_mass_kg - own.power_plant_mass_kg, rtol=1e-9)
    assert_allclose(fed.earth_made_mass_kg, own.earth_made_mass_kg, rtol=EXACT)  # aluminium line, lunar-made
    assert_allclose(own.earth_delivery_cost_usd, alpha_design.earth_delivery_cost_usd, rtol=EXACT)
    imported = driver_unit(alpha_design, "line", route_length_m=route, power_site_illumination=lit,
                           line_earth_made_fraction=0.1)
    assert_allclose(imported.earth_delivery_cost_usd - own.earth_delivery_cost_usd,
                    0.1 * imported.line_mass_kg * alpha_design.inputs.delivered_cost_usd_per_kg, rtol=1e-9)
    assert np.all(fed.line_mass_kg > 0.0) and fed.line_loss_fraction == 0.05
    no_route = driver_unit(alpha_design, "line", route_length_m=0.0, power_site_illumination=0.5)
    assert_allclose(no_route.lunar_made_mass_kg, own.lunar_made_mass_kg, rtol=EXACT)  # same site: same driver


def test_build_time_is_the_slower_of_the_two_supplies():
    assert_allclose(driver_build_time_s(3e8, 10.0, 2.6e6, 1.0), 3e7, rtol=EXACT)  # lunar binds
    assert_allclose(driver_build_time_s(3e8, 1e3, 2.6e6, 0.01), 2.6e8, rtol=EXACT)  # Earth cargo binds
    assert driver_build_time_s(3e8, 0.0, 2.6e6, 1.0) == np.inf
    assert driver_build_time_s(0.0, 0.0, 0.0, 0.0) == 0.0
    doubled = driver_build_time_s(np.array([3e8, 6e8]), 10.0, 0.0, 0.0)
    assert_allclose(doubled[1] / doubled[0], 2.0, rtol=EXACT)


def test_fleet_rate_and_drivers_needed_are_inverse():
    through = np.array([900.0, 1548.0])
    for output in (1.0, 900.0, 901.0, 7.3e4):
        n = drivers_needed(output, through)
        assert np.all(fleet_rate_kg_s(n, through) >= output)
        assert np.all(fleet_rate_kg_s(n - 1.0, through) < output)
    assert_allclose(drivers_needed(0.0, through), 0.0)


def test_payback_is_the_driver_mass_over_the_extra_it_fires():
    assert_allclose(driver_payback_s(3e8, 100.0, 900.0), 3e6, rtol=EXACT)
    assert_allclose(driver_payback_s(3e8, 1e5, 900.0), 3e8 / 900.0, rtol=EXACT)  # one driver fires at most its rate
    assert driver_payback_s(3e8, 0.0, 900.0) == np.inf


def _constants(policy="queue", trigger=0.0, horizon=SECONDS_PER_YEAR):
    unit = driver_unit(mass_driver_design(mass_driver_inputs(timeline_params(ALPHA),
                                                             timeline_choices(ALPHA)["mass_driver"])))
    return fleet_constants(unit, policy, trigger, horizon)


def _run(c, steps, output_kg, lunar_kg_s, earth_kg_s, drivers=1.0):
    state = dict(drivers=np.full(1, drivers), building=np.zeros(1), progress=np.zeros(1), excess_s=np.zeros(1))
    queue = np.zeros(1)
    history = []
    for _ in range(steps):
        out = fleet_step_core(c, STEP_S, state["drivers"], state["building"], state["progress"], state["excess_s"],
                              queue, np.full(1, output_kg), lunar_kg_s, earth_kg_s)
        history.append(out)
        state = dict(drivers=out.drivers, building=out.building, progress=out.progress, excess_s=out.excess_s)
        queue = out.queue_kg
    return history


def test_queue_policy_builds_drivers_until_the_fleet_fires_the_output():
    c = _constants("queue", trigger=3 * STEP_S)
    per_step = 900.0 * STEP_S
    history = _run(c, 120, 3.5 * per_step, lunar_kg_s=100.0, earth_kg_s=1.0)
    drivers = np.array([h.drivers[0] for h in history])
    assert drivers[-1] == 4.0 and np.all(np.diff(drivers) >= 0.0)  # 3.5 drivers' worth: four, not more
    build_s = history[0].build_time_s[0]
    assert_allclose(build_s, c.lunar_made_mass_kg[0] / 100.0, rtol=EXACT)  # lunar supply binds (306 kt at 100 kg/s)
    first = next(i for i, h in enumerate(history) if h.completed[0] > 0.5)
    started = next(i for i, h in enumerate(history) if h.started[0] > 0.5)
    assert started == 2  # the output outran the rate for three steps (0, 1, 2)
    assert first - started == int(np.ceil(build_s / STEP_S))
    assert history[-1].queue_kg[0] < history[first + 12].queue_kg[0]  # spare rate drains the backlog
    # mass: what was made is fired or still queued; drivers consumed exactly their mass
    fired = sum(h.fired_kg[0] for h in history)
    assert_allclose(fired + history[-1].queue_kg[0], 120 * 3.5 * per_step, rtol=1e-12)
    built = drivers[-1] - 1.0 + history[-1].progress[0]
    assert_allclose(sum(h.lunar_mass_used_kg[0] for h in history), built * c.lunar_made_mass_kg[0], rtol=1e-9)
    assert_allclose(sum(h.earth_mass_used_kg[0] for h in history), built * c.earth_made_mass_kg[0], rtol=1e-9)


def test_no_driver_is_started_when_the_fleet_keeps_up():
    c = _constants("queue")
    history = _run(c, 24, 0.9 * 900.0 * STEP_S, lunar_kg_s=100.0, earth_kg_s=1.0)
    assert all(h.started[0] == 0.0 for h in history) and history[-1].queue_kg[0] == 0.0


def test_payback_policy_builds_for_a_flow_that_repays_the_driver_within_the_horizon():
    excess = 0.2 * 900.0  # a fifth of a driver's rate left unfired
    payback = None
    for horizon, expected in ((SECONDS_PER_YEAR, 1.0), (5 * 86400.0, 0.0)):
        c = _constants("payback", horizon=horizon)
        payback = (c.lunar_made_mass_kg[0] + c.earth_made_mass_kg[0]) / excess  # ~20 days
        history = _run(c, 3, (900.0 + excess) * STEP_S, lunar_kg_s=100.0, earth_kg_s=1.0)
        assert history[0].started[0] == expected, horizon
    assert 5 * 86400.0 < payback < SECONDS_PER_YEAR
    trickle = _run(_constants("payback"), 3, (900.0 + 1.0) * STEP_S, lunar_kg_s=100.0, earth_kg_s=1.0)
    assert all(h.started[0] == 0.0 for h in trickle)  # 1 kg/s unfired repays 309 kt in ~10 years: not built


def test_power_and_line_loss_follow_the_fired_mass():
    route = selenographic_distance_m(-88.74 * DEG, 124.5 * DEG, 0.0, 90.0 * DEG)
    design = mass_driver_design(mass_driver_inputs(timeline_params(ALPHA), timeline_choices(ALPHA)["mass_driver"]))
    c = fleet_constants(driver_unit(design, "line", route_length_m=route, power_site_illumination=0.86))
    out = fleet_step_core(c, STEP_S, np.ones(1), np.zeros(1), np.zeros(1), np.zeros(1), np.zeros(1), np.full(1, 1e12),
                          0.0, 0.0)
    assert_allclose(out.power_w, c.throughput_kg_s * c.energy_per_kg_j_kg, rtol=EXACT)  # firing at the full rate
    assert_allclose(out.line_loss_w, 0.05 * out.sent_power_w, rtol=1e-12)
    assert out.build_time_s[0] == np.inf and out.started[0] == 0.0  # queue policy, no trigger, but no supply


def test_fleet_step_core_numpy_and_compiled_agree():
    """The kernel will call the formula on one sample's constants: same numbers as numpy on arrays."""
    rng = np.random.default_rng(5)
    n = 200
    c = FleetConstants(*(10.0 ** rng.uniform(0, 9, n) for _ in range(5)), policy=rng.choice([0.0, 1.0], n),
                       trigger_duration_s=rng.uniform(0, 1e8, n), payback_horizon_s=rng.uniform(0, 1e9, n))
    c = c._replace(line_loss_fraction=rng.uniform(0.0, 0.2, n))
    args = [rng.integers(0, 5, n).astype(float), rng.choice([0.0, 1.0], n), rng.uniform(0, 1, n),
            rng.uniform(0, 1e8, n), 10.0 ** rng.uniform(0, 11, n), 10.0 ** rng.uniform(0, 12, n), np.where(rng.random(n) < 0.1, 0.0,
                                                                           10.0 ** rng.uniform(0, 4, n)),
            np.where(rng.random(n) < 0.1, 0.0, 10.0 ** rng.uniform(-2, 2, n))]
    with np.errstate(divide="ignore", invalid="ignore"):
        expected = fleet_step_core(c, STEP_S, *args)
    assert type(expected) is FleetStep
    compiled = numba.njit(error_model="numpy")(lambda k, a: fleet_step_core(k, STEP_S, *a))
    for i in range(n):
        got = compiled(row(c, i), tuple(float(a[i]) for a in args))
        assert got._fields == FleetStep._fields
        assert_allclose(np.asarray(got, dtype=float), [float(e[i]) for e in expected], rtol=EXACT, atol=0.0)


@pytest.mark.parametrize("call, message", [
    (lambda d: driver_unit(d, "solar-sail"), "supply = 'solar-sail' is unknown; choose one of: own-field, line"),
    (lambda d: driver_unit(d, "line", route_length_m=1e6), "power_site_illumination is needed"),
    (lambda d: driver_unit(d, "line", route_length_m=1e6, power_site_illumination=86.0), "power_site_illumination"),
    (lambda d: fleet_constants(driver_unit(d), "greedy"), "policy = 'greedy' is unknown; choose one of: queue"),
    (lambda d: fleet_constants(driver_unit(d), "queue", -1.0), "trigger_duration_s = -1"),
])
def test_bad_choices_and_inputs_are_named(alpha_design, call, message):
    with pytest.raises((ModelDomainError, ValueError), match=message):
        call(alpha_design)
