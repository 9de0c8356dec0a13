"""What each binding label means, and the scenario inputs that move it.

The labels themselves are the timeline's (:func:`moonbase.timeline.binding.binding_labels`,
one tuple per tier); this module only explains them. :func:`explanations` iterates that
registry, so a label added there without an entry here is reported by the tests, and
``moonbase explain`` and the report print whatever the registry holds.
"""

from __future__ import annotations

from dataclasses import dataclass

from moonbase.timeline.binding import binding_labels
from moonbase.timeline.tiers import tier_by_name


@dataclass(frozen=True)
class Explanation:
    """One label of one tier: what limits growth when it is shown, and the inputs that move it."""

    tier: str
    label: str
    meaning: str
    inputs: tuple[str, ...]  # dotted scenario paths (``moonbase scenario show``)


_IDLE = {
    "disabled": ("The tier is switched off in this scenario; nothing is built.", ("{section}.enabled",)),
    "not_started": ("The tier has not started yet (its start year, or what it waits for, lies ahead).",
                    ("{section}.start_year",)),
    "budget": ("Spending is capped: the year's budget, not physics, limits what is built.",
               ("economics.budget_cap", "economics.annual_budget")),
    "chip_supply": ("Accelerator chips from Earth's fabs run short: the share of world supply sent to space "
                    "is used up.", ("compute.supply_initial", "compute.supply_growth", "compute.space_share")),
    "power": ("Lunar electric power limits production: the energy to make each kilogram exceeds what the "
              "city's solar plant gives.", ("lunar.power_per_mass", "lunar.production_energy",
                                            "lunar.solar_cell_efficiency", "lunar.illumination_fraction")),
}
_SECTIONS = {"earth_orbit": "earth_orbit", "lunar_surface": "lunar", "deep_space": "deep_space", "city": "city"}

