"""First-order power and mass budget of a solar-powered AI-compute satellite.

Sizes the solar array, the radiator and the mass of a satellite that delivers a
given electrical power to its AI hardware. Everything scales linearly with that
power, so the budget is computed per watt of compute and multiplied out.
Assumptions and their sizes: ``docs/design/satellite_mass_budget.md``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from moonbase.domain import fraction, positive, reject as _reject, scalar_or_array
from moonbase.errors import ModelDomainError
from moonbase.physics.photovoltaics import pv_power_w
from moonbase.physics.radiator import radiator_area_m2, radiator_mass_kg


@dataclass(frozen=True)
class SatelliteMassBudget:
    """Power, areas and masses of one satellite design (SI; arrays broadcast together)."""

    compute_power_w: np.ndarray
    generated_power_w: np.ndarray
    waste_heat_w: np.ndarray
    solar_array_area_m2: np.ndarray
    radiator_area_m2: np.ndarray
    compute_mass_kg: np.ndarray
    solar_array_mass_kg: np.ndarray
    radiator_mass_kg: np.ndarray
    structure_mass_kg: np.ndarray
    other_mass_kg: np.ndarray
    total_mass_kg: np.ndarray
    specific_power_w_kg: np.ndarray


def _fraction(name, value):
    """A fraction in [0, 1): a share of the dry mass or the load, which cannot be all of it."""
    return fraction(name, value, high_open=True)


def _nonnegative(name, value, unit):
    quantity = np.asarray(value, dtype=float)
    _reject(name, quantity, ~(quantity >= 0.0), f"[0, inf) {unit}; it cannot be negative.")
    return quantity


def satellite_mass_budget(compute_power_w, flux_w_m2, cell_efficiency, packing_factor,
                          array_areal_density_kg_m2, compute_specific_mass_kg_w,
                          radiator_temperature_k, radiator_emissivity, radiator_sides,
                          radiator_areal_density_kg_m2, sink_temperature_k, bus_power_fraction,
                          structure_mass_fraction, other_mass_fraction, absorbed_flux_w_m2=0.0):
    """Power, area and mass budget of a satellite delivering ``compute_power_w`` to AI hardware.

    Parameters
    ----------
    compute_power_w : float or array_like
        Electrical power delivered to the AI hardware [W]; >= 0.
    flux_w_m2 : float or array_like
        Sunlight on the array, normal incidence [W/m2]; > 0.
    cell_efficiency : float or array_like
        Array cell efficiency at operating conditions and age [-], in (0, 1].
    packing_factor : float or array_like
        Cell-covered fraction of the array area [-], in (0, 1].
    array_areal_density_kg_m2 : float or array_like
        Array wing mass per m2 of array [kg/m2]; >= 0.
    compute_specific_mass_kg_w : float or array_like
        Mass of the AI hardware (chips, boards, memory, cold plates, shielding)
        per watt it draws [kg/W]; >= 0.
    radiator_temperature_k : float or array_like
        Radiator surface temperature [K]; > 0.
    radiator_emissivity : float or array_like
        Radiator emissivity [-], in [0, 1].
    radiator_sides : float or array_like
        Radiating faces of the radiator panels [-], in (0, 2].
    radiator_areal_density_kg_m2 : float or array_like
        Radiator mass per m2 of planform, heat transport included [kg/m2]; >= 0.
    sink_temperature_k : float or array_like
        Effective sink temperature seen by the radiator [K]; >= 0.
    bus_power_fraction : float or array_like
        Fraction of generated power used by everything but the AI hardware
        (conversion losses, links, attitude control, thermal pumps) [-], in [0, 1).
    structure_mass_fraction : float or array_like
        Structure mass as a fraction of the total satellite mass [-], in [0, 1).
    other_mass_fraction : float or array_like
        Everything else (avionics, propulsion, links, harness) as a fraction of the
        total satellite mass [-], in [0, 1); structure + other < 1.
    absorbed_flux_w_m2 : float or array_like, optional
        Environmental flux absorbed by the radiator per m2 of planform [W/m2]; >= 0.

    Returns
    -------
    SatelliteMassBudget
        Fields in SI, broadcast to the common shape of the inputs.

    Raises
    ------
    ModelDomainError
        If an argument is outside its range (the message names it), or the radiator
        cannot reject heat at its temperature.

    Notes
    -----
    Our own first-order budget (``docs/design/satellite_mass_budget.md``):

    - generated power :math:`P_g = P_c / (1 - f_{bus})`;
    - array area :math:`A_a = P_g / (S \\eta f_p)` (:func:`~moonbase.physics.photovoltaics.pv_power_w`);
    - waste heat :math:`Q = P_g`: all electrical power, compute and bus, ends as heat
      in the satellite and leaves through the radiator (the optical/RF power sent
      out by the links is neglected, < 0.1 %); the array rejects the unconverted
      sunlight itself from its own faces;
    - radiator area :math:`A_r = Q / q_{net}`
      (:func:`~moonbase.physics.radiator.radiator_area_m2`);
    - :math:`m = (m_c + m_a + m_r) / (1 - f_s - f_o)`, structure and other masses
      being fixed fractions of the total;
    - specific power :math:`P_c / m`.

    Everything is linear in :math:`P_c`, so per-watt values are computed once and
    scaled. Sunlit operation only: batteries for eclipses are in "other".

    Examples
    --------
    >>> b = satellite_mass_budget(100e3, 1361.0, 0.22, 0.9, 2.0, 0.005, 330.0, 0.9, 2, 3.0,
    ...                           3.0, 0.1, 0.2, 0.1)
    >>> round(float(b.total_mass_kg)), round(float(b.specific_power_w_kg), 1)
    (2286, 43.7)
    """
    compute_power = _nonnegative("compute_power_w", compute_power_w, "W")
    flux = positive("flux_w_m2", flux_w_m2, "W/m2", hint="the array needs sunlight")
    efficiency = fraction("cell_efficiency", cell_efficiency, low_open=True)
    array_density = _nonnegative("array_areal_density_kg_m2", array_areal_density_kg_m2, "kg/m2")
    compute_specific_mass = _nonnegative("compute_specific_mass_kg_w", compute_specific_mass_kg_w, "kg/W")
    radiator_temperature = positive("radiator_temperature_k", radiator_temperature_k, "K",
                                    hint="use kelvin, not Celsius")
    emissivity = fraction("radiator_emissivity", radiator_emissivity)
    sides = np.asarray(radiator_sides, dtype=float)
    _reject("radiator_sides", sides, ~((sides > 0.0) & (sides <= 2.0)),
            "(0, 2]; a flat panel radiates from one or two faces.")
    radiator_density = _nonnegative("radiator_areal_density_kg_m2", radiator_areal_density_kg_m2, "kg/m2")
    bus = _fraction("bus_power_fraction", bus_power_fraction)
    structure = _fraction("structure_mass_fraction", structure_mass_fraction)
    other = _fraction("other_mass_fraction", other_mass_fraction)
    _reject("structure_mass_fraction + other_mass_fraction", structure + other,
            ~(structure + other < 1.0), "[0, 1); the fractions of total mass must leave room "
            "for compute, array and radiator.")

    per_watt = _budget_per_watt(flux, efficiency, packing_factor, array_density, compute_specific_mass,
                                radiator_temperature, emissivity, sides, radiator_density, sink_temperature_k,
                                absorbed_flux_w_m2, bus, structure, other)
    total = per_watt["total_mass_kg"]
    shape = np.broadcast_shapes(compute_power.shape, *(np.shape(v) for v in per_watt.values()))
    fields = {name: scalar_or_array(np.broadcast_to(compute_power * value, shape)) for name, value in per_watt.items()}
    fields["specific_power_w_kg"] = scalar_or_array(np.broadcast_to(1.0 / total, shape))
    return SatelliteMassBudget(**fields)


def _budget_per_watt(flux, efficiency, packing_factor, array_density, compute_specific_mass, radiator_temperature,
                     emissivity, sides, radiator_density, sink_temperature_k, absorbed_flux_w_m2, bus, structure,
                     other):
    """The budget of :func:`satellite_mass_budget` per watt of compute power [W/W, m2/W, kg/W], by field name.

    Inputs arrive checked, as arrays; the equations are in the Notes of :func:`satellite_mass_budget`.
    """
    generated = 1.0 / (1.0 - bus)
    array_area = generated / pv_power_w(1.0, flux, efficiency, packing_factor)
    heat = generated
    radiator_area = radiator_area_m2(heat, radiator_temperature, emissivity, sides,
                                     sink_temperature_k, absorbed_flux_w_m2)
    compute_mass = compute_specific_mass
    array_mass = array_area * array_density
    radiator_mass_ = radiator_mass_kg(radiator_area, radiator_density)
    total = (compute_mass + array_mass + radiator_mass_) / (1.0 - structure - other)
    _reject("compute_specific_mass_kg_w", compute_specific_mass, ~(total > 0.0),
            "(0, inf) kg/W when the array and radiator are massless; the satellite needs mass.")
    return {
        "compute_power_w": 1.0,
        "generated_power_w": generated,
        "waste_heat_w": heat,
        "solar_array_area_m2": array_area,
        "radiator_area_m2": radiator_area,
        "compute_mass_kg": compute_mass,
        "solar_array_mass_kg": array_mass,
        "radiator_mass_kg": radiator_mass_,
        "structure_mass_kg": structure * total,
        "other_mass_kg": other * total,
        "total_mass_kg": total,
    }


def satellite_specific_power_w_kg(flux_w_m2, cell_efficiency, packing_factor,
                                  array_areal_density_kg_m2, compute_specific_mass_kg_w,
                                  radiator_temperature_k, radiator_emissivity, radiator_sides,
                                  radiator_areal_density_kg_m2, sink_temperature_k,
                                  bus_power_fraction, structure_mass_fraction, other_mass_fraction,
                                  absorbed_flux_w_m2=0.0):
    """Compute power delivered to AI hardware per kg of whole satellite [W/kg].

    Parameters
    ----------
    flux_w_m2, cell_efficiency, packing_factor, array_areal_density_kg_m2, \
