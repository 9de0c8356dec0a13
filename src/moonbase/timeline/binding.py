"""What limited each tier in a step: the label rules, as formulas the step kernel runs.

Each tier's label is an integer code into its tuple of names. Later rules override
earlier ones: a tier that is off or not started says so; else the tightest active limit
is named (budget over supply over capacity). The codes are computed per step inside
:func:`moonbase.timeline.step_kernel.run_steps` (:mod:`moonbase.jit` formulas).
"""

from __future__ import annotations


from moonbase.jit import formula, where
from moonbase.timeline.tiers import TIERS, TierKind

__all__ = [
    "CITY_LIMITS", "DEEP_SPACE_LIMITS", "EARTH_ORBIT_LIMITS", "LIMITS_BY_KIND", "LUNAR_LIMITS",
    "binding_labels", "city_code", "deep_space_code", "earth_orbit_code", "lunar_code",
]

EARTH_ORBIT_LIMITS = ("disabled", "not_started", "launch_capacity", "chip_supply", "budget")
LUNAR_LIMITS = ("disabled", "not_started", "replication", "power", "earth_imports", "land_area", "regolith",
                "budget", "labour")
DEEP_SPACE_LIMITS = (
    "disabled", "not_started", "building_mass_driver", "below_escape", "factory_output", "driver_fleet",
    "power", "earth_imports", "chip_supply", "budget", "fab_capacity", "labour",
)
CITY_LIMITS = ("disabled", "no_residents", "industry_demand", "life_support", "population_ceiling")
#: The limits each kind of tier names (a tier of that kind with ``binding`` has a label column).
LIMITS_BY_KIND = {
    TierKind.EARTH_ORBIT: EARTH_ORBIT_LIMITS,
    TierKind.LUNAR_SURFACE: LUNAR_LIMITS,
    TierKind.DEEP_SPACE: DEEP_SPACE_LIMITS,
}


def binding_labels() -> dict[str, tuple[str, ...]]:
    """Every label column and the names its integer codes index: the binding tiers, then the city."""
    return {**{f"{tier.name}_binding": LIMITS_BY_KIND[tier.kind] for tier in TIERS if tier.binding},
            "city_binding": CITY_LIMITS}


_EO_DISABLED, _EO_NOT_STARTED, _EO_LAUNCH, _EO_CHIP, _EO_BUDGET = range(len(EARTH_ORBIT_LIMITS))
(_LU_DISABLED, _LU_NOT_STARTED, _LU_REPLICATION, _LU_POWER, _LU_IMPORTS, _LU_LAND, _LU_REGOLITH,
 _LU_BUDGET, _LU_LABOUR) = range(len(LUNAR_LIMITS))
(_DS_DISABLED, _DS_NOT_STARTED, _DS_BUILDING, _DS_BELOW_ESCAPE, _DS_FACTORY, _DS_DRIVER_RATE, _DS_POWER,
 _DS_IMPORTS, _DS_CHIP, _DS_BUDGET, _DS_FAB, _DS_LABOUR) = range(len(DEEP_SPACE_LIMITS))
_CITY_DISABLED, _CITY_NO_RESIDENTS, _CITY_DEMAND, _CITY_LIFE_SUPPORT, _CITY_CEILING = range(len(CITY_LIMITS))


@formula
def _power_binds(power_factor, import_factor):
    """Energy, not imports, is the tighter of the two limits on production."""
    return (power_factor < 1.0) & (power_factor <= import_factor)


@formula
def earth_orbit_code(on, active, chip_factor, budget_factor):
    """Code into :data:`EARTH_ORBIT_LIMITS` from the step's rationing factors."""
    code = where(budget_factor < 1.0, _EO_BUDGET, where(chip_factor < 1.0, _EO_CHIP, _EO_LAUNCH))
    return where(on, where(active, code, _EO_NOT_STARTED), _EO_DISABLED)


@formula
def lunar_code(on, seeded, power_factor, import_factor, land_bound, regolith_bound, labour_short, budget_factor):
    """Code into :data:`LUNAR_LIMITS` (``labour_short``: the city holds fewer residents than the work needs)."""
    code = where(budget_factor < 1.0, _LU_BUDGET, where(
        _power_binds(power_factor, import_factor), _LU_POWER, where(
            import_factor < 1.0, _LU_IMPORTS, where(regolith_bound, _LU_REGOLITH, where(
                land_bound, _LU_LAND, where(labour_short, _LU_LABOUR, _LU_REPLICATION))))))
    return where(on, where(seeded, code, _LU_NOT_STARTED), _LU_DISABLED)


@formula
def deep_space_code(on, driver_active, building, escape, satellites_wanted_kg, driver_capacity_kg, power_factor,
                    import_factor, satellite_import_fraction, chip_factor, lunar_chip_fraction, fab_binds,
                    labour_short, budget_factor):
    """Code into :data:`DEEP_SPACE_LIMITS` (``driver_active``: the driver's time has come and the city is seeded).

    Accelerators bind when Earth's supply falls short for the share the lunar fabs do not
    make (``chip_supply`` if they make none, else ``fab_capacity``), or when the satellites
    were held to what the lunar fabs made (``fab_binds``: Earth's accelerators would not fit
    in the lunar cargo).
    """
    code = where(satellites_wanted_kg > driver_capacity_kg, _DS_DRIVER_RATE, where(labour_short, _DS_LABOUR,
                                                                                    _DS_FACTORY))
    code = where((import_factor < 1.0) & (satellite_import_fraction > 0.0), _DS_IMPORTS, code)
    code = where(_power_binds(power_factor, import_factor), _DS_POWER, code)
    code = where((chip_factor < 1.0) & (lunar_chip_fraction < 1.0),
                 where(lunar_chip_fraction > 0.0, _DS_FAB, _DS_CHIP), code)
    code = where(fab_binds, _DS_FAB, code)
    code = where(budget_factor < 1.0, _DS_BUDGET, code)
    code = where(building, _DS_BUILDING, code)
    code = where(driver_active & (escape <= 0.0), _DS_BELOW_ESCAPE, code)
    return where(on, where(driver_active, code, _DS_NOT_STARTED), _DS_DISABLED)


@formula
def city_code(on, population, life_support_binds, ceiling_binds):
    """Code into :data:`CITY_LIMITS` (``on``: the lunar tier is enabled)."""
    code = where(life_support_binds, _CITY_LIFE_SUPPORT, where(ceiling_binds, _CITY_CEILING, _CITY_DEMAND))
    return where(on, where(population <= 0.0, _CITY_NO_RESIDENTS, code), _CITY_DISABLED)
