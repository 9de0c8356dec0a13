"""Adapters from the web API to the design models of other packages (one place to wire them).

Each adapter takes the endpoint's request body (quantities as strings with units, like
the CLI flags), parses it to SI once, calls the package's public function, and returns
plain JSON-ready data with the keys the package's CLI ``--json`` contract names. When a
package (or the function) is not there yet, the adapter raises
:class:`NotAvailableError` and the API answers 501 with the reason.

=====================  ==============================================================  =====
endpoint               public functions called                                         issue
=====================  ==============================================================  =====
trajectories/ensemble  ``orbits.ensembles``: LaunchEnsemble, ensemble_chunk,            3
                       ensemble_summary; ``orbits.ephemeris``: epoch_from_utc,
                       body_state_m (Earth and Moon for the Earth-centred 3D view)
massdriver/design      ``timeline.mass_driver_capacity``: mass_driver_inputs,           4
                       mass_driver_choices; ``massdriver.design``: mass_driver_design;
                       ``massdriver.design_summary``: design_summary (the CLI's JSON)
satellite/design       ``spacecraft.design_presets``: design_preset_names,               5
                       design_preset_data; ``spacecraft.design_inputs``:
                       resolve_design_data; ``spacecraft.satellite_report``:
                       satellite_report (the CLI's JSON)
=====================  ==============================================================  =====

Heavy work here runs in the server's request thread pool (not the event loop), bounded
by the request limits below; the first trajectory call also compiles the propagator
(numba, cached on disk afterwards).
"""

from __future__ import annotations

import importlib
import math
from dataclasses import fields, is_dataclass
from typing import Any, Callable

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from moonbase.constants import AU_M, SECONDS_PER_DAY
from moonbase.errors import MoonbaseError, ScenarioError
from moonbase.orbits.frames import synodic_basis
from moonbase.scenario.units import parse_quantity

#: Bounds on ensemble size and duration the web accepts (the CLI has none): ~1 s of propagation.
MAX_ENSEMBLE_PAYLOADS = 500
MAX_ENSEMBLE_DAYS = 60.0
PATHS_SHOWN = 20  # payload paths sent for the 3D view
PATH_POINTS = 150  # samples along each path


class NotAvailableError(MoonbaseError):
    """The model behind an endpoint is not in this build of moonbase yet."""


def _public(module_name: str, function_name: str, what: str, issue: int) -> Callable[..., Any]:
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        raise NotAvailableError(f"{what} is not available in this moonbase build yet: module {module_name} "
                                f"is missing (issue {issue}).") from None
    function = getattr(module, function_name, None)
    if not callable(function):
        raise NotAvailableError(f"{what} is not available in this moonbase build yet: "
                                f"{module_name}.{function_name} is missing (issue {issue}).")
    return function


def _si(body: dict[str, Any], key: str, unit: str) -> float:
    return parse_quantity(body[key], unit, key)


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

    model_config = ConfigDict(extra="forbid")
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

    model_config = ConfigDict(extra="forbid")
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
    ensemble_type = _public("moonbase.orbits.ensembles", "LaunchEnsemble", "The trajectory ensemble", 3)
    chunk_of = _public("moonbase.orbits.ensembles", "ensemble_chunk", "The trajectory ensemble", 3)
    summary_of = _public("moonbase.orbits.ensembles", "ensemble_summary", "The trajectory ensemble", 3)
    epoch_of = _public("moonbase.orbits.ephemeris", "epoch_from_utc", "The trajectory ensemble", 3)
    body_state = _public("moonbase.orbits.ephemeris", "body_state_m", "The trajectory ensemble", 3)
    duration_s = body["days"] * SECONDS_PER_DAY
    ensemble = ensemble_type(
        _si(body, "latitude", "deg"), _si(body, "longitude", "deg"), _si(body, "height", "m"),
        _si(body, "azimuth", "deg"), _si(body, "elevation", "deg"), _si(body, "speed", "km/s"),
        epoch_of(body["epoch"]), count=body["count"], duration_s=duration_s,
        speed_sigma_m_s=_si(body, "speed_sigma", "m/s"), angle_sigma_rad=_si(body, "angle_sigma", "deg"),
        seed=body["seed"])
    offsets_s = np.linspace(0.0, duration_s, PATH_POINTS)
    chunk = chunk_of(ensemble, np.arange(body["count"]), sample_offsets_s=offsets_s,
                     record_every=max(1, -(-body["count"] // PATHS_SHOWN)))
    earth_m, earth_v = (np.asarray(a) for a in body_state("earth", ensemble.epoch, offsets_s))
    moon_abs_m, moon_v = (np.asarray(a) for a in body_state("moon", ensemble.epoch, offsets_s))
    sun_m = np.asarray(body_state("sun", ensemble.epoch, offsets_s)[0])
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
    return _plain({**summary_of(chunk.columns), "paths": paths, "path_times_days": offsets_s / SECONDS_PER_DAY,
                   "moon_km": xyz(moon_m, 1000.0, "_km"),
                   "rotating": {"moon_km": rotating(moon_m),
                                "sun_direction": sun_direction / np.linalg.norm(sun_direction)},
                   "heliocentric": {"earth_au": xyz(earth_m - sun_m, AU_M), "moon_au": xyz(moon_abs_m - sun_m, AU_M)}})


def mass_driver_design(scenario: Any) -> dict[str, Any]:
    """The mass driver of a scenario's ``[mass_driver]`` block: issue 4's ``--json`` document."""
    inputs_of = _public("moonbase.timeline.mass_driver_capacity", "mass_driver_inputs", "The mass-driver design", 4)
    choices_of = _public("moonbase.timeline.mass_driver_capacity", "mass_driver_choices", "The mass-driver design", 4)
    design_of = _public("moonbase.massdriver.design", "mass_driver_design", "The mass-driver design", 4)
    summary_of = _public("moonbase.massdriver.design_summary", "design_summary", "The mass-driver design", 4)
    from moonbase.timeline.params import timeline_params

    params = {key: value[0] for key, value in timeline_params(scenario).items() if np.ndim(value) == 1}
    design = design_of(inputs_of(params, choices_of(scenario.mass_driver)))
    return _plain(summary_of(scenario, design))


def satellite_design(body: dict[str, Any]) -> dict[str, Any]:
    """Budgets, environment, links and economics of a satellite preset (issue 5's ``--json`` document)."""
    names = _public("moonbase.spacecraft.design_presets", "design_preset_names", "The satellite design", 5)
    preset_data = _public("moonbase.spacecraft.design_presets", "design_preset_data", "The satellite design", 5)
    resolve = _public("moonbase.spacecraft.design_inputs", "resolve_design_data", "The satellite design", 5)
    report_of = _public("moonbase.spacecraft.satellite_report", "satellite_report", "The satellite design", 5)
    name = body["preset"]
    if name not in names():
        raise ScenarioError(f"preset = {name!r} is unknown; choose one of: {', '.join(names())}.")
    data = {key: dict(value) if isinstance(value, dict) else value for key, value in preset_data(name).items()}
    if body.get("launch_price") is not None:
        data.setdefault("economics", {})["launch_price"] = body["launch_price"]
    return _plain({"preset": name, **report_of(resolve(data, name))})
