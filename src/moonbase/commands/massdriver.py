"""``moonbase massdriver``: design a lunar mass driver and print (or save) its numbers.

A thin caller: the flags override the scenario's ``[mass_driver]`` block (units parsed
and checked by the scenario layer), :func:`moonbase.massdriver.design.mass_driver_design`
does the work and :func:`moonbase.massdriver.design_summary.design_summary` makes its
``--json`` document. ``moonbase massdriver trade`` sweeps the g-limit and the exit speed.
"""

from __future__ import annotations

import csv
import json
import math
import re
from pathlib import Path
from typing import Annotated, Any, Optional

import numpy as np
import typer
from rich.table import Table

from moonbase.commands.common import out_console, print_json, si_text, user_errors
from moonbase.execution.output_dir import staged_output_dir
from moonbase.constants import KG_PER_TONNE, STANDARD_GRAVITY_M_S2
from moonbase.errors import ModelDomainError, ScenarioError

# flag -> TOML key in [mass_driver] (the error messages name both)
_FLAG_KEYS = {
    "--exit-speed": "exit_speed", "--max-accel": "max_acceleration", "--payload-mass": "payload_mass",
    "--rate": "max_launch_rate", "--lat": "latitude", "--lon": "longitude", "--carrier-mass": "carrier_mass",
    "--carrier-rating": "carrier_rating", "--storage": "storage", "--site": "illumination_site",
    "--night": "night_operation", "--power-available": "power_available", "--availability": "availability",
    "--stage-length": "electromagnetics.stage_length", "--field": "electromagnetics.air_gap_field",
}
POLAR_SITE_LATITUDE_DEG = 85.0  # |lat| at or above which --lat picks a polar-ridge site (no --site given)

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, invoke_without_command=True,
                  help="Design a lunar mass driver: track, stages, power, storage, mass, throughput.")

