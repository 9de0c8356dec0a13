"""A satellite designed from components: a design preset and the fields it overrides."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, model_validator

from moonbase.scenario.fields import Quantity, field
from moonbase.scenario.presets import design_with_preset
from moonbase.scenario.schema.base import (
    _NoFraction, _PositiveFraction, AnnualDecline, ArealDensity, Duration, Efficiency, Emissivity, OpenFraction,
    Section, SpecificMass, Temperature,
)

_DESIGN = "design preset (src/moonbase/spacecraft/presets/<preset>.toml; argued in docs/design/satellite_design.md)"


def _design_field(key: str, doc: str) -> object:
    """A satellite-design field whose value comes from the named design preset unless given."""
    return field(..., key, doc, _DESIGN)


class SatelliteDesign(Section):
    """A satellite designed from components (``moonbase.spacecraft.design``).

    ``preset`` names a design preset (``moonbase satellite --help`` lists them); every
    field not written takes the preset's value, so a tier can say
    ``preset = "sso-datacenter"`` and override a few fields.
    """

    preset: str = Field("sso-datacenter", alias="preset", description="Design preset the unwritten fields come from.",
                        json_schema_extra={"source": "design presets shipped in src/moonbase/spacecraft/presets (moonbase satellite --help)"})
    # compute payload
    accelerators: int = Field(..., ge=0, le=10_000_000, alias="accelerators",
                              description="Powered accelerators (or payload units) per satellite.",
                              json_schema_extra={"source": _DESIGN})
    accelerator_power_w: Annotated[float, Quantity("kW", gt=0.0)] = _design_field(
        "accelerator_power", "Electrical power per accelerator, its share of host, memory and network included.")
    accelerator_flop_s: Annotated[float, Quantity("FLOP/s", ge=0.0)] = _design_field(
        "accelerator_flops", "Dense BF16 throughput per accelerator.")
    accelerator_memory_bit: Annotated[float, Quantity("GB", ge=0.0)] = _design_field(
        "accelerator_memory", "High-bandwidth memory per accelerator.")
    compute_specific_mass_kg_w: SpecificMass = _design_field(
        "compute_specific_mass", "Compute payload mass per kW (accelerators, boards, memory, cold plates).")
    spare_fraction: _NoFraction = _design_field("spare_fraction", "Cold-spare accelerators carried, per powered one.")
    tid_tolerance_gy: Annotated[float, Quantity("Gy", gt=0.0)] = _design_field(
        "tid_tolerance", "Total ionising dose the electronics tolerate (1 krad = 10 Gy).")
    shield_areal_density_kg_m2: ArealDensity = _design_field(
        "shield_areal_density", "Shielding around the payload, aluminium-equivalent (10 mm Al = 27 kg/m2).")
    payload_density_kg_m3: Annotated[float, Quantity("kg/m3", gt=0.0)] = _design_field(
        "payload_density", "Packed density of the compute payload (sets the shielded enclosure's area).")
    # solar array
    cell_efficiency: Efficiency = _design_field(
        "cell_efficiency", "Solar cell efficiency at the reference temperature, beginning of life.")
    cell_junctions: int = Field(..., ge=1, le=6, alias="cell_junctions", description="Junctions of the cells.",
                                json_schema_extra={"source": _DESIGN})
    cell_temperature_coefficient_per_k: Annotated[float, Quantity("%/K", ge=-2.0, le=2.0)] = _design_field(
        "cell_temperature_coefficient", "Relative change of cell efficiency per kelvin above the reference.")
    cell_reference_temperature_k: Temperature = _design_field(
        "cell_reference_temperature", "Temperature at which cell_efficiency is rated (AM0, 28 C = 301.15 K).")
    packing_factor: Efficiency = _design_field("packing_factor", "Fraction of array area covered by active cells.")
    array_areal_density_kg_m2: ArealDensity = _design_field(
        "array_areal_density", "Solar array mass per area (cells, substrate, deployment).")
    array_absorptivity: _PositiveFraction = _design_field("array_absorptivity", "Solar absorptivity of the array front.")
    array_emissivity: _PositiveFraction = _design_field("array_emissivity", "Infrared emissivity of each array face.")
    array_degradation_per_s: AnnualDecline = _design_field(
        "array_degradation", "Array power lost per year in its environment (compound).")
    # radiator
    radiator_temperature_k: Temperature = _design_field("radiator_temperature", "Radiator surface temperature.")
    radiator_max_temperature_k: Temperature = _design_field(
        "radiator_max_temperature", "Hottest radiator surface the electronics allow.")
    radiator_emissivity: Emissivity = _design_field("radiator_emissivity", "Radiator infrared emissivity.")
    radiator_absorptivity: _PositiveFraction = _design_field("radiator_absorptivity", "Radiator solar absorptivity.")
    radiator_sides: int = Field(..., ge=1, le=2, alias="radiator_sides", description="Radiating faces (1 or 2).",
                                json_schema_extra={"source": _DESIGN})
    radiator_areal_density_kg_m2: ArealDensity = _design_field(
        "radiator_areal_density", "Radiator mass per planform area (panels, heat pipes, loop).")
    sink_temperature_k: Temperature = _design_field(
        "sink_temperature", "Sky temperature the radiator sees besides the planet (3 K: deep space).")
    radiator_earth_view_scale: _NoFraction = _design_field(
        "radiator_earth_view_scale", "Radiator's view of the planet as a fraction of an edge-on panel's.")
    radiator_sun_view_factor: _NoFraction = _design_field(
        "radiator_sun_view_factor", "Cosine-weighted exposure of one radiator face to the Sun.")
    # bus
    bus_power_fraction: OpenFraction = _design_field(
        "bus_power_fraction", "Fraction of the load used by the bus (conversion, avionics, attitude, pumps).")
    structure_mass_fraction: OpenFraction = _design_field(
        "structure_mass_fraction", "Structure mass as a fraction of the dry mass.")
    other_mass_fraction: OpenFraction = _design_field(
        "other_mass_fraction", "Avionics, harness and power electronics as a fraction of the dry mass.")
    acs_mass_fraction: OpenFraction = _design_field(
        "acs_mass_fraction", "Attitude control (wheels, sensors) as a fraction of the dry mass.")
    propulsion_dry_mass_fraction: OpenFraction = _design_field(
        "propulsion_dry_mass_fraction", "Thrusters, tanks and feed as a fraction of the dry mass.")
    station_keeping_delta_v_m_s_per_s: Annotated[float, Quantity("m/(s yr)", ge=0.0)] = _design_field(
        "station_keeping_delta_v", "Velocity change per year for drag make-up, formation and disposal.")
    specific_impulse_s: Annotated[float, Quantity("s", gt=0.0)] = _design_field(
        "specific_impulse", "Specific impulse of the station-keeping thrusters.")
    battery_specific_energy_j_kg: Annotated[float, Quantity("W h/kg", gt=0.0)] = _design_field(
        "battery_specific_energy", "Battery energy per kg at the cell-pack level.")
    battery_depth_of_discharge: _PositiveFraction = _design_field(
        "battery_depth_of_discharge", "Fraction of battery capacity used in the longest eclipse.")
    battery_round_trip_efficiency: _PositiveFraction = _design_field(
        "battery_round_trip_efficiency", "Energy out of the battery per energy in.")
    eclipse_compute_fraction: _NoFraction = _design_field(
        "eclipse_compute_fraction", "Fraction of the compute kept running through eclipses (on batteries).")
    optical_terminals: int = Field(..., ge=0, le=64, alias="optical_terminals",
                                   description="Laser terminals (inter-satellite and ground links).",
                                   json_schema_extra={"source": _DESIGN})
    terminal_mass_kg: Annotated[float, Quantity("kg", ge=0.0)] = _design_field("terminal_mass", "Mass per terminal.")
    terminal_power_w: Annotated[float, Quantity("W", ge=0.0)] = _design_field(
        "terminal_power", "Electrical power per terminal.")
    terminal_transmit_power_w: Annotated[float, Quantity("W", ge=0.0)] = _design_field(
        "terminal_transmit_power", "Optical power each terminal transmits.")
    terminal_aperture_m: Annotated[float, Quantity("m", gt=0.0)] = _design_field(
        "terminal_aperture", "Telescope aperture diameter of each terminal.")
    terminal_max_rate_bit_s: Annotated[float, Quantity("Gbit/s", gt=0.0)] = _design_field(
        "terminal_max_rate", "Highest data rate a terminal modulates.")
    design_life_s: Duration = _design_field("design_life", "Design life of the satellite.")

    @model_validator(mode="before")
    @classmethod
    def _from_preset(cls, data: object) -> object:
        if not isinstance(data, dict):
            return data
        return design_with_preset(data, cls.model_fields["preset"].default)

    @model_validator(mode="after")
    def _fractions(self) -> SatelliteDesign:
        pair = self.structure_mass_fraction + self.other_mass_fraction
        if pair >= 1.0:
            raise ValueError(f"structure_mass_fraction + other_mass_fraction = {pair:.3g} must be below 1")
        total = pair + self.acs_mass_fraction + self.propulsion_dry_mass_fraction
        if total >= 1.0:
            raise ValueError(
                f"structure_mass_fraction + other_mass_fraction + acs_mass_fraction + propulsion_dry_mass_fraction = "
                f"{total:.3g} must be below 1")
        return self
