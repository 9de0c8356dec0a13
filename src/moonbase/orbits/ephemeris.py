"""Sun, Moon and planets from JPL DE421: positions, velocities, lunar librations, time scales.

The ephemeris ships with the ``de421`` package (Chebyshev coefficients as NumPy
arrays, including the lunar physical librations) and is read with jplephem's
:class:`jplephem.ephem.Ephemeris`; nothing is downloaded at run time. DE421 covers
1899-12-04 to 2200-02-01 (TDB; the package carries the full span of the JPL
release, wider than the 1900-2050 of the DE421 SPK file).

Frames and units: positions and velocities are barycentric ICRF (the DE421 frame is
aligned with the ICRF to about 1 mas [1]_), in metres and metres per second. Times are
TDB, carried as a two-part Julian date :class:`TdbEpoch` plus elapsed SI seconds, so
that a year of elapsed time keeps nanosecond resolution. Civil (UTC) epochs are
converted with astropy.time (leap seconds, then TT -> TDB with the periodic terms of
astropy's ERFA); the difference TDB - UTC is about 69 s in 2030.

Bodies: the Sun, Mercury, Venus, the Earth, the Moon and the barycentres of the Mars,
Jupiter, Saturn, Uranus and Neptune systems, with DE421's own mass parameters (so the
forces a payload feels are those that shaped the ephemeris). The Earth and the Moon
are split from the Earth-Moon barycentre with DE421's Earth/Moon mass ratio.

For the propagator, :func:`body_table` re-expands every body on a common grid of
one-day granules with 8 Chebyshev coefficients (degree 7), so that one set of
Chebyshev polynomials serves all bodies at a given instant; the re-expansion departs
from DE421 by less than 5 cm for every body (tested; see
``docs/design/ephemeris_frames.md``).

References
----------
.. [1] W. M. Folkner, J. G. Williams, D. H. Boggs, "The Planetary and Lunar Ephemeris
   DE 421," IPN Progress Report 42-178, JPL, 2009 (frame tie, mass parameters,
   librations).
.. [2] J. G. Williams, D. H. Boggs, W. M. Folkner, "DE421 Lunar Orbit, Physical
   Librations, and Surface Coordinates," JPL IOM 335-JW,DB,WF-20080314-001, 2008.
"""

from __future__ import annotations

import functools
import warnings
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from moonbase.constants import SECONDS_PER_DAY
from moonbase.errors import ModelDomainError
from moonbase.jit import compiled

#: Bodies whose gravity the propagator includes, in table order.
BODIES: tuple[str, ...] = ("sun", "mercury", "venus", "earth", "moon", "mars", "jupiter", "saturn",
                           "uranus", "neptune")

#: Chebyshev coefficients per granule and granule length of :func:`body_table`.
TABLE_COEFFICIENTS = 8
TABLE_GRANULE_S = SECONDS_PER_DAY
#: Bound on the truncation error of each body's re-expanded series [m].
TABLE_TRUNCATION_M = 0.01

_KM_TO_M = 1000.0
_GM_KEYS = {"sun": "GMS", "mercury": "GM1", "venus": "GM2", "mars": "GM4", "jupiter": "GM5",
            "saturn": "GM6", "uranus": "GM7", "neptune": "GM8"}
_SERIES = {"sun": "sun", "mercury": "mercury", "venus": "venus", "mars": "mars", "jupiter": "jupiter",
           "saturn": "saturn", "uranus": "uranus", "neptune": "neptune"}


class TdbEpoch(NamedTuple):
    """An instant in TDB as a two-part Julian date [d] (``jd1 + jd2``)."""

    jd1: float
    jd2: float


@functools.lru_cache(maxsize=1)
def de421():
    """The DE421 ephemeris (a cached :class:`jplephem.ephem.Ephemeris`)."""
    import de421 as de421_package
    from jplephem.ephem import Ephemeris

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return Ephemeris(de421_package)


