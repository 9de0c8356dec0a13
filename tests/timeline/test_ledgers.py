"""The timeline's books close in every step of every sample: mass, energy and cost.

Each ledger is checked to 1e-9 of the largest term it balances (with an absolute floor of
1e-6 in the ledger's unit, for steps where every term is zero), on ``alpha`` and on random
variants of it drawn by hypothesis (replication time, seed year, launch rate and payload,
the chip fab and its growth share, the mass driver's first year and rate, the tiers on or
off, a budget cap, the span's end):

- mass: the lunar industry grows by the seed landed and the growth it keeps (its growth less
  what is built into the driver and the fab); the cargo landed is the seed, the imports, the
  driver's and the fab's Earth-made parts; the mass launched from Earth is the Earth-orbit
  deployments plus the lunar cargo and the city's resupply at the landed-per-LEO ratio; the
  regolith mined grows by the regolith per product of the local product (the products, growth
  and satellites fired, less their Earth-made parts); the mass fired escapes or is lost; each
  satellite tier's mass and the fab's mass move by what was added and what left;
- energy: the industry's plant produces its power over the step, and that energy is drawn by
  production, the fab and the driver, or curtailed (never negative);
- cost: the line items sum to the step's cost and the cumulative cost is their running sum,
  and each line item is its mass (or accelerator watts) at its unit price;
- upstream: every watt of compute added in space was fired, made, powered and paid for.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from moonbase.analysis.montecarlo import chunk_params, draw_inputs
from moonbase.constants import SECONDS_PER_YEAR
from moonbase.scenario.loader import load_scenario, scenario_from_dict
from moonbase.timeline.run import run
from moonbase.timeline.tiers import TIERS, TierKind

RTOL = 1e-9
FLOOR = 1e-6  # absolute, in the ledger's unit (kg, J, USD)
LINE_ITEMS = ("earth_orbit_launch_cost_usd", "earth_orbit_bus_cost_usd", "earth_orbit_chip_cost_usd",
              "lunar_seed_cost_usd", "lunar_import_cost_usd", "deep_space_chip_cost_usd", "mass_driver_cost_usd",
              "lunar_fab_cost_usd", "city_resupply_cost_usd", "lunar_operations_cost_usd")


def _close(what, left, right, *terms):
    """``left == right`` in every step, to RTOL of the largest term (``left``, ``right`` and ``terms``)."""
    scale = np.maximum(np.abs(left), np.abs(right))
    for term in terms:
        scale = np.maximum(scale, np.abs(term))
    gap = np.abs(left - right)
    bad = gap > RTOL * scale + FLOOR
    if np.any(bad):
        sample, step = np.argwhere(bad)[0]
        raise AssertionError(f"{what} does not close in {int(bad.sum())} steps; first at sample {sample}, "
                             f"step {step}: {left[sample, step]!r} != {right[sample, step]!r}")


def _at_least(what, value, bound, scale):
    """``value >= bound`` in every step, to RTOL of ``scale``."""
    bad = value < bound - RTOL * np.abs(scale) - FLOOR
    if np.any(bad):
        sample, step = np.argwhere(bad)[0]
        raise AssertionError(f"{what} fails in {int(bad.sum())} steps; first at sample {sample}, step {step}: "
                             f"{value[sample, step]!r} < {bound[sample, step] if np.ndim(bound) else bound!r}")


def _before(series):
    """The series one step earlier (zero before the first step)."""
    return np.concatenate([np.zeros_like(series[:, :1]), series[:, :-1]], axis=1)


def _tiers(kind: TierKind):
    return [tier.name for tier in TIERS if tier.kind == kind]


def assert_mass_ledgers(s, p, escape):
    """The lunar surface, the Earth launches, the mass driver, every satellite tier and the fab."""
    industry = s["lunar_industry_mass_kg"]
    seed, imports = s["lunar_seed_landed_mass_kg"], s["lunar_import_landed_mass_kg"]
    driver_earth, fab_tools = s["mass_driver_earth_landed_mass_kg"], s["lunar_fab_tools_landed_mass_kg"]
    growth, to_driver, to_fab = s["lunar_growth_mass_kg"], s["mass_driver_lunar_built_mass_kg"], s["lunar_fab_lunar_built_mass_kg"]
    spare = s["lunar_spare_output_mass_kg"]
    fired = s["mass_driver_launched_mass_kg"]
    _close("lunar industry: stock(k) = stock(k-1) + seed + growth + spare output - built into drivers and fabs",
           industry, _before(industry) + seed + growth + spare - to_driver - to_fab, seed, growth, to_driver, to_fab)
    _at_least("built into drivers and fabs <= growth + spare output", growth + spare, to_driver + to_fab, growth)
    _at_least("spare output <= built into drivers and fabs", to_driver + to_fab, spare, spare)
    _close("lunar landed = seed + imports + driver parts + fab tools", s["lunar_landed_mass_kg"],
           seed + imports + driver_earth + fab_tools)
    eo_deployed = sum(s[f"{name}_deployed_mass_kg"] for name in _tiers(TierKind.EARTH_ORBIT))
    landed_per_leo = p["lunar.landed_per_leo_mass"][:, None]
    _close("Earth launched = Earth-orbit deployed + (lunar landed + city resupply) / landed per LEO",
           s["earth_launched_mass_kg"],
           eo_deployed + (s["lunar_landed_mass_kg"] + s["city_resupply_mass_kg"]) / landed_per_leo, eo_deployed)
    regolith = s["lunar_regolith_mined_kg"]
    local_product = growth + spare + fired - imports
    _at_least("Earth-made parts <= products", growth + spare + fired, imports, imports)
    _close("regolith mined(k) = regolith mined(k-1) + regolith per product x (products - Earth-made parts)",
           regolith, _before(regolith) + p["lunar.regolith_per_product"][:, None] * local_product)
    for name in _tiers(TierKind.DEEP_SPACE):
        _close("fired = escaped + lost", fired, s[f"{name}_deployed_mass_kg"] + s["mass_driver_lost_mass_kg"])
        _close("escaped = fired x escape fraction", s[f"{name}_deployed_mass_kg"], fired * escape[:, None])
    for name in _tiers(TierKind.EARTH_ORBIT) + _tiers(TierKind.DEEP_SPACE):
        mass, deployed, retired = s[f"{name}_mass_kg"], s[f"{name}_deployed_mass_kg"], s[f"{name}_retired_mass_kg"]
        _close(f"{name}: mass(k) = mass(k-1) + deployed - retired", mass, _before(mass) + deployed - retired,
               deployed, retired)
        _at_least(f"{name}: retired >= 0", retired, 0.0, mass)
    fab = s["lunar_fab_mass_kg"]
    _close("fab mass(k) = fab mass(k-1) + tools landed + lunar-made part", fab, _before(fab) + fab_tools + to_fab)


def assert_energy_ledgers(s, p, dt):
    """The lunar industry's electricity: produced = production + fab + driver + curtailed, curtailed >= 0."""
    produced = s["lunar_energy_produced_j"]
    production, fab, driver = s["lunar_production_energy_j"], s["lunar_fab_energy_j"], s["mass_driver_energy_j"]
    curtailed = s["lunar_energy_curtailed_j"]
    before_growth = _before(s["lunar_industry_mass_kg"]) + s["lunar_seed_landed_mass_kg"]
    _close("energy produced = industry (after the seed) x power per kg x step", produced,
           before_growth * p["lunar.power_per_mass_w_kg"][:, None] * dt)
    _close("energy produced = production + fab + driver + curtailed", produced,
           production + fab + driver + curtailed, production, fab, driver)
    _at_least("energy curtailed >= 0", curtailed, 0.0, produced)
    _close("production energy = energy per kg x (growth + spare output + satellites fired)", production,
           p["lunar.production_energy_j_kg"][:, None] * (s["lunar_growth_mass_kg"] + s["lunar_spare_output_mass_kg"]
                                                         + s["mass_driver_launched_mass_kg"]))
    _close("fab energy = fab power x step", fab, s["lunar_fab_power_w"] * dt)
    # each driver has its own plant (built into its lunar-made mass): the industry's plant supplies none
    _close("driver energy from the industry's plant = 0", driver, np.zeros_like(driver))


