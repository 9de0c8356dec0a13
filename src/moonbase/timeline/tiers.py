"""The compute tiers of the system model: one registry that every consumer iterates.

A tier is where compute hardware works (the ground reference, Earth orbit, the lunar
surface, deep space). Its entry says what the engine keeps for it (hardware stocks and
the per-tier timeline columns), whether a binding label names what limited it, and how
reports show it. The columns of :mod:`moonbase.timeline.columns`, the binding labels of
:mod:`moonbase.timeline.binding`, the run summary, the Monte Carlo reductions, the
figures and the command line read the tiers from :data:`TIERS`; a consumer never types
the list again. How each kind of tier grows is the step kernel's physics
(:mod:`moonbase.timeline.step_kernel`): a tier's ``kind`` names that model.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class TierKind(StrEnum):
    """The model that deploys a tier's hardware."""

    GROUND = "ground"  # terrestrial data centres on a logistic demand path (the reference)
    EARTH_ORBIT = "earth_orbit"  # satellites launched from Earth
    LUNAR_SURFACE = "lunar_surface"  # the lunar industry (it runs no AI compute itself)
    DEEP_SPACE = "deep_space"  # satellites the lunar industry makes and the mass driver fires


@dataclass(frozen=True)
class ComputeTier:
    """One compute tier: its column prefix, its model, and how it is shown."""

    name: str  # prefix of its timeline columns (``<name>_compute_power_w``)
    kind: TierKind
    label: str  # shown in tables and figure legends
    color: str  # figure colour (Okabe-Ito colour-blind-safe palette)
    space: bool  # counted in the space totals
    hardware: bool  # deploys compute hardware: added-power and FLOP/s columns, cohort stocks
    satellites: bool  # its hardware is satellites: mass, count, deployed and retired columns
    binding: bool  # has a ``<name>_binding`` label column
    where: str  # what its compute is, for column descriptions


#: Every compute tier, in the order of the timeline's columns and of reports.
TIERS: tuple[ComputeTier, ...] = (
    ComputeTier("ground", TierKind.GROUND, "Ground", "#7f7f7f", space=False, hardware=True, satellites=False,
                binding=False, where="terrestrial AI data centres (the reference tier)"),
    ComputeTier("earth_orbit", TierKind.EARTH_ORBIT, "Earth orbit", "#0072B2", space=True, hardware=True,
                satellites=True, binding=True, where="working satellites in Earth orbit"),
    ComputeTier("lunar_surface", TierKind.LUNAR_SURFACE, "Lunar surface", "#E69F00", space=True, hardware=False,
                satellites=False, binding=True, where="the lunar surface (the factory runs no AI compute: zero)"),
    ComputeTier("deep_space", TierKind.DEEP_SPACE, "Deep space", "#CC79A7", space=True, hardware=True,
                satellites=True, binding=True, where="working satellites in heliocentric orbit"),
)
TIER_BY_NAME = {tier.name: tier for tier in TIERS}
TIER_NAMES = tuple(tier.name for tier in TIERS)
#: Tiers that deploy compute hardware (cohort stocks), in registry order.
HARDWARE_TIERS = tuple(tier.name for tier in TIERS if tier.hardware)
#: Tiers that deploy satellites (Earth orbit, deep space), in registry order.
SATELLITE_TIERS = tuple(tier.name for tier in TIERS if tier.satellites)
#: Space tiers that deploy compute hardware (their added power counts towards a target).
SPACE_COMPUTE_TIERS = tuple(tier.name for tier in TIERS if tier.space and tier.hardware)
#: Tiers whose hardware is counted in the space totals.
SPACE_TIERS = tuple(tier.name for tier in TIERS if tier.space)
#: Tiers with a binding label column, in registry order.
BINDING_TIERS = tuple(tier.name for tier in TIERS if tier.binding)

#: The aggregates reported beside the tiers, with their display label and colour.
AGGREGATES = {"space": ("Space total", "#009E73"), "total": ("Total", "#000000")}
#: Label and colour of every tier and aggregate, by name (what figures and tables show).
TIER_LABELS = {**{tier.name: tier.label for tier in TIERS}, **{k: v[0] for k, v in AGGREGATES.items()}}
TIER_COLORS = {**{tier.name: tier.color for tier in TIERS}, **{k: v[1] for k, v in AGGREGATES.items()}}
