"""A fleet of identical mass drivers: one driver's needs, the fleet's rate, when to build the next.

One driver is the machine :func:`moonbase.massdriver.design.mass_driver_design` designs,
with its power plant: its own solar field at its site (``DriverSupply.OWN_FIELD``, as
designed), or the industry's power site over a line (``DriverSupply.LINE``: the field
stands at the power site, sized for the line's loss, and the driver fires when that site
is lit; :mod:`moonbase.industry.transmission`). :func:`driver_unit` gives its throughput,
power and its mass split into Earth-made and lunar-made parts, power plant included.

A fleet of ``n`` such drivers fires ``n`` times one driver's rate (:func:`fleet_rate_kg_s`);
:func:`drivers_needed` counts the drivers an output to fire needs;
:func:`driver_build_time_s` is the time the lunar industry and the Earth cargo allotted to
driver building take to supply one more. :func:`fleet_step_core` is the fleet's step (a
:mod:`moonbase.jit` formula the timeline's kernel can call, reading
:class:`FleetConstants` and returning :class:`FleetStep`): fire what the installed
drivers can, carry the rest in a queue, advance the driver under construction, and start
the next one by a named :class:`FleetPolicy`. Design note: ``docs/design/mass_driver_fleet.md``.
"""

from __future__ import annotations

from dataclasses import replace
from enum import StrEnum
from typing import NamedTuple

import numpy as np

from moonbase.constants import SECONDS_PER_YEAR, SOLAR_CONSTANT_W_M2
from moonbase.domain import fraction, non_negative, positive
from moonbase.errors import ModelDomainError
from moonbase.industry.transmission import transmission_line
from moonbase.jit import formula, where
from moonbase.massdriver.design import MassDriverDesign, mass_driver_design
from moonbase.massdriver.mass_model import earth_delivery_cost_usd, mass_breakdown

__all__ = ["DriverSupply", "FleetPolicy", "FLEET_POLICY_CODES", "DriverUnit", "FleetConstants", "FleetStep",
           "driver_unit", "driver_build_time_s", "fleet_rate_kg_s", "drivers_needed", "driver_payback_s",
           "fleet_constants", "fleet_step_core", "FleetState", "driver_wanted", "fleet_queue_core", "fleet_build_core"]


class DriverSupply(StrEnum):
    """Where a driver's power comes from."""

    OWN_FIELD = "own-field"  # its own solar field at its site (the design's)
    LINE = "line"  # the industry's power site, over a DC line


class FleetPolicy(StrEnum):
    """When to start building the next driver."""

    # the output to fire has outrun what the installed drivers fire for trigger_duration_s
    QUEUE = "queue"
    # another driver would fire its own mass in payload the fleet leaves unfired within payback_horizon_s
    PAYBACK = "payback"


#: The number a policy travels as in :class:`FleetConstants` (model choices are strings; kernels read floats).
FLEET_POLICY_CODES = {FleetPolicy.QUEUE: 0.0, FleetPolicy.PAYBACK: 1.0}


class DriverUnit(NamedTuple):
    """One driver with its power plant (SI; floats or ``(samples,)`` arrays)."""

    supply: str
    throughput_kg_s: object  # time-averaged payload it fires (availability, dark hours) [kg/s]
    firing_power_w: object  # drawn at the driver while firing
    average_power_w: object  # drawn at the driver, time average
    energy_per_kg_j_kg: object  # drawn at the driver per kg of payload
    line_loss_fraction: object  # share of the power sent lost on the line (0: own field) [-]
    earth_made_mass_kg: object
    lunar_made_mass_kg: object  # power plant, storage and line included
    power_plant_mass_kg: object  # solar field, at the driver's site or the power site
    storage_mass_kg: object  # night store at the driver's site
    line_mass_kg: object
    line_length_m: object
    earth_delivery_cost_usd: object  # the Earth-made part, made and landed (mass_driver.delivered_cost)


def _field_power_w(design: MassDriverDesign):
    i = design.inputs
    return np.asarray(design.solar_field_area_m2) * SOLAR_CONSTANT_W_M2 * np.asarray(i.solar_cell_efficiency) * (
        np.asarray(i.solar_packing_factor))


