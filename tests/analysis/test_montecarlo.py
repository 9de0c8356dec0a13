"""Monte Carlo: seeded draws, chunking that changes nothing, and the summary built by summarize()."""

from __future__ import annotations

import json

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.stats import spearmanr

from moonbase.analysis.montecarlo import (
    band_columns, chunk_params, decile_timeline, draw_inputs, percentile_table, run_montecarlo,
    sample_output_names,
)
from moonbase.constants import SECONDS_PER_YEAR
from moonbase.scenario.loader import scenario_from_dict
from moonbase.scenario.params import timeline_params
from moonbase.timeline.run import run

DRAWS = 20_000
# Sampling error of an empirical quantile or rank correlation from 20,000 draws is below
# 1 % (standard error ~ 1/sqrt(N) = 0.7 %): 3 % is a > 4-sigma bound.
SAMPLING = 0.03


def uncertain(end_year=2036, correlations=None, **extra):
    data = {"base": "alpha", "name": "mc-test", "span": {"end_year": end_year}, "uncertainty": {
        "lunar.replication_time": {"distribution": "lognormal", "median": "2 yr", "p90": "3.5 yr"},
        "compute.improvement": {"distribution": "triangular", "low": "20 %/yr", "mode": "40 %/yr", "high": "50 %/yr"},
        "lunar.seed_year": {"distribution": "discrete", "values": [2030, 2032, 2034]},
        "launch.payload": {"distribution": "normal", "mean": "100 t", "std": "20 t"},
    }, **extra}
    if correlations:
        data["correlations"] = correlations
    return scenario_from_dict(data)


def test_same_seed_gives_byte_identical_results():
    s = uncertain()
    a, b = run_montecarlo(s, 12, seed=5), run_montecarlo(s, 12, seed=5)
    assert json.dumps(a.summary) == json.dumps(b.summary)
    for name in a.outputs:
        assert a.outputs[name].tobytes() == b.outputs[name].tobytes()
    c = run_montecarlo(s, 12, seed=6)
    assert c.inputs["lunar.replication_time"].tobytes() != a.inputs["lunar.replication_time"].tobytes()


def test_chunk_size_changes_nothing():
    s = uncertain()
    whole = run_montecarlo(s, 10, seed=3, chunk_size=10)
    pieces = run_montecarlo(s, 10, seed=3, chunk_size=3)
    assert json.dumps(whole.summary) == json.dumps(pieces.summary)
    for column in band_columns():
        assert whole.yearly[column].tobytes() == pieces.yearly[column].tobytes()


def test_chunked_summary_equals_summarize_on_the_full_timeline():
    s = uncertain()
    mc = run_montecarlo(s, 9, seed=1, chunk_size=4)
    draws = draw_inputs(s, 9, 1)
    full = run(s, samples=9, seed=1, params=chunk_params(s, draws, 9)).summary
    for key, value in full.items():
        if key != "escape":  # the Monte Carlo summary reports the nominal threshold and the mean fraction
            assert mc.summary[key] == value, key
    assert set(mc.summary["first_year_added_power_ge_1tw"]) >= {"p10", "p50", "p90", "mean", "fraction_reached"}


def test_draws_follow_the_marginals():
    draws = draw_inputs(uncertain(), DRAWS, seed=0)
    replication_yr = draws["lunar.replication_time"] / SECONDS_PER_YEAR
    assert_allclose(np.quantile(replication_yr, [0.5, 0.9]), [2.0, 3.5], rtol=SAMPLING)
    years, counts = np.unique(draws["lunar.seed_year"], return_counts=True)
    assert years.tolist() == [2030, 2032, 2034]
    assert_allclose(counts / DRAWS, [1 / 3] * 3, atol=SAMPLING / 3)
    payload_t = draws["launch.payload"] / 1e3
    assert payload_t.min() > 0.0  # truncated to the field's range (> 0 t)


def test_rank_correlation_is_the_requested_spearman_rho():
    s = uncertain(correlations=[{"a": "lunar.replication_time", "b": "compute.improvement", "rho": -0.6}])
    draws = draw_inputs(s, DRAWS, seed=2)
    rho = spearmanr(draws["lunar.replication_time"], draws["compute.improvement"]).statistic
    assert_allclose(rho, -0.6, atol=SAMPLING)
    independent = spearmanr(draws["lunar.replication_time"], draws["launch.payload"]).statistic
    assert abs(independent) < SAMPLING


def test_drawn_rates_are_converted_exactly_like_fixed_ones():
    s = uncertain()
    fixed = timeline_params(s, 3)
    same = {"compute.improvement": np.full(3, s.compute.improvement_per_s),
            "lunar.replication_time": np.full(3, s.lunar.replication_time_s)}
    drawn = chunk_params(s, same, 3)
    for key in fixed:
        assert np.array_equal(drawn[key], fixed[key]), key


def test_decile_table_gives_the_report_exact_bands():
    mc = run_montecarlo(uncertain(), 25, seed=4, chunk_size=10)
    table = decile_timeline(mc)
    values = table.column("space_compute_power_w").to_numpy().reshape(11, -1)
    bands = np.quantile(values, (0.1, 0.5, 0.9), axis=0)  # what the report computes
    assert_allclose(bands, np.percentile(mc.yearly["space_compute_power_w"], (10, 50, 90), axis=0), rtol=1e-12)
    tidy = percentile_table(mc.years, mc.yearly).to_pylist()
    row = next(r for r in tidy if r["series"] == "cumulative_cost_usd" and r["year"] == mc.years[-1])
    assert_allclose(row["p50"], np.median(mc.outputs["cumulative_cost_usd"]), rtol=1e-12)


def test_outputs_are_the_named_ones():
    mc = run_montecarlo(uncertain(), 2, seed=0)
    assert list(mc.outputs) == sample_output_names()
    assert all(name.endswith(("_yr", "_w", "_usd", "_kg", "_s", "_index", "_launches", "_satellites", "_fraction"))
               for name in mc.outputs)


def test_one_sample_runs_the_fixed_values():
    s = uncertain()
    mc = run_montecarlo(s, 1, seed=9)
    assert mc.inputs == {}
    assert mc.outputs["cumulative_cost_usd"][0] == pytest.approx(run(s).summary["end"]["cumulative_cost_usd"],
                                                                 rel=1e-12)
