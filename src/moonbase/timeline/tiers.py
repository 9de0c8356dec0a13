"""The compute tiers of the system model: one registry that every consumer iterates.

A tier is where compute hardware works (the ground reference, an Earth-orbit shell,
the lunar surface, deep space). Its entry says what the engine keeps for it (hardware
stocks and the per-tier timeline columns), whether a binding label names what limited
it, and how reports show it. The columns of :mod:`moonbase.timeline.columns`, the
binding labels of :mod:`moonbase.timeline.binding`, the step kernel's tier-indexed
outputs, the run summary, the Monte Carlo reductions, the figures and the command line
read the tiers from :data:`TIERS` when they run; a consumer never types the list again.

How each kind of tier grows is the step kernel's physics
(:mod:`moonbase.timeline.step_kernel`): a tier's ``kind`` names that model. The engine
steps one ground reference, one lunar surface and one deep-space tier (the lunar
industry and its mass driver), and any number of Earth-orbit shells: each shell is a
tier of kind ``earth_orbit`` with its own orbit kind and a weight that shares the
Earth-orbit launch mass between the shells. Adding a shell is one entry
(:meth:`TierRegistry.register`, or :meth:`TierRegistry.registered` for a while).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum


class TierKind(StrEnum):
    """The model that deploys a tier's hardware."""

    GROUND = "ground"  # terrestrial data centres on a logistic demand path (the reference)
    EARTH_ORBIT = "earth_orbit"  # satellites launched from Earth into one orbit shell
    LUNAR_SURFACE = "lunar_surface"  # the lunar industry (it runs no AI compute itself)
    DEEP_SPACE = "deep_space"  # satellites the lunar industry makes and the mass driver fires


#: How many tiers of each kind the engine steps (``None``: any number, at least one).
_KIND_COUNT = {TierKind.GROUND: 1, TierKind.LUNAR_SURFACE: 1, TierKind.DEEP_SPACE: 1, TierKind.EARTH_ORBIT: None}


@dataclass(frozen=True)
class ComputeTier:
    """One compute tier: its column prefix, its model, and how it is shown.

    ``orbit`` and ``launch_weight`` are read for Earth-orbit shells only: the shell's
    orbit kind (:class:`moonbase.spacecraft.environment.EarthOrbitKind` value; ``None``
    takes the scenario's ``earth_orbit.orbit``), and its weight in the split of the
    Earth-orbit launch mass (weights are normalised over the shells).
    """

    name: str  # prefix of its timeline columns (``<name>_compute_power_w``)
    kind: TierKind
    label: str  # shown in tables and figure legends
    color: str  # figure colour (Okabe-Ito colour-blind-safe palette)
    space: bool  # counted in the space totals
    hardware: bool  # deploys compute hardware: added-power and FLOP/s columns, cohort stocks
    satellites: bool  # its hardware is satellites: mass, count, deployed and retired columns
    binding: bool  # has a ``<name>_binding`` label column
    where: str  # what its compute is, for column descriptions
    orbit: str | None = None
    launch_weight: float = 1.0