def assert_cost_ledgers(s, p, dt):
    """The line items sum to the step's cost, and each is its mass (or watts) at its unit price."""
    total = sum(s[name] for name in LINE_ITEMS)
    _close("line items = cost", total, s["cost_usd"], *(s[name] for name in LINE_ITEMS))
    _close("Earth-orbit items = Earth-orbit cost", s["earth_orbit_launch_cost_usd"] + s["earth_orbit_bus_cost_usd"]
           + s["earth_orbit_chip_cost_usd"], s["earth_orbit_cost_usd"])
    _close("Earth-orbit + lunar cost = cost", s["earth_orbit_cost_usd"] + s["lunar_cost_usd"], s["cost_usd"])
    _close("cumulative cost = running sum of the cost", np.cumsum(s["cost_usd"], axis=1), s["cumulative_cost_usd"])
    for name in LINE_ITEMS:
        _at_least(f"{name} >= 0", s[name], 0.0, s["cost_usd"])
    price = s["earth_launch_price_usd_per_kg"]
    landed_per_leo = p["lunar.landed_per_leo_mass"][:, None]
    per_landed_kg = price / landed_per_leo + p["lunar.earth_hardware_cost_usd_per_kg"][:, None]
    for item, mass in (("lunar_seed_cost_usd", "lunar_seed_landed_mass_kg"),
                       ("lunar_import_cost_usd", "lunar_import_landed_mass_kg"),
                       ("mass_driver_cost_usd", "mass_driver_earth_landed_mass_kg"),
                       ("lunar_fab_cost_usd", "lunar_fab_tools_landed_mass_kg"),
                       ("city_resupply_cost_usd", "city_resupply_mass_kg")):
        _close(f"{item} = {mass} x (launch / landed per LEO + Earth hardware)", s[item], s[mass] * per_landed_kg)
    eo_deployed = sum(s[f"{name}_deployed_mass_kg"] for name in _tiers(TierKind.EARTH_ORBIT))
    _close("Earth-orbit launch cost = deployed mass x price", s["earth_orbit_launch_cost_usd"], eo_deployed * price)
    _close("deep-space chip cost = Earth accelerators x accelerator price", s["deep_space_chip_cost_usd"],
           s["earth_chip_imports_w_per_yr"] * dt / SECONDS_PER_YEAR * p["compute.accelerator_cost_usd_per_w"][:, None])


