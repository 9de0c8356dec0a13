"""Sweeps: a grid over scenario fields, optionally times Monte Carlo samples, in chunks.

``--grid FIELD=V1,V2,...`` names a field by its dotted TOML path and the values it
takes, written as in a scenario (``"2.6 km/s"``, ``0.9``, ``true``); several grids
make a full factorial. Each grid point is a complete, validated scenario. With
``samples`` above 1 every point runs the same draws of the ``[uncertainty]`` fields
(common random numbers, so points differ only by the grid); a field on the grid is
fixed at the grid value at that point.

Work is split into chunks (one point, up to ``chunk_size`` samples). Each finished
chunk is written at once as Parquet partitions (:class:`ChunkStore`):

- ``samples/chunk-*.parquet``: one row per (point, sample): grid values, drawn inputs
  (SI, attribute names), outputs (milestones and end values);
- ``yearly/chunk-*.parquet``: one row per (point, sample, year) of the reported series;

and ``manifest.json`` records the sweep's specification. ``--resume`` checks the
specification is the same and runs only the chunks not yet written. Query the
folder with DuckDB (:mod:`moonbase.results.query`).
"""

from __future__ import annotations

import itertools
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from moonbase import __version__
from moonbase.analysis.montecarlo import (
    ChunkOutcome,
    band_columns,
    ChunkTask,
    chunk_tasks,
    draw_inputs,
    samples_table,
    simulate_chunk,
)
from moonbase.errors import ScenarioError
from moonbase.execution.checkpoint import MANIFEST, ChunkStore, write_json_atomically
from moonbase.execution.executor import Executor, execute
from moonbase.execution.output_dir import check_out_dir
from moonbase.execution.progress import ProgressCallback, ProgressTracker
from moonbase.scenario.loader import (
    scenario_from_dict,
    scenario_to_dict,
    scenario_to_toml,
)
from moonbase.scenario.schema import Scenario

DATASETS = ("yearly", "samples")
MARKER = "samples"
DEFAULT_CHUNK_SIZE = 1000  # samples per chunk: ~400 MB while it runs (0.4 MB per sample)


@dataclass(frozen=True)
class GridAxis:
    """One swept field: its TOML path and the values it takes (as written)."""

    path: str
    values: tuple[Any, ...]


def written_value(text: str) -> Any:
    """A value written on the command line, read as TOML (0.5, true, 2035) or else as text ("2.6 km/s")."""
    try:
        return tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        return text.strip()


def parse_grid(text: str) -> GridAxis:
    """``"mass_driver.exit_speed=2.5 km/s,2.7 km/s"`` -> GridAxis.

    Raises
    ------
    ScenarioError
        When the text is not ``FIELD=V1,V2,...`` with at least one value.
    """
    if "=" not in text:
        raise ScenarioError(f"--grid = {text!r} is not FIELD=V1,V2,...; expected for example "
                            "--grid 'mass_driver.exit_speed=2.5 km/s,2.7 km/s'.")
    path, _, values = text.partition("=")
    items = [v for v in (item.strip() for item in values.split(",")) if v]
    if not path.strip() or not items:
        raise ScenarioError(f"--grid = {text!r} has no field or no values; expected FIELD=V1,V2,...")
    return GridAxis(path.strip(), tuple(written_value(v) for v in items))


def _set_path(data: dict[str, Any], path: str, value: Any, flag: str) -> None:
    *tables, key = path.split(".")
    table = data
    for i, name in enumerate(tables):
        if not isinstance(table.get(name), dict):
            raise ScenarioError(f"{flag}: {'.'.join(tables[:i + 1])!r} is not a table of the scenario; "
                                "expected a dotted field path such as mass_driver.exit_speed.")
        table = table[name]
    if key not in table or isinstance(table[key], dict) or path.split(".")[0] in ("uncertainty", "correlations"):
        close = [k for k in table if k.startswith(key[:3])] if isinstance(table, dict) else []
        hint = f" Fields here: {', '.join(sorted(table))}." if table and not close else (
            f" Did you mean {'.'.join(tables + [close[0]])!r}?" if close else "")
        raise ScenarioError(f"{flag}: {path!r} is not a field of the scenario; expected a dotted field path "
                            f"such as mass_driver.exit_speed.{hint}")
    table[key] = value


def point_scenario(base: Scenario, assignment: dict[str, Any]) -> Scenario:
    """``base`` with the grid ``assignment`` (TOML path -> value) applied and validated.

    A field on the grid loses its distribution (and correlations) at this point.
    """
    data = scenario_to_dict(base)
    for path, value in assignment.items():
        _set_path(data, path, value, f"--grid {path}")
    data["uncertainty"] = {p: s for p, s in data["uncertainty"].items() if p not in assignment}
    data["correlations"] = [c for c in data["correlations"] if c["a"] not in assignment and c["b"] not in assignment]
    shown = ", ".join(f"{p}={v!r}" for p, v in assignment.items())
    try:
        return scenario_from_dict(data, f"grid point {shown}")
    except ScenarioError as exc:
        raise ScenarioError(f"--grid point ({shown}): {exc}") from None


