"""The step's cost by line item: the items sum to ``cost_usd`` in every step, on alpha and its variants."""

from __future__ import annotations

import numpy as np
import pytest

from moonbase.scenario.loader import scenario_from_dict
from moonbase.timeline.run import run

LINE_ITEMS = ("earth_orbit_launch_cost_usd", "earth_orbit_bus_cost_usd", "earth_orbit_chip_cost_usd",
              "lunar_seed_cost_usd", "lunar_import_cost_usd", "deep_space_chip_cost_usd", "mass_driver_cost_usd",
              "lunar_fab_cost_usd", "city_resupply_cost_usd", "lunar_operations_cost_usd")
LEDGER_RTOL = 1e-9


@pytest.mark.parametrize("changes", [
    {}, {"lunar": {"chip_fab": False}}, {"economics": {"budget_cap": True, "annual_budget": "50e9 USD/yr"}},
    {"earth_orbit": {"enabled": False}},
])
def test_line_items_sum_to_the_cost_of_every_step(changes):
    s = run(scenario_from_dict({"base": "alpha", "name": "ledger", **changes})).timeline.series
    total = sum(s[name] for name in LINE_ITEMS)
    np.testing.assert_allclose(total, s["cost_usd"], rtol=LEDGER_RTOL, atol=1e-6)
    np.testing.assert_allclose(s["earth_orbit_launch_cost_usd"] + s["earth_orbit_bus_cost_usd"]
                               + s["earth_orbit_chip_cost_usd"], s["earth_orbit_cost_usd"], rtol=LEDGER_RTOL, atol=1e-6)
    np.testing.assert_allclose(np.cumsum(s["cost_usd"], axis=1), s["cumulative_cost_usd"], rtol=LEDGER_RTOL)
    assert all(np.all(s[name] >= 0.0) for name in LINE_ITEMS)
