"""Tests of moonbase.economics.finance: published worked examples, invariants, shapes, bad input."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from moonbase.constants import SECONDS_PER_YEAR as YR
from moonbase.economics.finance import (
    annuity_factor_s,
    capital_recovery_factor,
    continuous_discount_rate_per_s,
    interest_during_construction_factor,
    internal_rate_of_return_per_s,
    net_present_value_usd,
    payback_time_s,
    weighted_average_cost_of_capital_per_s,
)
from moonbase.errors import ModelDomainError

EXCEL_IRR_FLOWS = [-70000.0, 12000.0, 15000.0, 18000.0, 21000.0, 26000.0]


def test_capital_recovery_factor_matches_interest_table_10pct_10yr():
    # (A/P, 10 %, 10) = 0.16275 in five-digit interest tables
    assert_allclose(capital_recovery_factor(0.10 / YR, 10 * YR), 0.16275, rtol=5e-5)


def test_npv_matches_excel_worked_example():
    npv = net_present_value_usd([-10000.0, 3000.0, 4200.0, 6800.0], np.arange(1, 5) * YR, 0.10 / YR)
    assert_allclose(npv, 1188.44, atol=0.005)  # the example prints cents


def test_irr_matches_excel_worked_examples():
    years = np.arange(6) * YR
    # one decimal of a percent in the example
    assert_allclose(internal_rate_of_return_per_s(EXCEL_IRR_FLOWS, years) * YR, 0.087, atol=5e-4)
    assert_allclose(internal_rate_of_return_per_s(EXCEL_IRR_FLOWS[:5], years[:5]) * YR, -0.021, atol=5e-4)
    assert_allclose(internal_rate_of_return_per_s(EXCEL_IRR_FLOWS[:3], years[:3]) * YR, -0.444, atol=5e-4)


def test_wacc_of_lazard_capital_structure():
    assert_allclose(weighted_average_cost_of_capital_per_s(0.12 / YR, 0.08 / YR, 0.6, 0.21) * YR, 0.08592, rtol=1e-12)


def test_npv_is_zero_at_the_irr():
    years = np.arange(6) * YR
    irr = internal_rate_of_return_per_s(EXCEL_IRR_FLOWS, years)
    assert_allclose(net_present_value_usd(EXCEL_IRR_FLOWS, years, irr), 0.0, atol=1e-6)  # brentq xtol 1e-12


def test_limits_without_discounting():
    assert_allclose(capital_recovery_factor(0.0, 4 * YR), 0.25, rtol=1e-12)  # 1/n
    assert_allclose(annuity_factor_s(0.0, 0.0, 5 * YR), 5 * YR, rtol=1e-12)
    assert_allclose(interest_during_construction_factor(0.08 / YR, 0.0), 1.0, rtol=1e-12)
    assert_allclose(continuous_discount_rate_per_s(0.0), 0.0, atol=0.0)


def test_continuous_annuity_agrees_with_crf_within_half_the_rate():
    # a continuous stream of 1/yr repays A(L) of capital; the year-end CRF differs by ~r/2
    rate = 0.08 / YR
    continuous = YR / annuity_factor_s(rate, 0.0, 10 * YR)
    discrete = capital_recovery_factor(rate, 10 * YR)
    assert 0.0 < discrete / continuous - 1.0 < 0.04 + 1e-3


def test_monotonic_in_rate_and_time():
    rates = np.array([0.0, 0.05, 0.10]) / YR
    crf = capital_recovery_factor(rates, 10 * YR)
    assert np.all(np.diff(crf) > 0.0)
    idc = interest_during_construction_factor(0.08 / YR, np.array([1.0, 2.0, 4.0]) * YR)
    assert np.all(np.diff(idc) > 0.0)
    assert np.all(np.diff(annuity_factor_s(rates, 0.0, 10 * YR)) < 0.0)


def test_decay_reduces_the_annuity_like_a_higher_rate():
    decayed = annuity_factor_s(0.0, 0.0, 5 * YR, 0.1 / YR)
    assert_allclose(decayed, (1.0 - np.exp(-0.5)) / (0.1 / YR), rtol=1e-12)


def test_payback():
    assert_allclose(payback_time_s([-100.0, 60.0, 60.0], [0.0, 1.0, 2.0]), 2.0)
    assert np.isnan(payback_time_s([-100.0, 10.0, 10.0], [0.0, 1.0, 2.0]))
    assert payback_time_s([5.0, 10.0], [0.0, 1.0]) == 0.0
    # dips negative again later: payback is after the last negative
    assert_allclose(payback_time_s([-10.0, 20.0, -30.0, 40.0], [0.0, 1.0, 2.0, 3.0]), 3.0)
    # discounting delays payback
    assert np.isnan(payback_time_s([-100.0, 55.0, 55.0], [0.0, YR, 2 * YR], 0.1 / YR))


def test_shapes_scalar_1d_and_sample_time():
    flows = np.array([[-100.0, 60.0, 60.0], [-100.0, 30.0, 90.0]])
    times = np.arange(3) * YR
    npv = net_present_value_usd(flows, times, np.array([0.05, 0.05]) / YR)
    assert npv.shape == (2,)
    assert_allclose(npv[0], net_present_value_usd(flows[0], times, 0.05 / YR), rtol=1e-12)
    irr = internal_rate_of_return_per_s(flows, times)
    assert irr.shape == (2,)
    assert_allclose(irr[1], internal_rate_of_return_per_s(flows[1], times), rtol=1e-12)
    assert payback_time_s(flows, times).shape == (2,)
    grid = capital_recovery_factor(np.full((3, 4), 0.07 / YR), 20 * YR)
    assert grid.shape == (3, 4)
    assert isinstance(capital_recovery_factor(0.07 / YR, 20 * YR), float)


def test_irr_is_nan_without_a_sign_change():
    assert np.isnan(internal_rate_of_return_per_s([-1.0, -1.0], [0.0, YR]))


@pytest.mark.parametrize("call, name", [
    (lambda: capital_recovery_factor(-1.5 / YR, YR), "rate_per_s"),
    (lambda: capital_recovery_factor(0.1 / YR, 0.0), "life_s"),
    (lambda: interest_during_construction_factor(0.1 / YR, -1.0), "construction_s"),
    (lambda: weighted_average_cost_of_capital_per_s(0.1 / YR, 0.05 / YR, 1.5, 0.2), "debt_share"),
    (lambda: weighted_average_cost_of_capital_per_s(0.1 / YR, 0.05 / YR, 0.5, 21.0), "tax_rate"),
    (lambda: annuity_factor_s(0.1 / YR, 2.0, 1.0), "end_s"),
])
def test_bad_input_names_the_argument(call, name):
    with pytest.raises(ModelDomainError, match=name):
        call()


def test_irr_of_a_long_series_is_the_rate_it_was_built_with():
    """400 yearly payments priced at 3 %/yr: the bracket's -99 %/yr end must not overflow (it did past ~154 yr)."""
    rate, n = 0.03, 400
    payment = 1000.0
    price = payment * (1.0 - (1.0 + rate) ** -n) / rate  # present value of the annuity at 3 %
    flows = np.concatenate([[-price], np.full(n, payment)])
    irr = internal_rate_of_return_per_s(flows, np.arange(n + 1) * YR) * YR
    assert_allclose(irr, rate, rtol=1e-9)  # brentq's tolerance is 1e-12; the annuity sum rounds at ~1e-13