@dataclass(frozen=True)
class SweepSpec:
    """Everything that defines a sweep's results (compared on ``--resume``)."""

    scenario: Scenario
    axes: tuple[GridAxis, ...]
    samples: int
    seed: int
    chunk_size: int = DEFAULT_CHUNK_SIZE

    def points(self) -> list[dict[str, Any]]:
        """Grid assignments, in order (the last axis varies fastest)."""
        if not self.axes:
            return [{}]
        return [dict(zip([a.path for a in self.axes], combo))
                for combo in itertools.product(*(a.values for a in self.axes))]

    def as_manifest(self) -> dict[str, Any]:
        """The JSON-ready specification stored in ``manifest.json``."""
        return {
            "scenario_toml": scenario_to_toml(self.scenario),
            "grid": [{"field": a.path, "values": list(a.values)} for a in self.axes],
            "samples": self.samples, "seed": self.seed, "chunk_size": self.chunk_size,
        }


@dataclass(frozen=True)
class SweepResult:
    """A finished (or resumed and finished) sweep."""

    out_dir: Path
    points: int
    chunks: int
    computed: int  # chunks computed in this call
    skipped: int  # chunks found finished (resume)
    samples_per_point: int


def _point_tables(spec: SweepSpec, task: ChunkTask, outcome: ChunkOutcome,
                  assignment: dict[str, Any]) -> dict[str, pa.Table]:
    extra: dict[str, Any] = {"point": np.int64(task.point)}
    for path, value in assignment.items():
        extra[f"grid.{path}"] = str(value) if not isinstance(value, (int, float)) or isinstance(value, bool) else float(value)
    samples = samples_table(outcome.inputs, outcome.outputs, task.start, extra)
    years = np.arange(spec.scenario.span.start_year, spec.scenario.span.end_year + 1)
    n, m = outcome.samples, years.size
    yearly: dict[str, Any] = {
        "point": np.full(n * m, task.point, dtype=np.int64),
        "sample": np.repeat(np.arange(task.start, task.start + n, dtype=np.int64), m),
        "year": np.tile(years, n),
    }
    for column in band_columns():
        yearly[column] = outcome.yearly[column].reshape(-1)
    return {"samples": samples, "yearly": pa.table(yearly)}


def _check_resume(out_dir: Path, manifest: dict[str, Any]) -> None:
    import json

    path = out_dir / MANIFEST
    if not path.is_file():
        raise ScenarioError(f"--resume: '{out_dir}' has no {MANIFEST}; expected the folder of an earlier sweep.")
    earlier = json.loads(path.read_text(encoding="utf-8"))
    for key in ("scenario_toml", "grid", "samples", "seed", "chunk_size"):
        if earlier.get(key) != manifest[key]:
            raise ScenarioError(f"--resume: the sweep in '{out_dir}' was started with a different {key}; "
                                "expected the same scenario, --grid, --samples, --seed and --chunk-size.")


def run_sweep(spec: SweepSpec, out_dir: Path, executor: Executor, resume: bool = False,
              progress: ProgressCallback | None = None) -> SweepResult:
    """Run (or resume) a sweep into ``out_dir``; every finished chunk is on disk at once."""

    out_dir = Path(out_dir)
    manifest = {"kind": "sweep", "moonbase_version": __version__, **spec.as_manifest()}
    if resume and out_dir.exists():
        _check_resume(out_dir, manifest)
    else:
        check_out_dir(out_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
    assignments = spec.points()
    scenarios = [point_scenario(spec.scenario, a) for a in assignments]  # validates every point first
    draws = draw_inputs(spec.scenario, spec.samples, spec.seed) if spec.samples > 1 else {}
    tasks: list[ChunkTask] = []
    for index, scenario in enumerate(scenarios):
        point_draws = {p: v for p, v in draws.items() if p in scenario.uncertainty}
        for task in chunk_tasks(scenario, spec.samples, spec.seed, spec.chunk_size, draws=point_draws,
                                point=index):
            tasks.append(ChunkTask(task.scenario, task.start, task.samples, task.draws, False, index, len(tasks)))
    write_json_atomically(out_dir / MANIFEST, {**manifest, "points": len(scenarios), "chunks": len(tasks),
                                               "complete": False})
    store = ChunkStore(out_dir, DATASETS, MARKER)
    finished = store.finished() if resume else set()
    tracker = ProgressTracker(len(tasks), sum(t.samples for t in tasks), progress)
    for task in tasks:
        if task.chunk in finished:
            tracker.skip(task.samples)
    tracker.start()
    todo = [t for t in tasks if t.chunk not in finished]

    def save(task: ChunkTask, outcome: ChunkOutcome) -> None:
        store.write(task.chunk, _point_tables(spec, task, outcome, assignments[task.point]))

    execute(executor, simulate_chunk, todo, save, tracker, samples_of=lambda t: t.samples)
    missing = {t.chunk for t in tasks} - store.finished()
    if missing:
        raise RuntimeError(f"{len(missing)} chunks have no partition after the sweep: {sorted(missing)[:5]}")
    write_json_atomically(out_dir / MANIFEST, {**manifest, "points": len(scenarios), "chunks": len(tasks),
                                               "complete": True})
    return SweepResult(out_dir, len(scenarios), len(tasks), len(todo), len(tasks) - len(todo), spec.samples)