def gm_m3_s2(body: str) -> float:
    """Gravitational parameter of a body (planet: its system) from DE421 [m^3/s^2].

    Parameters
    ----------
    body : str
        One of :data:`BODIES`.

    Returns
    -------
    float
        GM [m^3/s^2], converted from DE421's au^3/day^2 with DE421's au.

    Notes
    -----
    Earth and Moon: ``GM_EMB EMRAT / (1 + EMRAT)`` and ``GM_EMB / (1 + EMRAT)`` [1]_.

    Examples
    --------
    >>> round(gm_m3_s2("moon") / 1e9)
    4903
    """
    eph = de421()
    scale = (eph.AU * _KM_TO_M) ** 3 / SECONDS_PER_DAY**2
    if body == "earth":
        return float(eph.GMB * eph.EMRAT / (1.0 + eph.EMRAT) * scale)
    if body == "moon":
        return float(eph.GMB / (1.0 + eph.EMRAT) * scale)
    if body not in _GM_KEYS:
        raise ModelDomainError(f"body = {body!r} is unknown; choose one of: {', '.join(BODIES)}.")
    return float(getattr(eph, _GM_KEYS[body]) * scale)


def epoch_from_utc(epoch) -> TdbEpoch:
    """TDB epoch of a civil (UTC) instant.

    Parameters
    ----------
    epoch : str or astropy.time.Time
        ISO 8601 text read as UTC (``"2030-01-01T00:00:00"``), or an astropy Time in
        any scale.

    Returns
    -------
    TdbEpoch
        Two-part TDB Julian date [d].

    Notes
    -----
    UTC -> TAI (leap seconds) -> TT (+32.184 s) -> TDB (periodic terms, < 2 ms) by
    astropy.time. For years past the last known leap second astropy keeps the last
    offset and ERFA warns of a "dubious year"; that warning is silenced here, since no
    one can know future leap seconds (a missing one shifts the epoch by 1 s).

    Examples
    --------
    >>> e = epoch_from_utc("2030-01-01T00:00:00")
    >>> round((e.jd1 + e.jd2 - 2462502.5) * 86400.0, 1)
    69.2
    """
    from astropy.time import Time

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*dubious year.*")
        try:
            time = epoch if isinstance(epoch, Time) else Time(str(epoch), format="isot", scale="utc")
        except ValueError as exc:
            raise ModelDomainError(
                f"epoch = {epoch!r} is not an ISO 8601 date; write e.g. 2030-01-01T00:00:00 (UTC).") from exc
        tdb = time.tdb
        result = TdbEpoch(float(tdb.jd1), float(tdb.jd2))
    check_epoch(result)
    return result


def utc_iso(epoch: TdbEpoch, elapsed_s=0.0) -> str:
    """ISO 8601 UTC text of ``epoch + elapsed_s`` (millisecond precision)."""
    from astropy.time import Time

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*dubious year.*")
        time = Time(epoch.jd1, epoch.jd2 + float(elapsed_s) / SECONDS_PER_DAY, format="jd", scale="tdb")
        return str(time.utc.isot)


def check_epoch(epoch: TdbEpoch, elapsed_s=0.0) -> None:
    """Raise :class:`ModelDomainError` unless every instant lies inside DE421's span."""
    eph = de421()
    jd = epoch.jd1 + (epoch.jd2 + np.asarray(elapsed_s, dtype=float) / SECONDS_PER_DAY)
    bad = ~((jd >= eph.jalpha) & (jd <= eph.jomega))
    if np.any(bad):
        raise ModelDomainError(
            f"epoch = JD {np.atleast_1d(jd)[np.atleast_1d(bad)][0]:.3f} TDB is outside DE421's span "
            f"JD {eph.jalpha:.1f}-{eph.jomega:.1f} (1899-12-04 to 2200-02-01); choose an epoch inside it.")


