"""What the mass driver weighs, what of it the Moon can make, and what Earth must send.

Each component's mass comes from the design (winding build from the electromagnetic
model, store from its technology, solar field and radiators from the power they
handle, guideway per metre, switches per watt of stage rating); each carries the
fraction that must be made on Earth. Design note: ``docs/design/mass_driver_machine.md``
(section "Mass and cost").
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from moonbase.domain import at_least, require, scalar_or_array

__all__ = [
    "EARTH_MADE_FRACTION",
    "MassItem",
    "MassBreakdown",
    "mass_breakdown",
    "switch_mass_kg",
    "earth_delivery_cost_usd",
]

#: Share of each component's mass that must come from Earth [-] (our assumptions; the
#: design note argues each). The energy store's share comes from its technology.
EARTH_MADE_FRACTION = {
    "guideway": 0.0,  # steel or basalt beams, back iron, supports: lunar iron and regolith
    "windings": 0.0,  # aluminium conductors: lunar aluminium (anorthite), insulation from glass
    "switches": 1.0,  # semiconductor switches, gate drives, controls: Earth until a lunar fab
    "carriers": 0.5,  # NdFeB (or superconducting) magnets from Earth; frames lunar
    "solar_field": 0.0,  # lunar thin-film cells (lunar.solar_cell_efficiency), lunar frames
    "radiators": 0.0,  # aluminium panels and heat pipes, lunar
    "night_store": 1.0,  # batteries, from Earth
}


@dataclass(frozen=True)
class MassItem:
    """One component: its mass and the part of it that must come from Earth."""

    name: str
    mass_kg: np.ndarray | float
    earth_made_fraction: np.ndarray | float

    @property
    def earth_made_kg(self):
        return self.mass_kg * self.earth_made_fraction

    @property
    def lunar_made_kg(self):
        return self.mass_kg * (1.0 - self.earth_made_fraction)


@dataclass(frozen=True)
class MassBreakdown:
    """The machine's components and their Earth / lunar split."""

    items: tuple[MassItem, ...]

    def _sum(self, attribute: str):
        total = np.zeros(())
        for item in self.items:
            total = total + np.asarray(getattr(item, attribute), dtype=float)  # broadcasts scalars and samples
        return scalar_or_array(total)

    @property
    def total_kg(self):
        return self._sum("mass_kg")

    @property
    def earth_made_kg(self):
        return self._sum("earth_made_kg")

    @property
    def lunar_made_kg(self):
        return self._sum("lunar_made_kg")

    def by_name(self) -> dict[str, MassItem]:
        return {item.name: item for item in self.items}


def mass_breakdown(masses_kg: dict, earth_made_fractions: dict) -> MassBreakdown:
    """Component masses [kg] and Earth-made fractions [-] as a :class:`MassBreakdown`.

    Parameters
    ----------
    masses_kg : dict of str to float or array_like
        Mass of each component [kg], >= 0.
    earth_made_fractions : dict of str to float or array_like
        Earth-made share of each component [-], in [0, 1]; every key of
        ``masses_kg`` must be present.

    Returns
    -------
    MassBreakdown

    Examples
    --------
    >>> mass_breakdown({"guideway": 100.0, "switches": 10.0}, EARTH_MADE_FRACTION).earth_made_kg
    10.0
    """
    items = []
    for name, mass in masses_kg.items():
        fraction = np.asarray(earth_made_fractions[name], dtype=float)
        require(np.asarray(mass, dtype=float) >= 0.0, f"{name} mass_kg", mass, "a mass >= 0 kg")
        require((fraction >= 0.0) & (fraction <= 1.0), f"{name} earth_made_fraction", fraction,
                "a fraction in [0, 1]")
        items.append(MassItem(name, scalar_or_array(np.asarray(mass, dtype=float)), scalar_or_array(fraction)))
    return MassBreakdown(tuple(items))


def switch_mass_kg(switch_rating_w, switch_specific_mass_kg_w):
    """Mass of the stage switches and their drives [kg].

    Parameters
    ----------
    switch_rating_w : float or array_like
        Sum over stages of each stage's peak electrical power [W], >= 0.
    switch_specific_mass_kg_w : float or array_like
        Switch, snubber, gate drive and bus-bar mass per watt of pulse rating
        [kg/W], >= 0.

    Returns
    -------
    numpy.ndarray or float
        :math:`m = s\\,\\sum P_{stage}` [kg].

    Notes
    -----
    Pulse-rated thyristor or IGBT switches are sized by peak current and
    voltage, not by average power; each stage's switch sees its stage's peak
    power for milliseconds. The default specific mass in the scenario
    (0.1 kg/MW) is our assumption from press-pack thyristor ratings
    (several kV x several kA per ~1-2 kg device, x5 for its installation).

    Examples
    --------
    >>> switch_mass_kg(2.0e12, 1.0e-7)
    200000.0
    """
    rating = at_least("switch_rating_w", switch_rating_w, 0.0, "a rating >= 0 W")
    specific = at_least("switch_specific_mass_kg_w", switch_specific_mass_kg_w, 0.0, "a value >= 0 kg/W")
    return scalar_or_array(rating * specific)


def earth_delivery_cost_usd(earth_made_mass_kg, delivered_cost_usd_per_kg):
    """Cost of making and landing the Earth-made part on the Moon [USD].

    Parameters
    ----------
    earth_made_mass_kg : float or array_like
        Mass to deliver [kg], >= 0.
    delivered_cost_usd_per_kg : float or array_like
        Hardware plus transport cost per kg landed [USD/kg], >= 0.

    Returns
    -------
    numpy.ndarray or float
        Cost [USD].

    Examples
    --------
    >>> earth_delivery_cost_usd(1000.0, 2000.0)
    2000000.0
    """
    mass = at_least("earth_made_mass_kg", earth_made_mass_kg, 0.0, "a mass >= 0 kg")
    price = at_least("delivered_cost_usd_per_kg", delivered_cost_usd_per_kg, 0.0, "a cost >= 0 USD/kg")
    return scalar_or_array(mass * price)