_BY_TIER: dict[tuple[str, str], tuple[str, tuple[str, ...]]] = {
    ("earth_orbit", "launch_capacity"): (
        "Heavy-lift launches from Earth are used up: the launch rate times payload, shared with other "
        "traffic, caps the satellite mass reaching orbit.",
        ("launch.max_rate", "launch.growth", "launch.payload", "launch.architecture_share",
         "earth_orbit.design.compute_specific_mass")),
    ("deep_space", "fab_capacity"): (
        "The lunar chip fabs make fewer accelerators than the satellites need, and Earth's accelerators "
        "for the rest do not fit in the lunar cargo (or run short): the fabs' built capacity, grown by "
        "diverting growth and landing Earth-made tools, limits the satellites.",
        ("lunar.chip_fab_mass", "lunar.chip_fab_growth_share", "lunar.chip_fab_earth_fraction",
         "lunar.chip_fab_mass_per_wafer_rate", "lunar.chip_fab_max_power_share", "lunar.landed_per_leo_mass")),
    ("lunar_surface", "labour"): (
        "The city holds fewer residents than the industry's work needs (its population ceiling, or the "
        "Earth resupply that keeps them alive): the industry works, and replicates, at the share of its work "
        "its residents can do.",
        ("city.population_ceiling", "city.max_resupply", "city.automation", "city.teleoperation_share",
         "city.work_time_per_year")),
    ("deep_space", "labour"): (
        "The factories would make more satellites, but the city holds fewer residents than the work needs: "
        "production runs at the share of its work the residents can do.",
        ("city.population_ceiling", "city.max_resupply", "city.automation", "city.teleoperation_share")),
    ("lunar_surface", "replication"): (
        "The industry grows as fast as it can copy itself: its replication time sets the growth rate.",
        ("lunar.replication_time", "lunar.seed_mass", "lunar.satellite_share", "lunar.local_fractions")),
    ("lunar_surface", "earth_imports"): (
        "Parts the Moon cannot make (the non-local fraction: electronics, and chips until a lunar fab "
        "runs) must come from Earth, and Earth launches to the Moon run short.",
        ("lunar.local_fractions", "lunar.landed_per_leo_mass", "launch.max_rate", "lunar.chip_fab",
         "lunar.chip_fab_year")),
    ("lunar_surface", "land_area"): (
        "Usable land for solar arrays and factories at the site is filled.",
        ("lunar.usable_area_fraction", "lunar.site", "lunar.power_per_mass")),
    ("lunar_surface", "regolith"): (
        "Regolith that can be mined and processed runs short.",
        ("lunar.mining_depth", "lunar.regolith_per_product", "lunar.extraction_process")),
    ("lunar_surface", "not_started"): ("The city is not seeded yet: its seed year lies ahead.", ("lunar.seed_year",)),
    ("deep_space", "not_started"): (
        "No mass-driver launch yet: the city is not seeded or the driver's first launch year lies ahead.",
        ("mass_driver.first_launch_year", "lunar.seed_year")),
    ("deep_space", "building_mass_driver"): (
        "The city's lunar-made output goes into building the mass driver (track, power, storage); no "
        "satellite is fired yet.",
        ("mass_driver.first_launch_year", "mass_driver.exit_speed", "mass_driver.max_acceleration",
         "mass_driver.guideway_linear_density", "lunar.replication_time")),
    ("deep_space", "below_escape"): (
        "The driver fires, but its exit speed is below what reaches heliocentric orbit from the site.",
        ("mass_driver.exit_speed", "mass_driver.latitude", "mass_driver.longitude", "mass_driver.azimuth")),
    ("deep_space", "factory_output"): (
        "The lunar factories make satellites more slowly than the driver could fire them.",
        ("lunar.satellite_share", "lunar.max_launch_share", "lunar.replication_time",
         "deep_space.design.compute_specific_mass")),
    ("deep_space", "driver_fleet"): (
        "The working mass drivers fire as often as they can (shots per second times availability and "
        "daylight) and another driver is not ready yet: it is built when the output has outrun the fleet "
        "(mass_driver.fleet), its Earth-made parts landed first and its lunar-made parts, power plant "
        "included, taken from the industry's growth.",
        ("mass_driver.fleet.policy", "mass_driver.fleet.trigger", "mass_driver.max_launch_rate",
         "mass_driver.availability", "mass_driver.payload_mass", "mass_driver.night_operation")),
    ("deep_space", "earth_imports"): (
        "Earth-made parts of each satellite (the accelerators the lunar fabs do not make, and "
        "deep_space.earth_made_mass_fraction) are short: Earth launches to the Moon limit satellites.",
        ("deep_space.earth_made_mass_fraction", "lunar.chip_fab", "lunar.chip_fab_year",
         "lunar.landed_per_leo_mass", "launch.max_rate")),
    ("city", "no_residents"): ("Nobody lives in the city yet (before the first crew).", ("city.first_crew_year",)),
    ("city", "industry_demand"): (
        "The population is what the industry needs as workers and support staff.",
        ("city.labour_per_output", "city.automation", "city.teleoperation_share", "city.support_ratio")),
    ("city", "life_support"): (
        "The population is held by life support: what Earth resupply and local recycling can sustain.",
        ("city.max_resupply", "city.oxygen_recovery", "city.water_recovery", "city.max_food_grown_fraction")),
    ("city", "population_ceiling"): ("The population reached the scenario's ceiling.", ("city.population_ceiling",)),
}


def tier_of(column: str) -> str:
    """``"deep_space_binding"`` -> ``"deep_space"``."""
    return column.removesuffix("_binding")


def explanation(tier: str, label: str) -> Explanation | None:
    """The explanation of ``label`` in ``tier``, or None when none is written (a tier of the registry
    takes the explanations of its kind)."""
    registered = tier_by_name().get(tier)
    kind = registered.kind.value if registered is not None else tier
    if (kind, label) in _BY_TIER:
        meaning, inputs = _BY_TIER[(kind, label)]
    elif label in _IDLE:
        meaning, inputs = _IDLE[label]
    else:
        return None
    section = _SECTIONS.get(kind, kind)
    return Explanation(tier, label, meaning, tuple(p.format(section=section) for p in inputs))


def explanations() -> list[Explanation]:
    """Every label of every tier, in the timeline's order (labels without text are left out)."""
    found = (explanation(tier_of(column), label) for column, labels in binding_labels().items() for label in labels)
    return [e for e in found if e is not None]


def missing() -> list[tuple[str, str]]:
    """(tier, label) pairs of the timeline that have no explanation."""
    return [(tier_of(c), label) for c, labels in binding_labels().items() for label in labels
            if explanation(tier_of(c), label) is None]


def all_labels() -> list[str]:
    """Distinct label names across tiers, first-seen order."""
    return list(dict.fromkeys(label for labels in binding_labels().values() for label in labels))
