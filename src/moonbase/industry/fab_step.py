"""The lunar chip fab's step in the system model: a built capacity that makes accelerators.

The fab is a stock of built fab mass, in two parts that must both be there: the
Earth-made process tools (lithography, deposition, etch, metrology; landed from Earth and
paid for) and the lunar-made structure, cleanroom and utilities (diverted from the
industry's growth). A complete fab's mass is ``min(lunar / (1 - f), earth / f)`` with
``f`` the Earth-made fraction; built mass comes into production with the fab's ramp time
(a first-order lag, time constant ``ramp_time``). A working fab of mass ``M`` can make
``M x output_per_mass`` accelerator watts per second and draws ``power_per_output`` joules
per watt made (:mod:`moonbase.industry.chip_fab`: wafer starts per unit of capacity, good
dies per wafer, watts per die, electricity per wafer; sources in
``docs/design/chip_fab.md``).

Each step (:func:`fab_output_core`) the fab makes what the deep-space satellites of the
step can use, within its working capacity and within the share of the industry's power it
may draw. The accelerators it cannot make come from Earth, rationed with every other tier
by the shared supply and paid at the accelerator price. :func:`fab_build_core` lays out
the construction: the first fab is queued at ``chip_fab_year`` (its Earth-made tools,
``lunar.chip_fab_mass``, and the lunar-made rest they imply); while the fab makes fewer
accelerators than the satellites need, it grows by taking up to
``lunar.chip_fab_growth_share`` of the industry's growth (the policy), with the matching
Earth-made tools queued for landing.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from moonbase.domain import Params
from moonbase.industry.chip_fab import fab_design
from moonbase.jit import formula, where


class FabConstants(NamedTuple):
    """Per-sample constants of the fab's step, ``(samples,)`` arrays (one sample's floats in a kernel)."""

    output_per_mass_w_s_kg: float  # accelerator watts per second per kg of working fab
    power_per_output_j_w: float  # fab electricity per accelerator watt made
    earth_fraction: float  # Earth-made (tool) share of a fab's mass [-]
    ramp_time_s: float  # time constant from built to working
    seed_earth_mass_kg: float  # the first fab's Earth-made tools (0: no fab)
    growth_share: float  # largest share of the industry's growth the fab may take while it falls short [-]
    max_power_share: float  # largest share of the industry's power the fab may draw [-]


class FabState(NamedTuple):
    """The fab's stocks at the start (or end) of a step [kg]."""

    lunar_built_kg: float  # lunar-made part built
    earth_built_kg: float  # Earth-made tools landed and installed
    working_kg: float  # complete fab mass in production
    lunar_pending_kg: float  # lunar-made part queued, to be diverted from growth
    earth_pending_kg: float  # Earth-made tools queued, waiting for lunar cargo


class FabOutput(NamedTuple):
    """What the fab makes in a step."""

    capacity_w: float  # accelerator watts the working fab could make in the step
    output_w: float  # accelerator watts made in the step
    power_w: float  # electricity drawn, mean over the step


def fab_constants(params: Params, step_s: float) -> FabConstants:
    """The fab's per-sample constants from flat parameters (:func:`moonbase.industry.chip_fab.fab_design`)."""
    p = params
    design = fab_design(p)
    samples = np.shape(p["lunar.chip_fab_mass_kg"])
    on = np.asarray(p["lunar.chip_fab"], dtype=float) > 0.5

    def column(value):
        return np.ascontiguousarray(np.broadcast_to(np.asarray(value, dtype=float), samples))

    return FabConstants(
        output_per_mass_w_s_kg=column(design.output_per_mass_w_s_kg),
        power_per_output_j_w=column(design.power_per_output_j_w), earth_fraction=column(design.earth_fraction),
        ramp_time_s=column(design.ramp_time_s),
        seed_earth_mass_kg=column(np.where(on, p["lunar.chip_fab_mass_kg"], 0.0)),
        growth_share=column(np.where(on, p["lunar.chip_fab_growth_share"], 0.0)),
        max_power_share=column(p["lunar.chip_fab_max_power_share"]))


