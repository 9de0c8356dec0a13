"""Adapters from the web API to the design models of other packages (one place to wire them).

Each adapter takes the endpoint's request body (quantities as strings with units, like
the CLI flags), parses it to SI once, calls the package's public function, and returns
plain JSON-ready data with the keys the package's CLI ``--json`` contract names.

=====================  ==============================================================
endpoint               public functions called
=====================  ==============================================================
trajectories/ensemble  ``orbits.ensembles``: LaunchEnsemble, ensemble_chunk,
                       ensemble_summary; ``orbits.ephemeris``: epoch_from_utc,
                       body_state_m (Earth and Moon for the Earth-centred 3D view)
massdriver/design      ``massdriver.capacity``: mass_driver_inputs,
                       mass_driver_choices; ``massdriver.design``: mass_driver_design;
                       ``massdriver.design_summary``: design_summary (the CLI's JSON)
satellite/design       ``spacecraft.design_presets``: design_preset_names,
                       design_preset_data; ``spacecraft.design_inputs``:
                       resolve_design_data; ``spacecraft.satellite_report``:
                       satellite_report (the CLI's JSON)
=====================  ==============================================================

Heavy work here runs in the server's request thread pool (not the event loop), bounded
by the request limits below; the first trajectory call also compiles the propagator
(numba, cached on disk afterwards).
"""

from __future__ import annotations

import math
from dataclasses import fields, is_dataclass
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from moonbase.constants import AU_M, SECONDS_PER_DAY
from moonbase.errors import ScenarioError
from moonbase.massdriver.capacity import mass_driver_inputs
from moonbase.massdriver.design import mass_driver_design as design_of_mass_driver
from moonbase.massdriver.design_summary import design_summary
from moonbase.orbits.ensembles import LaunchEnsemble, ensemble_chunk, ensemble_summary
from moonbase.orbits.ephemeris import body_state_m, epoch_from_utc
from moonbase.orbits.frames import synodic_basis
from moonbase.scenario.params import mass_driver_choices, timeline_params
from moonbase.scenario.satellite_design import resolve_design_data
from moonbase.scenario.units import parse_quantity, si_to_display
from moonbase.spacecraft.design_presets import design_preset_data, design_preset_names
from moonbase.spacecraft.satellite_report import satellite_report

#: Bounds on ensemble size and duration the web accepts (the CLI has none): ~1 s of propagation.
MAX_ENSEMBLE_PAYLOADS = 500
MAX_ENSEMBLE_DAYS = 60.0
PATHS_SHOWN = 20  # payload paths sent for the 3D view
PATH_POINTS = 150  # samples along each path


#: Physical ranges of the trajectory inputs, in the unit shown: (low, high, low excluded, meaning of the range).
#: Heights span the lunar relief (-9.1 km to +10.8 km about the mean radius) with a margin for a tower;
#: a track fires above the horizon; dispersions are small perturbations of one design.
TRAJECTORY_RANGES: dict[str, tuple[float, float, bool, str]] = {
    "latitude": (-90.0, 90.0, False, "deg"), "longitude": (-360.0, 360.0, False, "deg"),
    "height": (-10_000.0, 20_000.0, False, "m"), "azimuth": (-360.0, 360.0, False, "deg"),
    "elevation": (0.0, 90.0, True, "deg"), "speed": (0.0, 20.0, True, "km/s"),
    "speed_sigma": (0.0, 1_000.0, False, "m/s"), "angle_sigma": (0.0, 10.0, False, "deg"),
}


def _si(body: dict[str, Any], key: str, unit: str) -> float:
    value_si = parse_quantity(body[key], unit, key)
    if key in TRAJECTORY_RANGES:
        low, high, open_low, shown_unit = TRAJECTORY_RANGES[key]
        value = si_to_display(value_si, shown_unit)
        if not (low < value if open_low else low <= value) or value > high:
            bracket = "(" if open_low else "["
            why = " (a track fires above the horizon)" if key == "elevation" else ""
            raise ScenarioError(f"{key} = {body[key]!r} is outside {bracket}{low:g}, {high:g}] {shown_unit}{why}.")
    return value_si


