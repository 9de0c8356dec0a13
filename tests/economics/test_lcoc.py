"""Tests of moonbase.economics.lcoc and tier_costs: hand checks, limits, monotonicity, shapes, bad input."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from moonbase.constants import H100_SXM_DENSE_BF16_FLOP_S, PFLOP_DAY_FLOP, SECONDS_PER_YEAR as YR
from moonbase.economics.delivered import delivered_compute
from moonbase.economics.earth_baselines import load_baseline
from moonbase.economics.lcoc import (
    CostItems,
    earth_orbit_cost_items,
    ground_cost_items,
    levelized_cost_of_compute,
    lunar_satellite_cost_usd_per_kg,
)
from moonbase.economics.tier_costs import earth_orbit_lcoc, ground_lcoc
from moonbase.errors import ModelDomainError
from moonbase.scenario.loader import load_scenario
from moonbase.scenario.params import timeline_params

EFFICIENCY = 1e12  # FLOP/J


def _items(capex=30.0, rate=0.0, decay=0.0, delivery=None, energy=0.0, fixed=0.0):
    return CostItems({"hardware": capex}, {"om": fixed}, {"energy": energy}, 5 * YR, rate, decay, EFFICIENCY,
                     delivery or delivered_compute(1.0))


def test_undiscounted_lcoc_is_cost_over_output():
    lcoc = levelized_cost_of_compute(_items())
    assert_allclose(lcoc.usd_per_pflop_day, 30.0 / (EFFICIENCY * 5 * YR / PFLOP_DAY_FLOP), rtol=1e-12)
    # GPU-hour equivalent and MWh are the same cost on other denominators
    assert_allclose(lcoc.usd_per_gpu_hour, lcoc.usd_per_pflop_day * H100_SXM_DENSE_BF16_FLOP_S * 3600 / PFLOP_DAY_FLOP,
                    rtol=1e-12)
    assert_allclose(lcoc.usd_per_mwh, 30.0 / (5 * YR / 3.6e9), rtol=1e-12)


def test_energy_only_lcoe_is_the_energy_price():
    # no capex: the cost per MWh of compute energy equals the energy price per MWh
    lcoc = levelized_cost_of_compute(_items(capex=0.0, rate=0.08 / YR, energy=60.0 / 3.6e9))
    assert_allclose(lcoc.usd_per_mwh, 60.0, rtol=1e-9)


def test_breakdown_adds_up_and_discounting_raises_capex_heavy_costs():
    cheap = levelized_cost_of_compute(_items(fixed=1.0 / YR, energy=1e-8))
    dear = levelized_cost_of_compute(_items(rate=0.1 / YR, fixed=1.0 / YR, energy=1e-8))
    for lcoc in (cheap, dear):
        assert_allclose(sum(lcoc.breakdown_usd_per_pflop_day.values()), lcoc.usd_per_pflop_day, rtol=1e-12)
    assert dear.usd_per_pflop_day > cheap.usd_per_pflop_day


def test_decay_and_delivery_raise_the_cost_per_flop():
    base = levelized_cost_of_compute(_items()).usd_per_pflop_day
    assert levelized_cost_of_compute(_items(decay=0.1 / YR)).usd_per_pflop_day > base
    half = levelized_cost_of_compute(_items(delivery=delivered_compute(1.0, network=0.5))).usd_per_pflop_day
    assert_allclose(half, 2.0 * base, rtol=1e-12)


def test_zero_delivery_is_infinite_cost():
    assert np.isinf(levelized_cost_of_compute(_items(delivery=delivered_compute(1.0, network=0.0))).usd_per_pflop_day)


def test_ground_items_of_hyperscale_baseline():
    b = load_baseline("hyperscale-grid")
    items = ground_cost_items(b, 30.0, 5 * YR, 0.0, EFFICIENCY, delivered_compute(1.0))
    # undiscounted: a third of a 15-year facility is charged to 5 years of hardware
    assert_allclose(items.capex_usd_per_w["facility"], 12.0 / 3.0, rtol=1e-12)
    assert_allclose(items.energy_usd_per_j["energy"], 0.06 / 3.6e6 * 1.10, rtol=1e-12)
    assert items.capex_usd_per_w["power_plant"] == 0.0


def test_onsite_gas_plant_is_oversized_for_its_capacity_factor():
    b = load_baseline("onsite-gas")
    items = ground_cost_items(b, 30.0, 25 * YR, 0.0, EFFICIENCY, delivered_compute(1.0))  # life = plant life
    assert_allclose(items.capex_usd_per_w["power_plant"], 1.8 * 1.2 / 0.85, rtol=1e-12)


def test_queue_delay_costs_interest_on_the_facility():
    hyper = load_baseline("hyperscale-grid")
    queued = load_baseline("grid-constrained")
    a = ground_cost_items(hyper, 30.0, 5 * YR, 0.08 / YR, EFFICIENCY, delivered_compute(1.0))
    b = ground_cost_items(queued, 30.0, 5 * YR, 0.08 / YR, EFFICIENCY, delivered_compute(1.0))
    ratio = (1 + b.capex_usd_per_w["construction_interest"] / b.capex_usd_per_w["facility"]) / (
        1 + a.capex_usd_per_w["construction_interest"] / a.capex_usd_per_w["facility"])
    assert_allclose(ratio, 1.08 ** 5, rtol=1e-12)  # five years at 8 %/yr


def test_earth_orbit_lcoc_is_linear_and_increasing_in_launch_price():
    p = timeline_params(load_scenario("alpha"))
    costs = [float(earth_orbit_lcoc(p, 2030, price).usd_per_pflop_day[0]) for price in (0.0, 500.0, 1000.0)]
    assert costs[0] < costs[1] < costs[2]
    assert_allclose(costs[2] - costs[1], costs[1] - costs[0], rtol=1e-9)


def test_ground_lcoc_falls_with_accelerator_efficiency():
    p = timeline_params(load_scenario("alpha"))
    assert ground_lcoc(p, "hyperscale-grid", 2040).usd_per_pflop_day < ground_lcoc(p, "hyperscale-grid", 2030).usd_per_pflop_day


def test_shapes_over_samples():
    items = earth_orbit_cost_items(np.array([30.0, 40.0]), 0.5, 0.1, 5 * YR, 0.03 / YR, np.array([200.0, 200.0]),
                                   1000.0, 30.0, 0.01 / YR, YR, 0.08 / YR, EFFICIENCY, delivered_compute(1.0))
    lcoc = levelized_cost_of_compute(items)
    assert lcoc.usd_per_pflop_day.shape == (2,)
    one = earth_orbit_cost_items(30.0, 0.5, 0.1, 5 * YR, 0.03 / YR, 200.0, 1000.0, 30.0, 0.01 / YR, YR, 0.08 / YR,
                                 EFFICIENCY, delivered_compute(1.0))
    assert_allclose(levelized_cost_of_compute(one).usd_per_pflop_day, lcoc.usd_per_pflop_day[0], rtol=1e-12)


def test_lunar_satellite_cost():
    # 5 % imported at 200 USD/kg to LEO, 4 kg in LEO per kg landed, 1,000 USD/kg hardware
    assert_allclose(lunar_satellite_cost_usd_per_kg(0.05, 200.0, 0.25, 1000.0), 0.05 * (800.0 + 1000.0), rtol=1e-12)


@pytest.mark.parametrize("call, name", [
    (lambda: levelized_cost_of_compute(CostItems({}, {}, {}, 0.0, 0.0, 0.0, 1e12, delivered_compute(1.0))), "life_s"),
    (lambda: levelized_cost_of_compute(CostItems({}, {}, {}, YR, 0.0, 0.0, 0.0, delivered_compute(1.0))),
     "efficiency_flop_j"),
    (lambda: levelized_cost_of_compute(CostItems({}, {}, {}, YR, 0.0, -1.0, 1e12, delivered_compute(1.0))),
     "decay_rate_per_s"),
    (lambda: earth_orbit_cost_items(0.0, 0.5, 0.1, YR, 0.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 1e12, delivered_compute(1.0)),
     "specific_power_w_kg"),
    (lambda: lunar_satellite_cost_usd_per_kg(0.1, 1.0, 0.0, 1.0), "landed_per_leo_mass"),
])
def test_bad_input_names_the_argument(call, name):
    with pytest.raises(ModelDomainError, match=name):
        call()
