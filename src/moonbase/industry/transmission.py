"""A DC power line on the Moon, from the industry's power site to a user elsewhere.

The industry's solar fields stand on a polar ridge (lit most of the month); a user such as
the mass driver may stand elsewhere (the equator). :func:`transmission_line` sizes the line
between them: the route along the surface (:func:`selenographic_distance_m`), the conductor
cross-section that keeps the resistive loss at a chosen fraction of the power sent
(:func:`conductor_area_for_loss_m2`), its mass and losses. The line lives with the lunar
power system (:mod:`moonbase.industry.lunar_power`) because it carries the industry's
power to any remote user; the mass driver's fleet reads it. Design note:
``docs/design/mass_driver_fleet.md``.

A two-conductor (bipolar) DC line: current ``I = P_sent / V`` with ``V`` the voltage
between the two conductors (1.6 MV for a +-800 kV line), loss ``I^2 rho 2L / A``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

import numpy as np

from moonbase.constants import (
    ALUMINIUM_DENSITY_KG_M3,
    ALUMINIUM_WIRE_RESISTIVITY_OHM_M,
    ALUMINIUM_WIRE_TEMPERATURE_COEFFICIENT_PER_K,
    ANNEALED_COPPER_RESISTIVITY_OHM_M,
    ANNEALED_COPPER_TEMPERATURE_COEFFICIENT_PER_K,
    CONDUCTOR_REFERENCE_TEMPERATURE_K,
    COPPER_DENSITY_KG_M3,
    MOON_MEAN_RADIUS_M,
)
from moonbase.domain import between, fraction, non_negative, positive, scalar_or_array
from moonbase.errors import ModelDomainError

__all__ = ["LineConductor", "LineConductorSpec", "LINE_CONDUCTORS", "TransmissionLine",
           "selenographic_distance_m", "conductor_resistivity_ohm_m", "conductor_resistance_per_m_ohm_m",
           "line_loss_fraction", "conductor_area_for_loss_m2", "conductor_mass_per_m_per_w_kg_m_w",
           "transmission_line"]


class LineConductor(StrEnum):
    """Conductor of a power line (the keys of :data:`LINE_CONDUCTORS`)."""

    ALUMINIUM = "aluminium"  # what a lunar smelter makes (Al from anorthite)
    COPPER = "copper"


@dataclass(frozen=True)
class LineConductorSpec:
    """A conductor grade: resistivity at 20 C, its temperature coefficient, density."""

    resistivity_20c_ohm_m: float
    temperature_coefficient_per_k: float
    density_kg_m3: float
    source: str


#: Conductor grades of power lines, as their standards fix them.
LINE_CONDUCTORS = {
    LineConductor.ALUMINIUM: LineConductorSpec(
        ALUMINIUM_WIRE_RESISTIVITY_OHM_M, ALUMINIUM_WIRE_TEMPERATURE_COEFFICIENT_PER_K, ALUMINIUM_DENSITY_KG_M3,
        "IEC 60889:1987 (hard-drawn aluminium wire for overhead line conductors, 61 % IACS)"),
    LineConductor.COPPER: LineConductorSpec(
        ANNEALED_COPPER_RESISTIVITY_OHM_M, ANNEALED_COPPER_TEMPERATURE_COEFFICIENT_PER_K, COPPER_DENSITY_KG_M3,
        "IEC 60028:1925 (International Annealed Copper Standard, 100 % IACS)"),
}


def _spec(conductor: str) -> LineConductorSpec:
    if conductor not in LINE_CONDUCTORS:
        raise ModelDomainError(f"conductor = {conductor!r} is unknown; choose one of: "
                               f"{', '.join(c.value for c in LineConductor)}.")
    return LINE_CONDUCTORS[LineConductor(conductor)]


class TransmissionLine(NamedTuple):
    """A sized line (SI; floats or ``(samples,)`` arrays)."""

    length_m: object  # route length along the surface
    voltage_v: object  # between the two conductors
    sent_power_w: object  # at the power site
    delivered_power_w: object  # at the user's site
    loss_w: object  # resistive loss in the conductors
    current_a: object
    resistivity_ohm_m: object  # at the line's temperature
    conductor_area_m2: object  # cross-section of one conductor
    conductor_mass_kg: object  # both conductors over the route
    earth_made_mass_kg: object
    lunar_made_mass_kg: object


#: Where the industry's power site of each city site kind (``lunar.site``) stands, (latitude, longitude) [rad]:
#: a polar ridge city's fields at Bussey et al.'s (2010) best-lit polar point, 88.74 S 124.5 E; an
#: equatorial city stands with the mass driver (no line).
POWER_SITE_COORDINATES_RAD = {"polar-ridge": (np.radians(-88.74), np.radians(124.5))}


def power_site_route_m(site, driver_latitude_rad, driver_longitude_rad):
    """Great-circle route from the industry's power site (``lunar.site``) to the mass driver [m]: 0 for an
    equatorial city, which stands with the driver (:data:`POWER_SITE_COORDINATES_RAD`)."""
    if site not in POWER_SITE_COORDINATES_RAD:
        return np.zeros(np.shape(driver_latitude_rad))
    latitude, longitude = POWER_SITE_COORDINATES_RAD[site]
    return np.asarray(selenographic_distance_m(latitude, longitude, driver_latitude_rad, driver_longitude_rad),
                      dtype=float)


def selenographic_distance_m(latitude_1_rad, longitude_1_rad, latitude_2_rad, longitude_2_rad,
                             radius_m=MOON_MEAN_RADIUS_M):
    """Great-circle distance between two selenographic points on a sphere [m].

    Parameters
    ----------
    latitude_1_rad, longitude_1_rad, latitude_2_rad, longitude_2_rad : float or array_like
        Selenographic latitudes in [-pi/2, pi/2] and longitudes (east positive) [rad].
    radius_m : float or array_like, optional
        Sphere radius [m], > 0; the Moon's mean radius by default.

    Notes
    -----
    Haversine form of the central angle, exact on a sphere and well conditioned for
    short and antipodal arcs alike. The Moon's flattening (polar and equatorial radii
    within 2 km of the mean 1,737.4 km) changes a route by < 0.1 %; terrain detours are
    not counted (``docs/design/mass_driver_fleet.md``).

    Examples
    --------
    From the south pole to the equator is a quarter of a meridian:

    >>> round(selenographic_distance_m(-np.pi / 2, 0.0, 0.0, np.pi / 2) / 1e3, 1)
    2729.1
    """
    for name, value in (("latitude_1_rad", latitude_1_rad), ("latitude_2_rad", latitude_2_rad)):
        between(name, value, -np.pi / 2, np.pi / 2, "a latitude in [-90, 90] deg (in radians)")
    radius = positive("radius_m", radius_m, "m")
    lat1, lat2 = np.asarray(latitude_1_rad, dtype=float), np.asarray(latitude_2_rad, dtype=float)
    dlat = lat2 - lat1
    dlon = np.asarray(longitude_2_rad, dtype=float) - np.asarray(longitude_1_rad, dtype=float)
    h = np.sin(dlat / 2.0) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin(dlon / 2.0) ** 2
    return scalar_or_array(2.0 * radius * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0))))


def conductor_resistivity_ohm_m(conductor, temperature_k):
    """Resistivity of a line conductor grade at ``temperature_k`` [ohm m].

    ``rho(T) = rho_20 (1 + alpha (T - 293.15 K))``, the linear law and coefficient of the
    grade's standard (:data:`LINE_CONDUCTORS`), valid over roughly 200-500 K. Lunar
    surface temperatures (100-390 K at the equator) reach below its lower end: at 100 K
    the linear law gives aluminium 22 % of its 20 C value, where measured bulk values
    are ~15 %, so a cold line is underestimated as a good conductor by less than its
    daytime penalty (+39 % at 390 K).

    References
    ----------
    .. [1] IEC 60889:1987, "Hard-drawn aluminium wire for overhead line conductors":
       0.028264 ohm mm2/m at 20 C (61 % IACS), temperature coefficient 0.00403 /K.
    .. [2] IEC 60028:1925, "International standard of resistance for copper": 1/58 ohm mm2/m
       at 20 C (100 % IACS), temperature coefficient 0.00393 /K.

    Examples
    --------
    >>> round(conductor_resistivity_ohm_m("aluminium", 298.15) * 1e8, 4)
    2.8834
    """
    spec = _spec(conductor)
    temperature = positive("temperature_k", temperature_k, "K")
    return scalar_or_array(spec.resistivity_20c_ohm_m * (
        1.0 + spec.temperature_coefficient_per_k * (temperature - CONDUCTOR_REFERENCE_TEMPERATURE_K)))


def conductor_resistance_per_m_ohm_m(conductor_area_m2, conductor="aluminium",
                                     temperature_k=CONDUCTOR_REFERENCE_TEMPERATURE_K):
    """DC resistance per metre of a conductor of cross-section ``conductor_area_m2`` [ohm/m].

    ``R' = rho(T) / A`` for a solid or stranded conductor of the given grade, ignoring the
    1-3 % extra length of the helical strands of a concentric-lay conductor and the
    little current a steel core carries (validated against handbook ACSR tables within
    3 %: ``validation/data/industry/transmission.toml``).

    References
    ----------
    .. [1] M. Reta-Hernandez, "Transmission Line Parameters," ch. 13 in L. L. Grigsby (ed.),
       Electric Power Generation, Transmission, and Distribution (The Electric Power
       Engineering Handbook), CRC Press, Tables 13.2a-b (ACSR DC resistance at 25 C).
    """
    area = positive("conductor_area_m2", conductor_area_m2, "m2")
    return scalar_or_array(conductor_resistivity_ohm_m(conductor, temperature_k) / area)


def line_loss_fraction(sent_power_w, length_m, conductor_area_m2, voltage_v, resistivity_ohm_m):
    """Share of the power sent lost in the two conductors of a DC line [-].

    ``f = (P/V)^2 rho 2L / A / P = 2 rho L P / (A V^2)``; above 1 the line cannot carry
    that power at that voltage (the receiving end would collapse): a :class:`ModelDomainError`.
    """
    power = non_negative("sent_power_w", sent_power_w, "W")
    length = non_negative("length_m", length_m, "m")
    area = positive("conductor_area_m2", conductor_area_m2, "m2")
    voltage = positive("voltage_v", voltage_v, "V")
    rho = positive("resistivity_ohm_m", resistivity_ohm_m, "ohm m")
    loss = 2.0 * rho * length * power / (area * voltage**2)
    if np.any(loss >= 1.0):
        raise ModelDomainError(f"the line loses {float(np.max(loss)):.3g} of the power sent; expected < 1 "
                               "(raise voltage_v or conductor_area_m2, or send less power).")
    return scalar_or_array(loss)


def conductor_area_for_loss_m2(sent_power_w, length_m, loss_fraction, voltage_v, resistivity_ohm_m):
    """Cross-section of each conductor that loses ``loss_fraction`` of the power sent [m2].

    The inverse of :func:`line_loss_fraction`: ``A = 2 rho L P / (f V^2)``.
    """
    power = non_negative("sent_power_w", sent_power_w, "W")
    length = non_negative("length_m", length_m, "m")
    loss = fraction("loss_fraction", loss_fraction, low_open=True, high_open=True)
    voltage = positive("voltage_v", voltage_v, "V")
    rho = positive("resistivity_ohm_m", resistivity_ohm_m, "ohm m")
    return scalar_or_array(2.0 * rho * length * power / (loss * voltage**2))


def conductor_mass_per_m_per_w_kg_m_w(length_m, loss_fraction, voltage_v, resistivity_ohm_m, density_kg_m3):
    """Conductor mass per metre of route and per watt sent, for a given loss [kg/(m W)].

    ``2 A d / P = 4 rho d L / (f V^2)``: proportional to the route length, so the whole
    line's conductor mass grows as ``L^2`` at a fixed loss fraction.

    >>> round(conductor_mass_per_m_per_w_kg_m_w(1e6, 0.05, 1.6e6, 2.8264e-8, 2700.0) * 1e3 * 1e6, 2)
    2.38
    """
    length = non_negative("length_m", length_m, "m")
    loss = fraction("loss_fraction", loss_fraction, low_open=True, high_open=True)
    voltage = positive("voltage_v", voltage_v, "V")
    rho = positive("resistivity_ohm_m", resistivity_ohm_m, "ohm m")
    density = positive("density_kg_m3", density_kg_m3, "kg/m3")
    return scalar_or_array(4.0 * rho * density * length / (loss * voltage**2))


def transmission_line(delivered_power_w, length_m, loss_fraction, voltage_v, conductor="aluminium",
                      temperature_k=CONDUCTOR_REFERENCE_TEMPERATURE_K, earth_made_fraction=0.0) -> TransmissionLine:
    """Size a two-conductor DC line that delivers ``delivered_power_w`` over ``length_m``.

    Parameters
    ----------
    delivered_power_w : float or array_like
        Power at the user's end [W], >= 0.
    length_m : float or array_like
        Route length [m], >= 0 (0: the user stands at the power site; no line).
    loss_fraction : float or array_like
        Resistive loss as a share of the power sent [-], in (0, 1).
    voltage_v : float or array_like
        Voltage between the two conductors [V], > 0 (1.6 MV for a +-800 kV bipole).
    conductor : str
        ``"aluminium"`` (lunar-made) or ``"copper"`` (:data:`LINE_CONDUCTORS`).
    temperature_k : float or array_like
        Design conductor temperature [K], > 0 (the resistivity's).
    earth_made_fraction : float or array_like
        Share of the conductor mass landed from Earth [-], in [0, 1].

    Returns
    -------
    TransmissionLine

    Notes
    -----
    Only the conductors' mass and resistive loss are modelled: supports and insulators
    (no wind or ice loads on the Moon), converter stations at both ends, and the
    vacuum-insulation and dust questions of a multi-megavolt line on the regolith are
    left out; their sizes are argued in ``docs/design/mass_driver_fleet.md``.
    For comparison, the +-800 kV, 6.4 GW, ~2,000 km Xiangjiaba-Shanghai link on
    6 x 720 mm2 aluminium per pole gives 6.2-6.5 % line loss by this model; its supplier
    states total losses (line and converters) under 7 % [1].

    References
    ----------
    .. [1] "China completes ultra-high-voltage transmission superhighway," POWER magazine
       (2010), quoting ABB, the link's main technology supplier: losses under 7 %.

    Examples
    --------
    Alpha's 10.5 GW driver fed from a polar ridge 2,700 km away at +-800 kV, 5 % loss:

    >>> line = transmission_line(10.5e9, 2.7e6, 0.05, 1.6e6)
    >>> round(line.conductor_mass_kg / 1e6)  # kt
    192
    """
    spec = _spec(conductor)
    delivered = non_negative("delivered_power_w", delivered_power_w, "W")
    length = non_negative("length_m", length_m, "m")
    loss = fraction("loss_fraction", loss_fraction, low_open=True, high_open=True)
    earth = fraction("earth_made_fraction", earth_made_fraction)
    rho = np.asarray(conductor_resistivity_ohm_m(conductor, temperature_k), dtype=float)
    has_line = length > 0.0
    sent = np.where(has_line, delivered / (1.0 - loss), delivered)
    area = np.where(has_line, conductor_area_for_loss_m2(sent, length, loss, voltage_v, rho), 0.0)
    mass = 2.0 * area * length * spec.density_kg_m3
    s = scalar_or_array
    return TransmissionLine(
        length_m=s(length), voltage_v=s(np.asarray(voltage_v, dtype=float)), sent_power_w=s(sent),
        delivered_power_w=s(delivered), loss_w=s(sent - delivered),
        current_a=s(np.where(has_line, sent / np.asarray(voltage_v, dtype=float), 0.0)),
        resistivity_ohm_m=s(rho), conductor_area_m2=s(area), conductor_mass_kg=s(mass),
        earth_made_mass_kg=s(mass * earth), lunar_made_mass_kg=s(mass * (1.0 - earth)))
