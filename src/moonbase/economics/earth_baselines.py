"""Earth baselines: what the same compute costs on the ground, as first-class scenarios.

Four baselines ship as data files in ``moonbase/economics/baselines/*.toml``:
``hyperscale-grid`` (grid power, PUE 1.10), ``grid-constrained`` (an interconnection
wait with capital committed, a scarcity premium on energy), ``onsite-gas`` (an own
combined-cycle plant: heat rate, gas price, capacity factor, carbon price) and
``renewables-storage`` (solar plus batteries). Every parameter carries value, unit,
source, date and confidence; loading a baseline registers them in
:mod:`moonbase.economics.provenance`. A user file with the same layout is a baseline
too (``load_baseline("my-site.toml")``). Choices: ``docs/design/economics_lcoc.md``.
"""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import astropy.units as u

from moonbase.constants import JOULES_PER_MMBTU
from moonbase.economics.provenance import Default, register
from moonbase.errors import ScenarioError
from moonbase.scenario.units import parse_quantity

BASELINE_PACKAGE = "moonbase.economics.baselines"

_BTU = u.def_unit(["Btu"], JOULES_PER_MMBTU / 1e6 * u.J, doc="International Table British thermal unit")
_MMBTU = u.def_unit(["MMBtu"], JOULES_PER_MMBTU * u.J, doc="one million Btu_IT")

# name -> (display unit, attribute, required, meaning). Optional ones default to zero ("not applicable").
FIELDS: dict[str, tuple[str, str, bool, str]] = {
    "electricity_price": ("USD/(kW h)", "electricity_price_usd_per_j", False, "price of grid or contracted energy"),
    "scarcity_premium": ("", "scarcity_premium", False, "extra fraction on the energy price where power is scarce"),
    "queue_delay": ("yr", "queue_delay_s", False, "wait for interconnection with the facility capital committed"),
    "plant_capex": ("USD/kW", "plant_capex_usd_per_w", False, "own power plant, per W of generating capacity"),
    "plant_life": ("yr", "plant_life_s", False, "life of the own power plant"),
    "plant_capacity_factor": ("", "plant_capacity_factor", False, "fraction of time the own plant can run at rating"),
    "heat_rate": ("Btu/(kW h)", "heat_rate", False, "fuel energy per electrical energy of the own plant"),
    "fuel_price": ("USD/MMBtu", "fuel_price_usd_per_j", False, "price of the plant's fuel"),
    "carbon_price": ("USD/t", "carbon_price_usd_per_kg", False, "price of emitted CO2"),
    "emission_factor": ("kg/MMBtu", "emission_factor_kg_per_j", False, "CO2 per fuel energy burned"),
    "pue": ("", "pue", True, "power usage effectiveness: facility power over IT power"),
    "facility_capex": ("USD/W", "facility_capex_usd_per_w", True, "building, electrical, cooling, fit-out per W of IT"),
    "facility_life": ("yr", "facility_life_s", True, "life over which the facility is recovered"),
    "fixed_om": ("%/yr", "fixed_om_per_s", True, "yearly operations and maintenance, fraction of facility and plant capex"),
    "construction": ("yr", "construction_s", True, "build time with capital spent evenly"),
    "availability": ("", "availability", True, "fraction of time the hardware can run"),
    "hardware_failure_rate": ("%/yr", "hardware_failure_rate_per_s", True, "accelerators failing per year (replaced)"),
}
_RANGES = {  # attribute -> (low, high) in SI, inclusive
    "pue": (1.0, 5.0), "availability": (0.0, 1.0), "scarcity_premium": (0.0, 100.0),
    "plant_capacity_factor": (0.0, 1.0), "heat_rate": (0.0, 10.0),
}


@dataclass(frozen=True)
class Baseline:
    """An Earth data-centre baseline in SI (USD, J, s, W, kg)."""

    name: str
    title: str
    description: str
    electricity_price_usd_per_j: float
    scarcity_premium: float
    queue_delay_s: float
    plant_capex_usd_per_w: float
    plant_life_s: float
    plant_capacity_factor: float
    heat_rate: float  # J of fuel per J of electricity [-]
    fuel_price_usd_per_j: float
    carbon_price_usd_per_kg: float
    emission_factor_kg_per_j: float
    pue: float
    facility_capex_usd_per_w: float
    facility_life_s: float
    fixed_om_per_s: float
    construction_s: float
    availability: float
    hardware_failure_rate_per_s: float
    provenance: tuple[Default, ...]

    @property
    def energy_price_usd_per_j(self) -> float:
        """Cost of one J delivered to the facility meter: grid price with premium, or fuel and carbon [USD/J]."""
        fuel = self.heat_rate * (self.fuel_price_usd_per_j + self.carbon_price_usd_per_kg * self.emission_factor_kg_per_j)
        return self.electricity_price_usd_per_j * (1.0 + self.scarcity_premium) + fuel


