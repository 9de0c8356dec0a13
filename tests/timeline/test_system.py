"""Invariants of the stock-and-flow timeline (issue 2, deliverable 8)."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from moonbase.constants import SECONDS_PER_YEAR
from moonbase.scenario.loader import scenario_from_dict
from moonbase.scenario.params import (
    continuous_decline_rate_per_s,
    continuous_growth_rate_per_s,
    timeline_params,
)
from moonbase.timeline.run import run, span_of
from moonbase.timeline.binding import binding_labels
from moonbase.timeline.system import DEEP_SPACE_LIMITS, simulate

# Relative tolerance for sums of ~1e3 float64 terms: accumulated round-off ~1e-13; 1e-9 is generous.
SUM_ROUNDOFF = 1e-9


def scenario(**overrides):
    data = {"base": "alpha"}
    for dotted, value in overrides.items():
        node = data
        *parents, leaf = dotted.split("__")
        for part in parents:
            node = node.setdefault(part, {})
        node[leaf] = value
    return scenario_from_dict(data)


@pytest.fixture(scope="module")
def alpha_run():
    return run(scenario())


def test_mass_balance_launched_equals_deployed_plus_retired(alpha_run):
    s = alpha_run.timeline.series
    for tier in ("earth_orbit", "deep_space"):
        deployed = s[f"{tier}_deployed_mass_kg"].sum(axis=1)
        retired = s[f"{tier}_retired_mass_kg"].sum(axis=1)
        stock = s[f"{tier}_mass_kg"][:, -1]
        assert deployed[0] > 0.0
        assert_allclose(deployed, stock + retired, rtol=SUM_ROUNDOFF)


def test_mass_driver_fired_equals_escaped_plus_lost(alpha_run):
    s = alpha_run.timeline.series
    assert_allclose(s["mass_driver_launched_mass_kg"],
                    s["deep_space_deployed_mass_kg"] + s["mass_driver_lost_mass_kg"], rtol=SUM_ROUNDOFF, atol=1e-6)


def test_no_stock_is_negative(alpha_run):
    for name, values in alpha_run.timeline.series.items():
        assert np.all(values >= 0.0) or name == "kardashev_index", name


def test_tier_sums(alpha_run):
    s = alpha_run.timeline.series
    assert_allclose(s["space_compute_power_w"],
                    s["earth_orbit_compute_power_w"] + s["deep_space_compute_power_w"]
                    + s["lunar_surface_compute_power_w"], rtol=SUM_ROUNDOFF)
    assert_allclose(s["total_compute_power_w"], s["space_compute_power_w"] + s["ground_compute_power_w"],
                    rtol=SUM_ROUNDOFF)
    assert_allclose(np.cumsum(s["cost_usd"], axis=1), s["cumulative_cost_usd"], rtol=SUM_ROUNDOFF)
    assert_allclose(s["earth_orbit_cost_usd"] + s["lunar_cost_usd"], s["cost_usd"], rtol=SUM_ROUNDOFF)
    assert np.all(s["earth_orbit_cost_usd"] >= 0.0) and np.all(s["lunar_cost_usd"] >= -1e-6 * s["cost_usd"].max())


def test_zero_launch_cadence_gives_zero_earth_orbit_and_no_lunar_seed():
    result = run(scenario(launch__initial_rate="0 1/yr"))
    s = result.timeline.series
    assert np.all(s["earth_orbit_compute_power_w"] == 0.0)
    assert np.all(s["lunar_industry_mass_kg"] == 0.0)
    assert np.all(s["deep_space_compute_power_w"] == 0.0)
    assert s["ground_compute_power_w"][0, -1] > 0.0


def test_mass_driver_below_escape_puts_nothing_in_deep_space():
    result = run(scenario(mass_driver__exit_speed="2.3 km/s"))
    s = result.timeline.series
    assert result.timeline.escape_fraction[0] == 0.0
    assert np.all(s["deep_space_compute_power_w"] == 0.0)
    assert np.all(s["mass_driver_launched_mass_kg"] == 0.0)  # nothing is fired to be lost
    codes = result.timeline.labels["deep_space_binding"][0]
    assert DEEP_SPACE_LIMITS.index("below_escape") in codes
    assert any("does not escape" in w for w in result.summary["warnings"])


def test_disabled_tiers_stay_empty():
    result = run(scenario(earth_orbit__enabled=False, lunar__enabled=False))
    s = result.timeline.series
    assert np.all(s["space_compute_power_w"] == 0.0)
    assert np.all(s["earth_launches"] == 0.0)
    assert result.summary["first_year_added_power_ge_1tw"] is None


def test_samples_are_independent_lanes():
    """Each sample of a batch equals the same scenario run alone (vectorisation is exact)."""
    variants = [scenario(), scenario(launch__learning_rate=0.1), scenario(lunar__replication_time="3 yr")]
    singles = [run(v).timeline.series for v in variants]
    batch_params = timeline_params(variants[0], samples=3)
    for i, v in enumerate(variants):
        single = timeline_params(v, samples=1)
        for key in batch_params:
            batch_params[key][i] = single[key][0]
    batch = simulate(batch_params, span_of(variants[0])).series
    for i, single in enumerate(singles):
        for name in ("earth_orbit_compute_power_w", "deep_space_compute_power_w", "cumulative_cost_usd",
                     "lunar_industry_mass_kg"):
            assert_allclose(batch[name][i], single[name][0], rtol=1e-12, err_msg=name)


def test_budget_cap_limits_spending():
    cap_usd_per_year = 20e9
    result = run(scenario(economics__budget_cap=True, economics__annual_budget=f"{cap_usd_per_year} USD/yr"))
    s = result.timeline.series
    spy = result.timeline.span.steps_per_year
    # ops cost is fixed (1e9 USD/yr) and below the cap, so spending per step never exceeds cap*dt
    assert np.all(s["cost_usd"] <= cap_usd_per_year / spy * (1 + 1e-12))
    codes = result.timeline.labels["earth_orbit_binding"][0]
    assert binding_labels()["earth_orbit_binding"].index("budget") in codes


def test_more_launch_capacity_never_means_less_earth_orbit_power():
    low = run(scenario(launch__max_rate="1000 1/yr")).timeline.series["earth_orbit_compute_power_w"]
    high = run(scenario(launch__max_rate="4000 1/yr")).timeline.series["earth_orbit_compute_power_w"]
    assert np.all(high >= low * (1 - 1e-12))
    assert high[0, -1] > low[0, -1]


def test_ground_tier_follows_its_demand_path():
    result = run(scenario())
    s = result.timeline.series
    # starts at the scenario's initial power and saturates below the ceiling
    assert_allclose(s["ground_compute_power_w"][0, 0], 20e9, rtol=0.03)  # half a month of 25 %/yr growth
    assert s["ground_compute_power_w"][0, -1] <= 1000e9 * (1 + 1e-12)


def test_halving_the_time_step_converges():
    """Monthly vs semi-monthly steps agree on the 2100 deep-space power within 5 %."""
    monthly = run(scenario()).timeline.series["deep_space_compute_power_w"][0, -1]
    fine = run(scenario(span__steps_per_year=24)).timeline.series["deep_space_compute_power_w"][0, -1]
    coarse = run(scenario(span__steps_per_year=6)).timeline.series["deep_space_compute_power_w"][0, -1]
    assert abs(fine - monthly) < abs(coarse - monthly)  # error shrinks as the step halves
    assert_allclose(fine, monthly, rtol=0.05)


@pytest.mark.parametrize("annual, expected_factor", [(0.40, 1.40), (0.0, 1.0), (2.0, 3.0)])
def test_compound_growth_rate_conversion(annual, expected_factor):
    k = continuous_growth_rate_per_s(annual / SECONDS_PER_YEAR)
    assert_allclose(np.exp(k * SECONDS_PER_YEAR), expected_factor, rtol=1e-12)


def test_compound_decline_rate_conversion():
    k = continuous_decline_rate_per_s(0.02 / SECONDS_PER_YEAR)
    assert_allclose(np.exp(-k * SECONDS_PER_YEAR), 0.98, rtol=1e-12)


def test_mass_driver_is_built_before_it_fires(alpha_run):
    timeline = alpha_run.timeline
    codes = timeline.labels["deep_space_binding"][0]
    building = np.flatnonzero(codes == DEEP_SPACE_LIMITS.index("building_mass_driver"))
    fired = np.flatnonzero(timeline.series["mass_driver_launched_mass_kg"][0] > 0.0)
    assert building.size > 0 and fired.size > 0
    assert fired[0] > building[-1]  # nothing is fired while the driver is being built


def test_regolith_mined_never_decreases(alpha_run):
    mined = alpha_run.timeline.series["lunar_regolith_mined_kg"][0]
    assert mined[-1] > 0.0
    assert np.all(np.diff(mined) >= 0.0)


def test_city_resupply_is_launched_from_earth(alpha_run):
    s = alpha_run.timeline.series
    p = alpha_run.params
    landed_per_leo = p["lunar.landed_per_leo_mass"][0]
    expected = s["earth_orbit_deployed_mass_kg"] + (s["lunar_landed_mass_kg"] + s["city_resupply_mass_kg"]) / landed_per_leo
    assert_allclose(s["earth_launched_mass_kg"], expected, rtol=SUM_ROUNDOFF)
    assert s["city_resupply_mass_kg"].sum() > 0.0
    assert np.all(s["lunar_population"] >= 0.0)