def _plain(value: Any) -> Any:
    """JSON-ready data from dataclasses, numpy scalars and arrays (non-finite numbers become null)."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, np.ndarray):
        return _plain(value.item()) if value.ndim == 0 else [_plain(v) for v in value.tolist()]
    if isinstance(value, np.generic):
        return _plain(value.item())
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


# --- request bodies ---------------------------------------------------------------------

class TrajectoryBody(BaseModel):
    """A dispersed ensemble of mass-driver payloads from one site and track (``moonbase trajectories``)."""

    model_config = ConfigDict(extra="forbid", strict=True)
    latitude: str = Field("0 deg", max_length=40, description="Selenographic latitude of the exit.")
    longitude: str = Field("90 deg", max_length=40, description="Selenographic longitude, east positive.")
    height: str = Field("0 m", max_length=40, description="Exit height above the mean lunar radius.")
    azimuth: str = Field("90 deg", max_length=40, description="Track azimuth, clockwise from north.")
    elevation: str = Field("1 deg", max_length=40, description="Track elevation above the horizontal.")
    speed: str = Field("2.6 km/s", max_length=40, description="Exit speed relative to the surface.")
    epoch: str = Field("2030-01-01T00:00:00", max_length=40, description="Firing epoch, ISO 8601 UTC.")
    count: int = Field(100, ge=1, le=MAX_ENSEMBLE_PAYLOADS, description="Payloads in the ensemble.")
    speed_sigma: str = Field("1 m/s", max_length=40, description="1-sigma exit-speed dispersion.")
    angle_sigma: str = Field("0.1 deg", max_length=40, description="1-sigma azimuth and elevation dispersion.")
    days: float = Field(30.0, gt=0.0, le=MAX_ENSEMBLE_DAYS, description="Propagation span [days].")
    seed: int = Field(0, ge=0, le=2**32 - 1)


class SatelliteBody(BaseModel):
    """A compute-satellite design preset in an orbit (``moonbase satellite``)."""

    model_config = ConfigDict(extra="forbid", strict=True)
    preset: str = Field("sso-datacenter", max_length=80, description="Satellite design preset.")
    launch_price: str | None = Field(None, max_length=40, description="Launch price to the orbit, e.g. "
                                     "'200 USD/kg' (default: the preset's).")


# --- adapters ---------------------------------------------------------------------------

def trajectory_ensemble(body: dict[str, Any]) -> dict[str, Any]:
    """Fates of a dispersed ensemble (the CLI's ``summary.json``) and sampled paths for 3D views.

    ``paths`` holds up to :data:`PATHS_SHOWN` payloads' positions at :data:`PATH_POINTS`
    times in three frames: relative to the Earth in the ICRF (``x_km``...), in the
    Earth-Moon rotating frame (``rotating_km``: x towards the Moon, z along the Moon's
    orbit normal) and relative to the Sun (``heliocentric_au``); ``rotating`` and
    ``heliocentric`` hold the Moon, the Earth and the Sun's direction at firing.
    """
    duration_s = body["days"] * SECONDS_PER_DAY
    ensemble = LaunchEnsemble(
        _si(body, "latitude", "deg"), _si(body, "longitude", "deg"), _si(body, "height", "m"),
        _si(body, "azimuth", "deg"), _si(body, "elevation", "deg"), _si(body, "speed", "km/s"),
        epoch_from_utc(body["epoch"]), count=body["count"], duration_s=duration_s,
        speed_sigma_m_s=_si(body, "speed_sigma", "m/s"), angle_sigma_rad=_si(body, "angle_sigma", "deg"),
        seed=body["seed"])
    offsets_s = np.linspace(0.0, duration_s, PATH_POINTS)
    chunk = ensemble_chunk(ensemble, np.arange(body["count"]), sample_offsets_s=offsets_s,
                     record_every=max(1, -(-body["count"] // PATHS_SHOWN)))
    earth_m, earth_v = (np.asarray(a) for a in body_state_m("earth", ensemble.epoch, offsets_s))
    moon_abs_m, moon_v = (np.asarray(a) for a in body_state_m("moon", ensemble.epoch, offsets_s))
    sun_m = np.asarray(body_state_m("sun", ensemble.epoch, offsets_s)[0])
    moon_m = moon_abs_m - earth_m
    basis = synodic_basis(moon_m, moon_v - earth_v)  # Earth-Moon rotating frame, x towards the Moon

    def xyz(points: np.ndarray, scale: float, prefix: str = "") -> dict[str, np.ndarray]:
        return {f"x{prefix}": points[:, 0] / scale, f"y{prefix}": points[:, 1] / scale,
                f"z{prefix}": points[:, 2] / scale}

    def rotating(points_m: np.ndarray) -> dict[str, np.ndarray]:
        return xyz(np.einsum("tij,tj->ti", basis, points_m), 1000.0)

    recorded = np.flatnonzero(np.arange(body["count"]) % max(1, -(-body["count"] // PATHS_SHOWN)) == 0)
    paths = []
    for row, payload in zip(chunk.samples_m if chunk.samples_m is not None else [], recorded):
        relative_m = np.asarray(row) - earth_m
        paths.append({"payload": int(payload), "fate": str(chunk.columns["fate"][payload]),
                      **xyz(relative_m, 1000.0, "_km"),
                      "rotating_km": rotating(relative_m), "heliocentric_au": xyz(np.asarray(row) - sun_m, AU_M)})
    sun_direction = np.einsum("ij,j->i", basis[0], (sun_m - earth_m)[0])
    return _plain({**ensemble_summary(chunk.columns), "paths": paths, "path_times_days": offsets_s / SECONDS_PER_DAY,
                   "moon_km": xyz(moon_m, 1000.0, "_km"),
                   "rotating": {"moon_km": rotating(moon_m),
                                "sun_direction": sun_direction / np.linalg.norm(sun_direction)},
                   "heliocentric": {"earth_au": xyz(earth_m - sun_m, AU_M), "moon_au": xyz(moon_abs_m - sun_m, AU_M)}})


def mass_driver_design(scenario: Any) -> dict[str, Any]:
    """The mass driver of a scenario's ``[mass_driver]`` block: ``moonbase massdriver --json``'s document."""
    params = {key: value[0] for key, value in timeline_params(scenario).items() if np.ndim(value) == 1}
    design = design_of_mass_driver(mass_driver_inputs(params, mass_driver_choices(scenario.mass_driver)))
    return _plain(design_summary(scenario, design))


def satellite_design(body: dict[str, Any]) -> dict[str, Any]:
    """Budgets, environment, links and economics of a satellite preset (``moonbase satellite --json``'s document)."""
    name = body["preset"]
    if name not in design_preset_names():
        raise ScenarioError(f"preset = {name!r} is unknown; choose one of: {', '.join(design_preset_names())}.")
    data = {key: dict(value) if isinstance(value, dict) else value for key, value in design_preset_data(name).items()}
    if body.get("launch_price") is not None:
        data.setdefault("economics", {})["launch_price"] = body["launch_price"]
    return _plain({"preset": name, **satellite_report(resolve_design_data(data, name))})
