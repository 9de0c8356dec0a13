"""Levelized cost of compute (LCOC) for every tier, with a line-item breakdown.

LCOC is the present value of everything a unit of compute capacity costs over its life
divided by the present value of what it delivers, both discounted at the tier's cost
of capital. It is reported three ways:

- per delivered **PFLOP-day** (8.64e19 FLOP through the whole delivery chain,
  :mod:`moonbase.economics.delivered`), the unit ``spacedc-mdao`` uses;
- per **GPU-hour equivalent**: the delivered FLOP of one H100 SXM hour at its dense
  BF16 peak (3.56e18 FLOP), so a price list in USD/GPU-hour can be read against it;
- per **MWh of compute power** (LCOE-style): per MWh of electricity fed to running
  compute hardware (power, thermal, availability and utilisation applied; not the
  sustained or network factors, which are about FLOP, not energy).

Everything is per watt of compute power at beginning of life (the timeline's unit of
deployment). Tier builders turn an Earth baseline, an Earth-orbit design or a lunar-made
deep-space satellite into line items. Choices and sizes: ``docs/design/economics_lcoc.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

import numpy as np

from moonbase.constants import (
    H100_SXM_DENSE_BF16_FLOP_S,
    JOULES_PER_KWH,
    PFLOP_DAY_FLOP,
    SECONDS_PER_DAY,
    SECONDS_PER_YEAR,
)
from moonbase.domain import reject as _reject
from moonbase.domain import scalar_or_array
from moonbase.economics.delivered import DeliveredCompute
from moonbase.economics.earth_baselines import Baseline
from moonbase.economics.finance import (
    annuity_factor_s,
    interest_during_construction_factor,
    weighted_average_cost_of_capital_per_s,
)
from moonbase.economics.provenance import Default, register

SECONDS_PER_HOUR = SECONDS_PER_DAY / 24.0
GPU_HOUR_FLOP = H100_SXM_DENSE_BF16_FLOP_S * SECONDS_PER_HOUR  # 3.56e18 FLOP
JOULES_PER_MWH = 1_000.0 * JOULES_PER_KWH

register(Default("unit.pflop_day", PFLOP_DAY_FLOP, "1 PFLOP/s x 1 d", "FLOP", "definition: 1e15 FLOP/s for 86,400 s",
                 "2025", "high"))
register(Default("unit.gpu_hour_equivalent", GPU_HOUR_FLOP, "989 TFLOP/s x 1 h", "FLOP",
                 "NVIDIA H100 SXM data sheet: 989 TFLOP/s dense BF16; one hour at peak, delivered", "2023", "high"))


@dataclass(frozen=True)
class CostItems:
    """What one W of compute capacity (beginning of life) costs and delivers, per line item.

    ``capex_usd_per_w`` is valued at the start of operation (interest during
    construction is its own item); ``fixed_usd_per_w_s`` is paid per second of life per W
    installed (operations, replacements); ``energy_usd_per_j`` per J of electricity fed
    to running compute (grid energy with PUE, fuel, carbon).
    """

    capex_usd_per_w: Mapping[str, np.ndarray]
    fixed_usd_per_w_s: Mapping[str, np.ndarray]
    energy_usd_per_j: Mapping[str, np.ndarray]
    life_s: np.ndarray
    rate_per_s: np.ndarray  # cost of capital, compound annual rate per second
    decay_rate_per_s: np.ndarray  # continuous loss of delivered output (degradation, unrepaired failures)
    efficiency_flop_j: np.ndarray  # peak dense FLOP per J of compute power of this vintage
    delivery: DeliveredCompute  # per unit peak
    notes: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class LevelizedCost:
    """Levelized cost of compute and its breakdown (arrays broadcast over samples)."""

    usd_per_pflop_day: np.ndarray
    usd_per_gpu_hour: np.ndarray
    usd_per_mwh: np.ndarray
    breakdown_usd_per_pflop_day: dict[str, np.ndarray]  # line items; they add up to usd_per_pflop_day
    present_cost_usd_per_w: np.ndarray
    delivered_pflop_day_per_w: np.ndarray  # discounted
    compute_energy_mwh_per_w: np.ndarray  # discounted
    delivered_fraction: np.ndarray
    binding: np.ndarray


def levelized_cost_of_compute(items: CostItems) -> LevelizedCost:
    """Levelized cost of compute of one W of capacity [USD per PFLOP-day, GPU-hour, MWh].

    Parameters
    ----------
    items : CostItems
        Line items, life, cost of capital, output decay, efficiency and delivery chain.

    Returns
    -------
    LevelizedCost

    Notes
    -----
    With :math:`k` the continuous equivalent of the cost of capital, :math:`\\delta` the
    decay of output, :math:`L` the life, :math:`\\eta` the FLOP per J, :math:`f_d` the
    delivered fraction and :math:`f_e` the energy fraction (power x thermal x availability
    x utilisation):

    .. math:: A_x = \\int_0^L e^{-x t} dt, \\qquad
              PV_{cost} = \\sum C_i + \\sum F_j A_k + f_e \\sum e_m A_{k+\\delta}

    .. math:: \\text{LCOC} = PV_{cost} / (\\eta f_d A_{k+\\delta} / 8.64\\times10^{19})

    Cash flows are continuous over the life (no year-end lumping); capex sits at the
    start of operation. Levelizing discounts the output as well as the cost, as an
    LCOE does [1]_. ``docs/design/economics_finance.md`` compares it with end-of-year
    conventions (within r/2).

    References
    ----------
    .. [1] W. Short, D. J. Packey, T. Holt, "A Manual for the Economic Evaluation of
       Energy Efficiency and Renewable Energy Technologies," NREL/TP-462-5173 (1995),
       sec. 4.2 (levelized cost), doi:10.2172/35391.

    Examples
    --------
    >>> from moonbase.constants import SECONDS_PER_YEAR as YR
    >>> from moonbase.economics.delivered import delivered_compute
    >>> items = CostItems({"hardware": 30.0}, {}, {}, 5 * YR, 0.0, 0.0, 1e12, delivered_compute(1.0))
    >>> round(float(levelized_cost_of_compute(items).usd_per_pflop_day), 2)  # 30 USD / (1e12 x 5 yr / 8.64e19)
    16.43
    """
    life = np.asarray(items.life_s, dtype=float)
    _reject("life_s", life, ~((life > 0.0) & np.isfinite(life)), "(0, inf) s")
    efficiency = np.asarray(items.efficiency_flop_j, dtype=float)
    _reject("efficiency_flop_j", efficiency, ~(efficiency > 0.0), "(0, inf) FLOP/J")
    decay = np.asarray(items.decay_rate_per_s, dtype=float)
    _reject("decay_rate_per_s", decay, ~(decay >= 0.0), "[0, inf) 1/s")
    d = items.delivery
    energy_fraction = d.factors["power"] * d.factors["thermal"] * d.factors["availability"] * d.factors["utilisation"]
    capacity_annuity = annuity_factor_s(items.rate_per_s, 0.0, life)
    output_annuity = annuity_factor_s(items.rate_per_s, 0.0, life, decay)
    present: dict[str, np.ndarray] = {}
    for name, value in items.capex_usd_per_w.items():
        present[name] = np.asarray(value, dtype=float)
    for name, value in items.fixed_usd_per_w_s.items():
        present[name] = present.get(name, 0.0) + np.asarray(value, dtype=float) * capacity_annuity
    for name, value in items.energy_usd_per_j.items():
        present[name] = present.get(name, 0.0) + np.asarray(value, dtype=float) * energy_fraction * output_annuity
    for name, value in present.items():
        _reject(name, value, ~np.isfinite(value), "a finite cost per W")
    total = sum(present.values()) if present else np.zeros(())
    flop = efficiency * d.delivered_fraction * output_annuity
    energy_j = energy_fraction * output_annuity
    pflop_days = flop / PFLOP_DAY_FLOP
    with np.errstate(divide="ignore", invalid="ignore"):
        per_pflop_day = np.where(flop > 0.0, total / np.where(flop > 0.0, pflop_days, 1.0), np.inf)
        breakdown = {name: scalar_or_array(np.where(flop > 0.0, value / np.where(flop > 0.0, pflop_days, 1.0), np.inf))
                     for name, value in present.items()}
        per_mwh = np.where(energy_j > 0.0, total / np.where(energy_j > 0.0, energy_j / JOULES_PER_MWH, 1.0), np.inf)
    return LevelizedCost(
        usd_per_pflop_day=scalar_or_array(per_pflop_day),
        usd_per_gpu_hour=scalar_or_array(np.asarray(per_pflop_day) * GPU_HOUR_FLOP / PFLOP_DAY_FLOP),
        usd_per_mwh=scalar_or_array(per_mwh),
        breakdown_usd_per_pflop_day=breakdown,
        present_cost_usd_per_w=scalar_or_array(total),
        delivered_pflop_day_per_w=scalar_or_array(pflop_days),
        compute_energy_mwh_per_w=scalar_or_array(energy_j / JOULES_PER_MWH),
        delivered_fraction=scalar_or_array(d.delivered_fraction),
        binding=np.asarray(d.binding)[()],
    )


def scenario_wacc_per_s(params, space: bool = False):
    """After-tax WACC of the scenario's ``[finance]``, plus the space risk premium for space tiers [1/s]."""
    wacc = weighted_average_cost_of_capital_per_s(params["finance.cost_of_equity_per_s"],
                                                  params["finance.cost_of_debt_per_s"],
                                                  params["finance.debt_share"], params["finance.tax_rate"])
    return np.asarray(wacc) + (params["finance.space_risk_premium_per_s"] if space else 0.0)