def driver_unit(design: MassDriverDesign, supply: str = DriverSupply.OWN_FIELD, *, route_length_m=0.0,
                power_site_illumination=None, line_loss_fraction=0.05, line_voltage_v=1.6e6,
                line_conductor="aluminium", line_temperature_k=293.15, line_earth_made_fraction=0.0) -> DriverUnit:
    """One driver of ``design`` with its power plant, fed by ``supply``.

    Parameters
    ----------
    design : MassDriverDesign
        The driver at its own site (its solar field, illumination and night operation).
    supply : str
        ``"own-field"`` (the design as it is) or ``"line"`` (:class:`DriverSupply`).
    route_length_m : float or array_like
        Line route from the power site to the driver [m], >= 0 (``"line"`` only;
        :func:`moonbase.industry.transmission.selenographic_distance_m`).
    power_site_illumination : float or array_like
        Lit fraction of the power site [-], in (0, 1] (``"line"`` only): the driver fires
        when it is lit, or, with ``night_operation = "stored"``, from a store at its own
        site through the power site's dark spells.
    line_loss_fraction, line_voltage_v, line_conductor, line_temperature_k, line_earth_made_fraction
        The line (:func:`moonbase.industry.transmission.transmission_line`).

    Returns
    -------
    DriverUnit

    Notes
    -----
    With a line, the driver is redesigned at the power site's illumination (throughput,
    night store), its field moves to the power site and grows by ``1 / (1 - loss)``, and
    the line is sized for the field's power. Nothing else of the machine changes. The
    whole solar field is part of the driver's lunar-made mass: it is built for the driver.
    """
    if supply not in tuple(DriverSupply):
        raise ModelDomainError(f"supply = {supply!r} is unknown; choose one of: "
                               f"{', '.join(s.value for s in DriverSupply)}.")
    if supply == DriverSupply.OWN_FIELD:
        zero = np.zeros_like(np.asarray(design.mass_total_kg, dtype=float))
        return DriverUnit(
            supply=DriverSupply.OWN_FIELD.value, throughput_kg_s=design.throughput_kg_s,
            firing_power_w=design.firing_power_w, average_power_w=design.average_power_w,
            energy_per_kg_j_kg=design.energy_per_kg_j_kg, line_loss_fraction=zero,
            earth_made_mass_kg=design.mass_from_earth_kg, lunar_made_mass_kg=design.mass_lunar_kg,
            power_plant_mass_kg=design.solar_field_mass_kg, storage_mass_kg=design.night_store_mass_kg,
            line_mass_kg=zero, line_length_m=zero, earth_delivery_cost_usd=design.earth_delivery_cost_usd)
    if power_site_illumination is None:
        raise ModelDomainError("power_site_illumination is needed for supply = 'line'; expected the lit fraction "
                               "of the industry's power site in (0, 1].")
    lit = fraction("power_site_illumination", power_site_illumination, low_open=True)
    loss = fraction("line_loss_fraction", line_loss_fraction, low_open=True, high_open=True)
    there = mass_driver_design(replace(design.inputs, illumination_fraction=np.broadcast_to(
        lit, np.shape(design.inputs.illumination_fraction)) if np.ndim(lit) == 0 else lit))
    line = transmission_line(_field_power_w(there), route_length_m, loss, line_voltage_v, line_conductor,
                             line_temperature_k, line_earth_made_fraction)
    line_mass = np.asarray(line.conductor_mass_kg, dtype=float)
    has_line = np.asarray(line.length_m) > 0.0
    field = np.asarray(there.solar_field_mass_kg, dtype=float) / np.where(has_line, 1.0 - loss, 1.0)
    items = {item.name: item for item in there.mass.items}
    masses = {name: (field if name == "solar_field" else item.mass_kg) for name, item in items.items()}
    fractions = {name: item.earth_made_fraction for name, item in items.items()}
    masses["transmission_line"] = line_mass
    fractions["transmission_line"] = np.asarray(line_earth_made_fraction, dtype=float)
    breakdown = mass_breakdown(masses, fractions)
    return DriverUnit(
        supply=DriverSupply.LINE.value, throughput_kg_s=there.throughput_kg_s,
        firing_power_w=there.firing_power_w, average_power_w=there.average_power_w,
        energy_per_kg_j_kg=there.energy_per_kg_j_kg, line_loss_fraction=np.where(has_line, loss, 0.0),
        earth_made_mass_kg=breakdown.earth_made_kg, lunar_made_mass_kg=breakdown.lunar_made_kg,
        power_plant_mass_kg=field, storage_mass_kg=there.night_store_mass_kg, line_mass_kg=line_mass,
        line_length_m=line.length_m, earth_delivery_cost_usd=earth_delivery_cost_usd(
            breakdown.earth_made_kg, design.inputs.delivered_cost_usd_per_kg))


