"""``moonbase trajectories``: where mass-driver payloads go, propagated through DE421.

A thin caller of :mod:`moonbase.orbits.ensembles`: the site, track and exit speed
default to the scenario's ``[mass_driver]`` block and are overridden by flags; an
ensemble with dispersions (or explicit initial states from ``--states``) is propagated
in chunks (a progress bar on a terminal; ``--cluster`` runs the chunks on Dask), and
the fates, the heliocentric orbits and, with ``--window-days``, the launch-window scan
are printed or written (``fates.parquet``, ``summary.json``, ``trajectories.html``).
"""

from __future__ import annotations

import functools
import json
import math
import time
from pathlib import Path
from typing import Annotated, Any, Optional

import numpy as np
import typer
from rich.table import Table

from moonbase.commands.common import out_console, print_json, user_errors
from moonbase.constants import AU_M, SECONDS_PER_DAY
from moonbase.errors import ScenarioError

STATE_COLUMNS = ("epoch_tdb", "x_km", "y_km", "z_km", "vx_km_s", "vy_km_s", "vz_km_s")
_KM = 1000.0
_HOUR_S = SECONDS_PER_DAY / 24.0
_PLOT_POINTS = 300


def register(app: typer.Typer) -> None:
    """Add the ``trajectories`` command to the root app."""
    app.command("trajectories")(trajectories)


def _check_range(flag: str, value: float | None, low: float, high: float, unit: str) -> None:
    if value is not None and not (low <= value <= high):
        raise ScenarioError(f"{flag} = {value:g} is outside [{low:g}, {high:g}]{' ' + unit if unit else ''}.")


def _quantity(flag: str, text: str, unit: str, low: float = 0.0) -> float:
    from moonbase.scenario.units import parse_quantity

    value = parse_quantity(text, unit, flag)
    if not value >= low:
        raise ScenarioError(f"{flag} = {text!r} is negative; expected a value >= 0 {unit}.")
    return value


def read_states(path: Path):
    """Initial states from a CSV or Parquet file (columns :data:`STATE_COLUMNS`).

    Returns ``(epoch, start_s, position_m, velocity_m_s)`` with the earliest row's
    epoch as the reference. Raises ScenarioError naming the file and the problem.
    """
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq
    from astropy.time import Time

    from moonbase.orbits.ephemeris import TdbEpoch, check_epoch

    if not path.is_file():
        raise ScenarioError(f"--states = '{path}' does not exist; give a CSV or Parquet file.")
    try:
        if path.suffix.lower() in (".parquet", ".pq"):
            table = pq.read_table(path)
        else:  # keep epochs as text: a timestamp type would drop their sub-second digits
            table = pacsv.read_csv(path, convert_options=pacsv.ConvertOptions(column_types={"epoch_tdb": pa.string()}))
    except Exception as exc:  # noqa: BLE001 - any reader failure is bad input
        raise ScenarioError(f"--states = '{path}' cannot be read as {path.suffix or 'CSV'} ({exc}).") from None
    missing = [c for c in STATE_COLUMNS if c not in table.column_names]
    if missing:
        raise ScenarioError(f"--states = '{path}' lacks the column(s) {', '.join(missing)}; expected "
                            f"{', '.join(STATE_COLUMNS)} (barycentric ICRF, km and km/s, epoch in TDB).")
    if table.num_rows == 0:
        raise ScenarioError(f"--states = '{path}' has no rows; give at least one initial state.")
    try:
        epochs = table.column("epoch_tdb").to_pylist()
        times = Time([v if hasattr(v, "year") else str(v) for v in epochs], scale="tdb")
        numbers = np.column_stack([np.asarray(table.column(c).to_numpy(), dtype=float) for c in STATE_COLUMNS[1:]])
    except (ValueError, TypeError) as exc:
        raise ScenarioError(f"--states = '{path}' has an unreadable value ({exc}); epoch_tdb is ISO 8601, "
                            "the other columns are numbers.") from None
    if not np.isfinite(numbers).all():
        raise ScenarioError(f"--states = '{path}' has a missing or non-finite state value.")
    first = int(np.argmin(times.jd1 + times.jd2))
    epoch = TdbEpoch(float(times.jd1[first]), float(times.jd2[first]))
    start_s = ((times.jd1 - epoch.jd1) + (times.jd2 - epoch.jd2)) * SECONDS_PER_DAY
    check_epoch(epoch, start_s)
    return epoch, start_s, numbers[:, :3] * _KM, numbers[:, 3:] * _KM


