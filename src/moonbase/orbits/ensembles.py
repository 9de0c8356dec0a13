"""Ensembles of mass-driver launches: dispersions, chunked propagation, launch windows.

An ensemble is a nominal launch (site, track, exit speed, firing epoch) plus
dispersions drawn from a seeded :class:`numpy.random.Generator`: normal errors of exit
speed, azimuth and elevation, and a firing-time offset (normal with ``timing_sigma_s``,
plus, for a window, a uniform or stepped offset across the window). Every payload's
draws depend only on the seed and its index, so any chunk of indices can be propagated
on its own (:func:`ensemble_chunk`, a pure function ready for a Dask executor) and the
concatenated chunks equal a single run.

:func:`launch_window_scan` steps the firing epoch across a window (a synodic month, a
year) and reports per epoch the fate fractions and the spread of the heliocentric
orbits, so a user sees when a site and track can fire.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from moonbase.constants import AU_M, MOON_MEAN_RADIUS_M, SECONDS_PER_DAY
from moonbase.domain import require
from moonbase.orbits.ephemeris import TdbEpoch, body_table, check_epoch, utc_iso
from moonbase.orbits.fates import FATES, fate_fractions, fates_from_outcomes, heliocentric_elements
from moonbase.orbits.frames import site_state_icrf
from moonbase.orbits.lunar_site import check_elevation_rad, check_height_m, check_latitude_rad
from moonbase.orbits.propagator import Propagation, PropagatorSettings, propagate

_KM = 1000.0


@dataclass(frozen=True)
class LaunchEnsemble:
    """A nominal mass-driver launch and its dispersions (SI units).

    Attributes
    ----------
    latitude_rad, longitude_rad, height_m : float
        Site: selenographic latitude, east longitude [rad], height above the mean
        radius [m].
    azimuth_rad, elevation_rad : float
        Track direction: clockwise from north, above the horizontal [rad].
    exit_speed_m_s : float
        Nominal exit speed relative to the surface [m/s].
    epoch : TdbEpoch
        Nominal firing epoch (TDB).
    count : int
        Payloads per firing epoch.
    duration_s : float
        Propagated time per payload [s].
    speed_sigma_m_s, angle_sigma_rad, timing_sigma_s : float
        Standard deviations of the exit speed [m/s], of azimuth and elevation [rad]
        and of the firing time [s] (normal, independent).
    window_s : float
        Firing times spread uniformly over ``[0, window_s)`` after ``epoch`` (0: all at
        the epoch) [s]; what a continuously firing driver sees.
    seed : int
        Seed of the Generator that draws the dispersions.
    """

    latitude_rad: float
    longitude_rad: float
    height_m: float
    azimuth_rad: float
    elevation_rad: float
    exit_speed_m_s: float
    epoch: TdbEpoch
    count: int = 1000
    duration_s: float = 365.0 * SECONDS_PER_DAY
    speed_sigma_m_s: float = 0.0
    angle_sigma_rad: float = 0.0
    timing_sigma_s: float = 0.0
    window_s: float = 0.0
    seed: int = 0

    def __post_init__(self) -> None:
        check_latitude_rad(self.latitude_rad)
        check_elevation_rad(self.elevation_rad)
        check_height_m(self.height_m)
        require(self.exit_speed_m_s > 0.0, "exit_speed_m_s", self.exit_speed_m_s, "a speed > 0 m/s")
        require(self.count >= 1, "count", self.count, "at least 1 payload")
        require(self.duration_s > 0.0, "duration_s", self.duration_s, "a duration > 0 s")
        for name in ("speed_sigma_m_s", "angle_sigma_rad", "timing_sigma_s", "window_s"):
            value = getattr(self, name)
            require(value >= 0.0 and np.isfinite(value), name, value, "a finite value >= 0")
        check_epoch(self.epoch, [-4.0 * self.timing_sigma_s,
                                 self.window_s + self.duration_s + 4.0 * self.timing_sigma_s])


@dataclass(frozen=True)
class LaunchDraws:
    """Per-payload launch parameters of an ensemble (SI; times after the epoch)."""

    start_s: np.ndarray
    azimuth_rad: np.ndarray
    elevation_rad: np.ndarray
    exit_speed_m_s: np.ndarray


def launch_draws(ensemble: LaunchEnsemble, offsets_s: Sequence[float] = (0.0,)) -> LaunchDraws:
    """Draw every payload's firing time, azimuth, elevation and exit speed.

    Parameters
    ----------
    ensemble : LaunchEnsemble
        Nominal launch and dispersions.
    offsets_s : sequence of float
        Firing-epoch offsets of a window scan [s after the epoch]; ``count`` payloads
        each, in blocks (payload ``j * count + i`` is payload ``i`` of offset ``j``).

    Returns
    -------
    LaunchDraws
        Arrays of ``count * len(offsets_s)`` values.

    Notes
    -----
    One Generator (``numpy.random.default_rng(seed)``) draws, for all payloads at once
    and in this order: the uniform window position, the normal timing, speed, azimuth
    and elevation errors. Elevations are folded back into [-90, 90] deg. The same seed
    gives the same payloads however the ensemble is later chunked.

    Examples
    --------
    >>> from moonbase.orbits.ephemeris import epoch_from_utc
    >>> e = LaunchEnsemble(0.0, -np.pi / 2, 0.0, 0.0, np.pi / 2, 2500.0, epoch_from_utc("2030-01-01T00:00:00"),
    ...                    count=3, speed_sigma_m_s=1.0)
    >>> launch_draws(e).exit_speed_m_s.shape
    (3,)
    """
    offsets_s = np.asarray(offsets_s, dtype=float).reshape(-1)
    n = ensemble.count * offsets_s.size
    rng = np.random.default_rng(ensemble.seed)
    window = rng.uniform(0.0, 1.0, n) * ensemble.window_s
    timing = rng.normal(0.0, 1.0, n) * ensemble.timing_sigma_s
    speed = ensemble.exit_speed_m_s + rng.normal(0.0, 1.0, n) * ensemble.speed_sigma_m_s
    azimuth = ensemble.azimuth_rad + rng.normal(0.0, 1.0, n) * ensemble.angle_sigma_rad
    elevation = ensemble.elevation_rad + rng.normal(0.0, 1.0, n) * ensemble.angle_sigma_rad
    # fold elevations beyond the zenith back (the direction crosses over the vertical)
    over = elevation > 0.5 * np.pi
    elevation = np.where(over, np.pi - elevation, elevation)
    azimuth = np.where(over, azimuth + np.pi, azimuth)
    under = elevation < -0.5 * np.pi
    elevation = np.where(under, -np.pi - elevation, elevation)
    azimuth = np.where(under, azimuth + np.pi, azimuth)
    start = np.repeat(offsets_s, ensemble.count) + window + timing
    return LaunchDraws(start, np.mod(azimuth, 2.0 * np.pi), elevation, np.maximum(speed, 0.0))


@dataclass(frozen=True)
class EnsembleChunk:
    """Results of a chunk of payloads: tidy columns (SI, with units in the names).

    ``samples_m`` (recorded, times, 3) holds the sampled paths of the payloads
    ``sampled_payloads`` at ``sample_offsets_s`` after their launch.
    """

    columns: dict[str, np.ndarray]
    steps: int
    samples_m: np.ndarray | None = None
    sample_offsets_s: np.ndarray | None = None
    sampled_payloads: np.ndarray | None = None

    @property
    def count(self) -> int:
        """Number of payloads in the chunk."""
        return int(len(self.columns["payload"]))


def _result_columns(run: Propagation, payload: np.ndarray, start_s: np.ndarray, position_m: np.ndarray,
                    velocity_m_s: np.ndarray) -> dict[str, np.ndarray]:
    fates = fates_from_outcomes(run.outcome)
    elements = heliocentric_elements(run.final_position_m, run.final_velocity_m_s, run.epoch, run.final_time_s)
    helio = fates == "heliocentric"

    def helio_only(values):
        return np.where(helio, values, np.nan)

    return {
        "payload": payload.astype(np.int64),
        "launch_time_s": start_s,
        "x_m": position_m[:, 0], "y_m": position_m[:, 1], "z_m": position_m[:, 2],
        "vx_m_s": velocity_m_s[:, 0], "vy_m_s": velocity_m_s[:, 1], "vz_m_s": velocity_m_s[:, 2],
        "fate": fates,
        "event_time_s": run.event_time_s - start_s,
        "final_time_s": run.final_time_s,
        "final_x_m": run.final_position_m[:, 0], "final_y_m": run.final_position_m[:, 1],
        "final_z_m": run.final_position_m[:, 2],
        "final_vx_m_s": run.final_velocity_m_s[:, 0], "final_vy_m_s": run.final_velocity_m_s[:, 1],
        "final_vz_m_s": run.final_velocity_m_s[:, 2],
        "semi_major_axis_m": helio_only(elements.semi_major_axis_m),
        "eccentricity": helio_only(elements.eccentricity),
        "inclination_rad": helio_only(elements.inclination_rad),
        "longitude_of_node_rad": helio_only(elements.longitude_of_node_rad),
        "argument_of_perihelion_rad": helio_only(elements.argument_of_perihelion_rad),
        "perihelion_m": helio_only(elements.perihelion_m),
        "aphelion_m": helio_only(elements.aphelion_m),
        "steps": run.steps,
        "integration_ok": run.outcome >= 0,
    }


def ensemble_chunk(ensemble: LaunchEnsemble, indices, offsets_s: Sequence[float] = (0.0,),
                   settings: PropagatorSettings | None = None, sample_offsets_s=None,
                   record_every: int = 0) -> EnsembleChunk:
    """Propagate the payloads ``indices`` of an ensemble (pure; one task of a chunked run).

    Parameters
    ----------
    ensemble : LaunchEnsemble
        Nominal launch and dispersions.
    indices : array_like of int
        Payload indices in ``[0, count * len(offsets_s))``.
    offsets_s : sequence of float
        Firing-epoch offsets of a window scan [s] (see :func:`launch_draws`).
    settings : PropagatorSettings, optional
        Propagator settings.
    sample_offsets_s : array_like, optional
        Times after launch at which to record positions of sampled payloads [s].
    record_every : int
        Record the path of every payload whose index is a multiple of this (0: none).

    Returns
    -------
    EnsembleChunk
        One row per payload: launch, initial barycentric state, fate, event time after
        launch, final state, heliocentric elements (NaN unless heliocentric), steps.

    Examples
    --------
    >>> from moonbase.orbits.ephemeris import epoch_from_utc
    >>> e = LaunchEnsemble(0.0, -np.pi / 2, 0.0, 0.0, np.pi / 2, 2500.0, epoch_from_utc("2030-01-01T00:00:00"),
    ...                    count=4, duration_s=86400.0 * 20)
    >>> ensemble_chunk(e, [0, 1]).columns["fate"].tolist()
    ['heliocentric', 'heliocentric']
    """
    indices = np.asarray(indices, dtype=np.int64).reshape(-1)
    draws = launch_draws(ensemble, offsets_s)
    require((indices >= 0) & (indices < draws.start_s.size), "indices", indices,
            f"payload indices in [0, {draws.start_s.size})")
    start_s = draws.start_s[indices]
    position_m, velocity_m_s = site_state_icrf(
        ensemble.latitude_rad, ensemble.longitude_rad, ensemble.height_m, draws.azimuth_rad[indices],
        draws.elevation_rad[indices], draws.exit_speed_m_s[indices], ensemble.epoch, start_s)
    moon_radius_m = min(MOON_MEAN_RADIUS_M, MOON_MEAN_RADIUS_M + ensemble.height_m)
    record = (indices % record_every == 0) if record_every > 0 else None
    run = propagate(ensemble.epoch, position_m, velocity_m_s, start_s, ensemble.duration_s, settings,
                    moon_radius_m=moon_radius_m, sample_offsets_s=sample_offsets_s if record is not None else None,
                    record=record)
    columns = _result_columns(run, indices, start_s, position_m, velocity_m_s)
    columns["azimuth_rad"] = draws.azimuth_rad[indices]
    columns["elevation_rad"] = draws.elevation_rad[indices]
    columns["exit_speed_m_s"] = draws.exit_speed_m_s[indices]
    columns["window_offset_s"] = np.repeat(np.asarray(offsets_s, dtype=float), ensemble.count)[indices]
    return _chunk(columns, run, indices, record, sample_offsets_s)


def states_chunk(epoch: TdbEpoch, start_s, position_m, velocity_m_s, indices, duration_s: float,
                 settings: PropagatorSettings | None = None, sample_offsets_s=None,
                 record_every: int = 0) -> EnsembleChunk:
    """Propagate explicit initial states ``indices`` (pure; one task of a chunked run).

    Parameters
    ----------
    epoch : TdbEpoch
        Reference epoch.
    start_s : array_like
        (n,) time of each state [s after epoch].
    position_m, velocity_m_s : array_like
        (n, 3) barycentric ICRF states [m], [m/s].
    indices : array_like of int
        Rows to propagate.
    duration_s : float
        Propagated time per payload [s].
    settings, sample_offsets_s, record_every
        As for :func:`ensemble_chunk`.

    Returns
    -------
    EnsembleChunk
        As :func:`ensemble_chunk`, without the launch columns.

    Examples
    --------
    >>> from moonbase.orbits.ephemeris import epoch_from_utc, body_state_m
    >>> e = epoch_from_utc("2030-01-01T00:00:00")
    >>> p, v = body_state_m("earth", e)
    >>> c = states_chunk(e, [0.0], p[None] + [[4.2164e7, 0, 0]], v[None] + [[0, 3074.7, 0]], [0], 86400.0)
    >>> c.columns["fate"].tolist()
    ['earth_moon_bound']
    """
    indices = np.asarray(indices, dtype=np.int64).reshape(-1)
    start_s = np.asarray(start_s, dtype=float)[indices]
    position_m = np.asarray(position_m, dtype=float)[indices]
    velocity_m_s = np.asarray(velocity_m_s, dtype=float)[indices]
    record = (indices % record_every == 0) if record_every > 0 else None
    run = propagate(epoch, position_m, velocity_m_s, start_s, duration_s, settings,
                    sample_offsets_s=sample_offsets_s if record is not None else None, record=record)
    columns = _result_columns(run, indices, start_s, position_m, velocity_m_s)
    return _chunk(columns, run, indices, record, sample_offsets_s)


def _chunk(columns, run: Propagation, indices, record, sample_offsets_s) -> EnsembleChunk:
    sampled = None if run.samples_m is None else indices[record]
    offsets = None if run.samples_m is None else np.asarray(sample_offsets_s, dtype=float)
    return EnsembleChunk(columns, int(run.steps.sum()), run.samples_m, offsets, sampled)


def chunk_indices(total: int, chunk_size: int) -> list[np.ndarray]:
    """Split ``range(total)`` into consecutive index chunks of at most ``chunk_size``.

    Examples
    --------
    >>> [c.tolist() for c in chunk_indices(5, 2)]
    [[0, 1], [2, 3], [4]]
    """
    require(chunk_size >= 1, "chunk_size", chunk_size, "at least 1")
    return [np.arange(first, min(first + chunk_size, total)) for first in range(0, total, chunk_size)]


def merge_chunks(chunks: Iterable[EnsembleChunk]) -> EnsembleChunk:
    """Concatenate chunk results in payload order.

    Examples
    --------
    >>> a = EnsembleChunk({"payload": np.array([1])}, 3)
    >>> b = EnsembleChunk({"payload": np.array([0])}, 4)
    >>> merge_chunks([a, b]).columns["payload"].tolist()
    [0, 1]
    """
    chunks = list(chunks)
    require(len(chunks) > 0, "chunks", chunks, "at least one chunk")
    columns = {name: np.concatenate([c.columns[name] for c in chunks]) for name in chunks[0].columns}
    order = np.argsort(columns["payload"], kind="stable")
    columns = {name: values[order] for name, values in columns.items()}
    recorded = [c for c in chunks if c.samples_m is not None and c.samples_m.shape[0]]
    if not recorded:
        return EnsembleChunk(columns, sum(c.steps for c in chunks))
    sampled = np.concatenate([c.sampled_payloads for c in recorded])
    order = np.argsort(sampled, kind="stable")
    samples = np.concatenate([c.samples_m for c in recorded])[order]
    return EnsembleChunk(columns, sum(c.steps for c in chunks), samples, recorded[0].sample_offsets_s,
                         sampled[order])


def _spread(values: np.ndarray) -> dict[str, float | None]:
    values = values[np.isfinite(values)]
    if values.size == 0:
        return {key: None for key in ("min", "p10", "p50", "p90", "max")}
    p = np.percentile(values, [0, 10, 50, 90, 100])
    return dict(zip(("min", "p10", "p50", "p90", "max"), (float(x) for x in p)))


def ensemble_summary(columns: dict[str, np.ndarray]) -> dict[str, Any]:
    """Fate fractions and the spread of heliocentric orbits of an ensemble.

    Parameters
    ----------
    columns : dict
        Columns of an :class:`EnsembleChunk`.

    Returns
    -------
    dict
        ``count``, ``fate_fractions`` (the four fates, summing to 1), ``fate_counts``,
        ``heliocentric`` (percentiles of a [au], e, i [deg], perihelion and aphelion [au]),
        ``event_time_days`` (median per fate), ``integration_failures``.

    Examples
    --------
    >>> s = ensemble_summary({"fate": np.array(["heliocentric"]), "semi_major_axis_m": np.array([1.6e11]),
    ...     "eccentricity": np.array([0.1]), "inclination_rad": np.array([0.01]),
    ...     "perihelion_m": np.array([1.4e11]), "aphelion_m": np.array([1.8e11]),
    ...     "event_time_s": np.array([86400.0 * 9]), "integration_ok": np.array([True])})
    >>> s["fate_fractions"]["heliocentric"], s["heliocentric"]["semi_major_axis_au"]["p50"] > 1.0
    (1.0, True)
    """
    fates = np.asarray(columns["fate"])
    helio = fates == "heliocentric"
    event_days = np.asarray(columns["event_time_s"]) / SECONDS_PER_DAY
    return {
        "count": int(fates.size),
        "fate_fractions": fate_fractions(fates),
        "fate_counts": {fate: int(np.count_nonzero(fates == fate)) for fate in FATES},
        "heliocentric": {
            "count": int(helio.sum()),
            "semi_major_axis_au": _spread(columns["semi_major_axis_m"][helio] / AU_M),
            "eccentricity": _spread(columns["eccentricity"][helio]),
            "inclination_deg": _spread(np.degrees(columns["inclination_rad"][helio])),
            "perihelion_au": _spread(columns["perihelion_m"][helio] / AU_M),
            "aphelion_au": _spread(columns["aphelion_m"][helio] / AU_M),
        },
        "event_time_days_p50": {
            fate: (float(np.nanmedian(event_days[fates == fate]))
                   if np.any(np.isfinite(event_days[fates == fate])) else None)
            for fate in ("lunar_impact", "earth_impact", "heliocentric")
        },
        "integration_failures": int(np.count_nonzero(~np.asarray(columns["integration_ok"], dtype=bool))),
    }


def window_offsets_s(window_s: float, step_s: float) -> np.ndarray:
    """Firing-epoch offsets of a launch-window scan: ``0, step, 2 step, ... < window`` [s].

    Examples
    --------
    >>> (window_offsets_s(86400.0 * 2, 86400.0) / 86400.0).tolist()
    [0.0, 1.0]
    """
    require(window_s > 0.0, "window_s", window_s, "a window > 0 s")
    require(0.0 < step_s, "step_s", step_s, "a step > 0 s")
    return np.arange(0.0, window_s, step_s)


def launch_window_scan(columns: dict[str, np.ndarray], ensemble: LaunchEnsemble,
                       offsets_s: Sequence[float]) -> list[dict[str, Any]]:
    """Per firing epoch of a window scan: fate fractions and heliocentric orbit spread.

    Parameters
    ----------
    columns : dict
        Merged columns of :func:`ensemble_chunk` run with ``offsets_s``.
    ensemble : LaunchEnsemble
        The ensemble (``count`` payloads per epoch).
    offsets_s : sequence of float
        The firing-epoch offsets [s after the epoch].

    Returns
    -------
    list of dict
        One entry per offset: ``epoch_utc``, ``offset_days``, and the
        :func:`ensemble_summary` of its payloads.
    """
    scan = []
    window = np.asarray(columns["window_offset_s"])
    for offset in np.asarray(offsets_s, dtype=float):
        mask = window == offset
        part = {name: np.asarray(values)[mask] for name, values in columns.items()}
        entry = {"epoch_utc": utc_iso(ensemble.epoch, offset), "offset_days": float(offset / SECONDS_PER_DAY)}
        entry.update(ensemble_summary(part))
        scan.append(entry)
    return scan
