"""``moonbase industry``: grow the lunar city on its own and print its generation table.

A thin caller. An industry preset (``src/moonbase/industry/presets/*.toml``) is a
scenario (``base = "alpha"`` and overrides) plus an ``[industry]`` table choosing the
growth model; a plain scenario file works too (continuous model). The library does
the work: :mod:`moonbase.industry.city_run` (growth), :mod:`moonbase.industry.limits`,
:mod:`moonbase.industry.extraction`, :mod:`moonbase.industry.kardashev_trajectory`.
"""

from __future__ import annotations

import json
import math
import tomllib
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal, Optional

import numpy as np
import typer
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from rich.table import Table

from moonbase.commands.common import err_console, out_console, print_json, si_text, user_errors
from moonbase.execution.output_dir import staged_output_dir
from moonbase.constants import KG_PER_TONNE, SECONDS_PER_DAY, SECONDS_PER_YEAR, WORLD_PRIMARY_POWER_2023_W
from moonbase.errors import ScenarioError
from moonbase.scenario.fields import PATH_MARK, Quantity

PRESET_PACKAGE = "moonbase.industry.presets"
DEFAULT_PRESET = "alpha"
KARDASHEV_FRACTIONS = (0.01, 0.03)  # of the solar luminosity: the "1 % and 3 %"


