"""Life-support loops, greenhouses and power: mass balance and published figures."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from moonbase.city.life_support import (
    city_power_w,
    daily_consumables_kg,
    food_flow,
    greenhouse_area_m2,
    greenhouse_power_w,
    oxygen_flow,
    plant_oxygen_share,
    water_flow,
)
from moonbase.errors import ModelDomainError

RTOL = 1e-12  # closed-form arithmetic: only round-off
fractions = st.floats(0.0, 1.0)


def test_daily_consumables_match_sp413():
    # Wieland (RP-1324) 1994 figures: 4.99 kg against SP-413's 4.95 kg/person-day (0.8 % apart)
    assert_allclose(daily_consumables_kg(0.84, 0.62 + 1.15, 0.76 + 1.62), 4.95, rtol=0.01)


def test_water_recovery_iss_2023_leaves_two_percent():
    assert_allclose(water_flow(1.0, 100.0, 0.98).makeup_kg_s, 2.0, rtol=1e-9)


def test_oxygen_recovery_half_with_sabatier():
    assert_allclose(oxygen_flow(7.0, 0.84, 0.5, 0.0).makeup_kg_s, 7 * 0.42, rtol=RTOL)


@given(n=st.floats(0.0, 1e6), rate=st.floats(0.0, 10.0), r=fractions, p=fractions, f=fractions)
def test_every_flow_balances(n, rate, r, p, f):
    for flow in (oxygen_flow(n, rate, r, p), water_flow(n, rate, r), food_flow(n, rate, f)):
        total = flow.recycled_kg_s + flow.grown_kg_s + flow.makeup_kg_s
        assert_allclose(total, flow.demand_kg_s, rtol=1e-12, atol=1e-12)
        assert min(flow.recycled_kg_s, flow.grown_kg_s, flow.makeup_kg_s) >= 0.0


def test_no_people_no_flows_and_full_closure_no_makeup():
    for flow in (oxygen_flow(0.0, 1.0, 0.5, 0.2), water_flow(0.0, 1.0, 0.9), food_flow(0.0, 1.0, 0.5)):
        assert flow.demand_kg_s == 0.0 and flow.makeup_kg_s == 0.0
    assert oxygen_flow(10.0, 1.0, 1.0, 0.0).makeup_kg_s == 0.0
    assert water_flow(10.0, 1.0, 1.0).makeup_kg_s == 0.0
    assert food_flow(10.0, 1.0, 1.0).makeup_kg_s == 0.0


def test_plants_wheeler_2014_areas():
    # 50 m2 of food crops per person and 20-25 m2 for O2: growing ~45 % of food covers the oxygen
    assert plant_oxygen_share(1.0, 50.0, 22.5) == 1.0
    assert_allclose(plant_oxygen_share(0.45, 50.0, 22.5), 1.0, rtol=RTOL)
    assert plant_oxygen_share(0.0, 50.0, 22.5) == 0.0


def test_greenhouse_area_and_power():
    area = greenhouse_area_m2(100.0, 0.9, 50.0)
    assert_allclose(area, 4500.0, rtol=RTOL)
    assert_allclose(greenhouse_power_w(area, 300.0), 1.35e6, rtol=RTOL)
    assert_allclose(city_power_w(100.0, 5000.0, 1.35e6), 1.85e6, rtol=RTOL)


def test_shapes():
    scalar = oxygen_flow(10.0, 1.0, 0.5, 0.2).makeup_kg_s
    grid = oxygen_flow(np.full((2, 3), 10.0), 1.0, np.full((2, 1), 0.5), 0.2).makeup_kg_s
    assert np.ndim(scalar) == 0 and grid.shape == (2, 3)
    assert_allclose(grid, scalar, rtol=RTOL)
    assert water_flow(np.ones(4), 1.0, 0.5).grown_kg_s.shape == (4,)


@pytest.mark.parametrize("call, name", [
    (lambda: oxygen_flow(-1.0, 1.0, 0.5, 0.0), "population"),
    (lambda: oxygen_flow(1.0, 1.0, 1.5, 0.0), "recovery"),
    (lambda: oxygen_flow(1.0, 1.0, 0.5, -0.1), "plant_share"),
    (lambda: water_flow(1.0, -1.0, 0.5), "water_per_person_kg_s"),
    (lambda: food_flow(1.0, 1.0, 2.0), "grown_fraction"),
    (lambda: plant_oxygen_share(0.5, 50.0, 0.0), "oxygen_area_per_person_m2"),
    (lambda: greenhouse_power_w(-1.0, 300.0), "area_m2"),
    (lambda: daily_consumables_kg(-0.84, 1.0, 1.0), "oxygen_kg"),
])
def test_bad_input_names_the_argument(call, name):
    with pytest.raises(ModelDomainError, match=name):
        call()
