"""Fate fractions of launch ensembles from a cached table of propagated payload fates.

A propagated ensemble (:mod:`moonbase.orbits.ensembles`) is a few hundred payloads, each
fired from one site with its own exit speed, azimuth, elevation and firing time. The
fate of one payload is a function of those four launch inputs (the site, the
propagated duration, the force model, the ephemeris and the tolerances held fixed), so
instead of propagating every ensemble of a Monte Carlo this module tabulates that
function once and reads every ensemble's payloads from the table:

- **Design.** Payload fates are propagated on a regular lattice of exit speed, azimuth,
  elevation and absolute firing time (TDB seconds from J2000, so every epoch and phase
  of the lunar month and of the year is one axis, exactly, rather than a periodic
  approximation). The lattice is stored in tiles of a few nodes per axis; only the
  tiles that some payload needs are built, so the design follows the inputs a study
  draws (denser where they fall) and grows when a later study reaches further.
- **Interpolation.** A payload's fate probabilities are the multilinear weights of the
  16 corners of its lattice cell (a one-hot fate per corner). Where the 16 corners, and
  the nodes one step beyond them along exit speed and firing time (64 nodes), agree the
  payload takes their fate; where they disagree (a fate boundary crosses or borders the
  cell: the escape threshold, the edge of an Earth-impact window) it is *mixed*.
- **Error estimate.** Each mixed payload can be wrong by at most 1/count in every fate
  fraction, so the share of mixed payloads bounds the ensemble's fraction error, given
  that cells whose corners agree hold no island of another fate (what the validation
  in ``docs/design/fate_surrogate.md`` measures).
- **Fallback.** When that bound exceeds the tolerance the mixed payloads are propagated
  directly (the same launch states the direct ensemble propagates); the table learns
  their fates, keyed on their exact launch inputs, so a rerun reads them back.
- **Cache.** One file per site, duration, lattice, propagator tolerances, force model
  (the bodies and their GM), ephemeris (a digest of the DE421 data files) and the
  source of the propagator, in the user's cache folder
  (``$XDG_CACHE_HOME/moonbase/fate_surrogate/``; :mod:`moonbase.orbits.fate_table`). Any
  change of those gives a new key, hence a new file that is built afresh: a table is
  never read under another model.

Tiles are built in tasks on an executor (:mod:`moonbase.execution.executor`: in-process
or Dask), and the table is saved after each group of tasks, so an interrupted build
keeps what it finished.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from moonbase.constants import MOON_MEAN_RADIUS_M, SECONDS_PER_DAY
from moonbase.domain import require
from moonbase.execution.executor import Executor, LocalExecutor, execute
from moonbase.orbits.ensembles import (
    LaunchEnsemble,
    ensemble_chunk,
    ensemble_summary,
    launch_draws,
)
from moonbase.orbits.ephemeris import TdbEpoch
from moonbase.orbits.fate_table import (
    CACHE_DIR_ENV,
    FORMAT_VERSION,
    FateTable,
    Lattice,
    SurrogateKey,
    cache_path,
    ephemeris_digest,
    fate_cache_dir,
    force_model,
    load_table,
    save_table,
)
from moonbase.orbits.fates import FATES, fates_from_outcomes
from moonbase.orbits.frames import site_state_icrf
from moonbase.orbits.propagator import PropagatorSettings, propagate

__all__ = [
    "CACHE_DIR_ENV",
    "FALLBACK_TOLERANCE",
    "FORMAT_VERSION",
    "FateTable",
    "Lattice",
    "SurrogateFractions",
    "SurrogateKey",
    "build_tiles",
    "cache_path",
    "direct_fate_fractions",
    "ensemble_fate_fractions",
    "ephemeris_digest",
    "fate_cache_dir",
    "force_model",
    "load_table",
    "missing_tiles",
    "needed_tiles",
    "payload_fate_probabilities",
    "save_table",
    "seconds_from_j2000",
]

#: Fallback threshold: an ensemble whose error bound exceeds this share of its payloads
#: propagates its mixed payloads directly [-] (half the 1-percentage-point accuracy target).
FALLBACK_TOLERANCE = 0.005
_J2000_JD = 2451545.0
_UNKNOWN = -1
_BIAS = 1 << 14  # tile indices in [-2^14, 2^14) per axis, packed into 15 bits each
_FIELD = 1 << 15
_TASK_NODES = 4096  # lattice nodes per build task (~1 s of propagation at 120 days)
_READ_BLOCK = 65536  # payloads read from the table at a time (~40 MB of corner arrays)
_CORNERS = np.array([[(c >> axis) & 1 for axis in range(4)] for c in range(16)], dtype=np.int64)
#: Nodes read along each axis around a payload's cell: the cell's two, and along exit speed and
#: firing time one more on each side, so a fate change in the next cell also marks the payload
#: mixed (bands of another fate a few m/s or hours wide sit beside the escape threshold).
_OFFSETS = (np.array([-1, 0, 1, 2]), np.array([0, 1]), np.array([0, 1]), np.array([-1, 0, 1, 2]))


def seconds_from_j2000(epoch: TdbEpoch, elapsed_s=0.0) -> np.ndarray:
    """TDB seconds from J2000 of ``elapsed_s`` after ``epoch`` [s]."""
    days = (epoch.jd1 - _J2000_JD) + epoch.jd2
    return days * SECONDS_PER_DAY + np.asarray(elapsed_s, dtype=float)


def _epoch_at(seconds: float) -> TdbEpoch:
    return TdbEpoch(_J2000_JD, seconds / SECONDS_PER_DAY)


def _inputs(speed_m_s, azimuth_rad, elevation_rad, time_s) -> np.ndarray:
    return np.stack([np.asarray(x, dtype=float).reshape(-1) for x in (speed_m_s, azimuth_rad, elevation_rad, time_s)],
                    axis=1)


def _unpack(keys: np.ndarray) -> np.ndarray:
    keys = np.asarray(keys, dtype=np.int64)
    out = np.empty((*keys.shape, 4), dtype=np.int64)
    for axis in (3, 2, 1, 0):
        out[..., axis] = keys % _FIELD - _BIAS
        keys = keys // _FIELD
    return out


def _cells(lattice: Lattice, inputs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    scaled = inputs / lattice.steps
    base = np.floor(scaled)
    return base.astype(np.int64), scaled - base


def needed_tiles(lattice: Lattice, speed_m_s, azimuth_rad, elevation_rad, time_s) -> np.ndarray:
    """Packed keys of the tiles holding every corner of these payloads' cells (sorted, unique)."""
    inputs = _inputs(speed_m_s, azimuth_rad, elevation_rad, time_s)
    per_tile = np.array(lattice.tile_nodes, dtype=np.int64)
    keys = [np.zeros(0, dtype=np.int64)]
    for first in range(0, inputs.shape[0], _READ_BLOCK):
        base, _ = _cells(lattice, inputs[first:first + _READ_BLOCK])
        key = np.zeros((base.shape[0], 1), dtype=np.int64)
        for axis in range(4):  # the tiles of the nodes read around a cell along each axis
            tile = (base[:, axis, None] + _OFFSETS[axis]) // per_tile[axis]
            key = (key[:, :, None] * _FIELD + _checked_tile(tile)[:, None, :]).reshape(base.shape[0], -1)
        keys.append(np.unique(key))
    return np.unique(np.concatenate(keys))


