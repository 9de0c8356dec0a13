"""The ``moonbase`` command line: a thin caller of the library.

Exit status: 0 success, 2 bad input (one line naming the field, the value and what is
expected; no traceback), 1 internal error.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from moonbase import __version__
from moonbase.commands.common import announce_compile, err_console, out_console, print_json, user_errors
from moonbase.commands.headline import run_tables
from moonbase.errors import ScenarioError

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False, rich_markup_mode=None,
                  help="moonbase: solar-powered AI compute in space - Earth orbit, the Moon, deep space.")
scenario_app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False, rich_markup_mode=None,
                           help="Show, list and validate scenarios.")
app.add_typer(scenario_app, name="scenario")

@app.command()
def run(
    scenario: Annotated[str, typer.Argument(help="A preset name (alpha, earth-orbit-only, ground-only) or a TOML file.")] = "alpha",
    out: Annotated[Optional[Path], typer.Option("--out", help="Run folder to create (default: runs/<name>-<time>).")] = None,
    samples: Annotated[int, typer.Option("--samples", min=1, max=1_000_000, help="Samples along the Monte Carlo axis.")] = 1,
    seed: Annotated[int, typer.Option("--seed", min=0, help="Random seed recorded with the run.")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print summary.json to stdout instead of the table.")] = False,
    no_report: Annotated[bool, typer.Option("--no-report", help="Skip report.html and figures (faster).")] = False,
    cluster: Annotated[Optional[str], typer.Option("--cluster", help="'local' (a Dask cluster on this machine) or tcp://HOST:PORT of a Dask scheduler (default: $MOONBASE_CLUSTER, else in-process).")] = None,
    all_samples: Annotated[bool, typer.Option("--all-samples", help="With --samples N > 100, also write every sample's monthly timeline (large).")] = False,
    chunk_size: Annotated[Optional[int], typer.Option("--chunk-size", min=1, help="Samples per chunk (default 250).")] = None,
    target: Annotated[str, typer.Option("--target", help="What to reach: space compute power added within a calendar year ('1 TW/yr', '100 GW/yr') or deployed ('10 TW').")] = "1 TW/yr",
) -> None:
    """Run a scenario through the timeline; write the run folder and print the headline.

    With --samples N > 1 the scenario's uncertainty distributions are drawn (seeded by
    --seed) and every milestone and end value becomes P10/P50/P90, with the share of
    samples reaching --target.
    """
    from moonbase.timeline.summary import parse_target, retarget, yearly_target_series
    from moonbase.scenario.loader import load_scenario

    with user_errors():
        goal = parse_target(target)
    if samples > 1:
        from moonbase.commands.montecarlo import run_samples

        run_samples(scenario, out, samples, seed, as_json, no_report, cluster, all_samples, chunk_size, goal)
        return

    with user_errors():
        loaded = load_scenario(scenario)  # input errors first, before the models are imported
        from moonbase.results.run_dir import check_out_dir, default_run_dir, write_run
        from moonbase.timeline.run import run as run_scenario

        run_dir = Path(out) if out is not None else default_run_dir(loaded.name)
        check_out_dir(run_dir)
        announce_compile()
        result = run_scenario(loaded, samples=samples, seed=seed)
        retarget(result.summary, yearly_target_series(result.timeline.series, result.timeline.span.steps_per_year), goal)
        writer = None if no_report else _report_writer
        final = write_run(result, run_dir, extra_writer=writer)
    if as_json:
        print_json(result.summary)
    else:
        out_console.print(run_tables(result.summary, final, report=not no_report))
        for warning in result.summary.get("warnings", []):
            err_console.print(f"warning: {warning}", markup=False, highlight=False)


def _report_writer(staging: Path, result: Any) -> None:
    from moonbase.analysis.capacity_response import capacity_response
    from moonbase.report.html import write_report
    from moonbase.timeline.table import timeline_table
    from moonbase.scenario.loader import scenario_to_toml
    from moonbase.validation.credibility import credibility_box, run_references

    write_report(staging, timeline_table(result.timeline), result.summary,
                 scenario_to_toml(result.scenario), references=run_references(result.scenario),
                 credibility=credibility_box(result.scenario),
                 capacity=capacity_response(result.scenario, result.timeline)
                 if result.scenario.deep_space.enabled and result.scenario.lunar.enabled else None)


@scenario_app.command("list")
def scenario_list() -> None:
    """List the presets shipped with moonbase."""
    from moonbase.scenario.loader import load_scenario, preset_names

    for name in preset_names():
        out_console.print(f"{name:<20} {load_scenario(name).description}", markup=False, highlight=False)


@scenario_app.command("show")
def scenario_show(
    name: Annotated[str, typer.Argument(help="Preset name or scenario file.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the resolved scenario as JSON.")] = False,
) -> None:
    """Print a preset (or file) fully resolved as TOML: every field explicit."""
    from moonbase.scenario.loader import load_scenario, scenario_to_dict, scenario_to_toml

    with user_errors():
        loaded = load_scenario(name)
    if as_json:
        sys.stdout.write(json.dumps(scenario_to_dict(loaded), indent=2) + "\n")
    else:
        sys.stdout.write(scenario_to_toml(loaded))


@scenario_app.command("validate")
def scenario_validate(
    file: Annotated[str, typer.Argument(help="Scenario TOML file (or preset name).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print {'valid': bool, 'error': str|null} as JSON.")] = False,
) -> None:
    """Check a scenario file; exit 0 if valid, 2 with one line naming the problem if not."""
    from moonbase.scenario.loader import load_scenario

    try:
        loaded = load_scenario(file)
    except ScenarioError as exc:
        if as_json:
            sys.stdout.write(json.dumps({"valid": False, "error": str(exc)}) + "\n")
        else:
            err_console.print(f"error: {exc}", markup=False, highlight=False)
        raise typer.Exit(2) from None
    if as_json:
        sys.stdout.write(json.dumps({"valid": True, "error": None, "name": loaded.name}) + "\n")
    else:
        out_console.print(f"{file}: valid scenario '{loaded.name}'", markup=False, highlight=False)


def _version(value: bool) -> None:
    if value:
        out_console.print(f"moonbase {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                help="Print the version and exit.")] = False) -> None:
    """moonbase: solar-powered AI compute in space."""


# Sub-commands that live in their own modules (moonbase.commands.<name>.register(app)).
COMMAND_MODULES: tuple[str, ...] = ("validate", "explain", "serve", "massdriver", "sweep", "query", "sensitivity", "optimize", "industry", "city",
                                     "satellite", "trajectories", "economics", "provenance", "claims")
for _name in COMMAND_MODULES:
    importlib.import_module(f"moonbase.commands.{_name}").register(app)


def main() -> None:
    """Console-script entry point; unexpected errors exit 1 with one line (MOONBASE_DEBUG=1 for a traceback)."""
    import os

    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        err_console.print("interrupted", markup=False)
        raise SystemExit(130) from None
    except Exception as exc:  # noqa: BLE001 - last-resort guard of the CLI contract
        if os.environ.get("MOONBASE_DEBUG"):
            raise
        err_console.print(f"internal error: {type(exc).__name__}: {exc} (set MOONBASE_DEBUG=1 for a traceback)",
                          markup=False, highlight=False)
        raise SystemExit(1) from None


if __name__ == "__main__":  # pragma: no cover
    main()