@formula
def driver_build_time_s(lunar_made_mass_kg, lunar_supply_kg_s, earth_made_mass_kg, earth_cargo_kg_s):
    """Time to supply one driver's lunar-made and Earth-made mass, in parallel [s].

    ``max(M_lunar / m_lunar, M_earth / m_earth)``: the lunar industry's output and the
    Earth cargo allotted to driver building each deliver their part at their rate; the
    slower one sets the build time. A part with no supply takes forever (``inf``); a
    part of zero mass takes no time. Assembly time beyond the supply is not modelled.

    >>> round(float(driver_build_time_s(300e6, 10.0, 2.6e6, 1.0)) / 86400.0, 1)  # 300 kt at 10 kg/s: 347 days
    347.2
    """
    lunar = where(lunar_made_mass_kg > 0.0, where(lunar_supply_kg_s > 0.0, lunar_made_mass_kg / where(
        lunar_supply_kg_s > 0.0, lunar_supply_kg_s, 1.0), np.inf), 0.0)
    earth = where(earth_made_mass_kg > 0.0, where(earth_cargo_kg_s > 0.0, earth_made_mass_kg / where(
        earth_cargo_kg_s > 0.0, earth_cargo_kg_s, 1.0), np.inf), 0.0)
    return np.maximum(lunar, earth)


@formula
def fleet_rate_kg_s(drivers, throughput_kg_s):
    """Payload mass a fleet of ``drivers`` identical drivers fires per second [kg/s]."""
    return drivers * throughput_kg_s


@formula
def drivers_needed(output_kg_s, throughput_kg_s):
    """Drivers whose fleet rate fires ``output_kg_s``: ``ceil(output / throughput)`` [-].

    >>> float(drivers_needed(2.0e12 / 3.15576e7, 2.84e10 / 3.15576e7))  # 2 Gt/yr at 28.4 Mt/yr each
    71.0
    """
    return np.ceil(output_kg_s / throughput_kg_s)


@formula
def driver_payback_s(driver_mass_kg, unmet_rate_kg_s, throughput_kg_s):
    """Time another driver takes to fire its own mass in payload the fleet leaves unfired [s].

    ``M / min(unmet, throughput)``: ``inf`` when nothing is left unfired. A mass payback:
    the kilograms of machine against the kilograms of satellites it lets leave.
    """
    extra = np.minimum(unmet_rate_kg_s, throughput_kg_s)
    return where(extra > 0.0, driver_mass_kg / where(extra > 0.0, extra, 1.0), np.inf)


class FleetConstants(NamedTuple):
    """What the fleet's step reads that does not change during a run: ``(samples,)`` float arrays, SI."""

    throughput_kg_s: np.ndarray  # one driver
    lunar_made_mass_kg: np.ndarray  # one driver, power plant, storage and line included
    earth_made_mass_kg: np.ndarray
    energy_per_kg_j_kg: np.ndarray  # at the driver
    line_loss_fraction: np.ndarray  # of the power sent [-]
    policy: np.ndarray  # FLEET_POLICY_CODES
    trigger_duration_s: np.ndarray  # queue policy: how long the output must outrun the fleet
    payback_horizon_s: np.ndarray  # payback policy: longest acceptable payback


class FleetStep(NamedTuple):
    """One step of the fleet (SI; amounts during the step; flags 1.0 / 0.0)."""

    drivers: np.ndarray  # installed at the end of the step
    building: np.ndarray  # a driver is under construction at the end of the step
    progress: np.ndarray  # its built share [-]
    excess_s: np.ndarray  # how long the output has outrun the installed rate
    fired_kg: np.ndarray
    queue_kg: np.ndarray  # left to fire
    started: np.ndarray  # a new driver was started this step
    completed: np.ndarray  # a driver was finished this step (fires from the next one)
    rate_kg_s: np.ndarray  # installed fleet rate during the step
    power_w: np.ndarray  # drawn at the drivers (mean over the step)
    sent_power_w: np.ndarray  # drawn at the power plants
    line_loss_w: np.ndarray
    build_time_s: np.ndarray  # of one driver, at this step's supply
    lunar_mass_used_kg: np.ndarray  # lunar-made mass built into drivers this step
    earth_mass_used_kg: np.ndarray  # Earth-made mass built into drivers this step


