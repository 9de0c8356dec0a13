"""The Moon-fixed frame from DE421's librations, and launch states in barycentric ICRF.

The Moon's orientation is DE421's own: its physical-libration Euler angles give the
rotation from the ICRF to the lunar principal-axis (PA) frame, and a constant rotation
of 67.92", 78.56" and 0.30" about z, y and x [1]_ turns the PA frame into the
mean-Earth/polar-axis (ME) frame in which selenographic coordinates are measured (the
frame of :mod:`moonbase.orbits.lunar_site`):

``r_ME = Rx(-0.30") Ry(-78.56") Rz(-67.92") R3(psi) R1(theta) R3(phi) r_ICRF``

with frame-rotation matrices ``R`` (SPICE convention). The LLR-fitted DE421 rotation
places a point on the lunar surface to about a metre; the IAU/WGCCRE rotation formulae
would be an approximation to it (see ``docs/design/ephemeris_frames.md``).

A mass-driver launch is a site (selenographic latitude, east longitude, height above
the 1,737.4 km mean radius), a track direction (azimuth from north, elevation) and an
exit speed relative to the rotating surface. :func:`site_state_icrf` turns it into the
payload's barycentric ICRF state; :func:`site_from_state_icrf` is its inverse.

References
----------
.. [1] J. G. Williams, D. H. Boggs, W. M. Folkner, "DE421 Lunar Orbit, Physical
   Librations, and Surface Coordinates," JPL IOM 335-JW,DB,WF-20080314-001, 2008
   (PA -> ME rotation angles, sec. 5).
.. [2] B. A. Archinal et al., "Report of the IAU Working Group on Cartographic
   Coordinates and Rotational Elements: 2015," Celest. Mech. Dyn. Astron. 130:22 (2018),
   doi:10.1007/s10569-017-9805-5.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from moonbase.constants import MOON_MEAN_RADIUS_M
from moonbase.orbits.ephemeris import TdbEpoch, body_state_m, libration_angles_rad
from moonbase.orbits.lunar_site import (
    azimuth_elevation_from_direction,
    check_elevation_rad,
    check_height_m,
    check_latitude_rad,
    launch_direction_moon_fixed,
    site_position_moon_fixed_m,
)
from moonbase.domain import require

_ARCSEC_RAD = np.pi / (180.0 * 3600.0)
#: DE421 principal-axis -> mean-Earth rotation angles about z, y, x [rad] ([1]_, sec. 5).
PA_TO_ME_ANGLES_RAD = (67.92 * _ARCSEC_RAD, 78.56 * _ARCSEC_RAD, 0.30 * _ARCSEC_RAD)


class SiteLaunch(NamedTuple):
    """A launch from the Moon's surface, in Moon-fixed terms [rad, m, m/s]."""

    latitude_rad: np.ndarray
    longitude_rad: np.ndarray
    height_m: np.ndarray
    azimuth_rad: np.ndarray
    elevation_rad: np.ndarray
    exit_speed_m_s: np.ndarray


def _frame_rotation(axis: int, angle_rad):
    """Frame-rotation matrices (..., 3, 3) about ``axis`` (0 x, 1 y, 2 z) by ``angle_rad``."""
    angle_rad = np.asarray(angle_rad, dtype=float)
    c, s = np.cos(angle_rad), np.sin(angle_rad)
    m = np.zeros(angle_rad.shape + (3, 3))
    i, j = [(1, 2), (2, 0), (0, 1)][axis]
    m[..., axis, axis] = 1.0
    m[..., i, i] = c
    m[..., j, j] = c
    m[..., i, j] = s
    m[..., j, i] = -s
    return m


#: Constant rotation from the DE421 PA frame to the ME frame.
PA_TO_ME = (_frame_rotation(0, -PA_TO_ME_ANGLES_RAD[2]) @ _frame_rotation(1, -PA_TO_ME_ANGLES_RAD[1])
            @ _frame_rotation(2, -PA_TO_ME_ANGLES_RAD[0]))