def _checked_tile(tile: np.ndarray) -> np.ndarray:
    shifted = tile + _BIAS
    require((shifted >= 0) & (shifted < _FIELD), "tile index", tile, f"within +-{_BIAS} tiles of the origin")
    return shifted


def missing_tiles(table: FateTable, tile_keys: np.ndarray) -> np.ndarray:
    """The keys among ``tile_keys`` that ``table`` has not built."""
    return np.setdiff1d(np.asarray(tile_keys, dtype=np.int64), table.tile_keys)


def _node_values(lattice: Lattice, tile_key: int) -> np.ndarray:
    start = _unpack(np.array([tile_key]))[0] * np.array(lattice.tile_nodes)
    grids = np.meshgrid(*[np.arange(s, s + n) for s, n in zip(start, lattice.tile_nodes)], indexing="ij")
    return np.stack([g.reshape(-1) for g in grids], axis=1) * lattice.steps


def launch_fate_codes(key: SurrogateKey, inputs: np.ndarray) -> np.ndarray:
    """Propagate payloads launched with ``inputs`` (n, 4: exit speed, azimuth, elevation, J2000 time) [SI].

    Returns the fate code of each (index in :data:`moonbase.orbits.fates.FATES`).
    """
    inputs = np.asarray(inputs, dtype=float).reshape(-1, 4)
    origin = float(np.floor(inputs[:, 3].min() / SECONDS_PER_DAY) * SECONDS_PER_DAY)
    elevation = np.clip(inputs[:, 2], -0.5 * np.pi, 0.5 * np.pi)
    return _fate_codes(key, _epoch_at(origin), np.maximum(inputs[:, 0], 0.0), np.mod(inputs[:, 1], 2.0 * np.pi),
                       elevation, inputs[:, 3] - origin)


