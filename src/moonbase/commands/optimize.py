"""``moonbase optimize``: the cheapest architecture reaching a target at a confidence, and the Pareto front."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table
from rich.text import Text

from moonbase.commands.common import (
    announce_compile,
    err_console,
    out_console,
    print_json,
    si_text,
    user_errors,
)
from moonbase.commands.headline import IDLE_LABELS
from moonbase.commands.progress import progress_bar
from moonbase.errors import ScenarioError
from moonbase.scenario.schema import Scenario


def register(app: typer.Typer) -> None:
    """Add the ``optimize`` command to the root app."""
    app.command("optimize")(optimize)


def optimize(
    scenario: Annotated[str, typer.Argument(help="A preset name or a scenario TOML file.")],
    vary: Annotated[list[str], typer.Option("--vary", help="FIELD=LOW:HIGH, a decision variable and its bounds, e.g. 'lunar.satellite_share=0.2:0.8'; repeat for more.")],
    target_year: Annotated[int, typer.Option("--target-year", help="Calendar year by whose end the target must be reached.")],
    target: Annotated[str, typer.Option("--target", help="Space compute power to add within one calendar year.")] = "1 TW/yr",
    confidence: Annotated[float, typer.Option("--confidence", help="Share of samples that must reach the target (0-1].")] = 0.8,
    samples: Annotated[int, typer.Option("--samples", min=1, max=100_000, help="Draws of [uncertainty] per candidate (1: fixed values).")] = 16,
    seed: Annotated[int, typer.Option("--seed", min=0, help="Seed of the draws and of the optimiser.")] = 0,
    generations: Annotated[int, typer.Option("--generations", min=1, max=1000, help="Differential-evolution generations.")] = 10,
    population: Annotated[int, typer.Option("--population", min=2, max=100, help="Population per decision variable.")] = 6,
    cluster: Annotated[Optional[str], typer.Option("--cluster", help="'local' or tcp://HOST:PORT of a Dask scheduler.")] = None,
    out: Annotated[Optional[Path], typer.Option("--out", help="Folder for optimize.json and pareto.png.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Minimise cumulative cost by --target-year while adding --target at --confidence.

    Exit 2 when no candidate within the bounds reaches the target (the best found is shown).
    """
    from moonbase.analysis.optimize import optimize as search
    from moonbase.analysis.optimize import parse_vary
    from moonbase.execution.executor import open_executor
    from moonbase.execution.output_dir import check_out_dir, staged_output_dir
    from moonbase.scenario.loader import load_scenario
    from moonbase.timeline.summary import parse_target

    with user_errors():
        goal = parse_target(target)
        if goal.kind != "added_per_year":
            raise ScenarioError(f"--target = {target!r} is a deployed power; optimize searches for a rate of adding "
                                "power, e.g. --target '1 TW/yr'.")
        loaded = load_scenario(scenario)
        bounds = [parse_vary(text) for text in vary]
        target_w_per_yr = goal.value_w
        if out is not None:
            check_out_dir(out)
        announce_compile()
        with open_executor(cluster) as executor, progress_bar("optimize") as progress:
            result = search(loaded, bounds, target_year, confidence, target_w_per_yr, samples, seed, generations,
                            population, executor, progress)
        data = result.as_dict()
        data["best"]["binding_in_target_year"] = what_binds(loaded, data["best"]["values"], target_year)
        if out is not None:
            with staged_output_dir(out) as staging:
                (staging / "optimize.json").write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
                _pareto_png(data, staging / "pareto.png")
    for note in data["notes"]:
        err_console.print(f"note: {note}", markup=False, highlight=False)
    if as_json:
        print_json(data)
    else:
        _print(data)
    if not result.reachable:
        best = data["best"]
        binds = "; ".join(f"{tier.replace('_', ' ')}: {label}" for tier, label in best["binding_in_target_year"].items())
        err_console.print(
            f"error: target {target} by {target_year} at confidence {confidence:g} is unreachable within the bounds "
            f"({result.evaluated} candidates); best found reaches it in {best['reach_fraction']:.0%} of samples "
            f"(year at confidence: {_year(best['year_at_confidence'], loaded.span.end_year)}) with "
            + ", ".join(f"{k} = {v}" for k, v in best["values"].items())
            + f". In {target_year} its growth is limited by {binds} (moonbase explain LABEL: the inputs that move "
            "it; widen --vary to those).", markup=False, highlight=False)
        raise typer.Exit(2)


def what_binds(scenario: Scenario, values: dict[str, str], year: int) -> dict[str, str]:
    """What limits each tier in ``year`` for ``scenario`` with ``values`` (fixed inputs, one run)."""
    from moonbase.analysis.sweep import point_scenario
    from moonbase.timeline.run import run

    summary = run(point_scenario(scenario, values)).summary
    found = {}
    for tier, segments in summary["binding_constraints"].items():
        for segment in segments:
            if segment["from_year"] <= year + 0.5 < segment["to_year"]:
                found[tier] = segment["constraint"]
    return {tier: label for tier, label in found.items() if label not in IDLE_LABELS}


def _year(value: float | None, end_year: int) -> str:
    return f"not reached by {end_year}" if value is None or value > end_year else f"{value:.0f}"


def _print(data: dict) -> None:
    t = data["target"]
    best = data["best"]
    table = Table(title=f"optimize: {si_text(t['power_added_w_per_yr'], 'W/yr')} by {t['year']} at "
                        f"{t['confidence']:.0%} confidence ({data['evaluated']} candidates x "
                        f"{data['samples_per_candidate']} samples)", header_style="bold")
    table.add_column("")
    table.add_column("value", justify="right")
    for key, value in best["values"].items():
        table.add_row(key, str(value))
    table.add_row("share of samples reaching the target", f"{best['reach_fraction']:.0%}")
    table.add_row(f"cumulative cost by end of {t['year']}", f"{best['cost_by_target_year_usd'] / 1e12:,.2f} trillion USD")
    table.add_row("feasible", "yes" if data["reachable"] else "NO")
    for tier, label in best.get("binding_in_target_year", {}).items():
        table.add_row(f"limited by in {t['year']} ({tier.replace('_', ' ')})", label)
    out_console.print(table)
    if data["pareto"]:
        front = Table(title="Pareto front: year reached at confidence vs cost to get there", header_style="bold")
        front.add_column("year")
        front.add_column(Text("cost to that year [trillion USD]"), justify="right")  # Text: brackets are not markup
        for key in data["pareto"][0]["values"]:
            front.add_column(key, justify="right")
        for c in data["pareto"]:
            front.add_row(_year(c["year_at_confidence"], data["horizon_year"]), f"{c['cost_to_target_usd'] / 1e12:,.2f}",
                          *(str(v) for v in c["values"].values()))
        out_console.print(front)


def _pareto_png(data: dict, path: Path) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(8, 5))
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    front = [c for c in data["pareto"] if c["year_at_confidence"] is not None]
    if front:
        ax.plot([c["year_at_confidence"] for c in front], [c["cost_to_target_usd"] / 1e12 for c in front],
                "o-", color="#0072B2")
    ax.set_xlabel(f"Year the target is reached at {data['target']['confidence']:.0%} confidence [yr]")
    ax.set_ylabel("Cumulative cost to that year [trillion USD]")
    ax.set_title("Pareto front: cost against time to target" + ("" if front else " (target never reached)"))
    figure.tight_layout()
    figure.savefig(path, dpi=150)
