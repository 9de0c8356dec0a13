"""The mass-driver fleet in the timeline: drivers built when their rate holds the satellites back."""

from __future__ import annotations

import numpy as np
import pytest

from moonbase.errors import ScenarioError
from moonbase.scenario.loader import scenario_from_dict
from moonbase.timeline.binding import DEEP_SPACE_LIMITS
from moonbase.timeline.run import run

#: A small driver (an eighth of alpha's shot rate) and ample fabs: the drivers, not the chips, bind.
SLOW_DRIVER = {"mass_driver": {"max_launch_rate": "0.5 1/s"}, "lunar": {"chip_fab_growth_share": 0.9}}


def _run(**sections):
    return run(scenario_from_dict({"base": "alpha", "name": "fleet", **sections})).timeline


@pytest.fixture(scope="module")
def slow():
    return _run(**SLOW_DRIVER)


def test_more_drivers_are_built_when_their_rate_binds(slow):
    count = slow.series["mass_driver_count"][0]
    assert count[-1] > 1.0 and np.all(np.diff(count) >= 0.0)
    codes = slow.labels["deep_space_binding"][0]
    assert DEEP_SPACE_LIMITS.index("driver_fleet") in set(codes.tolist())
    # each new driver raises the fleet's rate by one driver's
    rate = slow.series["mass_driver_rate_per_s"][0]
    working = count > 0.0
    per_driver = rate[working] / count[working]
    np.testing.assert_allclose(per_driver, per_driver[0], rtol=1e-12)


def test_the_fleet_fires_no_more_than_its_rate(slow):
    s, dt = slow.series, 1.0 / slow.span.steps_per_year * 365.25 * 86400.0
    payload = s["lunar_satellite_output_kg"][0] / np.where(s["mass_driver_launches"][0] > 0,
                                                           s["mass_driver_launches"][0], 1.0)
    fired_per_s = s["mass_driver_launches"][0] / dt
    rate_at_start = np.concatenate([[0.0], s["mass_driver_rate_per_s"][0][:-1]])  # drivers working in the step
    assert np.all(fired_per_s <= rate_at_start * (1 + 1e-9))
    assert np.nanmax(payload) > 0.0


def test_a_longer_trigger_builds_the_next_driver_later(slow):
    patient = _run(mass_driver={**SLOW_DRIVER["mass_driver"], "fleet": {"trigger": "5 yr"}},
                   lunar=SLOW_DRIVER["lunar"])

    def second(timeline):
        count = timeline.series["mass_driver_count"][0]
        return int(np.argmax(count >= 2.0)) if (count >= 2.0).any() else count.size

    assert patient.series["mass_driver_count"][0, -1] <= slow.series["mass_driver_count"][0, -1]
    assert second(patient) > second(slow)


def test_the_payback_policy_reads_its_horizon_and_refuses_the_trigger():
    with pytest.raises(ScenarioError, match="trigger"):
        scenario_from_dict({"base": "alpha", "mass_driver": {"fleet": {"policy": "payback", "trigger": "1 yr"}}})
    payback = _run(mass_driver={**SLOW_DRIVER["mass_driver"], "fleet": {"policy": "payback"}},
                   lunar=SLOW_DRIVER["lunar"])
    assert payback.series["mass_driver_count"][0, -1] >= 1.0


def test_the_drivers_power_comes_from_their_own_plants_and_counts_in_the_civilization(slow):
    s = slow.series
    firing = s["mass_driver_power_w"][0] > 0.0
    assert firing.any()
    rest = s["civilization_power_w"][0] - s["mass_driver_power_w"][0]
    np.testing.assert_array_less(rest[firing], s["civilization_power_w"][0][firing])


def test_a_line_fed_driver_loses_power_on_its_line_and_costs_build_time():
    own = _run()
    line = _run(mass_driver={"supply": {"kind": "line"}})
    s = line.series
    firing = s["mass_driver_power_w"][0] > 0.0
    np.testing.assert_allclose(s["transmission_loss_w"][0][firing], s["mass_driver_power_w"][0][firing] * 0.05 / 0.95,
                               rtol=1e-12)
    assert np.all(own.series["transmission_loss_w"] == 0.0)

    def first_fired(timeline):
        return int(np.argmax(timeline.series["mass_driver_launches"][0] > 0.0))

    assert first_fired(line) > first_fired(own)  # the 2,698 km line is built into the first driver
    with pytest.raises(ScenarioError, match="line_loss"):
        scenario_from_dict({"base": "alpha", "mass_driver": {"supply": {"line_loss": 0.1}}})
