"""``moonbase sensitivity``: Sobol indices and a tornado chart for one output."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.table import Table

from moonbase.commands.common import announce_compile, out_console, print_json, user_errors, whole_words
from moonbase.commands.progress import progress_bar

PNG_DPI = 150
#: Below this terminal width an input's dotted path breaks after its dots.
NARROW_COLUMNS = 100


def register(app: typer.Typer) -> None:
    """Add the ``sensitivity`` command to the root app."""
    app.command("sensitivity")(sensitivity)


def sensitivity(
    scenario: Annotated[str, typer.Argument(help="A scenario TOML file with an [uncertainty] table (or a preset).")],
    output: Annotated[str, typer.Option("--output", help="The output to explain, e.g. first_year_1tw_yr, cumulative_cost_usd, end_deep_space_compute_power_w.")] = "first_year_1tw_yr",
    samples: Annotated[int, typer.Option("--samples", min=2, max=65536, help="Saltelli base samples N (power of 2); the timeline runs N x (inputs + 2) times.")] = 128,
    seed: Annotated[int, typer.Option("--seed", min=0, help="Seed of the Sobol sequence and the bootstrap.")] = 0,
    cluster: Annotated[Optional[str], typer.Option("--cluster", help="'local' or tcp://HOST:PORT of a Dask scheduler.")] = None,
    out: Annotated[Optional[Path], typer.Option("--out", help="Folder for sensitivity.json, tornado.png and sobol.png.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """Name the uncertain inputs that decide an output (Sobol total-order indices; one-at-a-time tornado)."""
    from moonbase.analysis.sensitivity import sensitivity as analyse
    from moonbase.execution.executor import open_executor
    from moonbase.execution.output_dir import staged_output_dir
    from moonbase.execution.output_dir import check_out_dir
    from moonbase.scenario.loader import load_scenario

    with user_errors():
        loaded = load_scenario(scenario)
        if out is not None:
            check_out_dir(out)
        announce_compile()
        with open_executor(cluster) as executor, progress_bar("sensitivity") as progress:
            result = analyse(loaded, output, samples, seed, executor, progress)
        data = result.as_dict()
        if out is not None:
            with staged_output_dir(out) as staging:
                (staging / "sensitivity.json").write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
                save_figures(data, staging)
    if as_json:
        print_json(data)
        return
    table = Table(title=f"sensitivity of {output} ({data['samples']:,} timeline samples)", header_style="bold")
    for name in ("input", "S1", "ST", "input P10 -> P90", "output at input P10", "output at input P90"):
        table.add_column(name, justify="left" if name == "input" else "right",
                         min_width=8 if name.startswith("output") else None)  # "2.64e+12" whole
    rows = {row["input"]: row for row in data["tornado"]}
    for path in sorted(data["inputs"], key=lambda p: -data["sobol"][p]["ST"]):
        s, row = data["sobol"][path], rows[path]
        table.add_row(path if out_console.width >= NARROW_COLUMNS else path.replace(".", ".\n"), f"{s['S1']:.2f} ± {s['S1_conf']:.2f}", f"{s['ST']:.2f} ± {s['ST_conf']:.2f}",
                      f"{row['input_low']} -> {row['input_high']}", f"{row['output_low']:.3g}",
                      f"{row['output_high']:.3g}")
    out_console.print(whole_words(table))
    out_console.print(data["sentence"], markup=False, highlight=False)
    for note in data["notes"]:
        out_console.print(f"note: {note}", markup=False, highlight=False)
    if out is not None:
        out_console.print(f"written: {out}", markup=False, highlight=False)


def save_figures(data: dict[str, Any], folder: Path) -> None:
    """tornado.png (output at each input's P10 and P90) and sobol.png (S1 and ST bars)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    rows = list(reversed(data["tornado"]))  # largest swing on top
    figure = Figure(figsize=(9, 1.2 + 0.5 * len(rows)))
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    base = data["base_output"]
    for i, row in enumerate(rows):
        for value, color, label in ((row["output_low"], "#0072B2", "input at P10"),
                                    (row["output_high"], "#D55E00", "input at P90")):
            ax.barh(i, value - base, left=base, color=color, label=label if i == 0 else None)
    ax.set_yticks(range(len(rows)), [f"{r['input']}\n{r['input_low']} -> {r['input_high']}" for r in rows],
                  fontsize=8)
    ax.axvline(base, color="black", linewidth=1)
    ax.set_xlabel(f"{data['output']} (others at their medians; base {base:.4g})")
    ax.set_title(f"One-at-a-time sensitivity of {data['output']}")
    ax.legend(fontsize=8, loc="lower right")
    figure.tight_layout()
    figure.savefig(folder / "tornado.png", dpi=PNG_DPI)

    names = sorted(data["inputs"], key=lambda p: data["sobol"][p]["ST"])
    figure = Figure(figsize=(9, 1.2 + 0.5 * len(names)))
    FigureCanvasAgg(figure)
    ax = figure.add_subplot()
    y = range(len(names))
    ax.barh([v - 0.2 for v in y], [data["sobol"][p]["S1"] for p in names], height=0.4, color="#56B4E9",
            xerr=[data["sobol"][p]["S1_conf"] for p in names], label="S1 (alone)")
    ax.barh([v + 0.2 for v in y], [data["sobol"][p]["ST"] for p in names], height=0.4, color="#009E73",
            xerr=[data["sobol"][p]["ST_conf"] for p in names], label="ST (with interactions)")
    ax.set_yticks(list(y), names, fontsize=8)
    ax.set_xlabel("Sobol index [-] (share of output variance; bars: 95 % bootstrap interval)")
    ax.set_title(f"Sobol indices of {data['output']}")
    ax.legend(fontsize=8, loc="lower right")
    figure.tight_layout()
    figure.savefig(folder / "sobol.png", dpi=PNG_DPI)
