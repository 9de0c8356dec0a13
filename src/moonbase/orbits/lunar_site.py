"""Launch sites and launch directions on the Moon, in the Moon-fixed frame.

Frame: the mean-Earth/polar-axis (ME) frame of [1]_. Its origin is the Moon's centre of
mass, +z points to the lunar north pole (the mean rotation axis), +x to the mean
sub-Earth point (0 N, 0 E) and +y completes a right-handed set, so +y points to
0 N, 90 E. Selenographic latitude and east longitude are measured in this frame.

Orbital geometry used by the escape analysis (our derivation, checked in the tests):
for a circular lunar orbit in the lunar equator, the Earth lies along +x as seen from
the Moon, and the orbital angular velocity is along +z, so the Moon's velocity relative
to Earth is ``omega z x (-a x) = -a omega y``: along -y. The apex of the leading
hemisphere is therefore 0 N, 90 W and the apex of the trailing hemisphere 0 N, 90 E.
The Moon rotates synchronously, about +z, at
:data:`moonbase.constants.MOON_SIDEREAL_ROTATION_RATE_RAD_S`.

Local directions use east-north-up (ENU) axes; azimuth is measured clockwise from
local north (north 0, east pi/2), elevation above the local horizontal.

References
----------
.. [1] B. A. Archinal et al., "Report of the IAU Working Group on Cartographic
   Coordinates and Rotational Elements: 2015," Celest. Mech. Dyn. Astron. 130:22
   (2018), sec. on the Moon (mean Earth/polar axis system), doi:10.1007/s10569-017-9805-5.
"""

from __future__ import annotations

import numpy as np

from moonbase.constants import MOON_MEAN_RADIUS_M, MOON_SIDEREAL_ROTATION_RATE_RAD_S
from moonbase.errors import ModelDomainError

_HALF_PI_RAD = 0.5 * np.pi
_ANGLE_SLACK_RAD = 1e-12  # round-off allowed on +/- pi/2 bounds given in degrees


def _check_within_half_pi(name: str, value_rad, meaning: str) -> None:
    value_rad = np.asarray(value_rad, dtype=float)
    outside = ~(np.abs(value_rad) <= _HALF_PI_RAD + _ANGLE_SLACK_RAD)
    if np.any(outside):
        raise ModelDomainError(
            f"{name} = {value_rad[outside].flat[0]!r} rad is outside [-pi/2, pi/2] "
            f"(-90 to 90 deg); {meaning}, in radians."
        )


def check_latitude_rad(latitude_rad) -> None:
    """Raise :class:`ModelDomainError` unless every latitude lies in [-pi/2, pi/2]."""
    _check_within_half_pi("latitude_rad", latitude_rad, "give selenographic latitude")


def check_elevation_rad(elevation_rad) -> None:
    """Raise :class:`ModelDomainError` unless every elevation lies in [-pi/2, pi/2]."""
    _check_within_half_pi("elevation_rad", elevation_rad,
                          "elevation is measured from the local horizontal")


def check_height_m(height_m) -> None:
    """Raise :class:`ModelDomainError` unless every site lies outside the Moon's centre."""
    height_m = np.asarray(height_m, dtype=float)
    if np.any(~(height_m > -MOON_MEAN_RADIUS_M)):
        bad = height_m[~(height_m > -MOON_MEAN_RADIUS_M)].flat[0]
        raise ModelDomainError(
            f"height_m = {bad!r} m is outside (-{MOON_MEAN_RADIUS_M:.0f} m, inf); it is the "
            "height above the mean lunar radius, in metres."
        )


def _enu_axes(latitude_rad, longitude_rad):
    """Local east, north and up unit vectors (..., 3) in the Moon-fixed frame."""
    sin_lat, cos_lat = np.sin(latitude_rad), np.cos(latitude_rad)
    sin_lon, cos_lon = np.sin(longitude_rad), np.cos(longitude_rad)
    zero = np.zeros_like(sin_lat * sin_lon)
    east = np.stack(np.broadcast_arrays(-sin_lon, cos_lon, zero), axis=-1)
    north = np.stack(np.broadcast_arrays(-sin_lat * cos_lon, -sin_lat * sin_lon, cos_lat), axis=-1)
    up = np.stack(np.broadcast_arrays(cos_lat * cos_lon, cos_lat * sin_lon, sin_lat), axis=-1)
    return east, north, up


def site_position_moon_fixed_m(latitude_rad, longitude_rad, height_m):
    """Position of a site on a spherical Moon in the Moon-fixed ME frame [m].

    Parameters
    ----------
    latitude_rad : array_like
        Selenographic latitude [rad], in [-pi/2, pi/2].
    longitude_rad : array_like
        Selenographic east longitude [rad], any value.
    height_m : array_like
        Height above the mean lunar radius [m], > -MOON_MEAN_RADIUS_M.

    Returns
    -------
    numpy.ndarray
        Position (..., 3) [m], x to the mean sub-Earth point, z to the north pole.

    Notes
    -----
    ``r = (R + h) (cos(lat) cos(lon), cos(lat) sin(lon), sin(lat))`` with the mean radius
    R = 1737.4 km (NASA Moon fact sheet). A sphere: the lunar figure departs from it by
    a few km (about 0.3 % of R), which only shifts the escape speed by the same relative
    amount as the height does; give the real height in ``height_m`` when it matters.

    Examples
    --------
    >>> site_position_moon_fixed_m(0.0, 0.0, 0.0)
    array([1737400.,       0.,       0.])
    """
    check_latitude_rad(latitude_rad)
    check_height_m(height_m)
    _, _, up = _enu_axes(latitude_rad, longitude_rad)
    return (MOON_MEAN_RADIUS_M + np.asarray(height_m, dtype=float))[..., None] * up


