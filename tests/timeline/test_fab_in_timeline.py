"""The lunar chip fab in the timeline: a built capacity, its output bounded, Earth's chips beyond it."""

from __future__ import annotations

import numpy as np
import pytest

from moonbase.constants import SECONDS_PER_YEAR
from moonbase.scenario.loader import scenario_from_dict
from moonbase.timeline.binding import DEEP_SPACE_LIMITS
from moonbase.timeline.run import run

ROUNDING = 1e-9


def _run(**lunar):
    return run(scenario_from_dict({"base": "alpha", "name": "fab", "lunar": lunar})).timeline


@pytest.fixture(scope="module")
def with_fab():
    return _run()


@pytest.fixture(scope="module")
def without_fab():
    return _run(chip_fab=False)


def test_lunar_chips_never_exceed_what_the_installed_fabs_can_make(with_fab):
    s = with_fab.series
    assert np.all(s["lunar_chip_output_w_per_yr"] <= s["lunar_fab_capacity_w_per_yr"] * (1 + ROUNDING))
    assert s["lunar_chip_output_w_per_yr"].max() > 0.0


def test_no_fab_means_no_lunar_chips_and_earth_chips_instead(with_fab, without_fab):
    s = without_fab.series
    assert np.all(s["lunar_chip_output_w_per_yr"] == 0.0) and np.all(s["lunar_fab_mass_kg"] == 0.0)
    assert np.all(s["deep_space_lunar_chip_fraction"] == 0.0)
    fired = s["lunar_satellite_output_kg"][0] > 0.0
    assert np.all(s["earth_chip_imports_w_per_yr"][0][fired] > 0.0)
    # the fab is what lets deep space grow past Earth's accelerators carried to the Moon
    assert with_fab.series["deep_space_compute_power_w"][0, -1] > 2.0 * s["deep_space_compute_power_w"][0, -1]


def test_turning_the_fab_off_moves_the_binding_to_earth_chips_and_imports(with_fab, without_fab):
    codes_on = set(with_fab.labels["deep_space_binding"][0].tolist())
    codes_off = set(without_fab.labels["deep_space_binding"][0].tolist())
    assert DEEP_SPACE_LIMITS.index("fab_capacity") in codes_on
    assert DEEP_SPACE_LIMITS.index("fab_capacity") not in codes_off
    earth = {DEEP_SPACE_LIMITS.index("chip_supply"), DEEP_SPACE_LIMITS.index("earth_imports")}
    late = without_fab.labels["deep_space_binding"][0][-12 * 20:]
    assert set(late.tolist()) & earth


def test_the_fab_is_built_before_it_makes_chips_and_ramps(with_fab):
    s = with_fab.series
    making = np.flatnonzero(s["lunar_chip_output_w_per_yr"][0] > 0.0)
    built = np.flatnonzero(s["lunar_fab_mass_kg"][0] > 0.0)
    assert built[0] <= making[0]
    first_year = with_fab.span.start_year + making[0] / with_fab.span.steps_per_year
    assert first_year >= 2055  # not before chip_fab_year
    assert np.all(np.diff(s["lunar_fab_mass_kg"][0]) >= -ROUNDING * s["lunar_fab_mass_kg"][0].max())


def test_fab_power_is_its_output_times_energy_per_watt(with_fab):
    s = with_fab.series
    made = s["lunar_chip_output_w_per_yr"][0] / SECONDS_PER_YEAR  # W of accelerators per second
    running = made > 0.0
    joules_per_watt = s["lunar_fab_power_w"][0][running] / made[running]
    np.testing.assert_allclose(joules_per_watt, joules_per_watt[0], rtol=1e-9)
    # TSMC's 4.95 GJ per wafer over ~20.8 kW of good H100-class dies per wafer: ~0.24 MJ per W made
    assert 0.1e6 < joules_per_watt[0] < 0.5e6


def test_a_bigger_fab_growth_share_builds_more_fab(with_fab):
    more = _run(chip_fab_growth_share=0.5)
    assert more.series["lunar_fab_mass_kg"][0, -1] > with_fab.series["lunar_fab_mass_kg"][0, -1]
