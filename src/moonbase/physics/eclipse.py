"""Eclipses of circular orbits by a spherical planet: beta angle and a cylindrical shadow.

The planet's shadow is a cylinder of the planet's radius pointing away from the Sun
(no penumbra, no atmosphere); the orbit is circular. The fraction of each orbit in
shadow then depends only on the altitude and the beta angle (the angle between the
orbit plane and the Sun direction). Size of what is neglected:
``docs/design/eclipse.md``.
"""

from __future__ import annotations

import numpy as np

from moonbase.constants import (
    EARTH_EQUATORIAL_RADIUS_M,
    EARTH_J2,
    GM_EARTH_M3_S2,
    OBLIQUITY_J2000_RAD,
    TROPICAL_YEAR_S,
)
from moonbase.domain import positive, reject as _reject, scalar_or_array


def _altitude(altitude_m):
    altitude = positive("altitude_m", altitude_m, "m", hint="a circular orbit above the surface")
    return altitude


def circular_orbit_period_s(altitude_m, gm_m3_s2=GM_EARTH_M3_S2, body_radius_m=EARTH_EQUATORIAL_RADIUS_M):
    """Period of a circular orbit at ``altitude_m`` above a spherical body [s].

    Parameters
    ----------
    altitude_m : float or array_like
        Height above the body's radius [m]; > 0.
    gm_m3_s2 : float, optional
        Gravitational parameter of the body [m3/s2]; Earth by default.
    body_radius_m : float, optional
        Radius of the body [m]; Earth's equatorial radius by default.

    Returns
    -------
    numpy.ndarray or float
        :math:`T = 2\\pi\\sqrt{a^3/\\mu}` with :math:`a = R + h` [s] (Kepler's third law).

    Examples
    --------
    >>> round(float(circular_orbit_period_s(400e3)) / 60.0, 1)
    92.6
    """
    radius = body_radius_m + _altitude(altitude_m)
    return scalar_or_array(2.0 * np.pi * np.sqrt(radius**3 / gm_m3_s2))


def critical_beta_angle_rad(altitude_m, body_radius_m=EARTH_EQUATORIAL_RADIUS_M):
    """Beta angle above which a circular orbit sees no eclipse [rad].

    Parameters
    ----------
    altitude_m : float or array_like
        Orbit altitude [m]; > 0.
    body_radius_m : float, optional
        Radius of the shadowing body [m].

    Returns
    -------
    numpy.ndarray or float
        :math:`\\beta^* = \\arcsin(R / (R + h))` [rad] ([1]_).

    References
    ----------
    .. [1] S. L. Rickman, "Introduction to Orbital Mechanics and Spacecraft Attitudes
       for Thermal Engineers," NASA Thermal and Fluids Analysis Workshop (TFAWS)
       short course, 2014 (beta angle and eclipse fraction sections).

    Examples
    --------
    >>> import math
    >>> round(math.degrees(float(critical_beta_angle_rad(400e3))), 1)
    70.2
    """
    altitude = _altitude(altitude_m)
    return scalar_or_array(np.arcsin(body_radius_m / (body_radius_m + altitude)))


def eclipse_fraction(beta_rad, altitude_m, body_radius_m=EARTH_EQUATORIAL_RADIUS_M):
    """Fraction of a circular orbit spent in a cylindrical planetary shadow [-].

    Parameters
    ----------
    beta_rad : float or array_like
        Beta angle, between the orbit plane and the Sun direction [rad], in
        [-pi/2, pi/2].
    altitude_m : float or array_like
        Orbit altitude above ``body_radius_m`` [m]; > 0.
    body_radius_m : float, optional
        Radius of the shadowing body [m]; Earth's equatorial radius by default.

    Returns
    -------
    numpy.ndarray or float
        Eclipse fraction in [0, 0.5) [-]; 0 for :math:`|\\beta| \\ge \\beta^*`.

    Notes
    -----
    Cylindrical shadow, circular orbit ([1]_):

    .. math:: f_E = \\frac{1}{\\pi}\\arccos\\left(
              \\frac{\\sqrt{h^2 + 2 R h}}{(R + h)\\cos\\beta}\\right)
              \\quad (|\\beta| < \\beta^*), \\qquad 0 \\text{ otherwise}.

    Penumbra and atmospheric refraction are neglected: at 400 km they change the
    eclipse by seconds, at GEO the penumbra adds about 2 minutes on each side of
    the 69-minute umbra (``docs/design/eclipse.md``).

    References
    ----------
    .. [1] S. L. Rickman, "Introduction to Orbital Mechanics and Spacecraft Attitudes
       for Thermal Engineers," NASA TFAWS short course, 2014 (eclipse fraction
       as a function of beta angle and altitude).

    Examples
    --------
    >>> round(float(eclipse_fraction(0.0, 400e3)), 3)
    0.39
    """
    beta = np.asarray(beta_rad, dtype=float)
    _reject("beta_rad", beta, ~(np.abs(beta) <= np.pi / 2 + 1e-12),
            "[-pi/2, pi/2] rad; the beta angle is an elevation of the Sun above the orbit plane.")
    altitude = _altitude(altitude_m)
    radius = body_radius_m + altitude
    cos_beta = np.cos(beta)
    chord = np.sqrt(altitude**2 + 2.0 * body_radius_m * altitude)
    with np.errstate(divide="ignore"):
        ratio = np.where(cos_beta > 0.0, chord / (radius * np.maximum(cos_beta, 1e-300)), np.inf)
    return scalar_or_array(np.arccos(np.clip(ratio, -1.0, 1.0)) / np.pi)


