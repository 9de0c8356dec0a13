"""Life support: what residents consume, what is recycled or grown, and what is left.

Per resident and day the city supplies oxygen, water (drinking, food preparation,
hygiene) and food. Physico-chemical loops recover a fraction of the water and of the
oxygen (ISS: 98 % and ~50 %); greenhouses grow a fraction of the food and with it
make oxygen; the rest is *makeup*, which the Moon's industry or Earth must supply
(:mod:`moonbase.city.self_sufficiency`). Every flow keeps the balance
``demand = recycled + grown + makeup``. Assumptions: ``docs/design/lunar_city.md``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from moonbase.domain import fraction as _fraction, non_negative as _non_negative, positive as _positive, scalar_or_array
from moonbase.jit import formula

__all__ = [
    "ConsumableFlow",
    "daily_consumables_kg",
    "plant_oxygen_share",
    "oxygen_flow",
    "water_flow",
    "food_flow",
    "greenhouse_area_m2",
    "greenhouse_power_w",
    "city_power_w",
]


@dataclass(frozen=True)
class ConsumableFlow:
    """One consumable's flows [kg/s]: ``demand = recycled + grown + makeup``."""

    demand_kg_s: np.ndarray
    recycled_kg_s: np.ndarray
    grown_kg_s: np.ndarray
    makeup_kg_s: np.ndarray


def daily_consumables_kg(oxygen_kg, food_kg, water_kg):
    """Mass a resident consumes in a day [kg]: oxygen + food + drinking and food water.

    Parameters
    ----------
    oxygen_kg, food_kg, water_kg : float or array_like
        Per person-day [kg].

    Returns
    -------
    float or numpy.ndarray
        Their sum [kg].

    Notes
    -----
    Wieland (NASA RP-1324, 1994) [1]: oxygen 0.84, food solids 0.62, water in food
    1.15, food-preparation water 0.76, drink 1.62 kg/person-day: 4.99 kg, against
    the 4.95 kg NASA SP-413 (1977) [2] used. Hygiene water (~25 kg/day by [1]) is
    left out of both.

    References
    ----------
    .. [1] P. O. Wieland, "Designing for Human Presence in Space: An Introduction to
       Environmental Control and Life Support Systems," NASA RP-1324 (1994).
    .. [2] R. D. Johnson and C. Holbrow (eds.), "Space Settlements: A Design Study,"
       NASA SP-413 (1977).

    Examples
    --------
    >>> round(float(daily_consumables_kg(0.84, 0.62 + 1.15, 0.76 + 1.62)), 2)
    4.99
    """
    o2 = _non_negative("oxygen_kg", oxygen_kg, "kg")
    food = _non_negative("food_kg", food_kg, "kg")
    water = _non_negative("water_kg", water_kg, "kg")
    return scalar_or_array(o2 + food + water)


def plant_oxygen_share(grown_fraction, food_area_per_person_m2, oxygen_area_per_person_m2):
    """Fraction of the residents' oxygen the food crops make [-].

    Parameters
    ----------
    grown_fraction : float or array_like
        Fraction of the food grown in the city [-].
    food_area_per_person_m2 : float or array_like
        Crop area that feeds one person fully [m2] (~50 m2 [1]).
    oxygen_area_per_person_m2 : float or array_like
        Crop area that makes one person's oxygen [m2] (~20-25 m2 [1]).

    Returns
    -------
    float or numpy.ndarray
        :math:`\\min(1, f A_{food} / A_{O_2})` [-].

    References
    ----------
    .. [1] R. M. Wheeler, "NASA's controlled environment agriculture testing for
       space habitats," Int. Conf. on Plant Factory, Kyoto (2014), NTRS 20140017323:
       "about 20-25 m2 of crops could supply the O2 for one human, while about 50 m2
       would be required for food".

    Examples
    --------
    >>> round(float(plant_oxygen_share(0.3, 50.0, 22.5)), 3)
    0.667
    """
    f = _fraction("grown_fraction", grown_fraction)
    food_area = _non_negative("food_area_per_person_m2", food_area_per_person_m2, "m2")
    o2_area = _positive("oxygen_area_per_person_m2", oxygen_area_per_person_m2, "m2")
    return scalar_or_array(plant_oxygen_share_core(f, food_area, o2_area))


