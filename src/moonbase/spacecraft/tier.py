"""What each tier's satellites are, from the scenario's satellite designs and orbits.

The system model asks, per sample and tier, for compute watts per kg of satellite and
(through :func:`tier_design`) for the life, degradation, time-averaged power and costs
that follow from the design in its orbit. The Earth-orbit tier's orbit is an explicit
kind (:class:`~moonbase.spacecraft.environment.EarthOrbitKind`), never guessed from the
altitude.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from moonbase.domain import Params
from moonbase.spacecraft.design import DesignInputs, SatelliteBudget, satellite_design
from moonbase.spacecraft.environment import EarthOrbitKind, Environment, OrbitKind, orbit_environment

#: The Earth-orbit tier's model choices (strings) read here: its orbit kind.
EARTH_ORBIT_CHOICES = ("orbit",)


@dataclass(frozen=True)
class TierDesign:
    """Per-sample figures of a tier's satellites (SI, shape ``(samples,)``)."""

    specific_power_w_kg: np.ndarray  # compute power at beginning of life per kg of satellite
    mean_power_factor: np.ndarray  # life- and orbit-averaged compute power / BOL compute power
    duty_factor: np.ndarray  # fraction of compute running averaged over the orbit (eclipses shed load)
    design_life_s: np.ndarray  # min(design life, radiation-limited life)
    radiation_life_s: np.ndarray
    degradation_rate_per_s: np.ndarray  # continuous loss rate of array power
    dose_rate_gy_s: np.ndarray
    eclipse_fraction: np.ndarray
    flops_per_kg: np.ndarray  # with the design's own accelerators (the timeline uses its roadmap instead)
    satellite_mass_kg: np.ndarray
    non_compute_mass_fraction: np.ndarray  # mass that is not accelerators (bus cost applies to it)
    budget: SatelliteBudget


def _unique_environment(builder, keys: tuple[np.ndarray, ...]) -> Environment:
    """Build the environment once per distinct combination of orbit numbers (Monte Carlo batches repeat them)."""
    stacked = np.stack([np.asarray(k, dtype=float) for k in keys], axis=-1)
    unique, inverse = np.unique(stacked, axis=0, return_inverse=True)
    env = builder(*unique.T)
    inverse = inverse.reshape(-1)
    picked = {}
    for name in Environment.__dataclass_fields__:
        value = getattr(env, name)
        if isinstance(value, np.ndarray) and value.shape == (len(unique),):
            picked[name] = value[inverse]
        elif np.ndim(value) == 0 and not isinstance(value, (str, OrbitKind)) and name not in ("dose", "kind"):
            picked[name] = np.full(len(inverse), float(value))
        else:
            picked[name] = value
    return Environment(**picked)


def tier_environment(params: Params, tier: str, orbit: EarthOrbitKind | str | None = None) -> Environment:
    """The orbit environment of a tier's satellites, per sample.

    ``orbit`` is the Earth-orbit tier's kind (the scenario's ``earth_orbit.orbit``): it
    selects the environment model, which reads the altitude (not for GEO), the
    inclination (LEO and MEO, whose node drifts) or the local time of the node (SSO).
    """
    d = f"{tier}.design."
    shield = params[d + "shield_areal_density_kg_m2"]
    if tier == "deep_space":
        return _unique_environment(
            lambda r, s: orbit_environment(OrbitKind.HELIOCENTRIC, heliocentric_distance_m=r, shield_kg_m2=s),
            (params["deep_space.heliocentric_distance_m"], shield))
    if orbit is None:
        raise ValueError("tier_environment: the earth_orbit tier needs its orbit kind "
                         f"(one of: {', '.join(k.value for k in EarthOrbitKind)}).")
    kind = OrbitKind(EarthOrbitKind(orbit).value)
    return _unique_environment(
        lambda h, i, t, w: orbit_environment(kind, altitude_m=h, inclination_rad=i, ltan_s=t, shield_kg_m2=w),
        (params["earth_orbit.altitude_m"], params["earth_orbit.inclination_rad"], params["earth_orbit.ltan_s"],
         shield))


def tier_design(params: Params, tier: str, orbit: EarthOrbitKind | str | None = None) -> TierDesign:
    """Budgets of a tier's satellites in their orbit, per sample (``orbit``: as :func:`tier_environment`)."""
    design = DesignInputs.from_mapping(params, prefix=f"{tier}.design.")
    environment = tier_environment(params, tier, orbit)
    budget = satellite_design(design, environment)
    mean_factor = budget.mean_compute_power_w / np.where(budget.compute_power_w > 0.0, budget.compute_power_w, 1.0)
    k_life = design.array_degradation_per_s * budget.life_s
    mean_degradation = np.where(k_life > 1e-12, -np.expm1(-k_life) / np.maximum(k_life, 1e-300), 1.0)
    shape = np.shape(budget.mass_kg)
    return TierDesign(
        specific_power_w_kg=budget.compute_specific_power_w_kg,
        mean_power_factor=mean_factor,
        duty_factor=mean_factor / mean_degradation,
        design_life_s=budget.life_s,
        radiation_life_s=budget.radiation_life_s,
        degradation_rate_per_s=np.broadcast_to(design.array_degradation_per_s, shape) * 1.0,
        dose_rate_gy_s=budget.dose_rate_gy_s,
        eclipse_fraction=np.broadcast_to(environment.eclipse_fraction, shape) * 1.0,
        flops_per_kg=budget.flops_per_kg,
        satellite_mass_kg=budget.mass_kg,
        non_compute_mass_fraction=1.0 - budget.compute_mass_kg / budget.mass_kg,
        budget=budget,
    )


def tier_specific_power_w_kg(params: Params, tier: str, orbit: EarthOrbitKind | str | None = None) -> np.ndarray:
    """Compute power per kg of a tier's satellites at beginning of life, per sample [W/kg]."""
    return tier_design(params, tier, orbit).specific_power_w_kg
