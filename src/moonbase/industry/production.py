"""The lunar industry, step by step: production, satellites, imports, energy and limits.

:func:`production_step` is the physics of one time step of the self-growing city, shared by
the system timeline (``moonbase.industry.step.lunar_step``) and the
stand-alone industry model (:mod:`moonbase.industry.city_run`). Every step closes its
books:

- mass: ``growth + satellites + waste == regolith + imports`` (products are made
  from mined regolith plus Earth-made parts; the regolith that does not end in a
  product is waste);
- energy: ``energy_available == energy_used + energy_curtailed`` (all of the energy
  used ends as heat the radiators reject, see ``docs/design/lunar_limits.md``).

The plan (production ``M / T_rep`` per second, a share of it as satellites once the
mass driver fires, the rest as growth up to the land limit) is scaled down by the
tightest of energy, Earth imports and the regolith left in reach.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from moonbase.jit import formula, fraction_met, where

__all__ = ["ProductionStep", "PRODUCTION_LIMITS", "as_arrays", "production_core", "production_step"]

#: Names of what limits the city in a step (codes = index).
PRODUCTION_LIMITS = ("not_started", "replication", "power", "earth_imports", "land_area", "regolith")
_NOT_STARTED, _REPLICATION, _POWER, _IMPORTS, _LAND, _REGOLITH = range(len(PRODUCTION_LIMITS))


class ProductionStep(NamedTuple):
    """One step of the city, per sample (kg and J are amounts during the step).

    What :func:`production_core` returns, field by field: numpy arrays from Python,
    scalars in a compiled kernel (which reads the fields by name).
    """

    production_kg: np.ndarray  # planned new hardware M dt / T_rep (before limits)
    satellites_wanted_kg: np.ndarray
    growth_kg: np.ndarray
    satellites_kg: np.ndarray
    imports_kg: np.ndarray  # Earth-made parts of growth and satellites
    local_product_kg: np.ndarray  # made from regolith
    regolith_kg: np.ndarray  # mined
    waste_kg: np.ndarray
    energy_available_j: np.ndarray
    energy_used_j: np.ndarray
    energy_curtailed_j: np.ndarray
    power_factor: np.ndarray
    import_factor: np.ndarray
    regolith_factor: np.ndarray
    land_bound: np.ndarray
    regolith_bound: np.ndarray
    limit_code: np.ndarray  # index into PRODUCTION_LIMITS


def production_step(industry_kg, step_s, *, replication_time_s, local_fraction, satellite_import_fraction,
              satellite_share, firing, mass_driver_capacity_kg, mass_driver_energy_j_kg, max_industry_kg,
              production_energy_j_kg, power_per_mass_w_kg, fab_power_w, landing_capacity_kg,
              regolith_per_product, regolith_room_kg) -> ProductionStep:
    """Plan and limit one step of the lunar city.

    Parameters
    ----------
    industry_kg : array_like
        Industrial mass at the start of the step [kg], >= 0.
    step_s : float
        Step length [s].
    replication_time_s : array_like
        Time for the industry to make its own mass [s] (e-folding time of growth).
    local_fraction : array_like
        Mass fraction of new hardware made on the Moon [-].
    satellite_import_fraction : array_like
        Earth-made fraction of each kg of satellite [-]
        (:func:`moonbase.industry.satellite_bom.satellite_import_fraction`).
    satellite_share : array_like
        Share of production turned into satellites while the mass driver fires [-].
    firing : array_like of bool
        Whether the mass driver fires (and its payloads escape) this step.
    mass_driver_capacity_kg : array_like
        Most payload mass the driver can fire this step [kg].
    mass_driver_energy_j_kg : array_like
        Electrical energy per kg fired [J/kg].
    max_industry_kg : array_like
        Largest industry the land can power and cool [kg]
        (:func:`moonbase.industry.limits.city_area_per_power_m2_w`).
    production_energy_j_kg : array_like
        Electricity per kg of finished product [J/kg]
        (:func:`moonbase.industry.extraction.product_energy_j_kg` for its material part).
    power_per_mass_w_kg : array_like
        Average electrical power per kg of industry [W/kg].
    fab_power_w : array_like
        Power drawn by the chip fab when it runs [W] (0 before it).
    landing_capacity_kg : array_like
        Earth cargo that can land this step for imports [kg].
    regolith_per_product : array_like
        kg of regolith mined per kg of local product [-].
    regolith_room_kg : array_like
        Regolith still in reach under the usable area [kg].

    Returns
    -------
    ProductionStep
        Flows, energies, rationing factors and the binding limit of the step.

    Notes
    -----
    Plan: production :math:`P = M \\Delta t / T_{rep}`; satellites
    :math:`\\min(s P, C_{md})` when firing; growth :math:`\\min(P - S, M_{max} - M)`.
    Limits: energy :math:`e (G + S) + e_{md} S` against
    :math:`(M p - P_{fab}) \\Delta t`; imports :math:`(1 - f) G + i S` against the
    landing capacity; regolith :math:`r (f G + (1 - i) S)` against what is left.
    Each flow is scaled by the smallest factor that applies to it (proportional
    rationing). Growth needing no imports is not held back by imports, nor by
    regolith when it needs none.

    Examples
    --------
    >>> out = production_step(1000.0, 1.0, replication_time_s=10.0, local_fraction=1.0,
    ...                 satellite_import_fraction=0.0, satellite_share=0.0, firing=False,
    ...                 mass_driver_capacity_kg=0.0, mass_driver_energy_j_kg=0.0, max_industry_kg=1e9,
    ...                 production_energy_j_kg=0.0, power_per_mass_w_kg=1.0, fab_power_w=0.0,
    ...                 landing_capacity_kg=0.0, regolith_per_product=5.0, regolith_room_kg=1e9)
    >>> float(out.growth_kg), float(out.regolith_kg)
    (100.0, 500.0)
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        step = production_core(
            np.asarray(industry_kg, dtype=float), float(step_s), replication_time_s, np.asarray(local_fraction, dtype=float),
            np.asarray(satellite_import_fraction, dtype=float), satellite_share, np.asarray(firing, dtype=bool),
            mass_driver_capacity_kg, mass_driver_energy_j_kg, max_industry_kg, production_energy_j_kg,
            power_per_mass_w_kg, fab_power_w, landing_capacity_kg, np.asarray(regolith_per_product, dtype=float),
            regolith_room_kg)
    return as_arrays(step)


