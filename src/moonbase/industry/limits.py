"""Physical limits of a lunar city: land for solar fields and radiators, regolith, heat.

Growth on the Moon ends at the first of:

- **land** -- solar fields plus the radiators that reject the same power as heat must
  fit on the surface the city may use (``usable_area_fraction`` of the Moon);
- **regolith** -- the mineable layer under that surface (area x depth x bulk density)
  divided by the regolith each kg of product consumes.

When one binds, more growth must come from elsewhere: material from asteroids
(regolith bound) or collectors closer to the Sun, e.g. Mercury or free-flying
(land/power bound); :func:`off_moon_verdict` says which. Design note:
``docs/design/lunar_limits.md``.

References
----------
.. [1] D. S. McKay et al., "The lunar regolith," ch. 7 of G. H. Heiken, D. T.
   Vaniman, B. M. French (eds.), Lunar Sourcebook, Cambridge Univ. Press, 1991:
   regolith 4-5 m thick on the maria, ~10-15 m in the highlands.
.. [2] W. D. Carrier III, G. R. Olhoeft, W. Mendell, "Physical properties of the
   lunar surface," ch. 9 of the Lunar Sourcebook (1991), Table 9.4: average bulk
   density 1.66 +/- 0.05 g/cm3 over 0-60 cm.
"""

from __future__ import annotations

import numpy as np

from moonbase.constants import MOON_MEAN_RADIUS_M, SOLAR_CONSTANT_W_M2
from moonbase.domain import at_least, between, greater, scalar_or_array as _scalar_or_array
from moonbase.physics.photovoltaics import pv_power_w
from moonbase.physics.radiator import radiator_area_m2

__all__ = [
    "MOON_SURFACE_AREA_M2",
    "OFF_MOON_VERDICTS",
    "city_area_per_power_m2_w",
    "max_city_power_w",
    "regolith_reserve_kg",
    "regolith_mined_kg",
    "off_moon_verdict",
]

MOON_SURFACE_AREA_M2 = 4.0 * np.pi * MOON_MEAN_RADIUS_M**2  # 3.79e13 m2 (sphere of the mean radius)

#: What growth turns to when a lunar limit binds.
OFF_MOON_VERDICTS = {
    "none": "growth is within the Moon's limits",
    "land_area": ("the city's solar fields and radiators fill the usable surface: further power must be "
                  "collected off the Moon (free-flying collectors or Mercury, closer to the Sun)"),
    "regolith": ("the mineable regolith under the usable surface is exhausted: further material must come "
                 "from asteroids (or a larger lunar footprint)"),
}


def city_area_per_power_m2_w(cell_efficiency, illumination_fraction, radiator_temperature_k,
                             radiator_emissivity, radiator_sink_temperature_k, packing_factor=1.0,
                             flux_w_m2=SOLAR_CONSTANT_W_M2):
    """Surface the city needs per watt of average electrical power: fields + radiators [m2/W].

    Parameters
    ----------
    cell_efficiency : float or array_like
        Efficiency of the lunar-made cells [-], in (0, 1].
    illumination_fraction : float or array_like
        Sunlit fraction of time of the fields [-], in (0, 1].
    radiator_temperature_k : float or array_like
        Temperature of the city's heat-rejection radiators [K].
    radiator_emissivity : float or array_like
        Their infrared emissivity [-], in (0, 1].
    radiator_sink_temperature_k : float or array_like
        Effective sink the radiators see (sky and warm ground) [K].
    packing_factor : float or array_like, optional
        Cell-covered fraction of field area [-]; default 1.
    flux_w_m2 : float, optional
        Solar irradiance [W/m2]; default 1361 W/m2.

    Returns
    -------
    numpy.ndarray or float
        :math:`1 / (S \\eta f_p f_{ill}) + 1 / q_{rad}` [m2/W].

    Notes
    -----
    Every watt of electricity is counted as heat inside the city, rejected by
    one-sided horizontal radiators. Conservative: the enthalpy stored in reduced
    metal and oxygen is 4-37 % of the extraction step's electricity
    (:func:`moonbase.industry.extraction.extraction_balance`) and fired payloads
    carry ~9 % of their energy away as kinetic energy (design note), so radiators
    are over-sized by at most those shares. Radiators are
    :func:`moonbase.physics.radiator.radiator_area_m2` with ``sides=1``. The field's
    own waste heat is radiated by the panels themselves and needs no radiator.
    Field spacing for self-shading of tracking arrays is not counted (a factor
    ~2 at low Sun elevation; fold it into ``packing_factor``).

    Examples
    --------
    >>> round(city_area_per_power_m2_w(0.15, 0.7, 350.0, 0.9, 250.0) * 1e3, 2)
    8.76
    """
    lit = between("illumination_fraction", illumination_fraction, 0.0, 1.0, "a fraction in (0, 1]", low_open=True)
    solar_w_m2 = np.asarray(pv_power_w(1.0, flux_w_m2, cell_efficiency, packing_factor)) * lit
    radiator_m2_w = radiator_area_m2(1.0, radiator_temperature_k, radiator_emissivity, sides=1,
                                     sink_temperature_k=radiator_sink_temperature_k)
    return _scalar_or_array(1.0 / solar_w_m2 + radiator_m2_w)


