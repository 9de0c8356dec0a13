"""Tests of moonbase.industry.satellite_bom."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from moonbase.errors import ModelDomainError
from moonbase.industry.satellite_bom import (
    SATELLITE_PARTS,
    satellite_bill_of_materials,
    satellite_import_fraction,
    satellite_local_mass_fraction,
)

SUM_RTOL = 1e-12  # sums of six floats


def _bom():
    return satellite_bill_of_materials(400.0, 300.0, 150.0, 100.0, 50.0, 0.25)


def test_parts_sum_to_satellite_mass():
    assert_allclose(sum(_bom().values()), 1000.0, rtol=SUM_RTOL)
    assert set(_bom()) == {p.name for p in SATELLITE_PARTS}


def test_local_fraction_rises_by_generation_and_needs_fab_for_chips():
    bom = _bom()
    fractions = [satellite_local_mass_fraction(bom, g, False) for g in range(7)]
    assert fractions[0] == 0.0
    assert np.all(np.diff(fractions) >= 0.0)
    assert_allclose(fractions[-1], 0.9, rtol=SUM_RTOL)  # chips (100 kg of 1,000) stay imported without the fab
    assert_allclose(satellite_local_mass_fraction(bom, 6, True), 1.0, rtol=SUM_RTOL)
    assert satellite_local_mass_fraction(bom, 2, True) == satellite_local_mass_fraction(bom, 2, False)


def test_metzger_order_solar_cells_before_electronics():
    # Metzger et al. (2013) Table 1: solar cells from Gen 1.0-2.0, PC cards at 3.0, chips at 5.0.
    first = {p.name: p.first_generation_index for p in SATELLITE_PARTS}
    assert first["solar_array"] < first["compute_boards"] < first["chips"]


def test_local_fraction_broadcasts_over_generations():
    out = satellite_local_mass_fraction(_bom(), np.arange(7)[:, None], np.array([False, True]))
    assert out.shape == (7, 2)


def test_import_fraction_timeline_form():
    assert satellite_import_fraction(0.99, 0.05, False) == 0.05
    assert_allclose(satellite_import_fraction(0.99, 0.05, True), 0.01, rtol=1e-9)
    assert satellite_import_fraction(0.5, 0.05, False) == 0.5
    assert satellite_import_fraction(1.0, 0.0, True) == 0.0
    out = satellite_import_fraction(np.array([[0.5], [0.99]]), 0.05, np.array([False, True]))
    assert out.shape == (2, 2)


def test_bad_inputs_name_the_argument():
    with pytest.raises(ModelDomainError, match="radiator_mass_kg"):
        satellite_bill_of_materials(1.0, 1.0, -1.0, 1.0, 1.0, 0.2)
    with pytest.raises(ModelDomainError, match="chip_mass_fraction_of_compute"):
        satellite_bill_of_materials(1.0, 1.0, 1.0, 1.0, 1.0, 1.2)
    with pytest.raises(ModelDomainError, match="local_fraction"):
        satellite_import_fraction(1.5, 0.05, False)