def _asset_share(rate_per_s, life_s, asset_life_s):
    """Share of a long-lived asset's capital charged to ``life_s`` of its use [-]: A(L) / A(L_asset)."""
    return annuity_factor_s(rate_per_s, 0.0, life_s) / annuity_factor_s(rate_per_s, 0.0, asset_life_s)


def ground_cost_items(baseline: Baseline, accelerator_cost_usd_per_w, hardware_life_s, rate_per_s,
                      efficiency_flop_j, delivery: DeliveredCompute) -> CostItems:
    """Line items of one W of compute in an Earth baseline [USD per W of compute power].

    Notes
    -----
    Accelerators are bought at energisation; the facility (and an own plant, oversized
    by ``PUE / capacity factor``) is built over ``construction`` and, in a constrained
    grid, waits ``queue_delay`` with its capital committed; only the share of the
    facility's and plant's capital recovered during the hardware's life is charged
    (:math:`A_k(L)/A_k(L_{asset})`). Failed accelerators are replaced (a yearly cost;
    output stays level). Energy, fuel and carbon are paid per J fed to running compute
    times PUE.
    """
    b = baseline
    facility_full = b.facility_capex_usd_per_w
    plant_full = b.plant_capex_usd_per_w * b.pue / b.plant_capacity_factor
    facility = facility_full * _asset_share(rate_per_s, hardware_life_s, b.facility_life_s)
    plant = plant_full * _asset_share(rate_per_s, hardware_life_s, b.plant_life_s)
    # built over `construction`, then waiting `queue_delay` with the capital committed: (1 + r)^(queue / yr)
    lead = interest_during_construction_factor(rate_per_s, b.construction_s) * (
        1.0 + np.asarray(rate_per_s) * SECONDS_PER_YEAR) ** (b.queue_delay_s / SECONDS_PER_YEAR)
    accelerators = np.asarray(accelerator_cost_usd_per_w, dtype=float)
    capex = {"accelerators": accelerators, "facility": facility, "power_plant": plant,
             "construction_interest": (facility + plant) * (lead - 1.0)}
    fixed = {"operations_maintenance": b.fixed_om_per_s * (facility_full + plant_full),
             "replacements": b.hardware_failure_rate_per_s * accelerators}
    fuel = b.heat_rate * b.fuel_price_usd_per_j * b.pue
    carbon = b.heat_rate * b.carbon_price_usd_per_kg * b.emission_factor_kg_per_j * b.pue
    energy = {"energy": b.electricity_price_usd_per_j * (1.0 + b.scarcity_premium) * b.pue, "fuel": fuel,
              "carbon": carbon}
    return CostItems(capex_usd_per_w=capex, fixed_usd_per_w_s=fixed, energy_usd_per_j=energy,
                     life_s=np.asarray(hardware_life_s, dtype=float), rate_per_s=np.asarray(rate_per_s),
                     decay_rate_per_s=np.zeros(()), efficiency_flop_j=np.asarray(efficiency_flop_j),
                     delivery=delivery, notes={"baseline": b.name})