@formula
def plant_oxygen_share_core(grown_fraction, food_area_per_person_m2, oxygen_area_per_person_m2):
    """The formula of :func:`plant_oxygen_share`, unchecked (a :mod:`moonbase.jit` formula)."""
    return np.minimum(grown_fraction * food_area_per_person_m2 / oxygen_area_per_person_m2, 1.0)


def oxygen_flow(population, oxygen_per_person_kg_s, recovery, plant_share) -> ConsumableFlow:
    """Oxygen the city breathes and how it is supplied [kg/s].

    Parameters
    ----------
    population : float or array_like
        Residents [persons].
    oxygen_per_person_kg_s : float or array_like
        Metabolic oxygen per resident [kg/s] (0.84 kg/day [1] is 9.72e-6 kg/s).
    recovery : float or array_like
        Fraction of the rest recovered from exhaled CO2 [-] (ISS Sabatier: ~0.5 [2]).
    plant_share : float or array_like
        Fraction made by crops [-] (:func:`plant_oxygen_share`).

    Returns
    -------
    ConsumableFlow
        grown :math:`= D p`, recycled :math:`= D (1 - p) r`, makeup
        :math:`= D (1 - p)(1 - r)`.

    Notes
    -----
    Cabin leakage and airlock losses are not counted (see the design note).

    References
    ----------
    .. [1] P. O. Wieland, NASA RP-1324 (1994).
    .. [2] ISS ECLSS: oxygen recovery from metabolic CO2 "presently limited to 50 %
       (Sabatier)"; NASA's goal for exploration is at least 75 %.

    Examples
    --------
    >>> f = oxygen_flow(100.0, 1.0, 0.5, 0.0)
    >>> float(f.makeup_kg_s)
    50.0
    """
    n = _non_negative("population", population, "persons")
    rate = _non_negative("oxygen_per_person_kg_s", oxygen_per_person_kg_s, "kg/s")
    r = _fraction("recovery", recovery)
    p = _fraction("plant_share", plant_share)
    return ConsumableFlow(*(scalar_or_array(v) for v in oxygen_flow_core(n, rate, r, p)))


@formula
def oxygen_flow_core(population, oxygen_per_person_kg_s, recovery, plant_share):
    """The formulas of :func:`oxygen_flow`, unchecked: ``(demand, recycled, grown, makeup)`` [kg/s]."""
    demand = population * oxygen_per_person_kg_s
    grown = demand * plant_share
    recycled = (demand - grown) * recovery
    return demand, recycled, grown, demand - grown - recycled


def water_flow(population, water_per_person_kg_s, recovery) -> ConsumableFlow:
    """Water the city uses and how it is supplied [kg/s].

    Parameters
    ----------
    population : float or array_like
        Residents [persons].
    water_per_person_kg_s : float or array_like
        Drinking, food-preparation and hygiene water per resident [kg/s].
    recovery : float or array_like
        Fraction recovered by the water loop [-] (ISS 2023: 98 % [1]).

    Returns
    -------
    ConsumableFlow
        recycled :math:`= D r`, makeup :math:`= D (1 - r)`; nothing grown.

    References
    ----------
    .. [1] NASA, "NASA achieves water recovery milestone on International Space
       Station," 20 June 2023: 98 % with the Brine Processor Assembly.

    Examples
    --------
    >>> round(float(water_flow(1.0, 28.0, 0.98).makeup_kg_s), 2)
    0.56
    """
    n = _non_negative("population", population, "persons")
    rate = _non_negative("water_per_person_kg_s", water_per_person_kg_s, "kg/s")
    r = _fraction("recovery", recovery)
    return ConsumableFlow(*(scalar_or_array(v) for v in water_flow_core(n, rate, r)))