def _series(name: str, epoch: TdbEpoch, elapsed_s: np.ndarray):
    """Value and rate per day of a DE421 series, shaped (..., components)."""
    flat = np.atleast_1d(elapsed_s).reshape(-1)
    value, rate_per_day = de421().position_and_velocity(name, epoch.jd1, epoch.jd2 + flat / SECONDS_PER_DAY)
    shape = np.shape(elapsed_s) + (value.shape[0],)
    return value.T.reshape(shape), rate_per_day.T.reshape(shape)


def _series_state_m(name: str, epoch: TdbEpoch, elapsed_s: np.ndarray):
    position_km, velocity_km_d = _series(name, epoch, elapsed_s)
    return position_km * _KM_TO_M, velocity_km_d * (_KM_TO_M / SECONDS_PER_DAY)


def body_state_m(body: str, epoch: TdbEpoch, elapsed_s=0.0):
    """Barycentric ICRF position [m] and velocity [m/s] of a body.

    Parameters
    ----------
    body : str
        One of :data:`BODIES` (planets other than Mercury and Venus: system barycentre).
    epoch : TdbEpoch
        Reference epoch (TDB).
    elapsed_s : array_like
        TDB seconds after ``epoch`` [s].

    Returns
    -------
    position_m, velocity_m_s : numpy.ndarray
        Arrays (..., 3) [m], [m/s].

    Notes
    -----
    DE421 Chebyshev series through jplephem [1]_; the Earth and the Moon from the
    Earth-Moon barycentre and the geocentric Moon with ``EMRAT``.

    Examples
    --------
    >>> p, v = body_state_m("earth", epoch_from_utc("2030-01-01T00:00:00"))
    >>> 0.98 < float(np.linalg.norm(p)) / 1.496e11 < 1.0
    True
    """
    elapsed_s = np.asarray(elapsed_s, dtype=float)
    check_epoch(epoch, elapsed_s)
    if body in ("earth", "moon"):
        eph = de421()
        emb_p, emb_v = _series_state_m("earthmoon", epoch, elapsed_s)
        geo_p, geo_v = _series_state_m("moon", epoch, elapsed_s)
        share = -1.0 / (1.0 + eph.EMRAT) if body == "earth" else eph.EMRAT / (1.0 + eph.EMRAT)
        return emb_p + share * geo_p, emb_v + share * geo_v
    if body not in _SERIES:
        raise ModelDomainError(f"body = {body!r} is unknown; choose one of: {', '.join(BODIES)}.")
    return _series_state_m(_SERIES[body], epoch, elapsed_s)


def libration_angles_rad(epoch: TdbEpoch, elapsed_s=0.0):
    """DE421 lunar physical-libration Euler angles and their rates.

    Parameters
    ----------
    epoch : TdbEpoch
        Reference epoch (TDB).
    elapsed_s : array_like
        TDB seconds after ``epoch`` [s].

    Returns
    -------
    angles_rad : numpy.ndarray
        (..., 3): ``phi, theta, psi`` [rad] of the 3-1-3 rotation from the ICRF to the
        lunar principal-axis (PA) frame.
    rates_rad_s : numpy.ndarray
        (..., 3): their time derivatives [rad/s].

    Notes
    -----
    ``r_PA = R3(psi) R1(theta) R3(phi) r_ICRF`` with frame-rotation matrices [2]_;
    ``psi`` grows by 360 deg per sidereal month. The angles come from the numerically
    integrated, LLR-fitted rotation of DE421 [1]_.

    Examples
    --------
    >>> a, w = libration_angles_rad(epoch_from_utc("2030-01-01T00:00:00"))
    >>> round(float(np.degrees(w[2]) * 86400.0), 1)  # psi rate, deg/day
    13.2
    """
    elapsed_s = np.asarray(elapsed_s, dtype=float)
    check_epoch(epoch, elapsed_s)
    angles_rad, rates_per_day = _series("librations", epoch, elapsed_s)
    return angles_rad, rates_per_day / SECONDS_PER_DAY


