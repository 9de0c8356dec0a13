"""A Monte Carlo with the propagated escape model reads its ensembles' fates from the fate table."""

from __future__ import annotations

import numpy as np
from numpy.testing import assert_allclose

from moonbase.analysis.montecarlo import chunk_params, draw_inputs, run_montecarlo
from moonbase.orbits import escape
from moonbase.orbits.fate_surrogate import FALLBACK_TOLERANCE
from moonbase.scenario.loader import scenario_from_dict
from moonbase.scenario.params import timeline_choices

SMALL = {"base": "alpha", "name": "small-propagated",
         "trajectory": {"escape_model": "propagated", "count": 24, "duration": "2 d", "window": "1 d",
                        "epoch": "2040-03-01T00:00:00"},
         "uncertainty": {"mass_driver.exit_speed": {"distribution": "uniform", "low": "2.28 km/s", "high": "2.4 km/s"}}}
SAMPLES = 20  # above escape.SURROGATE_MIN_ENSEMBLES


def test_samples_read_the_table_and_match_direct_propagation():
    scenario = scenario_from_dict(SMALL)
    result = run_montecarlo(scenario, SAMPLES, seed=4, chunk_size=7)
    phi = result.outputs["escape_fraction"]
    assert SAMPLES >= escape.SURROGATE_MIN_ENSEMBLES
    params = chunk_params(scenario, draw_inputs(scenario, SAMPLES, 4), SAMPLES)
    choices = timeline_choices(scenario)["trajectory"]
    check = escape.surrogate_check(params, choices)
    assert_allclose(phi, check.surrogate[:, -1], rtol=0, atol=1e-12)  # chunked reads = one read
    # in two days nothing leaves the Hill sphere; speeds straddle the 2.33 km/s boundary between
    # falling back onto the Moon and leaving it, so the lunar-impact fraction varies across samples
    lunar = check.surrogate[:, 0]
    assert lunar.min() < 0.5 < lunar.max()
    # every sample's error is at most one payload of 24 (a cell hiding another fate), most are exact
    assert np.all(check.error <= 1.0 / 24 + 1e-12)
    fate_table = result.summary["escape"]["fate_table"]
    assert fate_table["method"] == "fate_table" and fate_table["max_error_bound"] <= FALLBACK_TOLERANCE
    assert_allclose(sum(result.summary["escape"]["fate_fractions"].values()), 1.0, rtol=1e-12)


def test_the_escape_fractions_do_not_depend_on_the_chunking():
    scenario = scenario_from_dict(SMALL)
    whole = run_montecarlo(scenario, SAMPLES, seed=4, chunk_size=SAMPLES).outputs["escape_fraction"]
    ones = run_montecarlo(scenario, SAMPLES, seed=4, chunk_size=1).outputs["escape_fraction"]  # 1-sample chunks
    assert_allclose(ones, whole, rtol=0, atol=0)
