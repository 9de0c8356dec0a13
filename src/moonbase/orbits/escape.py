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
    the Earth or stay bound are losses. A single sample propagates its ensemble (once
    per distinct set of inputs in a process); a sample set reads every ensemble's
    payloads from the cached table of propagated payload fates
    (:mod:`moonbase.orbits.fate_surrogate`), built once per site, duration, force
    model, ephemeris and tolerance, with direct propagation where the table cannot
    decide (docs/design/fate_surrogate.md).

The model choice is not numeric, so it is not in ``params``: pass the trajectory block's
choices (:data:`ESCAPE_CHOICES`); without them the patched conic decides.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from moonbase.constants import SECONDS_PER_DAY
from moonbase.domain import Params
from moonbase.execution.executor import Executor
from moonbase.orbits.ensembles import LaunchEnsemble, ensemble_chunk, ensemble_summary
from moonbase.orbits.ephemeris import TdbEpoch, epoch_from_utc
from moonbase.orbits.fate_surrogate import (
    SurrogateKey,
    build_tiles,
    direct_fate_fractions,
    ensemble_fate_fractions,
    ensemble_inputs,
    load_table,
    needed_tiles,
)
from moonbase.orbits.fates import FATES
from moonbase.orbits.patched_conics import (
    escapes_earth_moon_system,
    minimum_escape_exit_speed_m_s,
)

_MD = "mass_driver."
_TR = "trajectory."
_SITE_KEYS = ("latitude_rad", "longitude_rad", "height_m", "azimuth_rad", "elevation_rad", "exit_speed_m_s")
_ENSEMBLE_KEYS = ("window_s", "count", "duration_s", "speed_sigma_m_s", "angle_sigma_rad", "seed")
#: The trajectory block's model choices read here: ``escape_model`` (``"patched_conic"`` or
#: ``"propagated"``) and ``epoch`` (start of the firing window, ISO 8601 UTC).
ESCAPE_CHOICES = ("escape_model", "epoch")
#: The ``escape_model`` choice that propagates launch ensembles.
PROPAGATED = "propagated"
#: Distinct ensembles from which a sample set reads the fate table instead of propagating each
#: (below it, propagating is cheaper than building the table's tiles for a new site).
SURROGATE_MIN_ENSEMBLES = 16
#: Optional choice: ``FATE_TABLE: "on"`` reads the fate table for every sample set, whatever its
#: size (a Monte Carlo sets it, so its chunks read the table whatever their size).
FATE_TABLE = "fate_table"


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


def _sample_rows(params: Params) -> list[tuple[tuple[float, ...], tuple[float, ...]]]:
    """Per sample: (site and track, ensemble settings) as plain tuples."""
    site = np.column_stack([np.asarray(params[_MD + key], dtype=float) for key in _SITE_KEYS]).tolist()
    settings = np.column_stack([np.asarray(params[_TR + key], dtype=float) for key in _ENSEMBLE_KEYS]).tolist()
    return [(tuple(s), (w, int(c), d, v, a, int(seed))) for s, (w, c, d, v, a, seed) in zip(site, settings)]


def _ensemble(site: tuple[float, ...], settings: tuple[float, ...], epoch: TdbEpoch) -> LaunchEnsemble:
    window_s, count, duration_s, speed_sigma_m_s, angle_sigma_rad, seed = settings
    return LaunchEnsemble(*site, epoch, count=int(count), duration_s=duration_s,
                          speed_sigma_m_s=speed_sigma_m_s, angle_sigma_rad=angle_sigma_rad, window_s=window_s,
                          seed=int(seed))


def _uses_table(rows, choices: Mapping[str, str]) -> bool:
    return choices.get(FATE_TABLE) == "on" or len(set(rows)) >= SURROGATE_MIN_ENSEMBLES


def _surrogate_groups(params: Params, choices: Mapping[str, str]):
    """Distinct ensembles of a sample set grouped by surrogate key, and each sample's ensemble."""
    rows = _sample_rows(params)
    distinct = list(dict.fromkeys(rows))
    groups: dict[tuple[float, ...], list[int]] = {}
    for i, (site, settings) in enumerate(distinct):
        groups.setdefault((*site[:3], settings[2]), []).append(i)
    epoch = epoch_from_utc(choices["epoch"])
    ensembles = [_ensemble(site, settings, epoch) for site, settings in distinct]
    index = {row: i for i, row in enumerate(distinct)}
    return groups, ensembles, [index[row] for row in rows]


