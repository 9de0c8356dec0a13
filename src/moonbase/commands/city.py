"""``moonbase city``: the lunar city of a scenario - residents, habitats, Earth resupply, closure - by year."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Group
from rich.table import Table

from moonbase.commands.common import out_console, print_json, si_text, user_errors, whole_words
from moonbase.execution.output_dir import staged_output_dir
from moonbase.constants import KG_PER_TONNE, SECONDS_PER_YEAR
from moonbase.errors import ScenarioError

_CHARTS = (
    ("population", "Residents", (("population", "residents"), ("demanded_population", "needed by the industry"),
                                 ("workers", "resident workers"), ("earth_teleoperators", "operators on Earth")), True),
    ("habitat_mass", "Habitat mass [t]", (("habitat_mass_kg", "with regolith cover"),
                                          ("habitat_hardware_mass_kg", "shells and outfitting")), True),
    ("resupply", "Earth resupply [t/yr]", (("resupply_kg_per_yr", "total"), ("resupply_food_kg_per_yr", "food"),
                                           ("resupply_water_kg_per_yr", "water"),
                                           ("resupply_oxygen_kg_per_yr", "oxygen"),
                                           ("resupply_habitat_kg_per_yr", "habitat hardware"),
                                           ("resupply_spares_kg_per_yr", "spares")), True),
    ("closure", "Fraction made on the Moon", (("closure", "consumables (recycled, grown, made)"),
                                              ("self_sufficiency", "all needs incl. habitats and spares")), False),
)
_TONNE_COLUMNS = ("habitat_mass_kg", "habitat_hardware_mass_kg")


def _city_result(scenario_name: str) -> dict[str, Any]:
    from moonbase.scenario.loader import load_scenario

    loaded = load_scenario(scenario_name)
    import numpy as np

    from moonbase.city.step import (
        city_design_figures,
        city_timeline,
        resupply_threshold_year,
        yearly_city_table,
    )
    from moonbase.industry.step import site_replication_time_s
    from moonbase.scenario.params import city_choices
    from moonbase.timeline.run import run, span_of

    result = run(loaded)
    span = span_of(loaded)
    series = result.timeline.series
    industry = series["lunar_industry_mass_kg"]
    production = industry / site_replication_time_s(result.params)[:, None] * span.step_s
    year = span.start_year + (np.arange(span.steps) + 1.0) / span.steps_per_year
    choices = city_choices(loaded)
    timeline = city_timeline(result.params, year, industry, production, series["lunar_local_fraction"], span.step_s,
                             choices=choices)
    table = yearly_city_table(timeline)
    threshold = resupply_threshold_year(year, timeline.series["resupply_kg"], timeline.series["population"],
                                        result.params["city.resupply_threshold_kg_s"], span.step_s)[0]
    binding = [int(y) for y, b in zip(table["year"], table["life_support_binds"]) if b > 0.5]
    rows = [{k: (None if not np.isfinite(v[i]) else float(v[i])) for k, v in table.items()}
            for i in range(len(table["year"]))]
    return {
        "scenario": loaded.name,
        "design": city_design_figures(result.params, choices),
        "resupply_threshold_kg_per_person_yr": float(loaded.city.resupply_threshold_kg_s * SECONDS_PER_YEAR),
        "first_year_resupply_per_person_below_threshold": None if np.isnan(threshold) else int(threshold),
        "peak_population": float(np.max(table["population"])),
        "life_support_binding_years": binding,
        "years": rows,
    }


def _tonnes(mass_kg: float) -> str:
    return f"{mass_kg / KG_PER_TONNE:,.3g} t" if mass_kg < 1e6 * KG_PER_TONNE else f"{mass_kg / 1e6 / KG_PER_TONNE:,.3g} Mt"


#: Columns of the city table: header (words on their own lines) and the cell of a year's row.
_COLUMNS: tuple[tuple[str, Any], ...] = (
    ("residents", lambda r: f"{r['population']:,.0f}"),
    ("workers", lambda r: f"{r['workers']:,.0f}"),
    ("Earth\noperators", lambda r: f"{r['earth_teleoperators']:,.0f}"),
    ("habitat\nmass", lambda r: _tonnes(r["habitat_mass_kg"])),
    ("resupply\nper year", lambda r: _tonnes(r["resupply_kg_per_yr"])),
    ("per\nresident", lambda r: "-" if r["resupply_per_person_kg_per_yr"] is None
     else f"{r['resupply_per_person_kg_per_yr']:,.0f} kg"),
    ("closure", lambda r: f"{r['closure']:.1%}"),
    ("self-\nsufficient", lambda r: f"{r['self_sufficiency']:.1%}"),
    ("power", lambda r: si_text(r["power_w"], "W")),
    ("life\nsupport", lambda r: "binds" if r["life_support_binds"] else "ok"),
)
#: Below this terminal width the table is printed in two parts, so no header or cell is cut.
_ONE_TABLE_MIN_COLUMNS = 130


def _rich_table(report: dict[str, Any], every: int, width: int) -> Group:
    design = report["design"]
    title = (f"moonbase city: {report['scenario']} - light round trip {design['light_round_trip_s']:.2f} s, "
             f"regolith cover {design['shield_depth_m']:.1f} m, habitat {design['habitat_total_kg_per_person'] / 1e3:,.0f} t"
             f"/person ({design['habitat_shell']} shell {design['habitat_shell_kg_per_person'] / 1e3:.1f} t)")
    rows = report["years"]
    shown = [r for i, r in enumerate(rows) if i % every == 0 or i == len(rows) - 1]
    half = len(_COLUMNS) // 2 + 1
    parts = [_COLUMNS] if width >= _ONE_TABLE_MIN_COLUMNS else [_COLUMNS[:half], _COLUMNS[half:]]
    tables = []
    for k, columns in enumerate(parts):
        table = Table(title=title if k == 0 else None, header_style="bold")
        table.add_column("year", justify="right")
        for name, _ in columns:
            table.add_column(name, justify="right")
        for r in shown:
            table.add_row(f"{r['year']:.0f}", *(cell(r) for _, cell in columns))
        tables.append(whole_words(table))
    return Group(*tables)


def _write_outputs(report: dict[str, Any], out: Path) -> Path:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    with staged_output_dir(out) as staging:
        rows = report["years"]
        with (staging / "city.csv").open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
        (staging / "city.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        years = [r["year"] for r in rows]
        for name, label, lines, log_y in _CHARTS:
            figure = Figure(figsize=(8, 4.5), dpi=100)
            axes = figure.add_subplot()
            for column, legend in lines:
                scale = 1.0 / KG_PER_TONNE if column.endswith("_kg_per_yr") or column in _TONNE_COLUMNS else 1.0
                values = [(r[column] or 0.0) * scale for r in rows]
                if log_y and not any(v > 0 for v in values):
                    continue
                axes.plot(years, values, label=legend)
            if log_y and axes.lines:
                axes.set_yscale("log")
            axes.set_xlabel("year")
            axes.set_ylabel(label)
            axes.set_title(f"{report['scenario']}: {label.lower()}")
            axes.grid(True, alpha=0.3)
            if axes.lines:
                axes.legend(loc="best", fontsize="small")
            FigureCanvasAgg(figure).print_png(str(staging / f"{name}.png"))
    return out


def city(
    scenario: Annotated[Optional[str], typer.Argument(help="A scenario TOML file (or a preset name).")] = None,
    preset: Annotated[Optional[str], typer.Option("--preset", help="A preset name (alpha, ...); default alpha.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the yearly table and figures as JSON.")] = False,
    out: Annotated[Optional[Path], typer.Option("--out", help="Folder to create with city.csv, city.json and "
                                                              "PNG charts.")] = None,
    every: Annotated[int, typer.Option("--every", min=1, max=100, help="Show every N-th year in the table.")] = 5,
) -> None:
    """The lunar city of a scenario: residents, habitats, Earth resupply and closure by year."""
    with user_errors():
        if scenario is not None and preset is not None:
            raise ScenarioError(f"--preset = {preset!r} and scenario = {scenario!r} were both given; "
                                "expected one of them.")
        if out is not None:
            from moonbase.execution.output_dir import check_out_dir

            check_out_dir(out)
        report = _city_result(preset or scenario or "alpha")
        written = _write_outputs(report, out) if out is not None else None
    if as_json:
        print_json(report)
        return
    out_console.print(_rich_table(report, every, out_console.width))
    year = report["first_year_resupply_per_person_below_threshold"]
    threshold = report["resupply_threshold_kg_per_person_yr"]
    out_console.print(f"Earth resupply per resident below {threshold:,.0f} kg/yr from: "
                      f"{year if year is not None else 'never'}", markup=False, highlight=False)
    binding = report["life_support_binding_years"]
    out_console.print("life support binds: " + (f"{binding[0]}-{binding[-1]}" if binding else "never"),
                      markup=False, highlight=False)
    if written is not None:
        out_console.print(f"written: {written}", markup=False, highlight=False)


def register(app: typer.Typer) -> None:
    """Add ``moonbase city`` to the root app."""
    app.command("city")(city)
