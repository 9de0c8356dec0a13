"""Tests of moonbase.industry.extraction: yields, energies, mass and energy balance."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from moonbase.errors import ModelDomainError
from moonbase.industry.extraction import (
    PROCESSES,
    PRODUCTS,
    energy_per_kg_oxygen_j_kg,
    extraction_balance,
    feed_heat_j_kg,
    product_energy_j_kg,
    product_yields_kg_kg,
    reduction_enthalpy_j_kg,
)
from moonbase.industry.regolith import OXIDE_WEIGHT_PERCENT, element_mass_fractions, oxygen_mass_fraction

BALANCE_RTOL = 1e-12  # sums of a dozen products: only rounding
KWH_J = 3.6e6


def test_reduction_enthalpy_matches_hydrogen_higher_heating_value():
    # GREET / US DOE Hydrogen Tools, "Lower and higher heating values": H2 HHV 141.88 MJ/kg.
    # Our CODATA water enthalpy with IUPAC abridged atomic weights: 141.78 (-0.07 %).
    assert_allclose(reduction_enthalpy_j_kg("H2O", per="element"), 141.88e6, rtol=0.002)


def test_reduction_enthalpies_textbook_values():
    assert_allclose(reduction_enthalpy_j_kg("Al2O3") / KWH_J, 8.63, rtol=1e-3)  # 1675.7 kJ / 2 mol Al
    assert_allclose(reduction_enthalpy_j_kg("FeO") / 1e6, 4.87, rtol=1e-3)
    # per kg O2 is per kg element times the element/oxygen mass ratio
    assert_allclose(reduction_enthalpy_j_kg("SiO2", per="oxygen"),
                    reduction_enthalpy_j_kg("SiO2") * 28.085 / (2 * 15.999), rtol=BALANCE_RTOL)


@pytest.mark.parametrize("process", sorted(PROCESSES))
@pytest.mark.parametrize("regolith", sorted(OXIDE_WEIGHT_PERCENT))
def test_mass_and_energy_balance_close(process, regolith):
    out = extraction_balance(process, regolith, np.array([0.0, 1.0, 250.0]))
    products = sum(out.products_kg.values())
    assert_allclose(products + out.waste_kg, out.regolith_kg + out.reagent_import_kg, rtol=BALANCE_RTOL)
    assert np.all(out.waste_kg >= 0.0)
    assert_allclose(out.electric_energy_j, out.chemical_energy_j + out.heat_rejected_j, rtol=BALANCE_RTOL)
    assert np.all(out.heat_rejected_j >= 0.0)
    assert np.all(out.products_kg["O2"][0] == 0.0) and out.electric_energy_j[0] == 0.0  # zero in, zero out


@pytest.mark.parametrize("regolith", sorted(OXIDE_WEIGHT_PERCENT))
def test_yields_below_composition_limits(regolith):
    elements = element_mass_fractions(regolith)
    for process in PROCESSES:
        yields = product_yields_kg_kg(process, regolith)
        assert yields["O2"] <= oxygen_mass_fraction(regolith)
        for metal in ("Si", "Al", "Fe", "Ti", "Mg", "Ca"):
            assert yields[metal] <= elements[metal] * (1 + BALANCE_RTOL)


def test_hydrogen_reduction_prefers_iron_rich_mare():
    # Only FeO reduces with hydrogen (Schwandt et al. 2012): mare (15 % FeO) beats highlands (5 %).
    assert product_yields_kg_kg("hydrogen-reduction", "mare")["O2"] > 2.5 * product_yields_kg_kg(
        "hydrogen-reduction", "highlands")["O2"]
    assert product_yields_kg_kg("hydrogen-reduction", "mare")["Al"] == 0.0
    assert energy_per_kg_oxygen_j_kg("hydrogen-reduction", "highlands") > energy_per_kg_oxygen_j_kg(
        "hydrogen-reduction", "mare")


def test_only_molten_salt_electrolysis_frees_aluminium():
    for process in PROCESSES:
        freed = product_yields_kg_kg(process, "highlands")["Al"]
        assert (freed > 0.1) == (process == "molten-salt-electrolysis")


def test_metal_energy_allocation_returns_process_electricity():
    for process in ("molten-regolith-electrolysis", "carbothermal", "molten-salt-electrolysis"):
        yields = product_yields_kg_kg(process, "mare")
        energy = product_energy_j_kg(process, "mare")
        metals = sum(yields[m] * energy[m] for m in PRODUCTS if m not in ("O2", "glass"))
        assert_allclose(metals, extraction_balance(process, "mare", 1.0).electric_energy_j, rtol=BALANCE_RTOL)


def test_glass_is_whole_melt():
    yields = product_yields_kg_kg("melt-cast-glass", "highlands")
    assert yields["glass"] == 1.0 and yields["O2"] == 0.0
    assert energy_per_kg_oxygen_j_kg("melt-cast-glass", "highlands") == float("inf")


def test_feed_heat_monotonic_shapes_and_bad_input():
    temps = np.array([[1000.0, 1500.0], [1800.0, 2000.0]])
    heat = feed_heat_j_kg(temps, True)
    assert heat.shape == (2, 2) and np.all(np.diff(heat.ravel()) > 0)
    assert isinstance(feed_heat_j_kg(1200.0, False), float)
    assert feed_heat_j_kg(250.0, False) == 0.0
    with pytest.raises(ModelDomainError, match="process_temperature_k"):
        feed_heat_j_kg(100.0, False)


def test_bad_names_and_masses():
    with pytest.raises(ModelDomainError, match="process = 'smelting'"):
        product_yields_kg_kg("smelting", "mare")
    with pytest.raises(ModelDomainError, match="regolith_mass_kg"):
        extraction_balance("carbothermal", "mare", -1.0)
    with pytest.raises(ModelDomainError, match="per = 'mole'"):
        reduction_enthalpy_j_kg("FeO", per="mole")
