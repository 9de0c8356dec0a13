"""Tests of moonbase.industry.regolith (Lunar Sourcebook Table 7.15 compositions)."""

from __future__ import annotations

import pytest
from numpy.testing import assert_allclose

from moonbase.errors import ModelDomainError
from moonbase.industry.regolith import (
    LCROSS_WATER_MASS_FRACTION,
    OXIDE_WEIGHT_PERCENT,
    element_mass_fractions,
    oxide_mass_fractions,
    oxide_molar_mass_kg_mol,
    oxygen_mass_fraction,
)

SUM_RTOL = 1e-12  # sums of a dozen floats: only rounding
TABLE_DIGITS_RTOL = 0.013  # the table's totals are 98.8-100.4 %: normalising moves a fraction by < 1.3 %


def test_oxide_fractions_match_lunar_sourcebook_table_7_15():
    # Heiken et al. (1991) Table 7.15: Apollo 16 average soil 27.3 % Al2O3, 5.1 % FeO;
    # Apollo 11 soil 10002: 7.8 % TiO2, 15.3 % FeO.
    assert_allclose(oxide_mass_fractions("highlands")["Al2O3"], 0.273, rtol=TABLE_DIGITS_RTOL)
    assert_allclose(oxide_mass_fractions("highlands")["FeO"], 0.051, rtol=TABLE_DIGITS_RTOL)
    assert_allclose(oxide_mass_fractions("mare")["TiO2"], 0.078, rtol=TABLE_DIGITS_RTOL)
    assert_allclose(oxide_mass_fractions("mare")["FeO"], 0.153, rtol=TABLE_DIGITS_RTOL)


@pytest.mark.parametrize("regolith", sorted(OXIDE_WEIGHT_PERCENT))
def test_fractions_sum_to_one_and_conserve_mass(regolith):
    assert_allclose(sum(oxide_mass_fractions(regolith).values()), 1.0, rtol=SUM_RTOL)
    assert_allclose(sum(element_mass_fractions(regolith).values()), 1.0, rtol=SUM_RTOL)
    assert 0.40 < oxygen_mass_fraction(regolith) < 0.48


def test_highlands_richer_in_aluminium_mare_in_iron_and_titanium():
    high, mare = element_mass_fractions("highlands"), element_mass_fractions("mare")
    assert high["Al"] > 1.8 * mare["Al"]
    assert mare["Fe"] > 2.5 * high["Fe"]
    assert mare["Ti"] > 10 * high["Ti"]


def test_polar_icy_carries_lcross_water():
    # Colaprete et al. (2010): 5.6 % water by mass in Cabeus regolith.
    assert_allclose(oxide_mass_fractions("polar-icy")["H2O"], LCROSS_WATER_MASS_FRACTION, rtol=SUM_RTOL)
    assert "H2O" not in oxide_mass_fractions("polar")


def test_molar_mass_of_silica_iupac():
    assert_allclose(oxide_molar_mass_kg_mol("SiO2"), 60.083e-3, rtol=1e-5)  # IUPAC 2021 gives 5 digits


def test_unknown_regolith_and_oxide_name_the_argument():
    with pytest.raises(ModelDomainError, match="regolith = 'cheese'.*highlands"):
        oxide_mass_fractions("cheese")
    with pytest.raises(ModelDomainError, match="oxide = 'FeS'"):
        oxide_molar_mass_kg_mol("FeS")