@formula
def water_flow_core(population, water_per_person_kg_s, recovery):
    """The formulas of :func:`water_flow`, unchecked: ``(demand, recycled, grown, makeup)`` [kg/s]."""
    demand = population * water_per_person_kg_s
    recycled = demand * recovery
    return demand, recycled, demand * 0.0, demand - recycled


def food_flow(population, food_per_person_kg_s, grown_fraction) -> ConsumableFlow:
    """Food the city eats and how much of it is grown there [kg/s].

    Parameters
    ----------
    population : float or array_like
        Residents [persons].
    food_per_person_kg_s : float or array_like
        Food as delivered per resident [kg/s].
    grown_fraction : float or array_like
        Fraction grown in the city's greenhouses [-].

    Returns
    -------
    ConsumableFlow
        grown :math:`= D f`, makeup :math:`= D (1 - f)`; food is not recycled.

    Examples
    --------
    >>> float(food_flow(10.0, 2.0, 0.25).makeup_kg_s)
    15.0
    """
    n = _non_negative("population", population, "persons")
    rate = _non_negative("food_per_person_kg_s", food_per_person_kg_s, "kg/s")
    f = _fraction("grown_fraction", grown_fraction)
    return ConsumableFlow(*(scalar_or_array(v) for v in food_flow_core(n, rate, f)))


@formula
def food_flow_core(population, food_per_person_kg_s, grown_fraction):
    """The formulas of :func:`food_flow`, unchecked: ``(demand, recycled, grown, makeup)`` [kg/s]."""
    demand = population * food_per_person_kg_s
    grown = demand * grown_fraction
    return demand, demand * 0.0, grown, demand - grown


def greenhouse_area_m2(population, grown_fraction, area_per_person_m2):
    """Crop area that grows the city's home-grown food [m2]: :math:`N f A`.

    Examples
    --------
    >>> float(greenhouse_area_m2(100.0, 0.5, 50.0))
    2500.0
    """
    n = _non_negative("population", population, "persons")
    f = _fraction("grown_fraction", grown_fraction)
    area = _non_negative("area_per_person_m2", area_per_person_m2, "m2")
    return scalar_or_array(greenhouse_area_core(n, f, area))


@formula
def greenhouse_area_core(population, grown_fraction, area_per_person_m2):
    """The formula of :func:`greenhouse_area_m2`, unchecked (a :mod:`moonbase.jit` formula)."""
    return population * grown_fraction * area_per_person_m2


def greenhouse_power_w(area_m2, power_per_area_w_m2):
    """Electric power of lit crop area [W]: :math:`A\\, p`.

    Notes
    -----
    ``power_per_area_w_m2`` covers lamps and climate control. Lamps alone: a photon
    flux of ~500 umol m-2 s-1 from LEDs at ~2.5 umol/J is ~200 W/m2; our default
    300 W/m2 adds half again for pumps, fans and dehumidification (an assumption).

    Examples
    --------
    >>> float(greenhouse_power_w(50.0, 300.0))
    15000.0
    """
    area = _non_negative("area_m2", area_m2, "m2")
    p = _non_negative("power_per_area_w_m2", power_per_area_w_m2, "W/m2")
    return scalar_or_array(greenhouse_power_core(area, p))


@formula
def greenhouse_power_core(area_m2, power_per_area_w_m2):
    """The formula of :func:`greenhouse_power_w`, unchecked (a :mod:`moonbase.jit` formula)."""
    return area_m2 * power_per_area_w_m2


def city_power_w(population, power_per_person_w, greenhouse_w):
    """Electric power the city draws [W]: life support and living, plus greenhouses.

    Examples
    --------
    >>> float(city_power_w(10.0, 5000.0, 15000.0))
    65000.0
    """
    n = _non_negative("population", population, "persons")
    p = _non_negative("power_per_person_w", power_per_person_w, "W")
    g = _non_negative("greenhouse_w", greenhouse_w, "W")
    return scalar_or_array(city_power_core(n, p, g))


@formula
def city_power_core(population, power_per_person_w, greenhouse_w):
    """The formula of :func:`city_power_w`, unchecked (a :mod:`moonbase.jit` formula)."""
    return population * power_per_person_w + greenhouse_w
