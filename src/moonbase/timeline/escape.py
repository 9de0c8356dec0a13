"""Fraction of mass-driver payloads that reach heliocentric orbit, per sample.

The seam between the trajectory models and the timeline, chosen by
``trajectory.escape_model`` in the scenario.
"""

from __future__ import annotations

import numpy as np

from moonbase.orbits.patched_conics import escapes_earth_moon_system
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