@dataclass(frozen=True)
class BodyTable:
    """Positions of :data:`BODIES` as Chebyshev series on a common grid (for the propagator).

    Attributes
    ----------
    epoch : TdbEpoch
        Reference epoch; times are TDB seconds after it.
    bodies : tuple of str
        Body names, in column order.
    gm_m3_s2 : numpy.ndarray
        (bodies,) gravitational parameters [m^3/s^2].
    start_s : float
        Start of the first granule [s after epoch].
    granule_s : float
        Granule length [s].
    coefficients_m : numpy.ndarray
        (granules, coefficients, 3 * bodies) Chebyshev coefficients [m]; column
        ``3 b + c`` is coordinate ``c`` of body ``b``.
    widths : numpy.ndarray
        (coefficients,) number of leading columns that use coefficient ``k``: bodies
        are ordered by the number of terms they need, so slow outer planets skip the
        high-order terms.
    """

    epoch: TdbEpoch
    bodies: tuple[str, ...]
    gm_m3_s2: np.ndarray
    start_s: float
    granule_s: float
    coefficients_m: np.ndarray
    widths: np.ndarray

    @property
    def end_s(self) -> float:
        """End of the last granule [s after epoch]."""
        return self.start_s + self.granule_s * self.coefficients_m.shape[0]

    def index(self, body: str) -> int:
        """Column block of ``body`` (its x coordinate is column ``3 * index``)."""
        return self.bodies.index(body)


def tabulate_bodies(position_m, bodies: tuple[str, ...], gm_m3_s2, epoch: TdbEpoch, start_s: float,
                    end_s: float) -> BodyTable:
    """Chebyshev table of arbitrary body trajectories (the propagator's input format).

    Parameters
    ----------
    position_m : callable
        ``position_m(body, elapsed_s) -> (..., 3)`` barycentric position [m] of ``body``
        at the times ``elapsed_s`` (an array) after ``epoch``.
    bodies : tuple of str
        Body names.
    gm_m3_s2 : array_like
        (bodies,) gravitational parameters [m^3/s^2].
    epoch : TdbEpoch
        Reference epoch.
    start_s, end_s : float
        Span to cover [s after epoch].

    Returns
    -------
    BodyTable
        One-day granules aligned on whole days after ``epoch`` (plus a spare one at each
        end), at most 8 coefficients per body.

    Notes
    -----
    Each granule interpolates the trajectory at the 8 Chebyshev nodes of the first kind
    (a discrete cosine transform). A body keeps only as many terms as needed for the
    sum of the dropped coefficients, a bound on the truncation error since
    ``|T_k| <= 1``, to stay below :data:`TABLE_TRUNCATION_M`. Used for DE421 by
    :func:`body_table` and for analytic test problems (two-body, restricted three-body).

    Examples
    --------
    >>> fixed = tabulate_bodies(lambda b, t: np.zeros(np.shape(t) + (3,)), ("earth",), [3.986e14],
    ...                         TdbEpoch(2451545.0, 0.0), 0.0, 86400.0)
    >>> fixed.coefficients_m.shape, fixed.widths.tolist()
    ((4, 8, 3), [3, 3, 0, 0, 0, 0, 0, 0])
    """
    if not end_s >= start_s:
        raise ModelDomainError(f"end_s = {end_s!r} s is before start_s = {start_s!r} s; expected end_s >= start_s.")
    first = int(np.floor(start_s / TABLE_GRANULE_S)) - 1
    count = int(np.floor(end_s / TABLE_GRANULE_S)) + 1 - first + 1
    n = TABLE_COEFFICIENTS
    nodes = np.cos(np.pi * (np.arange(n) + 0.5) / n)  # Chebyshev nodes of the first kind
    granule_start_s = (first + np.arange(count)) * TABLE_GRANULE_S
    times_s = granule_start_s[:, None] + 0.5 * (nodes[None, :] + 1.0) * TABLE_GRANULE_S
    k = np.arange(n)
    basis = np.cos(np.pi * k[:, None] * (np.arange(n)[None, :] + 0.5) / n) * (2.0 / n)
    basis[0] *= 0.5
    series = {}
    needed = {}
    for body in bodies:
        coefficients = np.einsum("kj,gjc->gkc", basis, np.asarray(position_m(body, times_s), dtype=float))
        tail_m = np.cumsum(np.abs(coefficients).max(axis=(0, 2))[::-1])[::-1]
        needed[body] = max(2, int(np.argmax(np.append(tail_m, 0.0) <= TABLE_TRUNCATION_M)))
        series[body] = coefficients
    order = tuple(sorted(bodies, key=lambda b: (-needed[b], bodies.index(b))))
    table = np.zeros((count, n, 3 * len(order)))
    for column, body in enumerate(order):
        table[:, :needed[body], 3 * column:3 * column + 3] = series[body][:, :needed[body], :]
    widths = np.array([3 * sum(needed[b] > kk for b in order) for kk in range(n)], dtype=np.int64)
    gm_by_body = dict(zip(bodies, np.asarray(gm_m3_s2, dtype=float).reshape(-1)))
    gm = np.array([gm_by_body[body] for body in order])
    return BodyTable(epoch, order, gm, first * TABLE_GRANULE_S, TABLE_GRANULE_S, np.ascontiguousarray(table),
                     widths)


