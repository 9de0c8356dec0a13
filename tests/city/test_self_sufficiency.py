"""What the Moon makes for the city, and the Earth resupply that remains."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from moonbase.city.self_sufficiency import (
    WATER_OXYGEN_MASS_FRACTION,
    closure_fraction,
    earth_resupply_kg_s,
    food_grown_fraction,
    local_oxygen_capacity_kg_s,
    local_supply_fraction,
    oxygen_per_metal_kg_kg,
    water_local_fraction,
)
from moonbase.errors import ModelDomainError

RTOL = 1e-12  # closed-form arithmetic: only round-off


def test_water_is_eight_ninths_oxygen():
    assert_allclose(WATER_OXYGEN_MASS_FRACTION, 15.999 / (2 * 1.008 + 15.999), rtol=RTOL)
    assert_allclose(WATER_OXYGEN_MASS_FRACTION, 8.0 / 9.0, rtol=0.001)  # 16/18 with rounded weights


def test_oxygen_per_metal_from_the_extraction_model():
    # molten regolith electrolysis of highland soil: ~0.9 kg O2 per kg of Fe-Si-Ti alloy
    assert 0.8 < oxygen_per_metal_kg_kg() < 1.0
    assert oxygen_per_metal_kg_kg("melt-cast-glass", "polar") == 0.0  # nothing reduced, no oxygen


def test_local_fractions():
    assert local_supply_fraction(2.0, 1.0) == 0.5
    assert local_supply_fraction(1.0, 5.0) == 1.0
    assert local_supply_fraction(0.0, 0.0) == 1.0
    assert local_oxygen_capacity_kg_s(1.0, 0.0, 0.5, 0.9) == 0.0  # nothing local, no by-product
    assert water_local_fraction(True, 0.7, 0.0) == 0.7
    assert_allclose(water_local_fraction(False, 1.0, 0.5), 0.5 * WATER_OXYGEN_MASS_FRACTION, rtol=RTOL)
    assert food_grown_fraction(0.9, 0.0) == 0.0


def test_resupply_streams_add_up_and_vanish_when_all_is_local():
    r = earth_resupply_kg_s(1.0, 0.25, 2.0, 0.5, 3.0, 10.0, 0.1, 0.5)
    assert_allclose(r.total_kg_s, 0.75 + 1.0 + 3.0 + 1.0 + 0.5, rtol=RTOL)
    none = earth_resupply_kg_s(1.0, 1.0, 2.0, 1.0, 0.0, 10.0, 0.0, 0.0)
    assert none.total_kg_s == 0.0


def test_closure_bounds():
    assert closure_fraction(10.0, 0.0) == 1.0
    assert closure_fraction(10.0, 10.0) == 0.0
    assert closure_fraction(0.0, 0.0) == 1.0
    assert_allclose(closure_fraction(np.array([10.0, 20.0]), 5.0), [0.5, 0.75], rtol=RTOL)


def test_shapes():
    grid = local_oxygen_capacity_kg_s(np.ones((2, 3)), np.full((2, 1), 0.5), 0.3, 0.9)
    assert grid.shape == (2, 3)
    assert_allclose(grid, local_oxygen_capacity_kg_s(1.0, 0.5, 0.3, 0.9), rtol=RTOL)


@pytest.mark.parametrize("call, name", [
    (lambda: local_supply_fraction(-1.0, 1.0), "need_kg_s"),
    (lambda: local_oxygen_capacity_kg_s(1.0, 1.5, 0.3, 0.9), "local_fraction"),
    (lambda: water_local_fraction(True, 0.5, 2.0), "oxygen_local_fraction"),
    (lambda: food_grown_fraction(-0.1, 0.5), "max_grown_fraction"),
    (lambda: earth_resupply_kg_s(1.0, 0.0, 1.0, 0.0, 1.0, 1.0, 1.2, 0.0), "habitat_import_fraction"),
    (lambda: closure_fraction(1.0, -1.0), "earth_kg_s"),
])
def test_bad_input_names_the_argument(call, name):
    with pytest.raises(ModelDomainError, match=name):
        call()
