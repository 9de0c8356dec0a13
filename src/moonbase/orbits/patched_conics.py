"""Patched-conic escape of mass-driver payloads from the Earth-Moon system.

A payload leaves a mass driver fixed on the Moon with an exit speed relative to the
surface. The patched conic splits its flight in two two-body legs:

1. a selenocentric hyperbola from the launch point out to "infinity" (in practice the
   Moon's sphere of influence, 66,100 km), giving the hyperbolic excess velocity
   ``v_inf`` relative to the Moon along the outgoing asymptote;
2. a geocentric conic starting at the Moon's distance with velocity
   ``v_moon + v_inf``; the payload leaves the Earth-Moon system when that speed exceeds
   Earth's escape speed at the lunar distance, sqrt(2 GM_earth / a_moon) = 1.440 km/s.

Vectors are expressed in axes aligned with the Moon-fixed mean-Earth/polar-axis frame at
the launch instant (see :mod:`moonbase.orbits.lunar_site`); in those axes the Moon's
orbital velocity is ``(0, -1022, 0) m/s``. What this neglects (the Sun's tide, the
Moon's eccentricity, the finite sphere of influence and the rotation of the Earth-Moon
line during the selenocentric leg, libration) and how much it moves the escape
threshold, checked against the circular restricted three-body problem, is in
``docs/design/patched_conic_escape.md``.

The heliocentric helpers (:func:`heliocentric_orbit_from_earth_excess`,
:func:`hohmann_transfer`) serve summaries only; the ephemeris-driven propagator is the
reference for where payloads really go.

References
----------
.. [1] H. D. Curtis, "Orbital Mechanics for Engineering Students," 3rd ed.,
   Butterworth-Heinemann, 2014: ch. 2 (two-body energy, hyperbolic trajectories,
   eccentricity vector), ch. 6 (Hohmann transfer), ch. 8 (patched conics, sphere of
   influence; Table A.2 for sphere-of-influence radii).
.. [2] D. R. Williams, "Moon Fact Sheet," NASA NSSDCA, 2024 (GM, radius, semi-major
   axis, mean orbital velocity 1.022 km/s, escape velocity 2.38 km/s).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from moonbase.constants import (
    AU_M,
    GM_EARTH_M3_S2,
    GM_MOON_M3_S2,
    GM_SUN_M3_S2,
    MOON_MEAN_ORBITAL_SPEED_M_S,
    MOON_MEAN_RADIUS_M,
    MOON_SEMI_MAJOR_AXIS_M,
)
from moonbase.domain import positive
from moonbase.errors import ModelDomainError
from moonbase.orbits.lunar_site import (
    check_elevation_rad,
    check_height_m,
    check_latitude_rad,
    launch_direction_moon_fixed,
    site_position_moon_fixed_m,
    surface_velocity_m_s,
)

#: Moon's velocity relative to Earth in the Moon-fixed axes at launch [m/s]: the fact
#: sheet's mean orbital speed along -y (circular orbit in the lunar equator).
MOON_ORBITAL_VELOCITY_MOON_FIXED_M_S = np.array([0.0, -MOON_MEAN_ORBITAL_SPEED_M_S, 0.0])

_BISECTION_STEPS = 48  # halves the bracket (< 3.5 km/s) below 1e-10 m/s
_SCAN_POINTS = 33  # exit speeds scanned before bisection, see minimum_escape_exit_speed_m_s


class HeliocentricOrbit(NamedTuple):
    """Planar heliocentric orbit elements [m, -] (unpacks as ``a, e, q, Q``)."""

    semi_major_axis_m: np.ndarray
    eccentricity: np.ndarray
    perihelion_m: np.ndarray
    aphelion_m: np.ndarray


class HohmannTransfer(NamedTuple):
    """Speed changes [m/s] and flight time [s] of a Hohmann transfer."""

    delta_v1_m_s: np.ndarray
    delta_v2_m_s: np.ndarray
    transfer_time_s: np.ndarray


def escape_speed_m_s(gm_m3_s2, radius_m):
    """Two-body escape speed at a distance from a point mass [m/s].

    Parameters
    ----------
    gm_m3_s2 : array_like
        Gravitational parameter of the central body [m^3/s^2], > 0.
    radius_m : array_like
        Distance from the body's centre [m], > 0.

    Returns
    -------
    numpy.ndarray
        ``sqrt(2 GM / r)`` [m/s].

    Notes
    -----
    Zero two-body energy, eq. (2.80) region of [1]_ ch. 2. Lunar surface: 2.376 km/s
    (fact sheet: 2.38 km/s [2]_); Earth at the lunar distance: 1.440 km/s.

    Examples
    --------
    >>> round(float(escape_speed_m_s(4.9028e12, 1.7374e6)), 1)
    2375.7
    """
    positive("gm_m3_s2", gm_m3_s2, "m^3/s^2")
    positive("radius_m", radius_m, "m")
    return np.sqrt(2.0 * np.asarray(gm_m3_s2, dtype=float) / np.asarray(radius_m, dtype=float))


#: Earth's escape speed at the Moon's mean distance [m/s] (1.440 km/s).
EARTH_ESCAPE_SPEED_AT_MOON_M_S = float(escape_speed_m_s(GM_EARTH_M3_S2, MOON_SEMI_MAJOR_AXIS_M))


def sphere_of_influence_radius_m(semi_major_axis_m, gm_small_m3_s2, gm_large_m3_s2):
    """Laplace sphere-of-influence radius of a secondary body [m].

    Parameters
    ----------
    semi_major_axis_m : array_like
        Secondary's orbital semi-major axis about the primary [m], > 0.
    gm_small_m3_s2, gm_large_m3_s2 : array_like
        Gravitational parameters of the secondary and the primary [m^3/s^2], > 0.

    Returns
    -------
    numpy.ndarray
        ``a (GM_small / GM_large)^(2/5)`` [m]; 66,180 km for the Moon.

    Notes
    -----
    Laplace's criterion, [1]_ ch. 8 (sphere of influence); Table A.2 of [1]_ lists
    66,100 km for the Moon. Where the patched conic switches from the selenocentric to
    the geocentric leg; it is a convention, not a physical boundary.

    Examples
    --------
    >>> round(float(sphere_of_influence_radius_m(3.844e8, 4.9028e12, 3.986004e14)) / 1e3)
    66183
    """
    positive("semi_major_axis_m", semi_major_axis_m, "m")
    positive("gm_small_m3_s2", gm_small_m3_s2, "m^3/s^2")
    positive("gm_large_m3_s2", gm_large_m3_s2, "m^3/s^2")
    ratio = np.asarray(gm_small_m3_s2, dtype=float) / np.asarray(gm_large_m3_s2, dtype=float)
    return np.asarray(semi_major_axis_m, dtype=float) * ratio**0.4


def _excess_velocity(position_m, velocity_m_s, gm_m3_s2, surface_radius_m):
    """Core of :func:`hyperbolic_excess_velocity_m_s` (no checks), NaN where bound/impact."""
    r_m = np.linalg.norm(position_m, axis=-1)
    speed_sq = np.sum(velocity_m_s * velocity_m_s, axis=-1)
    v_inf_sq = speed_sq - 2.0 * gm_m3_s2 / r_m
    v_inf_m_s = np.sqrt(np.maximum(v_inf_sq, 0.0))
    h_vec = np.cross(position_m, velocity_m_s)
    e_vec = np.cross(velocity_m_s, h_vec) / gm_m3_s2[..., None] - position_m / r_m[..., None]
    e_sq = 1.0 + v_inf_sq * np.sum(h_vec * h_vec, axis=-1) / gm_m3_s2**2
    asymptote = (-e_vec + (v_inf_m_s / gm_m3_s2)[..., None] * np.cross(h_vec, e_vec)) / e_sq[..., None]
    periapsis_m = np.sum(h_vec * h_vec, axis=-1) / gm_m3_s2 / (1.0 + np.sqrt(np.maximum(e_sq, 0.0)))
    descending = np.sum(position_m * velocity_m_s, axis=-1) < 0.0
    escapes = (v_inf_sq > 0.0) & ~(descending & (periapsis_m < surface_radius_m))
    return np.where(escapes[..., None], v_inf_m_s[..., None] * asymptote, np.nan)


def hyperbolic_excess_velocity_m_s(position_m, velocity_m_s, gm_m3_s2, surface_radius_m=0.0):
    """Hyperbolic excess velocity along the outgoing asymptote of a two-body orbit [m/s].

    Parameters
    ----------
    position_m : array_like
        Position (..., 3) relative to the central body [m], non-zero.
    velocity_m_s : array_like
        Inertial velocity (..., 3) relative to the central body [m/s].
    gm_m3_s2 : array_like
        Gravitational parameter of the central body [m^3/s^2], > 0.
    surface_radius_m : array_like, optional
        Radius of the body [m]; a descending trajectory whose periapsis lies below it
        impacts and does not escape. Default 0 (point mass).

    Returns
    -------
    numpy.ndarray
        ``v_inf`` (..., 3) [m/s]; NaN where the orbit is bound (energy <= 0) or impacts.

    Notes
    -----
    ``v_inf^2 = v^2 - 2 GM / r``. With ``h = r x v`` and the eccentricity vector
    ``e = v x h / GM - r / |r|`` ([1]_ ch. 2), the outgoing asymptote lies at the true
    anomaly ``nu_inf = arccos(-1/e)``: ``s = cos(nu_inf) p + sin(nu_inf) q`` with
    ``p = e/|e|``, ``q = h x e / |h x e|``. Using ``e^2 - 1 = v_inf^2 h^2 / GM^2`` this is
    (our rearrangement) ``s = (-e + (v_inf / GM) h x e) / e^2``, which stays finite for a
    radial launch (h = 0, e = 1, s = r/|r|). The asymptote is thus the launch direction
    r/|r| turned by ``nu_inf - nu_0`` in the orbit plane. Exactly parabolic orbits
    count as bound.

    Examples
    --------
    >>> v = hyperbolic_excess_velocity_m_s([1.7374e6, 0, 0], [3000.0, 0, 0], 4.9028e12)
    >>> round(float(v[0]), 1), round(float(np.hypot(v[1], v[2])), 1)
    (1832.0, 0.0)
    """
    position_m = np.asarray(position_m, dtype=float)
    velocity_m_s = np.asarray(velocity_m_s, dtype=float)
    positive("gm_m3_s2", gm_m3_s2, "m^3/s^2")
    positive("|position_m|", np.linalg.norm(position_m, axis=-1), "m")
    gm_m3_s2 = np.asarray(gm_m3_s2, dtype=float)
    return _excess_velocity(position_m, velocity_m_s, gm_m3_s2, np.asarray(surface_radius_m, dtype=float))


def _check_launch(latitude_rad, height_m, elevation_rad, exit_speed_m_s=None) -> None:
    check_latitude_rad(latitude_rad)
    check_height_m(height_m)
    check_elevation_rad(elevation_rad)
    if exit_speed_m_s is not None:
        positive("exit_speed_m_s", exit_speed_m_s, "m/s")


def _launch_state(latitude_rad, longitude_rad, height_m, azimuth_rad, elevation_rad):
    """Site position [m], launch unit direction [-] and surface velocity [m/s], broadcast."""
    position_m = site_position_moon_fixed_m(latitude_rad, longitude_rad, height_m)
    direction = launch_direction_moon_fixed(latitude_rad, longitude_rad, azimuth_rad, elevation_rad)
    surface_m_s = surface_velocity_m_s(latitude_rad, longitude_rad, height_m)
    return np.broadcast_arrays(position_m, direction, surface_m_s)


def _moon_excess(position_m, direction, surface_m_s, exit_speed_m_s):
    velocity_m_s = np.asarray(exit_speed_m_s, dtype=float)[..., None] * direction + surface_m_s
    position_m, velocity_m_s = np.broadcast_arrays(position_m, velocity_m_s)
    gm = np.full(position_m.shape[:-1], GM_MOON_M3_S2)
    return _excess_velocity(position_m, velocity_m_s, gm, MOON_MEAN_RADIUS_M)


def _earth_frame_speed(v_inf_moon_m_s):
    return np.linalg.norm(MOON_ORBITAL_VELOCITY_MOON_FIXED_M_S + v_inf_moon_m_s, axis=-1)


def moon_excess_velocity_m_s(latitude_rad, longitude_rad, height_m, azimuth_rad, elevation_rad,
                             exit_speed_m_s):
    """Hyperbolic excess velocity of a mass-driver payload relative to the Moon [m/s].

    Parameters
    ----------
    latitude_rad : array_like
        Selenographic latitude of the launcher [rad], in [-pi/2, pi/2].
    longitude_rad : array_like
        Selenographic east longitude [rad].
    height_m : array_like
        Height of the track exit above the mean lunar radius [m].
    azimuth_rad : array_like
        Track azimuth, clockwise from local north [rad].
    elevation_rad : array_like
        Track elevation above the local horizontal [rad], in [-pi/2, pi/2].
    exit_speed_m_s : array_like
        Exit speed relative to the local surface [m/s], > 0.

    Returns
    -------
    numpy.ndarray
        ``v_inf`` (..., 3) in the Moon-fixed axes at launch [m/s]; NaN (all three
        components) where the payload does not escape the Moon (bound, or a descending
        track whose periapsis is below the mean radius).

    Notes
    -----
    Inertial launch velocity ``v0 = exit_speed d + omega x r`` (synchronous rotation,
    4.6 m/s eastward at the equator), then the selenocentric hyperbola of
    :func:`hyperbolic_excess_velocity_m_s`. Spherical Moon, point-mass gravity, no
    terrain. The asymptote of a barely escaping payload is nearly opposite its launch
    point (``nu_inf -> 180 deg``), so the launch site matters as much as the azimuth;
    see ``docs/design/patched_conic_escape.md``.

    Examples
    --------
    >>> v = moon_excess_velocity_m_s(0.0, -np.pi / 2, 0.0, 0.0, np.pi / 2, 3000.0)
    >>> [round(float(c)) for c in v]
    [4, -1832, 0]
    """
    _check_launch(latitude_rad, height_m, elevation_rad, exit_speed_m_s)
    state = _launch_state(latitude_rad, longitude_rad, height_m, azimuth_rad, elevation_rad)
    return _moon_excess(*state, exit_speed_m_s)


def earth_frame_speed_at_moon_m_s(latitude_rad, longitude_rad, height_m, azimuth_rad,
                                  elevation_rad, exit_speed_m_s):
    """Geocentric speed of a payload as it leaves the Moon's vicinity [m/s].

    Parameters
    ----------
    latitude_rad, longitude_rad, height_m, azimuth_rad, elevation_rad, exit_speed_m_s
        As for :func:`moon_excess_velocity_m_s`.

    Returns
    -------
    numpy.ndarray
        ``|v_moon + v_inf|`` [m/s]; NaN where the payload does not escape the Moon.

    Notes
    -----
    ``v_moon`` is the fact-sheet mean orbital speed, 1.022 km/s [2]_, along -y. We use
    it rather than sqrt(GM_earth / a) = 1.018 km/s because the relative Earth-Moon orbit
    obeys G (M_earth + M_moon), sqrt(G (M_e + M_m) / a) = 1.024 km/s; the fact-sheet
    value lies between and is the measured mean. The real speed swings by +/- 5.5 %
    with the orbital eccentricity 0.055 (design note). Evaluated at the Moon's distance
    (zero-radius sphere of influence).

    Examples
    --------
    >>> round(float(earth_frame_speed_at_moon_m_s(0.0, -np.pi / 2, 0.0, 0.0, np.pi / 2, 3000.0)))
    2854
    """
    v_inf_m_s = moon_excess_velocity_m_s(latitude_rad, longitude_rad, height_m, azimuth_rad,
                                         elevation_rad, exit_speed_m_s)
    return _earth_frame_speed(v_inf_m_s)


def earth_excess_speed_m_s(latitude_rad, longitude_rad, height_m, azimuth_rad, elevation_rad,
                           exit_speed_m_s):
    """Hyperbolic excess speed of a payload relative to Earth [m/s].

    Parameters
    ----------
    latitude_rad, longitude_rad, height_m, azimuth_rad, elevation_rad, exit_speed_m_s
        As for :func:`moon_excess_velocity_m_s`.

    Returns
    -------
    numpy.ndarray
        ``sqrt(v^2 - 2 GM_earth / a_moon)`` with ``v`` from
        :func:`earth_frame_speed_at_moon_m_s` [m/s]; NaN where the payload stays bound to
        the Moon or to Earth.

    Notes
    -----
    Geocentric two-body energy at the Moon's mean distance 384,400 km; the Sun is
    neglected inside Earth's sphere of influence (design note).

    Examples
    --------
    >>> round(float(earth_excess_speed_m_s(0.0, -np.pi / 2, 0.0, 0.0, np.pi / 2, 3000.0)))
    2464
    """
    speed_m_s = earth_frame_speed_at_moon_m_s(latitude_rad, longitude_rad, height_m, azimuth_rad,
                                              elevation_rad, exit_speed_m_s)
    excess_sq = speed_m_s**2 - EARTH_ESCAPE_SPEED_AT_MOON_M_S**2
    return np.where(excess_sq > 0.0, np.sqrt(np.abs(excess_sq)), np.nan)


def escapes_earth_moon_system(latitude_rad, longitude_rad, height_m, azimuth_rad, elevation_rad,
                              exit_speed_m_s):
    """Whether a payload leaves the Earth-Moon system into heliocentric orbit [bool].

    Parameters
    ----------
    latitude_rad, longitude_rad, height_m, azimuth_rad, elevation_rad, exit_speed_m_s
        As for :func:`moon_excess_velocity_m_s`.

    Returns
    -------
    numpy.ndarray of bool
        True where the payload escapes the Moon and its geocentric speed at the lunar
        distance exceeds Earth's escape speed there (1.440 km/s).

    Notes
    -----
    Patched-conic verdict. It matches a restricted three-body integration to +/-25 m/s
    in threshold exit speed; the Moon's eccentricity and the 6.7 deg tilt of its orbit
    to its equator move a track's real threshold by up to +/-150 m/s over a month, so
    near the threshold the ephemeris propagator decides (design note).

    Examples
    --------
    >>> bool(escapes_earth_moon_system(0.0, -np.pi / 2, 0.0, 0.0, np.pi / 2, 3000.0))
    True
    """
    speed_m_s = earth_frame_speed_at_moon_m_s(latitude_rad, longitude_rad, height_m, azimuth_rad,
                                              elevation_rad, exit_speed_m_s)
    return np.asarray(speed_m_s > EARTH_ESCAPE_SPEED_AT_MOON_M_S)


def minimum_escape_exit_speed_m_s(latitude_rad, longitude_rad, height_m, azimuth_rad,
                                  elevation_rad):
    """Lowest exit speed at which a payload leaves the Earth-Moon system [m/s].

    Parameters
    ----------
    latitude_rad, longitude_rad, height_m, azimuth_rad, elevation_rad
        As for :func:`moon_excess_velocity_m_s`.

    Returns
    -------
    numpy.ndarray
        Threshold exit speed [m/s], to about 1e-6 m/s; NaN where no exit speed escapes
        (a descending track that hits the Moon).

    Notes
    -----
    The search runs between the speed that just escapes the Moon along the track,
    ``s_moon = -d.u + sqrt((d.u)^2 - |u|^2 + v_esc^2)`` (u the surface velocity), and
    ``s_max = sqrt((v_esc,E + v_moon)^2 + v_esc^2) + |u|``, at which ``|v_inf| >=
    v_esc,E + v_moon`` escapes whatever the asymptote direction. Exit speeds are scanned
    on 33 points, then the first bracket where the verdict turns to "escape" is bisected
    48 times. Because the asymptote swings with the exit speed, escape is not guaranteed
    monotonic in it; the scan finds the lowest escaping window wider than the scan step
    (about 30 m/s). Our own numerical procedure.

    Examples
    --------
    >>> round(float(minimum_escape_exit_speed_m_s(0.0, -np.pi / 2, 0.0, 0.0, np.pi / 2)), 1)
    2412.2
    """
    _check_launch(latitude_rad, height_m, elevation_rad)
    position_m, direction, surface_m_s = _launch_state(latitude_rad, longitude_rad, height_m,
                                                       azimuth_rad, elevation_rad)
    v_esc_m_s = np.sqrt(2.0 * GM_MOON_M3_S2 / np.linalg.norm(position_m, axis=-1))
    along_m_s = np.sum(direction * surface_m_s, axis=-1)
    surface_sq = np.sum(surface_m_s * surface_m_s, axis=-1)
    low_m_s = -along_m_s + np.sqrt(along_m_s**2 - surface_sq + v_esc_m_s**2)
    high_m_s = np.sqrt((EARTH_ESCAPE_SPEED_AT_MOON_M_S + MOON_MEAN_ORBITAL_SPEED_M_S) ** 2
                       + v_esc_m_s**2) + np.sqrt(surface_sq)

    def escapes(speed_m_s):
        v_inf_m_s = _moon_excess(position_m, direction, surface_m_s, speed_m_s)
        return _earth_frame_speed(v_inf_m_s) > EARTH_ESCAPE_SPEED_AT_MOON_M_S

    fractions = np.linspace(0.0, 1.0, _SCAN_POINTS)[:, None]
    scan_m_s = low_m_s.reshape(1, -1) + fractions * (high_m_s - low_m_s).reshape(1, -1)
    flat = [arr.reshape(-1, 3) for arr in (position_m, direction, surface_m_s)]
    position_m, direction, surface_m_s = (np.broadcast_to(arr, scan_m_s.shape + (3,)) for arr in flat)
    verdict = escapes(scan_m_s)
    any_escape = verdict.any(axis=0)
    first = np.argmax(verdict, axis=0)
    columns = np.arange(scan_m_s.shape[1])
    upper_m_s = scan_m_s[first, columns]
    lower_m_s = np.where(first > 0, scan_m_s[np.maximum(first - 1, 0), columns], upper_m_s)
    position_m, direction, surface_m_s = flat
    for _ in range(_BISECTION_STEPS):
        middle_m_s = 0.5 * (lower_m_s + upper_m_s)
        ok = escapes(middle_m_s)
        upper_m_s = np.where(ok, middle_m_s, upper_m_s)
        lower_m_s = np.where(ok, lower_m_s, middle_m_s)
    result_m_s = np.where(any_escape, upper_m_s, np.nan)
    return result_m_s.reshape(low_m_s.shape)


def heliocentric_orbit_from_earth_excess(v_inf_earth_m_s, angle_to_earth_velocity_rad):
    """Planar heliocentric orbit reached with an excess speed relative to Earth.

    Parameters
    ----------
    v_inf_earth_m_s : array_like
        Hyperbolic excess speed relative to Earth [m/s], >= 0.
    angle_to_earth_velocity_rad : array_like
        Angle in the ecliptic between the excess velocity and Earth's heliocentric
        velocity [rad]; 0 prograde, pi retrograde, pi/2 outward (away from the Sun).

    Returns
    -------
    HeliocentricOrbit
        ``semi_major_axis_m`` [m] (negative if hyperbolic), ``eccentricity`` [-],
        ``perihelion_m`` [m], ``aphelion_m`` [m] (inf if unbound).

    Notes
    -----
    Earth on a circular 1 au orbit with speed ``V = sqrt(GM_sun / au)`` = 29.78 km/s;
    the payload starts at 1 au with tangential speed ``V + v_inf cos(alpha)`` and radial
    speed ``v_inf sin(alpha)``. Then ``a = 1 / (2/r - v^2/GM)``,
    ``e = sqrt(1 + 2 E h^2 / GM^2)``, ``q = h^2 / GM / (1 + e)``, ``Q = a (1 + e)``
    ([1]_ ch. 2). Out-of-ecliptic components and Earth's eccentricity (0.017) are
    neglected: for summaries only.

    Examples
    --------
    >>> orbit = heliocentric_orbit_from_earth_excess(2945.0, 0.0)
    >>> round(float(orbit.aphelion_m / 1.495978707e11), 3)
    1.524
    """
    v_inf_earth_m_s = np.asarray(v_inf_earth_m_s, dtype=float)
    if np.any(~(v_inf_earth_m_s >= 0.0)) or np.any(~np.isfinite(v_inf_earth_m_s)):
        bad = v_inf_earth_m_s[~((v_inf_earth_m_s >= 0.0) & np.isfinite(v_inf_earth_m_s))].flat[0]
        raise ModelDomainError(
            f"v_inf_earth_m_s = {bad!r} m/s is outside [0, inf); it is a speed."
        )
    angle_rad = np.asarray(angle_to_earth_velocity_rad, dtype=float)
    earth_speed_m_s = np.sqrt(GM_SUN_M3_S2 / AU_M)
    tangential_m_s = earth_speed_m_s + v_inf_earth_m_s * np.cos(angle_rad)
    radial_m_s = v_inf_earth_m_s * np.sin(angle_rad)
    energy_j_kg = 0.5 * (tangential_m_s**2 + radial_m_s**2) - GM_SUN_M3_S2 / AU_M
    h_m2_s = AU_M * tangential_m_s
    eccentricity = np.sqrt(np.maximum(1.0 + 2.0 * energy_j_kg * h_m2_s**2 / GM_SUN_M3_S2**2, 0.0))
    semi_major_axis_m = -GM_SUN_M3_S2 / (2.0 * energy_j_kg)
    perihelion_m = h_m2_s**2 / GM_SUN_M3_S2 / (1.0 + eccentricity)
    aphelion_m = np.where(eccentricity < 1.0, semi_major_axis_m * (1.0 + eccentricity), np.inf)
    return HeliocentricOrbit(semi_major_axis_m, eccentricity, perihelion_m, aphelion_m)


def hohmann_transfer(r1_m, r2_m, gm_m3_s2):
    """Hohmann transfer between coplanar circular orbits.

    Parameters
    ----------
    r1_m, r2_m : array_like
        Radii of the departure and arrival circular orbits [m], > 0.
    gm_m3_s2 : array_like
        Gravitational parameter of the central body [m^3/s^2], > 0.

    Returns
    -------
    HohmannTransfer
        ``delta_v1_m_s`` and ``delta_v2_m_s``: magnitudes of the two impulses [m/s];
        ``transfer_time_s``: half the transfer ellipse's period [s].

    Notes
    -----
    ``dv1 = sqrt(GM/r1) |sqrt(2 r2 / (r1 + r2)) - 1|``,
    ``dv2 = sqrt(GM/r2) |1 - sqrt(2 r1 / (r1 + r2))|``,
    ``t = pi sqrt(((r1 + r2)/2)^3 / GM)`` ([1]_ ch. 6). Earth -> Mars (1 -> 1.5237 au):
    2.945 + 2.649 km/s, 258.9 d.

    Examples
    --------
    >>> t = hohmann_transfer(1.495978707e11, 1.5237 * 1.495978707e11, 1.3271244e20)
    >>> round(float(t.delta_v1_m_s)), round(float(t.transfer_time_s / 86400.0), 1)
    (2945, 258.9)
    """
    positive("r1_m", r1_m, "m")
    positive("r2_m", r2_m, "m")
    positive("gm_m3_s2", gm_m3_s2, "m^3/s^2")
    r1_m, r2_m, gm_m3_s2 = (np.asarray(x, dtype=float) for x in (r1_m, r2_m, gm_m3_s2))
    transfer_a_m = 0.5 * (r1_m + r2_m)
    delta_v1_m_s = np.sqrt(gm_m3_s2 / r1_m) * np.abs(np.sqrt(r2_m / transfer_a_m) - 1.0)
    delta_v2_m_s = np.sqrt(gm_m3_s2 / r2_m) * np.abs(1.0 - np.sqrt(r1_m / transfer_a_m))
    transfer_time_s = np.pi * np.sqrt(transfer_a_m**3 / gm_m3_s2)
    return HohmannTransfer(delta_v1_m_s, delta_v2_m_s, transfer_time_s)
