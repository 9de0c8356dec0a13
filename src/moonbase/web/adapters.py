"""Adapters from the web API to the design models of other packages (one place to wire them).

Each adapter takes the endpoint's request body (quantities as strings with units, like
the CLI flags), parses it to SI once, calls the package's public function, and returns
plain JSON-ready data with the keys the package's CLI ``--json`` contract names. When a
package (or the function) is not there yet, the adapter raises
:class:`NotAvailableError` and the API answers 501 with the reason.

=====================  ====================================  ===========================
endpoint               module and function                   issue
=====================  ====================================  ===========================
trajectories/ensemble  ``moonbase.orbits.ensembles``         3 (trajectory ensembles)
massdriver/design      ``moonbase.massdriver.design``        4 (mass-driver machine)
satellite/design       ``moonbase.spacecraft.design``        5 (satellite design)
=====================  ====================================  ===========================
"""

from __future__ import annotations

import importlib
import math
from dataclasses import fields, is_dataclass
from typing import Any, Callable

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from moonbase.constants import SECONDS_PER_DAY
from moonbase.errors import MoonbaseError
from moonbase.scenario.units import parse_quantity

#: Bounds on ensemble size and duration the web accepts (the CLI has none): ~1 s of propagation.
MAX_ENSEMBLE_PAYLOADS = 500
MAX_ENSEMBLE_DAYS = 60.0


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


class MassDriverBody(BaseModel):
    """A mass-driver design point (``moonbase massdriver``)."""

    model_config = ConfigDict(extra="forbid")
    exit_speed: str = Field("2.6 km/s", max_length=40, description="Speed at the end of the track.")
    max_accel: str = Field("1000 m/s2", max_length=40, description="Largest acceleration on the track.")
    payload_mass: str = Field("1000 kg", max_length=40, description="Payload mass per launch.")
    rate: str = Field("0.1 1/s", max_length=40, description="Launches per second while firing.")
    latitude: str = Field("0 deg", max_length=40, description="Site latitude (sets the lunar night).")


class SatelliteBody(BaseModel):
    """A compute-satellite design in an orbit (``moonbase satellite``)."""

    model_config = ConfigDict(extra="forbid")
    preset: str = Field("sso-datacenter", max_length=80, description="Satellite design preset.")
    orbit: str | None = Field(None, max_length=40, description="Orbit name (default: the preset's).")
    launch_price: str = Field("200 USD/kg", max_length=40, description="Launch price to the orbit.")


# --- adapters ---------------------------------------------------------------------------

def trajectory_ensemble(body: dict[str, Any]) -> dict[str, Any]:
    """Fate fractions and heliocentric spread of an ensemble (issue 3's ``summary.json`` keys)."""
    function = _public("moonbase.orbits.ensembles", "ensemble_summary", "The trajectory ensemble", 3)
    return _plain(function(
        latitude_rad=_si(body, "latitude", "deg"),
        longitude_rad=_si(body, "longitude", "deg"), height_m=_si(body, "height", "m"),
        azimuth_rad=_si(body, "azimuth", "deg"), elevation_rad=_si(body, "elevation", "deg"),
        exit_speed_m_s=_si(body, "speed", "km/s"), epoch_utc=body["epoch"], count=body["count"],
        speed_sigma_m_s=_si(body, "speed_sigma", "m/s"), angle_sigma_rad=_si(body, "angle_sigma", "deg"),
        duration_s=body["days"] * SECONDS_PER_DAY, seed=body["seed"]))


def mass_driver_design(body: dict[str, Any]) -> dict[str, Any]:
    """Track, energy, power, storage, mass and throughput (issue 4's ``--json`` keys)."""
    function = _public("moonbase.massdriver.design", "design_summary", "The mass-driver design", 4)
    return _plain(function(
        exit_speed_m_s=_si(body, "exit_speed", "km/s"), max_acceleration_m_s2=_si(body, "max_accel", "m/s2"),
        payload_mass_kg=_si(body, "payload_mass", "kg"), launch_rate_per_s=_si(body, "rate", "1/s"),
        latitude_rad=_si(body, "latitude", "deg")))


def satellite_design(body: dict[str, Any]) -> dict[str, Any]:
    """Mass, power, thermal budgets and economics (issue 5's ``--json`` keys)."""
    function = _public("moonbase.spacecraft.design", "design_summary", "The satellite design", 5)
    return _plain(function(preset=body["preset"], orbit=body["orbit"],
                           launch_price_usd_per_kg=_si(body, "launch_price", "USD/kg")))