def _fate_codes(key: SurrogateKey, epoch: TdbEpoch, speed_m_s, azimuth_rad, elevation_rad, start_s) -> np.ndarray:
    """Fate codes of payloads fired from the key's site at ``start_s`` after ``epoch``, propagated."""
    position_m, velocity_m_s = site_state_icrf(key.latitude_rad, key.longitude_rad, key.height_m, azimuth_rad,
                                               elevation_rad, speed_m_s, epoch, start_s)
    moon_radius_m = min(MOON_MEAN_RADIUS_M, MOON_MEAN_RADIUS_M + key.height_m)
    run = propagate(epoch, position_m, velocity_m_s, start_s, key.duration_s, key.settings,
                    moon_radius_m=moon_radius_m)
    return np.array([FATES.index(f) for f in fates_from_outcomes(run.outcome)], dtype=np.int8)


@dataclass(frozen=True)
class TileTask:
    """Tiles of one key to build (one task of a build; picklable for Dask)."""

    key: SurrogateKey
    tile_keys: tuple[int, ...]


def tile_fates(task: TileTask) -> np.ndarray:
    """Fate codes of every node of the task's tiles, shaped ``(tiles, *tile_nodes)`` (pure)."""
    lattice = task.key.lattice
    codes = np.concatenate([launch_fate_codes(task.key, _node_values(lattice, k)) for k in task.tile_keys])
    return codes.reshape(len(task.tile_keys), *lattice.tile_nodes)


