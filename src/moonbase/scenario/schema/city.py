"""The people on the Moon: labour, habitats, radiation shielding and life support."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from moonbase.city.habitat import HabitatShell
from moonbase.scenario.fields import Quantity, field
from moonbase.scenario.schema.base import Fraction, MoneyPerYear, Section

_CITY = "moonbase assumption for the lunar city, argued in docs/design/lunar_city.md"


class City(Section):
    """The people on the Moon: how many the industry needs, their habitats and life support."""

    enabled: bool = Field(True, description="Crew the lunar industry (otherwise it is fully robotic).",
                          json_schema_extra={"source": "scenario switch; off, the industry is fully robotic"})
    first_crew_year: int = Field(2034, ge=1950, le=3000, description="Year the first residents arrive.",
                                 json_schema_extra={"source": _CITY + ": two years after the seed lands"})
    labour_per_output_s_kg: Annotated[float, Quantity("h/t", ge=0.0)] = field(
        "20 h/t", "labour_per_output", "Hands-on work per tonne of output if nothing were automated.",
        _CITY + ": car assembly ~20-30 h per ~1.5 t vehicle, primary steel ~1-2 h/t")
    upkeep_labour_per_kg: Annotated[float, Quantity("h/(t yr)", ge=0.0)] = field(
        "2 h/(t yr)", "upkeep_labour", "Inspection and repair work per tonne of installed industry per year.", _CITY)
    automation: Fraction = field(0.95, "automation", "Fraction of the work done by autonomous machines.",
                                 _CITY + "; Metzger et al. (2013) assume mostly robotic, Earth-supervised industry")
    teleoperation_share: Fraction = field(
        0.8, "teleoperation_share", "Fraction of the remaining work done by operators on Earth.",
        _CITY + "; limited to tasks slower than the 2.56 s light round trip")
    teleoperation_move_s: Annotated[float, Quantity("s", gt=0.0)] = field(
        "5 s", "teleoperation_move", "Open-loop move an Earth operator commits before waiting to see it.",
        "Ferrell (1965) move-and-wait; " + _CITY)
    relay_latency_s: Annotated[float, Quantity("s", ge=0.0)] = field(
        "0.5 s", "relay_latency", "Delay added to the light round trip by networks, relays and video coding.", _CITY)
    teleoperator_cost_usd_per_s: MoneyPerYear = field(
        "100000 USD/yr", "teleoperator_cost",
        "Yearly cost of one operator on Earth (pay, employer overheads, console and link), added to lunar operations.",
        _CITY + "; BLS Occupational Outlook Handbook: aerospace engineering and operations technicians' median "
        "wage 61,530 USD/yr (May 2012)")
    work_time_per_year_s: Annotated[float, Quantity("h", gt=0.0, le=8766.0)] = field(
        "2000 h", "work_time_per_year", "Working hours of one resident worker per year.", "40 h x 50 weeks")
    support_ratio: Annotated[float, Quantity("", ge=0.0, le=100.0)] = field(
        1.0, "support_ratio", "Residents who support the workers (medicine, food, city upkeep) per worker.", _CITY)
    population_ceiling: Annotated[float, Quantity("", ge=0.0)] = field(
        1e6, "population_ceiling", "Largest number of residents the scenario allows.", _CITY)
    minimum_population: Annotated[float, Quantity("", ge=0.0)] = field(
        4.0, "minimum_population", "Smallest crew once the city is crewed (below the ceiling).",
        "NASA Artemis Base Camp concept: surface crews of 4")
    habitat_shell: HabitatShell = Field(
        HabitatShell.RIGID, description="Pressure shell: rigid (lunar-made later) or inflatable (Earth-made).",
        json_schema_extra={"source": "ISS Destiny (rigid, 139 kg/m3); NASA BEAM (inflatable, 88 kg/m3)"})
    volume_per_person_m3: Annotated[float, Quantity("m3", gt=0.0)] = field(
        "55 m3", "volume_per_person", "Pressurised volume per resident.",
        "NASA ISS Reference Guide (2010): 388 m3 habitable for a crew of 7")
    outfitting_mass_per_person_kg: Annotated[float, Quantity("t", ge=0.0)] = field(
        "5 t", "outfitting_mass_per_person", "Interior, furniture and life-support machinery per resident.", _CITY)
    dome_radius_m: Annotated[float, Quantity("m", gt=0.0)] = field(
        "10 m", "dome_radius", "Inner radius of the hemispherical habitat domes under the regolith cover.", _CITY)
    dose_limit_sv_s: Annotated[float, Quantity("mSv/yr", gt=0.0)] = field(
        "20 mSv/yr", "dose_limit", "Dose equivalent allowed inside the habitats.",
        "ICRP Publication 103 (2007): 20 mSv/yr occupational (5-yr average); Globus & Strout (2017) for settlers")
    surface_dose_rate_sv_s: Annotated[float, Quantity("mSv/yr", ge=0.0)] = field(
        "500 mSv/yr", "surface_dose_rate", "Dose-equivalent rate on the open lunar surface.",
        "Zhang et al., Sci. Adv. 6:eaaz1334 (2020), Chang'E-4 LND: 1,369 uSv/day")
    shield_attenuation_kg_m2: Annotated[float, Quantity("t/m2", gt=0.0)] = field(
        "2.5 t/m2", "shield_attenuation", "Regolith areal density that cuts the dose by a factor e.",
        "Globus & Strout (2017): ~10 t/m2 regolith for 20 mSv/yr; Dobynde & Guo (2024): GCR negligible at ~3 m; "
        + _CITY)
    shield_bulk_density_kg_m3: Annotated[float, Quantity("t/m3", gt=0.5, le=5.0)] = field(
        "1.5 t/m3", "shield_bulk_density", "Bulk density of regolith piled over the habitats.",
        "Carrier et al. (1991), Lunar Sourcebook ch. 9: ~1.5 g/cm3 near the surface (loose)")
    oxygen_per_person_kg_s: Annotated[float, Quantity("kg/d", ge=0.0)] = field(
        "0.84 kg/d", "oxygen_per_person", "Metabolic oxygen per resident.", "Wieland, NASA RP-1324 (1994)")
    water_per_person_kg_s: Annotated[float, Quantity("kg/d", ge=0.0)] = field(
        "27.4 kg/d", "water_per_person", "Drinking, food-preparation and hygiene water per resident.",
        "Wieland, NASA RP-1324 (1994): drink 1.62 + food preparation 0.76 + hygiene 25.08 kg/d")
    food_per_person_kg_s: Annotated[float, Quantity("kg/d", ge=0.0)] = field(
        "1.77 kg/d", "food_per_person", "Food as delivered (solids and the water in them) per resident.",
        "Wieland, NASA RP-1324 (1994): 0.62 kg solids + 1.15 kg water in food")
    oxygen_recovery: Fraction = field(0.5, "oxygen_recovery", "Fraction of oxygen recovered from exhaled CO2.",
                                      "ISS ECLSS Sabatier: ~50 %; NASA's exploration goal is 75 %")
    water_recovery: Fraction = field(0.98, "water_recovery", "Fraction of used water the loop recovers.",
                                     "NASA (20 June 2023): ISS ECLSS reached 98 % with the Brine Processor Assembly")
    max_food_grown_fraction: Fraction = field(
        0.9, "max_food_grown_fraction", "Fraction of food the city grows once its industry makes all its hardware.",
        _CITY)
    greenhouse_area_per_person_m2: Annotated[float, Quantity("m2", gt=0.0)] = field(
        "50 m2", "greenhouse_area_per_person", "Crop area that feeds one resident fully.",
        "Wheeler (2014), NTRS 20140017323: about 50 m2 for dietary calories")
    oxygen_crop_area_per_person_m2: Annotated[float, Quantity("m2", gt=0.0)] = field(
        "22.5 m2", "oxygen_crop_area_per_person", "Crop area that makes one resident's oxygen.",
        "Wheeler (2014), NTRS 20140017323: about 20-25 m2")
    greenhouse_power_per_area_w_m2: Annotated[float, Quantity("W/m2", ge=0.0)] = field(
        "300 W/m2", "greenhouse_power_per_area", "Electric power per m2 of lit crops (lamps and climate).",
        _CITY + ": 500 umol/m2/s from LEDs at 2.5 umol/J is 200 W/m2, +50 % for climate control")
    power_per_person_w: Annotated[float, Quantity("kW", ge=0.0)] = field(
        "5 kW", "power_per_person", "Electric power per resident for life support, habitat and living.",
        _CITY + "; the ISS gives 84-120 kW for 7 crew, research included")
    water_ice: bool = Field(True, description="The site can mine polar ice for water.",
                            json_schema_extra={"source": "LCROSS (Colaprete et al. 2010): 5.6 wt% water at Cabeus"})
    metal_share: Fraction = field(0.3, "metal_share",
                                  "Fraction of the local output that is reduced metal or silicon (releases oxygen).",
                                  _CITY)
    spares_per_s: Annotated[float, Quantity("%/yr", ge=0.0, le=100.0)] = field(
        "5 %/yr", "spares", "Spare parts per year, as a fraction of the Earth-made habitat hardware.", _CITY)
    max_resupply_kg_s: Annotated[float, Quantity("t/yr", ge=0.0)] = field(
        "20000 t/yr", "max_resupply", "Largest Earth resupply landed for the city per year (its launch allocation).",
        _CITY)
    resupply_threshold_kg_s: Annotated[float, Quantity("kg/yr", gt=0.0)] = field(
        "100 kg/yr", "resupply_threshold", "Earth resupply per resident below which the city counts as self-supplied.",
        _CITY)