def earth_orbit_cost_items(specific_power_w_kg, non_compute_mass_fraction, spare_fraction, life_s,
                           decay_rate_per_s, launch_price_usd_per_kg, bus_cost_usd_per_kg, accelerator_cost_usd_per_w,
                           operations_per_s, construction_s, rate_per_s, efficiency_flop_j,
                           delivery: DeliveredCompute) -> CostItems:
    """Line items of one W of compute on an Earth-orbit satellite [USD per W of compute power].

    Parameters
    ----------
    specific_power_w_kg : float or array_like
        Compute power at beginning of life per kg of satellite [W/kg]; > 0.
    non_compute_mass_fraction : float or array_like
        Mass fraction that is not accelerators (the bus cost applies to it) [-].
    spare_fraction : float or array_like
        Cold-spare accelerators per powered one [-].
    life_s, decay_rate_per_s : float or array_like
        Design life [s] and continuous loss of output (failures + array degradation) [1/s].
    launch_price_usd_per_kg, bus_cost_usd_per_kg, accelerator_cost_usd_per_w : float or array_like
        Prices [USD/kg, USD/kg, USD/W].
    operations_per_s : float or array_like
        Yearly operations as a fraction of capex, per second [1/s].
    construction_s, rate_per_s, efficiency_flop_j, delivery
        Build time [s], cost of capital [1/s], FLOP per J [FLOP/J], delivery chain.

    Notes
    -----
    Launch ``p_L / s``, bus ``f_nc c_bus / s``, accelerators and spares ``(1 + s_p) c_acc``:
    the same line items as the timeline's Earth-orbit spending and
    :func:`moonbase.spacecraft.economics.orbit_cost`. Nothing is repaired in orbit: failures
    and array degradation shrink the output (``decay_rate_per_s``).
    """
    sp = np.asarray(specific_power_w_kg, dtype=float)
    _reject("specific_power_w_kg", sp, ~(sp > 0.0), "(0, inf) W/kg")
    launch = np.asarray(launch_price_usd_per_kg, dtype=float) / sp
    bus = np.asarray(non_compute_mass_fraction) * np.asarray(bus_cost_usd_per_kg, dtype=float) / sp
    return _space_items({"bus": bus, "launch": launch}, accelerator_cost_usd_per_w, spare_fraction, life_s,
                        decay_rate_per_s, operations_per_s, construction_s, rate_per_s, efficiency_flop_j, delivery)


