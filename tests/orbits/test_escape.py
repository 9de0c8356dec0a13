"""The escape seam: patched conic by default, the propagated ensemble when the scenario asks for it."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from moonbase.errors import ScenarioError
from moonbase.orbits.escape import escape_fraction, escape_report, propagated_fate_fractions
from moonbase.scenario.loader import load_scenario
from moonbase.scenario.params import escape_choices, timeline_params


def _scenario(model="propagated", **trajectory):
    scenario = load_scenario("alpha")
    settings = {"escape_model": model, "count": 12, "duration_s": 30 * 86400.0, "window_s": 27 * 86400.0}
    settings.update(trajectory)
    return scenario.model_copy(update={"trajectory": scenario.trajectory.model_copy(update=settings)})


def test_without_the_scenario_the_patched_conic_decides():
    scenario = _scenario()
    params = timeline_params(scenario, 2)
    phi = escape_fraction(params)
    assert_allclose(phi, [1.0, 1.0])  # alpha's 2.6 km/s is 188 m/s above the patched-conic threshold
    assert escape_report(params, phi)["method"] == "patched_conic"
    assert escape_report(params, phi, escape_choices(_scenario("patched_conic").trajectory))["method"] == "patched_conic"


def test_propagated_fraction_is_a_fraction_per_sample_and_cached():
    scenario = _scenario()
    params = timeline_params(scenario, 3)
    propagated_fate_fractions.cache_clear()
    phi = escape_fraction(params, escape_choices(scenario.trajectory))
    assert phi.shape == (3,) and np.all((phi >= 0) & (phi <= 1))
    assert propagated_fate_fractions.cache_info().currsize == 1  # identical samples: one ensemble
    report = escape_report(params, phi, escape_choices(scenario.trajectory))
    assert report["method"] == "propagated"
    assert list(report["fate_fractions"]) == ["lunar_impact", "earth_impact", "earth_moon_bound", "heliocentric"]
    assert_allclose(sum(report["fate_fractions"].values()), 1.0)
    assert report["heliocentric_fraction"] == pytest.approx(report["fate_fractions"]["heliocentric"])
    assert report["flags"] == ([] if report["earth_impact_fraction"] == 0 else ["earth_impact"])
    assert propagated_fate_fractions.cache_info().hits >= 1


def test_too_slow_payloads_are_lost():
    scenario = _scenario()
    params = timeline_params(scenario, 1)
    params["mass_driver.exit_speed_m_s"] = np.array([2000.0])  # below lunar escape: all fall back
    assert_allclose(escape_fraction(params, escape_choices(scenario.trajectory)), [0.0])
    report = escape_report(params, np.zeros(1), escape_choices(scenario.trajectory))
    assert report["fate_fractions"]["lunar_impact"] == 1.0


def test_trajectory_epoch_is_checked_when_the_scenario_loads(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('base = "alpha"\nname = "bad"\n[trajectory]\nescape_model = "propagated"\nepoch = "2400-01-01"\n')
    with pytest.raises(ScenarioError, match="epoch"):
        load_scenario(str(path))