def icrf_to_moon_me(epoch: TdbEpoch, elapsed_s=0.0) -> np.ndarray:
    """Rotation matrix from the ICRF to the lunar mean-Earth (ME) frame [-].

    Parameters
    ----------
    epoch : TdbEpoch
        Reference epoch (TDB).
    elapsed_s : array_like
        TDB seconds after ``epoch`` [s].

    Returns
    -------
    numpy.ndarray
        (..., 3, 3) ``M`` with ``r_ME = M r_ICRF``.

    Notes
    -----
    ``M = PA_TO_ME R3(psi) R1(theta) R3(phi)`` with DE421's libration angles [1]_.

    Examples
    --------
    >>> from moonbase.orbits.ephemeris import epoch_from_utc
    >>> m = icrf_to_moon_me(epoch_from_utc("2030-01-01T00:00:00"))
    >>> np.allclose(m @ m.T, np.eye(3))
    True
    """
    angles_rad, _ = libration_angles_rad(epoch, elapsed_s)
    phi, theta, psi = angles_rad[..., 0], angles_rad[..., 1], angles_rad[..., 2]
    return PA_TO_ME @ _frame_rotation(2, psi) @ _frame_rotation(0, theta) @ _frame_rotation(2, phi)


def moon_angular_velocity_rad_s(epoch: TdbEpoch, elapsed_s=0.0) -> np.ndarray:
    """The Moon's angular velocity in ICRF axes [rad/s].

    Parameters
    ----------
    epoch : TdbEpoch
        Reference epoch (TDB).
    elapsed_s : array_like
        TDB seconds after ``epoch`` [s].

    Returns
    -------
    numpy.ndarray
        (..., 3) [rad/s]; its length is 2.66e-6 rad/s (one turn per sidereal month)
        within the physical librations.

    Notes
    -----
    3-1-3 Euler kinematics in the PA frame,
    ``w = (phi' sin(theta) sin(psi) + theta' cos(psi), phi' sin(theta) cos(psi) -
    theta' sin(psi), phi' cos(theta) + psi')``, rotated to the ICRF.

    Examples
    --------
    >>> from moonbase.orbits.ephemeris import epoch_from_utc
    >>> w = moon_angular_velocity_rad_s(epoch_from_utc("2030-01-01T00:00:00"))
    >>> round(2 * np.pi / float(np.linalg.norm(w)) / 86400.0, 1)
    27.3
    """
    angles_rad, rates_rad_s = libration_angles_rad(epoch, elapsed_s)
    phi, theta, psi = (angles_rad[..., k] for k in range(3))
    d_phi, d_theta, d_psi = (rates_rad_s[..., k] for k in range(3))
    omega_pa = np.stack([
        d_phi * np.sin(theta) * np.sin(psi) + d_theta * np.cos(psi),
        d_phi * np.sin(theta) * np.cos(psi) - d_theta * np.sin(psi),
        d_phi * np.cos(theta) + d_psi,
    ], axis=-1)
    icrf_to_pa = _frame_rotation(2, psi) @ _frame_rotation(0, theta) @ _frame_rotation(2, phi)
    return np.einsum("...ji,...j->...i", icrf_to_pa, omega_pa)


def icrf_from_moon_fixed(position_me_m, velocity_me_m_s, epoch: TdbEpoch, elapsed_s=0.0):
    """Barycentric ICRF state of a point given in the rotating lunar ME frame.

    Parameters
    ----------
    position_me_m : array_like
        (..., 3) position relative to the Moon's centre, ME axes [m].
    velocity_me_m_s : array_like
        (..., 3) velocity relative to the rotating ME frame, ME axes [m/s].
    epoch : TdbEpoch
        Reference epoch (TDB).
    elapsed_s : array_like
        TDB seconds after ``epoch`` [s].

    Returns
    -------
    position_m, velocity_m_s : numpy.ndarray
        (..., 3) barycentric ICRF [m], [m/s].

    Notes
    -----
    ``r = r_moon + M^T r_ME``, ``v = v_moon + M^T v_ME + w x (M^T r_ME)`` (transport
    theorem), with ``M`` from :func:`icrf_to_moon_me` and ``w`` from
    :func:`moon_angular_velocity_rad_s`.

    Examples
    --------
    >>> from moonbase.orbits.ephemeris import epoch_from_utc
    >>> p, v = icrf_from_moon_fixed([1.7374e6, 0, 0], [0, 0, 0], epoch_from_utc("2030-01-01T00:00:00"))
    >>> p.shape
    (3,)
    """
    m = icrf_to_moon_me(epoch, elapsed_s)
    omega = moon_angular_velocity_rad_s(epoch, elapsed_s)
    moon_p, moon_v = body_state_m("moon", epoch, elapsed_s)
    r_icrf = np.einsum("...ji,...j->...i", m, np.asarray(position_me_m, dtype=float))
    v_icrf = np.einsum("...ji,...j->...i", m, np.asarray(velocity_me_m_s, dtype=float))
    return moon_p + r_icrf, moon_v + v_icrf + np.cross(omega, r_icrf)