def beta_angle_rad(inclination_rad, raan_rad, solar_longitude_rad, obliquity_rad=OBLIQUITY_J2000_RAD):
    """Beta angle of an orbit for a given Sun position [rad].

    Parameters
    ----------
    inclination_rad : float or array_like
        Orbit inclination to the equator [rad], in [0, pi].
    raan_rad : float or array_like
        Right ascension of the ascending node [rad].
    solar_longitude_rad : float or array_like
        Ecliptic longitude of the Sun [rad] (0 at the March equinox).
    obliquity_rad : float, optional
        Obliquity of the ecliptic [rad]; J2000 value by default.

    Returns
    -------
    numpy.ndarray or float
        :math:`\\beta` in [-pi/2, pi/2] [rad].

    Notes
    -----
    The sine of beta is the projection of the Sun direction on the orbit normal
    ([1]_):

    .. math:: \\sin\\beta = \\cos\\Gamma \\sin\\Omega \\sin i
              - \\sin\\Gamma \\cos\\varepsilon \\cos\\Omega \\sin i
              + \\sin\\Gamma \\sin\\varepsilon \\cos i

    References
    ----------
    .. [1] S. L. Rickman, NASA TFAWS short course, 2014 (beta angle equation).

    Examples
    --------
    >>> import math
    >>> round(math.degrees(float(beta_angle_rad(0.0, 0.0, math.pi / 2))), 2)  # GEO, June solstice
    23.44
    """
    inclination = np.asarray(inclination_rad, dtype=float)
    _reject("inclination_rad", inclination, ~((inclination >= 0.0) & (inclination <= np.pi)),
            "[0, pi] rad.")
    raan = np.asarray(raan_rad, dtype=float)
    gamma = np.asarray(solar_longitude_rad, dtype=float)
    sine = (np.cos(gamma) * np.sin(raan) * np.sin(inclination)
            - np.sin(gamma) * np.cos(obliquity_rad) * np.cos(raan) * np.sin(inclination)
            + np.sin(gamma) * np.sin(obliquity_rad) * np.cos(inclination))
    return scalar_or_array(np.arcsin(np.clip(sine, -1.0, 1.0)))


def sun_synchronous_inclination_rad(altitude_m):
    """Inclination at which J2 turns a circular orbit's plane with the mean Sun [rad].

    Parameters
    ----------
    altitude_m : float or array_like
        Orbit altitude [m]; > 0 and below about 5,970 km (above that no
        inclination is fast enough).

    Returns
    -------
    numpy.ndarray or float
        Retrograde inclination in (pi/2, pi] [rad].

    Notes
    -----
    Nodal regression by J2 ([1]_):
    :math:`\\dot\\Omega = -\\tfrac{3}{2} J_2 \\sqrt{\\mu} R^2 a^{-7/2} \\cos i`, set
    equal to :math:`2\\pi` per tropical year.

    References
    ----------
    .. [1] H. D. Curtis, "Orbital Mechanics for Engineering Students," 3rd ed.,
       Butterworth-Heinemann, 2014, ch. 4 (regression of the node by J2).

    Examples
    --------
    >>> import math
    >>> round(math.degrees(float(sun_synchronous_inclination_rad(650e3))), 2)
    97.99
    """
    radius = EARTH_EQUATORIAL_RADIUS_M + _altitude(altitude_m)
    node_rate = 2.0 * np.pi / TROPICAL_YEAR_S
    cosine = -2.0 * node_rate * radius**3.5 / (3.0 * EARTH_J2 * np.sqrt(GM_EARTH_M3_S2) * EARTH_EQUATORIAL_RADIUS_M**2)
    _reject("altitude_m", np.broadcast_to(radius - EARTH_EQUATORIAL_RADIUS_M, np.shape(cosine)), cosine < -1.0,
            "(0, ~5.97e6) m; above ~5,970 km no orbit precesses fast enough to be sun-synchronous.")
    return scalar_or_array(np.arccos(cosine))


