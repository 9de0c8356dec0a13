"""Physical, astronomical and calendar constants, in SI, each with its source.

One value per constant: model code and docs import from here, never repeat a literal.
Names carry their unit. When a helper needs a new constant, add it here with its
source and edition.
"""

from __future__ import annotations

import math

# --- Fundamental (CODATA 2018, exact or recommended; NIST SP 961, 2019) ----------------
STEFAN_BOLTZMANN_W_M2_K4 = 5.670374419e-8  # CODATA 2018, exact (derived from h, k, c)
SPEED_OF_LIGHT_M_S = 299_792_458.0  # SI definition, exact
G_M3_KG_S2 = 6.67430e-11  # CODATA 2018 recommended value
STANDARD_GRAVITY_M_S2 = 9.80665  # CGPM 1901, exact by definition
BOLTZMANN_J_K = 1.380649e-23  # SI definition (2019), exact
PLANCK_J_S = 6.62607015e-34  # SI definition (2019), exact

# --- Calendar ---------------------------------------------------------------------------
SECONDS_PER_DAY = 86_400.0  # SI day
DAYS_PER_JULIAN_YEAR = 365.25  # IAU Julian year
SECONDS_PER_YEAR = DAYS_PER_JULIAN_YEAR * SECONDS_PER_DAY  # 31,557,600 s
MONTHS_PER_YEAR = 12
SYNODIC_MONTH_S = 29.530589 * SECONDS_PER_DAY  # NASA Moon Fact Sheet (Williams, 2024)
SIDEREAL_MONTH_S = 27.321661 * SECONDS_PER_DAY  # NASA Moon Fact Sheet (Williams, 2024)

# --- Sun (IAU 2015 Resolution B3, nominal values) ---------------------------------------
SOLAR_LUMINOSITY_W = 3.828e26  # IAU 2015 B3 nominal solar luminosity
SOLAR_CONSTANT_W_M2 = 1361.0  # IAU 2015 B3 nominal total solar irradiance at 1 au
GM_SUN_M3_S2 = 1.3271244e20  # IAU 2015 B3 nominal solar mass parameter
AU_M = 149_597_870_700.0  # IAU 2012 Resolution B2, exact

# --- Earth (IAU 2015 B3 nominal; WGS-84) ------------------------------------------------
GM_EARTH_M3_S2 = 3.986004e14  # IAU 2015 B3 nominal terrestrial mass parameter
EARTH_EQUATORIAL_RADIUS_M = 6_378_100.0  # IAU 2015 B3 nominal equatorial radius
EARTH_J2 = 1.08262668e-3  # EGM2008 zero-tide C20 -> J2 (Pavlis et al. 2012)
EARTH_ATMOSPHERE_INTERFACE_M = 100_000.0  # Karman line: impact altitude for fates

# --- Moon (NASA Moon Fact Sheet, D. R. Williams, NSSDCA, 2024) --------------------------
GM_MOON_M3_S2 = 4.9028e12  # 4,902.8 km^3/s^2
MOON_MASS_KG = 7.346e22  # 0.07346 x 10^24 kg (fact sheet "mass")
MOON_MEAN_RADIUS_M = 1_737_400.0  # 1,737.4 km
MOON_SEMI_MAJOR_AXIS_M = 384_400_000.0  # 384,400 km
MOON_MEAN_ORBITAL_SPEED_M_S = 1_022.0  # 1.022 km/s (fact sheet "mean orbital velocity")
MOON_ESCAPE_SPEED_M_S = 2_380.0  # 2.38 km/s, fact sheet (used in validation only)
MOON_SIDEREAL_ROTATION_RATE_RAD_S = 2.0 * math.pi / SIDEREAL_MONTH_S  # synchronous

# --- Civilisation -----------------------------------------------------------------------
# Energy Institute, Statistical Review of World Energy 2024: 620 EJ primary energy in 2023.
WORLD_PRIMARY_ENERGY_2023_J_PER_YEAR = 620e18
WORLD_PRIMARY_POWER_2023_W = WORLD_PRIMARY_ENERGY_2023_J_PER_YEAR / SECONDS_PER_YEAR