def max_city_power_w(usable_area_m2, area_per_power_m2_w):
    """Largest average electrical power the usable surface supports [W].

    Parameters
    ----------
    usable_area_m2 : float or array_like
        Surface the city may cover [m2], >= 0.
    area_per_power_m2_w : float or array_like
        From :func:`city_area_per_power_m2_w` [m2/W], > 0.

    Returns
    -------
    numpy.ndarray or float
        :math:`A / a` [W].

    Examples
    --------
    >>> max_city_power_w(1.0e6, 0.01)
    100000000.0
    """
    area = at_least("usable_area_m2", usable_area_m2, 0.0, "an area >= 0 m2")
    per = greater("area_per_power_m2_w", area_per_power_m2_w, 0.0, "an area per watt > 0 m2/W")
    return _scalar_or_array(area / per)


def regolith_reserve_kg(area_m2, depth_m, bulk_density_kg_m3):
    """Mineable regolith under an area, to a depth [kg].

    Parameters
    ----------
    area_m2 : float or array_like
        Area mined [m2], >= 0.
    depth_m : float or array_like
        Mining depth [m], >= 0; the regolith is 4-5 m thick on the maria and
        10-15 m in the highlands [1]_.
    bulk_density_kg_m3 : float or array_like
        In-place bulk density [kg/m3], > 0; 1,660 kg/m3 over the top 60 cm [2]_.

    Returns
    -------
    numpy.ndarray or float
        :math:`A\\, d\\, \\rho` [kg].

    Examples
    --------
    >>> regolith_reserve_kg(1.0, 3.0, 1660.0)
    4980.0
    """
    area = at_least("area_m2", area_m2, 0.0, "an area >= 0 m2")
    depth = at_least("depth_m", depth_m, 0.0, "a depth >= 0 m")
    density = greater("bulk_density_kg_m3", bulk_density_kg_m3, 0.0, "a density > 0 kg/m3")
    return _scalar_or_array(area * depth * density)


def regolith_mined_kg(local_product_kg, regolith_per_product):
    """Regolith dug up to make a mass of local products [kg].

    Parameters
    ----------
    local_product_kg : float or array_like
        Locally made product (not imports) [kg], >= 0.
    regolith_per_product : float or array_like
        kg of regolith per kg of product [-], >= 1: 5 in Metzger et al.'s Gen 1.0
        set (20 kg/h of regolith for 4 kg/h of parts).

    Returns
    -------
    numpy.ndarray or float
        Mined regolith [kg]; the excess over the product is waste (slag, tailings).

    Examples
    --------
    >>> regolith_mined_kg(4.0, 5.0)
    20.0
    """
    product = at_least("local_product_kg", local_product_kg, 0.0, "a mass >= 0 kg")
    ratio = at_least("regolith_per_product", regolith_per_product, 1.0,
                     "a ratio >= 1 kg/kg (a product cannot weigh more than the regolith it came from)")
    return _scalar_or_array(product * ratio)


def off_moon_verdict(land_bound, regolith_bound) -> str:
    """What growth must turn to, given which lunar limit binds (regolith first).

    Parameters
    ----------
    land_bound, regolith_bound : bool
        Whether the land-area (power) limit and the regolith limit bind.

    Returns
    -------
    str
        A key of ``OFF_MOON_VERDICTS``: ``"regolith"``, ``"land_area"`` or ``"none"``.

    Examples
    --------
    >>> off_moon_verdict(True, False)
    'land_area'
    """
    if regolith_bound:
        return "regolith"
    if land_bound:
        return "land_area"
    return "none"
