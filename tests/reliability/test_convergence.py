"""Numerical robustness: results converge as the time step halves and as the tolerance tightens.

The observed order ``p = log2(d_k / d_{k+1})`` of successive differences (see
:mod:`moonbase.validation.convergence`) must sit near the formal order of the method:
1 for the timeline's explicit steps, 1 in ``rtol`` for the DOP853 propagator under
error-per-step control. The measured tables are printed (``pytest -s``) and shown in
the documentation's reliability page.
"""

from __future__ import annotations

import math

import pytest

from moonbase.validation.convergence import (
    observed_orders,
    propagator_tolerance_convergence,
    timeline_step_convergence,
)

# An observed order within 0.3 of the formal order: three resolutions already in the
# asymptotic range of a first-order method land within a few hundredths (measured
# 0.98-1.00 below); 0.3 leaves room for the non-smooth switches of the timeline
# (binding constraints change within a step).
ORDER_SLACK = 0.3
HEADLINE_DIGITS = 5e-3  # half a unit in the third significant digit (of a value near 1.00)


def test_observed_orders_of_an_exact_power_law():
    # d = C h^2 at h = 1, 1/2, 1/4: order 2 exactly
    assert observed_orders([4.0, 1.0, 0.25], 2.0) == pytest.approx((2.0, 2.0), rel=1e-12)
    assert math.isnan(observed_orders([1.0, 0.0], 2.0)[0])


def _by_name(studies):
    return {s.quantity: s for s in studies}


def test_earth_orbit_timeline_is_first_order_in_the_time_step():
    studies = _by_name(timeline_step_convergence('base = "earth-orbit-only"\n[span]\nend_year = 2045\n',
                                                 (12, 24, 48)))
    for name in ("total deployed compute power", "Earth-orbit compute power", "Kardashev index"):
        study = studies[name]
        print(f"\n{name}\n{study.markdown()}")
        assert study.orders[0] == pytest.approx(1.0, abs=ORDER_SLACK), name
        # monthly steps are within 0.5 % of the step-halved result (first order: the
        # remaining error is about that difference again); the headline table shows
        # three significant digits, i.e. 0.5 % at worst
        assert study.differences[0] <= HEADLINE_DIGITS * abs(study.values[-1]), name


@pytest.mark.slow
def test_alpha_timeline_converges_at_first_order_to_96_steps_per_year():
    studies = _by_name(timeline_step_convergence('base = "alpha"\n', (12, 24, 48, 96)))
    for name in ("total deployed compute power", "deep-space compute power", "Kardashev index"):
        study = studies[name]
        print(f"\n{name}\n{study.markdown()}")
        assert study.orders[-1] == pytest.approx(1.0, abs=ORDER_SLACK), name
        assert study.differences[-1] <= HEADLINE_DIGITS * abs(study.values[-1]), name
    cost = studies["cumulative cost"]
    print(f"\ncumulative cost\n{cost.markdown()}")
    # cost accrues through discrete purchases (launches, seeds): its order is erratic, but
    # monthly steps stay within 1 % of the 96-steps-per-year result
    assert abs(cost.values[0] - cost.values[-1]) <= 1e-2 * abs(cost.values[-1])


def test_propagator_error_is_proportional_to_its_tolerance():
    study = propagator_tolerance_convergence()
    print(f"\n{study.markdown()}")
    assert list(study.values) == sorted(study.values, reverse=True)  # tighter is always better
    for order in study.orders:
        # tolerance proportionality: one decade of rtol buys one decade of error
        assert order == pytest.approx(1.0, abs=ORDER_SLACK)
    # at the default-like rtol = 1e-11 a GEO orbit is good to 100 m after 20 days
    assert study.values[-1] < 100.0