class IndustrySettings(BaseModel):
    """The ``[industry]`` table of an industry preset or scenario file."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=False)

    growth_model: Literal["continuous", "generation-recursion"] = Field("continuous", alias="growth_model")
    years: int = Field(50, ge=1, le=1000, alias="years")
    crudeness: list[float] = Field(default_factory=lambda: [1.0, 2.5, 2.5, 1.5, 1.0, 1.0, 1.0], alias="crudeness")
    electronics_local_fractions: list[float] = Field(
        default_factory=lambda: [0.0, 0.0, 0.0, 0.90, 0.95, 0.99, 1.0], alias="electronics_local_fractions")
    utilisation: float = Field(1.0, ge=0.0, le=1.0, alias="utilisation")
    landing_rate_kg_s: Optional[Annotated[float, Quantity("t/yr", gt=0.0)]] = Field(None, alias="landing_rate")
    kardashev_target_year: int = Field(2100, ge=1950, le=5000, alias="kardashev_target_year")


def preset_names() -> list[str]:
    """Industry presets shipped with moonbase."""
    return sorted(p.name[:-5] for p in resources.files(PRESET_PACKAGE).iterdir() if p.name.endswith(".toml"))


def _settings(raw: Any, origin: str) -> IndustrySettings:
    if not isinstance(raw, dict):
        raise ScenarioError(f"industry = {raw!r} in {origin} should be a table ([industry]).")
    try:
        return IndustrySettings.model_validate(raw)
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        path = "industry." + ".".join(str(p) for p in error.get("loc", ()))
        if error.get("type") == "moonbase_quantity":
            raise ScenarioError(error["ctx"]["message"].replace(PATH_MARK, path)) from None
        if error.get("type") == "extra_forbidden":
            keys = ", ".join(info.alias or name for name, info in IndustrySettings.model_fields.items())
            raise ScenarioError(f"{path} is an unknown key in {origin}; expected one of: {keys}.") from None
        raise ScenarioError(f"{path} = {error.get('input')!r} is invalid in {origin}: {error.get('msg')}.") from None


def load_industry(preset: str | None, file: str | None):
    """(scenario, settings, label) from an industry preset name or a scenario file."""
    from moonbase.scenario.loader import scenario_from_dict

    if preset is not None and file is not None:
        raise ScenarioError(f"--preset = {preset!r} and SCENARIO = {file!r} were both given; give one of them.")
    if file is None:
        name = DEFAULT_PRESET if preset is None else preset
        if name not in preset_names():
            raise ScenarioError(f"--preset = {name!r} is unknown; choose one of: {', '.join(preset_names())}.")
        text, origin = resources.files(PRESET_PACKAGE).joinpath(f"{name}.toml").read_text("utf-8"), f"preset {name!r}"
    else:
        path = Path(file)
        if not path.is_file():
            raise ScenarioError(f"SCENARIO = {file!r} is not a readable TOML file; expected a scenario file "
                                f"(or use --preset with one of: {', '.join(preset_names())}).")
        text, origin = path.read_text(encoding="utf-8"), f"file {path.name!r}"
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(f"{origin} is not valid TOML: {exc}.") from None
    settings = _settings(data.pop("industry", {}), origin)
    scenario = scenario_from_dict(data, origin)
    return scenario, settings, origin


def city_inputs(scenario, settings: IndustrySettings):
    """:class:`~moonbase.industry.city_run.CityInputs` from a scenario (via the timeline's params)."""
    from moonbase.industry.city_run import CityInputs
    from moonbase.industry.fab_step import first_fab_power_w
    from moonbase.industry.step import max_industry_mass_kg, regolith_in_reach_kg, site_replication_time_s
    from moonbase.massdriver.capacity import mass_driver_capacity
    from moonbase.scenario.params import mass_driver_choices
    from moonbase.scenario.params import timeline_params

    p = timeline_params(scenario)
    lunar = scenario.lunar
    driver = mass_driver_capacity(p, 1.0, mass_driver_choices(scenario.mass_driver))
    firing = scenario.deep_space.enabled and lunar.enabled
    return CityInputs(
        seed_mass_kg=lunar.seed_mass_kg, replication_time_s=float(site_replication_time_s(p)[0]),
        generation_interval_s=lunar.generation_interval_s, local_fractions=tuple(lunar.local_fractions),
        power_per_mass_w_kg=lunar.power_per_mass_w_kg, production_energy_j_kg=float(p["lunar.production_energy_j_kg"][0]),
        satellite_share=lunar.satellite_share, max_industry_kg=float(max_industry_mass_kg(p)[0]),
        regolith_in_reach_kg=float(regolith_in_reach_kg(p)[0]), regolith_per_product=float(p["lunar.regolith_per_product"][0]),
        satellites_start_s=((scenario.mass_driver.first_launch_year - lunar.seed_year) * SECONDS_PER_YEAR
                            if firing else math.inf),
        mass_driver_energy_j_kg=float(driver.energy_per_kg_j_kg[0]),
        mass_driver_rate_kg_s=float(driver.mass_per_step_kg[0]),
        landing_rate_kg_s=math.inf if settings.landing_rate_kg_s is None else settings.landing_rate_kg_s,
        chip_fab=lunar.chip_fab, chip_fab_start_s=(lunar.chip_fab_year - lunar.seed_year) * SECONDS_PER_YEAR,
        chip_fab_mass_kg=lunar.chip_fab_mass_kg, chip_fab_power_w=float(first_fab_power_w(p)[0]),
        chip_mass_fraction=scenario.deep_space.earth_made_mass_fraction)


def _none_if_nan(value: float) -> float | None:
    return None if value is None or not math.isfinite(value) else float(value)


def industry_report(scenario, settings: IndustrySettings, years: int) -> tuple[dict[str, Any], Any]:
    """Run the city and gather everything ``moonbase industry`` prints, as JSON-ready data."""
    from moonbase.industry.production import PRODUCTION_LIMITS
    from moonbase.industry.city_run import recursion_city, simulate_city
    from moonbase.industry.extraction import energy_per_kg_oxygen_j_kg, product_energy_j_kg, product_yields_kg_kg
    from moonbase.industry.kardashev_trajectory import (
        doubling_time_needed_s,
        kardashev_trajectory,
        solar_fraction_power_w,
    )
    from moonbase.industry.limits import OFF_MOON_VERDICTS, off_moon_verdict

    lunar = scenario.lunar
    duration = years * SECONDS_PER_YEAR
    inputs = city_inputs(scenario, settings)
    lit = scenario.lunar.illumination_fraction  # the scenario's number, or the one its site implies
    if settings.growth_model == "generation-recursion":
        run = recursion_city(lunar.seed_mass_kg, lunar.generation_interval_s, settings.crudeness,
                             settings.electronics_local_fractions, duration, utilisation=settings.utilisation,
                             duty_cycle=lit)
    else:
        run = simulate_city(inputs, duration)
    seed_year = lunar.seed_year
    last_year = slice(-12, None)
    final_limit = PRODUCTION_LIMITS[int(run.limit_code[-1])]
    verdict = off_moon_verdict(final_limit == "land_area", final_limit == "regolith")
    yields = product_yields_kg_kg(lunar.extraction_process.value, lunar.regolith.value)
    energies = product_energy_j_kg(lunar.extraction_process.value, lunar.regolith.value)
    target_s = (settings.kardashev_target_year - 2023) * SECONDS_PER_YEAR
    needed = {f"{f:.0%}": _none_if_nan(float(doubling_time_needed_s(
        WORLD_PRIMARY_POWER_2023_W, solar_fraction_power_w(f), target_s)) / SECONDS_PER_YEAR)
        for f in KARDASHEV_FRACTIONS} if target_s > 0 else {}
    city_k = kardashev_trajectory(run.elapsed_s[-1:], np.maximum(run.power_w[-1:], 1.0))
    timeline = _timeline_kardashev(scenario)
    report = {
        "name": scenario.name, "growth_model": run.growth_model, "seed_year": seed_year, "years": years,
        "generations": [{"label": g.label, "start_year": seed_year + g.start_s / SECONDS_PER_YEAR,
                         "local_fraction": g.local_fraction, "landed_mass_kg": g.landed_mass_kg,
                         "industrial_mass_kg": g.industrial_mass_kg} for g in run.generations],
        "earth_landed_mass_kg_total": float(run.cumulative_landed_kg[-1]),
        "industrial_mass_kg_end": float(run.industry_kg[-1]),
        "years_to_self_sufficiency": _none_if_nan(run.years_to_self_sufficiency),
        "satellite_output_kg_per_year_end": float(np.mean(run.satellites_kg_s[last_year]) * SECONDS_PER_YEAR),
        "output_kg_per_year_end": float(np.mean(run.output_kg_s[last_year]) * SECONDS_PER_YEAR),
        "imports_kg_per_year_end": float(np.mean(run.imports_kg_s[last_year]) * SECONDS_PER_YEAR),
        "power_w_end": float(run.power_w[-1]),
        "limits": {
            "binding_end": final_limit,
            "off_moon_verdict": verdict, "off_moon_text": OFF_MOON_VERDICTS[verdict],
            "max_industry_kg": inputs.max_industry_kg, "regolith_in_reach_kg": inputs.regolith_in_reach_kg,
            "regolith_mined_kg": float(run.cumulative_regolith_kg[-1]),
        },
        "materials": {
            "regolith": lunar.regolith.value, "process": lunar.extraction_process.value,
            "yield_kg_per_kg_regolith": {k: v for k, v in yields.items() if v > 0.0},
            "energy_j_per_kg_product": {k: v for k, v in energies.items() if v > 0.0},
            "energy_j_per_kg_oxygen": _none_if_nan(energy_per_kg_oxygen_j_kg(lunar.extraction_process.value,
                                                                             lunar.regolith.value)),
        },
        "power": _power_view(lunar, lit, float(run.power_w[-1])),
        "books": {"mass_in_kg": _none_if_nan(run.mass_in_kg), "mass_out_kg": _none_if_nan(run.mass_out_kg),
                  "energy_available_j": run.energy_available_j, "energy_used_j": run.energy_used_j},
        "kardashev": {
            "world_primary_power_2023_w": WORLD_PRIMARY_POWER_2023_W,
            "city_power_kardashev_index_end": float(city_k.kardashev_index[0]),
            "city_power_solar_fraction_end": float(city_k.solar_fraction[0]),
            "target_year": settings.kardashev_target_year,
            "doubling_time_needed_yr_from_world_2023": needed,
            "timeline": timeline,
        },
    }
    return report, run


def _power_view(lunar, lit: float, power_w: float) -> dict[str, Any]:
    """Site, light (``lit``: the illumination fraction in use) and the storage through the longest dark spell."""
    from moonbase.industry.lunar_power import lunar_night_duration_s, night_storage_energy_j

    night = lunar_night_duration_s(lit)
    return {"site": lunar.site.value, "illumination_fraction": lit,
            "longest_night_s": night, "night_storage_energy_j_end": night_storage_energy_j(power_w, night),
            "note": ("polar darkness comes in several shorter spells: the single-spell night is an upper bound"
                     if lunar.site.value == "polar-ridge" else "equatorial night: half of the 29.53-day synodic month")}


def _timeline_kardashev(scenario) -> dict[str, Any]:
    """Kardashev view of the full timeline of the same scenario (world + space compute power)."""
    from moonbase.industry.kardashev_trajectory import (
        kardashev_trajectory,
        solar_fraction_power_w,
        threshold_crossing_s,
    )
    from moonbase.timeline.run import run as run_timeline

    timeline = run_timeline(scenario).timeline
    span = timeline.span
    power = timeline.series["civilization_power_w"][0]
    elapsed = (np.arange(power.size) + 0.5) * span.step_s
    view = kardashev_trajectory(elapsed, power)
    reached = {f"{f:.0%}": _none_if_nan(span.start_year + float(threshold_crossing_s(
        elapsed, power, solar_fraction_power_w(f))) / SECONDS_PER_YEAR) for f in KARDASHEV_FRACTIONS}
    return {"end_year": span.end_year, "civilization_power_w_end": float(power[-1]),
            "kardashev_index_end": float(view.kardashev_index[-1]),
            "world_power_2023_ratio_end": float(view.world_power_ratio[-1]),
            "solar_fraction_end": float(view.solar_fraction[-1]), "year_reached": reached}


def generation_table(report: dict[str, Any]) -> Table:
    """The generation table ``moonbase industry`` prints."""
    table = Table(title=f"moonbase industry: {report['name']} ({report['growth_model']})", header_style="bold")
    for column in ("generation", "start year", "local fraction", "landed from Earth", "industrial mass (end)"):
        table.add_column(column, justify="right")
    for row in report["generations"]:
        table.add_row(row["label"], f"{row['start_year']:.1f}", f"{row['local_fraction']:.3f}",
                      f"{row['landed_mass_kg'] / KG_PER_TONNE:,.1f} t",
                      f"{row['industrial_mass_kg'] / KG_PER_TONNE:,.1f} t")
    return table


def headline_table(report: dict[str, Any]) -> Table:
    """Totals, limits, materials and the Kardashev view."""
    table = Table(show_header=True, header_style="bold")
    table.add_column("quantity")
    table.add_column("value", justify="right")
    self_sufficient = report["years_to_self_sufficiency"]
    limits = report["limits"]
    rows = [
        ("landed from Earth, total", f"{report['earth_landed_mass_kg_total'] / KG_PER_TONNE:,.1f} t"),
        (f"industrial mass after {report['years']} yr", f"{report['industrial_mass_kg_end'] / KG_PER_TONNE:,.1f} t"),
        ("years to self-sufficiency (local fraction 1)", "never" if self_sufficient is None else f"{self_sufficient:g}"),
        ("satellite output, last year", f"{report['satellite_output_kg_per_year_end'] / KG_PER_TONNE:,.1f} t/yr"),
        ("Earth imports, last year", f"{report['imports_kg_per_year_end'] / KG_PER_TONNE:,.1f} t/yr"),
        ("city power at the end", si_text(report["power_w_end"], "W")),
        (f"night storage ({report['power']['site']}, {report['power']['longest_night_s'] / SECONDS_PER_DAY:.1f} d dark)",
         si_text(report["power"]["night_storage_energy_j_end"], "J")),
        ("limit binding at the end", limits["binding_end"]),
        ("largest industry the land can power and cool", f"{limits['max_industry_kg'] / KG_PER_TONNE:,.3g} t"),
        ("regolith mined / in reach", f"{limits['regolith_mined_kg']:.3g} / {limits['regolith_in_reach_kg']:.3g} kg"),
        ("beyond the Moon", limits["off_moon_text"]),
        (f"O2 by {report['materials']['process']} ({report['materials']['regolith']})",
         f"{report['materials']['yield_kg_per_kg_regolith'].get('O2', 0.0):.3f} kg/kg, "
         + ("-" if report["materials"]["energy_j_per_kg_oxygen"] is None
            else f"{report['materials']['energy_j_per_kg_oxygen'] / 3.6e6:.1f} kWh/kg")),
    ]
    kardashev = report["kardashev"]
    for share, years in kardashev["doubling_time_needed_yr_from_world_2023"].items():
        rows.append((f"doubling time to reach {share} of L_sun by {kardashev['target_year']} (from 19.6 TW in 2023)",
                     "-" if years is None else f"{years:.2f} yr"))
    timeline = kardashev["timeline"]
    rows.append((f"timeline {timeline['end_year']}: civilisation power, K",
                 f"{si_text(timeline['civilization_power_w_end'], 'W')}, K = {timeline['kardashev_index_end']:.3f}"))
    for share, year in timeline["year_reached"].items():
        rows.append((f"timeline: year {share} of L_sun is reached", "not reached" if year is None else f"{year:.0f}"))
    for name, value in rows:
        table.add_row(name, value)
    return table


def _write_charts(folder: Path, run: Any, seed_year: int) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    years_edge = seed_year + run.elapsed_s / SECONDS_PER_YEAR
    years_mid = 0.5 * (years_edge[1:] + years_edge[:-1])
    panels = (
        ("industrial_mass.png", "industrial mass [t]", years_edge, run.industry_kg / KG_PER_TONNE),
        ("output.png", "output [t/yr]", years_mid, run.output_kg_s * SECONDS_PER_YEAR / KG_PER_TONNE),
        ("imports.png", "Earth imports [t/yr]", years_mid, run.imports_kg_s * SECONDS_PER_YEAR / KG_PER_TONNE),
        ("power.png", "average power [MW]", years_edge, run.power_w / 1e6),
    )
    for filename, label, x, y in panels:
        figure = Figure(figsize=(7.0, 4.0))
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        axes.plot(x, y, color="#1f5f8b")
        if np.any(y > 0.0):
            axes.set_yscale("log")
        axes.set_xlabel("year")
        axes.set_ylabel(label)
        axes.grid(True, alpha=0.3)
        figure.tight_layout()
        figure.savefig(folder / filename, dpi=110)


def write_industry_folder(out: Path, report: dict[str, Any], run: Any) -> Path:
    """industry.json, generations.csv and four PNG charts, written all-or-nothing."""
    out = Path(out)
    with staged_output_dir(out) as staging:
        (staging / "industry.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        lines = ["label,start_year,local_fraction,landed_mass_kg,industrial_mass_kg"]
        lines += [f"{g['label']},{g['start_year']:.4f},{g['local_fraction']:.6f},{g['landed_mass_kg']:.6g},"
                  f"{g['industrial_mass_kg']:.6g}" for g in report["generations"]]
        (staging / "generations.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        _write_charts(staging, run, report["seed_year"])
    return out


def industry(
    scenario: Annotated[Optional[str], typer.Argument(help="A scenario TOML file (its lunar section is grown).")] = None,
    preset: Annotated[Optional[str], typer.Option("--preset", help="Industry preset: alpha, metzger-2013, metzger-2013-reduced.")] = None,
    years: Annotated[Optional[int], typer.Option("--years", min=1, max=1000, help="Years after the seed lands (default: the preset's).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable JSON on stdout.")] = False,
    out: Annotated[Optional[Path], typer.Option("--out", help="New folder for industry.json, generations.csv and charts.")] = None,
) -> None:
    """Grow the lunar city: generation table, imports, power, limits, Kardashev view."""
    with user_errors():
        if out is not None:
            from moonbase.execution.output_dir import check_out_dir

            check_out_dir(out)
        loaded, settings, _ = load_industry(preset, scenario)
        report, run = industry_report(loaded, settings, settings.years if years is None else years)
        if out is not None:
            write_industry_folder(out, report, run)
    if as_json:
        print_json(report)
        return
    out_console.print(generation_table(report))
    out_console.print(headline_table(report))
    if out is not None:
        err_console.print(f"wrote {out}", markup=False, highlight=False)


def register(app: typer.Typer) -> None:
    """Add ``moonbase industry`` to the root app."""
    app.command("industry")(industry)