def launch_direction_moon_fixed(latitude_rad, longitude_rad, azimuth_rad, elevation_rad):
    """Unit launch direction in the Moon-fixed ME frame [-].

    Parameters
    ----------
    latitude_rad : array_like
        Selenographic latitude of the site [rad], in [-pi/2, pi/2].
    longitude_rad : array_like
        Selenographic east longitude of the site [rad].
    azimuth_rad : array_like
        Track azimuth, clockwise from local north [rad] (east is pi/2).
    elevation_rad : array_like
        Track elevation above the local horizontal [rad], in [-pi/2, pi/2].

    Returns
    -------
    numpy.ndarray
        Unit vector (..., 3) [-].

    Notes
    -----
    ``d = cos(el) (sin(az) e + cos(az) n) + sin(el) u`` with the local east ``e``, north
    ``n`` and up ``u`` unit vectors. At the poles east and north follow the limit
    lat -> +/-90 deg at the given longitude.

    Examples
    --------
    >>> launch_direction_moon_fixed(0.0, 0.0, np.pi / 2, 0.0).round(12)
    array([0., 1., 0.])
    """
    check_latitude_rad(latitude_rad)
    check_elevation_rad(elevation_rad)
    east, north, up = _enu_axes(latitude_rad, longitude_rad)
    cos_el = np.cos(elevation_rad)[..., None]
    horizontal = np.sin(azimuth_rad)[..., None] * east + np.cos(azimuth_rad)[..., None] * north
    return cos_el * horizontal + np.sin(elevation_rad)[..., None] * up


def azimuth_elevation_from_direction(latitude_rad, longitude_rad, direction):
    """Azimuth and elevation of a Moon-fixed direction seen from a site [rad].

    Parameters
    ----------
    latitude_rad : array_like
        Selenographic latitude of the site [rad], in [-pi/2, pi/2].
    longitude_rad : array_like
        Selenographic east longitude of the site [rad].
    direction : array_like
        Direction (..., 3) in the Moon-fixed ME frame, any non-zero length [-].

    Returns
    -------
    azimuth_rad : numpy.ndarray
        Clockwise from local north, in [0, 2 pi) [rad]; 0 for a vertical direction.
    elevation_rad : numpy.ndarray
        Above the local horizontal, in [-pi/2, pi/2] [rad].

    Notes
    -----
    Inverse of :func:`launch_direction_moon_fixed`:
    ``el = arcsin(d.u / |d|)``, ``az = atan2(d.e, d.n) mod 2 pi``.

    Examples
    --------
    >>> az, el = azimuth_elevation_from_direction(0.0, 0.0, [0.0, 1.0, 0.0])
    >>> float(np.degrees(az)), float(np.degrees(el))
    (90.0, 0.0)
    """
    check_latitude_rad(latitude_rad)
    direction = np.asarray(direction, dtype=float)
    length = np.linalg.norm(direction, axis=-1)
    if np.any(~(length > 0.0)):
        raise ModelDomainError(
            "direction has zero (or non-finite) length; give a non-zero 3-vector (..., 3)."
        )
    unit = direction / length[..., None]
    east, north, up = _enu_axes(latitude_rad, longitude_rad)
    elevation_rad = np.arcsin(np.clip(np.sum(unit * up, axis=-1), -1.0, 1.0))
    azimuth_rad = np.mod(np.arctan2(np.sum(unit * east, axis=-1), np.sum(unit * north, axis=-1)),
                         2.0 * np.pi)
    return azimuth_rad, elevation_rad


def surface_velocity_m_s(latitude_rad, longitude_rad, height_m):
    """Inertial velocity of a point fixed on the rotating Moon, Moon-fixed axes [m/s].

    Parameters
    ----------
    latitude_rad, longitude_rad : array_like
        Selenographic latitude (in [-pi/2, pi/2]) and east longitude of the site [rad].
    height_m : array_like
        Height above the mean lunar radius [m].

    Returns
    -------
    numpy.ndarray
        ``omega z x r`` (..., 3) [m/s]: 4.6 m/s eastward on the equator.

    Notes
    -----
    Synchronous rotation at the sidereal rate 2 pi / 27.321661 d about the polar axis
    (NASA Moon fact sheet); the small physical librations are neglected, see
    ``docs/design/patched_conic_escape.md``.

    Examples
    --------
    >>> float(surface_velocity_m_s(0.0, 0.0, 0.0)[1].round(2))
    4.62
    """
    position_m = site_position_moon_fixed_m(latitude_rad, longitude_rad, height_m)
    spin_rad_s = np.array([0.0, 0.0, MOON_SIDEREAL_ROTATION_RATE_RAD_S])
    return np.cross(spin_rad_s, position_m)