def moon_fixed_from_icrf(position_m, velocity_m_s, epoch: TdbEpoch, elapsed_s=0.0):
    """Inverse of :func:`icrf_from_moon_fixed`: ME-frame position and rotating-frame velocity.

    Parameters
    ----------
    position_m, velocity_m_s : array_like
        (..., 3) barycentric ICRF state [m], [m/s].
    epoch : TdbEpoch
        Reference epoch (TDB).
    elapsed_s : array_like
        TDB seconds after ``epoch`` [s].

    Returns
    -------
    position_me_m, velocity_me_m_s : numpy.ndarray
        (..., 3) relative to the Moon's centre in ME axes [m], and relative to the
        rotating frame [m/s].

    Examples
    --------
    >>> from moonbase.orbits.ephemeris import epoch_from_utc
    >>> e = epoch_from_utc("2030-01-01T00:00:00")
    >>> p, v = moon_fixed_from_icrf(*icrf_from_moon_fixed([1.7374e6, 0, 0], [0, 0, 0], e), e)
    >>> [round(float(x)) for x in p]
    [1737400, 0, 0]
    """
    m = icrf_to_moon_me(epoch, elapsed_s)
    omega = moon_angular_velocity_rad_s(epoch, elapsed_s)
    moon_p, moon_v = body_state_m("moon", epoch, elapsed_s)
    r_icrf = np.asarray(position_m, dtype=float) - moon_p
    v_icrf = np.asarray(velocity_m_s, dtype=float) - moon_v - np.cross(omega, r_icrf)
    return np.einsum("...ij,...j->...i", m, r_icrf), np.einsum("...ij,...j->...i", m, v_icrf)


def site_state_icrf(latitude_rad, longitude_rad, height_m, azimuth_rad, elevation_rad, exit_speed_m_s,
                    epoch: TdbEpoch, elapsed_s=0.0):
    """Barycentric ICRF state of a payload leaving a lunar mass driver.

    Parameters
    ----------
    latitude_rad : array_like
        Selenographic latitude of the track exit [rad], in [-pi/2, pi/2].
    longitude_rad : array_like
        Selenographic east longitude [rad].
    height_m : array_like
        Height above the 1,737.4 km mean radius [m].
    azimuth_rad : array_like
        Track azimuth, clockwise from local north [rad].
    elevation_rad : array_like
        Track elevation above the local horizontal [rad], in [-pi/2, pi/2].
    exit_speed_m_s : array_like
        Speed relative to the rotating surface [m/s], >= 0.
    epoch : TdbEpoch
        Reference epoch (TDB).
    elapsed_s : array_like
        Firing time, TDB seconds after ``epoch`` [s].

    Returns
    -------
    position_m, velocity_m_s : numpy.ndarray
        (..., 3) barycentric ICRF [m], [m/s].

    Notes
    -----
    Site and direction on a spherical Moon in the ME frame
    (:mod:`moonbase.orbits.lunar_site`), then :func:`icrf_from_moon_fixed` with the
    rotating-frame velocity ``exit_speed d``; the surface's own motion (4.6 m/s at the
    equator, with the librations) comes from the transport theorem.

    Examples
    --------
    >>> from moonbase.orbits.ephemeris import epoch_from_utc, body_state_m
    >>> e = epoch_from_utc("2030-01-01T00:00:00")
    >>> p, v = site_state_icrf(0.0, 0.0, 0.0, 0.0, np.pi / 2, 2500.0, e)
    >>> moon_p, moon_v = body_state_m("moon", e)
    >>> round(float(np.linalg.norm(p - moon_p)) / 1e3, 1), round(float(np.linalg.norm(v - moon_v)))
    (1737.4, 2500)
    """
    check_latitude_rad(latitude_rad)
    check_elevation_rad(elevation_rad)
    check_height_m(height_m)
    require(np.asarray(exit_speed_m_s, dtype=float) >= 0.0, "exit_speed_m_s", exit_speed_m_s,
            "a speed >= 0 m/s")
    position_me_m = site_position_moon_fixed_m(latitude_rad, longitude_rad, height_m)
    direction = launch_direction_moon_fixed(latitude_rad, longitude_rad, azimuth_rad, elevation_rad)
    velocity_me_m_s = np.asarray(exit_speed_m_s, dtype=float)[..., None] * direction
    position_me_m, velocity_me_m_s = np.broadcast_arrays(position_me_m, velocity_me_m_s)
    return icrf_from_moon_fixed(position_me_m, velocity_me_m_s, epoch, elapsed_s)