def assert_upstream(s):
    """Every watt added in space, and every kg of lunar growth, has mass, energy and money behind it."""
    lunar_paid = np.cumsum(s["lunar_cost_usd"], axis=1) > 0.0
    fab_ran = np.cumsum(s["lunar_fab_energy_j"], axis=1) > 0.0
    fab_paid = np.cumsum(s["lunar_fab_cost_usd"], axis=1) > 0.0
    for name in _tiers(TierKind.DEEP_SPACE):
        added = s[f"{name}_power_added_w"] > 0.0
        lunar_chips = s["deep_space_lunar_chip_fraction"]
        for what, ok in (("fired mass", s["mass_driver_launched_mass_kg"] > 0.0),
                         ("lunar production energy", s["lunar_production_energy_j"] > 0.0),
                         ("driver energy", s["mass_driver_power_w"] > 0.0),
                         ("driver plant built", np.cumsum(s["mass_driver_lunar_built_mass_kg"], axis=1) > 0.0),
                         ("lunar cost so far", lunar_paid),
                         ("Earth accelerators paid", (lunar_chips >= 1.0) | (s["deep_space_chip_cost_usd"] > 0.0)),
                         ("lunar accelerators made and their fab paid", (lunar_chips <= 0.0) | (fab_ran & fab_paid))):
            assert np.all(ok[added]), f"{name} compute added with no {what}"
    for name in _tiers(TierKind.EARTH_ORBIT):
        added = s[f"{name}_power_added_w"] > 0.0
        for what, ok in (("launched mass", s["earth_launched_mass_kg"] > 0.0),
                         ("launch cost", s["earth_orbit_launch_cost_usd"] > 0.0),
                         ("accelerator cost", s["earth_orbit_chip_cost_usd"] > 0.0)):
            assert np.all(ok[added]), f"{name} compute added with no {what}"
    grew = s["lunar_growth_mass_kg"] > 0.0
    assert np.all((s["lunar_production_energy_j"] > 0.0)[grew]), "lunar growth with no production energy"
    assert np.all(lunar_paid[grew]), "lunar growth with nothing paid for the lunar route"


