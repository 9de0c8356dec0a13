"""Tests of moonbase.massdriver.mass_model (components, Earth/lunar split, delivery cost)."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from moonbase.errors import ModelDomainError
from moonbase.massdriver.mass_model import (
    EARTH_MADE_FRACTION,
    earth_delivery_cost_usd,
    mass_breakdown,
    switch_mass_kg,
)

FLOAT_RTOL = 1e-12


def test_split_conserves_mass():
    masses = {"guideway": np.array([1e6, 2e6]), "switches": np.array([2e5, 1e5]), "carriers": 1e5}
    breakdown = mass_breakdown(masses, EARTH_MADE_FRACTION)
    assert_allclose(breakdown.earth_made_kg + breakdown.lunar_made_kg, breakdown.total_kg, rtol=FLOAT_RTOL)
    assert_allclose(breakdown.earth_made_kg, [2e5 + 0.5e5, 1e5 + 0.5e5], rtol=FLOAT_RTOL)
    assert breakdown.by_name()["guideway"].earth_made_kg[0] == 0.0


def test_switch_mass_and_cost_are_linear_and_zero_at_zero():
    assert switch_mass_kg(0.0, 1e-7) == 0.0
    assert_allclose(switch_mass_kg(2e12, 1e-7), 2e5, rtol=FLOAT_RTOL)
    assert earth_delivery_cost_usd(0.0, 2000.0) == 0.0
    assert_allclose(earth_delivery_cost_usd(np.array([1.0, 2.0]), 2000.0), [2000.0, 4000.0], rtol=FLOAT_RTOL)


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: mass_breakdown({"guideway": -1.0}, EARTH_MADE_FRACTION), "guideway"),
        (lambda: mass_breakdown({"guideway": 1.0}, {"guideway": 1.5}), "earth_made_fraction"),
        (lambda: switch_mass_kg(-1.0, 1e-7), "switch_rating_w"),
        (lambda: earth_delivery_cost_usd(1.0, -1.0), "delivered_cost_usd_per_kg"),
    ],
)
def test_mass_model_bad_input(call, name):
    with pytest.raises(ModelDomainError, match=name):
        call()