def fleet_constants(unit: DriverUnit, policy: str = FleetPolicy.QUEUE, trigger_duration_s=0.0,
                    payback_horizon_s=SECONDS_PER_YEAR) -> FleetConstants:
    """The fleet's per-sample constants from one driver and a start policy (:class:`FleetPolicy`).

    ``trigger_duration_s`` is read by ``queue``, ``payback_horizon_s`` by ``payback``.
    """
    if policy not in tuple(FleetPolicy):
        raise ModelDomainError(f"policy = {policy!r} is unknown; choose one of: "
                               f"{', '.join(p.value for p in FleetPolicy)}.")
    trigger = non_negative("trigger_duration_s", trigger_duration_s, "s")
    horizon = non_negative("payback_horizon_s", payback_horizon_s, "s", infinite_ok=True)
    through = positive("throughput_kg_s", unit.throughput_kg_s, "kg/s")
    shape = np.broadcast_shapes(np.shape(through), np.shape(unit.lunar_made_mass_kg), np.shape(trigger))
    shape = shape if shape else (1,)

    def col(value):
        return np.ascontiguousarray(np.broadcast_to(np.asarray(value, dtype=float), shape))

    return FleetConstants(
        throughput_kg_s=col(through), lunar_made_mass_kg=col(unit.lunar_made_mass_kg),
        earth_made_mass_kg=col(unit.earth_made_mass_kg), energy_per_kg_j_kg=col(unit.energy_per_kg_j_kg),
        line_loss_fraction=col(unit.line_loss_fraction), policy=col(FLEET_POLICY_CODES[FleetPolicy(policy)]),
        trigger_duration_s=col(trigger), payback_horizon_s=col(horizon))


@formula
def driver_wanted(c, outrun, excess_s, unmet_rate_kg_s):
    """The start policy (:class:`FleetPolicy`): ``queue``, the output has outrun the installed rate
    (``outrun``) for ``trigger_duration_s``; ``payback``, another driver would fire its own mass in the
    payload left unfired (``unmet_rate_kg_s``) within ``payback_horizon_s``."""
    payback_s = driver_payback_s(c.lunar_made_mass_kg + c.earth_made_mass_kg, unmet_rate_kg_s, c.throughput_kg_s)
    return where(c.policy > 0.5, payback_s <= c.payback_horizon_s, outrun & (excess_s >= c.trigger_duration_s))


class FleetState(NamedTuple):
    """The fleet in the system model: drivers working, and the one being built from queued parts."""

    drivers: float  # working drivers
    lunar_pending_kg: float  # lunar-made part of the driver being built, still to divert from growth
    earth_pending_kg: float  # its Earth-made part, still to land
    building: float  # 1.0 while a driver is being built
    excess_s: float  # how long the wanted output has outrun the installed rate


@formula
def fleet_queue_core(c, step_s, state, first, wanted_kg):
    """Start building a driver: the first when ``first``; else, when none is being built, by the start
    policy (:func:`driver_wanted`) on the output the factory wanted to fire this step (``wanted_kg``)
    against the working drivers' rate. The system model lands the Earth-made part first in the lunar
    cargo and diverts the lunar-made part (power plant and storage included, :func:`driver_unit`) from
    the industry's growth. Returns the new :class:`FleetState`."""
    capacity = state.drivers * c.throughput_kg_s * step_s
    outrun = (state.drivers > 0.5) & (wanted_kg > capacity)
    excess = where(outrun, state.excess_s + step_s, 0.0)
    unmet = np.maximum(wanted_kg - capacity, 0.0) / step_s
    start = first | ((state.building < 0.5) & (state.drivers > 0.5) & driver_wanted(c, outrun, excess, unmet))
    return FleetState(drivers=state.drivers,
                      lunar_pending_kg=state.lunar_pending_kg + where(start, c.lunar_made_mass_kg, 0.0),
                      earth_pending_kg=state.earth_pending_kg + where(start, c.earth_made_mass_kg, 0.0),
                      building=where(start, 1.0, state.building), excess_s=where(start, 0.0, excess))


