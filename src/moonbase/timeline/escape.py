"""Fraction of mass-driver payloads that reach heliocentric orbit, per sample.

The seam between the trajectory models and the timeline, chosen by
``trajectory.escape_model`` in the scenario.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from moonbase.orbits.patched_conics import escapes_earth_moon_system, minimum_escape_exit_speed_m_s
from moonbase.timeline.params import Params


def escape_fraction(params: Params) -> np.ndarray:
    """Fraction of fired payloads reaching heliocentric orbit, per sample [-].

    Patched-conic verdict (:func:`moonbase.orbits.patched_conics.escapes_earth_moon_system`):
    with no dispersion a site, track and exit speed either escape (1) or not (0).
    """
    md = "mass_driver."
    escapes = escapes_earth_moon_system(
        params[md + "latitude_rad"], params[md + "longitude_rad"], params[md + "height_m"],
        params[md + "azimuth_rad"], params[md + "elevation_rad"], params[md + "exit_speed_m_s"],
    )
    return np.asarray(escapes, dtype=float)


def escape_report(params: Params, phi: np.ndarray) -> dict[str, Any]:
    """What the patched conic says of the mass driver's payloads (first sample)."""
    md = "mass_driver."
    threshold = minimum_escape_exit_speed_m_s(
        params[md + "latitude_rad"][:1], params[md + "longitude_rad"][:1], params[md + "height_m"][:1],
        params[md + "azimuth_rad"][:1], params[md + "elevation_rad"][:1])
    speed = float(params[md + "exit_speed_m_s"][0])
    minimum = float(threshold[0])
    return {
        "method": "patched_conic",
        "heliocentric_fraction": float(phi.mean()),
        "exit_speed_m_s": speed,
        "minimum_escape_exit_speed_m_s": None if np.isnan(minimum) else minimum,
        "margin_m_s": None if np.isnan(minimum) else speed - minimum,
    }
