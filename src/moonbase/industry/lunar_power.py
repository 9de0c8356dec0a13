"""Solar power of a lunar surface array, averaged over a lunation, and night storage.

Illumination fractions are a registry of published values by site kind; the
scenario picks one by name (or gives a number). Design note:
``docs/design/lunar_bootstrap.md`` (section "Power").
"""

from __future__ import annotations

from enum import StrEnum

import numpy as np

from moonbase.constants import SOLAR_CONSTANT_W_M2, SYNODIC_MONTH_S
from moonbase.errors import ModelDomainError
from moonbase.domain import at_least, between, greater, require as _require, scalar_or_array
from moonbase.physics.photovoltaics import pv_power_w

__all__ = [
    "IlluminationSite",
    "LunarSite",
    "ILLUMINATION_FRACTION_BY_SITE",
    "illumination_fraction",
    "CITY_SITE_ILLUMINATION",
    "city_illumination_fraction",
    "lunar_solar_average_power_w",
    "lunar_night_duration_s",
    "night_storage_energy_j",
    "REFERENCE_DUTY_CYCLE",
    "sunlit_replication_time_s",
]

#: Fraction of time a site's array is sunlit [-], by site kind, with sources.
ILLUMINATION_FRACTION_BY_SITE = {
    # Bussey et al., Icarus 208:558 (2010): best single point near the Shackleton rim
    # (88.74 S, 124.5 E) lit 86 % of the year; two points < 10 km apart together 94 %.
    "polar-ridge-best": 0.86,
    "polar-ridge-pair": 0.94,
    # Metzger et al., J. Aerospace Eng. 26(1):18 (2013): solar duty cycle 70 % of a
    # lunation at a polar site, 40 % at lower latitude (their sensitivity case).
    "polar-metzger-2013": 0.70,
    "low-latitude-metzger-2013": 0.40,
    # Equator: lit half of each synodic month (29.53 d), a 14.77-day night.
    "equatorial": 0.50,
}


class IlluminationSite(StrEnum):
    """Kind of site of a solar field (the keys of :data:`ILLUMINATION_FRACTION_BY_SITE`)."""

    POLAR_RIDGE_BEST = "polar-ridge-best"
    POLAR_RIDGE_PAIR = "polar-ridge-pair"
    POLAR_METZGER_2013 = "polar-metzger-2013"
    LOW_LATITUDE_METZGER_2013 = "low-latitude-metzger-2013"
    EQUATORIAL = "equatorial"


def illumination_fraction(site):
    """Published sunlit fraction of time for a lunar site kind [-].

    Parameters
    ----------
    site : str
        One of ``ILLUMINATION_FRACTION_BY_SITE``: ``"polar-ridge-best"`` (0.86),
        ``"polar-ridge-pair"`` (0.94), ``"polar-metzger-2013"`` (0.70),
        ``"low-latitude-metzger-2013"`` (0.40), ``"equatorial"`` (0.50).

    Returns
    -------
    float
        Illumination fraction [-].

    References
    ----------
    .. [1] D. B. J. Bussey et al., "Illumination conditions of the south pole of
       the Moon derived using Kaguya topography," Icarus 208:558-564 (2010),
       doi:10.1016/j.icarus.2010.03.028.
    .. [2] P. T. Metzger et al., J. Aerospace Eng. 26(1):18-29 (2013),
       doi:10.1061/(ASCE)AS.1943-5525.0000236.

    Examples
    --------
    >>> illumination_fraction("polar-ridge-pair")
    0.94
    """
    if site not in ILLUMINATION_FRACTION_BY_SITE:
        choices = ", ".join(ILLUMINATION_FRACTION_BY_SITE)
        raise ModelDomainError(f"site = {site!r} is unknown; choose one of: {choices}.")
    return ILLUMINATION_FRACTION_BY_SITE[site]