def baseline_names() -> list[str]:
    """Names of the shipped baselines, sorted."""
    files = resources.files(BASELINE_PACKAGE).iterdir()
    return sorted(p.name[: -len(".toml")] for p in files if p.name.endswith(".toml"))


def _read(name_or_path: str) -> tuple[str, dict[str, Any]]:
    path = Path(name_or_path)
    if path.suffix == ".toml" and path.is_file():
        return path.stem, tomllib.loads(path.read_text(encoding="utf-8"))
    names = baseline_names()
    if name_or_path not in names:
        close = difflib.get_close_matches(str(name_or_path), names, n=1)
        hint = f" Did you mean '{close[0]}'?" if close else ""
        raise ScenarioError(f"baseline = {name_or_path!r} is unknown; choose one of: {', '.join(names)} "
                            f"(or a .toml file).{hint}")
    text = resources.files(BASELINE_PACKAGE).joinpath(f"{name_or_path}.toml").read_text(encoding="utf-8")
    return name_or_path, tomllib.loads(text)


def load_baseline(name_or_path: str) -> Baseline:
    """Load a shipped baseline by name, or a baseline TOML file, checking every field.

    Raises
    ------
    ScenarioError
        Naming the field (``baseline.<name>.<field>``), the value and what is expected:
        unknown keys, missing required ones, values without unit or out of range, and
        entries without source, date or a known confidence.
    """
    stem, data = _read(name_or_path)
    name = str(data.get("name", stem))
    parameters = data.get("parameters")
    if not isinstance(parameters, dict):
        raise ScenarioError(f"baseline {name!r} has no [parameters] table; expected one entry per field.")
    unknown = sorted(set(parameters) - set(FIELDS))
    if unknown:
        close = difflib.get_close_matches(unknown[0], list(FIELDS), n=1)
        hint = f" Did you mean '{close[0]}'?" if close else ""
        raise ScenarioError(f"baseline.{name}.{unknown[0]} is not a baseline field; "
                            f"choose from: {', '.join(FIELDS)}.{hint}")
    values: dict[str, float] = {}
    provenance: list[Default] = []
    with u.add_enabled_units([_BTU, _MMBTU]):
        for key, (unit, attr, required, _doc) in FIELDS.items():
            path = f"baseline.{name}.{key}"
            entry = parameters.get(key)
            if entry is None:
                if required:
                    raise ScenarioError(f"{path} is missing; it is required ({FIELDS[key][3]}, in {unit or 'a fraction'}).")
                values[attr] = 0.0
                continue
            if not isinstance(entry, dict) or "value" not in entry:
                raise ScenarioError(f"{path} = {entry!r} must be a table {{ value, source, date, confidence }}.")
            si = parse_quantity(entry["value"], unit, path)
            low, high = _RANGES.get(attr, (0.0, float("inf")))
            if not low <= si <= high:
                raise ScenarioError(f"{path} = {entry['value']!r} is outside [{low:g}, {high:g}] {unit}.")
            values[attr] = si
            default = Default(key=path, value_si=si, text=str(entry["value"]), unit=unit,
                              source=str(entry.get("source", "")), date=str(entry.get("date", "")),
                              confidence=str(entry.get("confidence", "")))
            provenance.append(register(default))
    if values["plant_capex_usd_per_w"] > 0.0 and values["plant_capacity_factor"] <= 0.0:
        raise ScenarioError(f"baseline.{name}.plant_capacity_factor is missing or 0; an own plant needs one in (0, 1].")
    if values["plant_life_s"] <= 0.0:
        values["plant_life_s"] = values["facility_life_s"]  # unused without a plant; keeps formulas finite
    if values["plant_capacity_factor"] <= 0.0:
        values["plant_capacity_factor"] = 1.0
    return Baseline(name=name, title=str(data.get("title", name)), description=str(data.get("description", "")),
                    provenance=tuple(provenance), **values)


def load_all_baselines() -> dict[str, Baseline]:
    """Every shipped baseline by name."""
    return {name: load_baseline(name) for name in baseline_names()}


# registering the shipped baselines' parameters makes `moonbase provenance` complete
for _name in baseline_names():
    load_baseline(_name)


def baseline_energy_price_usd_per_j(name_or_path: str) -> float:
    """Cost of one J at a baseline's facility meter (grid with premium, or fuel and carbon) [USD/J].

    Examples
    --------
    >>> round(baseline_energy_price_usd_per_j("onsite-gas") * 3.6e9, 2)  # USD/MWh
    26.66
    """
    return load_baseline(name_or_path).energy_price_usd_per_j
