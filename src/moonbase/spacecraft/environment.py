"""The environment a compute satellite works in, by orbit: sunlight, shadow, planet heat, radiation.

One registry entry per kind of orbit (dawn-dusk sun-synchronous LEO, generic LEO,
GEO, the lunar surface, heliocentric) turns the orbit's few numbers into an
:class:`Environment`: solar flux, eclipse fraction and longest eclipse, the heat a
radiator receives from the planet below, the ionising dose per year behind the
reference shielding, and the distance to Earth for links. Assumptions and their
sizes: ``docs/design/eclipse.md`` and ``docs/design/satellite_environment.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from moonbase.constants import (
    AU_M,
    EARTH_BOND_ALBEDO,
    EARTH_EQUATORIAL_RADIUS_M,
    EARTH_OLR_W_M2,
    GRAY_PER_RAD,
    MOON_EQUATOR_TO_ECLIPTIC_RAD,
    MOON_MEAN_RADIUS_M,
    MOON_SEMI_MAJOR_AXIS_M,
    SECONDS_PER_DAY,
    SECONDS_PER_YEAR,
    SOLAR_CONSTANT_W_M2,
    STEFAN_BOLTZMANN_W_M2_K4,
    SYNODIC_MONTH_S,
)
from moonbase.domain import reject as _reject, scalar_or_array
from moonbase.errors import ModelDomainError
from moonbase.physics.eclipse import (
    DRIFT_NODE_SAMPLES,
    DRIFT_YEAR_SAMPLES,
    YEAR_SAMPLES,
    beta_angle_rad,
    circular_orbit_period_s,
    eclipse_fraction,
    sun_synchronous_inclination_rad,
)
from moonbase.physics.solar_flux import solar_flux_w_m2


class OrbitKind(StrEnum):
    """Where the satellite (or installation) works."""

    SSO_DAWN_DUSK = "sso-dawn-dusk"
    LEO = "leo"
    GEO = "geo"
    LUNAR_SURFACE = "lunar-surface"
    HELIOCENTRIC = "heliocentric"


GEO_ALTITUDE_M = 35_786_000.0  # geostationary radius 42,164 km minus 6,378 km (from GM and the sidereal day)
MOON_BOND_ALBEDO = 0.11  # NASA Moon Fact Sheet (Williams, 2024): Bond albedo 0.11
REGOLITH_EMISSIVITY = 0.95  # Vasavada et al. (2012) JGR 117:E00H18, thermal model of the Diviner data


@dataclass(frozen=True)
class DoseFigure:
    """A published ionising dose rate behind a stated shielding, and how it scales."""

    dose_rate_gy_s: float
    reference_shield_kg_m2: float
    shield_exponent: float
    source: str


# Dose rates behind the reference aluminium shielding (1 mm Al = 2.7 kg/m2).
DOSE_FIGURES: dict[OrbitKind, DoseFigure] = {
    OrbitKind.SSO_DAWN_DUSK: DoseFigure(
        150.0 * GRAY_PER_RAD / SECONDS_PER_YEAR, 27.0, 1.0,
        "Agüera y Arcas et al., arXiv:2511.19468 (2025): ~150 rad(Si)/yr behind ~10 mm Al at 650 km SSO"),
    OrbitKind.LEO: DoseFigure(
        150.0 * GRAY_PER_RAD / SECONDS_PER_YEAR, 27.0, 1.0,
        "as sso-dawn-dusk (arXiv:2511.19468, 650 km); lower below ~500 km, higher above ~1,000 km"),
    OrbitKind.GEO: DoseFigure(
        1000.0 * GRAY_PER_RAD / SECONDS_PER_YEAR, 27.0, 2.0,
        "moonbase assumption: ~1 krad(Si)/yr behind 10 mm Al (order of magnitude; trapped electrons, "
        "steep with shielding); see docs/design/satellite_environment.md"),
    OrbitKind.LUNAR_SURFACE: DoseFigure(
        13.2e-6 / 3600.0, 10.0, 0.0,
        "Zhang et al., Sci. Adv. 6:eaaz1334 (2020), Chang'e-4 LND: 13.2 uGy/h in silicon (GCR + albedo)"),
    OrbitKind.HELIOCENTRIC: DoseFigure(
        481e-6 / SECONDS_PER_DAY, 100.0, 0.0,
        "Zeitlin et al., Science 340:1080 (2013), MSL/RAD cruise: 481 uGy/day inside the spacecraft (GCR; "
        "solar particle events add episodically)"),
}


@dataclass(frozen=True)
class Environment:
    """What an orbit imposes on a satellite (SI; arrays broadcast over samples)."""

    kind: OrbitKind
    solar_flux_w_m2: np.ndarray
    eclipse_fraction: np.ndarray
    max_eclipse_s: np.ndarray
    max_eclipse_fraction: np.ndarray
    planet_ir_w_m2: np.ndarray
    planet_albedo_w_m2: np.ndarray
    planet_view_factor: np.ndarray
    dose_rate_gy_s: np.ndarray
    dose: DoseFigure
    earth_distance_m: np.ndarray
    max_earth_distance_m: np.ndarray


def edge_on_planet_view_factor(altitude_m, body_radius_m=EARTH_EQUATORIAL_RADIUS_M):
    """View factor from one face of a vertical plate (normal horizontal) to a sphere below [-].

    Parameters
    ----------
    altitude_m : float or array_like
        Height of the plate above the sphere [m]; > 0.
    body_radius_m : float, optional
        Sphere radius [m].

    Returns
    -------
    numpy.ndarray or float
        :math:`F = \\frac{1}{\\pi}\\left[\\arctan\\frac{1}{X} - \\frac{X}{H^2}\\right]`,
        :math:`H = (R + h)/R`, :math:`X = \\sqrt{H^2 - 1}` [-] ([1]_, plate normal
        perpendicular to the radius vector).

    References
    ----------
    .. [1] J. R. Howell, "A Catalog of Radiation Heat Transfer Configuration
       Factors," 3rd ed., University of Texas at Austin, 2010, factor C-136
       (differential plate to sphere, tilted 90 deg); tabulated for spacecraft in
       D. G. Gilmore (ed.), "Spacecraft Thermal Control Handbook," 2nd ed., 2002, ch. 2.

    Examples
    --------
    >>> round(float(edge_on_planet_view_factor(650e3)), 3)
    0.241
    """
    altitude = np.asarray(altitude_m, dtype=float)
    _reject("altitude_m", altitude, ~(altitude > 0.0), "(0, inf) m.")
    ratio = (body_radius_m + altitude) / body_radius_m
    x = np.sqrt(ratio**2 - 1.0)
    return scalar_or_array((np.arctan(1.0 / x) - x / ratio**2) / np.pi)


def lunar_sunlit_fraction(latitude_rad):
    """Fraction of the year the Sun's centre is above a flat horizon on the Moon [-].

    Parameters
    ----------
    latitude_rad : float or array_like
        Selenographic latitude [rad], in [-pi/2, pi/2].

    Returns
    -------
    numpy.ndarray or float
        Sunlit fraction [-]: 0.5 everywhere except within ~1.5 deg of the poles,
        where the 1.54 deg tilt of the lunar equator makes it seasonal.

    Notes
    -----
    Sunrise equation :math:`\\cos H_0 = -\\tan\\varphi \\tan\\delta`, averaged over the
    Sun's selenographic declination :math:`\\sin\\delta = \\sin 1.54^\\circ \\sin\\Gamma`.
    A flat horizon: raised polar sites see more (Bussey et al. 2010, Icarus
    208:558: 86 % of the year at the best Shackleton-rim site) and that figure
    should be passed instead where it applies.

    Examples
    --------
    >>> float(lunar_sunlit_fraction(0.0))
    0.5
    """
    latitude = np.asarray(latitude_rad, dtype=float)
    _reject("latitude_rad", latitude, ~(np.abs(latitude) <= np.pi / 2), "[-pi/2, pi/2] rad.")
    gamma = (np.arange(360) + 0.5) * 2.0 * np.pi / 360
    declination = np.arcsin(np.sin(MOON_EQUATOR_TO_ECLIPTIC_RAD) * np.sin(gamma))
    with np.errstate(divide="ignore", invalid="ignore"):
        cosine = -np.tan(latitude[..., None]) * np.tan(declination)
    cosine = np.where(np.isfinite(cosine), cosine, -np.sign(latitude[..., None] * declination))
    return scalar_or_array((np.arccos(np.clip(cosine, -1.0, 1.0)) / np.pi).mean(axis=-1))


def mean_earth_distance_m(heliocentric_distance_m):
    """Earth-satellite distance averaged over their relative phase, coplanar circular orbits [m].

    Examples
    --------
    >>> from moonbase.constants import AU_M
    >>> round(float(mean_earth_distance_m(AU_M)) / AU_M, 3)  # 4/pi
    1.273
    """
    r = np.asarray(heliocentric_distance_m, dtype=float)[..., None] / AU_M
    phase = (np.arange(720) + 0.5) * 2.0 * np.pi / 720
    return scalar_or_array(np.sqrt(r**2 + 1.0 - 2.0 * r * np.cos(phase)).mean(axis=-1) * AU_M)


def dose_rate_gy_s(figure: DoseFigure, shield_kg_m2):
    """Ionising dose rate behind ``shield_kg_m2`` of aluminium-equivalent shielding [Gy/s].

    Notes
    -----
    The published rate at its reference shielding, scaled as
    :math:`(\\sigma_{ref}/\\sigma)^k`. The exponents are our assumption
    (``docs/design/satellite_environment.md``): 1 for trapped protons in LEO, 2 for
    GEO electrons, 0 for galactic cosmic rays (which shielding of this order does not
    stop). Valid within a factor ~3 of the reference shielding.

    Examples
    --------
    >>> from moonbase.constants import SECONDS_PER_YEAR, GRAY_PER_RAD
    >>> f = DOSE_FIGURES[OrbitKind.SSO_DAWN_DUSK]
    >>> round(float(dose_rate_gy_s(f, 27.0)) * SECONDS_PER_YEAR / GRAY_PER_RAD)
    150
    """
    shield = np.asarray(shield_kg_m2, dtype=float)
    _reject("shield_kg_m2", shield, ~(shield > 0.0), "(0, inf) kg/m2; 1 mm of aluminium is 2.7 kg/m2.")
    return scalar_or_array(figure.dose_rate_gy_s * (figure.reference_shield_kg_m2 / shield) ** figure.shield_exponent)


def orbit_dose_rate_gy_s(kind, shield_kg_m2):
    """Dose rate in orbit ``kind`` behind ``shield_kg_m2`` of aluminium-equivalent shielding [Gy/s].

    Examples
    --------
    >>> from moonbase.constants import SECONDS_PER_YEAR
    >>> round(float(orbit_dose_rate_gy_s("lunar-surface", 10.0)) * SECONDS_PER_YEAR * 1e3, 1)  # mGy/yr
    115.7
    """
    try:
        figure = DOSE_FIGURES[OrbitKind(kind)]
    except ValueError:
        raise ModelDomainError(f"kind = {kind!r} is unknown; choose one of: "
                               f"{', '.join(k.value for k in OrbitKind)}.") from None
    return dose_rate_gy_s(figure, shield_kg_m2)


def radiation_limited_life_s(tid_tolerance_gy, dose_rate_gy_s_):
    """Time until the total ionising dose reaches the hardware's tolerance [s].

    Examples
    --------
    >>> from moonbase.constants import SECONDS_PER_YEAR
    >>> round(float(radiation_limited_life_s(20.0, 1.5 / SECONDS_PER_YEAR) / SECONDS_PER_YEAR), 1)
    13.3
    """
    tolerance = np.asarray(tid_tolerance_gy, dtype=float)
    rate = np.asarray(dose_rate_gy_s_, dtype=float)
    _reject("tid_tolerance_gy", tolerance, ~(tolerance > 0.0), "(0, inf) Gy; 1 krad = 10 Gy.")
    _reject("dose_rate_gy_s", rate, ~(rate >= 0.0), "[0, inf) Gy/s.")
    with np.errstate(divide="ignore"):
        return scalar_or_array(tolerance / rate)


def _earth_orbit(kind, altitude_m, inclination_rad, node_offset_rad, shield_kg_m2):
    altitude = np.asarray(altitude_m, dtype=float)
    _reject("altitude_m", altitude, ~(altitude > 0.0), "(0, inf) m.")
    period = circular_orbit_period_s(altitude)
    if node_offset_rad is None:  # drifting node: average over node and season (grid argued in physics.eclipse)
        nodes = (np.arange(DRIFT_NODE_SAMPLES) + 0.5) * 2.0 * np.pi / DRIFT_NODE_SAMPLES
        gamma = (np.arange(DRIFT_YEAR_SAMPLES) + 0.5) * 2.0 * np.pi / DRIFT_YEAR_SAMPLES
        beta = beta_angle_rad(np.asarray(inclination_rad, dtype=float)[..., None, None], nodes[:, None], gamma[None, :])
        beta = beta.reshape(beta.shape[:-2] + (-1,))
    else:
        gamma = (np.arange(YEAR_SAMPLES) + 0.5) * 2.0 * np.pi / YEAR_SAMPLES
        beta = beta_angle_rad(np.asarray(inclination_rad, dtype=float)[..., None],
                              gamma + np.asarray(node_offset_rad, dtype=float)[..., None], gamma)
    fractions = eclipse_fraction(beta, altitude[..., None])
    view = edge_on_planet_view_factor(altitude)
    figure = DOSE_FIGURES[kind]
    # orbit-mean albedo: sub-satellite point lit with cos(zenith) = cos(beta) cos(theta), 0 at night
    albedo = EARTH_BOND_ALBEDO * SOLAR_CONSTANT_W_M2 * (np.cos(beta) / np.pi).mean(axis=-1)
    return Environment(
        kind=kind, solar_flux_w_m2=scalar_or_array(np.broadcast_to(SOLAR_CONSTANT_W_M2, np.shape(altitude))) * 1.0,
        eclipse_fraction=scalar_or_array(fractions.mean(axis=-1)),
        max_eclipse_s=scalar_or_array(fractions.max(axis=-1) * period),
        max_eclipse_fraction=scalar_or_array(fractions.max(axis=-1)),
        planet_ir_w_m2=scalar_or_array(np.broadcast_to(EARTH_OLR_W_M2, np.shape(altitude))) * 1.0,
        planet_albedo_w_m2=scalar_or_array(albedo), planet_view_factor=view,
        dose_rate_gy_s=dose_rate_gy_s(figure, shield_kg_m2), dose=figure,
        earth_distance_m=scalar_or_array(altitude), max_earth_distance_m=scalar_or_array(altitude))


def orbit_environment(kind: OrbitKind | str, *, altitude_m=650e3, inclination_rad=0.9, ltan_s=18 * 3600.0,
                      latitude_rad=0.0, heliocentric_distance_m=AU_M, shield_kg_m2=27.0) -> Environment:
    """The environment of an orbit of ``kind`` (the other arguments apply where they mean something).

    Parameters
    ----------
    kind : OrbitKind or str
        ``sso-dawn-dusk``, ``leo``, ``geo``, ``lunar-surface`` or ``heliocentric``.
    altitude_m : float or array_like
        Circular-orbit altitude for ``sso-dawn-dusk`` and ``leo`` [m].
    inclination_rad : float or array_like
        Inclination for ``leo`` [rad] (the node drifts relative to the Sun);
        ``sso-dawn-dusk`` computes its own from J2.
    ltan_s : float or array_like
        Local time of the ascending node for ``sso-dawn-dusk`` [s after midnight];
        18 h (or 6 h) is dawn-dusk.
    latitude_rad : float or array_like
        Selenographic latitude for ``lunar-surface`` [rad].
    heliocentric_distance_m : float or array_like
        Distance from the Sun for ``heliocentric`` [m].
    shield_kg_m2 : float or array_like
        Aluminium-equivalent shielding around the electronics [kg/m2] (10 mm Al = 27).

    Returns
    -------
    Environment

    Raises
    ------
    ModelDomainError
        For an unknown kind or an argument outside its range.

    Examples
    --------
    >>> env = orbit_environment("geo")
    >>> round(float(env.max_eclipse_s) / 60)
    69
    """
    try:
        kind = OrbitKind(kind)
    except ValueError:
        raise ModelDomainError(f"orbit = {kind!r} is unknown; choose one of: "
                               f"{', '.join(k.value for k in OrbitKind)}.") from None
    return _BUILDERS[kind](altitude_m=altitude_m, inclination_rad=inclination_rad, ltan_s=ltan_s,
                           latitude_rad=latitude_rad, heliocentric_distance_m=heliocentric_distance_m,
                           shield_kg_m2=shield_kg_m2)


def _sso(*, altitude_m, ltan_s, shield_kg_m2, **_):
    ltan = np.asarray(ltan_s, dtype=float)
    _reject("ltan_s", ltan, ~((ltan >= 0.0) & (ltan <= SECONDS_PER_DAY)), "[0, 86400] s (0-24 h).")
    offset = (ltan - 0.5 * SECONDS_PER_DAY) / SECONDS_PER_DAY * 2.0 * np.pi
    return _earth_orbit(OrbitKind.SSO_DAWN_DUSK, altitude_m, sun_synchronous_inclination_rad(altitude_m),
                        offset, shield_kg_m2)


def _leo(*, altitude_m, inclination_rad, shield_kg_m2, **_):
    return _earth_orbit(OrbitKind.LEO, altitude_m, inclination_rad, None, shield_kg_m2)


def _geo(*, shield_kg_m2, **_):
    return _earth_orbit(OrbitKind.GEO, GEO_ALTITUDE_M, 0.0, 0.0, shield_kg_m2)


def _lunar_surface(*, latitude_rad, shield_kg_m2, **_):
    latitude = np.asarray(latitude_rad, dtype=float)
    sunlit = lunar_sunlit_fraction(latitude)
    # noon regolith in radiative equilibrium: eps sigma T^4 = (1 - A) S cos(lat) (Vasavada et al. 2012: ~390 K)
    regolith_ir = (1.0 - MOON_BOND_ALBEDO) * SOLAR_CONSTANT_W_M2 * np.cos(latitude)
    temperature = (regolith_ir / (REGOLITH_EMISSIVITY * STEFAN_BOLTZMANN_W_M2_K4)) ** 0.25
    figure = DOSE_FIGURES[OrbitKind.LUNAR_SURFACE]
    shape = np.shape(latitude)
    return Environment(
        kind=OrbitKind.LUNAR_SURFACE, solar_flux_w_m2=scalar_or_array(np.full(shape, SOLAR_CONSTANT_W_M2)),
        eclipse_fraction=(1.0 - sunlit), max_eclipse_s=((1.0 - sunlit) * SYNODIC_MONTH_S),
        max_eclipse_fraction=(1.0 - sunlit),
        planet_ir_w_m2=(REGOLITH_EMISSIVITY * STEFAN_BOLTZMANN_W_M2_K4 * temperature**4),
        planet_albedo_w_m2=(MOON_BOND_ALBEDO * SOLAR_CONSTANT_W_M2 * np.cos(latitude)),
        planet_view_factor=scalar_or_array(np.full(shape, 0.5)),  # vertical panel on a flat plain sees half ground
        dose_rate_gy_s=dose_rate_gy_s(figure, shield_kg_m2), dose=figure,
        earth_distance_m=scalar_or_array(np.full(shape, MOON_SEMI_MAJOR_AXIS_M - MOON_MEAN_RADIUS_M)),
        max_earth_distance_m=scalar_or_array(np.full(shape, MOON_SEMI_MAJOR_AXIS_M)))


def _heliocentric(*, heliocentric_distance_m, shield_kg_m2, **_):
    distance = np.asarray(heliocentric_distance_m, dtype=float)
    flux = solar_flux_w_m2(distance)
    zero = scalar_or_array(np.zeros(np.shape(distance)))
    figure = DOSE_FIGURES[OrbitKind.HELIOCENTRIC]
    return Environment(
        kind=OrbitKind.HELIOCENTRIC, solar_flux_w_m2=flux, eclipse_fraction=zero, max_eclipse_s=zero, max_eclipse_fraction=zero,
        planet_ir_w_m2=zero, planet_albedo_w_m2=zero, planet_view_factor=zero,
        dose_rate_gy_s=dose_rate_gy_s(figure, shield_kg_m2), dose=figure,
        earth_distance_m=mean_earth_distance_m(distance), max_earth_distance_m=scalar_or_array(distance + AU_M))


_BUILDERS = {
    OrbitKind.SSO_DAWN_DUSK: _sso,
    OrbitKind.LEO: _leo,
    OrbitKind.GEO: _geo,
    OrbitKind.LUNAR_SURFACE: _lunar_surface,
    OrbitKind.HELIOCENTRIC: _heliocentric,
}