#: The city's site kind (``lunar.site``) -> the published illumination it uses.
#: A polar ridge city's fields spread over many km2, beyond the few best points Bussey et al.
#: measured (0.86-0.94 at a point): Metzger et al.'s 70 % polar duty cycle is the field average
#: we use. At the equator every point is dark half of each synodic month.
CITY_SITE_ILLUMINATION = {"polar-ridge": "polar-metzger-2013", "equatorial": "equatorial"}


class LunarSite(StrEnum):
    """Where the lunar city stands (the keys of :data:`CITY_SITE_ILLUMINATION`)."""

    POLAR_RIDGE = "polar-ridge"
    EQUATORIAL = "equatorial"


def city_illumination_fraction(site):
    """Sunlit fraction of the lunar city's solar fields for its site kind [-].

    Parameters
    ----------
    site : str
        ``lunar.site``: ``"polar-ridge"`` (0.70) or ``"equatorial"`` (0.50).

    Returns
    -------
    float
        Illumination fraction [-] (:func:`illumination_fraction` of the mapped entry).

    Notes
    -----
    The derivation of ``lunar.illumination_fraction`` when the scenario gives no
    number (``docs/design/lunar_materials.md``). The best polar points (0.86 single,
    0.94 for a pair) are upper bounds for a city-sized field.

    Examples
    --------
    >>> city_illumination_fraction("equatorial")
    0.5
    """
    if site not in CITY_SITE_ILLUMINATION:
        raise ModelDomainError(f"lunar.site = {site!r} is unknown; choose one of: {', '.join(CITY_SITE_ILLUMINATION)}.")
    return illumination_fraction(CITY_SITE_ILLUMINATION[site])


def lunar_solar_average_power_w(array_area_m2, cell_efficiency, illumination_fraction,
                                flux_w_m2=SOLAR_CONSTANT_W_M2, packing_factor=1.0):
    """Electrical power of a sun-tracking lunar array, averaged over a lunation [W].

    Parameters
    ----------
    array_area_m2 : float or array_like
        Array area [m2], >= 0.
    cell_efficiency : float or array_like
        Cell efficiency at operating temperature [-], in [0, 1].
    illumination_fraction : float or array_like
        Fraction of time the array is sunlit [-], in [0, 1]
        (see :func:`illumination_fraction`).
    flux_w_m2 : float or array_like, optional
        Irradiance at normal incidence [W/m2]; default the solar constant
        1361 W/m2 at 1 au (the Moon shares Earth's +/-3.3 % annual swing).
    packing_factor : float or array_like, optional
        Cell-covered fraction of the array [-], in (0, 1]; default 1.

    Returns
    -------
    numpy.ndarray or float
        Lunation-average electrical power [W].

    Notes
    -----
    :math:`\\bar P = A\\, S\\, \\eta\\, f_p\\, f_{ill}`, with the instantaneous
    power from :func:`moonbase.physics.photovoltaics.pv_power_w`. Assumes the
    array tracks the Sun (vertical arrays at the poles do so in azimuth); no
    atmosphere, so no weather. Partial shading at polar sites is folded into
    ``illumination_fraction``.

    Examples
    --------
    >>> round(lunar_solar_average_power_w(1000.0, 0.3, 0.5))
    204150
    """
    lit = between("illumination_fraction", illumination_fraction, 0.0,
                  1.0, "a fraction of time in [0, 1], not a percent")
    power = np.asarray(pv_power_w(array_area_m2, flux_w_m2, cell_efficiency, packing_factor)) * lit
    return scalar_or_array(power)


def lunar_night_duration_s(illumination_fraction, period_s=SYNODIC_MONTH_S):
    """Longest dark spell per lunation if the darkness comes in one piece [s].

    Parameters
    ----------
    illumination_fraction : float or array_like
        Sunlit fraction of time [-], in [0, 1].
    period_s : float, optional
        Illumination cycle [s]; default the synodic month (29.53 d).

    Returns
    -------
    numpy.ndarray or float
        Night length (1 - f) x period [s]; 14.77 d at the equator.

    Notes
    -----
    Exact at the equator. At polar sites the darkness comes in several spells
    and varies with season, so this is an upper bound on a single spell for
    the same annual fraction; size storage from the site's worst spell when known.

    Examples
    --------
    >>> round(lunar_night_duration_s(0.5) / 86400, 2)
    14.77
    """
    lit = between("illumination_fraction", illumination_fraction, 0.0, 1.0, "a fraction of time in [0, 1]")
    _require(np.asarray(period_s) > 0.0, "period_s", period_s, "a period > 0 s")
    night = (1.0 - lit) * period_s
    return scalar_or_array(night)


