"""``moonbase satellite``: design a compute satellite and compare its cost with the ground.

A thin caller: the preset or design file is validated by
:mod:`moonbase.scenario.satellite_design`, the orbit by
:mod:`moonbase.spacecraft.environment`, and :func:`moonbase.spacecraft.design.satellite_design`,
:mod:`moonbase.spacecraft.economics`, :mod:`moonbase.spacecraft.links` and
:mod:`moonbase.spacecraft.workloads` do the work, gathered into the ``--json`` document by
:func:`moonbase.spacecraft.satellite_report.satellite_report`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Optional

import numpy as np
import typer
from rich.table import Table

from moonbase.commands.common import out_console, print_json, si_text, user_errors
from moonbase.execution.output_dir import staged_output_dir
from moonbase.constants import KG_PER_TONNE
from moonbase.errors import ScenarioError

DEFAULT_PRESET = "sso-datacenter"
USD_PER_KW_YEAR = "USD/kW/yr"

PresetOpt = Annotated[Optional[str], typer.Option("--preset", help="Design preset: sso-datacenter, starlink-v2-mini, starlink-v1, deep-space-lunar.")]
DesignOpt = Annotated[Optional[Path], typer.Option("--design", help="Design TOML file ([design], [orbit], [economics], [sizing]).")]
OrbitOpt = Annotated[Optional[str], typer.Option("--orbit", help="sso-dawn-dusk, leo, geo, lunar-surface or heliocentric.")]
AltitudeOpt = Annotated[Optional[str], typer.Option("--altitude", help='Orbit altitude, e.g. "650 km" (sso-dawn-dusk, leo).')]
InclinationOpt = Annotated[Optional[str], typer.Option("--inclination", help='Inclination, e.g. "51.6 deg" (leo).')]
LatitudeOpt = Annotated[Optional[str], typer.Option("--latitude", help='Selenographic latitude, e.g. "-89 deg" (lunar-surface).')]
DistanceOpt = Annotated[Optional[str], typer.Option("--distance", help='Distance from the Sun, e.g. "1 AU" (heliocentric).')]
LaunchOpt = Annotated[Optional[str], typer.Option("--launch-price", help='Launch price to orbit, e.g. "200 USD/kg".')]
ElectricityOpt = Annotated[Optional[str], typer.Option("--electricity-price", help='Ground electricity, e.g. "0.06 USD/(kW h)".')]
PueOpt = Annotated[Optional[float], typer.Option("--pue", help="Ground data-center PUE (>= 1).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON on stdout.")]
OutOpt = Annotated[Optional[Path], typer.Option("--out", help="New folder for satellite.json and the charts.")]

_ORBIT_FLAGS = {"--altitude": "altitude", "--inclination": "inclination", "--latitude": "latitude",
                "--distance": "distance"}


def _resolve(preset, design, orbit, flags: dict[str, Any], economics: dict[str, Any]):
    from moonbase.scenario.satellite_design import load_design_file, resolve_design_data
    from moonbase.spacecraft.design_presets import design_preset_data

    if preset is not None and design is not None:
        raise ScenarioError("--preset and --design were both given; choose one (a design file may start from a "
                            "preset with [design] preset = \"...\").")
    if design is not None:
        base = load_design_file(design)
        data = {"description": base.description, "design": base.design.model_dump(by_alias=True, mode="json"),
                "orbit": {}, "economics": {}, "sizing": {}, "reference": base.reference}
        raw = _raw_tables(design)
    else:
        name = preset or DEFAULT_PRESET
        raw = design_preset_data(name)
        data = {k: v for k, v in raw.items()}
    data = {k: (dict(v) if isinstance(v, dict) else v) for k, v in data.items()}
    data["orbit"] = dict(raw.get("orbit", {}))
    data["economics"] = dict(raw.get("economics", {}))
    data["sizing"] = dict(raw.get("sizing", {}))
    if orbit is not None:
        if orbit != data["orbit"].get("kind"):
            data["orbit"] = {"kind": orbit}  # the preset's altitude etc. belong to its own orbit
    for flag, key in _ORBIT_FLAGS.items():
        if flags.get(flag) is not None:
            data["orbit"][key] = flags[flag]
    for key, value in economics.items():
        if value is not None:
            data["economics"][key] = value
    return resolve_design_data(data, Path(design).stem if design is not None else (preset or DEFAULT_PRESET))


def _raw_tables(path: Path) -> dict[str, Any]:
    import tomllib

    from moonbase.spacecraft.design_presets import design_preset_data

    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    base = data.get("design", {}).get("preset") if isinstance(data.get("design"), dict) else None
    if base:
        preset = design_preset_data(base)
        for table in ("orbit", "economics"):
            data.setdefault(table, preset.get(table, {}))
    return data


def _table(report: dict[str, Any]) -> Table:
    table = Table(title=f"moonbase satellite: {report['design']} in {report['orbit']}", header_style="bold")
    table.add_column("quantity")
    table.add_column("value", justify="right")
    rows = [
        ("mass", f"{report['mass_kg']:,.0f} kg"),
        ("array power (beginning of life)", si_text(report["power_w"], "W")),
        ("compute power", si_text(report["compute_power_w"], "W")),
        ("specific power (array / compute)", f"{report['specific_power_w_kg']:.1f} / "
                                             f"{report['compute_specific_power_w_kg']:.1f} W/kg"),
        ("compute", si_text(report["flops_per_s"], "FLOP/s") + f" ({si_text(report['flops_per_kg'], 'FLOP/s')} per kg)"),
        ("solar array", f"{report['solar_array_area_m2']:,.1f} m2 at {report['array_temperature_k']:.0f} K, "
                        f"cells {report['cell_efficiency_operating']:.1%}"),
        ("radiator", f"{report['radiator_area_m2']:,.1f} m2 at {report['radiator_temperature_k']:.0f} K"),
        ("eclipse (mean / longest)", f"{report['eclipse_fraction']:.1%} / {report['max_eclipse_s'] / 60:,.1f} min"),
        ("dose behind shielding", f"{report['dose_rad_per_year']:,.3g} rad(Si)/yr"),
        ("life (design, radiation-limited)", f"{report['design_life_years']:.1f} yr "
                                             f"(radiation allows {report['radiation_life_years']:,.3g} yr)"),
        ("launched power price", f"{report['launched_power_price_usd_per_kw_year']:,.0f} {USD_PER_KW_YEAR} "
                                 f"at {report['launch_price_usd_per_kg']:,.0f} USD/kg"),
        ("orbit overhead per kW-year (all but accelerators)", f"{report['cost_per_kw_year_usd']:,.0f} {USD_PER_KW_YEAR}"),
        ("ground energy per kW-year", f"{report['ground_cost_per_kw_year_usd']:,.0f} {USD_PER_KW_YEAR}"),
        ("break-even launch price (launch only, as arXiv:2511.19468)",
         f"{report['breakeven_launch_price_usd_per_kg']:,.0f} USD/kg"),
        ("break-even launch price (all in)", _breakeven_text(report["breakeven_launch_price_all_in_usd_per_kg"])),
        ("round-trip light time to Earth", f"{report['round_trip_light_time_s']:.3g} s"),
        ("downlink to a 5 m ground telescope", si_text(report["downlink_rate_bit_s"], "bit/s")),
        ("useful fraction of the compute", f"{report['useful_compute_fraction']:.0%}"),
    ]
    for name, value in rows:
        table.add_row(name, value)
    for key, value in report.get("reference", {}).items():
        table.add_row(f"published {key}", str(value))
    return table


def _breakeven_text(price: float) -> str:
    return f"{price:,.0f} USD/kg" if price > 0 else "none: bus, spares and integration alone cost more than the ground"


def _charts(report: dict[str, Any], folder: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    masses = {k.replace("_", " "): v for k, v in report["mass_breakdown_kg"].items() if v > 0}
    fig = Figure(figsize=(7, 4), layout="constrained")
    ax = fig.add_subplot()
    ax.barh(list(masses), [v / KG_PER_TONNE for v in masses.values()], color="tab:blue")
    ax.set_xlabel("mass [t]")
    ax.set_title(f"{report['design']}: mass breakdown, total {report['mass_kg'] / KG_PER_TONNE:,.2f} t")
    fig.savefig(folder / "mass_breakdown.png", dpi=120)

    fig = Figure(figsize=(7, 4), layout="constrained")
    ax = fig.add_subplot()
    prices = np.geomspace(10.0, 10_000.0, 60)
    costs = report["cost_breakdown_usd"]
    other_usd = costs["bus"] + costs["spares"] + costs["integration"]
    kw_years = report["mean_compute_power_w"] / 1e3 * report["design_life_years"]
    orbit = (other_usd + report["mass_kg"] * prices) / kw_years
    ax.loglog(prices, orbit, label="orbit: launch + bus + spares + integration")
    launch_only = report["mass_kg"] * prices / (report["power_w"] / 1e3 * report["design_life_years"])
    ax.loglog(prices, launch_only, ls=":", label="orbit: launched power price (launch only)")
    ax.axhline(report["ground_cost_per_kw_year_usd"], color="tab:green", label="ground: electricity x PUE")
    ax.axhspan(570.0, 3000.0, color="tab:green", alpha=0.1, label="ground band 570-3,000 (arXiv:2511.19468)")
    if report["breakeven_launch_price_all_in_usd_per_kg"] > 0:
        ax.axvline(report["breakeven_launch_price_all_in_usd_per_kg"], color="grey", ls="--", label="break-even (all in)")
    ax.set_xlabel("launch price [USD/kg]")
    ax.set_ylabel(f"cost per kW-year [{USD_PER_KW_YEAR}]")
    ax.set_title(f"{report['design']}: orbit vs ground, excluding the accelerators themselves")
    ax.legend(fontsize=8)
    fig.savefig(folder / "cost_comparison.png", dpi=120)


def _write_out(out: Path, report: dict[str, Any]) -> Path:
    with staged_output_dir(out) as staging:
        (staging / "satellite.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        _charts(report, staging)
    return out


def satellite(
    preset: PresetOpt = None, design: DesignOpt = None, orbit: OrbitOpt = None, altitude: AltitudeOpt = None,
    inclination: InclinationOpt = None, latitude: LatitudeOpt = None, distance: DistanceOpt = None,
    launch_price: LaunchOpt = None, electricity_price: ElectricityOpt = None, pue: PueOpt = None,
    as_json: JsonOpt = False, out: OutOpt = None,
) -> None:
    """Design a compute satellite: mass, power and thermal budgets, environment, links, cost against the ground."""
    with user_errors():
        if out is not None:
            from moonbase.execution.output_dir import check_out_dir

            check_out_dir(out)
        flags = {"--altitude": altitude, "--inclination": inclination, "--latitude": latitude, "--distance": distance}
        economics = {"launch_price": launch_price, "electricity_price": electricity_price, "pue": pue}
        from moonbase.spacecraft.satellite_report import satellite_report

        resolved = _resolve(preset, design, orbit, flags, economics)
        report = satellite_report(resolved)
        if out is not None:
            _write_out(out, report)
    if as_json:
        print_json(report)
    else:
        out_console.print(_table(report))
        if out is not None:
            out_console.print(f"wrote {out}/satellite.json, mass_breakdown.png, cost_comparison.png",
                              markup=False, highlight=False)


def register(root: typer.Typer) -> None:
    """Add ``moonbase satellite`` to the root command."""
    root.command("satellite")(satellite)