YEAR_SAMPLES = 360  # solar longitudes per year for a locked (sun-synchronous) node: 1 deg steps
# A drifting node averages over a torus of (node, solar longitude); 24 x 90 midpoints agree with a
# 288 x 1440 grid to 3e-4 of the mean eclipse fraction (400-1,200 km, 17-86 deg inclination).
DRIFT_NODE_SAMPLES = 24
DRIFT_YEAR_SAMPLES = 90


def _midpoints(count):
    return (np.arange(count) + 0.5) * 2.0 * np.pi / count


def mean_eclipse_fraction(altitude_m, inclination_rad, node_offset_rad=None):
    """Year-averaged eclipse fraction of a circular Earth orbit [-].

    Parameters
    ----------
    altitude_m : float or array_like
        Orbit altitude [m]; > 0.
    inclination_rad : float or array_like
        Inclination [rad], in [0, pi].
    node_offset_rad : float or array_like, optional
        For a sun-synchronous orbit, the right ascension of the node minus that of
        the mean Sun [rad] (pi/2 for a 18:00 ascending node: dawn-dusk). ``None``
        (default) for an orbit whose node drifts relative to the Sun: the average is
        then taken over all node positions as well.

    Returns
    -------
    numpy.ndarray or float
        Mean fraction of time in shadow [-].

    Notes
    -----
    Averages :func:`eclipse_fraction` of :func:`beta_angle_rad` over the Sun's
    ecliptic longitude (uniform in time: circular Earth orbit, error < 3 % from
    eccentricity) and, for drifting nodes, over the node (midpoint grids, see
    :data:`DRIFT_NODE_SAMPLES`). The mean Sun's right
    ascension is taken equal to its ecliptic longitude (equation of time, <= 4 deg
    of node, neglected). Our own assembly of [1]_'s formulas.

    References
    ----------
    .. [1] S. L. Rickman, NASA TFAWS short course, 2014.

    Examples
    --------
    >>> import math
    >>> round(float(mean_eclipse_fraction(650e3, math.radians(97.99), math.pi / 2)), 3)
    0.039
    """
    altitude = _altitude(altitude_m)[..., None]
    inclination = np.asarray(inclination_rad, dtype=float)[..., None]
    if node_offset_rad is None:
        nodes, gamma = _midpoints(DRIFT_NODE_SAMPLES), _midpoints(DRIFT_YEAR_SAMPLES)
        beta = beta_angle_rad(inclination[..., None], nodes[:, None], gamma[None, :])
        fraction = eclipse_fraction(beta, altitude[..., None]).mean(axis=(-2, -1))
    else:
        gamma = _midpoints(YEAR_SAMPLES)
        offset = np.asarray(node_offset_rad, dtype=float)[..., None]
        beta = beta_angle_rad(inclination, gamma + offset, gamma)
        fraction = eclipse_fraction(beta, altitude).mean(axis=-1)
    return scalar_or_array(fraction)


def max_eclipse_fraction(altitude_m, inclination_rad, node_offset_rad=None):
    """Largest eclipse fraction over a year [-] (same model as :func:`mean_eclipse_fraction`).

    Examples
    --------
    >>> round(float(max_eclipse_fraction(400e3, 0.9)), 3)  # any drifting orbit reaches beta = 0
    0.39
    """
    altitude = _altitude(altitude_m)
    if node_offset_rad is None:
        # the node sweeps all positions, so beta passes through 0 every precession cycle
        return eclipse_fraction(np.zeros_like(altitude), altitude)
    gamma = _midpoints(YEAR_SAMPLES)
    offset = np.asarray(node_offset_rad, dtype=float)[..., None]
    beta = beta_angle_rad(np.asarray(inclination_rad, dtype=float)[..., None], gamma + offset, gamma)
    return scalar_or_array(eclipse_fraction(beta, altitude[..., None]).max(axis=-1))
