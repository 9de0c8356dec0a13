"""Tests of moonbase.massdriver.design_summary (the JSON document of one mass-driver design)."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from numpy.testing import assert_allclose

from moonbase.massdriver.capacity import mass_driver_inputs
from moonbase.massdriver.design import mass_driver_design
from moonbase.massdriver.design_summary import design_summary
from moonbase.orbits.patched_conics import minimum_escape_exit_speed_m_s
from moonbase.scenario.loader import load_scenario, scenario_from_dict, scenario_to_dict
from moonbase.scenario.params import mass_driver_choices, timeline_params

FLOAT_RTOL = 1e-12  # the summary restates the design's floats; only rounding of sums may differ
BELOW_ESCAPE_EXIT_SPEED = "2.4 km/s"  # above lunar escape (2.38 km/s), below every track's threshold (>= 2.41 km/s)


def _design(scenario):
    params = {k: v[0] for k, v in timeline_params(scenario).items() if np.ndim(v) == 1}
    return mass_driver_design(mass_driver_inputs(params, mass_driver_choices(scenario.mass_driver)))


@pytest.fixture(scope="module")
def alpha():
    scenario = load_scenario("alpha")
    design = _design(scenario)
    return scenario, design, design_summary(scenario, design)


def test_design_summary_is_plain_json(alpha):
    _, _, summary = alpha
    assert json.loads(json.dumps(summary, allow_nan=False)) == summary
    sections = (summary, summary["inputs"], summary["electromagnetics"], summary["escape"],
                *summary["mass_breakdown_kg"].values())
    assert {type(value) for section in sections for value in section.values()
            if not isinstance(value, dict)} <= {float, int, str, bool, type(None)}  # no numpy scalars


def test_design_summary_restates_the_design_in_si(alpha):
    scenario, design, summary = alpha
    assert summary["scenario"] == scenario.name
    for key in ("track_length_m", "accelerator_length_m", "braking_length_m", "time_on_track_s",
                "energy_per_launch_j", "peak_power_w", "average_power_w", "storage_energy_j", "mass_total_kg",
                "mass_from_earth_kg", "throughput_kg_per_year", "earth_delivery_cost_usd"):
        assert_allclose(summary[key], getattr(design, key), rtol=FLOAT_RTOL, err_msg=key)
    assert_allclose(summary["inputs"]["exit_speed_m_s"], design.inputs.exit_speed_m_s, rtol=FLOAT_RTOL)
    assert_allclose(summary["inputs"]["latitude_deg"], math.degrees(scenario.mass_driver.latitude_rad),
                    rtol=FLOAT_RTOL)
    assert summary["number_of_stages"] == int(design.stages.number_of_stages)
    assert_allclose(summary["electromagnetics"]["exit_stage_voltage_v"], design.stages.stage_voltage_v[..., -1],
                    rtol=FLOAT_RTOL)


def test_design_summary_breakdowns_add_up(alpha):
    _, _, summary = alpha
    items = summary["mass_breakdown_kg"].values()
    assert_allclose(sum(item["mass_kg"] for item in items), summary["mass_total_kg"], rtol=FLOAT_RTOL)
    assert_allclose(sum(item["from_earth_kg"] for item in items), summary["mass_from_earth_kg"], rtol=FLOAT_RTOL)
    assert_allclose(summary["launches_per_s"],
                    summary["inputs"]["launch_rate_per_s"] * summary["effective_availability"], rtol=FLOAT_RTOL)


def test_escape_verdict_matches_the_patched_conic_threshold(alpha):
    scenario, _, summary = alpha
    md = scenario.mass_driver
    threshold = minimum_escape_exit_speed_m_s(md.latitude_rad, md.longitude_rad, md.height_m, md.azimuth_rad,
                                              md.elevation_rad)
    escape = summary["escape"]
    assert escape["method"] == "patched_conic"
    assert_allclose(escape["minimum_exit_speed_m_s"], threshold, rtol=FLOAT_RTOL)
    assert escape["escapes"] is bool(md.exit_speed_m_s >= threshold) is True  # alpha fires at 2.6 km/s
    assert summary["deep_space_throughput_kg_per_year"] == summary["throughput_kg_per_year"]


def test_below_the_threshold_nothing_reaches_deep_space():
    data = scenario_to_dict(load_scenario("alpha"))
    data["mass_driver"]["exit_speed"] = BELOW_ESCAPE_EXIT_SPEED
    scenario = scenario_from_dict(data, origin="test: alpha below escape")
    summary = design_summary(scenario, _design(scenario))
    assert summary["escape"]["escapes"] is False
    assert summary["escape"]["minimum_exit_speed_m_s"] > summary["inputs"]["exit_speed_m_s"]
    assert summary["throughput_kg_per_year"] > 0.0
    assert summary["deep_space_throughput_kg_per_year"] == 0.0


def test_design_summary_prints_nothing(alpha, capsys):
    scenario, design, _ = alpha
    design_summary(scenario, design)
    assert capsys.readouterr() == ("", "")