ScenarioOpt = Annotated[str, typer.Option("--scenario", help="Base scenario: a preset name or a TOML file.")]
ExitSpeedOpt = Annotated[Optional[str], typer.Option("--exit-speed", help='Muzzle speed, e.g. "2.5 km/s".')]
MaxAccelOpt = Annotated[Optional[str], typer.Option("--max-accel", help='Payload g-limit, e.g. "1000 m/s2".')]
PayloadOpt = Annotated[Optional[str], typer.Option("--payload-mass", help='Payload per launch, e.g. "1000 kg".')]
RateOpt = Annotated[Optional[str], typer.Option("--rate", help='Launches per second while firing, e.g. "0.1 1/s".')]
LatOpt = Annotated[Optional[float], typer.Option("--lat", help="Selenographic latitude of the exit [deg].")]
LonOpt = Annotated[Optional[float], typer.Option("--lon", help="Selenographic longitude of the exit [deg east].")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON on stdout.")]
OutOpt = Annotated[Optional[Path], typer.Option("--out", help="New folder for design.json, stages.csv and plots.")]


def _override_message(message: str, flags: dict[str, str]) -> str:
    for flag, key in flags.items():
        path = f"mass_driver.{key}"
        if message.startswith(path + " ") or message.startswith(path + "="):
            return f"{flag} ({path}){message[len(path):]}"
    return message


def _scenario(base: str, given: dict[str, Any]):
    """The base scenario with the given flags written into its ``[mass_driver]`` block."""
    from moonbase.scenario.loader import load_scenario, scenario_from_dict, scenario_to_dict

    data = scenario_to_dict(load_scenario(base))
    block = data.setdefault("mass_driver", {})
    used: dict[str, str] = {}
    for flag, value in given.items():
        if value is None:
            continue
        key = _FLAG_KEYS[flag]
        used[flag] = key
        node = block
        *parents, leaf = key.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[leaf] = f"{value} deg" if flag in ("--lat", "--lon") else value
    if given.get("--lat") is not None and given.get("--site") is None:
        polar = abs(float(given["--lat"])) >= POLAR_SITE_LATITUDE_DEG
        block["illumination_site"] = "polar-ridge-best" if polar else "equatorial"
    try:
        return scenario_from_dict(data, origin=f"massdriver flags on {base!r}")
    except ScenarioError as exc:
        raise ScenarioError(_override_message(str(exc), used)) from None


# model argument -> the flag and scenario key a user sets it with
_ARGUMENT_FLAGS = {"payload_mass_kg": "--payload-mass (mass_driver.payload_mass)",
                   "launch_rate_per_s": "--rate (mass_driver.max_launch_rate)",
                   "carrier_rating_kg": "--carrier-rating (mass_driver.carrier_rating)",
                   "power_available_w": "--power-available (mass_driver.power_available)"}


def _design(scenario, n_segments: int | None = None):
    """Design from a scenario; model-domain errors name the CLI flag and the scenario key."""
    try:
        return _design_unchecked(scenario, n_segments)
    except ModelDomainError as exc:
        message = str(exc)
        for argument, flag in _ARGUMENT_FLAGS.items():
            message = re.sub(rf"\b{argument}\b", flag, message)
        raise ModelDomainError(message) from None


def _design_unchecked(scenario, n_segments: int | None = None):
    from moonbase.massdriver.design import mass_driver_design
    from moonbase.massdriver.kinematics import accelerator_length_m
    from moonbase.massdriver.capacity import mass_driver_inputs
    from moonbase.scenario.params import mass_driver_choices
    from moonbase.scenario.params import timeline_params

    params = {k: v[0] for k, v in timeline_params(scenario).items() if np.ndim(v) == 1}
    inputs = mass_driver_inputs(params, mass_driver_choices(scenario.mass_driver))
    if n_segments is None:
        length = accelerator_length_m(inputs.exit_speed_m_s, inputs.max_acceleration_m_s2, inputs.jerk_m_s3)
        n_segments = int(min(max(math.ceil(length / float(inputs.stage_length_m) - 1e-9), 16), 2000))
    return inputs, mass_driver_design(inputs, n_segments=n_segments)


def design_table(summary: dict[str, Any]) -> Table:
    """The design table ``moonbase massdriver`` prints."""
    s, em, inp = summary, summary["electromagnetics"], summary["inputs"]
    table = Table(title=f"lunar mass driver ({s['scenario']}): {inp['exit_speed_m_s'] / 1000:.3g} km/s at "
                        f"{inp['max_acceleration_m_s2'] / STANDARD_GRAVITY_M_S2:.3g} g0, "
                        f"{inp['payload_mass_kg']:,.0f} kg payload",
                  show_header=True, header_style="bold")
    table.add_column("quantity")
    table.add_column("value", justify="right")
    rows = [
        ("track length (accelerator + braking)", f"{si_text(s['track_length_m'], 'm')} "
                                                  f"({si_text(s['accelerator_length_m'], 'm')} + "
                                                  f"{si_text(s['braking_length_m'], 'm')})"),
        ("time on track", f"{s['time_on_track_s']:.3g} s"),
        ("stages", f"{s['number_of_stages']:,}"),
        ("air-gap field / peak current density", f"{em['air_gap_field_t']:.3g} T / "
                                                 f"{em['max_current_density_a_m2'] / 1e6:.3g} A/mm2"),
        ("exit stage: drive current / voltage", f"{si_text(em['exit_stage_drive_current_a'], 'A')} / "
                                                f"{si_text(em['exit_stage_voltage_v'], 'V')}"),
        ("payload kinetic energy", si_text(s["kinetic_energy_j"], "J")),
        ("energy per launch (from the power system)", si_text(s["energy_per_launch_j"], "J")),
        ("overall efficiency (payload KE / energy)", f"{s['overall_efficiency']:.1%}"),
        ("peak power (store output)", si_text(s["peak_power_w"], "W")),
        ("average power (availability, night)", si_text(s["average_power_w"], "W")),
        (f"pulse store ({inp['storage']})", f"{si_text(s['storage_energy_j'], 'J')}, "
                                            f"{s['storage_mass_kg'] / KG_PER_TONNE:,.0f} t"),
        (f"solar field ({inp['illumination_site']}, lit {inp['illumination_fraction']:.0%})",
         f"{s['solar_field_area_m2'] / 1e6:,.3g} km2"),
        ("radiators", f"{s['radiator_area_m2'] / 1e6:,.3g} km2 for {si_text(s['waste_heat_w'], 'W')}"),
        ("mass total", f"{s['mass_total_kg'] / KG_PER_TONNE:,.0f} t"),
        ("  from Earth", f"{s['mass_from_earth_kg'] / KG_PER_TONNE:,.0f} t"),
        ("  lunar-made", f"{s['mass_lunar_kg'] / KG_PER_TONNE:,.0f} t"),
        ("cost to land the Earth part", f"{s['earth_delivery_cost_usd'] / 1e9:,.3g} billion USD"),
        ("carriers in circulation / cycle", f"{s['carriers']:,} / {s['carrier_cycle_time_s']:.3g} s"),
        ("launches per second (time average)", f"{s['launches_per_s']:.3g}"),
        ("throughput", f"{s['throughput_kg_per_year'] / KG_PER_TONNE:,.4g} t/yr"),
        ("payload left after ruggedising for the g-load", f"{1.0 - s['ruggedisation_mass_fraction']:.1%}"),
    ]
    escape = s["escape"]
    if escape["minimum_exit_speed_m_s"] is not None:
        verdict = "escapes" if escape["escapes"] else "does NOT escape"
        rows.append(("heliocentric escape (patched conic)",
                     f"{verdict}; threshold {escape['minimum_exit_speed_m_s'] / 1000:.4g} km/s"))
    for name, value in rows:
        table.add_row(name, value)
    return table


def _profile_png(design, path: Path) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    st = design.stages
    x_km = np.ravel(st.position_m) / 1000.0
    figure = Figure(figsize=(9.0, 8.0))
    FigureCanvasAgg(figure)
    panels = ((np.ravel(st.speed_m_s) / 1000.0, "speed [km/s]"), (np.ravel(st.force_n) / 1e6, "force [MN]"),
              (np.ravel(st.electrical_power_w) / 1e9, "electrical power [GW]"),
              (np.ravel(st.efficiency), "stage efficiency [-]"))
    axes = figure.subplots(len(panels), 1, sharex=True)
    for ax, (values, label) in zip(axes, panels):
        ax.plot(x_km, values, color="#0072B2")
        ax.set_ylabel(label)
        ax.grid(True, alpha=0.3)
    axes[-1].set_xlabel("position along the accelerator [km]")
    figure.suptitle("Mass driver: speed, force and power along the track")
    figure.tight_layout()
    figure.savefig(path, dpi=150)


def _stages_csv(design, path: Path) -> None:
    st = design.stages
    columns = {"position_m": st.position_m, "speed_m_s": st.speed_m_s, "acceleration_m_s2": st.acceleration_m_s2,
               "force_n": st.force_n, "linear_current_density_a_m": st.linear_current_density_a_m,
               "current_density_a_m2": st.current_density_a_m2, "drive_current_a": st.drive_current_a,
               "stage_voltage_v": st.stage_voltage_v, "pulse_duration_s": st.pulse_duration_s,
               "efficiency": st.efficiency, "electrical_power_w": st.electrical_power_w,
               "electrical_energy_j": st.electrical_energy_j}
    flat = {k: np.ravel(v) for k, v in columns.items()}
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(flat)
        writer.writerows(zip(*([f"{x:.6g}" for x in col] for col in flat.values())))


def _write_out(out: Path, files: dict[str, Any]) -> Path:
    """Write ``files`` (name -> str or writer(path)) all-or-nothing into ``out``."""
    with staged_output_dir(out) as staging:
        for name, content in files.items():
            if isinstance(content, str):
                (staging / name).write_text(content, encoding="utf-8")
            else:
                content(staging / name)
    return out


@app.callback()
def massdriver(
    ctx: typer.Context,
    scenario: ScenarioOpt = "alpha",
    exit_speed: ExitSpeedOpt = None,
    max_accel: MaxAccelOpt = None,
    payload_mass: PayloadOpt = None,
    rate: RateOpt = None,
    lat: LatOpt = None,
    lon: LonOpt = None,
    carrier_mass: Annotated[Optional[str], typer.Option("--carrier-mass", help='Carrier mass, e.g. "500 kg".')] = None,
    carrier_rating: Annotated[Optional[str], typer.Option("--carrier-rating",
                                                          help='Largest payload a carrier is built for.')] = None,
    storage: Annotated[Optional[str], typer.Option("--storage", help="Pulse store: flywheel, capacitor, smes.")] = None,
    site: Annotated[Optional[str], typer.Option("--site", help="Solar-field site kind: equatorial, polar-ridge-best, "
                                                               "polar-ridge-pair, polar-metzger-2013, "
                                                               "low-latitude-metzger-2013.")] = None,
    night: Annotated[Optional[str], typer.Option("--night", help="In the dark: idle or stored.")] = None,
    power_available: Annotated[Optional[str], typer.Option("--power-available",
                                                           help='Power the site can give, e.g. "5 GW".')] = None,
    stage_length: Annotated[Optional[str], typer.Option("--stage-length", help='Stator stage length, "2 m".')] = None,
    field_t: Annotated[Optional[str], typer.Option("--field", help='Carrier magnet air-gap field, "1 T".')] = None,
    as_json: JsonOpt = False,
    out: OutOpt = None,
) -> None:
    """Design a mass driver (flags override the scenario's [mass_driver] block) and print its table."""
    if ctx.invoked_subcommand is not None:
        ctx.obj = {"scenario": scenario}
        return
    given = {"--exit-speed": exit_speed, "--max-accel": max_accel, "--payload-mass": payload_mass, "--rate": rate,
             "--lat": lat, "--lon": lon, "--carrier-mass": carrier_mass, "--carrier-rating": carrier_rating,
             "--storage": storage, "--site": site, "--night": night, "--power-available": power_available,
             "--stage-length": stage_length, "--field": field_t}
    with user_errors():
        loaded = _scenario(scenario, given)
        if out is not None:
            from moonbase.execution.output_dir import check_out_dir

            check_out_dir(out)
        from moonbase.massdriver.design_summary import design_summary

        _, design = _design(loaded)
        summary = design_summary(loaded, design)
        if out is not None:
            _write_out(out, {"design.json": json.dumps(summary, indent=2) + "\n",
                             "stages.csv": lambda p: _stages_csv(design, p),
                             "track_profile.png": lambda p: _profile_png(design, p)})
    if as_json:
        print_json(summary)
    else:
        out_console.print(design_table(summary))
        if out is not None:
            out_console.print(f"wrote {out}/design.json, stages.csv, track_profile.png", markup=False, highlight=False)


def _grid(text: str, flag: str, scale: float) -> np.ndarray:
    try:
        values = np.array([float(v) for v in text.split(",") if v.strip()]) * scale
    except ValueError:
        raise ScenarioError(f"{flag} = {text!r} is not a list of numbers; expected e.g. \"100,300,1000\".") from None
    if values.size == 0 or np.any(values <= 0.0) or not np.all(np.isfinite(values)):
        raise ScenarioError(f"{flag} = {text!r} is outside the valid range; expected positive numbers.")
    return values


def trade_summary(study) -> dict[str, Any]:
    """The JSON document of a trade study (grids indexed [acceleration][exit speed])."""
    def listed(values):
        return [[None if not math.isfinite(v) else float(v) for v in row] for row in np.asarray(values)]

    return {
        "max_acceleration_m_s2": [float(v) for v in study.max_acceleration_m_s2],
        "exit_speed_m_s": [float(v) for v in study.exit_speed_m_s],
        "track_length_m": listed(study.track_length_m),
        "time_on_track_s": listed(study.time_on_track_s),
        "mass_total_kg": listed(study.mass_total_kg),
        "mass_from_earth_kg": listed(study.mass_from_earth_kg),
        "energy_per_launch_j": listed(study.energy_per_launch_j),
        "peak_power_w": listed(study.peak_power_w),
        "useful_payload_fraction": listed(study.useful_payload_fraction),
        "escape_fraction": listed(study.escape_fraction),
        "energy_per_tonne_delivered_j": listed(study.energy_per_tonne_delivered_j),
        "escape_method": "patched_conic",
    }


def _trade_png(study, path: Path) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(10.0, 8.0))
    FigureCanvasAgg(figure)
    axes = figure.subplots(2, 2).ravel()
    accel_g = study.max_acceleration_m_s2 / STANDARD_GRAVITY_M_S2
    panels = ((study.track_length_m / 1000.0, "track length [km]"), (study.mass_total_kg / 1e6, "total mass [kt]"),
              (study.mass_from_earth_kg / 1e6, "mass from Earth [kt]"),
              (study.energy_per_tonne_delivered_j / 1e9, "energy per tonne delivered [GJ/t]"))
    for ax, (grid, label) in zip(axes, panels):
        for j, speed in enumerate(study.exit_speed_m_s):
            values = np.where(np.isfinite(grid[:, j]), grid[:, j], np.nan)
            ax.plot(accel_g, values, marker="o", label=f"{speed / 1000:.3g} km/s")
        ax.set_xscale("log")
        ax.set_xlabel("payload g-limit [g0]")
        ax.set_ylabel(label)
        ax.grid(True, alpha=0.3)
    axes[0].legend(title="exit speed", fontsize="small")
    figure.suptitle("Mass-driver trade: g-limit and exit speed")
    figure.tight_layout()
    figure.savefig(path, dpi=150)