def first_fab_power_w(params: Params) -> np.ndarray:
    """Electricity of the first fab at full output [W]: its complete mass (``lunar.chip_fab_mass``, the
    Earth-made tools, over the Earth-made fraction) times the electricity per wafer over the fab mass per
    unit of wafer-start rate (:mod:`moonbase.industry.chip_fab`). Zero without a fab."""
    design = fab_design(params)
    f = design.earth_fraction
    complete = np.where(f > 0.0, np.asarray(params["lunar.chip_fab_mass_kg"], dtype=float) / np.where(f > 0.0, f, 1.0),
                        0.0)
    on = np.asarray(params["lunar.chip_fab"], dtype=float) > 0.5
    return np.where(on, complete * design.energy_per_wafer_j / design.mass_per_wafer_rate_kg_s, 0.0)


@formula
def complete_fab_kg(lunar_kg, earth_kg, earth_fraction):
    """Fab mass whose two parts are both built: ``min(lunar / (1 - f), earth / f)`` [kg]."""
    f = earth_fraction
    both = np.minimum(lunar_kg / np.maximum(1.0 - f, 1e-300), earth_kg / np.maximum(f, 1e-300))
    return where(f <= 0.0, lunar_kg, where(f >= 1.0, earth_kg, both))


@formula
def fab_output_core(c, step_s, state, wanted_w, industry_power_w):
    """The accelerators the fab makes this step: ``wanted_w`` (what the step's satellites can use) within
    its working capacity and the share of the industry's power it may draw. Returns :class:`FabOutput`."""
    capacity_w = state.working_kg * c.output_per_mass_w_s_kg * step_s
    power_cap_w = where(c.power_per_output_j_w > 0.0,
                        c.max_power_share * industry_power_w * step_s / np.maximum(c.power_per_output_j_w, 1e-300),
                        np.inf)
    output_w = np.maximum(np.minimum(np.minimum(wanted_w, capacity_w), power_cap_w), 0.0)
    return FabOutput(capacity_w=capacity_w, output_w=output_w, power_w=output_w * c.power_per_output_j_w / step_s)


@formula
def fab_queue_core(c, step_s, state, start, short_w, growth_kg):
    """Queue fab construction: the first fab when ``start``; else, while the fabs made ``short_w`` fewer
    accelerator watts than the step's satellites needed, the fab mass that would close the gap (less what
    is already built but not yet working, or queued), at most ``growth_share`` of ``growth_kg`` (its
    lunar part), with its Earth-made tools. Returns the new :class:`FabState`."""
    f = c.earth_fraction
    lunar_share_of_fab = np.maximum(1.0 - f, 1e-300)
    seed = where(start & (c.seed_earth_mass_kg > 0.0) & (f > 0.0), c.seed_earth_mass_kg, 0.0)
    seed_lunar = seed * (1.0 - f) / np.maximum(f, 1e-300)
    planned = complete_fab_kg(state.lunar_built_kg + state.lunar_pending_kg,
                              state.earth_built_kg + state.earth_pending_kg, f)
    gap_kg = short_w / np.maximum(c.output_per_mass_w_s_kg * step_s, 1e-300) - (planned - state.working_kg)
    expanding = (np.logical_not(start) & (short_w > 0.0) & (c.output_per_mass_w_s_kg > 0.0) & (f < 1.0)
                 & ((state.lunar_built_kg > 0.0) | (state.earth_built_kg > 0.0)))
    lunar_part = where(expanding, np.minimum(c.growth_share * growth_kg, np.maximum(gap_kg, 0.0) * (1.0 - f)), 0.0)
    return FabState(lunar_built_kg=state.lunar_built_kg, earth_built_kg=state.earth_built_kg,
                    working_kg=state.working_kg, lunar_pending_kg=state.lunar_pending_kg + seed_lunar + lunar_part,
                    earth_pending_kg=state.earth_pending_kg + seed + lunar_part * f / lunar_share_of_fab)


@formula
def fab_build_core(c, step_s, state, earth_landed_kg, lunar_used_kg):
    """Install what was landed and diverted this step and ramp the complete fab into production.

    Returns the new :class:`FabState`.
    """
    lunar_built = state.lunar_built_kg + lunar_used_kg
    earth_built = state.earth_built_kg + earth_landed_kg
    complete = complete_fab_kg(lunar_built, earth_built, c.earth_fraction)
    ramp = where(c.ramp_time_s > 0.0, -np.expm1(-step_s / np.maximum(c.ramp_time_s, 1e-300)), 1.0)
    working = state.working_kg + np.maximum(complete - state.working_kg, 0.0) * ramp
    return FabState(lunar_built_kg=lunar_built, earth_built_kg=earth_built, working_kg=working,
                    lunar_pending_kg=state.lunar_pending_kg - lunar_used_kg,
                    earth_pending_kg=state.earth_pending_kg - earth_landed_kg)