def site_from_state_icrf(position_m, velocity_m_s, epoch: TdbEpoch, elapsed_s=0.0) -> SiteLaunch:
    """Inverse of :func:`site_state_icrf`: the site, track and exit speed of a state.

    Parameters
    ----------
    position_m, velocity_m_s : array_like
        (..., 3) barycentric ICRF state [m], [m/s].
    epoch : TdbEpoch
        Reference epoch (TDB).
    elapsed_s : array_like
        TDB seconds after ``epoch`` [s].

    Returns
    -------
    SiteLaunch
        Latitude, east longitude in (-pi, pi], height above the mean radius [rad, m],
        azimuth in [0, 2 pi), elevation [rad] and speed relative to the surface [m/s].

    Examples
    --------
    >>> from moonbase.orbits.ephemeris import epoch_from_utc
    >>> e = epoch_from_utc("2030-01-01T00:00:00")
    >>> s = site_from_state_icrf(*site_state_icrf(0.1, -1.2, 50.0, 1.0, 0.3, 2400.0, e), e)
    >>> [round(float(x), 3) for x in s]  # metre-level: barycentric round-off is ~3e-5 m
    [0.1, -1.2, 50.0, 1.0, 0.3, 2400.0]
    """
    position_me_m, velocity_me_m_s = moon_fixed_from_icrf(position_m, velocity_m_s, epoch, elapsed_s)
    radius_m = np.linalg.norm(position_me_m, axis=-1)
    latitude_rad = np.arcsin(np.clip(position_me_m[..., 2] / radius_m, -1.0, 1.0))
    longitude_rad = np.arctan2(position_me_m[..., 1], position_me_m[..., 0])
    speed_m_s = np.linalg.norm(velocity_me_m_s, axis=-1)
    azimuth_rad, elevation_rad = azimuth_elevation_from_direction(
        latitude_rad, longitude_rad, np.where(speed_m_s[..., None] > 0.0, velocity_me_m_s, [0.0, 0.0, 1.0]))
    return SiteLaunch(latitude_rad, longitude_rad, radius_m - MOON_MEAN_RADIUS_M, azimuth_rad, elevation_rad,
                      speed_m_s)


def synodic_basis(primary_to_secondary_m, relative_velocity_m_s) -> np.ndarray:
    """Rows of the rotating (synodic) frame of a two-body pair, e.g. Earth-Moon [-].

    Parameters
    ----------
    primary_to_secondary_m : array_like
        Position of the secondary relative to the primary, shape (..., 3) [m].
    relative_velocity_m_s : array_like
        Its velocity relative to the primary, shape (..., 3) [m/s].

    Returns
    -------
    numpy.ndarray
        Shape (..., 3, 3): rows x (primary -> secondary), y (completing the right-handed
        set, along the secondary's motion) and z (orbit normal), so that
        ``basis @ r`` gives ``r``'s components in the rotating frame.

    Notes
    -----
    The classical synodic frame of the restricted three-body problem, re-aligned at each
    instant with the actual (eccentric, inclined) relative orbit: x = r/|r|,
    z = (r x v)/|r x v|, y = z x x. The origin is left to the caller (here: the
    primary's centre).
    """
    r = np.asarray(primary_to_secondary_m, dtype=float)
    v = np.asarray(relative_velocity_m_s, dtype=float)
    x = r / np.linalg.norm(r, axis=-1, keepdims=True)
    h = np.cross(r, v)
    z = h / np.linalg.norm(h, axis=-1, keepdims=True)
    y = np.cross(z, x)
    return np.stack([x, y, z], axis=-2)