@app.command("trade")
def trade(
    ctx: typer.Context,
    accels: Annotated[str, typer.Option("--accels", help="Payload g-limits to sweep [m/s2], comma-separated.")] =
    "100,200,500,1000,2000,5000",
    speeds: Annotated[str, typer.Option("--speeds", help="Exit speeds to sweep [km/s], comma-separated.")] =
    "2.4,2.5,2.6,2.8,3.0",
    payload_mass: PayloadOpt = None,
    rate: RateOpt = None,
    lat: LatOpt = None,
    as_json: JsonOpt = False,
    out: OutOpt = None,
) -> None:
    """Sweep g-limit and exit speed: track length, mass and energy per tonne delivered to heliocentric orbit."""
    from moonbase.massdriver.trade_study import mass_driver_trade_study

    base = (ctx.obj or {}).get("scenario", "alpha")
    with user_errors():
        accel_grid = _grid(accels, "--accels", 1.0)
        speed_grid = _grid(speeds, "--speeds", 1000.0)
        loaded = _scenario(base, {"--payload-mass": payload_mass, "--rate": rate, "--lat": lat})
        if out is not None:
            from moonbase.execution.output_dir import check_out_dir

            check_out_dir(out)
        inputs, _ = _design(loaded, n_segments=16)
        md = loaded.mass_driver
        study = mass_driver_trade_study(inputs, accel_grid, speed_grid,
                                        site_rad_m=(md.latitude_rad, md.longitude_rad, md.height_m, md.azimuth_rad,
                                                    md.elevation_rad))
        summary = trade_summary(study)
        if out is not None:
            _write_out(out, {"trade.json": json.dumps(summary, indent=2) + "\n",
                             "trade.png": lambda p: _trade_png(study, p)})
    if as_json:
        print_json(summary)
        return
    table = Table(title="mass-driver trade (energy per tonne delivered to heliocentric orbit, patched conic)",
                  header_style="bold")
    for name in ("g-limit", "exit speed", "track", "mass", "from Earth", "useful payload", "energy per t delivered"):
        table.add_column(name, justify="right")
    for a_index, accel in enumerate(study.max_acceleration_m_s2):
        for v_index, speed in enumerate(study.exit_speed_m_s):
            per_tonne = study.energy_per_tonne_delivered_j[a_index, v_index]
            table.add_row(f"{accel / STANDARD_GRAVITY_M_S2:.3g} g0", f"{speed / 1000:.3g} km/s",
                          si_text(study.track_length_m[a_index, v_index], "m"),
                          f"{study.mass_total_kg[a_index, v_index] / KG_PER_TONNE:,.0f} t",
                          f"{study.mass_from_earth_kg[a_index, v_index] / KG_PER_TONNE:,.0f} t",
                          f"{study.useful_payload_fraction[a_index, v_index]:.0%}",
                          si_text(per_tonne, "J/t") if math.isfinite(per_tonne) else "does not escape")
    out_console.print(table)


def register(root: typer.Typer) -> None:
    """Add ``moonbase massdriver`` (and ``moonbase massdriver trade``) to the root app."""
    root.add_typer(app, name="massdriver")