@functools.lru_cache(maxsize=8)
def _cached_table(epoch: TdbEpoch, start_s: float, end_s: float, bodies: tuple[str, ...]) -> BodyTable:
    gm = [gm_m3_s2(body) for body in bodies]
    return tabulate_bodies(lambda body, times_s: body_state_m(body, epoch, times_s)[0], bodies, gm, epoch,
                           start_s, end_s)


def body_table(epoch: TdbEpoch, start_s: float, end_s: float, bodies: tuple[str, ...] = BODIES) -> BodyTable:
    """Chebyshev table of body positions covering ``[start_s, end_s]`` after ``epoch``.

    Parameters
    ----------
    epoch : TdbEpoch
        Reference epoch (TDB).
    start_s, end_s : float
        Span to cover [s after epoch], ``end_s >= start_s``.
    bodies : tuple of str
        Bodies to tabulate (default :data:`BODIES`).

    Returns
    -------
    BodyTable
        From :func:`tabulate_bodies`, with DE421's positions and mass parameters.

    Notes
    -----
    The DE421 series are polynomials of degree 5-13 over 4-32 days; restricted to one
    day their high-order terms fall as ``4^-k`` or faster, so at most 8 terms match them
    to about 1 cm per body (< 5 cm tested against jplephem, whose own evaluation carries
    about 1 cm of round-off). Tables are cached (the 8 most recent spans).

    Examples
    --------
    >>> t = body_table(epoch_from_utc("2030-01-01T00:00:00"), 0.0, 86400.0 * 30)
    >>> t.coefficients_m.shape
    (33, 8, 30)
    """
    if not end_s >= start_s:
        raise ModelDomainError(f"end_s = {end_s!r} s is before start_s = {start_s!r} s; expected end_s >= start_s.")
    # whole days, so that nearby spans share one cached table
    start_s = float(np.floor(start_s / TABLE_GRANULE_S) * TABLE_GRANULE_S)
    end_s = float(np.ceil(end_s / TABLE_GRANULE_S) * TABLE_GRANULE_S)
    check_epoch(epoch, np.array([start_s - 2 * TABLE_GRANULE_S, end_s + 2 * TABLE_GRANULE_S]))
    return _cached_table(TdbEpoch(float(epoch.jd1), float(epoch.jd2)), start_s, end_s, tuple(bodies))


