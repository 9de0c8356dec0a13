"""Each model choice of the scenario is the model package's own enum, and matches its registry.

A choice is defined once, next to the registry of the models it selects; the schema
field is annotated with that very enum object, so a new registry entry cannot be
missing from the schema (or the other way round) without these tests failing.
"""

from __future__ import annotations

from enum import Enum

import pytest

from moonbase.city.habitat import HABITAT_SHELLS, HabitatShell
from moonbase.industry.extraction import PROCESSES, ExtractionProcessName
from moonbase.industry.lunar_power import (
    CITY_SITE_ILLUMINATION,
    ILLUMINATION_FRACTION_BY_SITE,
    IlluminationSite,
    LunarSite,
)
from moonbase.industry.regolith import OXIDE_WEIGHT_PERCENT, RegolithType
from moonbase.massdriver.design import NIGHT_OPERATIONS, MassDriverEnergyModel, NightOperation
from moonbase.massdriver.electromagnetics import CONDUCTORS, WindingConductor
from moonbase.massdriver.power_storage import STORAGE_TECHNOLOGIES, PulseStorage
from moonbase.orbits.escape_criterion import EscapeModel
from moonbase.scenario import schema
from moonbase.scenario.schema import City, CoilStageDesign, LunarIndustry, MassDriver, Trajectory

FIELD_ENUMS = [
    (City, "habitat_shell", HabitatShell),
    (LunarIndustry, "site", LunarSite),
    (LunarIndustry, "regolith", RegolithType),
    (LunarIndustry, "extraction_process", ExtractionProcessName),
    (MassDriver, "energy_model", MassDriverEnergyModel),
    (MassDriver, "storage", PulseStorage),
    (MassDriver, "illumination_site", IlluminationSite),
    (MassDriver, "night_operation", NightOperation),
    (CoilStageDesign, "conductor", WindingConductor),
    (Trajectory, "escape_model", EscapeModel),
]


@pytest.mark.parametrize(("section", "name", "enum"), FIELD_ENUMS, ids=lambda x: getattr(x, "__name__", x))
def test_schema_field_is_annotated_with_the_model_enum(section, name, enum):
    assert section.model_fields[name].annotation is enum


@pytest.mark.parametrize(("enum", "registry"), [
    (HabitatShell, HABITAT_SHELLS),
    (LunarSite, CITY_SITE_ILLUMINATION),
    (RegolithType, OXIDE_WEIGHT_PERCENT),
    (ExtractionProcessName, {name: spec for name, spec in PROCESSES.items() if not spec.glass}),
    (IlluminationSite, ILLUMINATION_FRACTION_BY_SITE),
    (WindingConductor, CONDUCTORS),
    (PulseStorage, {name: spec for name, spec in STORAGE_TECHNOLOGIES.items() if name != "battery"}),
], ids=lambda x: getattr(x, "__name__", "registry"))
def test_enum_values_are_the_registry_keys(enum, registry):
    assert sorted(member.value for member in enum) == sorted(str(key) for key in registry)


def test_the_glass_process_is_not_a_main_process():
    """Melt-casting frees no metal or oxygen: it cannot be the city's main regolith process."""
    assert PROCESSES["melt-cast-glass"].glass
    assert "melt-cast-glass" not in {member.value for member in ExtractionProcessName}


def test_the_battery_stores_the_night_not_the_pulse():
    assert "battery" in STORAGE_TECHNOLOGIES
    assert "battery" not in {member.value for member in PulseStorage}


def test_night_operations_are_the_enum_values():
    assert NIGHT_OPERATIONS == ("idle", "stored")
    assert set(NIGHT_OPERATIONS) == {member.value for member in NightOperation}


def test_schema_defines_no_enum_of_its_own():
    """Every StrEnum reachable from the schema package is one of the model packages'."""
    own = [name for name, value in vars(schema).items()
           if isinstance(value, type) and issubclass(value, Enum) and value.__module__.startswith("moonbase.scenario")]
    assert own == []
