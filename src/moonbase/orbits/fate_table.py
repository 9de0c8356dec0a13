"""The cache file of the fate table: its key, its contents, where it lives, how it is saved.

A table of propagated payload fates (:mod:`moonbase.orbits.fate_surrogate`) is valid only
for what it was computed with. :class:`SurrogateKey` holds all of it: the site, the
propagated duration, the lattice, the propagator's tolerances and event radii, the force
model (the attracting bodies and their GM), a digest of the DE421 data files and a digest
of the propagator's sources. The key's digest names the file, and the file stores the
key's fingerprint, so a changed model reads an empty table and builds afresh; a table is
never read under another model. Files live in the user's cache folder
(:func:`fate_cache_dir`); saves merge with what other processes saved meanwhile, under a
lock, and replace the file atomically.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import json
import math
import os
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import de421 as de421_package
import numpy as np

from moonbase.constants import SECONDS_PER_DAY
from moonbase.domain import require
from moonbase.orbits.ephemeris import BODIES, gm_m3_s2
from moonbase.orbits.propagator import PropagatorSettings

__all__ = [
    "CACHE_DIR_ENV",
    "FORMAT_VERSION",
    "FateTable",
    "Lattice",
    "SurrogateKey",
    "cache_path",
    "ephemeris_digest",
    "fate_cache_dir",
    "force_model",
    "load_table",
    "save_table",
]

#: Version of the file layout and of the meaning of its contents; a different version is rebuilt.
FORMAT_VERSION = 1
#: Environment variable naming the fate-table folder outright (tests and shared clusters set it).
CACHE_DIR_ENV = "MOONBASE_FATE_CACHE_DIR"
_SOURCES = ("propagator.py", "fates.py", "frames.py", "lunar_site.py", "ephemeris.py")


@dataclass(frozen=True)
class Lattice:
    """Spacing of the design lattice and the nodes per tile along each axis (SI).

    Attributes
    ----------
    speed_step_m_s : float
        Exit-speed spacing [m/s].
    angle_step_rad : float
        Azimuth and elevation spacing [rad].
    time_step_s : float
        Firing-time spacing [s].
    tile_nodes : tuple of int
        Nodes per tile along exit speed, azimuth, elevation and time.
    """

    speed_step_m_s: float = 20.0
    angle_step_rad: float = math.radians(0.5)
    time_step_s: float = 0.5 * SECONDS_PER_DAY
    tile_nodes: tuple[int, int, int, int] = (4, 2, 4, 16)

    def __post_init__(self) -> None:
        for name in ("speed_step_m_s", "angle_step_rad", "time_step_s"):
            value = getattr(self, name)
            require(value > 0.0 and np.isfinite(value), name, value, "a finite spacing > 0")
        require(len(self.tile_nodes) == 4 and min(self.tile_nodes) >= 1, "tile_nodes", self.tile_nodes,
                "four counts >= 1 (exit speed, azimuth, elevation, time)")

    @property
    def steps(self) -> np.ndarray:
        """Spacing per axis (exit speed [m/s], azimuth and elevation [rad], time [s])."""
        return np.array([self.speed_step_m_s, self.angle_step_rad, self.angle_step_rad, self.time_step_s])


@functools.lru_cache(maxsize=1)
def ephemeris_digest() -> str:
    """SHA-256 of the DE421 data files that the propagator reads (the ``de421`` package's arrays)."""
    folder = Path(de421_package.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.npy")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def force_model() -> tuple[tuple[str, float], ...]:
    """The attracting bodies of the propagator and their GM [m^3/s^2], as DE421 gives them."""
    return tuple((body, gm_m3_s2(body)) for body in BODIES)


@functools.lru_cache(maxsize=1)
def _integrator_digest() -> str:
    folder = Path(__file__).parent
    digest = hashlib.sha256()
    for name in _SOURCES:
        digest.update((folder / name).read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class SurrogateKey:
    """Everything a table of payload fates depends on; its digest names the cache file.

    Attributes
    ----------
    latitude_rad, longitude_rad, height_m : float
        Launch site (see :class:`moonbase.orbits.ensembles.LaunchEnsemble`).
    duration_s : float
        Propagated time per payload [s].
    settings : PropagatorSettings
        Tolerances and events of the propagator (``threads`` does not count).
    lattice : Lattice
        The design lattice.
    ephemeris : str
        Digest of the ephemeris data (default: :func:`ephemeris_digest`).
    bodies : tuple
        The force model (default: :func:`force_model`).
    integrator : str
        Digest of the propagator's sources (default: those of this installation).
    """

    latitude_rad: float
    longitude_rad: float
    height_m: float
    duration_s: float
    settings: PropagatorSettings = field(default_factory=PropagatorSettings)
    lattice: Lattice = field(default_factory=Lattice)
    ephemeris: str = field(default_factory=lambda: ephemeris_digest())
    bodies: tuple[tuple[str, float], ...] = field(default_factory=lambda: force_model())
    integrator: str = field(default_factory=lambda: _integrator_digest())

    def fingerprint(self) -> dict[str, Any]:
        """The key as plain JSON-ready data (with the format version)."""
        settings = {k: v for k, v in asdict(self.settings).items() if k != "threads"}
        return {"format": FORMAT_VERSION, "site": [self.latitude_rad, self.longitude_rad, self.height_m],
                "duration_s": self.duration_s, "settings": settings, "lattice": asdict(self.lattice),
                "ephemeris": self.ephemeris, "bodies": [list(b) for b in self.bodies],
                "integrator": self.integrator}

    def digest(self) -> str:
        """Short SHA-256 digest of :meth:`fingerprint`."""
        text = json.dumps(self.fingerprint(), sort_keys=True, default=list)
        return hashlib.sha256(text.encode()).hexdigest()[:20]


@dataclass(frozen=True)
class FateTable:
    """Built tiles of a key, and the fates learned from direct propagation.

    ``tile_keys`` (sorted int64) index ``tiles`` (int8 fate codes: the index in
    :data:`moonbase.orbits.fates.FATES`); ``learned_keys`` (sorted uint64 hashes of exact
    launch inputs) index ``learned_fates``.
    """

    key: SurrogateKey
    tile_keys: np.ndarray
    tiles: np.ndarray
    learned_keys: np.ndarray
    learned_fates: np.ndarray

    @classmethod
    def empty(cls, key: SurrogateKey) -> FateTable:
        """A table with nothing built."""
        return cls(key, np.zeros(0, np.int64), np.zeros((0, *key.lattice.tile_nodes), np.int8),
                   np.zeros(0, np.uint64), np.zeros(0, np.int8))

    @property
    def nodes(self) -> int:
        """Number of built lattice nodes."""
        return int(self.tiles.size)

    def merged(self, tile_keys: np.ndarray, tiles: np.ndarray, learned_keys: np.ndarray | None = None,
               learned_fates: np.ndarray | None = None) -> FateTable:
        """A new table with these tiles and learned fates added (existing entries kept)."""
        tk, tv = _union(self.tile_keys, self.tiles, np.asarray(tile_keys, np.int64), tiles)
        lk, lv = self.learned_keys, self.learned_fates
        if learned_keys is not None and len(learned_keys):
            lk, lv = _union(lk, lv, np.asarray(learned_keys, np.uint64), np.asarray(learned_fates, np.int8))
        return replace(self, tile_keys=tk, tiles=tv, learned_keys=lk, learned_fates=lv)


def _union(keys: np.ndarray, values: np.ndarray, new_keys: np.ndarray, new_values: np.ndarray):
    if new_keys.size == 0:
        return keys, values
    all_keys = np.concatenate([keys, new_keys])
    all_values = np.concatenate([values, np.asarray(new_values, dtype=values.dtype).reshape(-1, *values.shape[1:])])
    unique, first = np.unique(all_keys, return_index=True)
    return unique, all_values[first]


def fate_cache_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """Folder of the fate tables.

    ``$MOONBASE_FATE_CACHE_DIR`` when set, else ``$XDG_CACHE_HOME/moonbase/fate_surrogate``
    (``~/.cache`` when ``XDG_CACHE_HOME`` is unset or not absolute).
    """
    if environ.get(CACHE_DIR_ENV, "").strip():
        return Path(environ[CACHE_DIR_ENV].strip())
    xdg = environ.get("XDG_CACHE_HOME", "")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return base / "moonbase" / "fate_surrogate"


def cache_path(key: SurrogateKey, cache_dir: Path | None = None) -> Path:
    """The cache file of ``key``."""
    return (cache_dir or fate_cache_dir()) / f"fates-v{FORMAT_VERSION}-{key.digest()}.npz"


def _read(path: Path, key: SurrogateKey) -> FateTable:
    try:
        with np.load(path, allow_pickle=False) as data:
            stored = json.loads(str(data["fingerprint"]))
            if stored != json.loads(json.dumps(key.fingerprint(), sort_keys=True, default=list)):
                return FateTable.empty(key)
            return FateTable(key, data["tile_keys"], data["tiles"], data["learned_keys"], data["learned_fates"])
    except (OSError, ValueError, KeyError):
        return FateTable.empty(key)


def load_table(key: SurrogateKey, cache_dir: Path | None = None) -> FateTable:
    """The table of ``key`` from the cache (empty when absent, unreadable or of another key)."""
    path = cache_path(key, cache_dir)
    return _read(path, key) if path.exists() else FateTable.empty(key)


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def save_table(table: FateTable, cache_dir: Path | None = None) -> FateTable:
    """Write ``table`` to the cache, merged with what other processes saved meanwhile.

    The write is atomic (a temporary file renamed over the old one) under a file lock,
    so concurrent chunk workers neither lose each other's tiles nor leave a half file.
    Returns the merged table.
    """
    path = cache_path(table.key, cache_dir)
    with _locked(path):
        if path.exists():
            disk = _read(path, table.key)
            table = table.merged(disk.tile_keys, disk.tiles, disk.learned_keys, disk.learned_fates)
        temporary = path.with_suffix(f".{os.getpid()}.tmp.npz")
        np.savez(temporary, fingerprint=np.array(json.dumps(table.key.fingerprint(), sort_keys=True, default=list)),
                 tile_keys=table.tile_keys, tiles=table.tiles, learned_keys=table.learned_keys,
                 learned_fates=table.learned_fates)
        os.replace(temporary, path)
    return table