def _tidy_table(columns: dict[str, np.ndarray], epoch) -> Any:
    """fates.parquet: one row per payload, units in the column names (km, km/s, days, au, deg)."""
    import pyarrow as pa
    from astropy.time import Time

    launch = Time(np.full(len(columns["payload"]), epoch.jd1),
                  epoch.jd2 + columns["launch_time_s"] / SECONDS_PER_DAY, format="jd", scale="tdb")
    out: dict[str, Any] = {"payload": columns["payload"], "epoch_tdb": launch.isot}
    for axis in ("x", "y", "z"):
        out[f"{axis}_km"] = columns[f"{axis}_m"] / _KM
    for axis in ("x", "y", "z"):
        out[f"v{axis}_km_s"] = columns[f"v{axis}_m_s"] / _KM
    if "exit_speed_m_s" in columns:
        out["azimuth_deg"] = np.degrees(columns["azimuth_rad"])
        out["elevation_deg"] = np.degrees(columns["elevation_rad"])
        out["exit_speed_km_s"] = columns["exit_speed_m_s"] / _KM
        out["window_offset_days"] = columns["window_offset_s"] / SECONDS_PER_DAY
    out["fate"] = columns["fate"]
    out["event_time_days"] = columns["event_time_s"] / SECONDS_PER_DAY
    out["final_time_days"] = (columns["final_time_s"] - columns["launch_time_s"]) / SECONDS_PER_DAY
    for axis in ("x", "y", "z"):
        out[f"final_{axis}_km"] = columns[f"final_{axis}_m"] / _KM
    for axis in ("x", "y", "z"):
        out[f"final_v{axis}_km_s"] = columns[f"final_v{axis}_m_s"] / _KM
    out["semi_major_axis_au"] = columns["semi_major_axis_m"] / AU_M
    out["eccentricity"] = columns["eccentricity"]
    out["inclination_deg"] = np.degrees(columns["inclination_rad"])
    out["longitude_of_node_deg"] = np.degrees(columns["longitude_of_node_rad"])
    out["argument_of_perihelion_deg"] = np.degrees(columns["argument_of_perihelion_rad"])
    out["perihelion_au"] = columns["perihelion_m"] / AU_M
    out["aphelion_au"] = columns["aphelion_m"] / AU_M
    out["steps"] = columns["steps"]
    out["integration_ok"] = columns["integration_ok"]
    return pa.table({name: np.asarray(values) for name, values in out.items()})


