"""Where a propagated payload ends up, and its osculating heliocentric orbit.

Four fates, decided from the propagator's events (:mod:`moonbase.orbits.propagator`):

``lunar_impact``
    The payload came within the Moon's mean radius (1,737.4 km) of its centre.
``earth_impact``
    It came within 100 km of the Earth's equatorial radius (the entry interface;
    below it the atmosphere decides, and a payload does not climb back out).
``heliocentric``
    No impact, and at the end of the run it is outside the Earth's Hill sphere,
    ``r_H = a (GM_EMB / 3 GM_sun)^(1/3)`` = 1.503 million km [1]_: the Sun, not the
    Earth, governs its motion there.
``earth_moon_bound``
    No impact and still inside the Hill sphere at the end of the run (in orbit about
    the Earth, or looping back after lunar encounters).

A payload that leaves the Hill sphere and comes back within the run counts as bound
(its exit time is forgotten); one that left it late in the run counts as heliocentric
even though the Earth could, years later, capture it again for a while. The choice of
the run length is discussed in ``docs/design/fates.md``.

References
----------
.. [1] C. D. Murray, S. F. Dermott, "Solar System Dynamics," Cambridge University
   Press, 1999, sec. 3.13 (Hill's approximation, eq. 3.75), sec. 2.8 (orbital elements
   from position and velocity).
.. [2] E. M. Standish, "Keplerian Elements for Approximate Positions of the Major
   Planets," JPL Solar System Dynamics, Table 1 (1800 AD - 2050 AD), 2006.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from moonbase.constants import OBLIQUITY_J2000_RAD
from moonbase.domain import require
from moonbase.orbits.ephemeris import TdbEpoch, body_state_m, epoch_from_utc, gm_m3_s2
from moonbase.orbits import propagator

#: The four fates, in the order used for codes and summaries.
FATES: tuple[str, ...] = ("lunar_impact", "earth_impact", "earth_moon_bound", "heliocentric")

_CODE_TO_FATE = {
    propagator.LUNAR_IMPACT: "lunar_impact",
    propagator.EARTH_IMPACT: "earth_impact",
    propagator.RUNNING_INSIDE_HILL: "earth_moon_bound",
    propagator.OUTSIDE_HILL: "heliocentric",
    propagator.FAILED_MAX_STEPS: "earth_moon_bound",
    propagator.FAILED_STEP_UNDERFLOW: "earth_moon_bound",
}


class HeliocentricElements(NamedTuple):
    """Osculating heliocentric elements, ecliptic and equinox of J2000 [m, -, rad]."""

    semi_major_axis_m: np.ndarray
    eccentricity: np.ndarray
    inclination_rad: np.ndarray
    longitude_of_node_rad: np.ndarray
    argument_of_perihelion_rad: np.ndarray
    perihelion_m: np.ndarray
    aphelion_m: np.ndarray


def fates_from_outcomes(outcome) -> np.ndarray:
    """Fate names of propagator outcome codes.

    Parameters
    ----------
    outcome : array_like of int
        Codes from :class:`moonbase.orbits.propagator.Propagation` ``.outcome``.

    Returns
    -------
    numpy.ndarray of str
        One of :data:`FATES` per payload. A payload whose integration failed (step
        limit or step underflow, negative codes) is counted as ``earth_moon_bound``:
        that only happens deep inside the Earth-Moon system.

    Examples
    --------
    >>> fates_from_outcomes([1, 3]).tolist()
    ['lunar_impact', 'heliocentric']
    """
    outcome = np.asarray(outcome)
    known = np.isin(outcome, list(_CODE_TO_FATE))
    require(known, "outcome", outcome, f"propagator outcome codes {sorted(_CODE_TO_FATE)}")
    names = np.array([_CODE_TO_FATE[int(code)] for code in outcome.reshape(-1)], dtype=object)
    return names.reshape(outcome.shape).astype(str)


def fate_fractions(fates) -> dict[str, float]:
    """Fraction of payloads per fate: exactly the four keys of :data:`FATES`, summing to 1.

    Parameters
    ----------
    fates : array_like of str
        Fate names, at least one.

    Returns
    -------
    dict
        ``{fate: fraction}`` [-].

    Examples
    --------
    >>> fate_fractions(["heliocentric", "lunar_impact", "heliocentric", "heliocentric"])["heliocentric"]
    0.75
    """
    fates = np.asarray(fates).reshape(-1)
    require(fates.size > 0, "fates", fates, "at least one payload")
    require(np.isin(fates, FATES), "fates", fates, f"one of {', '.join(FATES)}")
    return {fate: float(np.count_nonzero(fates == fate)) / fates.size for fate in FATES}


def _equatorial_to_ecliptic(vector):
    c, s = np.cos(OBLIQUITY_J2000_RAD), np.sin(OBLIQUITY_J2000_RAD)
    x, y, z = vector[..., 0], vector[..., 1], vector[..., 2]
    return np.stack([x, c * y + s * z, -s * y + c * z], axis=-1)


def osculating_elements(position_m, velocity_m_s, gm_central_m3_s2):
    """Osculating two-body elements of a relative state, in the axes given [m, -, rad].

    Parameters
    ----------
    position_m, velocity_m_s : array_like
        (..., 3) position and velocity relative to the central body [m], [m/s].
    gm_central_m3_s2 : float
        Gravitational parameter of the central body [m^3/s^2], > 0.

    Returns
    -------
    HeliocentricElements
        ``a`` (negative for a hyperbola), ``e``, ``i``, node, argument of pericentre,
        pericentre ``q = a (1 - e)`` and apocentre ``Q = a (1 + e)`` (inf if unbound).
        Node and argument are 0 where undefined (``i = 0``, ``e = 0``).

    Notes
    -----
    ``a = 1 / (2/r - v^2/GM)``, ``e = ((v^2 - GM/r) r - (r.v) v) / GM``,
    ``h = r x v``, ``i = acos(h_z / h)``, node ``n = z x h`` ([1]_, sec. 2.8).

    Examples
    --------
    >>> el = osculating_elements([1.496e11, 0, 0], [0, 29780.0, 0], 1.32712440018e20)
    >>> round(float(el.eccentricity), 3), round(float(el.semi_major_axis_m / 1.496e11), 3)
    (0.0, 1.0)
    """
    require(np.asarray(gm_central_m3_s2) > 0.0, "gm_central_m3_s2", gm_central_m3_s2, "a value > 0 m^3/s^2")
    r = np.asarray(position_m, dtype=float)
    v = np.asarray(velocity_m_s, dtype=float)
    gm = float(gm_central_m3_s2)
    r_norm = np.linalg.norm(r, axis=-1)
    v2 = np.sum(v * v, axis=-1)
    rv = np.sum(r * v, axis=-1)
    a = 1.0 / (2.0 / r_norm - v2 / gm)
    e_vec = ((v2 - gm / r_norm)[..., None] * r - rv[..., None] * v) / gm
    e = np.linalg.norm(e_vec, axis=-1)
    h = np.cross(r, v)
    h_norm = np.linalg.norm(h, axis=-1)
    inclination = np.arccos(np.clip(h[..., 2] / h_norm, -1.0, 1.0))
    node = np.stack([-h[..., 1], h[..., 0], np.zeros_like(h_norm)], axis=-1)
    node_norm = np.linalg.norm(node, axis=-1)
    safe_node = np.where(node_norm[..., None] > 0.0, node / np.where(node_norm > 0, node_norm, 1.0)[..., None],
                         [1.0, 0.0, 0.0])
    longitude_of_node = np.mod(np.arctan2(safe_node[..., 1], safe_node[..., 0]), 2.0 * np.pi)
    safe_e = np.where(e[..., None] > 0.0, e_vec / np.where(e > 0, e, 1.0)[..., None], safe_node)
    cos_w = np.clip(np.sum(safe_node * safe_e, axis=-1), -1.0, 1.0)
    argument = np.where(safe_e[..., 2] < 0.0, 2.0 * np.pi - np.arccos(cos_w), np.arccos(cos_w))
    perihelion = np.where(e != 1.0, a * (1.0 - e), h_norm**2 / (2.0 * gm))
    aphelion = np.where(e < 1.0, a * (1.0 + e), np.inf)
    return HeliocentricElements(a, e, inclination, longitude_of_node, argument, perihelion, aphelion)


def heliocentric_elements(position_m, velocity_m_s, epoch: TdbEpoch, elapsed_s=0.0) -> HeliocentricElements:
    """Osculating heliocentric elements of barycentric ICRF states, ecliptic of J2000.

    Parameters
    ----------
    position_m, velocity_m_s : array_like
        (..., 3) barycentric ICRF state [m], [m/s].
    epoch : TdbEpoch
        Reference epoch (TDB).
    elapsed_s : array_like
        Time of each state, TDB seconds after ``epoch`` [s].

    Returns
    -------
    HeliocentricElements
        Elements about the Sun (DE421 position and GM), rotated from the ICRF to the
        ecliptic by the J2000 obliquity 23.4392911 deg.

    Notes
    -----
    Two-body osculating elements (:func:`osculating_elements`) with the Sun's own GM;
    the planets perturb them by parts in 10^4 to 10^3 over a year (design note
    ``docs/design/fates.md``). The ICRF equator differs from the J2000 mean equator by
    tens of milliarcseconds, negligible here.

    Examples
    --------
    >>> from moonbase.orbits.ephemeris import epoch_from_utc, body_state_m
    >>> e = epoch_from_utc("2030-01-01T00:00:00")
    >>> el = heliocentric_elements(*body_state_m("earth", e), e)
    >>> round(float(el.semi_major_axis_m / 1.495978707e11), 2), round(float(np.degrees(el.inclination_rad)), 2)
    (1.0, 0.0)
    """
    sun_p, sun_v = body_state_m("sun", epoch, elapsed_s)
    relative_p = _equatorial_to_ecliptic(np.asarray(position_m, dtype=float) - sun_p)
    relative_v = _equatorial_to_ecliptic(np.asarray(velocity_m_s, dtype=float) - sun_v)
    return osculating_elements(relative_p, relative_v, gm_m3_s2("sun"))


def body_heliocentric_elements(body: str, epoch_utc: str) -> HeliocentricElements:
    """Osculating heliocentric elements of a DE421 body (or the Earth-Moon barycentre).

    Parameters
    ----------
    body : str
        A body of :data:`moonbase.orbits.ephemeris.BODIES`, or ``"earth_moon_barycenter"``.
    epoch_utc : str
        ISO 8601 UTC instant.

    Returns
    -------
    HeliocentricElements
        As :func:`heliocentric_elements`.

    Notes
    -----
    For validation against published planetary elements (Standish's table [2]_ gives
    mean elements; the osculating ones wander about them by the planetary
    perturbations).

    Examples
    --------
    >>> el = body_heliocentric_elements("earth_moon_barycenter", "2000-01-01T12:00:00")
    >>> round(float(el.eccentricity), 3)
    0.017
    """
    epoch = epoch_from_utc(epoch_utc)
    if body == "earth_moon_barycenter":
        earth_p, earth_v = body_state_m("earth", epoch)
        moon_p, moon_v = body_state_m("moon", epoch)
        share = gm_m3_s2("moon") / (gm_m3_s2("earth") + gm_m3_s2("moon"))
        position_m, velocity_m_s = earth_p + share * (moon_p - earth_p), earth_v + share * (moon_v - earth_v)
    else:
        position_m, velocity_m_s = body_state_m(body, epoch)
    return heliocentric_elements(position_m, velocity_m_s, epoch)
