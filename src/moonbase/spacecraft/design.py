"""An AI-compute satellite designed from its components: power, thermal and mass budgets.

Given the compute payload (accelerator count, power, FLOP/s, mass), the solar-array
technology, the radiator, the bus and the orbit's :class:`~moonbase.spacecraft.environment.Environment`,
:func:`satellite_design` sizes the array (or, for a fixed array, the payload it can
power), the eclipse battery, the radiator (or, for a fixed radiator, its temperature),
the shielding and the propellant, and returns the budgets. Every input is an SI array
broadcast over samples, so one call serves a Monte Carlo batch. Assumptions and their
sizes: ``docs/design/satellite_design.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import NamedTuple

import numpy as np

from moonbase.constants import STANDARD_GRAVITY_M_S2, STEFAN_BOLTZMANN_W_M2_K4
from moonbase.domain import fraction, non_negative, positive, scalar_or_array
from moonbase.domain import reject as _reject
from moonbase.errors import ModelDomainError
from moonbase.spacecraft.environment import Environment, radiation_limited_life_s

# Detailed-balance limit of a stack of n junctions under unconcentrated sunlight
# (A. De Vos, J. Phys. D 13:839 (1980), doi:10.1088/0022-3727/13/5/018, abstract: 30 %
# for one cell, 42 % for two, 49 % for three; 68 % for an infinite stack). Sunlight is
# a ~6000 K blackbody there, close to the AM0 spectrum a space array sees.
SHOCKLEY_QUEISSER_LIMIT = {1: 0.30, 2: 0.42, 3: 0.49}
INFINITE_STACK_LIMIT = 0.68


@dataclass(frozen=True)
class DesignInputs:
    """The components of a satellite design, in SI (names as in the scenario's ``SatelliteDesign``)."""

    accelerators: np.ndarray
    accelerator_power_w: np.ndarray
    accelerator_flop_s: np.ndarray
    accelerator_memory_bit: np.ndarray
    compute_specific_mass_kg_w: np.ndarray
    spare_fraction: np.ndarray
    tid_tolerance_gy: np.ndarray
    shield_areal_density_kg_m2: np.ndarray
    payload_density_kg_m3: np.ndarray
    cell_efficiency: np.ndarray
    cell_junctions: np.ndarray
    cell_temperature_coefficient_per_k: np.ndarray
    cell_reference_temperature_k: np.ndarray
    packing_factor: np.ndarray
    array_areal_density_kg_m2: np.ndarray
    array_absorptivity: np.ndarray
    array_emissivity: np.ndarray
    array_degradation_per_s: np.ndarray
    radiator_temperature_k: np.ndarray
    radiator_max_temperature_k: np.ndarray
    radiator_emissivity: np.ndarray
    radiator_absorptivity: np.ndarray
    radiator_sides: np.ndarray
    radiator_areal_density_kg_m2: np.ndarray
    sink_temperature_k: np.ndarray
    radiator_earth_view_scale: np.ndarray
    radiator_sun_view_factor: np.ndarray
    bus_power_fraction: np.ndarray
    structure_mass_fraction: np.ndarray
    other_mass_fraction: np.ndarray
    acs_mass_fraction: np.ndarray
    propulsion_dry_mass_fraction: np.ndarray
    station_keeping_delta_v_m_s_per_s: np.ndarray
    specific_impulse_s: np.ndarray
    battery_specific_energy_j_kg: np.ndarray
    battery_depth_of_discharge: np.ndarray
    battery_round_trip_efficiency: np.ndarray
    eclipse_compute_fraction: np.ndarray
    optical_terminals: np.ndarray
    terminal_mass_kg: np.ndarray
    terminal_power_w: np.ndarray
    terminal_transmit_power_w: np.ndarray
    terminal_aperture_m: np.ndarray
    terminal_max_rate_bit_s: np.ndarray
    design_life_s: np.ndarray

    @classmethod
    def from_mapping(cls, values, prefix: str = "") -> DesignInputs:
        """Build from a mapping of SI values (e.g. timeline params with ``prefix = "earth_orbit.design."``)."""
        missing = [f.name for f in fields(cls) if prefix + f.name not in values]
        if missing:
            raise ModelDomainError(f"design inputs are missing: {', '.join(prefix + m for m in missing)}.")
        return cls(**{f.name: np.asarray(values[prefix + f.name], dtype=float) for f in fields(cls)})


@dataclass(frozen=True)
class SatelliteBudget:
    """Budgets of one satellite (SI; arrays broadcast over samples)."""

    # power
    power_w: np.ndarray  # array output at beginning of life, operating temperature
    compute_power_w: np.ndarray
    terminal_power_w: np.ndarray
    bus_power_w: np.ndarray
    battery_charge_power_w: np.ndarray
    eclipse_load_w: np.ndarray
    mean_compute_power_w: np.ndarray  # over an average orbit and the life (eclipse, degradation)
    end_of_life_power_fraction: np.ndarray
    # array and thermal
    solar_array_area_m2: np.ndarray
    array_temperature_k: np.ndarray
    cell_efficiency_operating: np.ndarray
    waste_heat_w: np.ndarray
    radiator_area_m2: np.ndarray
    radiator_temperature_k: np.ndarray
    radiator_absorbed_w: np.ndarray
    radiator_emitted_w: np.ndarray
    # compute
    accelerators: np.ndarray
    flops_per_s: np.ndarray
    memory_bit: np.ndarray
    # mass
    compute_mass_kg: np.ndarray
    shielding_mass_kg: np.ndarray
    solar_array_mass_kg: np.ndarray
    radiator_mass_kg: np.ndarray
    battery_mass_kg: np.ndarray
    terminals_mass_kg: np.ndarray
    structure_mass_kg: np.ndarray
    acs_mass_kg: np.ndarray
    propulsion_dry_mass_kg: np.ndarray
    other_mass_kg: np.ndarray
    propellant_mass_kg: np.ndarray
    mass_kg: np.ndarray
    # figures of merit and life
    specific_power_w_kg: np.ndarray  # array BOL power per kg (the Google Table 1 convention)
    compute_specific_power_w_kg: np.ndarray  # compute power per kg (the timeline's convention)
    flops_per_kg: np.ndarray
    dose_rate_gy_s: np.ndarray
    radiation_life_s: np.ndarray
    life_s: np.ndarray  # min(design life, radiation-limited life)

    def mass_breakdown_kg(self) -> dict[str, np.ndarray]:
        """Mass by subsystem; the values add up to ``mass_kg``."""
        return {name.removesuffix("_mass_kg"): getattr(self, name) for name in (
            "compute_mass_kg", "shielding_mass_kg", "solar_array_mass_kg", "radiator_mass_kg",
            "battery_mass_kg", "terminals_mass_kg", "structure_mass_kg", "acs_mass_kg",
            "propulsion_dry_mass_kg", "other_mass_kg", "propellant_mass_kg")}


def shockley_queisser_limit(junctions):
    """Detailed-balance efficiency limit of an ``junctions``-junction cell, one sun [-].

    Examples
    --------
    >>> float(shockley_queisser_limit(3))
    0.49
    """
    n = np.asarray(junctions, dtype=float)
    _reject("cell_junctions", n, ~((n >= 1.0) & (n == np.round(n))), "an integer >= 1.")
    table = np.array([np.nan, *SHOCKLEY_QUEISSER_LIMIT.values()])
    index = np.clip(n, 0, len(table) - 1).astype(int)
    return scalar_or_array(np.where(n < len(table), table[index], INFINITE_STACK_LIMIT))


def array_temperature_k(flux_w_m2, absorptivity, emissivity, electrical_fraction, sink_temperature_k=3.0):
    """Steady temperature of a thin sun-pointed array radiating from both faces [K].

    Parameters
    ----------
    flux_w_m2 : float or array_like
        Sunlight on the front face [W/m2]; >= 0.
    absorptivity : float or array_like
        Solar absorptivity of the front face [-], in (0, 1].
    emissivity : float or array_like
        Infrared emissivity of each face [-], in (0, 1].
    electrical_fraction : float or array_like
        Fraction of the incident sunlight leaving as electricity (efficiency x
        packing) [-], below ``absorptivity``.
    sink_temperature_k : float or array_like, optional
        Sink temperature [K].

    Returns
    -------
    numpy.ndarray or float
        :math:`T = \\left[(\\alpha - \\eta f_p) S / (2 \\varepsilon \\sigma) + T_s^4\\right]^{1/4}` [K].

    Notes
    -----
    Energy balance of a thin isothermal plate ([1]_, ch. 2): absorbed sunlight minus
    the electricity taken out equals the infrared emitted by both faces. Planet
    infrared on the back face is neglected (in LEO it warms the array by ~10 K,
    ``docs/design/satellite_design.md``).

    References
    ----------
    .. [1] D. G. Gilmore (ed.), "Spacecraft Thermal Control Handbook, Vol. I," 2nd
       ed., The Aerospace Press/AIAA, 2002, doi:10.2514/4.989117.

    Examples
    --------
    >>> round(float(array_temperature_k(1361.0, 0.92, 0.85, 0.27)), 1)
    309.5
    """
    flux = np.asarray(flux_w_m2, dtype=float)
    absorbed = np.asarray(absorptivity, dtype=float) - np.asarray(electrical_fraction, dtype=float)
    _reject("array_absorptivity - cell_efficiency x packing_factor", absorbed, ~(absorbed > 0.0),
            "(0, 1]; an array cannot convert more sunlight than it absorbs.")
    emitted = 2.0 * np.asarray(emissivity, dtype=float) * STEFAN_BOLTZMANN_W_M2_K4
    return scalar_or_array((absorbed * flux / emitted + np.asarray(sink_temperature_k, dtype=float) ** 4) ** 0.25)


def _check_inputs(d: DesignInputs) -> None:
    for name in ("cell_efficiency", "packing_factor", "array_absorptivity", "array_emissivity",
                 "radiator_emissivity", "radiator_absorptivity", "battery_depth_of_discharge",
                 "battery_round_trip_efficiency"):
        fraction(name, getattr(d, name), low_open=True)
    for name in ("spare_fraction", "radiator_earth_view_scale", "radiator_sun_view_factor",
                 "eclipse_compute_fraction"):
        fraction(name, getattr(d, name))
    for name in ("bus_power_fraction", "structure_mass_fraction", "other_mass_fraction", "acs_mass_fraction",
                 "propulsion_dry_mass_fraction"):
        fraction(name, getattr(d, name), high_open=True)
    for name, unit in (("accelerator_power_w", "W"), ("tid_tolerance_gy", "Gy"), ("payload_density_kg_m3", "kg/m3"),
                       ("radiator_temperature_k", "K"), ("radiator_max_temperature_k", "K"),
                       ("specific_impulse_s", "s"), ("battery_specific_energy_j_kg", "J/kg"),
                       ("design_life_s", "s"), ("terminal_aperture_m", "m"), ("terminal_max_rate_bit_s", "bit/s"),
                       ("shield_areal_density_kg_m2", "kg/m2"), ("cell_reference_temperature_k", "K")):
        positive(name, getattr(d, name), unit)
    for name, unit in (("accelerators", ""), ("accelerator_flop_s", "FLOP/s"), ("accelerator_memory_bit", "bit"),
                       ("compute_specific_mass_kg_w", "kg/W"), ("array_areal_density_kg_m2", "kg/m2"),
                       ("radiator_areal_density_kg_m2", "kg/m2"), ("sink_temperature_k", "K"),
                       ("station_keeping_delta_v_m_s_per_s", "m/s per s"), ("optical_terminals", ""),
                       ("terminal_mass_kg", "kg"), ("terminal_power_w", "W"), ("terminal_transmit_power_w", "W"),
                       ("array_degradation_per_s", "1/s")):
        non_negative(name, getattr(d, name), unit)
    _reject("radiator_sides", d.radiator_sides, ~((d.radiator_sides > 0.0) & (d.radiator_sides <= 2.0)),
            "(0, 2]; a flat panel radiates from one or two faces.")
    _reject("cell_temperature_coefficient_per_k", d.cell_temperature_coefficient_per_k,
            ~(np.abs(d.cell_temperature_coefficient_per_k) < 0.02), "(-0.02, 0.02) 1/K (i.e. +/-2 %/K).")
    shares = d.structure_mass_fraction + d.other_mass_fraction + d.acs_mass_fraction + d.propulsion_dry_mass_fraction
    _reject("structure_mass_fraction + other_mass_fraction + acs_mass_fraction + propulsion_dry_mass_fraction",
            shares, ~(shares < 1.0), "[0, 1); the fixed fractions must leave room for the payload, array and radiator.")
    limit = shockley_queisser_limit(d.cell_junctions)
    bad = d.cell_efficiency > np.broadcast_to(limit, np.broadcast_shapes(np.shape(limit), np.shape(d.cell_efficiency)))
    if np.any(bad):
        eff = float(np.broadcast_to(d.cell_efficiency, bad.shape)[bad].flat[0])
        n = float(np.broadcast_to(d.cell_junctions, bad.shape)[bad].flat[0])
        lim = float(np.broadcast_to(limit, bad.shape)[bad].flat[0])
        raise ModelDomainError(
            f"cell_efficiency = {eff:g} is above the Shockley-Queisser (detailed-balance) limit {lim:g} for "
            f"cell_junctions = {n:g} under one sun (De Vos 1980); lower the efficiency or add junctions.")


def satellite_design(design: DesignInputs, environment: Environment, *, array_area_m2=None,
                     radiator_area_m2=None) -> SatelliteBudget:
    """Power, thermal and mass budget of a compute satellite in ``environment``.

    Parameters
    ----------
    design : DesignInputs
        The components, SI arrays broadcast together.
    environment : Environment
        The orbit's sunlight, eclipses, planet heat and radiation
        (:func:`~moonbase.spacecraft.environment.orbit_environment`).
    array_area_m2 : float or array_like, optional
        A fixed array area [m2]; > 0. The payload is then what that array powers
        (``design.accelerators`` is ignored). Default: the array is sized for the
        payload.
    radiator_area_m2 : float or array_like, optional
        A fixed radiator planform area [m2]; > 0. Its temperature then follows from
        the heat balance and must not exceed ``radiator_max_temperature_k``.
        Default: the radiator is sized at ``radiator_temperature_k``.

    Returns
    -------
    SatelliteBudget

    Raises
    ------
    ModelDomainError
        Non-physical designs, each message naming the input: an efficiency above the
        Shockley-Queisser limit for the junction count, a zero array area, an array
        too small for the bus, a radiator that absorbs more than it emits at its
        temperature, a fixed radiator too small for its heat below the maximum
        temperature, fractions that leave no mass for the payload.

    Notes
    -----
    Our own first-order assembly (``docs/design/satellite_design.md``):

    1. Cells run at the array's steady temperature (:func:`array_temperature_k`);
       :math:`\\eta = \\eta_{ref}[1 + c (T - T_{ref})]`.
    2. Loads in sunlight :math:`L_s = (P_c + P_t)/(1 - f_{bus})`, in eclipse
       :math:`L_e = (f_{ec} P_c + P_t)/(1 - f_{bus})`; the battery stores
       :math:`L_e t_{ecl,max}` at depth of discharge :math:`d`, recharged in the
       sunlit part of the worst orbit: :math:`P_{ch} = L_e f_{max}/((1 - f_{max})\\eta_{rt})`.
    3. Array :math:`P_a = L_s + P_{ch} = A S \\eta f_p` (solved for :math:`A`, or for
       the payload when :math:`A` is fixed).
    4. Heat in sunlight :math:`Q = P_a - \\eta_{rt} P_{ch} - n_t P_{tx}`: all power
       but the energy stored and the light the terminals send away.
    5. Radiator: :math:`A_r\\,n\\varepsilon\\sigma(T^4 - T_s^4) = Q + A_r q_{abs}`, with
       :math:`q_{abs} = n F_E k_E (\\varepsilon\\,q_{IR} + \\alpha\\,q_{alb}) + \\alpha F_S S`.
    6. Payload mass :math:`N(1 + s) P_{acc} m_{kW}`; shielding over a cube enclosing
       it, :math:`6 (m/\\rho)^{2/3} \\sigma_{sh}`.
    7. Dry mass = parts / (1 - structure - other - ACS - propulsion fractions);
       propellant by the rocket equation for :math:`\\dot{\\Delta v}\\,L`.

    Examples
    --------
    >>> from moonbase.spacecraft.environment import orbit_environment
    >>> from moonbase.scenario.satellite_design import preset_design_inputs
    >>> b = satellite_design(preset_design_inputs("sso-datacenter"), orbit_environment("sso-dawn-dusk"))
    >>> 20 < float(b.compute_specific_power_w_kg) < 200
    True
    """
    d = design
    _check_inputs(d)
    env = environment
    temperature, efficiency, power_per_m2 = _operating_cells(d, env.solar_flux_w_m2)
    power = _power_system(d, env, power_per_m2, array_area_m2)
    heat_w = (power.array_power_w - d.battery_round_trip_efficiency * power.charge_w
              - d.optical_terminals * d.terminal_transmit_power_w)
    radiator_area, radiator_temperature, emitted_w, absorbed_w = _radiator(d, env, heat_w, radiator_area_m2)
    compute_w, accelerators, array_area = power.compute_w, power.accelerators, power.array_area_m2
    array_power_w, charge_w, eclipse_load_w, terminals_w = (power.array_power_w, power.charge_w,
                                                           power.eclipse_load_w, power.terminals_w)
    sunlit_load_w = power.sunlit_load_w

    # 6. payload and shielding
    compute_mass = accelerators * (1.0 + d.spare_fraction) * d.accelerator_power_w * d.compute_specific_mass_kg_w
    enclosure_m2 = 6.0 * (compute_mass / d.payload_density_kg_m3) ** (2.0 / 3.0)
    shielding_mass = enclosure_m2 * d.shield_areal_density_kg_m2
    terminals_mass = d.optical_terminals * d.terminal_mass_kg
    array_mass = array_area * d.array_areal_density_kg_m2
    radiator_mass = radiator_area * d.radiator_areal_density_kg_m2
    battery_mass = power.battery_mass_kg

    # 7. dry mass with fixed fractions, then propellant
    parts = compute_mass + shielding_mass + terminals_mass + array_mass + radiator_mass + battery_mass
    shares = d.structure_mass_fraction + d.other_mass_fraction + d.acs_mass_fraction + d.propulsion_dry_mass_fraction
    dry = parts / (1.0 - shares)
    exhaust_m_s = d.specific_impulse_s * STANDARD_GRAVITY_M_S2
    propellant = dry * np.expm1(d.station_keeping_delta_v_m_s_per_s * d.design_life_s / exhaust_m_s)
    total = dry + propellant

    radiation_life, life, eol_fraction, mean_compute_w = _life_and_mean_compute(d, env, compute_w)

    out = dict(
        power_w=array_power_w, compute_power_w=compute_w, terminal_power_w=terminals_w,
        bus_power_w=d.bus_power_fraction * sunlit_load_w, battery_charge_power_w=charge_w,
        eclipse_load_w=eclipse_load_w, mean_compute_power_w=mean_compute_w,
        end_of_life_power_fraction=eol_fraction, solar_array_area_m2=array_area, array_temperature_k=temperature,
        cell_efficiency_operating=efficiency, waste_heat_w=heat_w, radiator_area_m2=radiator_area,
        radiator_temperature_k=radiator_temperature, radiator_absorbed_w=absorbed_w, radiator_emitted_w=emitted_w,
        accelerators=accelerators, flops_per_s=accelerators * d.accelerator_flop_s,
        memory_bit=accelerators * d.accelerator_memory_bit,
        compute_mass_kg=compute_mass, shielding_mass_kg=shielding_mass, solar_array_mass_kg=array_mass,
        radiator_mass_kg=radiator_mass, battery_mass_kg=battery_mass, terminals_mass_kg=terminals_mass,
        structure_mass_kg=d.structure_mass_fraction * dry, acs_mass_kg=d.acs_mass_fraction * dry,
        propulsion_dry_mass_kg=d.propulsion_dry_mass_fraction * dry, other_mass_kg=d.other_mass_fraction * dry,
        propellant_mass_kg=propellant, mass_kg=total,
        specific_power_w_kg=array_power_w / total, compute_specific_power_w_kg=compute_w / total,
        flops_per_kg=accelerators * d.accelerator_flop_s / total,
        dose_rate_gy_s=env.dose_rate_gy_s, radiation_life_s=radiation_life, life_s=life,
    )
    shape = np.broadcast_shapes(*(np.shape(v) for v in out.values()))
    return SatelliteBudget(**{k: scalar_or_array(np.broadcast_to(np.asarray(v, dtype=float), shape))
                              for k, v in out.items()})


def _life_and_mean_compute(d: DesignInputs, env: Environment, compute_w):
    """Radiation-limited life [s], life [s], end-of-life power fraction [-] and life-mean compute power [W].

    The array degrades exponentially at ``array_degradation_per_s``; the compute runs
    at ``eclipse_compute_fraction`` of its power through eclipses.
    """
    radiation_life = radiation_limited_life_s(d.tid_tolerance_gy, env.dose_rate_gy_s)
    life = np.minimum(d.design_life_s, radiation_life)
    k_life = d.array_degradation_per_s * life
    eol_fraction = np.exp(-k_life)
    mean_degradation = np.where(k_life > 1e-12, -np.expm1(-k_life) / np.maximum(k_life, 1e-300), 1.0)
    duty = 1.0 - env.eclipse_fraction * (1.0 - d.eclipse_compute_fraction)
    return radiation_life, life, eol_fraction, compute_w * duty * mean_degradation


def _operating_cells(d: DesignInputs, flux):
    """Step 1: cells at the array's operating temperature; returns (temperature, efficiency, W per m2 of array).

    A fixed point of the array's radiative balance and the cells' temperature coefficient:
    five passes converge to < 1e-6 K.
    """
    efficiency = d.cell_efficiency
    for _ in range(5):
        temperature = array_temperature_k(flux, d.array_absorptivity, d.array_emissivity, efficiency * d.packing_factor)
        efficiency = d.cell_efficiency * (1.0 + d.cell_temperature_coefficient_per_k
                                          * (temperature - d.cell_reference_temperature_k))
    _reject("cell_efficiency at operating temperature", efficiency, ~(efficiency > 0.0),
            "(0, 1]; the temperature coefficient drives the efficiency to zero at this array temperature.")
    return temperature, efficiency, flux * efficiency * d.packing_factor


class _PowerSystem(NamedTuple):
    """Steps 2-3: loads, battery recharge, array and battery (SI)."""

    compute_w: np.ndarray
    accelerators: np.ndarray
    terminals_w: np.ndarray
    sunlit_load_w: np.ndarray
    eclipse_load_w: np.ndarray
    charge_w: np.ndarray
    array_power_w: np.ndarray
    array_area_m2: np.ndarray
    battery_mass_kg: np.ndarray


def _power_system(d: DesignInputs, env: Environment, power_per_m2, array_area_m2) -> _PowerSystem:
    """Steps 2-3: size the array and battery for the payload (or the payload for a given array area)."""
    f_max = np.clip(env.max_eclipse_fraction, 0.0, 0.999)
    recharge_per_eclipse_w = f_max / (1.0 - f_max) / d.battery_round_trip_efficiency
    terminals_w = d.optical_terminals * d.terminal_power_w
    one_minus_bus = 1.0 - d.bus_power_fraction
    if array_area_m2 is None:
        compute_w = d.accelerators * d.accelerator_power_w
        accelerators = d.accelerators
    else:
        area = positive("array_area_m2", array_area_m2, "m2", hint="an array of zero area generates nothing")
        available = area * power_per_m2 * one_minus_bus
        compute_w = (available - terminals_w * (1.0 + recharge_per_eclipse_w)) / (
            1.0 + d.eclipse_compute_fraction * recharge_per_eclipse_w)
        _reject("array_area_m2", np.broadcast_to(area, np.shape(compute_w)), ~(compute_w > 0.0),
                "a larger area: this array cannot even power the bus and optical terminals.")
        accelerators = compute_w / d.accelerator_power_w
    sunlit_load_w = (compute_w + terminals_w) / one_minus_bus
    eclipse_load_w = (d.eclipse_compute_fraction * compute_w + terminals_w) / one_minus_bus
    charge_w = eclipse_load_w * recharge_per_eclipse_w
    array_power_w = sunlit_load_w + charge_w
    array_area = array_power_w / power_per_m2
    _reject("solar array area", array_area, ~(array_area > 0.0),
            "(0, inf) m2; the design needs a payload (accelerators > 0) or terminals to size an array.")
    battery_energy_j = eclipse_load_w * env.max_eclipse_s / d.battery_depth_of_discharge
    return _PowerSystem(compute_w=compute_w, accelerators=accelerators, terminals_w=terminals_w,
                        sunlit_load_w=sunlit_load_w, eclipse_load_w=eclipse_load_w, charge_w=charge_w,
                        array_power_w=array_power_w, array_area_m2=array_area,
                        battery_mass_kg=battery_energy_j / d.battery_specific_energy_j_kg)


def _radiator(d: DesignInputs, env: Environment, heat_w, radiator_area_m2):
    """Steps 4-5: the radiator that rejects ``heat_w`` (its area at the design temperature, or its
    temperature for a given area); returns (area, temperature, emitted W, absorbed W)."""
    flux = env.solar_flux_w_m2
    absorbed_flux = (d.radiator_sides * env.planet_view_factor * d.radiator_earth_view_scale
                     * (d.radiator_emissivity * env.planet_ir_w_m2 + d.radiator_absorptivity * env.planet_albedo_w_m2)
                     + d.radiator_absorptivity * d.radiator_sun_view_factor * flux)
    emit = d.radiator_sides * d.radiator_emissivity * STEFAN_BOLTZMANN_W_M2_K4
    if radiator_area_m2 is None:
        radiator_temperature = d.radiator_temperature_k * 1.0
        net = emit * (d.radiator_temperature_k**4 - d.sink_temperature_k**4) - absorbed_flux
        if np.any(~(net > 0.0)):
            bad = ~(np.broadcast_to(net, np.broadcast_shapes(np.shape(net), np.shape(heat_w))) > 0.0)
            t = float(np.broadcast_to(d.radiator_temperature_k, bad.shape)[bad].flat[0])
            q = float(np.broadcast_to(absorbed_flux, bad.shape)[bad].flat[0])
            raise ModelDomainError(
                f"radiator_temperature_k = {t:g} K: the radiator absorbs {q:.4g} W/m2 from the Sun and the planet, "
                "at least as much as it emits, so no area can reject the heat; raise the temperature, lower "
                "radiator_absorptivity / the view factors, or shade the radiator.")
        radiator_area = heat_w / net
    else:
        radiator_area = positive("radiator_area_m2", radiator_area_m2, "m2")
        radiator_temperature = ((heat_w / radiator_area + absorbed_flux) / emit + d.sink_temperature_k**4) ** 0.25
        too_hot = radiator_temperature > d.radiator_max_temperature_k
        if np.any(too_hot):
            shape = np.shape(too_hot)
            needed = heat_w / (emit * (d.radiator_max_temperature_k**4 - d.sink_temperature_k**4) - absorbed_flux)
            needed = np.where(needed > 0.0, needed, np.inf)
            a, q, tmax, need = (float(np.broadcast_to(v, shape)[too_hot].flat[0])
                                for v in (radiator_area, heat_w, d.radiator_max_temperature_k, needed))
            raise ModelDomainError(
                f"radiator_area_m2 = {a:g} m2 is too small to reject {q:.4g} W at or below "
                f"radiator_max_temperature_k = {tmax:g} K; it needs at least {need:.4g} m2.")
    emitted_w = radiator_area * emit * (radiator_temperature**4 - d.sink_temperature_k**4)
    return radiator_area, radiator_temperature, emitted_w, radiator_area * absorbed_flux