def _figure_html(chunk, epoch, columns: dict[str, np.ndarray]) -> str:
    """Self-contained HTML: sampled paths in an Earth-centred and a heliocentric 3D view."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    from moonbase.orbits.ephemeris import body_state_m

    colours = {"lunar_impact": "#7f7f7f", "earth_impact": "#d62728", "earth_moon_bound": "#ff7f0e",
               "heliocentric": "#1f77b4"}
    fig = make_subplots(rows=1, cols=2, specs=[[{"type": "scene"}, {"type": "scene"}]],
                        subplot_titles=("Earth-centred ICRF [thousand km]", "Heliocentric ICRF [au]"))
    offsets = chunk.sample_offsets_s
    rows = np.searchsorted(columns["payload"], chunk.sampled_payloads) if chunk.samples_m is not None else []
    shown = set()
    for row, samples in zip(rows, chunk.samples_m if chunk.samples_m is not None else []):
        times = columns["launch_time_s"][row] + offsets
        valid = np.isfinite(samples[:, 0])
        if not valid.any():
            continue
        earth, _ = body_state_m("earth", epoch, times[valid])
        sun, _ = body_state_m("sun", epoch, times[valid])
        fate = str(columns["fate"][row])
        style = {"mode": "lines", "line": {"color": colours[fate], "width": 2}, "name": fate,
                 "legendgroup": fate, "showlegend": fate not in shown}
        shown.add(fate)
        geo = (samples[valid] - earth) / 1e6
        helio = (samples[valid] - sun) / AU_M
        fig.add_trace(go.Scatter3d(x=geo[:, 0], y=geo[:, 1], z=geo[:, 2], **style), row=1, col=1)
        fig.add_trace(go.Scatter3d(x=helio[:, 0], y=helio[:, 1], z=helio[:, 2], **{**style, "showlegend": False}),
                      row=1, col=2)
    if offsets is not None and offsets.size:
        span = np.linspace(0.0, float(offsets[-1]) + float(np.max(columns["launch_time_s"])), _PLOT_POINTS)
        moon, _ = body_state_m("moon", epoch, span)
        earth, _ = body_state_m("earth", epoch, span)
        sun, _ = body_state_m("sun", epoch, span)
        geo_moon = (moon - earth) / 1e6
        helio_earth = (earth - sun) / AU_M
        body_line = {"mode": "lines", "line": {"color": "#2ca02c", "width": 3, "dash": "dot"}}
        fig.add_trace(go.Scatter3d(x=geo_moon[:, 0], y=geo_moon[:, 1], z=geo_moon[:, 2], name="Moon",
                                   **body_line), row=1, col=1)
        fig.add_trace(go.Scatter3d(x=helio_earth[:, 0], y=helio_earth[:, 1], z=helio_earth[:, 2], name="Earth",
                                   **{**body_line, "line": {"color": "#17becf", "width": 3, "dash": "dot"}}),
                      row=1, col=2)
        for col, xyz in ((1, [0.0]), (2, [0.0])):
            fig.add_trace(go.Scatter3d(x=xyz, y=xyz, z=xyz, mode="markers", showlegend=False,
                                       marker={"size": 5, "color": "#17becf" if col == 1 else "#ffbf00"},
                                       name="Earth" if col == 1 else "Sun"), row=1, col=col)
    fig.update_layout(title="moonbase trajectories: a sample of payload paths (DE421, barycentric ICRF)",
                      height=700, legend={"orientation": "h"})
    return fig.to_html(full_html=True, include_plotlyjs=True)


def _write_folder(out: Path, files: dict[str, Any]) -> Path:
    """Write ``files`` (name -> text, or a writer of a path) into ``out``, all or nothing."""
    from moonbase.execution.output_dir import staged_output_dir

    with staged_output_dir(out) as staging:
        for name, content in files.items():
            if callable(content):
                content(staging / name)
            else:
                (staging / name).write_text(content, encoding="utf-8")
    return out


def _print_summary(summary: dict[str, Any], out: Path | None) -> None:
    table = Table(title=f"moonbase trajectories: {summary['count']} payloads, {summary['days']:g} days",
                  header_style="bold")
    table.add_column("quantity")
    table.add_column("value", justify="right")
    for fate, fraction in summary["fate_fractions"].items():
        table.add_row(fate.replace("_", " "), f"{fraction:.1%}")
    helio = summary["heliocentric"]
    if helio["count"]:
        for key, label in (("semi_major_axis_au", "a (au)"), ("eccentricity", "e"), ("inclination_deg", "i (deg)"),
                           ("perihelion_au", "perihelion (au)"), ("aphelion_au", "aphelion (au)")):
            s = helio[key]
            table.add_row(f"heliocentric {label} p10 / p50 / p90", f"{s['p10']:.4g} / {s['p50']:.4g} / {s['p90']:.4g}")
    perf = summary["performance"]
    table.add_row("payload-days per second", f"{perf['payload_days_per_s']:,.0f}")
    if out is not None:
        table.add_row("folder", str(out))
    out_console.print(table)
    if summary.get("window"):
        scan = Table(title="launch-window scan", header_style="bold")
        for name in ("epoch (UTC)", "lunar", "earth", "bound", "helio", "a p50 (au)"):
            scan.add_column(name, justify="right")
        for entry in summary["window"]:
            f = entry["fate_fractions"]
            a = entry["heliocentric"]["semi_major_axis_au"]["p50"]
            # TDB steps drift from UTC by the TDB - TT periodic term (~1 ms): show the nearest minute
            minute = np.datetime64(entry["epoch_utc"][:23]) + np.timedelta64(30, "s")
            scan.add_row(str(minute)[:16], f"{f['lunar_impact']:.0%}", f"{f['earth_impact']:.0%}",
                         f"{f['earth_moon_bound']:.0%}", f"{f['heliocentric']:.0%}", "-" if a is None else f"{a:.3f}")
        out_console.print(scan)


def trajectories(
    scenario: Annotated[str, typer.Option("--scenario", help="Scenario whose mass_driver site, track and speed "
                                          "are the defaults: a preset name or a TOML file.")] = "alpha",
    lat: Annotated[Optional[float], typer.Option("--lat", help="Selenographic latitude of the exit (deg).")] = None,
    lon: Annotated[Optional[float], typer.Option("--lon", help="Selenographic east longitude (deg).")] = None,
    height: Annotated[Optional[float], typer.Option("--height", help="Exit height above the mean radius (m).")] = None,
    azimuth: Annotated[Optional[float], typer.Option("--azimuth", help="Track azimuth from north (deg).")] = None,
    elevation: Annotated[Optional[float], typer.Option("--elevation", help="Track elevation (deg).")] = None,
    speed: Annotated[Optional[str], typer.Option("--speed", help='Exit speed, e.g. "2.6 km/s".')] = None,
    epoch: Annotated[Optional[str], typer.Option("--epoch", help="Firing epoch, ISO 8601 UTC (default: the "
                                                 "scenario's trajectory.epoch).")] = None,
    count: Annotated[int, typer.Option("--count", min=1, max=10_000_000, help="Payloads per firing epoch.")] = 1000,
    speed_sigma: Annotated[str, typer.Option("--speed-sigma", help='Exit-speed dispersion (1 sigma), e.g. "1 m/s".')] = "0 m/s",
    angle_sigma: Annotated[str, typer.Option("--angle-sigma", help='Azimuth and elevation dispersion (1 sigma), e.g. "0.1 deg".')] = "0 deg",
    timing_sigma: Annotated[str, typer.Option("--timing-sigma", help='Firing-time dispersion (1 sigma), e.g. "10 min".')] = "0 s",
    days: Annotated[float, typer.Option("--days", help="Days propagated per payload.")] = 365.0,
    seed: Annotated[int, typer.Option("--seed", min=0, help="Seed of the dispersions.")] = 0,
    states: Annotated[Optional[Path], typer.Option("--states", help="CSV or Parquet of initial states (columns "
                                                   "epoch_tdb, x_km, y_km, z_km, vx_km_s, vy_km_s, vz_km_s) "
                                                   "instead of a site.")] = None,
    window_days: Annotated[Optional[float], typer.Option("--window-days", help="Launch-window scan: span of "
                                                         "firing epochs (days).")] = None,
    window_step: Annotated[Optional[float], typer.Option("--window-step", help="Launch-window scan: step between "
                                                         "firing epochs (hours).")] = None,
    rtol: Annotated[float, typer.Option("--rtol", help="Relative error per step of the integrator.")] = 1e-11,
    paths: Annotated[int, typer.Option("--paths", min=0, max=500, help="Paths drawn in trajectories.html.")] = 30,
    threads: Annotated[Optional[int], typer.Option("--threads", min=1, help="Threads (default: all cores).")] = None,
    cluster: Annotated[Optional[str], typer.Option("--cluster", help="'local' or tcp://HOST:PORT of a Dask "
                                                   "scheduler for the chunks (default: in-process).")] = None,
    chunk_size: Annotated[int, typer.Option("--chunk-size", min=1, help="Payloads per chunk.")] = 500,
    out: Annotated[Optional[Path], typer.Option("--out", help="New folder for fates.parquet, summary.json and "
                                                "trajectories.html.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print summary.json on stdout.")] = False,
    surrogate_check: Annotated[Optional[int], typer.Option(
        "--surrogate-check", min=1, max=100_000, help="Compare the fate table with direct propagation on N samples "
        "of the scenario's [uncertainty] (seeded by --seed), and print the error distribution.")] = None,
) -> None:
    """Propagate a mass-driver ensemble (or explicit states) through DE421; report the fates."""
    from moonbase.orbits import ensembles
    from moonbase.orbits.ephemeris import epoch_from_utc
    from moonbase.orbits.propagator import PropagatorSettings
    from moonbase.scenario.loader import load_scenario

    if surrogate_check is not None:
        with user_errors():
            _print_surrogate_check(scenario, surrogate_check, seed, cluster, as_json)
        return
    with user_errors():
        if out is not None:
            from moonbase.execution.output_dir import check_out_dir

            check_out_dir(out)
        _check_flags(lat, lon, height, azimuth, elevation, speed, days, rtol, window_days, window_step, states)
        settings = PropagatorSettings(relative_tolerance=rtol, threads=threads)
        duration_s = days * SECONDS_PER_DAY
        started = time.perf_counter()
        offsets_s = np.zeros(1)
        if states is not None:
            reference, start_s, position_m, velocity_m_s = read_states(states)
            total = len(start_s)
            record_every = max(1, math.ceil(total / paths)) if paths else 0
            task = functools.partial(ensembles.states_chunk, reference, start_s, position_m, velocity_m_s,
                                     duration_s=duration_s, settings=settings,
                                     sample_offsets_s=_sample_offsets(duration_s), record_every=record_every)
            launch: dict[str, Any] = {"states_file": str(states)}
        else:
            loaded = load_scenario(scenario)
            md = loaded.mass_driver
            reference = epoch_from_utc(epoch if epoch is not None else loaded.trajectory.epoch)
            if window_days is not None:
                offsets_s = ensembles.window_offsets_s(window_days * SECONDS_PER_DAY, window_step * _HOUR_S)
            ensemble = ensembles.LaunchEnsemble(
                latitude_rad=math.radians(lat) if lat is not None else md.latitude_rad,
                longitude_rad=math.radians(lon) if lon is not None else md.longitude_rad,
                height_m=height if height is not None else md.height_m,
                azimuth_rad=math.radians(azimuth) if azimuth is not None else md.azimuth_rad,
                elevation_rad=math.radians(elevation) if elevation is not None else md.elevation_rad,
                exit_speed_m_s=_quantity("--speed", speed, "km/s", low=1e-9) if speed is not None else md.exit_speed_m_s,
                epoch=reference, count=count, duration_s=duration_s,
                speed_sigma_m_s=_quantity("--speed-sigma", speed_sigma, "m/s"),
                angle_sigma_rad=_quantity("--angle-sigma", angle_sigma, "deg"),
                timing_sigma_s=_quantity("--timing-sigma", timing_sigma, "s"), seed=seed)
            total = count * offsets_s.size
            record_every = max(1, math.ceil(total / paths)) if paths else 0
            task = functools.partial(ensembles.ensemble_chunk, ensemble, offsets_s=offsets_s, settings=settings,
                                     sample_offsets_s=_sample_offsets(duration_s), record_every=record_every)
            launch = {"latitude_deg": math.degrees(ensemble.latitude_rad),
                      "longitude_deg": math.degrees(ensemble.longitude_rad), "height_m": ensemble.height_m,
                      "azimuth_deg": math.degrees(ensemble.azimuth_rad),
                      "elevation_deg": math.degrees(ensemble.elevation_rad),
                      "exit_speed_km_s": ensemble.exit_speed_m_s / _KM,
                      "speed_sigma_m_s": ensemble.speed_sigma_m_s,
                      "angle_sigma_deg": math.degrees(ensemble.angle_sigma_rad),
                      "timing_sigma_s": ensemble.timing_sigma_s}
        merged = _propagate_chunks(task, total, chunk_size, cluster)
        wall_s = time.perf_counter() - started
        columns = merged.columns
        summary = _run_summary(reference, days, seed, launch, rtol, columns)
        if window_days is not None:
            summary["window"] = ensembles.launch_window_scan(columns, ensemble, offsets_s)
        summary["performance"] = {"wall_time_s": wall_s, "payload_days_per_s": total * days / wall_s,
                                  "steps": int(merged.steps)}
        final = None
        if out is not None:
            files = {
                "fates.parquet": lambda path: _write_parquet(_tidy_table(columns, reference), path),
                "summary.json": json.dumps(summary, indent=2) + "\n",
                "trajectories.html": _figure_html(merged, reference, columns),
            }
            final = _write_folder(out, files)
    if as_json:
        print_json(summary)
    else:
        _print_summary(summary, final)


def _check_flags(lat, lon, height, azimuth, elevation, speed, days, rtol, window_days, window_step, states) -> None:
    """Raise ScenarioError for a flag outside its range or flags that exclude each other."""
    _check_range("--lat", lat, -90.0, 90.0, "deg")
    _check_range("--lon", lon, -360.0, 360.0, "deg")
    _check_range("--height", height, -10_000.0, 20_000.0, "m")
    _check_range("--azimuth", azimuth, -360.0, 360.0, "deg")
    _check_range("--elevation", elevation, -90.0, 90.0, "deg")
    _check_range("--days", days, 1e-3, 36_500.0, "days")
    _check_range("--rtol", rtol, 1e-14, 1e-6, "")
    if (window_days is None) != (window_step is None):
        raise ScenarioError("--window-days and --window-step go together; give both (e.g. --window-days 29.5 "
                            "--window-step 12) or neither.")
    _check_range("--window-days", window_days, 1e-3, 3650.0, "days")
    _check_range("--window-step", window_step, 1e-3, 87_600.0, "hours")
    if states is not None and (window_days is not None or any(v is not None for v in (lat, lon, height,
                                                                                         azimuth, elevation, speed))):
        raise ScenarioError("--states = given with site or window flags; the states file replaces the site, "
                            "track, speed and window. Give one or the other.")


def _propagate_chunks(task, total: int, chunk_size: int, cluster: str | None):
    """Run ``task`` over chunks of ``total`` payloads (a progress bar on a terminal); the merged chunks."""
    from moonbase.commands.progress import progress_bar
    from moonbase.execution.executor import execute, open_executor
    from moonbase.execution.progress import ProgressTracker
    from moonbase.orbits import ensembles

    chunks = ensembles.chunk_indices(total, chunk_size)
    results: list[Any] = []
    with open_executor(cluster) as executor, progress_bar("trajectories") as progress:
        tracker = ProgressTracker(len(chunks), total, progress)
        tracker.start()
        execute(executor, task, chunks, lambda _task, result: results.append(result), tracker,
                samples_of=len)
    return ensembles.merge_chunks(results)


def _run_summary(reference, days: float, seed: int, launch: dict[str, Any], rtol: float,
                 columns: dict[str, Any]) -> dict[str, Any]:
    """``summary.json`` of a propagated ensemble: version, epoch, launch, propagator and the fates."""
    from moonbase import __version__
    from moonbase.orbits import ensembles
    from moonbase.orbits.ephemeris import BODIES, utc_iso

    summary: dict[str, Any] = {
        "moonbase_version": __version__,
        "epoch_utc": utc_iso(reference),
        "days": days,
        "seed": seed,
        "launch": launch,
        "propagator": {"method": "DOP853, per-payload adaptive steps (numba)", "relative_tolerance": rtol,
                       "ephemeris": "JPL DE421", "bodies": list(BODIES)},
    }
    summary.update(ensembles.ensemble_summary(columns))
    return summary


def _print_surrogate_check(scenario_name: str, points: int, seed: int, cluster: str | None, as_json: bool) -> None:
    from moonbase.analysis.montecarlo import chunk_params, draw_inputs
    from moonbase.execution.executor import open_executor
    from moonbase.orbits.escape import surrogate_check
    from moonbase.scenario.loader import load_scenario
    from moonbase.scenario.params import timeline_choices

    scenario = load_scenario(scenario_name)
    if not scenario.uncertainty:
        raise ScenarioError(f"--scenario = {scenario_name!r} has no [uncertainty]; --surrogate-check draws its launch "
                            "inputs (e.g. mass_driver.exit_speed, mass_driver.elevation) from there.")
    draws = draw_inputs(scenario, max(points, 2), seed)
    params = {k: v[:points] for k, v in chunk_params(scenario, draws, max(points, 2)).items()}
    with open_executor(cluster) as executor:
        check = surrogate_check(params, timeline_choices(scenario)["trajectory"], executor)
    error_pp = 100.0 * check.error
    summary = {
        "scenario": scenario.name, "points": int(error_pp.size), "seed": seed,
        "error_pp": {f"p{q}": float(np.percentile(error_pp, q)) for q in (50, 90, 99)} | {"max": float(error_pp.max())},
        "within_1pp_fraction": float(np.mean(error_pp <= 1.0)),
        "max_error_bound_pp": float(100.0 * check.error_bound.max()),
        "payloads_propagated_directly": check.fallback_payloads,
        "table_s": check.table_s, "direct_s": check.direct_s,
    }
    if as_json:
        print_json(summary)
        return
    table = Table(title=f"Fate table vs direct propagation: {summary['points']} samples of {scenario.name}")
    table.add_column("largest fate-fraction error")
    table.add_column("value", justify="right")
    for name, value in summary["error_pp"].items():
        table.add_row(name.upper() if name != "max" else "max", f"{value:.2f} pp")
    table.add_row("within 1 pp", f"{100 * summary['within_1pp_fraction']:.1f} %")
    table.add_row("payloads propagated directly", str(summary["payloads_propagated_directly"]))
    table.add_row("time: fate table / direct", f"{check.table_s:.1f} s / {check.direct_s:.1f} s")
    out_console.print(table)


def _write_parquet(table: Any, path: Path) -> None:
    import pyarrow.parquet as pq

    pq.write_table(table, path)


def _sample_offsets(duration_s: float) -> np.ndarray:
    """Times after launch at which paths are sampled for the plot: dense early, sparse late."""
    return duration_s * np.linspace(0.0, 1.0, _PLOT_POINTS) ** 2
