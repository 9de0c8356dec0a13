"""What compute in orbit costs against compute on the ground: per kW-year and at break-even.

Three published comparisons anchor the functions: the "launched power price" of
Agüera y Arcas et al. (2025) Table 1, their terrestrial energy-cost band
(570-3,000 USD/kW/yr), and the Starcloud white paper's 40 MW, 10-year case.
Money is USD (2025 price year). Choices and what they leave out:
``docs/design/satellite_economics.md``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from moonbase.constants import JOULES_PER_KWH, SECONDS_PER_YEAR
from moonbase.domain import non_negative, positive, reject as _reject, scalar_or_array

W_PER_KW = 1_000.0  # SI prefix kilo


def launched_power_price_usd_per_kw_year(mass_kg, launch_price_usd_per_kg, power_w, life_s):
    """Launch cost per kW of satellite power per year of life [USD/(kW yr)].

    Parameters
    ----------
    mass_kg : float or array_like
        Satellite mass [kg]; >= 0.
    launch_price_usd_per_kg : float or array_like
        Launch price to orbit [USD/kg]; >= 0.
    power_w : float or array_like
        Satellite power (array output, beginning of life) [W]; > 0.
    life_s : float or array_like
        Life in orbit [s]; > 0.

    Returns
    -------
    numpy.ndarray or float
        :math:`m\\,p_L / (P\\,L)` in USD per kW per year ([1]_, Table 1).

    References
    ----------
    .. [1] B. Agüera y Arcas et al., "Towards a future space-based, highly scalable
       AI infrastructure system design," Google Research, arXiv:2511.19468 (2025),
       Table 1: Starlink v2 mini (575 kg, ~28 kW, 5 yr) 14,700 USD/kW/yr at
       3,600 USD/kg and 810 at 200 USD/kg.

    Examples
    --------
    >>> from moonbase.constants import SECONDS_PER_YEAR
    >>> round(float(launched_power_price_usd_per_kw_year(150.0, 200.0, 800.0, 5 * SECONDS_PER_YEAR)))
    7500
    """
    mass = non_negative("mass_kg", mass_kg, "kg")
    price = non_negative("launch_price_usd_per_kg", launch_price_usd_per_kg, "USD/kg")
    power = positive("power_w", power_w, "W")
    life = positive("life_s", life_s, "s")
    return scalar_or_array(mass * price / (power / W_PER_KW * life / SECONDS_PER_YEAR))


def ground_energy_cost_usd_per_kw_year(electricity_price_usd_per_j, pue, facility_cost_usd_per_w=0.0,
                                       facility_life_s=15 * SECONDS_PER_YEAR):
    """Cost of running 1 kW of IT load on the ground for a year [USD/(kW yr)].

    Parameters
    ----------
    electricity_price_usd_per_j : float or array_like
        Electricity price [USD/J] (0.06 USD/kWh = 1.667e-8 USD/J); >= 0.
    pue : float or array_like
        Power usage effectiveness (facility power / IT power) [-]; >= 1.
    facility_cost_usd_per_w : float or array_like, optional
        Building, power and cooling plant per W of IT load [USD/W]; >= 0. Default 0:
        energy only, as in [1]_.
    facility_life_s : float or array_like, optional
        Amortisation period of the facility [s]; > 0.

    Returns
    -------
    numpy.ndarray or float
        :math:`c_e \\cdot \\text{PUE} \\cdot 1\\,\\text{kW yr} + c_f \\cdot 1\\,\\text{kW} / L_f` [USD/(kW yr)].

    References
    ----------
    .. [1] B. Agüera y Arcas et al., arXiv:2511.19468 (2025): 0.06-0.25 USD/kWh with
       PUE 1.09-1.4 gives 570-3,000 USD/kW/yr.

    Examples
    --------
    >>> round(float(ground_energy_cost_usd_per_kw_year(0.06 / 3.6e6, 1.09)))
    573
    """
    price = non_negative("electricity_price_usd_per_j", electricity_price_usd_per_j, "USD/J")
    ratio = np.asarray(pue, dtype=float)
    _reject("pue", ratio, ~((ratio >= 1.0) & np.isfinite(ratio)), "[1, inf); PUE is facility power over IT power.")
    facility = non_negative("facility_cost_usd_per_w", facility_cost_usd_per_w, "USD/W")
    life = positive("facility_life_s", facility_life_s, "s")
    energy = price * ratio * W_PER_KW * SECONDS_PER_YEAR
    return scalar_or_array(energy + facility * W_PER_KW * SECONDS_PER_YEAR / life)


@dataclass(frozen=True)
class OrbitCost:
    """Capital cost of one satellite and its cost per delivered kW-year (USD; arrays broadcast)."""

    launch_usd: np.ndarray
    bus_usd: np.ndarray
    accelerators_usd: np.ndarray
    spares_usd: np.ndarray
    integration_usd: np.ndarray
    capex_usd: np.ndarray
    capex_usd_per_w: np.ndarray  # per W of compute at beginning of life
    overhead_usd_per_kw_year: np.ndarray  # all but the powered accelerators, per delivered kW-year
    total_usd_per_kw_year: np.ndarray  # everything, per delivered kW-year


def orbit_cost(mass_kg, compute_mass_kg, compute_power_w, spare_fraction, mean_compute_power_w, life_s,
               launch_price_usd_per_kg, bus_cost_usd_per_kg, accelerator_cost_usd_per_w, integration_fraction):
    """Capital cost of a compute satellite and its cost per kW-year of compute delivered [USD].

    Parameters
    ----------
    mass_kg : float or array_like
        Satellite mass at launch [kg]; > 0.
    compute_mass_kg : float or array_like
        Mass of the accelerators and boards (spares included) [kg]; the bus cost
        applies to the rest.
    compute_power_w : float or array_like
        Power of the powered accelerators at beginning of life [W]; >= 0.
    spare_fraction : float or array_like
        Cold spares per powered accelerator [-].
    mean_compute_power_w : float or array_like
        Compute power averaged over orbit and life (eclipses, degradation) [W]; > 0.
    life_s : float or array_like
        Life in orbit [s]; > 0.
    launch_price_usd_per_kg, bus_cost_usd_per_kg, accelerator_cost_usd_per_w : float or array_like
        Prices [USD/kg, USD/kg, USD/W]; >= 0.
    integration_fraction : float or array_like
        Integration and test as a fraction of hardware cost [-]; >= 0.

    Returns
    -------
    OrbitCost

    Notes
    -----
    :math:`C = m p_L + (m - m_c) c_{bus} + P_c (1 + s) c_{acc} + f_i [(m - m_c) c_{bus} + P_c (1+s) c_{acc}]`.
    The *overhead* per kW-year leaves out the powered accelerators (bought on the
    ground too), so it compares like with like against
    :func:`ground_energy_cost_usd_per_kw_year`. Operations and ground stations are
    not counted (``docs/design/satellite_economics.md``).

    Examples
    --------
    >>> from moonbase.constants import SECONDS_PER_YEAR
    >>> c = orbit_cost(1000.0, 0.0, 20e3, 0.0, 20e3, 5 * SECONDS_PER_YEAR, 200.0, 0.0, 0.0, 0.0)
    >>> round(float(c.overhead_usd_per_kw_year))
    2000
    """
    mass = positive("mass_kg", mass_kg, "kg")
    compute_mass = non_negative("compute_mass_kg", compute_mass_kg, "kg")
    power = non_negative("compute_power_w", compute_power_w, "W")
    spares = non_negative("spare_fraction", spare_fraction, "")
    mean_power = positive("mean_compute_power_w", mean_compute_power_w, "W")
    life = positive("life_s", life_s, "s")
    launch_price = non_negative("launch_price_usd_per_kg", launch_price_usd_per_kg, "USD/kg")
    bus_price = non_negative("bus_cost_usd_per_kg", bus_cost_usd_per_kg, "USD/kg")
    accelerator_price = non_negative("accelerator_cost_usd_per_w", accelerator_cost_usd_per_w, "USD/W")
    integration = non_negative("integration_fraction", integration_fraction, "")
    launch = mass * launch_price
    bus = np.maximum(mass - compute_mass, 0.0) * bus_price
    accelerators = power * accelerator_price
    spare_cost = power * spares * accelerator_price
    integration_cost = integration * (bus + accelerators + spare_cost)
    capex = launch + bus + accelerators + spare_cost + integration_cost
    kw_years = mean_power / W_PER_KW * life / SECONDS_PER_YEAR
    out = dict(launch_usd=launch, bus_usd=bus, accelerators_usd=accelerators, spares_usd=spare_cost,
               integration_usd=integration_cost, capex_usd=capex,
               capex_usd_per_w=capex / np.where(power > 0.0, power, np.nan),
               overhead_usd_per_kw_year=(capex - accelerators) / kw_years, total_usd_per_kw_year=capex / kw_years)
    shape = np.broadcast_shapes(*(np.shape(v) for v in out.values()))
    return OrbitCost(**{k: scalar_or_array(np.broadcast_to(v, shape)) for k, v in out.items()})


def breakeven_launch_price_usd_per_kg(ground_usd_per_kw_year, mass_kg, mean_compute_power_w, life_s,
                                      other_overhead_usd=0.0):
    """Launch price at which orbit's overhead per kW-year equals the ground's [USD/kg].

    Parameters
    ----------
    ground_usd_per_kw_year : float or array_like
        Ground cost of 1 kW-year of IT load (energy, facility) [USD/(kW yr)]; >= 0.
    mass_kg : float or array_like
        Satellite mass [kg]; > 0.
    mean_compute_power_w : float or array_like
        Delivered compute power, orbit- and life-averaged [W]; > 0.
    life_s : float or array_like
        Life [s]; > 0.
    other_overhead_usd : float or array_like, optional
        Overhead that does not scale with launch price (bus, spares, integration) [USD].

    Returns
    -------
    numpy.ndarray or float
        :math:`p^* = (g\\,P L - C_{other}) / m` [USD/kg]; negative when orbit loses at
        any launch price.

    Examples
    --------
    >>> from moonbase.constants import SECONDS_PER_YEAR
    >>> round(float(breakeven_launch_price_usd_per_kg(570.0, 575.0, 28e3, 5 * SECONDS_PER_YEAR)))
    139
    """
    ground = non_negative("ground_usd_per_kw_year", ground_usd_per_kw_year, "USD/(kW yr)")
    mass = positive("mass_kg", mass_kg, "kg")
    power = positive("mean_compute_power_w", mean_compute_power_w, "W")
    life = positive("life_s", life_s, "s")
    other = np.asarray(other_overhead_usd, dtype=float)
    return scalar_or_array((ground * power / W_PER_KW * life / SECONDS_PER_YEAR - other) / mass)


@dataclass(frozen=True)
class FortyMegawattCase:
    """The Starcloud 40 MW, 10-year comparison, as our functions compute it (USD)."""

    ground_energy_usd: float
    space_launch_usd: float
    space_total_usd: float
    ground_total_usd: float


def starcloud_comparison(power_w=40e6, duration_s=10 * SECONDS_PER_YEAR, electricity_usd_per_kwh=0.04,
                         ground_cooling_usd=7e6, ground_backup_usd=20e6, space_mass_kg=100e3,
                         launch_price_usd_per_kg=50.0, space_array_usd=2e6, space_shielding_usd=1.2e6):
    """Reproduce the Starcloud white paper's 40 MW, 10-year cost comparison [USD].

    Notes
    -----
    Inputs are the white paper's (as restated by Nanjangud 2025): ground energy is
    :math:`P\\,t\\,c_e` at PUE 1 (cooling counted separately), space launch is one
    ~100 t launch at ~50 USD/kg. See ``docs/design/satellite_economics.md`` for
    what our component design says about the 100 t.

    Examples
    --------
    >>> c = starcloud_comparison()
    >>> round(c.ground_energy_usd / 1e6), round(c.space_total_usd / 1e6, 1)
    (140, 8.2)
    """
    energy = ground_energy_cost_usd_per_kw_year(electricity_usd_per_kwh / JOULES_PER_KWH, 1.0) * (
        power_w / W_PER_KW) * duration_s / SECONDS_PER_YEAR
    launch = space_mass_kg * launch_price_usd_per_kg
    return FortyMegawattCase(ground_energy_usd=float(energy), space_launch_usd=float(launch),
                             space_total_usd=float(launch + space_array_usd + space_shielding_usd),
                             ground_total_usd=float(energy + ground_cooling_usd + ground_backup_usd))