@compiled(nogil=True)
def table_positions(coefficients_m, widths, start_s, granule_s, time_s, out_m):
    """Write all body positions at ``time_s`` into ``out_m`` (3 * bodies,) [m] (numba kernel).

    ``p_j = sum_k c[g, k, j] T_k(tau)`` with ``tau = 2 (t - t_g) / L - 1`` in the granule
    ``g`` containing ``t`` (clamped to the table at its ends); term ``k`` is summed over
    the first ``widths[k]`` columns only.
    """
    count = coefficients_m.shape[0]
    n_coef = coefficients_m.shape[1]
    g = int(np.floor((time_s - start_s) / granule_s))
    if g < 0:
        g = 0
    elif g > count - 1:
        g = count - 1
    tau = 2.0 * (time_s - start_s - g * granule_s) / granule_s - 1.0
    t_prev = 1.0
    t_curr = tau
    for j in range(coefficients_m.shape[2]):
        out_m[j] = coefficients_m[g, 0, j] + tau * coefficients_m[g, 1, j]
    for k in range(2, n_coef):
        t_next = 2.0 * tau * t_curr - t_prev
        t_prev = t_curr
        t_curr = t_next
        for j in range(widths[k]):
            out_m[j] += coefficients_m[g, k, j] * t_curr


def table_positions_m(table: BodyTable, elapsed_s) -> np.ndarray:
    """Positions of the table's bodies at given times [m].

    Parameters
    ----------
    table : BodyTable
        From :func:`body_table`.
    elapsed_s : array_like
        Times [s after the table's epoch], inside ``[start_s, end_s]``.

    Returns
    -------
    numpy.ndarray
        (..., bodies, 3) barycentric ICRF positions [m].

    Examples
    --------
    >>> t = body_table(epoch_from_utc("2030-01-01T00:00:00"), 0.0, 86400.0)
    >>> table_positions_m(t, [0.0, 3600.0]).shape
    (2, 10, 3)
    """
    elapsed_s = np.asarray(elapsed_s, dtype=float)
    if np.any(~((elapsed_s >= table.start_s) & (elapsed_s <= table.end_s))):
        raise ModelDomainError(
            f"elapsed_s is outside the table span [{table.start_s}, {table.end_s}] s; build a wider table.")
    flat = elapsed_s.reshape(-1)
    out = np.empty((flat.size, table.coefficients_m.shape[2]))
    for i, time_s in enumerate(flat):
        table_positions(table.coefficients_m, table.widths, table.start_s, table.granule_s, float(time_s),
                        out[i])
    return out.reshape(elapsed_s.shape + (len(table.bodies), 3))


def mean_distance_m(body: str, center: str, start_utc: str, duration_s: float, step_s: float) -> float:
    """Time-averaged distance between two DE421 bodies over a span [m].

    Parameters
    ----------
    body, center : str
        Bodies of :data:`BODIES`.
    start_utc : str
        ISO 8601 UTC start of the span.
    duration_s : float
        Length of the span [s], > 0.
    step_s : float
        Sampling step [s], > 0 and shorter than ``duration_s``.

    Returns
    -------
    float
        Mean of ``|r_body - r_center|`` over evenly spaced samples [m].

    Notes
    -----
    For the Moon about the Earth this is the constant term of the lunar distance
    series (385,000.56 km in ELP 2000-82) once the span covers the long periods
    (8.85 yr apsidal, 18.6 yr nodal).

    Examples
    --------
    >>> round(mean_distance_m("moon", "earth", "2030-01-01T00:00:00", 86400.0 * 365.25, 86400.0) / 1e8)
    4
    """
    if not (duration_s > 0.0 and 0.0 < step_s < duration_s):
        raise ModelDomainError(f"step_s = {step_s!r} s and duration_s = {duration_s!r} s are invalid; expected "
                               "0 < step_s < duration_s.")
    epoch = epoch_from_utc(start_utc)
    times_s = np.arange(0.0, duration_s, step_s)
    position_m, _ = body_state_m(body, epoch, times_s)
    center_m, _ = body_state_m(center, epoch, times_s)
    return float(np.mean(np.linalg.norm(position_m - center_m, axis=-1)))
