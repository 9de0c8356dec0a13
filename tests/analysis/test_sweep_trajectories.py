"""Sweeps over trajectory ensembles: each grid point propagates its own fates and the timeline uses them."""

from __future__ import annotations

import numpy as np
from numpy.testing import assert_allclose

from moonbase.analysis.sweep import SweepSpec, parse_grid, run_sweep
from moonbase.execution.executor import LocalExecutor
from moonbase.orbits.escape import escape_fraction
from moonbase.results.query import query_run
from moonbase.scenario.loader import scenario_from_dict
from moonbase.scenario.params import escape_choices, timeline_params


def propagated_alpha():
    return scenario_from_dict({"base": "alpha", "name": "ensemble-sweep", "span": {"end_year": 2060},
                               "trajectory": {"escape_model": "propagated", "count": 16, "duration": "45 d",
                                              "window": "27 d"}})


def test_a_sweep_of_ensembles_propagates_each_point_and_feeds_the_timeline(tmp_path):
    """Exit speed x dispersion: slow, dispersed launches lose payloads; the deep-space tier shrinks with them."""
    scenario = propagated_alpha()
    grid = (parse_grid("mass_driver.exit_speed=2.38 km/s,2.6 km/s"), parse_grid("trajectory.speed_sigma=1 m/s,40 m/s"))
    result = run_sweep(SweepSpec(scenario, grid, 1, seed=0), tmp_path / "s", LocalExecutor())
    assert (result.points, result.computed) == (4, 4)
    got = query_run(tmp_path / "s", 'SELECT "grid.mass_driver.exit_speed" AS v, "grid.trajectory.speed_sigma" AS sigma, '
                                    "escape_fraction AS phi, end_deep_space_compute_power_w AS p FROM samples "
                                    "ORDER BY point").to_pylist()
    phi = {(r["v"], r["sigma"]): r["phi"] for r in got}
    power = {(r["v"], r["sigma"]): r["p"] for r in got}
    assert all(0.0 <= f <= 1.0 for f in phi.values())
    # 2.6 km/s is ~190 m/s above lunar escape: a 1 m/s spread loses nothing
    assert phi[("2.6 km/s", "1 m/s")] == 1.0
    # at 2.38 km/s (below the patched-conic threshold) a 40 m/s spread sends some payloads back
    assert phi[("2.38 km/s", "40 m/s")] < phi[("2.6 km/s", "40 m/s")]
    # same launcher, fewer escape: deep-space power falls in proportion (nothing else binds in alpha to 2060)
    assert_allclose(power[("2.38 km/s", "40 m/s")] / power[("2.38 km/s", "1 m/s")],
                    phi[("2.38 km/s", "40 m/s")] / phi[("2.38 km/s", "1 m/s")], rtol=1e-9)
    # the swept fraction is the ensemble the escape seam propagates for that point
    point = scenario.model_copy(update={
        "trajectory": scenario.trajectory.model_copy(update={"speed_sigma_m_s": 40.0}),
        "mass_driver": scenario.mass_driver.model_copy(update={"exit_speed_m_s": 2380.0})})
    assert_allclose(escape_fraction(timeline_params(point, 1), escape_choices(point.trajectory)), [phi[("2.38 km/s", "40 m/s")]], rtol=1e-12)
    assert np.isfinite(list(power.values())).all()
