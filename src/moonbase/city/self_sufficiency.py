"""What the Moon makes for its city as the industry grows, and what Earth still sends.

Makeup oxygen is a by-product of reducing regolith to metal (molten regolith
electrolysis gives ~0.9 kg of O2 per kg of metal from highland soil), so once the
industry makes metal locally the city's oxygen is local. Water comes from polar ice
where the site has it; elsewhere the Moon supplies its oxygen (8/9 of its mass) and
Earth the hydrogen. Food is grown in greenhouses the industry builds; habitat shells
and outfitting are made locally in the proportion the industry makes its own
hardware (inflatables stay Earth-made); the regolith shield is always local.
Assumptions and their sizes: ``docs/design/lunar_city.md``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from moonbase.domain import fraction as _fraction, non_negative as _non_negative, scalar_or_array
from moonbase.industry.extraction import product_yields_kg_kg
from moonbase.industry.regolith import MOLAR_MASS_KG_MOL
from moonbase.jit import clip, formula, where

__all__ = [
    "oxygen_per_metal_kg_kg",
    "WATER_OXYGEN_MASS_FRACTION",
    "local_supply_fraction",
    "local_oxygen_capacity_kg_s",
    "water_local_fraction",
    "food_grown_fraction",
    "EarthResupply",
    "earth_resupply_kg_s",
    "closure_fraction",
]

#: Oxygen's share of the mass of water, 2 H + O (IUPAC 2021 atomic weights) [-].
WATER_OXYGEN_MASS_FRACTION = MOLAR_MASS_KG_MOL["O"] / (2.0 * MOLAR_MASS_KG_MOL["H"] + MOLAR_MASS_KG_MOL["O"])


def oxygen_per_metal_kg_kg(process: str = "molten-regolith-electrolysis", regolith: str = "polar") -> float:
    """Oxygen released per kg of reduced product (metals, silicon) [kg/kg].

    Parameters
    ----------
    process : str
        An extraction process of :data:`moonbase.industry.extraction.PROCESSES`.
    regolith : str
        A regolith of :data:`moonbase.industry.regolith.OXIDE_WEIGHT_PERCENT`.

    Returns
    -------
    float
        :math:`y_{O_2} / \\sum y_{other}` from
        :func:`moonbase.industry.extraction.product_yields_kg_kg`; zero for a
        process that reduces nothing (melt-and-cast glass).

    Examples
    --------
    >>> round(oxygen_per_metal_kg_kg(), 2)
    0.9
    """
    yields = product_yields_kg_kg(process, regolith)
    others = sum(v for k, v in yields.items() if k != "O2")
    return yields["O2"] / others if others > 0.0 and yields["O2"] > 0.0 else 0.0


def local_supply_fraction(need_kg_s, capacity_kg_s):
    """Fraction of a need the local capacity meets [-]: :math:`\\min(1, C/N)`, 1 with no need.

    Examples
    --------
    >>> float(local_supply_fraction(2.0, 1.0)), float(local_supply_fraction(0.0, 0.0))
    (0.5, 1.0)
    """
    need = _non_negative("need_kg_s", need_kg_s, "kg/s")
    capacity = _non_negative("capacity_kg_s", capacity_kg_s, "kg/s")
    return scalar_or_array(local_supply_fraction_core(need, capacity))


@formula
def local_supply_fraction_core(need_kg_s, capacity_kg_s):
    """The formula of :func:`local_supply_fraction`, unchecked (a :mod:`moonbase.jit` formula)."""
    return where(need_kg_s > 0.0, np.minimum(capacity_kg_s / where(need_kg_s > 0.0, need_kg_s, 1.0), 1.0), 1.0)


def local_oxygen_capacity_kg_s(output_rate_kg_s, local_fraction, metal_share, oxygen_per_metal):
    """By-product oxygen of the industry's local metal production [kg/s].

    Parameters
    ----------
    output_rate_kg_s : float or array_like
        Industry output [kg/s].
    local_fraction : float or array_like
        Fraction of the output made from lunar material [-].
    metal_share : float or array_like
        Fraction of the local output that is reduced metal or silicon [-].
    oxygen_per_metal : float or array_like
        Oxygen per kg of reduced product [kg/kg] (:func:`oxygen_per_metal_kg_kg`).

    Returns
    -------
    float or numpy.ndarray
        :math:`\\dot m\\, \\ell\\, s_m\\, y` [kg/s].

    Examples
    --------
    >>> round(float(local_oxygen_capacity_kg_s(1.0, 0.9, 0.5, 0.9)), 3)
    0.405
    """
    output = _non_negative("output_rate_kg_s", output_rate_kg_s, "kg/s")
    local = _fraction("local_fraction", local_fraction)
    share = _fraction("metal_share", metal_share)
    y = _non_negative("oxygen_per_metal", oxygen_per_metal, "kg/kg")
    return scalar_or_array(local_oxygen_capacity_core(output, local, share, y))


@formula
def local_oxygen_capacity_core(output_rate_kg_s, local_fraction, metal_share, oxygen_per_metal):
    """The formula of :func:`local_oxygen_capacity_kg_s`, unchecked (a :mod:`moonbase.jit` formula)."""
    return output_rate_kg_s * local_fraction * metal_share * oxygen_per_metal


def water_local_fraction(water_ice, industry_local_fraction, oxygen_local_fraction):
    """Fraction of the city's makeup water made on the Moon [-].

    Parameters
    ----------
    water_ice : bool or array_like
        Whether the site can mine polar ice.
    industry_local_fraction : float or array_like
        Fraction of new hardware the industry makes itself [-]; stands for how much
        of the ice-mining and purification plant is built locally.
    oxygen_local_fraction : float or array_like
        Fraction of the makeup oxygen made locally [-].

    Returns
    -------
    float or numpy.ndarray
        With ice: the industry's local fraction. Without: :math:`w_O\\, f_{O_2}`,
        oxygen's 88.8 % mass share of water made locally, hydrogen from Earth.

    Examples
    --------
    >>> round(float(water_local_fraction(False, 1.0, 1.0)), 3)
    0.888
    """
    ice = np.asarray(water_ice, dtype=bool)
    local = _fraction("industry_local_fraction", industry_local_fraction)
    oxygen = _fraction("oxygen_local_fraction", oxygen_local_fraction)
    return scalar_or_array(water_local_fraction_core(ice, local, oxygen))


@formula
def water_local_fraction_core(water_ice, industry_local_fraction, oxygen_local_fraction):
    """The formula of :func:`water_local_fraction`, unchecked (a :mod:`moonbase.jit` formula)."""
    return where(water_ice, industry_local_fraction, WATER_OXYGEN_MASS_FRACTION * oxygen_local_fraction)


def food_grown_fraction(max_grown_fraction, industry_local_fraction):
    """Fraction of the food grown in the city's greenhouses [-]: :math:`f_{max}\\, \\ell`.

    The greenhouses (structure, glazing, lamps, pumps) are built by the industry, so
    the share of food they grow is taken to rise with the share of hardware the
    industry makes itself (our assumption; ``docs/design/lunar_city.md``).

    Examples
    --------
    >>> float(food_grown_fraction(0.9, 0.5))
    0.45
    """
    f = _fraction("max_grown_fraction", max_grown_fraction)
    local = _fraction("industry_local_fraction", industry_local_fraction)
    return scalar_or_array(food_grown_fraction_core(f, local))


@formula
def food_grown_fraction_core(max_grown_fraction, industry_local_fraction):
    """The formula of :func:`food_grown_fraction`, unchecked (a :mod:`moonbase.jit` formula)."""
    return max_grown_fraction * industry_local_fraction


@dataclass(frozen=True)
class EarthResupply:
    """Mass the city needs from Earth, by stream [kg/s] (arrays broadcast)."""

    oxygen_kg_s: np.ndarray
    water_kg_s: np.ndarray
    food_kg_s: np.ndarray
    habitat_kg_s: np.ndarray
    spares_kg_s: np.ndarray

    @property
    def total_kg_s(self):
        """All streams [kg/s]."""
        return resupply_total_core(self.oxygen_kg_s, self.water_kg_s, self.food_kg_s, self.habitat_kg_s,
                                   self.spares_kg_s)


@formula
def resupply_total_core(oxygen_kg_s, water_kg_s, food_kg_s, habitat_kg_s, spares_kg_s):
    """All resupply streams [kg/s] (a :mod:`moonbase.jit` formula)."""
    return oxygen_kg_s + water_kg_s + food_kg_s + habitat_kg_s + spares_kg_s


def earth_resupply_kg_s(oxygen_makeup_kg_s, oxygen_local, water_makeup_kg_s, water_local, food_makeup_kg_s,
                        habitat_hardware_kg_s, habitat_import_fraction, spares_kg_s) -> EarthResupply:
    """What is left for Earth once the Moon has made what it can [kg/s].

    Parameters
    ----------
    oxygen_makeup_kg_s, water_makeup_kg_s, food_makeup_kg_s : float or array_like
        Makeup the loops and greenhouses leave [kg/s] (:mod:`moonbase.city.life_support`).
    oxygen_local, water_local : float or array_like
        Fractions of those makeups made on the Moon [-].
    habitat_hardware_kg_s : float or array_like
        Shells and outfitting being built [kg/s].
    habitat_import_fraction : float or array_like
        Earth-made fraction of that hardware [-].
    spares_kg_s : float or array_like
        Earth-made spare parts [kg/s].

    Returns
    -------
    EarthResupply
        :math:`M_{O_2}(1-f_{O_2})`, :math:`M_w (1 - f_w)`, food makeup, habitat
        imports and spares [kg/s].

    Examples
    --------
    >>> r = earth_resupply_kg_s(1.0, 1.0, 2.0, 0.5, 3.0, 10.0, 0.1, 0.5)
    >>> float(r.total_kg_s)
    5.5
    """
    o2 = _non_negative("oxygen_makeup_kg_s", oxygen_makeup_kg_s, "kg/s")
    water = _non_negative("water_makeup_kg_s", water_makeup_kg_s, "kg/s")
    food = _non_negative("food_makeup_kg_s", food_makeup_kg_s, "kg/s")
    hardware = _non_negative("habitat_hardware_kg_s", habitat_hardware_kg_s, "kg/s")
    spares = _non_negative("spares_kg_s", spares_kg_s, "kg/s")
    f_o2 = _fraction("oxygen_local", oxygen_local)
    f_w = _fraction("water_local", water_local)
    f_h = _fraction("habitat_import_fraction", habitat_import_fraction)
    return EarthResupply(*(scalar_or_array(v) for v in earth_resupply_core(o2, f_o2, water, f_w, food, hardware,
                                                                          f_h, spares)))


@formula
def earth_resupply_core(oxygen_makeup_kg_s, oxygen_local, water_makeup_kg_s, water_local, food_makeup_kg_s,
                        habitat_hardware_kg_s, habitat_import_fraction, spares_kg_s):
    """The formulas of :func:`earth_resupply_kg_s`, unchecked: the five streams of :class:`EarthResupply`."""
    return (oxygen_makeup_kg_s * (1.0 - oxygen_local), water_makeup_kg_s * (1.0 - water_local), food_makeup_kg_s,
            habitat_hardware_kg_s * habitat_import_fraction, spares_kg_s)


def closure_fraction(demand_kg_s, earth_kg_s):
    """Fraction of a need met on the Moon (recycled, grown or made) [-]: :math:`1 - E/D`.

    One when nothing is needed.

    Examples
    --------
    >>> float(closure_fraction(10.0, 1.0))
    0.9
    """
    demand = _non_negative("demand_kg_s", demand_kg_s, "kg/s")
    earth = _non_negative("earth_kg_s", earth_kg_s, "kg/s")
    return scalar_or_array(closure_fraction_core(demand, earth))


@formula
def closure_fraction_core(demand_kg_s, earth_kg_s):
    """The formula of :func:`closure_fraction`, unchecked (a :mod:`moonbase.jit` formula)."""
    return where(demand_kg_s > 0.0, clip(1.0 - earth_kg_s / where(demand_kg_s > 0.0, demand_kg_s, 1.0), 0.0, 1.0),
                 1.0)
