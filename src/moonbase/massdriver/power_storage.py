"""Power and energy storage of a mass driver: the pulse store, the solar field, the night.

A launch draws gigawatts for seconds; the site's solar field supplies the average. A
pulse store (flywheels, capacitors or superconducting coils, chosen from
:data:`STORAGE_TECHNOLOGIES`) charges between shots and discharges during one. At
night the driver either idles or runs from a battery bank. Design note:
``docs/design/mass_driver_machine.md`` (section "Power and storage").
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from moonbase.constants import SOLAR_CONSTANT_W_M2
from moonbase.domain import at_least, between, require, scalar_or_array
from moonbase.errors import ModelDomainError
from moonbase.physics.photovoltaics import pv_power_w

__all__ = [
    "PulseStorage",
    "StorageTechnology",
    "STORAGE_TECHNOLOGIES",
    "storage_technology",
    "pulse_store_energy_j",
    "storage_mass_kg",
    "solar_array_area_m2",
]

_CHEN_2009 = ("H. Chen et al., 'Progress in electrical energy storage system: a critical review', "
              "Progress in Natural Science 19:291-312 (2009), doi:10.1016/j.pnsc.2008.07.014, Table 3 (ranges); "
              "value chosen within the range by moonbase")


@dataclass(frozen=True)
class StorageTechnology:
    """System-level figures of an electrical energy store."""

    specific_energy_j_kg: float  # stored energy per kg of store [J/kg]
    specific_power_w_kg: float  # power per kg of store [W/kg]
    round_trip_efficiency: float  # energy out / energy in [-]
    usable_fraction: float  # share of stored energy a cycle may draw [-]
    earth_made_fraction: float  # share of its mass that must come from Earth [-]
    source: str


_WH = 3600.0  # J per Wh (definition of the watt-hour)

#: Pulse and night stores. Flywheels are the default pulse store (EMALS uses them).
STORAGE_TECHNOLOGIES = {
    # Chen et al. 2009: 10-30 Wh/kg, 400-1500 W/kg, 90-95 %. Usable 75 %: discharge to
    # half speed (E ~ omega^2). Steel rotors could be lunar-made; bearings, motor-
    # generators and their converters not: half from Earth (our assumption).
    "flywheel": StorageTechnology(20.0 * _WH, 1000.0, 0.90, 0.75, 0.5, _CHEN_2009),
    # Chen et al. 2009: 0.05-5 Wh/kg, ~100,000 W/kg, 60-65 % (over hours: self-discharge);
    # for second-long cycles we take 90 % (our assumption). Film and foil: from Earth.
    "capacitor": StorageTechnology(0.5 * _WH, 1.0e5, 0.90, 0.90, 1.0, _CHEN_2009),
    # Chen et al. 2009: 0.5-5 Wh/kg, 500-2000 W/kg, 95-98 %. Superconductor and cryostat
    # from Earth; usable 75 % (current to half, E ~ I^2).
    "smes": StorageTechnology(2.0 * _WH, 1000.0, 0.95, 0.75, 1.0, _CHEN_2009),
    # Chen et al. 2009: Li-ion 75-200 Wh/kg, 150-315 W/kg, 90-97 %. Night store only;
    # 80 % depth of discharge (our assumption). From Earth.
    "battery": StorageTechnology(150.0 * _WH, 300.0, 0.90, 0.80, 1.0, _CHEN_2009),
}


class PulseStorage(StrEnum):
    """Energy store between shots (the pulse stores of :data:`STORAGE_TECHNOLOGIES`; the battery carries nights)."""

    FLYWHEEL = "flywheel"
    CAPACITOR = "capacitor"
    SMES = "smes"


def storage_technology(name: str) -> StorageTechnology:
    """The registered store ``name`` (``flywheel``, ``capacitor``, ``smes`` or ``battery``)."""
    if name not in STORAGE_TECHNOLOGIES:
        raise ModelDomainError(f"storage = {name!r} is unknown; choose one of: {', '.join(STORAGE_TECHNOLOGIES)}.")
    return STORAGE_TECHNOLOGIES[name]


def pulse_store_energy_j(energy_per_launch_j, launches_in_flight, usable_fraction):
    """Energy the pulse store must hold [J].

    Parameters
    ----------
    energy_per_launch_j : float or array_like
        Electrical energy one launch draws from the store [J], >= 0.
    launches_in_flight : float or array_like
        Carriers on the accelerator at once, rate x time on track [-], >= 0.
    usable_fraction : float or array_like
        Share of the stored energy one discharge may use [-], in (0, 1].

    Returns
    -------
    numpy.ndarray or float
        Stored energy :math:`E / u` [J]: one launch's energy.

    Notes
    -----
    Our sizing rule. Below one launch in flight the bus refills the store
    between shots, so it must hold one shot. With launches overlapping the
    solar field carries the average and the store only the ripple above it;
    for launches spaced 1/f whose power rises along the track the summed power
    stays below :math:`P_{peak} + fE`, and the energy above the average over one
    spacing is below one launch's energy, so one shot's energy still bounds it.
    ``launches_in_flight`` is checked and kept in the signature for that reason.

    Examples
    --------
    >>> pulse_store_energy_j(5.0e9, 0.3, 0.75) / 1e9
    6.666666666666667
    """
    energy = at_least("energy_per_launch_j", energy_per_launch_j, 0.0, "an energy >= 0 J")
    in_flight = at_least("launches_in_flight", launches_in_flight, 0.0, "a count >= 0")
    usable = between("usable_fraction", usable_fraction, 0.0, 1.0, "a fraction in (0, 1]", low_open=True)
    return scalar_or_array(energy / usable + 0.0 * in_flight)


def storage_mass_kg(energy_j, power_w, specific_energy_j_kg, specific_power_w_kg):
    """Mass of a store that holds ``energy_j`` and delivers ``power_w`` [kg].

    Parameters
    ----------
    energy_j : float or array_like
        Energy to hold [J], >= 0.
    power_w : float or array_like
        Peak power to deliver [W], >= 0.
    specific_energy_j_kg, specific_power_w_kg : float or array_like
        Store figures (:data:`STORAGE_TECHNOLOGIES`), > 0.

    Returns
    -------
    numpy.ndarray or float
        :math:`\\max(E/e, P/p)` [kg]: whichever of energy or power sizes it.

    Examples
    --------
    >>> storage_mass_kg(72.0e6, 1.0e6, 72.0e3, 1000.0)
    1000.0
    """
    energy = at_least("energy_j", energy_j, 0.0, "an energy >= 0 J")
    power = at_least("power_w", power_w, 0.0, "a power >= 0 W")
    require(np.asarray(specific_energy_j_kg) > 0.0, "specific_energy_j_kg", specific_energy_j_kg, "a value > 0 J/kg")
    require(np.asarray(specific_power_w_kg) > 0.0, "specific_power_w_kg", specific_power_w_kg, "a value > 0 W/kg")
    return scalar_or_array(np.maximum(energy / specific_energy_j_kg, power / specific_power_w_kg))


def solar_array_area_m2(power_w, cell_efficiency, packing_factor=1.0, flux_w_m2=SOLAR_CONSTANT_W_M2):
    """Sun-tracking array area that delivers ``power_w`` while lit [m2].

    Parameters
    ----------
    power_w : float or array_like
        Electrical power while the Sun shines [W], >= 0.
    cell_efficiency, packing_factor : float or array_like
        As in :func:`moonbase.physics.photovoltaics.pv_power_w`.
    flux_w_m2 : float or array_like, optional
        Irradiance [W/m2]; default the solar constant (the Moon is at 1 au).

    Returns
    -------
    numpy.ndarray or float
        Area [m2], the inverse of :func:`~moonbase.physics.photovoltaics.pv_power_w`.

    Examples
    --------
    >>> round(solar_array_area_m2(1.0e6, 0.15, 0.9))
    5443
    """
    power = at_least("power_w", power_w, 0.0, "a power >= 0 W")
    return scalar_or_array(power / np.asarray(pv_power_w(1.0, flux_w_m2, cell_efficiency, packing_factor)))