class TierRegistry:
    """The ordered tiers of the system model; iterating it gives the tiers in column order.

    ``version`` counts changes, so derived tables (columns, kernel layouts) can be cached
    per version.
    """

    def __init__(self, tiers: tuple[ComputeTier, ...]):
        self._tiers: tuple[ComputeTier, ...] = ()
        self.version = 0
        self._set(tiers)

    def __iter__(self) -> Iterator[ComputeTier]:
        return iter(self._tiers)

    def __len__(self) -> int:
        return len(self._tiers)

    def __getitem__(self, index: int) -> ComputeTier:
        return self._tiers[index]

    def _set(self, tiers: tuple[ComputeTier, ...]) -> None:
        names = [tier.name for tier in tiers]
        duplicated = sorted({name for name in names if names.count(name) > 1})
        if duplicated:
            raise ValueError(f"tier names must be unique; repeated: {', '.join(duplicated)}")
        for kind, count in _KIND_COUNT.items():
            found = sum(tier.kind == kind for tier in tiers)
            if (count is None and found < 1) or (count is not None and found != count):
                raise ValueError(f"the engine steps {'at least one' if count is None else f'exactly {count}'} "
                                 f"{kind.value} tier(s); the registry would hold {found}")
        for tier in tiers:
            if tier.kind == TierKind.EARTH_ORBIT and not (tier.launch_weight > 0.0):
                raise ValueError(f"tier {tier.name!r}: launch_weight = {tier.launch_weight!r}; expected > 0")
            if tier.kind == TierKind.EARTH_ORBIT and not (tier.space and tier.hardware and tier.satellites):
                raise ValueError(f"tier {tier.name!r}: an Earth-orbit shell is a space tier of satellites")
        self._tiers = tuple(tiers)
        self.version += 1

    def register(self, tier: ComputeTier, after: str | None = None) -> None:
        """Add ``tier`` after the tier named ``after`` (default: after the last tier of its kind)."""
        names = [t.name for t in self._tiers]
        if after is None:
            same = [i for i, t in enumerate(self._tiers) if t.kind == tier.kind]
            position = (same[-1] + 1) if same else len(names)
        else:
            if after not in names:
                raise ValueError(f"after = {after!r} is not a tier; one of: {', '.join(names)}")
            position = names.index(after) + 1
        self._set((*self._tiers[:position], tier, *self._tiers[position:]))

    def unregister(self, name: str) -> None:
        """Remove the tier called ``name``."""
        if name not in [t.name for t in self._tiers]:
            raise ValueError(f"{name!r} is not a registered tier")
        self._set(tuple(t for t in self._tiers if t.name != name))

    @contextmanager
    def registered(self, tier: ComputeTier, after: str | None = None) -> Iterator[ComputeTier]:
        """The registry with ``tier`` added, for the duration of a ``with`` block."""
        self.register(tier, after)
        try:
            yield tier
        finally:
            self.unregister(tier.name)


#: The system model's tiers, in the order of the timeline's columns and of reports.
TIERS = TierRegistry((
    ComputeTier("ground", TierKind.GROUND, "Ground", "#7f7f7f", space=False, hardware=True, satellites=False,
                binding=False, where="terrestrial AI data centres (the reference tier)"),
    ComputeTier("earth_orbit", TierKind.EARTH_ORBIT, "Earth orbit", "#0072B2", space=True, hardware=True,
                satellites=True, binding=True, where="working satellites in Earth orbit"),
    ComputeTier("lunar_surface", TierKind.LUNAR_SURFACE, "Lunar surface", "#E69F00", space=True, hardware=False,
                satellites=False, binding=True, where="the lunar surface (the factory runs no AI compute: zero)"),
    ComputeTier("deep_space", TierKind.DEEP_SPACE, "Deep space", "#CC79A7", space=True, hardware=True,
                satellites=True, binding=True, where="working satellites in heliocentric orbit"),
))


def tier_names() -> tuple[str, ...]:
    """Every tier's name, in registry order."""
    return tuple(tier.name for tier in TIERS)


def tier_by_name() -> dict[str, ComputeTier]:
    return {tier.name: tier for tier in TIERS}


def hardware_tiers() -> tuple[str, ...]:
    """Tiers that deploy compute hardware (cohort stocks), in registry order."""
    return tuple(tier.name for tier in TIERS if tier.hardware)


def satellite_tiers() -> tuple[str, ...]:
    """Tiers that deploy satellites (the Earth-orbit shells, deep space), in registry order."""
    return tuple(tier.name for tier in TIERS if tier.satellites)


def space_compute_tiers() -> tuple[str, ...]:
    """Space tiers that deploy compute hardware (their added power counts towards a target)."""
    return tuple(tier.name for tier in TIERS if tier.space and tier.hardware)


def space_tiers() -> tuple[str, ...]:
    """Tiers whose hardware is counted in the space totals."""
    return tuple(tier.name for tier in TIERS if tier.space)


def binding_tiers() -> tuple[str, ...]:
    """Tiers with a binding label column, in registry order."""
    return tuple(tier.name for tier in TIERS if tier.binding)


def tiers_of_kind(kind: TierKind) -> tuple[ComputeTier, ...]:
    return tuple(tier for tier in TIERS if tier.kind == kind)


#: The aggregates reported beside the tiers, with their display label and colour.
AGGREGATES = {"space": ("Space total", "#009E73"), "total": ("Total", "#000000")}


def tier_labels() -> dict[str, str]:
    """Label of every tier and aggregate, by name (what figures and tables show)."""
    return {**{tier.name: tier.label for tier in TIERS}, **{k: v[0] for k, v in AGGREGATES.items()}}


def tier_colors() -> dict[str, str]:
    """Colour of every tier and aggregate, by name."""
    return {**{tier.name: tier.color for tier in TIERS}, **{k: v[1] for k, v in AGGREGATES.items()}}
