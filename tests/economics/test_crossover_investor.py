"""Tests of moonbase.economics.crossover and investor over a (shortened) alpha timeline."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from moonbase.constants import SECONDS_PER_YEAR as YR
from moonbase.economics.crossover import bus_cost_path_usd_per_kg, crossover_analysis, first_year
from moonbase.economics.finance import net_present_value_usd
from moonbase.economics.investor import band, investor_summary, investor_view
from moonbase.economics.tier_costs import earth_orbit_lcoc
from moonbase.scenario.loader import load_scenario
from moonbase.scenario.schema import Span
from moonbase.scenario.params import timeline_params
from moonbase.timeline.run import run


def _short(name: str, samples: int = 1):
    scenario = load_scenario(name).model_copy(update={"span": Span(start_year=2026, end_year=2065)})
    return run(scenario, samples=samples)


@pytest.fixture(scope="module")
def alpha():
    return _short("alpha")


@pytest.fixture(scope="module")
def crossover(alpha):
    return crossover_analysis(alpha, ("hyperscale-grid", "grid-constrained"))


def test_bus_cost_follows_wright_on_satellites_built():
    p = timeline_params(load_scenario("alpha"))
    built = np.array([[1000.0, 2000.0, 4000.0]])  # reference units, then two doublings
    assert_allclose(bus_cost_path_usd_per_kg(p, built)[0], 1000.0 * np.array([1.0, 0.9, 0.81]), rtol=1e-12)


def test_paths_cover_the_span_and_launch_price_follows_the_timeline(crossover, alpha):
    assert crossover.years[0] == 2026 and crossover.years[-1] == 2065
    first_year_mean = alpha.timeline.series["earth_launch_price_usd_per_kg"][0, :12].mean()
    assert_allclose(crossover.launch_price_usd_per_kg[0, 0], first_year_mean, rtol=1e-12)
    assert np.all(np.diff(crossover.satellites_built[0]) >= 0.0)


def test_breakeven_launch_price_reproduces_the_baseline(crossover, alpha):
    # LCOC is linear in launch price: at the break-even price the Earth-orbit tier equals the baseline
    j = 10
    price = crossover.breakeven_launch_price_usd_per_kg["grid-constrained"][:, j]
    again = earth_orbit_lcoc(alpha.params, int(crossover.years[j]), price, crossover.bus_cost_usd_per_kg[:, j])
    assert_allclose(again.usd_per_pflop_day, crossover.lcoc_usd_per_pflop_day["ground:grid-constrained"][:, j],
                    rtol=1e-9)


def test_breakeven_specific_power_reproduces_the_baseline(crossover, alpha):
    j = 5
    sp = crossover.breakeven_specific_power_w_kg["grid-constrained"][:, j]
    again = earth_orbit_lcoc(alpha.params, int(crossover.years[j]), crossover.launch_price_usd_per_kg[:, j],
                             crossover.bus_cost_usd_per_kg[:, j], sp)
    assert_allclose(again.usd_per_pflop_day, crossover.lcoc_usd_per_pflop_day["ground:grid-constrained"][:, j],
                    rtol=1e-9)


def test_deep_space_has_no_cost_before_it_fires(crossover):
    assert np.all(np.isnan(crossover.deep_space_cost_usd_per_kg[0, :10]))  # the driver fires from 2040 at the earliest
    assert np.isfinite(crossover.deep_space_cost_usd_per_kg[0, -1])


def test_first_year():
    years = np.array([2030, 2031, 2032])
    got = first_year(np.array([[False, True, True], [False, False, False]]), years)
    assert got[0] == 2031 and np.isnan(got[1])


def test_investor_cash_flows_are_consistent(alpha):
    view = investor_view(alpha)
    series = alpha.timeline.series
    assert_allclose(view.cumulative_capex_usd[:, -1], series["cumulative_cost_usd"][:, -1], rtol=1e-9)
    times = (view.years - view.years[0] + 0.5) * YR
    assert_allclose(view.npv_usd, net_present_value_usd(view.cash_flow_usd, times, view.wacc_per_s), rtol=1e-12)
    assert np.all(np.diff(view.funding_need_usd, axis=1) >= 0.0)
    assert_allclose(view.peak_funding_usd, np.max(-np.minimum(view.cumulative_cash_usd, 0.0), axis=1), rtol=1e-12)


def test_a_markup_raises_revenue_and_npv(alpha):
    base = investor_view(alpha)
    richer = investor_view(alpha, markup=0.5)
    assert_allclose(richer.revenue_usd.sum(), 1.5 * base.revenue_usd.sum(), rtol=1e-9)
    assert richer.npv_usd[0] > base.npv_usd[0]


def test_sampled_runs_give_bands():
    view = investor_view(_short("earth-orbit-only", samples=3))
    summary = investor_summary(view)
    assert set(summary["npv_usd"]) == {"p10", "p50", "p90", "fraction_finite"}
    assert band([1.0]) == 1.0 and band([np.nan]) is None