def assert_ledgers_close(result):
    """Every ledger of a run's timeline, in every step of every sample."""
    s, p, dt = result.timeline.series, result.params, result.timeline.span.step_s
    assert_mass_ledgers(s, p, result.timeline.escape_fraction)
    assert_energy_ledgers(s, p, dt)
    assert_cost_ledgers(s, p, dt)
    assert_upstream(s)


def test_ledgers_close_on_every_step_of_alpha():
    result = run(scenario_from_dict({"base": "alpha", "name": "ledger"}))
    s = result.timeline.series
    assert s["deep_space_power_added_w"].max() > 0.0 and s["lunar_fab_lunar_built_mass_kg"].max() > 0.0
    assert s["mass_driver_lunar_built_mass_kg"].max() > 0.0 and s["lunar_energy_curtailed_j"].max() > 0.0
    assert_ledgers_close(result)



def test_ledgers_close_in_every_sample_of_a_monte_carlo():
    scenario = load_scenario("alpha-uncertain")
    samples = 24
    result = run(scenario, samples=samples, params=chunk_params(scenario, draw_inputs(scenario, samples, 3), samples))
    assert np.ptp(result.timeline.series["deep_space_compute_power_w"][:, -1]) > 0.0  # the samples differ
    assert_ledgers_close(result)


def test_a_ledger_that_does_not_close_is_caught():
    result = run(scenario_from_dict({"base": "alpha", "name": "ledger", "span": {"end_year": 2060}}))
    s = result.timeline.series
    k = int(np.argmax(s["lunar_growth_mass_kg"][0]))
    s["lunar_growth_mass_kg"][0, k] *= 1.0 + 1e-6
    with pytest.raises(AssertionError, match="lunar industry"):
        assert_mass_ledgers(s, result.params, result.timeline.escape_fraction)
    s["lunar_growth_mass_kg"][0, k] /= 1.0 + 1e-6
    s["lunar_fab_energy_j"][0, k] += 1e-8 * s["lunar_energy_produced_j"][0, k]
    with pytest.raises(AssertionError, match="energy produced"):
        assert_energy_ledgers(s, result.params, result.timeline.span.step_s)


def _overrides(draw) -> dict:
    """A random variant of ``alpha``: the inputs that move its flows, within their valid ranges (weighted
    towards runs that fire satellites, build fabs and hit a budget cap within the span)."""
    often = st.sampled_from([True, True, True, False])
    seed_year = draw(st.integers(2027, 2040))
    return {
        "base": "alpha", "name": "ledger-random",
        "span": {"end_year": draw(st.integers(2060, 2100))},
        "launch": {"max_rate": f"{draw(st.floats(100.0, 5000.0))} 1/yr", "payload": f"{draw(st.floats(20.0, 200.0))} t"},
        "lunar": {"replication_time": f"{draw(st.floats(0.5, 4.0))} yr", "seed_year": seed_year,
                  "chip_fab": draw(often), "chip_fab_year": seed_year + draw(st.integers(3, 30)),
                  "chip_fab_growth_share": draw(st.floats(0.0, 1.0))},
        "mass_driver": {"first_launch_year": max(seed_year + draw(st.integers(-3, 15)), 2027),
                        "max_launch_rate": f"{draw(st.floats(0.05, 8.0))} 1/s"},
        "earth_orbit": {"enabled": draw(st.booleans())},
        "deep_space": {"enabled": draw(often)},
        "economics": {"budget_cap": draw(st.booleans()), "annual_budget": f"{10.0 ** draw(st.floats(9.0, 12.5))} USD/yr"},
    }


scenarios = st.composite(_overrides)


def _check_random(overrides):
    note(repr(overrides))
    assert_ledgers_close(run(scenario_from_dict(overrides)))


@settings(max_examples=200, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_ledgers_close_on_random_scenarios(overrides):
    _check_random(overrides)


@pytest.mark.slow
@settings(max_examples=1000, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_ledgers_close_on_many_random_scenarios(overrides):
    _check_random(overrides)