def _space_items(craft_usd_per_w, accelerator_cost_usd_per_w, spare_fraction, life_s, decay_rate_per_s,
                 operations_per_s, construction_s, rate_per_s, efficiency_flop_j, delivery) -> CostItems:
    """Space-tier line items: accelerators, spares, the craft's own items, construction interest, operations."""
    accelerators = np.asarray(accelerator_cost_usd_per_w, dtype=float)
    spares = np.asarray(spare_fraction) * accelerators
    hardware = accelerators + spares + sum(craft_usd_per_w.values())
    lead = interest_during_construction_factor(rate_per_s, construction_s)
    capex = {"accelerators": accelerators, "spares": spares, **craft_usd_per_w,
             "construction_interest": hardware * (lead - 1.0)}
    fixed = {"operations_maintenance": np.asarray(operations_per_s) * hardware}
    return CostItems(capex_usd_per_w=capex, fixed_usd_per_w_s=fixed, energy_usd_per_j={},
                     life_s=np.asarray(life_s, dtype=float), rate_per_s=np.asarray(rate_per_s),
                     decay_rate_per_s=np.asarray(decay_rate_per_s, dtype=float),
                     efficiency_flop_j=np.asarray(efficiency_flop_j), delivery=delivery)


def deep_space_cost_items(satellite_cost_usd_per_kg, specific_power_w_kg, escape_fraction, spare_fraction,
                          accelerator_cost_usd_per_w, life_s, decay_rate_per_s, operations_per_s, construction_s,
                          rate_per_s, efficiency_flop_j, delivery: DeliveredCompute) -> CostItems:
    """Line items of one W of compute on a lunar-made deep-space satellite [USD per W].

    Parameters
    ----------
    satellite_cost_usd_per_kg : float or array_like, or mapping of str to them
        Cost of one kg of satellite fired from the Moon (Earth imports, lunar operations
        and the lunar industry's capital charge) [USD/kg], from
        :func:`lunar_satellite_cost_usd_per_kg`; or by line item (each becomes one line of
        the breakdown, e.g. ``fabs``, ``mass_drivers``, ``teleoperation``).
    specific_power_w_kg : float or array_like
        Compute power per kg of fired satellite (g-load structure included) [W/kg].
    escape_fraction : float or array_like
        Fraction of fired payloads reaching heliocentric orbit [-]; > 0.
    accelerator_cost_usd_per_w : float or array_like
        Earth-made accelerators per W (0 once lunar chips replace them) [USD/W].
    spare_fraction, life_s, decay_rate_per_s, operations_per_s, construction_s, rate_per_s, efficiency_flop_j, delivery
        As in :func:`earth_orbit_cost_items`.

    Notes
    -----
    Payloads that do not escape are paid for and lost: the fired mass per delivered W is
    ``1 / (s phi)``. The mass driver's energy comes from the base's own power, whose
    capital is in the lunar capital charge.
    """
    sp = np.asarray(specific_power_w_kg, dtype=float)
    phi = np.asarray(escape_fraction, dtype=float)
    _reject("specific_power_w_kg", sp, ~(sp > 0.0), "(0, inf) W/kg")
    _reject("escape_fraction", phi, ~((phi > 0.0) & (phi <= 1.0)), "(0, 1]; nothing escapes otherwise")
    per_kg = (satellite_cost_usd_per_kg if isinstance(satellite_cost_usd_per_kg, Mapping)
              else {"lunar_satellite": satellite_cost_usd_per_kg})
    craft = {name: np.asarray(value, dtype=float) / (sp * phi) for name, value in per_kg.items()}
    return _space_items(craft, accelerator_cost_usd_per_w, spare_fraction, life_s,
                        decay_rate_per_s, operations_per_s, construction_s, rate_per_s, efficiency_flop_j, delivery)


