"""The road to a few percent of the Sun: captured power, Kardashev index, doubling times.

Given a power trajectory (e.g. the timeline's ``civilization_power_w``), the
Kardashev index over time (Sagan's interpolation, :mod:`moonbase.physics.kardashev`),
the fraction of the solar luminosity captured, and the ratio to the world's primary
power in 2023; the year a threshold (1 %, 3 % of L_sun) is first reached; and the
doubling time a civilisation would need to reach it by a given date.
Design note: ``docs/design/kardashev_trajectory.md``.

References
----------
.. [1] IAU 2015 Resolution B3: nominal solar luminosity 3.828e26 W.
.. [2] Energy Institute, Statistical Review of World Energy 2024: world primary
   energy 620 EJ in 2023 (19.6 TW).
.. [3] T. Murphy, "Galactic-Scale Energy," Do the Math (blog), 2011, restated in
   "Exponential Economist Meets Finite Physicist" (2012): at 2.3 %/yr growth from
   ~12 TW, "we would consume something comparable to the entire sun in 1400 years".
.. [4] P. T. Metzger et al., J. Aerospace Eng. 26(1):18-29 (2013),
   doi:10.1061/(ASCE)AS.1943-5525.0000236: industry at 1e15 J/yr growing 3x a year
   exceeds US energy use (1e20 J/yr) "within 11 more years".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from moonbase.constants import SOLAR_LUMINOSITY_W, WORLD_PRIMARY_POWER_2023_W
from moonbase.domain import greater, require as _require, scalar_or_array as _scalar_or_array
from moonbase.physics.kardashev import kardashev_index

__all__ = [
    "KardashevTrajectory",
    "solar_fraction_power_w",
    "time_to_reach_s",
    "doubling_time_needed_s",
    "threshold_crossing_s",
    "kardashev_trajectory",
]


def solar_fraction_power_w(fraction):
    """Power equal to a fraction of the Sun's luminosity [W].

    Parameters
    ----------
    fraction : float or array_like
        Fraction of L_sun [-], > 0 (0.01 for 1 %).

    Returns
    -------
    numpy.ndarray or float
        :math:`f L_\\odot` [W]; 1 % is 3.828e24 W.

    Examples
    --------
    >>> solar_fraction_power_w(0.01)
    3.828e+24
    """
    share = greater("fraction", fraction, 0.0, "a fraction of the solar luminosity > 0")
    return _scalar_or_array(share * SOLAR_LUMINOSITY_W)


def time_to_reach_s(start_power_w, target_power_w, doubling_time_s):
    """Time for exponential growth to carry a power to a target [s].

    Parameters
    ----------
    start_power_w : float or array_like
        Power now [W], > 0.
    target_power_w : float or array_like
        Power to reach [W], > 0.
    doubling_time_s : float or array_like
        Doubling time of the power [s], > 0.

    Returns
    -------
    numpy.ndarray or float
        :math:`T_2 \\log_2(P_{target} / P_0)` [s]; negative if the target is
        already passed.

    Notes
    -----
    Pure exponential growth with no ceiling: an upper bound on speed, since the
    logistic limits (land, regolith, the Sun itself) only slow it down.

    Examples
    --------
    >>> time_to_reach_s(1.0, 8.0, 2.0)
    6.0
    """
    start = greater("start_power_w", start_power_w, 0.0, "a power > 0 W")
    target = greater("target_power_w", target_power_w, 0.0, "a power > 0 W")
    doubling = greater("doubling_time_s", doubling_time_s, 0.0, "a doubling time > 0 s")
    return _scalar_or_array(doubling * np.log2(target / start))


def doubling_time_needed_s(start_power_w, target_power_w, available_s):
    """Doubling time that carries a power to a target within a given time [s].

    Parameters
    ----------
    start_power_w : float or array_like
        Power at the start [W], > 0.
    target_power_w : float or array_like
        Power to reach [W], > ``start_power_w``.
    available_s : float or array_like
        Time available [s], > 0 (e.g. from 2026 to 2100).

    Returns
    -------
    numpy.ndarray or float
        :math:`T_2 = t \\ln 2 / \\ln(P_{target}/P_0)` [s].

    Examples
    --------
    >>> doubling_time_needed_s(1.0, 1024.0, 10.0)
    1.0
    """
    start = greater("start_power_w", start_power_w, 0.0, "a power > 0 W")
    target = np.asarray(target_power_w, dtype=float)
    available = greater("available_s", available_s, 0.0, "a time > 0 s")
    _require(target > start, "target_power_w", target_power_w, "a target above start_power_w")
    return _scalar_or_array(available * np.log(2.0) / np.log(target / start))


def threshold_crossing_s(elapsed_s, power_w, threshold_w):
    """First time a power trajectory reaches a threshold [s] (NaN if it never does).

    Parameters
    ----------
    elapsed_s : array_like, 1-D
        Increasing times of the trajectory [s].
    power_w : array_like
        Power at those times [W], > 0; last axis = time, leading axes = samples.
    threshold_w : float or array_like
        Threshold [W], > 0; broadcasts with the leading axes.

    Returns
    -------
    numpy.ndarray or float
        Crossing time, interpolated linearly in log power between the two
        samples that bracket it [s]; the first time if the trajectory starts
        above the threshold; NaN if it never reaches it.

    Examples
    --------
    >>> float(threshold_crossing_s([0.0, 1.0, 2.0], [1.0, 10.0, 100.0], 1000.0))
    nan
    >>> round(float(threshold_crossing_s([0.0, 1.0, 2.0], [1.0, 10.0, 100.0], 31.6227766)), 6)
    1.5
    """
    times = np.asarray(elapsed_s, dtype=float)
    power = greater("power_w", power_w, 0.0, "powers > 0 W")
    threshold = greater("threshold_w", threshold_w, 0.0, "a threshold > 0 W")
    _require(times.ndim == 1 and times.size >= 1, "elapsed_s", elapsed_s, "a 1-D array of times")
    _require(np.all(np.diff(times) >= 0.0), "elapsed_s", elapsed_s, "increasing times")
    _require(power.shape[-1:] == times.shape, "power_w", power_w, "one power per time (last axis)")
    log_p = np.log(power)
    log_t = np.log(threshold)[..., np.newaxis]
    reached = log_p >= log_t
    first = np.argmax(reached, axis=-1)
    ever = np.any(reached, axis=-1)
    before = np.maximum(first - 1, 0)
    lp0 = np.take_along_axis(np.broadcast_to(log_p, reached.shape), before[..., None], -1)[..., 0]
    lp1 = np.take_along_axis(np.broadcast_to(log_p, reached.shape), first[..., None], -1)[..., 0]
    t0, t1 = times[before], times[first]
    span = lp1 - lp0
    weight = np.where(span > 0.0, (log_t[..., 0] - lp0) / np.where(span > 0.0, span, 1.0), 0.0)
    crossing = np.where(first == 0, times[0], t0 + np.clip(weight, 0.0, 1.0) * (t1 - t0))
    return _scalar_or_array(np.where(ever, crossing, np.nan))


@dataclass(frozen=True)
class KardashevTrajectory:
    """Kardashev view of a power trajectory (arrays shaped like ``power_w``)."""

    elapsed_s: np.ndarray
    power_w: np.ndarray
    kardashev_index: np.ndarray
    solar_fraction: np.ndarray  # P / L_sun [-]
    world_power_ratio: np.ndarray  # P / world primary power 2023 [-]


def kardashev_trajectory(elapsed_s, power_w) -> KardashevTrajectory:
    """Kardashev index, solar fraction and ratio to today's world power along a trajectory.

    Parameters
    ----------
    elapsed_s : array_like, 1-D
        Times [s] (kept for reference).
    power_w : array_like
        Power commanded (captured and used) [W], > 0; last axis = time.

    Returns
    -------
    KardashevTrajectory
        :math:`K = (\\log_{10} P - 6)/10` (Sagan), :math:`P/L_\\odot`, and
        :math:`P / 19.6\\,\\mathrm{TW}` (world primary power in 2023 [2]_).

    Examples
    --------
    >>> out = kardashev_trajectory([0.0], [3.828e24])
    >>> round(float(out.kardashev_index[0]), 3), float(out.solar_fraction[0])
    (1.858, 0.01)
    """
    power = np.asarray(power_w, dtype=float)
    return KardashevTrajectory(
        elapsed_s=np.asarray(elapsed_s, dtype=float), power_w=power,
        kardashev_index=np.asarray(kardashev_index(power)), solar_fraction=power / SOLAR_LUMINOSITY_W,
        world_power_ratio=power / WORLD_PRIMARY_POWER_2023_W)
