"""``moonbase sweep``: a grid over scenario fields (times Monte Carlo samples), checkpointed."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from moonbase.commands.common import announce_compile, err_console, out_console, print_json, user_errors
from moonbase.commands.progress import progress_bar
from moonbase.commands.sweep_table import point_rows, sweep_table
from moonbase.timeline.summary import parse_target


def register(app: typer.Typer) -> None:
    """Add the ``sweep`` command to the root app."""
    app.command("sweep")(sweep)


def sweep(
    scenario: Annotated[str, typer.Argument(help="A preset name or a scenario TOML file.")],
    out: Annotated[Path, typer.Option("--out", help="Sweep folder (partitioned Parquet + manifest.json).")],
    grid: Annotated[Optional[list[str]], typer.Option("--grid", help="FIELD=V1,V2,... with FIELD the dotted TOML path, e.g. 'mass_driver.exit_speed=2.5 km/s,2.7 km/s'; repeat for a full factorial.")] = None,
    samples: Annotated[int, typer.Option("--samples", min=1, max=1_000_000, help="Monte Carlo samples per grid point (draws of [uncertainty]).")] = 1,
    seed: Annotated[int, typer.Option("--seed", min=0, help="Seed of the draws (the same for every point).")] = 0,
    cluster: Annotated[Optional[str], typer.Option("--cluster", help="'local' or tcp://HOST:PORT of a Dask scheduler (default: $MOONBASE_CLUSTER, else in-process).")] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Continue an interrupted sweep in --out; finished chunks are kept.")] = False,
    chunk_size: Annotated[int, typer.Option("--chunk-size", min=1, help="Samples per chunk.")] = 1000,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
    target: Annotated[str, typer.Option("--target", help="What each point should reach: power added within a calendar year ('1 TW/yr') or deployed ('10 TW').")] = "1 TW/yr",
) -> None:
    """Run every grid point (and sample); each finished chunk is written at once.

    Prints one row per grid point: the first year --target is met (P50 and the share of
    samples reaching it when sampled), the peak added per year and the cost. Query the
    folder with `moonbase query OUT "SQL"` (views: samples, yearly); a grid column
    "grid.lunar.seed_mass" is also grid_lunar_seed_mass.
    """
    from moonbase.analysis.sweep import SweepSpec, parse_grid, run_sweep
    from moonbase.execution.executor import open_executor
    from moonbase.scenario.loader import load_scenario

    with user_errors():
        goal = parse_target(target)
        loaded = load_scenario(scenario)
        axes = tuple(parse_grid(text) for text in grid or ())
        spec = SweepSpec(loaded, axes, samples, seed, chunk_size)
        if samples > 1 and not loaded.uncertainty:
            err_console.print(f"warning: scenario '{loaded.name}' has no [uncertainty] table; the {samples} samples "
                              "of each point are identical (use --samples 1, or a scenario with distributions "
                              "such as alpha-uncertain).", markup=False, highlight=False)
        announce_compile()
        with open_executor(cluster) as executor, progress_bar("sweep") as progress:
            result = run_sweep(spec, out, executor, resume=resume, progress=progress)
        rows = point_rows(result.out_dir, goal)
    data = {"out": str(result.out_dir), "points": result.points, "samples_per_point": result.samples_per_point,
            "chunks": result.chunks, "computed": result.computed, "resumed": result.skipped,
            "results": [dict(row, grid=assignment) for row, assignment in zip(rows, spec.points())]}
    if as_json:
        print_json(data)
    else:
        out_console.print(sweep_table(rows, spec.points(), samples, loaded.span.end_year))
        out_console.print(f"sweep: {result.points} points x {result.samples_per_point} samples in {result.chunks} "
                          f"chunks ({result.computed} computed, {result.skipped} already done) -> {result.out_dir}",
                          markup=False, highlight=False)
        columns = "".join(f", grid_{a.path.replace('.', '_')}" for a in axes)
        out_console.print(f"query: moonbase query {result.out_dir} 'SELECT point{columns}, count(first_year_1tw_yr) "
                          "/ count(*) AS share_reaching_1tw, median(first_year_1tw_yr) AS median_year_if_reached FROM "
                          f"samples GROUP BY ALL ORDER BY point'", markup=False, highlight=False)