# --- Money ------------------------------------------------------------------------------
# All money is USD (2025 price year) unless a name says otherwise.

# --- Unit conversions for report labels (added by the report layer) ------------------
KG_PER_TONNE = 1_000.0  # SI Brochure, 9th ed. (BIPM 2019), Table 8: 1 t = 10^3 kg

# --- Conductors for pulsed linear-motor windings (added by the mass-driver models) ----
# CRC Handbook of Chemistry and Physics, 97th ed. (2016), "Electrical resistivity of pure
# metals" (293 K), "Density of ... elements" and "Heat capacity of the elements at 25 C".
ALUMINIUM_RESISTIVITY_OHM_M = 2.65e-8  # CRC 97th ed., pure Al at 293 K
ALUMINIUM_DENSITY_KG_M3 = 2_700.0  # CRC 97th ed., at 20 C
ALUMINIUM_SPECIFIC_HEAT_J_KG_K = 897.0  # CRC 97th ed., cp at 25 C
COPPER_RESISTIVITY_OHM_M = 1.678e-8  # CRC 97th ed., pure Cu at 293 K
COPPER_DENSITY_KG_M3 = 8_960.0  # CRC 97th ed., at 20 C
COPPER_SPECIFIC_HEAT_J_KG_K = 385.0  # CRC 97th ed., cp at 25 C

# --- Conductors of power lines (wire grades, not pure metals) ------------------------
# Resistivity at 20 C and its temperature coefficient as the conductor standards fix them.
CONDUCTOR_REFERENCE_TEMPERATURE_K = 293.15  # 20 C, the reference of IEC 60028 and IEC 60889
# IEC 60889:1987, hard-drawn aluminium wire for overhead line conductors (grade 1350, 61 % IACS):
# 0.028264 ohm mm2/m at 20 C, constant-mass temperature coefficient 0.00403 /K
ALUMINIUM_WIRE_RESISTIVITY_OHM_M = 2.8264e-8
ALUMINIUM_WIRE_TEMPERATURE_COEFFICIENT_PER_K = 4.03e-3
# IEC 60028:1925, International Annealed Copper Standard (100 % IACS): 1/58 ohm mm2/m at 20 C, 0.00393 /K
ANNEALED_COPPER_RESISTIVITY_OHM_M = 1.0 / 58.0e6
ANNEALED_COPPER_TEMPERATURE_COEFFICIENT_PER_K = 3.93e-3

# --- Spacecraft environment and links ------------------------------
TROPICAL_YEAR_S = 365.24219 * SECONDS_PER_DAY  # mean tropical year (Astronomical Almanac, J2000)
OBLIQUITY_J2000_RAD = math.radians(23.4392911)  # IAU 1980 / Astronomical Almanac, obliquity at J2000
EARTH_OLR_W_M2 = 239.0  # outgoing longwave radiation, Trenberth, Fasullo & Kiehl (2009) BAMS 90:311, Fig. 1
EARTH_BOND_ALBEDO = 102.0 / 341.0  # reflected / incoming solar, Trenberth et al. (2009) Fig. 1 (0.299)
MOON_EQUATOR_TO_ECLIPTIC_RAD = math.radians(1.54)  # NASA Moon Fact Sheet (Williams, 2024): 1.54 deg
GRAY_PER_RAD = 0.01  # SI Brochure, 9th ed. (BIPM 2019), Table 8: 1 rad = 1 cGy = 0.01 Gy
JOULES_PER_KWH = 3.6e6  # SI Brochure, 9th ed. (BIPM 2019), Table 8: 1 kW h = 3.6 MJ

# --- Economics: units of compute and fuel ---------------------------
PFLOP_DAY_FLOP = 1e15 * SECONDS_PER_DAY  # one PFLOP/s sustained for one SI day: 8.64e19 FLOP
H100_SXM_DENSE_BF16_FLOP_S = 989e12  # NVIDIA H100 SXM data sheet (2023): 989 TFLOP/s dense BF16 (1,979 with sparsity)
JOULES_PER_MMBTU = 1.05505585262e9  # 10^6 Btu_IT; ISO 80000-5 / NIST SP 811 (2008) B.8: 1 Btu_IT = 1055.05585262 J
