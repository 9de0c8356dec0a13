"""Crawford unit learning curve: the NASA OTPS 2024 module costs, the term-by-term sum, limits, shapes, bad input."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from moonbase.economics.learning_curve import unit_learning_cumulative_cost_usd
from moonbase.errors import ModelDomainError


def test_unit_learning_cumulative_cost_matches_nasa_otps_2024_appendix_b():
    # 6.9 B and 8.3 B USD, printed to two significant figures (+/-0.05 B)
    costs = unit_learning_cumulative_cost_usd(1e6, [1_463_000, 2_000_000], 0.75)
    assert_allclose(costs, [6.9e9, 8.3e9], atol=0.05e9)


@pytest.mark.parametrize("curve", [0.3, 0.5, 0.75, 0.9, 1.0])
@pytest.mark.parametrize("units", [1, 2, 64, 65, 1000, 200_000])
def test_equals_the_term_by_term_sum(curve, units):
    exact = np.sum(curve ** np.log2(np.arange(1, units + 1)))
    # the corrected midpoint integral beyond 64 units leaves < 1e-10 of the sum
    assert_allclose(unit_learning_cumulative_cost_usd(1.0, units, curve), exact, rtol=1e-9)


def test_limits_no_learning_is_linear_and_one_unit_costs_the_first():
    assert_allclose(unit_learning_cumulative_cost_usd(3.0, 1000, 1.0), 3000.0, rtol=1e-12)
    assert unit_learning_cumulative_cost_usd(7.0, 1, 0.6) == 7.0
    assert_allclose(unit_learning_cumulative_cost_usd(1.0, 2, 0.8), 1.8, rtol=1e-12)
    assert unit_learning_cumulative_cost_usd(0.0, 10, 0.8) == 0.0


def test_shapes_broadcast_over_samples():
    out = unit_learning_cumulative_cost_usd(np.array([[1.0], [2.0]]), np.array([10, 100, 1000]), 0.8)
    assert out.shape == (2, 3)
    assert_allclose(out[1], 2.0 * out[0], rtol=1e-12)
    assert np.all(np.diff(out[0]) > 0.0)


@pytest.mark.parametrize("kwargs, name", [
    ({"first_unit_cost_usd": -1.0, "units": 10, "learning_curve": 0.8}, "first_unit_cost_usd"),
    ({"first_unit_cost_usd": 1.0, "units": 0, "learning_curve": 0.8}, "units"),
    ({"first_unit_cost_usd": 1.0, "units": 10, "learning_curve": 80.0}, "learning_curve"),
    ({"first_unit_cost_usd": 1.0, "units": 10, "learning_curve": 0.0}, "learning_curve"),
])
def test_bad_input_names_the_argument(kwargs, name):
    with pytest.raises(ModelDomainError, match=name):
        unit_learning_cumulative_cost_usd(**kwargs)
