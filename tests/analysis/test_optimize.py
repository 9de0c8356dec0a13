"""Optimisation: a reachable target is met at least cost; an unreachable one says so with the best found."""

from __future__ import annotations

import pytest

from moonbase.analysis.optimize import Candidate, optimize, pareto_front, parse_vary
from moonbase.errors import ScenarioError
from moonbase.scenario.loader import scenario_from_dict

TARGET_W_PER_YR = 3e8  # 300 MW of Earth-orbit satellites in 2036: needs >= 30.3 % of the launch market
SHARE_NEEDED = 0.303  # 3e8 W / 9.9e8 W added in 2036 with the whole market (alpha defaults)


def scenario():
    return scenario_from_dict({"base": "alpha", "name": "opt", "span": {"end_year": 2036},
                               "lunar": {"enabled": False}, "deep_space": {"enabled": False}})


def test_reachable_target_is_met_by_the_best_candidate():
    result = optimize(scenario(), [parse_vary("launch.architecture_share=0.05:1")], target_year=2036,
                      target_power_w_per_yr=TARGET_W_PER_YR, samples=1, generations=3, population=5)
    assert result.reachable
    assert result.best.reach_fraction == 1.0
    share = result.best.values_si[0]
    # cost grows with the share: the cheapest feasible share is just above the one needed
    assert SHARE_NEEDED <= share < 2 * SHARE_NEEDED
    assert result.pareto and result.pareto[0].year_at_confidence <= 2036


def test_unreachable_target_reports_the_best_found():
    result = optimize(scenario(), [parse_vary("launch.architecture_share=0.05:1")], target_year=2030,
                      target_power_w_per_yr=1e15, samples=1, generations=2, population=3)
    assert not result.reachable
    assert result.best.reach_fraction == 0.0
    assert result.best.year_at_confidence == 2037  # never: the year after the horizon


def test_pareto_front_keeps_only_non_dominated_candidates():
    c = [Candidate((0.1,), 1.0, 2040, 5.0, 5.0), Candidate((0.2,), 1.0, 2042, 4.0, 4.0),
         Candidate((0.3,), 1.0, 2042, 6.0, 6.0), Candidate((0.4,), 1.0, 2045, 4.5, 4.5),
         Candidate((0.5,), 0.0, 2101, 1.0, 1.0)]
    front = pareto_front(c, horizon_year=2100)
    assert [(x.year_at_confidence, x.cost_to_target_usd) for x in front] == [(2040, 5.0), (2042, 4.0)]


@pytest.mark.parametrize("text, pattern", [
    ("lunar.satellite_share", r"--vary = 'lunar.satellite_share' is not FIELD=LOW:HIGH"),
    ("lunar.satellite_share=0.8:0.2", r"low = '0.8' is not below high = '0.2'"),
    ("lunar.satellite_share=1.2:1.5", r"'1.2':'1.5' lies outside the valid range \[0, 1\]"),
    ("lunar.satelite_share=0.2:0.5", r"Did you mean 'lunar.satellite_share'"),
    ("deep_space.enabled=0:1", r"is not a numeric field"),
])
def test_bad_bounds_are_one_line_errors(text, pattern):
    with pytest.raises(ScenarioError, match=pattern):
        parse_vary(text)


def test_bounds_beyond_the_valid_range_are_moved_inside_with_a_note():
    bound = parse_vary("lunar.satellite_share=0.2:1.5")
    assert (bound.low_si, bound.high_si) == (0.2, 1.0)
    assert len(bound.notes) == 1 and "high = '1.5' is outside the valid range [0, 1]" in bound.notes[0]
    exclusive = parse_vary("mass_driver.exit_speed=-1 km/s:3 km/s")  # the range excludes 0
    assert exclusive.target.inside(exclusive.low_si) and exclusive.low_si > 0
    assert exclusive.high_si == pytest.approx(3000.0, rel=1e-12)


def test_target_year_outside_the_span():
    with pytest.raises(ScenarioError, match=r"--target-year = 2200 is outside the simulated span \[2026, 2036\]"):
        optimize(scenario(), [parse_vary("launch.architecture_share=0.1:1")], target_year=2200)
