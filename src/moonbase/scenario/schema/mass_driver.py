"""The lunar mass driver: track geometry, its coil-stage motor, power, storage and site."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import Field

from moonbase.industry.lunar_power import IlluminationSite
from moonbase.massdriver.design import MassDriverEnergyModel, NightOperation
from moonbase.massdriver.electromagnetics import WindingConductor
from moonbase.massdriver.fleet import DriverSupply, FleetPolicy
from moonbase.massdriver.power_storage import PulseStorage
from moonbase.scenario.fields import Quantity, field
from moonbase.scenario.schema.base import (
    _OWN, Acceleration, Angle, ArealDensity, Efficiency, Elevation, Emissivity, Fraction, Height, Latitude, Mass,
    KindSection, MassOrZero, PositivePower, PricePerKg, Section, Speed, Temperature,
)

_MD_NOTE = "moonbase design choice for the mass driver, argued in docs/design/mass_driver_machine.md (Defaults)"


class CoilStageDesign(Section):
    """The accelerator's linear synchronous motor: carrier magnet and pulsed stator stages."""

    air_gap_field_t: Annotated[float, Quantity("T", gt=0.0, le=20.0)] = field(
        "1 T", "air_gap_field", "Peak field of the carrier magnet at the stator windings.",
        _MD_NOTE + ": NdFeB Halbach arrays give ~1 T (remanence 1.2-1.4 T); superconducting carriers several T")
    magnet_length_m: Annotated[float, Quantity("m", gt=0.0)] = field(
        "2 m", "magnet_length", "Length of the carrier magnet along the track.", _MD_NOTE)
    magnet_width_m: Annotated[float, Quantity("m", gt=0.0)] = field(
        "0.5 m", "magnet_width", "Width of the carrier magnet (and active stator width).", _MD_NOTE)
    stage_length_m: Annotated[float, Quantity("m", gt=0.0)] = field(
        "2 m", "stage_length", "Length of one independently switched stator stage.",
        _MD_NOTE + "; Mass Driver 1 (MIT 1977): ~20 coils in ~2 m (0.1 m stages)")
    turns_per_stage: Annotated[float, Quantity("", gt=0.0)] = field(
        4.0, "turns_per_stage", "Turns of each stage winding (sets drive current against voltage).", _MD_NOTE)
    conductor: WindingConductor = Field(WindingConductor.ALUMINIUM, description="Stator winding material.",
                                        json_schema_extra={"source": _MD_NOTE + ": aluminium is what a lunar smelter makes"})
    temperature_rise_k: Annotated[float, Quantity("K", gt=0.0, le=300.0)] = field(
        "50 K", "temperature_rise", "Adiabatic temperature rise allowed in a winding per pulse.", _MD_NOTE)
    max_current_density_a_m2: Annotated[float, Quantity("A/mm2", gt=0.0)] = field(
        "200 A/mm2", "max_current_density", "Cap on the winding current density (mechanical, insulation).", _MD_NOTE)
    end_winding_factor: Annotated[float, Quantity("", ge=1.0, le=5.0)] = field(
        1.5, "end_winding_factor", "Winding length per unit of active width (end turns).", _MD_NOTE)
    converter_efficiency: Efficiency = field(
        0.95, "converter_efficiency", "Efficiency of the switches between the store and the stages.",
        _MD_NOTE + "; thyristor/IGBT converters 95-99 %")


