"""What a claim's arithmetic reads from the model: one scenario's designs, rates and prices.

:func:`model_context` builds, for one scenario at its fixed values, the figures the
implied arithmetic of every claim kind needs, each from the model's own functions: the
satellites of each tier (:func:`moonbase.spacecraft.tier.tier_design`), the mass driver
(:func:`moonbase.massdriver.design.mass_driver_design`), the lunar industry's energy and
regolith per kg of product and the surface it needs per watt
(:func:`moonbase.industry.limits.city_area_per_power_m2_w`), and the ground's cost of a
kW-year (:func:`moonbase.spacecraft.economics.ground_energy_cost_usd_per_kw_year` on the
scenario's ground baseline). Nothing here is typed in: change an input of the scenario
and every figure that depends on it moves.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from moonbase.constants import EARTH_EQUATORIAL_RADIUS_M, GM_EARTH_M3_S2
from moonbase.domain import Params
from moonbase.economics.earth_baselines import Baseline, load_baseline
from moonbase.industry.limits import city_area_per_power_m2_w
from moonbase.massdriver.capacity import mass_driver_inputs
from moonbase.massdriver.design import MassDriverDesign, mass_driver_design
from moonbase.scenario.loader import load_scenario
from moonbase.scenario.params import timeline_choices, timeline_params
from moonbase.scenario.schema import Scenario
from moonbase.spacecraft.economics import ground_energy_cost_usd_per_kw_year
from moonbase.spacecraft.tier import TierDesign, tier_design

__all__ = ["ModelContext", "context_for", "model_context", "orbit_energy_j_kg"]


def orbit_energy_j_kg(altitude_m):
    """Least mechanical energy to place 1 kg from the Earth's surface into a circular orbit [J/kg].

    Parameters
    ----------
    altitude_m : float or array_like
        Altitude of the circular orbit [m], >= 0.

    Returns
    -------
    numpy.ndarray or float
        :math:`\\mu/R - \\mu/(2(R+h))`: the orbit's specific energy
        :math:`-\\mu/2a` [1]_ minus that of a body at rest on the surface; the
        Earth's rotation (at most 0.1 MJ/kg) and every loss are neglected, so no
        launcher can spend less.

    References
    ----------
    .. [1] H. D. Curtis, Orbital Mechanics for Engineering Students, 3rd ed.,
       Butterworth-Heinemann, 2014, eq. (2.80) (specific energy of an orbit).

    Examples
    --------
    >>> round(orbit_energy_j_kg(650e3) / 1e6, 1)
    34.1
    """
    radius = EARTH_EQUATORIAL_RADIUS_M
    return GM_EARTH_M3_S2 / radius - GM_EARTH_M3_S2 / (2.0 * (radius + np.asarray(altitude_m, dtype=float)))


@dataclass(frozen=True)
class ModelContext:
    """Figures of one scenario at its fixed values, for the arithmetic of claims (SI floats)."""

    scenario: Scenario
    params: Params
    earth_orbit: TierDesign
    deep_space: TierDesign
    driver: MassDriverDesign
    baseline: Baseline
    city_area_per_power_m2_w: float

    def value(self, key: str) -> float:
        """One parameter of the scenario (attribute path of :func:`timeline_params`), as a float."""
        return float(np.asarray(self.params[key]).reshape(-1)[0])

    @staticmethod
    def first(array) -> float:
        """The first sample of a per-sample figure."""
        return float(np.asarray(array, dtype=float).reshape(-1)[0])

    @property
    def eo_specific_power_w_kg(self) -> float:
        return self.first(self.earth_orbit.specific_power_w_kg)

    @property
    def ds_specific_power_w_kg(self) -> float:
        return self.first(self.deep_space.specific_power_w_kg)

    @property
    def driver_throughput_kg_s(self) -> float:
        return self.first(self.driver.throughput_kg_s)

    @property
    def driver_energy_j_kg(self) -> float:
        return self.first(self.driver.energy_per_kg_j_kg)

    @property
    def ground_usd_per_kw_year(self) -> float:
        """Ground energy and facility per kW-year of IT load on the scenario's ground baseline [USD/(kW yr)]."""
        b = self.baseline
        return float(ground_energy_cost_usd_per_kw_year(b.energy_price_usd_per_j, b.pue, b.facility_capex_usd_per_w,
                                                         b.facility_life_s))

    @property
    def launch_energy_floor_usd_per_kg(self) -> float:
        """The orbit's energy per kg bought at the ground baseline's energy price [USD/kg]."""
        return float(orbit_energy_j_kg(self.value("earth_orbit.altitude_m")) * self.baseline.energy_price_usd_per_j)


def model_context(scenario: Scenario) -> ModelContext:
    """The figures of ``scenario`` at its fixed values that the claims' arithmetic reads."""
    params = timeline_params(scenario, 1)
    choices = timeline_choices(scenario)
    p = {k: float(np.asarray(v).reshape(-1)[0]) for k, v in params.items() if np.ndim(v) <= 1 and np.size(v) == 1}
    area = city_area_per_power_m2_w(p["lunar.solar_cell_efficiency"], p["lunar.illumination_fraction"],
                                    p["lunar.radiator_temperature_k"], p["lunar.radiator_emissivity"],
                                    p["lunar.radiator_sink_temperature_k"])
    return ModelContext(
        scenario=scenario, params=params,
        earth_orbit=tier_design(params, "earth_orbit", choices["earth_orbit"]["orbit"]),
        deep_space=tier_design(params, "deep_space"),
        driver=mass_driver_design(mass_driver_inputs(params, choices["mass_driver"])),
        baseline=load_baseline(scenario.finance.ground_baseline),
        city_area_per_power_m2_w=float(area))


@functools.lru_cache(maxsize=8)
def context_for(scenario_name: str) -> ModelContext:
    """:func:`model_context` of a preset, cached for one process (presets do not change while it runs)."""
    return model_context(load_scenario(scenario_name))