@formula
def fleet_build_core(state, earth_landed_kg, lunar_used_kg):
    """Build the queued driver with what was landed and diverted this step; it works from the next step
    once both of its parts are in. Returns the new :class:`FleetState`."""
    lunar = state.lunar_pending_kg - lunar_used_kg
    earth = state.earth_pending_kg - earth_landed_kg
    done = (state.building > 0.5) & (lunar <= 0.0) & (earth <= 0.0)
    return FleetState(drivers=state.drivers + where(done, 1.0, 0.0), lunar_pending_kg=lunar, earth_pending_kg=earth,
                      building=where(done, 0.0, state.building), excess_s=state.excess_s)


@formula
def fleet_step_core(c, step_s, drivers, building, progress, excess_s, queue_kg, output_kg, lunar_supply_kg_s,
                    earth_cargo_kg_s):
    """One step of the fleet (a :mod:`moonbase.jit` formula).

    Parameters
    ----------
    c : FleetConstants
        Of every sample (numpy) or of one sample (a kernel, :func:`moonbase.jit.row`).
    step_s : float
        Step [s], > 0.
    drivers, building, progress, excess_s
        The fleet's state at the start of the step (:class:`FleetStep`).
    queue_kg
        Payload left unfired by earlier steps [kg].
    output_kg
        Payload made ready to fire during the step [kg].
    lunar_supply_kg_s, earth_cargo_kg_s
        Lunar output and Earth cargo allotted to building drivers [kg/s].

    Returns
    -------
    FleetStep

    Notes
    -----
    The installed drivers fire the queue and the step's output up to their rate; the
    rest stays queued (and drains when the fleet has spare rate). The driver under
    construction advances by ``step / build_time`` and fires from the next step when
    done. A new one is started when none is under construction, something is allotted
    to build it (a finite build time) and the policy says so: ``queue``, the step's
    output has outrun the installed rate for ``trigger_duration_s``; ``payback``,
    :func:`driver_payback_s` on the rate the output outruns the fleet is within
    ``payback_horizon_s``. A queue left from the past does not start drivers: it is
    drained by spare rate, so the fleet is sized for the flow, not the backlog. Mass is
    conserved: ``fired + queue_out = queue_in + output``, and a driver's lunar and
    Earth mass are used in proportion to its progress.
    """
    rate = fleet_rate_kg_s(drivers, c.throughput_kg_s)
    capacity = rate * step_s
    ready = queue_kg + output_kg
    fired = np.minimum(ready, capacity)
    outrun = output_kg > capacity
    unmet_rate = np.maximum(output_kg - capacity, 0.0) / step_s
    excess = where(outrun, excess_s + step_s, 0.0)

    build_s = driver_build_time_s(c.lunar_made_mass_kg, lunar_supply_kg_s, c.earth_made_mass_kg, earth_cargo_kg_s)
    is_building = building > 0.5
    advance = where(is_building, np.minimum(step_s / build_s, 1.0 - progress), 0.0)
    reached = progress + advance
    done = is_building & (reached >= 1.0)
    installed = drivers + where(done, 1.0, 0.0)

    wanted = driver_wanted(c, outrun, excess, unmet_rate)
    start = ((~is_building) | done) & wanted & (build_s < np.inf)
    power = fired * c.energy_per_kg_j_kg / step_s
    sent = power / (1.0 - c.line_loss_fraction)
    return FleetStep(
        drivers=installed, building=where(start, 1.0, where(done, 0.0, building)),
        progress=where(start | done, 0.0, reached), excess_s=where(start, 0.0, excess),
        fired_kg=fired, queue_kg=ready - fired, started=where(start, 1.0, 0.0), completed=where(done, 1.0, 0.0),
        rate_kg_s=rate, power_w=power, sent_power_w=sent, line_loss_w=sent - power, build_time_s=build_s,
        lunar_mass_used_kg=advance * c.lunar_made_mass_kg, earth_mass_used_kg=advance * c.earth_made_mass_kg)
