"""Crew on site against teleoperation: light-time delay, move-and-wait, workers, population ceiling."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from moonbase.city.population import (
    city_population,
    earth_teleoperators,
    lunar_workers,
    teleoperation_efficiency,
    teleoperation_round_trip_s,
    work_rate,
)
from moonbase.constants import MOON_SEMI_MAJOR_AXIS_M, SECONDS_PER_YEAR, SPEED_OF_LIGHT_M_S
from moonbase.errors import ModelDomainError

HOURS = 3600.0
RTOL = 1e-12  # closed-form arithmetic: only round-off


def test_round_trip_matches_issue_2_56_s_from_constants():
    # 2 x 384,400 km / c = 2.5645 s; the issue quotes 2.56 s (three digits)
    assert_allclose(teleoperation_round_trip_s(), 2.0 * MOON_SEMI_MAJOR_AXIS_M / SPEED_OF_LIGHT_M_S, rtol=RTOL)
    assert_allclose(teleoperation_round_trip_s(), 2.56, rtol=0.002)
    assert_allclose(teleoperation_round_trip_s(relay_latency_s=0.5), 3.0645, rtol=1e-4)


def test_teleoperation_efficiency_limits_and_monotone():
    assert_allclose(teleoperation_efficiency(0.0, 5.0), 1.0, rtol=RTOL)  # no delay: as on site
    delays = np.linspace(0.0, 30.0, 31)
    eta = teleoperation_efficiency(delays, 5.0)
    assert np.all(np.diff(eta) < 0.0)
    assert_allclose(teleoperation_efficiency(1e9, 5.0), 0.0, atol=1e-8)  # Mars-like delays: nothing done live


def test_workers_scale_with_work_and_vanish_with_full_automation_or_teleoperation():
    output_kg_s = 1e9 / SECONDS_PER_YEAR  # 1 Mt/yr
    work = work_rate(output_kg_s, 0.0, 20.0 * HOURS / 1e3, 0.0)
    # 20 h/t x 1e6 t/yr = 2e7 h/yr, over 8766 h/yr of calendar time
    assert_allclose(work, 2e7 / (SECONDS_PER_YEAR / HOURS), rtol=RTOL)
    assert_allclose(lunar_workers(work, 0.95, 0.8, 2000 * HOURS), 2e7 * 0.05 * 0.2 / 2000, rtol=RTOL)
    assert lunar_workers(work, 1.0, 0.0, 2000 * HOURS) == 0.0
    assert lunar_workers(work, 0.0, 1.0, 2000 * HOURS) == 0.0
    assert lunar_workers(0.0, 0.5, 0.5, 2000 * HOURS) == 0.0


def test_work_is_conserved_between_moon_and_earth():
    work, a, s, t = 1000.0, 0.9, 0.6, 2000 * HOURS
    local = lunar_workers(work, a, s, t)
    remote = earth_teleoperators(work, a, s, t, 1.0)  # no delay penalty
    assert_allclose(local + remote, work * (1 - a) * SECONDS_PER_YEAR / t, rtol=RTOL)
    # the delay costs Earth operators, not lunar workers
    assert earth_teleoperators(work, a, s, t, 0.5) == pytest.approx(2.0 * remote, rel=RTOL)


def test_population_ceiling_and_support():
    assert_allclose(city_population(100.0, 1.5, 1e6), 250.0, rtol=RTOL)
    assert_allclose(city_population(100.0, 1.5, 200.0), 200.0, rtol=RTOL)
    assert city_population(0.0, 3.0, 10.0) == 0.0


def test_shapes_broadcast_over_samples_and_time():
    scalar = lunar_workers(500.0, 0.9, 0.5, 2000 * HOURS)
    column = lunar_workers(np.full(3, 500.0), 0.9, 0.5, 2000 * HOURS)
    grid = lunar_workers(np.full((3, 4), 500.0), np.full((3, 1), 0.9), 0.5, 2000 * HOURS)
    assert np.ndim(scalar) == 0 and column.shape == (3,) and grid.shape == (3, 4)
    assert_allclose(grid, scalar, rtol=RTOL)
    assert_allclose(column, scalar, rtol=RTOL)


@pytest.mark.parametrize("call, name", [
    (lambda: lunar_workers(1.0, 1.2, 0.5, 7.2e6), "automation"),
    (lambda: lunar_workers(1.0, 0.5, -0.1, 7.2e6), "teleoperation_share"),
    (lambda: lunar_workers(1.0, 0.5, 0.5, 0.0), "work_time_per_year_s"),
    (lambda: work_rate(-1.0, 0.0, 72.0, 0.0), "output_rate_kg_s"),
    (lambda: teleoperation_efficiency(2.5, 0.0), "move_duration_s"),
    (lambda: teleoperation_round_trip_s(-1.0), "distance_m"),
    (lambda: earth_teleoperators(1.0, 0.5, 0.5, 7.2e6, 0.0), "efficiency"),
    (lambda: city_population(1.0, -1.0, 10.0), "support_ratio"),
])
def test_bad_input_names_the_argument(call, name):
    with pytest.raises(ModelDomainError, match=name):
        call()
