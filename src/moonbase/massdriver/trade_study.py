"""Built-in trade study: g-limit against exit speed for a lunar mass driver.

For every pair (acceleration limit, exit speed) the whole machine is designed with
:func:`moonbase.massdriver.design.mass_driver_design` in one vectorised call, and the
energy per tonne that reaches heliocentric orbit is the energy per tonne of useful
payload (after ruggedising for the g-load) divided by the fraction that escapes.
Design note: ``docs/design/mass_driver_machine.md`` (section "Trades").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from moonbase.constants import KG_PER_TONNE
from moonbase.domain import require
from moonbase.massdriver.design import MassDriverInputs, mass_driver_design
from moonbase.orbits.patched_conics import escapes_earth_moon_system

__all__ = ["TradeStudy", "patched_conic_escape_fraction", "mass_driver_trade_study"]


def patched_conic_escape_fraction(latitude_rad, longitude_rad, height_m, azimuth_rad, elevation_rad, exit_speed_m_s):
    """Fraction of payloads reaching heliocentric orbit by the patched-conic verdict (0 or 1) [-]."""
    return np.asarray(escapes_earth_moon_system(latitude_rad, longitude_rad, height_m, azimuth_rad, elevation_rad,
                                                exit_speed_m_s), dtype=float)


@dataclass(frozen=True)
class TradeStudy:
    """Grids of shape (accelerations, exit speeds)."""

    max_acceleration_m_s2: np.ndarray  # (n_a,)
    exit_speed_m_s: np.ndarray  # (n_v,)
    track_length_m: np.ndarray
    time_on_track_s: np.ndarray
    mass_total_kg: np.ndarray
    mass_from_earth_kg: np.ndarray
    energy_per_launch_j: np.ndarray
    peak_power_w: np.ndarray
    useful_payload_fraction: np.ndarray
    escape_fraction: np.ndarray
    energy_per_tonne_delivered_j: np.ndarray  # per tonne of useful payload in heliocentric orbit; inf if none


def mass_driver_trade_study(inputs: MassDriverInputs, max_accelerations_m_s2, exit_speeds_m_s, *,
                            site_rad_m=(0.0, np.pi / 2, 0.0, np.pi / 2, np.pi / 180),
                            escape_fraction: Callable[..., np.ndarray] = patched_conic_escape_fraction,
                            n_segments: int = 128) -> TradeStudy:
    """Sweep the g-limit and the exit speed of a mass driver.

    Parameters
    ----------
    inputs : MassDriverInputs
        The baseline design (scalars); its acceleration and speed are replaced.
    max_accelerations_m_s2, exit_speeds_m_s : array_like
        1-D grids [m/s2], [m/s], > 0.
    site_rad_m : tuple of float, optional
        Latitude [rad], longitude [rad], height [m], azimuth [rad], elevation [rad]
        of the exit, passed to ``escape_fraction``.
    escape_fraction : callable, optional
        ``f(lat, lon, height, azimuth, elevation, exit_speed) -> fraction`` of
        payloads reaching heliocentric orbit; default the patched-conic verdict
        (pass the trajectory layer's fates when available).
    n_segments : int, optional
        Integration segments of the electromagnetic profile.

    Returns
    -------
    TradeStudy
        Track length, mass, energy and energy per tonne delivered on the grid.

    Notes
    -----
    Energy per tonne delivered :math:`= 1000\\,E_{launch} / (m_p (1-\\Delta f)\\,\\phi)`,
    with :math:`\\Delta f` the ruggedisation mass fraction and :math:`\\phi` the
    escape fraction. The power-supply check is lifted in the sweep (the
    firing power is reported instead), so every grid point is designed.

    Examples
    --------
    See ``moonbase massdriver trade``.
    """
    accels = np.atleast_1d(np.asarray(max_accelerations_m_s2, dtype=float))
    speeds = np.atleast_1d(np.asarray(exit_speeds_m_s, dtype=float))
    require(accels > 0.0, "max_acceleration_m_s2", max_accelerations_m_s2, "accelerations > 0 m/s2")
    require(speeds > 0.0, "exit_speed_m_s", exit_speeds_m_s, "speeds > 0 m/s")
    grid = replace(inputs, max_acceleration_m_s2=accels[:, None], exit_speed_m_s=speeds[None, :],
                   power_available_w=np.inf)
    design = mass_driver_design(grid, n_segments=n_segments)
    shape = (accels.size, speeds.size)

    def full(value) -> np.ndarray:
        return np.broadcast_to(np.asarray(value, dtype=float), shape).copy()

    phi = full(escape_fraction(*site_rad_m, speeds)[None, :])
    useful = full(design.useful_payload_kg)
    delivered = useful * phi
    energy = full(design.energy_per_launch_j)
    with np.errstate(divide="ignore", invalid="ignore"):
        per_tonne = np.where(delivered > 0.0, energy * KG_PER_TONNE / np.where(delivered > 0.0, delivered, 1.0), np.inf)
    return TradeStudy(
        max_acceleration_m_s2=accels, exit_speed_m_s=speeds, track_length_m=full(design.track_length_m),
        time_on_track_s=full(design.time_on_track_s), mass_total_kg=full(design.mass_total_kg),
        mass_from_earth_kg=full(design.mass_from_earth_kg), energy_per_launch_j=energy,
        peak_power_w=full(design.peak_power_w), useful_payload_fraction=useful / full(inputs.payload_mass_kg),
        escape_fraction=phi, energy_per_tonne_delivered_j=per_tonne,
    )
