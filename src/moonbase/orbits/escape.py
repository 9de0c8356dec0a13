"""Fraction of mass-driver payloads that reach heliocentric orbit, per sample.

What the system model's deep-space tier reads of the trajectory models, chosen by
``trajectory.escape_model`` in the scenario:

``patched_conic``
    A site, track and exit speed either escape (1) or not (0)
    (:func:`moonbase.orbits.patched_conics.escapes_earth_moon_system`).
``propagated``
    An ensemble fired from the site across ``trajectory.window`` with dispersions is
    propagated through the DE421 solar system (:mod:`moonbase.orbits.ensembles`); the
    escape fraction is its heliocentric fraction, and the payloads that hit the Moon or
    the Earth or stay bound are losses. Computed once per distinct set of inputs and
    cached for the life of the process.

The model choice is not numeric, so it is not in ``params``: pass the trajectory block's
choices (:data:`ESCAPE_CHOICES`); without them the patched conic decides.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

import numpy as np

from moonbase.constants import SECONDS_PER_DAY
from moonbase.domain import Params
from moonbase.orbits.ensembles import LaunchEnsemble, ensemble_chunk, ensemble_summary
from moonbase.orbits.ephemeris import epoch_from_utc
from moonbase.orbits.patched_conics import escapes_earth_moon_system, minimum_escape_exit_speed_m_s

_MD = "mass_driver."
_TR = "trajectory."
_SITE_KEYS = ("latitude_rad", "longitude_rad", "height_m", "azimuth_rad", "elevation_rad", "exit_speed_m_s")
_ENSEMBLE_KEYS = ("window_s", "count", "duration_s", "speed_sigma_m_s", "angle_sigma_rad", "seed")
#: The trajectory block's model choices read here: ``escape_model`` (``"patched_conic"`` or
#: ``"propagated"``) and ``epoch`` (start of the firing window, ISO 8601 UTC).
ESCAPE_CHOICES = ("escape_model", "epoch")
#: The ``escape_model`` choice that propagates launch ensembles.
PROPAGATED = "propagated"


def _propagated(choices: Mapping[str, str] | None) -> bool:
    return choices is not None and choices["escape_model"] == PROPAGATED


@functools.lru_cache(maxsize=64)
def propagated_fate_fractions(latitude_rad: float, longitude_rad: float, height_m: float, azimuth_rad: float,
                              elevation_rad: float, exit_speed_m_s: float, epoch_utc: str, window_s: float,
                              count: int, duration_s: float, speed_sigma_m_s: float, angle_sigma_rad: float,
                              seed: int) -> tuple[tuple[str, float], ...]:
    """Fate fractions of a propagated mass-driver ensemble (cached on its inputs).

    Parameters
    ----------
    latitude_rad, longitude_rad, height_m, azimuth_rad, elevation_rad, exit_speed_m_s : float
        Site, track and nominal exit speed (SI; see :class:`moonbase.orbits.ensembles.LaunchEnsemble`).
    epoch_utc : str
        Start of the firing window (ISO 8601, UTC).
    window_s, count, duration_s, speed_sigma_m_s, angle_sigma_rad, seed
        Ensemble settings (SI).

    Returns
    -------
    tuple of (fate, fraction)
        The four fates of :data:`moonbase.orbits.fates.FATES` with their fractions [-].
    """
    ensemble = LaunchEnsemble(latitude_rad, longitude_rad, height_m, azimuth_rad, elevation_rad, exit_speed_m_s,
                              epoch_from_utc(epoch_utc), count=int(count), duration_s=duration_s,
                              speed_sigma_m_s=speed_sigma_m_s, angle_sigma_rad=angle_sigma_rad,
                              window_s=window_s, seed=int(seed))
    chunk = ensemble_chunk(ensemble, np.arange(ensemble.count))
    return tuple(ensemble_summary(chunk.columns)["fate_fractions"].items())


def _sample_fractions(params: Params, choices: Mapping[str, str]) -> list[dict[str, float]]:
    """Fate fractions per sample (distinct inputs computed once)."""
    samples = len(params[_MD + "exit_speed_m_s"])
    fractions = []
    for k in range(samples):
        site = [float(params[_MD + key][k]) for key in _SITE_KEYS]
        ensemble = [float(params[_TR + key][k]) for key in _ENSEMBLE_KEYS]
        ensemble[1] = int(ensemble[1])
        ensemble[5] = int(ensemble[5])
        fractions.append(dict(propagated_fate_fractions(*site, choices["epoch"], *ensemble)))
    return fractions


def escape_fraction(params: Params, choices: Mapping[str, str] | None = None) -> np.ndarray:
    """Fraction of fired payloads reaching heliocentric orbit, per sample [-].

    Parameters
    ----------
    params : dict
        Flat parameter arrays (:func:`moonbase.scenario.params.timeline_params`).
    choices : mapping, optional
        The trajectory block's :data:`ESCAPE_CHOICES`; without them the patched conic decides.

    Returns
    -------
    numpy.ndarray
        ``(samples,)`` fractions in [0, 1].
    """
    if _propagated(choices):
        return np.array([f["heliocentric"] for f in _sample_fractions(params, choices)])
    escapes = escapes_earth_moon_system(*(params[_MD + key] for key in _SITE_KEYS))
    return np.asarray(escapes, dtype=float)


def escape_report(params: Params, phi: np.ndarray, choices: Mapping[str, str] | None = None) -> dict[str, Any]:
    """What the escape model says of the mass driver's payloads (first sample).

    Always reports the patched-conic threshold (``minimum_escape_exit_speed_m_s``,
    ``margin_m_s``). With the propagated model it adds ``fate_fractions`` (the four
    fates, mean over samples), ``earth_impact_fraction`` and ``flags``, which names
    ``"earth_impact"`` when any payload of any sample falls on the Earth.
    """
    threshold = minimum_escape_exit_speed_m_s(*(params[_MD + key][:1] for key in _SITE_KEYS[:5]))
    speed = float(params[_MD + "exit_speed_m_s"][0])
    minimum = float(threshold[0])
    report: dict[str, Any] = {
        "method": "patched_conic",
        "heliocentric_fraction": float(phi.mean()),
        "exit_speed_m_s": speed,
        "minimum_escape_exit_speed_m_s": None if np.isnan(minimum) else minimum,
        "margin_m_s": None if np.isnan(minimum) else speed - minimum,
    }
    if _propagated(choices):
        per_sample = _sample_fractions(params, choices)
        fates = list(per_sample[0])
        mean = {fate: float(np.mean([f[fate] for f in per_sample])) for fate in fates}
        earth = max(f["earth_impact"] for f in per_sample)
        report.update({
            "method": "propagated",
            "fate_fractions": mean,
            "earth_impact_fraction": mean["earth_impact"],
            "flags": ["earth_impact"] if earth > 0.0 else [],
            "ensemble": {
                "epoch_utc": choices["epoch"],
                "count": int(params[_TR + "count"][0]),
                "window_days": float(params[_TR + "window_s"][0]) / SECONDS_PER_DAY,
                "duration_days": float(params[_TR + "duration_s"][0]) / SECONDS_PER_DAY,
            },
        })
    return report