def lunar_satellite_cost_usd_per_kg(import_fraction, launch_price_usd_per_kg, landed_per_leo_mass,
                                    earth_hardware_cost_usd_per_kg, capital_charge_usd_per_kg=0.0,
                                    operations_usd_per_kg=0.0):
    """Cost of one kg of lunar-made satellite at the mass driver [USD/kg].

    Parameters
    ----------
    import_fraction : float or array_like
        Fraction of the satellite's mass made on Earth and landed [-].
    launch_price_usd_per_kg : float or array_like
        Price to LEO [USD/kg].
    landed_per_leo_mass : float or array_like
        kg landed on the Moon per kg in LEO [-]; > 0.
    earth_hardware_cost_usd_per_kg : float or array_like
        Cost of making the imported hardware [USD/kg].
    capital_charge_usd_per_kg, operations_usd_per_kg : float or array_like, optional
        Lunar industry capital recovery and operations per kg of satellite output [USD/kg].

    Returns
    -------
    numpy.ndarray or float
        :math:`f_{imp} (p_L / \\lambda + c_{hw}) + c_{cap} + c_{ops}` [USD/kg].

    Examples
    --------
    >>> round(float(lunar_satellite_cost_usd_per_kg(0.05, 200.0, 0.25, 1000.0)), 1)
    90.0
    """
    landed = np.asarray(landed_per_leo_mass, dtype=float)
    _reject("landed_per_leo_mass", landed, ~((landed > 0.0) & (landed <= 1.0)), "(0, 1]")
    imports = np.asarray(import_fraction, dtype=float) * (
        np.asarray(launch_price_usd_per_kg, dtype=float) / landed + np.asarray(earth_hardware_cost_usd_per_kg))
    return scalar_or_array(imports + np.asarray(capital_charge_usd_per_kg) + np.asarray(operations_usd_per_kg))
