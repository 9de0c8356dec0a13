"""Design presets and design files -> validated SI inputs of :func:`~moonbase.spacecraft.design.satellite_design`.

A design file has the layout of the shipped presets (``moonbase/spacecraft/presets``):
``[design]`` (the scenario's ``SatelliteDesign`` keys, with units; ``preset = "..."``
starts from a preset), ``[orbit]`` (``kind`` plus ``altitude``, ``inclination``,
``ltan``, ``latitude`` or ``distance``), ``[economics]``, optional ``[sizing]``
(``array_area``, ``radiator_area``) and ``[reference]``. Every value is parsed and
range-checked here, at the boundary; errors name the table and key.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import Path
from typing import Any

from moonbase.constants import SECONDS_PER_YEAR
from moonbase.errors import ScenarioError
from moonbase.physics.photovoltaics import continuous_rate_per_s
from moonbase.scenario.loader import scenario_from_dict
from moonbase.scenario.schema import SatelliteDesign
from moonbase.scenario.units import parse_quantity, si_to_display
from moonbase.spacecraft.design import DesignInputs, SatelliteBudget, satellite_design
from moonbase.spacecraft.design_presets import design_preset_data
from moonbase.spacecraft.environment import OrbitKind, orbit_environment

# [orbit] keys -> (orbit_environment keyword, display unit, low, high)
ORBIT_KEYS = {
    "altitude": ("altitude_m", "km", 160.0, 50_000.0),
    "inclination": ("inclination_rad", "deg", 0.0, 180.0),
    "ltan": ("ltan_s", "h", 0.0, 24.0),
    "latitude": ("latitude_rad", "deg", -90.0, 90.0),
    "distance": ("heliocentric_distance_m", "AU", 0.05, 50.0),
}
# [economics] keys -> (name, display unit, low, high)
ECONOMICS_KEYS = {
    "launch_price": ("launch_price_usd_per_kg", "USD/kg", 0.0, 1e6),
    "accelerator_cost": ("accelerator_cost_usd_per_w", "USD/W", 0.0, 1e4),
    "bus_cost": ("bus_cost_usd_per_kg", "USD/kg", 0.0, 1e7),
    "integration_fraction": ("integration_fraction", "", 0.0, 10.0),
    "electricity_price": ("electricity_price_usd_per_j", "USD/(kW h)", 0.0, 10.0),
    "pue": ("pue", "", 1.0, 5.0),
    "ground_facility_cost": ("ground_facility_cost_usd_per_w", "USD/W", 0.0, 1e3),
}
SIZING_KEYS = {"array_area": ("array_area_m2", "m2"), "radiator_area": ("radiator_area_m2", "m2")}


@dataclass(frozen=True)
class DesignFile:
    """A resolved design file: validated design, orbit, economics, sizing and reference figures (SI)."""

    name: str
    description: str
    design: SatelliteDesign
    inputs: DesignInputs
    orbit_kind: OrbitKind
    orbit: dict[str, float] = dataclass_field(default_factory=dict)
    economics: dict[str, float] = dataclass_field(default_factory=dict)
    sizing: dict[str, float] = dataclass_field(default_factory=dict)
    reference: dict[str, Any] = dataclass_field(default_factory=dict)


def design_inputs_from_model(design: SatelliteDesign) -> DesignInputs:
    """SI inputs from a validated ``SatelliteDesign`` (compound %/yr losses made continuous)."""
    values = {name: float(getattr(design, name)) for name in type(design).model_fields if name != "preset"}
    values["array_degradation_per_s"] = float(continuous_rate_per_s(values["array_degradation_per_s"] * SECONDS_PER_YEAR))
    return DesignInputs.from_mapping(values)


def _quantity(table: str, key: str, value: Any, unit: str, low: float, high: float) -> float:
    path = f"{table}.{key}"
    si = parse_quantity(value, unit, path)

    shown = si_to_display(si, unit)
    if not (low <= shown <= high):
        raise ScenarioError(f"{path} = {value!r} is outside the valid range [{low:g}, {high:g}] {unit}".rstrip()
                            + ".")
    return si


def _table(data: dict[str, Any], name: str) -> dict[str, Any]:
    table = data.get(name, {})
    if not isinstance(table, dict):
        raise ScenarioError(f"{name} = {table!r} should be a table ([{name}]) of fields.")
    return table


def _unknown(table: str, got: dict[str, Any], known: list[str]) -> None:
    import difflib

    for key in got:
        if key not in known:
            close = difflib.get_close_matches(key, known, n=1)
            hint = f" Did you mean '{close[0]}'?" if close else ""
            raise ScenarioError(f"{table}.{key} is an unknown key; expected one of: {', '.join(known)}.{hint}")


def resolve_design_data(data: dict[str, Any], name: str = "design") -> DesignFile:
    """Validate the tables of a design file (or preset) into SI."""
    _unknown("design file", data, ["description", "design", "orbit", "economics", "sizing", "reference"])
    design_table = _table(data, "design")
    orbit_table = dict(_table(data, "orbit"))
    kind_text = orbit_table.pop("kind", "sso-dawn-dusk")
    try:
        kind = OrbitKind(kind_text)
    except ValueError:
        raise ScenarioError(f"orbit.kind = {kind_text!r} is unknown; choose one of: "
                            f"{', '.join(k.value for k in OrbitKind)}.") from None
    # the scenario layer validates the design table (units, ranges, preset merging, one-line errors)
    tier = "deep_space" if kind is OrbitKind.HELIOCENTRIC else "earth_orbit"
    try:
        scenario = scenario_from_dict({"name": name, tier: {"design": design_table}}, f"design {name!r}")
    except ScenarioError as exc:
        raise ScenarioError(str(exc).replace(f"{tier}.design", "design", 1)) from None
    design = getattr(scenario, tier).design
    _unknown("orbit", orbit_table, list(ORBIT_KEYS))
    orbit = {ORBIT_KEYS[k][0]: _quantity("orbit", k, v, *ORBIT_KEYS[k][1:]) for k, v in orbit_table.items()}
    economics_table = _table(data, "economics")
    _unknown("economics", economics_table, list(ECONOMICS_KEYS))
    economics = {ECONOMICS_KEYS[k][0]: _quantity("economics", k, v, *ECONOMICS_KEYS[k][1:])
                 for k, v in economics_table.items()}
    sizing_table = _table(data, "sizing")
    _unknown("sizing", sizing_table, list(SIZING_KEYS))
    sizing = {}
    for key, value in sizing_table.items():
        attr, unit = SIZING_KEYS[key]
        si = parse_quantity(value, unit, f"sizing.{key}")
        if not si > 0.0:
            raise ScenarioError(f"sizing.{key} = {value!r} is outside the valid range > 0 {unit}; "
                                "an area of zero cannot collect or reject any power (omit it to size automatically).")
        sizing[attr] = si
    reference = dict(_table(data, "reference"))
    return DesignFile(name=name, description=str(data.get("description", "")), design=design,
                      inputs=design_inputs_from_model(design), orbit_kind=kind, orbit=orbit,
                      economics=economics, sizing=sizing, reference=reference)


def load_design_preset(name: str) -> DesignFile:
    """A shipped design preset, validated."""
    return resolve_design_data(design_preset_data(name), name)


def load_design_file(path: str | Path) -> DesignFile:
    """A design TOML file, validated (it may start from a preset with ``[design] preset = ...``)."""
    path = Path(path)
    if not path.is_file():
        raise ScenarioError(f"--design = '{path}' is not an existing file; expected a design TOML file.")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ScenarioError(f"--design = '{path}' cannot be read as TOML ({exc}).") from None
    base = data.get("design", {}).get("preset") if isinstance(data.get("design"), dict) else None
    if base:  # orbit, economics, sizing and reference also start from the preset
        preset = design_preset_data(base)
        for table in ("orbit", "economics", "reference"):
            if table in preset and table not in data:
                data[table] = preset[table]
        if "description" not in data:
            data["description"] = preset.get("description", "")
    return resolve_design_data(data, path.stem)


def preset_design_inputs(name: str) -> DesignInputs:
    """SI design inputs of a shipped preset (shortcut for examples and tests)."""
    return load_design_preset(name).inputs


def preset_design_budget(name: str) -> SatelliteBudget:
    """Budget of a shipped design preset in its own orbit and with its own fixed sizing.

    The same assembly as ``moonbase satellite PRESET`` (orbit environment with the
    preset's shielding, array or radiator area when the preset fixes one); the
    validation cases hold the published craft among the presets to their published
    mass and power through it.
    """
    resolved = load_design_preset(name)
    env = orbit_environment(resolved.orbit_kind, **resolved.orbit, shield_kg_m2=resolved.inputs.shield_areal_density_kg_m2)
    return satellite_design(resolved.inputs, env, **resolved.sizing)
