"""Sweeps: grid points, checkpointed chunks, resume without recomputing or duplicating."""

from __future__ import annotations

import json

import pytest

from moonbase.analysis.sweep import SweepSpec, parse_grid, point_scenario, run_sweep
from moonbase.errors import ScenarioError
from moonbase.execution.checkpoint import MANIFEST
from moonbase.execution.executor import LocalExecutor
from moonbase.results.query import query_run
from moonbase.scenario.loader import scenario_from_dict


def base():
    return scenario_from_dict({"base": "alpha", "name": "sweep-test", "span": {"end_year": 2034}, "uncertainty": {
        "lunar.replication_time": {"distribution": "uniform", "low": "1.5 yr", "high": "3 yr"},
        "mass_driver.exit_speed": {"distribution": "uniform", "low": "2.5 km/s", "high": "2.8 km/s"}}})


def spec(samples=4, chunk_size=4):
    return SweepSpec(base(), (parse_grid("mass_driver.exit_speed=2.5 km/s,2.7 km/s"),
                              parse_grid("lunar.enabled=true,false")), samples, seed=3, chunk_size=chunk_size)


class Interrupted(Exception):
    pass


class StopsAfter(LocalExecutor):
    """Runs ``n`` tasks, then fails as a crash or Ctrl-C would."""

    def __init__(self, n):
        self.n = n

    def run(self, function, tasks, on_result):
        for i, task in enumerate(tasks):
            if i == self.n:
                raise Interrupted
            on_result(task, function(task))


def rows(out):
    return query_run(out, "SELECT point, sample, \"grid.mass_driver.exit_speed\" AS v, \"grid.lunar.enabled\" AS on_, "
                          "\"lunar.replication_time_s\" AS r, cumulative_cost_usd FROM samples "
                          "ORDER BY point, sample").to_pylist()


def test_grid_is_a_full_factorial_with_the_grid_value_fixed(tmp_path):
    result = run_sweep(spec(), tmp_path / "s", LocalExecutor())
    assert (result.points, result.chunks, result.computed) == (4, 4, 4)
    got = rows(tmp_path / "s")
    assert len(got) == 16
    assert {(r["v"], r["on_"]) for r in got} == {("2.5 km/s", "True"), ("2.5 km/s", "False"),
                                                ("2.7 km/s", "True"), ("2.7 km/s", "False")}
    # common random numbers: every point runs the same draws of the other uncertain field
    by_point = {}
    for r in got:
        by_point.setdefault(r["point"], []).append(r["r"])
    assert len({tuple(v) for v in by_point.values()}) == 1
    # the swept field lost its distribution at each point
    columns = query_run(tmp_path / "s", "SELECT * FROM samples LIMIT 1").column_names
    assert "mass_driver.exit_speed_m_s" not in columns
    yearly = query_run(tmp_path / "s", "SELECT count(*) AS n FROM yearly").to_pylist()[0]["n"]
    assert yearly == 16 * (2034 - 2026 + 1)
    assert json.loads((tmp_path / "s" / MANIFEST).read_text())["complete"] is True


def test_resume_runs_only_unfinished_chunks_and_loses_nothing(tmp_path):
    out = tmp_path / "s"
    with pytest.raises(Interrupted):
        run_sweep(spec(), out, StopsAfter(2))
    assert json.loads((out / MANIFEST).read_text())["complete"] is False
    assert len(list((out / "samples").glob("chunk-*.parquet"))) == 2
    resumed = run_sweep(spec(), out, LocalExecutor(), resume=True)
    assert (resumed.skipped, resumed.computed) == (2, 2)
    again = run_sweep(spec(), out, LocalExecutor(), resume=True)
    assert again.computed == 0
    reference = tmp_path / "ref"
    run_sweep(spec(), reference, LocalExecutor())
    assert rows(out) == rows(reference)


def test_resume_refuses_a_different_specification(tmp_path):
    run_sweep(spec(), tmp_path / "s", LocalExecutor())
    with pytest.raises(ScenarioError, match="was started with a different samples"):
        run_sweep(spec(samples=6), tmp_path / "s", LocalExecutor(), resume=True)


def test_a_new_sweep_refuses_a_non_empty_folder(tmp_path):
    run_sweep(spec(samples=1), tmp_path / "s", LocalExecutor())
    with pytest.raises(ScenarioError, match="already exists and is not an empty folder"):
        run_sweep(spec(samples=1), tmp_path / "s", LocalExecutor())


@pytest.mark.parametrize("text, pattern", [
    ("mass_driver.exit_speed", r"--grid = 'mass_driver.exit_speed' is not FIELD=V1,V2"),
    ("mass_driver.exit_speed=", r"has no field or no values"),
])
def test_bad_grid_text(text, pattern):
    with pytest.raises(ScenarioError, match=pattern):
        parse_grid(text)


def test_grid_values_are_validated_like_the_scenario():
    with pytest.raises(ScenarioError, match=r"mass_driver.exit_speed = '2.5 m' has unit 'm'"):
        point_scenario(base(), {"mass_driver.exit_speed": "2.5 m"})
    with pytest.raises(ScenarioError, match=r"'mass_driver.exit_sped' is not a field of the scenario.*exit_speed"):
        point_scenario(base(), {"mass_driver.exit_sped": "2.5 km/s"})