class DriverFleet(KindSection):
    """How many drivers: the first is built for ``first_launch_year``; the next when the policy says so.

    ``queue`` reads ``trigger``, ``payback`` reads ``payback_horizon``; the other is an error
    when given and shown as ``"unused"``.
    """

    KIND_FIELD: ClassVar[str] = "policy"
    UNUSED_BY_KIND: ClassVar[dict[FleetPolicy, tuple[str, ...]]] = {
        FleetPolicy.QUEUE: ("payback_horizon_s",),
        FleetPolicy.PAYBACK: ("trigger_s",),
    }
    UNUSED_HINT: ClassVar[str] = 'policy = "queue" for trigger, "payback" for payback_horizon'

    policy: FleetPolicy = Field(
        FleetPolicy.QUEUE, description="When to start building the next driver (one is built at a time).",
        json_schema_extra={"source": "docs/design/mass_driver_fleet.md (start policies)"})
    trigger_s: Annotated[float, Quantity("yr", ge=0.0)] = field(
        "0.25 yr", "trigger", "queue: build another driver once the output has outrun the drivers' rate this long.",
        _OWN + "; a quarter year keeps a seasonal dip from ordering a driver")
    growth_share: Fraction = field(
        0.5, "growth_share",
        "Largest share of the industry's growth diverted to the lunar-made part of the driver being built "
        "(its track, power plant and storage).",
        _OWN + "; half keeps the industry compounding while a driver of ~0.3 Mt is built")
    payback_horizon_s: Annotated[float, Quantity("yr", gt=0.0)] = field(
        "1 yr", "payback_horizon",
        "payback: build another driver when it would fire its own mass in unfired payload within this time.", _OWN)


class DriverPowerSupply(KindSection):
    """Where a driver's power comes from: its own solar field and storage at its site, or the industry's
    power site (``lunar.site``) over a DC line sized for ``line_loss`` at ``line_voltage``; each driver's
    plant (and line) is built for it, part of its lunar-made mass."""

    KIND_FIELD: ClassVar[str] = "kind"
    UNUSED_BY_KIND: ClassVar[dict[DriverSupply, tuple[str, ...]]] = {
        DriverSupply.OWN_FIELD: ("line_loss", "line_voltage_v"),
        DriverSupply.LINE: (),
    }
    UNUSED_HINT: ClassVar[str] = 'kind = "line", which reads them'

    kind: DriverSupply = Field(
        DriverSupply.OWN_FIELD, description="own-field (a solar field at the driver's site) or line (from the "
        "industry's power site).", json_schema_extra={"source": "docs/design/mass_driver_fleet.md (the line)"})
    line_loss: Annotated[float, Quantity("", gt=0.0, lt=1.0)] = field(
        0.05, "line_loss", "Share of the sent power lost on the line (sizes its conductor).",
        "UHVDC practice: ~3 % per 1,000 km at +-800 kV (Xiangjiaba-Shanghai, docs/design/mass_driver_fleet.md)")
    line_voltage_v: Annotated[float, Quantity("kV", gt=0.0)] = field(
        "1600 kV", "line_voltage", "Voltage between the line's conductors (+-800 kV is 1,600 kV).",
        "the highest DC practice in service (+-800 kV UHVDC)")