def as_arrays(step: ProductionStep) -> ProductionStep:
    """The numpy reading of a :class:`ProductionStep`: every field an array, the limit code as int8."""
    arrays = {name: np.asarray(value) for name, value in step._asdict().items()}
    arrays["limit_code"] = arrays["limit_code"].astype(np.int8)
    return ProductionStep(**arrays)


@formula
def production_core(industry, step_s, replication_time_s, local, sat_import, satellite_share, firing,
                    mass_driver_capacity_kg, mass_driver_energy_j_kg, max_industry_kg, production_energy_j_kg,
                    power_per_mass_w_kg, fab_power_w, landing_capacity_kg, ratio, regolith_room_kg):
    """The formulas of :func:`production_step` (a :mod:`moonbase.jit` formula).

    Returns a :class:`ProductionStep`; the limit code as an integer.
    """
    production = industry / replication_time_s * step_s
    wanted = where(firing, satellite_share * production, 0.0)
    sats_plan = np.minimum(wanted, mass_driver_capacity_kg)
    room = np.maximum(max_industry_kg - industry, 0.0)
    growth_plan = np.minimum(production - sats_plan, room)
    land_bound = (production - sats_plan) > room

    energy_need = production_energy_j_kg * (growth_plan + sats_plan) + mass_driver_energy_j_kg * sats_plan
    available = industry * power_per_mass_w_kg * step_s
    fab_energy = np.minimum(fab_power_w * step_s, available)
    power_factor = fraction_met(available - fab_energy, energy_need)
    import_factor = fraction_met(landing_capacity_kg, growth_plan * (1.0 - local) + sats_plan * sat_import)
    regolith_factor = fraction_met(regolith_room_kg, ratio * (growth_plan * local + sats_plan * (1.0 - sat_import)))

    growth = growth_plan * np.minimum(np.minimum(power_factor, where(local < 1.0, import_factor, 1.0)),
                                      where(local > 0.0, regolith_factor, 1.0))
    satellites = sats_plan * np.minimum(np.minimum(power_factor, where(sat_import > 0.0, import_factor, 1.0)),
                                        where(sat_import < 1.0, regolith_factor, 1.0))
    imports = growth * (1.0 - local) + satellites * sat_import
    local_product = growth + satellites - imports
    regolith = local_product * ratio
    used = production_energy_j_kg * (growth + satellites) + mass_driver_energy_j_kg * satellites + fab_energy

    regolith_bound = regolith_factor < 1.0
    power_bound = (power_factor < 1.0) & (power_factor <= import_factor)
    # later limits in this order override earlier ones: land, imports, power, regolith
    code = where(regolith_bound, _REGOLITH, where(power_bound, _POWER, where(
        import_factor < 1.0, _IMPORTS, where(land_bound, _LAND, _REPLICATION))))
    code = where(industry > 0.0, code, _NOT_STARTED)
    return ProductionStep(
        production_kg=production, satellites_wanted_kg=wanted, growth_kg=growth, satellites_kg=satellites,
        imports_kg=imports, local_product_kg=local_product, regolith_kg=regolith, waste_kg=regolith - local_product,
        energy_available_j=available, energy_used_j=used, energy_curtailed_j=available - used,
        power_factor=power_factor, import_factor=import_factor, regolith_factor=regolith_factor,
        land_bound=land_bound, regolith_bound=regolith_bound, limit_code=code)
