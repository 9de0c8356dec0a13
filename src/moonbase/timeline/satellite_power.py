"""What each tier's satellites are, from the scenario's satellite designs.

The seam between the spacecraft models and the timeline: the timeline asks, per
sample and tier, for compute watts per kg of satellite and (through
:func:`tier_design`) for the life, degradation, time-averaged power and costs that
follow from the design in its orbit. It never sees the design details.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from moonbase.spacecraft.design import DesignInputs, SatelliteBudget, satellite_design
from moonbase.spacecraft.environment import (
    DOSE_FIGURES,
    GEO_ALTITUDE_M,
    Environment,
    OrbitKind,
    orbit_environment,
)
from moonbase.domain import Params

GEO_THRESHOLD_M = 0.5 * GEO_ALTITUDE_M  # above this an Earth orbit takes GEO's radiation figure


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


def tier_environment(params: Params, tier: str) -> Environment:
    """The orbit environment of a tier's satellites, per sample."""
    d = f"{tier}.design."
    shield = params[d + "shield_areal_density_kg_m2"]
    if tier == "deep_space":
        return _unique_environment(
            lambda r, s: orbit_environment(OrbitKind.HELIOCENTRIC, heliocentric_distance_m=r, shield_kg_m2=s),
            (params["deep_space.heliocentric_distance_m"], shield))
    altitude = params["earth_orbit.altitude_m"]
    sso = params["earth_orbit.sun_synchronous"] > 0.5
    inclination = params["earth_orbit.inclination_rad"]
    ltan = params["earth_orbit.ltan_s"]

    def build(h, s, i, t, w):
        # each row is built only in its own kind (a drifting-node average costs 72x a locked one)
        locked = s > 0.5
        parts = []
        if np.any(locked):
            parts.append((locked, orbit_environment(OrbitKind.SSO_DAWN_DUSK, altitude_m=h[locked], ltan_s=t[locked],
                                                    shield_kg_m2=w[locked])))
        if np.any(~locked):
            parts.append((~locked, orbit_environment(OrbitKind.LEO, altitude_m=h[~locked], inclination_rad=i[~locked],
                                                     shield_kg_m2=w[~locked])))
        fields = {"kind": parts[0][1].kind, "dose": parts[0][1].dose}
        for name in Environment.__dataclass_fields__:
            if name in fields:
                continue
            column = np.empty(len(h))
            for rows, env in parts:
                column[rows] = getattr(env, name)
            fields[name] = column
        geo = h > GEO_THRESHOLD_M
        leo, geo_figure = DOSE_FIGURES[OrbitKind.LEO], DOSE_FIGURES[OrbitKind.GEO]
        scale = np.where(geo, geo_figure.dose_rate_gy_s / leo.dose_rate_gy_s
                         * (leo.reference_shield_kg_m2 / w) ** (geo_figure.shield_exponent - leo.shield_exponent), 1.0)
        fields["dose_rate_gy_s"] = fields["dose_rate_gy_s"] * scale
        return Environment(**fields)

    return _unique_environment(build, (altitude, sso.astype(float), inclination, ltan, shield))


def tier_design(params: Params, tier: str) -> TierDesign:
    """Budgets of a tier's satellites in their orbit, per sample."""
    design = DesignInputs.from_mapping(params, prefix=f"{tier}.design.")
    environment = tier_environment(params, tier)
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


def tier_specific_power_w_kg(params: Params, tier: str) -> np.ndarray:
    """Compute power per kg of a tier's satellites at beginning of life, per sample [W/kg]."""
    return tier_design(params, tier).specific_power_w_kg