def build_tiles(table: FateTable, tile_keys: np.ndarray, executor: Executor | None = None,
                cache_dir: Path | None = None, on_tiles: Callable[[int], None] | None = None,
                save_every: int = 16) -> FateTable:
    """Build the tiles of ``tile_keys`` that ``table`` lacks, on ``executor``, saving as it goes.

    Parameters
    ----------
    table : FateTable
        The table to extend.
    tile_keys : array_like of int
        Packed tile keys wanted (:func:`needed_tiles`).
    executor : Executor, optional
        Where tasks run (default: in-process).
    cache_dir : Path, optional
        Cache folder (default :func:`fate_cache_dir`).
    on_tiles : callable, optional
        Called with the number of tiles each finished task built.
    save_every : int
        Finished tasks between saves of the table.

    Returns
    -------
    FateTable
        The table with every wanted tile.
    """
    todo = missing_tiles(table, tile_keys)
    if todo.size == 0:
        return table
    per_task = max(1, _TASK_NODES // int(np.prod(table.key.lattice.tile_nodes)))
    tasks = [TileTask(table.key, tuple(int(k) for k in todo[i:i + per_task])) for i in range(0, todo.size, per_task)]
    done: list[tuple[TileTask, np.ndarray]] = []
    state = {"table": table, "unsaved": 0}

    def finished(task: TileTask, codes: np.ndarray) -> None:
        done.append((task, codes))
        state["unsaved"] += 1
        if on_tiles is not None:
            on_tiles(len(task.tile_keys))
        if state["unsaved"] >= save_every:
            flush()

    def flush() -> None:
        if not done:
            return
        keys = np.concatenate([np.array(t.tile_keys, dtype=np.int64) for t, _ in done])
        state["table"] = save_table(state["table"].merged(keys, np.concatenate([c for _, c in done])), cache_dir)
        done.clear()
        state["unsaved"] = 0

    execute(executor or LocalExecutor(), tile_fates, tasks, finished)
    flush()
    return state["table"]


def _lookup(keys: np.ndarray, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    position = np.searchsorted(keys, wanted)
    position = np.minimum(position, max(keys.size - 1, 0))
    found = keys[position] == wanted if keys.size else np.zeros(wanted.shape, dtype=bool)
    return position, found


def payload_fate_probabilities(table: FateTable, speed_m_s, azimuth_rad, elevation_rad,
                               time_s) -> tuple[np.ndarray, np.ndarray]:
    """Fate probabilities of payloads from the lattice, and which payloads are mixed.

    Parameters
    ----------
    table : FateTable
        Built tiles.
    speed_m_s, azimuth_rad, elevation_rad, time_s : array_like
        Launch inputs of ``n`` payloads (time: TDB seconds from J2000).

    Returns
    -------
    probabilities : numpy.ndarray
        (n, 4) multilinear weights of the corners' fates (order of :data:`FATES`) [-].
    mixed : numpy.ndarray
        (n,) True where the 16 corners, and the nodes one step further along exit speed and
        firing time, do not share one fate, or one of them is not built.
    """
    inputs = _inputs(speed_m_s, azimuth_rad, elevation_rad, time_s)
    parts = [_block_probabilities(table, inputs[i:i + _READ_BLOCK]) for i in range(0, inputs.shape[0], _READ_BLOCK)]
    if not parts:
        return np.zeros((0, len(FATES))), np.zeros(0, dtype=bool)
    return np.concatenate([p for p, _ in parts]), np.concatenate([m for _, m in parts])


def _block_probabilities(table: FateTable, inputs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`payload_fate_probabilities` of one block of payloads (axis by axis, then the 16 corners)."""
    lattice = table.key.lattice
    base, fraction = _cells(lattice, inputs)
    per_tile = np.array(lattice.tile_nodes, dtype=np.int64)
    n = inputs.shape[0]
    key = np.zeros((n, 1), dtype=np.int64)
    local = np.zeros((n, 1), dtype=np.int64)
    weight = np.ones((n, 1))
    for axis in range(4):  # grow the node set one axis at a time (4 x 2 x 2 x 4 = 64 nodes)
        node = base[:, axis, None] + _OFFSETS[axis]
        key = (key[:, :, None] * _FIELD + _checked_tile(node // per_tile[axis])[:, None, :]).reshape(n, -1)
        local = (local[:, :, None] * per_tile[axis] + (node % per_tile[axis])[:, None, :]).reshape(n, -1)
        # multilinear weights: the cell's two nodes only (the guard nodes weigh 0)
        w = np.where(_OFFSETS[axis] == 0, 1.0 - fraction[:, axis, None],
                     np.where(_OFFSETS[axis] == 1, fraction[:, axis, None], 0.0))
        weight = (weight[:, :, None] * w[:, None, :]).reshape(n, -1)
    position, found = _lookup(table.tile_keys, key)
    flat = table.tiles.reshape(-1)
    codes = np.where(found, flat[np.minimum(position * per_tile.prod() + local, max(flat.size - 1, 0))]
                     if flat.size else _UNKNOWN, _UNKNOWN)
    probabilities = np.stack([(weight * (codes == f)).sum(axis=1) for f in range(len(FATES))], axis=1)
    mixed = np.any(codes != codes[:, :1], axis=1) | np.any(codes == _UNKNOWN, axis=1)
    return probabilities, mixed


def _launch_hash(inputs: np.ndarray) -> np.ndarray:
    """64-bit hashes of exact launch inputs (splitmix64 over the IEEE bits of each column)."""
    bits = np.ascontiguousarray(inputs, dtype=np.float64).view(np.uint64).reshape(-1, 4)
    h = np.full(bits.shape[0], 0x9E3779B97F4A7C15, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for column in range(4):
            h = (h ^ bits[:, column]) * np.uint64(0xBF58476D1CE4E5B9)
            h ^= h >> np.uint64(31)
            h = h * np.uint64(0x94D049BB133111EB)
            h ^= h >> np.uint64(29)
    return h


@dataclass(frozen=True)
class SurrogateFractions:
    """What :func:`ensemble_fate_fractions` returns for ``m`` ensembles.

    Attributes
    ----------
    fractions : numpy.ndarray
        (m, 4) fate fractions (order of :data:`FATES`), each row summing to 1 [-].
    error_bound : numpy.ndarray
        (m,) share of payloads whose fate the lattice left open (after any fallback) [-].
    fallback_payloads : numpy.ndarray
        (m,) payloads propagated directly (learned fates excluded).
    learned_payloads : numpy.ndarray
        (m,) payloads whose fate was read from earlier direct propagations.
    table : FateTable
        The table after the call (with what it built and learned).
    """

    fractions: np.ndarray
    error_bound: np.ndarray
    fallback_payloads: np.ndarray
    learned_payloads: np.ndarray
    table: FateTable

    def as_dicts(self) -> list[dict[str, float]]:
        """Fate fractions per ensemble as ``{fate: fraction}``."""
        return [{fate: float(row[i]) for i, fate in enumerate(FATES)} for row in self.fractions]


def ensemble_inputs(ensemble: LaunchEnsemble) -> np.ndarray:
    """(count, 4) launch inputs of an ensemble's payloads: exit speed, azimuth, elevation, J2000 time [SI]."""
    draws = launch_draws(ensemble)
    return _inputs(draws.exit_speed_m_s, draws.azimuth_rad, draws.elevation_rad,
                   seconds_from_j2000(ensemble.epoch, draws.start_s))


def _check_site(key: SurrogateKey, ensembles: Sequence[LaunchEnsemble]) -> None:
    for e in ensembles:
        same = (e.latitude_rad, e.longitude_rad, e.height_m, e.duration_s) == (
            key.latitude_rad, key.longitude_rad, key.height_m, key.duration_s)
        require(same, "ensemble site and duration", (e.latitude_rad, e.longitude_rad, e.height_m, e.duration_s),
                "those of the surrogate key")


def ensemble_fate_fractions(key: SurrogateKey, ensembles: Sequence[LaunchEnsemble],
                            tolerance: float = FALLBACK_TOLERANCE, executor: Executor | None = None,
                            cache_dir: Path | None = None, table: FateTable | None = None) -> SurrogateFractions:
    """Fate fractions of launch ensembles read from the cached table of ``key``.

    Builds the tiles the ensembles need and the table lacks (on ``executor``), reads
    every payload's fate probabilities, and propagates directly the mixed payloads of
    each ensemble whose error bound exceeds ``tolerance``; their fates are learned.

    Parameters
    ----------
    key : SurrogateKey
        Site, duration, propagator and lattice; every ensemble must share its site and duration.
    ensembles : sequence of LaunchEnsemble
        The ensembles.
    tolerance : float
        Largest accepted error bound per ensemble [-] (share of payloads left open).
    executor : Executor, optional
        Where missing tiles are built (default in-process).
    cache_dir : Path, optional
        Cache folder (default :func:`fate_cache_dir`).
    table : FateTable, optional
        A table already loaded for ``key``.

    Returns
    -------
    SurrogateFractions
    """
    require(0.0 <= tolerance <= 1.0, "tolerance", tolerance, "a share of payloads in [0, 1] (1: never propagate)")
    _check_site(key, ensembles)
    table = load_table(key, cache_dir) if table is None else table
    inputs = [ensemble_inputs(e) for e in ensembles]
    if not inputs:
        empty = np.zeros(0)
        return SurrogateFractions(np.zeros((0, len(FATES))), empty, empty.astype(int), empty.astype(int), table)
    everything = np.concatenate(inputs)
    table = build_tiles(table, needed_tiles(key.lattice, *everything.T), executor, cache_dir)
    learned_position, learned = _lookup(table.learned_keys, _launch_hash(everything))
    probabilities, mixed = payload_fate_probabilities(table, *everything.T)
    known = np.where(learned, table.learned_fates[learned_position] if table.learned_fates.size else 0, _UNKNOWN)
    probabilities[learned] = np.eye(len(FATES))[known[learned]]
    mixed &= ~learned
    bounds = np.cumsum([0] + [len(x) for x in inputs])
    direct = np.zeros(everything.shape[0], dtype=bool)
    for i in range(len(ensembles)):
        part = slice(bounds[i], bounds[i + 1])
        if mixed[part].mean() > tolerance:
            direct[part] = mixed[part]
    if direct.any():
        codes = launch_fate_codes_exact(key, ensembles, inputs, direct, bounds)
        probabilities[direct] = np.eye(len(FATES))[codes]
        mixed &= ~direct
        hashes = _launch_hash(everything[direct])
        table = save_table(table.merged(np.zeros(0, np.int64), np.zeros((0, *key.lattice.tile_nodes), np.int8),
                                        hashes, codes), cache_dir)
    fractions = np.stack([probabilities[bounds[i]:bounds[i + 1]].mean(axis=0) for i in range(len(ensembles))])

    def per(flags: np.ndarray) -> np.ndarray:
        return np.array([flags[bounds[i]:bounds[i + 1]].sum() for i in range(len(ensembles))])

    counts = np.diff(bounds)
    return SurrogateFractions(fractions, per(mixed) / counts, per(direct), per(learned), table)


def launch_fate_codes_exact(key: SurrogateKey, ensembles: Sequence[LaunchEnsemble], inputs: Sequence[np.ndarray],
                            which: np.ndarray, bounds: np.ndarray) -> np.ndarray:
    """Fate codes of the payloads ``which`` (flags over the concatenated ensembles), propagated directly.

    Each payload starts from the state the direct ensemble gives it (its own epoch and
    firing offset), all in one propagation per distinct epoch.
    """
    codes = np.empty(int(which.sum()), dtype=np.int8)
    written = 0
    by_epoch: dict[TdbEpoch, list[int]] = {}
    for i, e in enumerate(ensembles):
        by_epoch.setdefault(e.epoch, []).append(i)
    order = []
    for epoch, members in by_epoch.items():
        rows = np.concatenate([np.flatnonzero(which[bounds[i]:bounds[i + 1]]) + bounds[i] for i in members])
        if rows.size == 0:
            continue
        chosen = np.concatenate(inputs)[rows]
        order.append(rows)
        codes[written:written + rows.size] = _fate_codes(key, epoch, chosen[:, 0], chosen[:, 1], chosen[:, 2],
                                                         chosen[:, 3] - seconds_from_j2000(epoch))
        written += rows.size
    flat = np.flatnonzero(which)
    result = np.empty_like(codes)
    result[np.searchsorted(flat, np.concatenate(order))] = codes
    return result


def direct_fate_fractions(ensemble: LaunchEnsemble, settings: PropagatorSettings | None = None) -> np.ndarray:
    """Fate fractions of an ensemble propagated directly, as the escape model does (order of :data:`FATES`) [-]."""
    chunk = ensemble_chunk(ensemble, np.arange(ensemble.count), settings=settings)
    return np.array([ensemble_summary(chunk.columns)["fate_fractions"][fate] for fate in FATES])