class MassDriver(KindSection):
    """The electromagnetic launcher that fires satellites off the Moon.

    ``energy_model`` decides where the energy per launch comes from; the field the chosen
    model does not read (``efficiency`` under ``coil_stage``) is an error when given and
    shown as ``"unused"`` in a resolved scenario.
    """

    KIND_FIELD: ClassVar[str] = "energy_model"
    UNUSED_BY_KIND: ClassVar[dict[MassDriverEnergyModel, tuple[str, ...]]] = {
        MassDriverEnergyModel.COIL_STAGE: ("efficiency",),
        MassDriverEnergyModel.LUMPED: (),
    }
    UNUSED_HINT: ClassVar[str] = 'energy_model = "lumped", which reads it'

    first_launch_year: int = Field(2040, ge=1950, le=3000, description="Year the mass driver first fires.",
                                   json_schema_extra={"source": _OWN})
    latitude_rad: Latitude = field("0 deg", "latitude", "Selenographic latitude of the track's exit.",
                                   "Trailing apex of the Moon (Mare Smythii, ~1 N 87 E): see docs/design/patched_conic_escape.md")
    longitude_rad: Angle = field("90 deg", "longitude", "Selenographic longitude (east positive) of the exit.",
                                 "Trailing apex: the cheapest horizontal escape, 2.41 km/s (docs/design/patched_conic_escape.md)")
    height_m: Height = field("0 m", "height", "Exit height above the mean lunar radius.", _OWN)
    azimuth_rad: Angle = field("90 deg", "azimuth", "Track direction, clockwise from local north.",
                               "Due east at the trailing apex: patched-conic minimum 2.412 km/s at 1 deg elevation")
    elevation_rad: Elevation = field("1 deg", "elevation", "Track elevation above the local horizontal.",
                                     _OWN + ": clears local terrain; horizontal tracks need the least speed")
    exit_speed_m_s: Speed = field("2.6 km/s", "exit_speed", "Speed at the end of the track, relative to the surface.",
                                  "2.412 km/s patched-conic threshold + 188 m/s margin (> the 120 m/s the design note asks for)")
    max_acceleration_m_s2: Acceleration = field("1000 m/s2", "max_acceleration",
                                                "Largest acceleration on the track (payload g-limit).",
                                                "Mass Driver 1 (MIT 1977) reached 20-35 g; satellites built for 100 g0 "
                                                "carry more structure (docs/design/mass_driver_machine.md)")
    payload_mass_kg: Mass = field("1 t", "payload_mass", "Satellite mass fired per launch.",
                                  "Snow & Kolm (NASA 1992): 1-ton containers")
    carrier_mass_kg: MassOrZero = field("0.5 t", "carrier_mass", "Recirculating carrier (bucket) mass.",
                                        "O'Neill (1976): ~5 kg buckets for ~9 kg payloads")
    efficiency: Efficiency = field(0.6, "efficiency", "Electrical-to-kinetic efficiency (read only when energy_model = lumped).",
                                   "O'Neill (SSI 1976): overall efficiency estimated above 60 %")
    carrier_energy_recovery: Fraction = field(0.5, "carrier_energy_recovery",
                                              "Fraction of the carrier's kinetic energy recovered when braking.", _OWN)
    max_launch_rate_per_s: Annotated[float, Quantity("1/s", gt=0.0)] = field(
        "2 1/s", "max_launch_rate", "Largest launch rate of the installed drivers.",
        "NASA SP-413 (1977): five launches per second; " + _OWN)
    availability: Efficiency = field(0.9, "availability", "Fraction of time the driver can fire.", _OWN)
    energy_model: MassDriverEnergyModel = Field(
        MassDriverEnergyModel.COIL_STAGE, description="Energy per launch from the coil-stage design or one efficiency.",
        json_schema_extra={"source": "the stage-by-stage coil design of docs/design/mass_driver_machine.md"})
    ramp_jerk_m_s3: Annotated[float, Quantity("m/s3", gt=0.0)] = field(
        "1000 m/s3", "ramp_jerk", "Rate of rise of acceleration at the start of the track.",
        _MD_NOTE + ": 1 s to reach 100 g0")
    carrier_rating_kg: Mass = field("1.5 t", "carrier_rating", "Largest payload a carrier is built to fire.", _MD_NOTE)
    braking_deceleration_m_s2: Acceleration = field(
        "2000 m/s2", "braking_deceleration", "Deceleration of the empty carrier on the braking section.",
        _MD_NOTE + ": the empty carrier is rated above the payload's g-limit")
    return_speed_m_s: Annotated[float, Quantity("m/s", gt=0.0)] = field(
        "100 m/s", "return_speed", "Cruise speed of empty carriers on the return track.", _MD_NOTE)
    turnaround_s: Annotated[float, Quantity("s", ge=0.0)] = field(
        "60 s", "turnaround", "Loading and checkout time of a carrier at the breech.", _MD_NOTE)
    fleet: DriverFleet = Field(default_factory=DriverFleet, description="How many drivers, and when each is built.")
    supply: DriverPowerSupply = Field(default_factory=DriverPowerSupply,
                                      description="Each driver's power plant: its own field, or a line.")
    electromagnetics: CoilStageDesign = Field(default_factory=CoilStageDesign,
                                              description="Linear-motor design of the accelerator.")
    storage: PulseStorage = Field(PulseStorage.FLYWHEEL, description="Energy store between shots.",
                                  json_schema_extra={"source": "EMALS stores launch energy in flywheels (disk alternators)"})
    illumination_site: IlluminationSite = Field(
        IlluminationSite.EQUATORIAL, description="Kind of site of the driver's solar field (sets its illumination).",
        json_schema_extra={"source": "default site at 0 N (trailing apex): lit half of each 29.53-day synodic month"})
    night_operation: NightOperation = Field(
        NightOperation.IDLE, description="Idle in the dark, or fire through the night from batteries.",
        json_schema_extra={"source": _MD_NOTE + ": batteries for a 14.77-day night outweigh the driver"})
    solar_cell_efficiency: Efficiency = field(
        0.15, "solar_cell_efficiency", "Efficiency of the driver's (lunar-made) solar cells.",
        "Ignatiev & Freundlich: thin-film Si cells from regolith ~ 5-15 % (1998 NASA study); " + _MD_NOTE)
    solar_packing_factor: Efficiency = field(0.9, "solar_packing_factor",
                                             "Cell-covered fraction of the solar field.", _MD_NOTE)
    solar_areal_density_kg_m2: ArealDensity = field(
        "5 kg/m2", "solar_areal_density", "Solar field mass per area (cells, glass, frames, wiring).", _MD_NOTE)
    radiator_temperature_k: Temperature = field("350 K", "radiator_temperature",
                                                "Temperature of the radiators that reject the driver's losses.", _MD_NOTE)
    radiator_emissivity: Emissivity = field(0.9, "radiator_emissivity", "Radiator infrared emissivity.",
                                            "Starcloud white paper (2024): 0.92")
    radiator_areal_density_kg_m2: ArealDensity = field(
        "5 kg/m2", "radiator_areal_density", "Radiator mass per planform area.",
        "Spacecraft deployable radiators 3-6 kg/m2 (Gilmore, Spacecraft Thermal Control Handbook, 2002)")
    sink_temperature_k: Temperature = field("250 K", "sink_temperature",
                                            "Effective radiative sink of radiators on the lunar surface.", _MD_NOTE)
    guideway_linear_density_kg_m: Annotated[float, Quantity("kg/m", gt=0.0)] = field(
        "250 kg/m", "guideway_linear_density", "Guideway mass per metre: beams, stator back iron, supports.",
        _MD_NOTE + "; a UIC 60 rail is 60 kg/m (EN 13674-1)")
    switch_specific_mass_kg_w: Annotated[float, Quantity("kg/MW", ge=0.0)] = field(
        "0.1 kg/MW", "switch_specific_mass", "Stage switch mass per watt of pulse rating (with drives, bus bars).",
        _MD_NOTE + ": press-pack thyristors, several kV x kA per ~1-2 kg device, x5 installed")
    delivered_cost_usd_per_kg: PricePerKg = field(
        "2000 USD/kg", "delivered_cost", "Cost to make and land one kg of Earth-made driver hardware on the Moon.",
        _MD_NOTE + ": 200 USD/kg to LEO / 0.25 landed per LEO kg + 1000 USD/kg hardware")
    power_available_w: PositivePower = field(
        "50 GW", "power_available", "Largest average power the site's power system can give the driver.", _MD_NOTE)
    satellite_rated_acceleration_m_s2: Acceleration = field(
        "60 m/s2", "satellite_rated_acceleration", "Load a rocket-launched satellite's structure is built for.",
        "launch-vehicle quasi-static axial design loads ~6 g0 (e.g. SpaceX Falcon user's guide)")
    ruggedisation_exponent: Annotated[float, Quantity("", ge=0.0, le=1.0)] = field(
        0.5, "ruggedisation_exponent", "Structure mass grows as (g-load)^exponent above the rated load.",
        "Ashby, Materials Selection in Mechanical Design (2011) ch. 5: 1 ties, 1/2 columns, 1/3 panels")
