"""Tests of moonbase.launch.cadence (logistic launch rate, launched mass flow)."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.optimize import curve_fit

from moonbase.constants import SECONDS_PER_YEAR
from moonbase.errors import ModelDomainError
from moonbase.launch.cadence import launch_capacity_kg_s, launch_rate_per_s

YR = SECONDS_PER_YEAR
# SpaceX orbital launches per calendar year 2020-2025 (Space.com year-end tally, 2025-12-31).
SPACEX_YEARS = np.arange(6.0)
SPACEX_LAUNCHES_PER_YR = np.array([25.0, 31.0, 61.0, 96.0, 134.0, 165.0])
FLOAT_RTOL = 1e-12  # pure arithmetic identities: only float rounding


def _fit(years, launches):
    def model(t_yr, k_per_yr, r_per_yr):
        return launch_rate_per_s(t_yr * YR, launches[0] / YR, k_per_yr / YR, r_per_yr / YR) * YR

    (k, r), _ = curve_fit(model, years, launches, p0=[300.0, 0.5], bounds=([30.0, 0.0], [1e5, 5.0]))
    return k, r, model


def test_launch_rate_matches_spacex_2025_out_of_sample():
    k, r, model = _fit(SPACEX_YEARS[:5], SPACEX_LAUNCHES_PER_YR[:5])
    predicted_2025 = model(5.0, k, r)
    # Honest bound: the 2020-2024 fit overshoots 2025 by 14 %; 15 % is what this shape delivers.
    assert_allclose(predicted_2025, 165.0, rtol=0.15)
    assert predicted_2025 > 165.0  # the documented direction: the fit overshoots


def test_launch_rate_fit_to_spacex_2020_2025_residuals():
    k, r, model = _fit(SPACEX_YEARS, SPACEX_LAUNCHES_PER_YR)
    fitted = model(SPACEX_YEARS, k, r)
    # 2021 (31 flown) sits 32 % under any smooth curve through 2020 and 2022; other years within 5 %.
    assert_allclose(fitted[1], SPACEX_LAUNCHES_PER_YR[1], rtol=0.35)
    assert_allclose(fitted[2:], SPACEX_LAUNCHES_PER_YR[2:], rtol=0.05)


def test_launch_rate_ceiling_unconstrained_by_2020_2023():
    k, _, _ = _fit(SPACEX_YEARS[:4], SPACEX_LAUNCHES_PER_YR[:4])
    assert k > 5_000.0  # exponential phase only: the fit runs K towards its bound (documented)


def test_launch_rate_invariants():
    t = np.linspace(0.0, 40.0, 401) * YR
    rate = launch_rate_per_s(t, 10.0 / YR, 500.0 / YR, 0.4 / YR)
    assert_allclose(rate[0], 10.0 / YR, rtol=FLOAT_RTOL)
    assert np.all(np.diff(rate) >= 0.0)
    assert np.all(rate <= 500.0 / YR * (1 + FLOAT_RTOL))
    assert_allclose(rate[-1], 500.0 / YR, rtol=1e-4)  # 40 yr at r = 0.4/yr: within e^-16 x 49 of K


def test_launch_rate_limits():
    # Far below the ceiling the logistic is the exponential R0 e^{rt}.
    assert_allclose(launch_rate_per_s(3 * YR, 1.0, 1e9, 0.2 / YR), np.exp(0.6), rtol=1e-8)
    assert launch_rate_per_s(5 * YR, 0.0, 100.0, 1.0) == 0.0  # no launches stay no launches
    assert launch_rate_per_s(5 * YR, 3.0, 3.0, 1.0) == pytest.approx(3.0, rel=FLOAT_RTOL)
    assert launch_rate_per_s(5 * YR, 2.0, 9.0, 0.0) == pytest.approx(2.0, rel=FLOAT_RTOL)


def test_launch_rate_shapes():
    samples = np.array([5.0, 10.0, 20.0]) / YR
    t = np.array([0.0, 1.0, 2.0, 3.0]) * YR
    grid = launch_rate_per_s(t[None, :], samples[:, None], 200.0 / YR, 0.5 / YR)
    assert grid.shape == (3, 4)
    for i, r0 in enumerate(samples):
        row = launch_rate_per_s(t, r0, 200.0 / YR, 0.5 / YR)
        assert_allclose(grid[i], row, rtol=FLOAT_RTOL)
        for j, tj in enumerate(t):
            assert_allclose(grid[i, j], launch_rate_per_s(tj, r0, 200.0 / YR, 0.5 / YR), rtol=FLOAT_RTOL)
    assert isinstance(launch_rate_per_s(1.0, 1.0, 2.0, 0.1), float)


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        (dict(elapsed_s=-1.0), "elapsed_s"),
        (dict(initial_rate_per_s=-1.0), "initial_rate_per_s"),
        (dict(max_rate_per_s=0.0, initial_rate_per_s=0.0), "max_rate_per_s"),
        (dict(max_rate_per_s=0.5), "max_rate_per_s"),
        (dict(growth_rate_per_s=-0.1), "growth_rate_per_s"),
    ],
)
def test_launch_rate_bad_input(kwargs, name):
    args = dict(elapsed_s=1.0, initial_rate_per_s=1.0, max_rate_per_s=2.0, growth_rate_per_s=0.1)
    args.update(kwargs)
    with pytest.raises(ModelDomainError, match=name):
        launch_rate_per_s(**args)


def test_launch_capacity_product_and_shapes():
    assert launch_capacity_kg_s(180.0 / YR, 100_000.0) * YR == pytest.approx(18_000_000.0, rel=FLOAT_RTOL)
    assert launch_capacity_kg_s(0.0, 100_000.0) == 0.0
    rates = np.array([[1.0, 2.0], [3.0, 4.0]])
    assert_allclose(launch_capacity_kg_s(rates, 10.0), rates * 10.0, rtol=FLOAT_RTOL)


@pytest.mark.parametrize(
    ("args", "name"),
    [((-1.0, 1.0), "launch_rate_per_s"), ((1.0, -1.0), "payload_per_launch_kg")],
)
def test_launch_capacity_bad_input(args, name):
    with pytest.raises(ModelDomainError, match=name):
        launch_capacity_kg_s(*args)