def night_storage_energy_j(average_power_w, night_duration_s):
    """Energy to store to keep a load running through the night [J].

    Parameters
    ----------
    average_power_w : float or array_like
        Load to carry through the night [W], >= 0.
    night_duration_s : float or array_like
        Length of the dark spell [s], >= 0.

    Returns
    -------
    numpy.ndarray or float
        Delivered energy E = P t [J]; divide by the storage round-trip efficiency
        and usable depth of discharge to size the store.

    Examples
    --------
    >>> night_storage_energy_j(1.0e6, 3600.0)
    3600000000.0
    """
    power = at_least("average_power_w", average_power_w, 0.0, "a power >= 0 W")
    night = at_least("night_duration_s", night_duration_s, 0.0, "a duration >= 0 s")
    energy = power * night
    return scalar_or_array(energy)


#: Duty cycle behind the published replication time: Metzger et al. (2013) run their lunar
#: industry at a polar site whose solar power is available 70 % of a lunation [-].
REFERENCE_DUTY_CYCLE = ILLUMINATION_FRACTION_BY_SITE["polar-metzger-2013"]


def sunlit_replication_time_s(replication_time_s, illumination_fraction, reference_duty=REFERENCE_DUTY_CYCLE):
    r"""Calendar time for an industry that works only in sunlight to make its own mass [s].

    Parameters
    ----------
    replication_time_s : float or array_like
        Replication time at the reference duty cycle [s], > 0 (Metzger et al.'s ~2 yr
        generations at a polar site lit 70 % of the time).
    illumination_fraction : float or array_like
        Sunlit fraction of time at the city's site [-], in (0, 1].
    reference_duty : float, optional
        Duty cycle the replication time was quoted at [-], default
        :data:`REFERENCE_DUTY_CYCLE` (0.70).

    Returns
    -------
    numpy.ndarray or float
        :math:`T_{site} = T_{ref}\, d_{ref} / f_{lit}` [s]: 2.8 yr at the equator for 2 yr at
        70 %.

    Notes
    -----
    The industry's machines run while its solar fields are lit and idle in the dark:
    carrying production through a 14.8-day equatorial night would take
    ``night_storage_energy_j`` = 10 W x 1.28e6 s = 12.8 MJ per kg of industry (at alpha's
    10 W/kg), 14-26 kg of batteries at 0.5-0.9 MJ/kg (150-250 Wh/kg cells), so idling is
    the cheaper way through the night and only keep-alive loads are stored (not modelled).
    Machines that work a fraction ``f`` of the time make their own mass in ``1/f`` as
    much calendar time. Design note: ``docs/design/lunar_bootstrap.md`` ("Power").

    References
    ----------
    .. [1] P. T. Metzger, A. Muscatello, R. P. Mueller, J. Mantovani, "Affordable, rapid
       bootstrapping of the space industry and solar system civilization," J. Aerospace
       Eng. 26(1):18-29 (2013), doi:10.1061/(ASCE)AS.1943-5525.0000236: 70 % duty cycle.

    Examples
    --------
    >>> round(sunlit_replication_time_s(2.0, 0.5), 3)
    2.8
    """
    period = greater("replication_time_s", replication_time_s, 0.0, "a replication time > 0 s")
    lit = between("illumination_fraction", illumination_fraction, 0.0,
                  1.0, "a sunlit fraction of time in (0, 1]", low_open=True)
    _require((np.asarray(reference_duty) > 0.0) & (np.asarray(reference_duty) <= 1.0), "reference_duty",
             reference_duty, "a duty cycle in (0, 1]")
    value = period * reference_duty / lit
    return scalar_or_array(value)
