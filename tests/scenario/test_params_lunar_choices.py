"""The lunar site / regolith / extraction-process choices drive the numbers the timeline uses.

``lunar.production_energy``, ``lunar.regolith_per_product`` and
``lunar.illumination_fraction`` are derived from the choices unless the scenario gives a
number (``moonbase.scenario.params``; docs/design/lunar_materials.md, "From the choices to
the timeline"). Directions checked on whole runs: carbothermal needs more energy and
regolith than molten regolith electrolysis; mare feed yields more metal than highland
(polar) feed; an equatorial city's fields are lit less than a polar ridge's.
"""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from moonbase.analysis.montecarlo import chunk_params
from moonbase.industry.extraction import city_product_energy_j_kg, regolith_per_product_kg_kg
from moonbase.scenario.loader import load_scenario, scenario_from_dict, scenario_from_toml, scenario_to_toml
from moonbase.scenario.params import timeline_params
from moonbase.timeline.run import run

EXACT = 1e-12  # the derived value is passed through, not recomputed differently
SHORT_SPAN = {"start_year": 2026, "end_year": 2060}  # seed 2032, satellites 2040: enough to separate cases


def _scenario(lunar=None, span=SHORT_SPAN):
    return scenario_from_dict({"base": "alpha", "span": span, "lunar": lunar or {}}, "test")


def _lunar(scenario, name):
    return float(timeline_params(scenario)[f"lunar.{name}"][0])


def test_alpha_derives_the_three_numbers_from_its_choices():
    alpha = load_scenario("alpha")
    assert set(alpha.lunar.derived_fields()) == {"production_energy_j_kg", "regolith_per_product",
                                                "illumination_fraction"}
    assert_allclose(_lunar(alpha, "production_energy_j_kg"),
                    city_product_energy_j_kg("molten-regolith-electrolysis", "polar"), rtol=EXACT)
    assert_allclose(_lunar(alpha, "regolith_per_product"),
                    regolith_per_product_kg_kg("molten-regolith-electrolysis", "polar"), rtol=EXACT)
    assert_allclose(_lunar(alpha, "illumination_fraction"), 0.70, rtol=EXACT)  # polar ridge: Metzger et al. 2013


def test_each_choice_moves_its_number_the_expected_way():
    mre = _scenario()
    assert _lunar(_scenario({"extraction_process": "carbothermal"}), "production_energy_j_kg") > \
        _lunar(mre, "production_energy_j_kg")  # carbothermal frees less metal for similar heat
    assert _lunar(_scenario({"regolith": "mare"}), "regolith_per_product") < \
        _lunar(_scenario({"regolith": "highlands"}), "regolith_per_product")  # FeO-rich mare
    assert _lunar(_scenario({"site": "equatorial"}), "illumination_fraction") < \
        _lunar(_scenario({"site": "polar-ridge"}), "illumination_fraction")


def test_explicit_numbers_and_distributions_override_the_choices():
    given = _scenario({"extraction_process": "hydrogen-reduction", "production_energy": "30 MJ/kg",
                       "regolith_per_product": 5.0, "illumination_fraction": 0.9})
    assert given.lunar.derived_fields() == {}
    assert_allclose(_lunar(given, "production_energy_j_kg"), 30e6, rtol=EXACT)
    assert_allclose(_lunar(given, "regolith_per_product"), 5.0, rtol=EXACT)
    assert_allclose(_lunar(given, "illumination_fraction"), 0.9, rtol=EXACT)
    drawn = chunk_params(_scenario(), {"lunar.production_energy": np.array([1e7, 2e7])}, 2)
    assert_allclose(drawn["lunar.production_energy_j_kg"], [1e7, 2e7], rtol=EXACT)


def test_shown_scenario_marks_derived_values_and_round_trips():
    text = scenario_to_toml(_scenario({"regolith": "mare"}))
    assert 'production_energy = "derived"' in text and 'illumination_fraction = "derived"' in text
    again = scenario_from_toml(text, "round trip")
    assert_allclose(_lunar(again, "regolith_per_product"), regolith_per_product_kg_kg("molten-regolith-electrolysis",
                                                                                      "mare"), rtol=EXACT)
    given = scenario_to_toml(_scenario({"regolith_per_product": 7.5}))
    assert "regolith_per_product = 7.5" in given


def _regolith_mined_kg(lunar):
    return float(np.sum(run(_scenario(lunar)).timeline.series["lunar_regolith_mined_kg"]))


@pytest.mark.parametrize(("more", "less"), [
    ({"extraction_process": "carbothermal"}, {"extraction_process": "molten-regolith-electrolysis"}),
    ({"regolith": "highlands"}, {"regolith": "mare"}),
])
def test_run_mines_more_regolith_for_poorer_yields(more, less):
    assert _regolith_mined_kg(more) > 1.2 * _regolith_mined_kg(less)  # yields differ by > 40 %


def test_run_energy_limited_city_grows_slower_with_carbothermal():
    # At 1 W/kg the city's energy, not its replication, limits production: the process's
    # energy per kg then sets growth (alpha's 10 W/kg leaves energy slack).
    starved = {"power_per_mass": "1 W/kg"}
    mre = run(_scenario({**starved, "extraction_process": "molten-regolith-electrolysis"}))
    carbo = run(_scenario({**starved, "extraction_process": "carbothermal"}))
    assert carbo.timeline.series["lunar_industry_mass_kg"][0, -1] < mre.timeline.series["lunar_industry_mass_kg"][0, -1]


def test_run_equatorial_city_hits_the_land_limit_lower():
    span = {"start_year": 2026, "end_year": 2100}
    polar = run(_scenario({"site": "polar-ridge"}, span)).timeline.series["lunar_industry_mass_kg"][0, -1]
    equator = run(_scenario({"site": "equatorial"}, span)).timeline.series["lunar_industry_mass_kg"][0, -1]
    assert equator < 0.9 * polar  # land-limited in 2098: fields lit 50 % instead of 70 %


def test_run_equatorial_city_replicates_slower_in_the_dark():
    """Machines idle through the 14.8-day night: at 50 % light the city makes its own mass in 2.8 yr, not 2."""
    span = {"start_year": 2026, "end_year": 2045}  # replication-limited years, before the land limit
    polar = run(_scenario({"site": "polar-ridge"}, span)).timeline.series["lunar_industry_mass_kg"][0]
    equator = run(_scenario({"site": "equatorial"}, span)).timeline.series["lunar_industry_mass_kg"][0]
    assert equator[-1] < 0.5 * polar[-1]
    # an explicit 70 % illumination at the equatorial choice restores the polar city exactly
    lit = run(_scenario({"site": "equatorial", "illumination_fraction": 0.70}, span))
    assert_allclose(lit.timeline.series["lunar_industry_mass_kg"][0], polar, rtol=EXACT)


def test_the_section_attribute_holds_the_derived_value_every_reader_sees():
    """No placeholder: the [lunar] attribute is what the timeline uses, for default and changed choices."""
    for lunar in ({}, {"site": "equatorial", "extraction_process": "carbothermal", "regolith": "mare"}):
        scenario = _scenario(lunar)
        for name in ("production_energy_j_kg", "regolith_per_product", "illumination_fraction"):
            assert_allclose(getattr(scenario.lunar, name), _lunar(scenario, name), rtol=EXACT)
    equatorial = _scenario({"site": "equatorial", "extraction_process": "carbothermal", "regolith": "mare"}).lunar
    assert_allclose(equatorial.production_energy_j_kg, city_product_energy_j_kg("carbothermal", "mare"), rtol=EXACT)
    assert equatorial.illumination_fraction == 0.5
