"""The city inside the step loop: it sees the industry's local manufacture and lands first."""

from __future__ import annotations

import numpy as np

from moonbase.scenario.loader import load_scenario
from moonbase.scenario.params import timeline_params
from moonbase.timeline.run import span_of
from moonbase.timeline.system import simulate


def _alpha(local_fraction=None):
    scenario = load_scenario("alpha")
    params = timeline_params(scenario, 1)
    if local_fraction is not None:
        params["lunar.local_fractions"] = np.full_like(params["lunar.local_fractions"], local_fraction)
    return simulate(params, span_of(scenario)).series


def test_local_manufacture_cuts_the_city_resupply_per_resident():
    """Habitats, spares, oxygen and food made on the Moon leave less for Earth to send per resident.

    (Until the step kernel, the city was handed a zero local fraction and this failed.)
    """
    made_here, imported = _alpha(0.9), _alpha(0.0)
    both = (made_here["lunar_population"] > 0) & (imported["lunar_population"] > 0)
    per_resident_here = made_here["city_resupply_mass_kg"][both] / made_here["lunar_population"][both]
    per_resident_imported = imported["city_resupply_mass_kg"][both] / imported["lunar_population"][both]
    assert both.sum() > 100
    assert np.median(per_resident_here) < 0.5 * np.median(per_resident_imported)
    assert np.median(made_here["city_closure"][both]) > np.median(imported["city_closure"][both])


def test_city_resupply_is_landed_and_paid_for():
    """Earth launches carry the city's resupply and the cost counts it (launch and hardware)."""
    s = _alpha()
    landed_per_leo = timeline_params(load_scenario("alpha"), 1)["lunar.landed_per_leo_mass"][0]
    launched = s["earth_orbit_deployed_mass_kg"] + (s["lunar_landed_mass_kg"] + s["city_resupply_mass_kg"]) / landed_per_leo
    np.testing.assert_allclose(s["earth_launched_mass_kg"], launched, rtol=1e-12)
    assert s["city_resupply_mass_kg"].sum() > 0.0


def test_lunar_operations_pay_for_the_base_and_its_earth_crew():
    """Operations = the fixed yearly cost once seeded + each Earth teleoperator's yearly cost, per step."""
    scenario = load_scenario("alpha")
    params = timeline_params(scenario, 1)
    span = span_of(scenario)
    s = simulate(params, span).series
    seeded = s["lunar_industry_mass_kg"] > 0.0
    expected = (np.where(seeded, params["lunar.operations_cost_usd_per_s"][0], 0.0)
                + s["earth_teleoperators"] * params["city.teleoperator_cost_usd_per_s"][0]) * span.step_s
    np.testing.assert_allclose(s["lunar_operations_cost_usd"], expected, rtol=1e-12)
    assert s["earth_teleoperators"].max() > 1e3  # the crew cost matters: thousands of operators late on
    np.testing.assert_array_less(s["lunar_operations_cost_usd"] - 1e-6, s["lunar_cost_usd"] + 1e-6)
    params["city.teleoperator_cost_usd_per_s"] = params["city.teleoperator_cost_usd_per_s"] * 0.0
    cheaper = simulate(params, span).series
    assert cheaper["cumulative_cost_usd"][0, -1] < s["cumulative_cost_usd"][0, -1]