def prepare_fate_surrogate(params: Params, choices: Mapping[str, str] | None, executor: Executor | None = None,
                           on_tiles=None, cache_dir=None) -> int:
    """Build, on ``executor``, the fate-table tiles that a sample set's ensembles need.

    Does nothing unless the propagated model is chosen and the set has at least
    :data:`SURROGATE_MIN_ENSEMBLES` distinct ensembles (or ``choices`` turn
    :data:`FATE_TABLE` on). Returns the number of tiles
    built (0 when the cache already holds them all).
    """
    if not _propagated(choices) or not _uses_table(_sample_rows(params), choices):
        return 0
    groups, ensembles, _ = _surrogate_groups(params, choices)
    built = 0
    for (latitude_rad, longitude_rad, height_m, duration_s), members in groups.items():
        key = SurrogateKey(latitude_rad, longitude_rad, height_m, duration_s)
        table = load_table(key, cache_dir)
        inputs = np.concatenate([ensemble_inputs(ensembles[i]) for i in members])
        before = table.tile_keys.size
        table = build_tiles(table, needed_tiles(key.lattice, *inputs.T), executor, cache_dir, on_tiles)
        built += table.tile_keys.size - before
    return built


def sample_fate_fractions(params: Params, choices: Mapping[str, str],
                          cache_dir=None) -> tuple[list[dict[str, float]], dict[str, Any]]:
    """Fate fractions per sample read from the fate table, and what the table did.

    Returns the ``{fate: fraction}`` of each sample and ``{"method", "max_error_bound",
    "payloads_propagated_directly"}`` (the largest error bound left after the fallback [-]
    and the payloads this call propagated).
    """
    groups, ensembles, sample_ensemble = _surrogate_groups(params, choices)
    fractions: list[dict[str, float]] = [{} for _ in ensembles]
    bound = 0.0
    fallback = 0
    for (latitude_rad, longitude_rad, height_m, duration_s), members in groups.items():
        key = SurrogateKey(latitude_rad, longitude_rad, height_m, duration_s)
        result = ensemble_fate_fractions(key, [ensembles[i] for i in members], cache_dir=cache_dir)
        for i, values in zip(members, result.as_dicts()):
            fractions[i] = values
        bound = max(bound, float(result.error_bound.max()))
        fallback += int(result.fallback_payloads.sum())
    info = {"method": "fate_table", "max_error_bound": bound, "payloads_propagated_directly": fallback}
    return [fractions[i] for i in sample_ensemble], info


@dataclass(frozen=True)
class SurrogateCheck:
    """Fate fractions of ``n`` ensembles from the fate table and from direct propagation.

    ``surrogate`` and ``direct`` are (n, 4) fractions in the order of
    :data:`moonbase.orbits.fates.FATES` [-]; ``error`` (n,) is the largest absolute
    difference over the four fates [-]; ``fallback_payloads`` the payloads the table
    propagated directly; ``table_s``, ``direct_s`` the wall times [s] (the table's
    includes building tiles it lacked).
    """

    surrogate: np.ndarray
    direct: np.ndarray
    error: np.ndarray
    error_bound: np.ndarray
    fallback_payloads: int
    table_s: float
    direct_s: float


def surrogate_check(params: Params, choices: Mapping[str, str], executor: Executor | None = None,
                    cache_dir=None) -> SurrogateCheck:
    """Compare the fate table with direct propagation on every distinct ensemble of a sample set.

    Parameters
    ----------
    params : dict
        Flat parameter arrays of the samples (each sample one ensemble).
    choices : mapping
        The trajectory block's :data:`ESCAPE_CHOICES` (the epoch is read; the table is used
        whatever ``escape_model`` says).
    executor : Executor, optional
        Where missing tiles are built.
    """
    groups, ensembles, _ = _surrogate_groups(params, choices)
    surrogate = np.zeros((len(ensembles), len(FATES)))
    bound = np.zeros(len(ensembles))
    fallback = 0
    started = time.perf_counter()
    for (latitude_rad, longitude_rad, height_m, duration_s), members in groups.items():
        key = SurrogateKey(latitude_rad, longitude_rad, height_m, duration_s)
        result = ensemble_fate_fractions(key, [ensembles[i] for i in members], executor=executor,
                                         cache_dir=cache_dir)
        surrogate[members] = result.fractions
        bound[members] = result.error_bound
        fallback += int(result.fallback_payloads.sum())
    table_s = time.perf_counter() - started
    started = time.perf_counter()
    direct = np.array([direct_fate_fractions(e) for e in ensembles])
    direct_s = time.perf_counter() - started
    return SurrogateCheck(surrogate, direct, np.abs(surrogate - direct).max(axis=1), bound, fallback, table_s,
                          direct_s)


def _sample_fractions(params: Params, choices: Mapping[str, str]) -> list[dict[str, float]]:
    """Fate fractions per sample: one sample propagates; a sample set reads the fate table."""
    rows = _sample_rows(params)
    if _uses_table(rows, choices):
        return sample_fate_fractions(params, choices)[0]
    return [dict(propagated_fate_fractions(*site, choices["epoch"], *settings)) for site, settings in rows]


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
        table_info = None
        if _uses_table(_sample_rows(params), choices):
            per_sample, table_info = sample_fate_fractions(params, choices)
        else:
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
        if table_info is not None:
            report["fate_table"] = table_info
    return report