compute_specific_mass_kg_w, radiator_temperature_k, radiator_emissivity, radiator_sides, \
radiator_areal_density_kg_m2, sink_temperature_k, bus_power_fraction, \
structure_mass_fraction, other_mass_fraction, absorbed_flux_w_m2
        As in :func:`satellite_mass_budget`.

    Returns
    -------
    numpy.ndarray or float
        :math:`P_c / m` [W/kg]; independent of the satellite size in this linear
        model.

    Notes
    -----
    The ``specific_power_w_kg`` field of :func:`satellite_mass_budget` for 1 W of
    compute (the budget is linear, so any size gives the same value).

    Examples
    --------
    >>> round(float(satellite_specific_power_w_kg(1361.0, 0.22, 0.9, 2.0, 0.005, 330.0, 0.9,
    ...                                           2, 3.0, 3.0, 0.1, 0.2, 0.1)), 1)
    43.7
    """
    return satellite_mass_budget(
        1.0, flux_w_m2, cell_efficiency, packing_factor, array_areal_density_kg_m2,
        compute_specific_mass_kg_w, radiator_temperature_k, radiator_emissivity, radiator_sides,
        radiator_areal_density_kg_m2, sink_temperature_k, bus_power_fraction,
        structure_mass_fraction, other_mass_fraction, absorbed_flux_w_m2,
    ).specific_power_w_kg
