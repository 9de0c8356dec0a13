"""Tests of moonbase.launch.price_learning (Wright's law and its inverse)."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from moonbase.errors import ModelDomainError
from moonbase.launch.price_learning import (
    cumulative_mass_for_price_kg,
    learning_exponent,
    wright_price_usd_per_kg,
)

FLOAT_RTOL = 1e-12  # identities of the formula: only float rounding
REF_PRICE = 1800.0  # USD/kg, Agüera y Arcas et al. (2025): Falcon Heavy era
REF_MASS_KG = 400e3  # ~400 t cumulative launched mass


def test_wright_price_matches_wright_1936_80_percent_curve():
    doublings = np.arange(6)
    price = wright_price_usd_per_kg(REF_MASS_KG * 2.0**doublings, REF_PRICE, REF_MASS_KG, 0.2)
    assert_allclose(price, REF_PRICE * 0.8**doublings, rtol=FLOAT_RTOL)


def test_wright_price_matches_aguera_y_arcas_2025_200_usd_per_kg():
    mass = cumulative_mass_for_price_kg(200.0, REF_PRICE, REF_MASS_KG, 0.2)
    doublings = np.log2(mass / REF_MASS_KG)
    assert_allclose(doublings, 9.85, atol=0.005)  # the paper quotes two decimals
    assert_allclose(mass, 370e6, rtol=0.01)  # "~370,000 t"


def test_inverse_round_trip_with_floor():
    mass = np.geomspace(1e3, 1e12, 25)
    price = wright_price_usd_per_kg(mass, REF_PRICE, REF_MASS_KG, 0.15, floor_price_usd_per_kg=30.0)
    back = cumulative_mass_for_price_kg(price, REF_PRICE, REF_MASS_KG, 0.15, floor_price_usd_per_kg=30.0)
    assert_allclose(back, mass, rtol=1e-9)  # a power and its inverse lose a few ulps per decade


def test_wright_price_invariants():
    mass = np.geomspace(REF_MASS_KG / 100, REF_MASS_KG * 1e6, 50)
    price = wright_price_usd_per_kg(mass, REF_PRICE, REF_MASS_KG, 0.2, floor_price_usd_per_kg=50.0)
    assert np.all(np.diff(price) < 0.0)
    assert np.all(price > 50.0)
    assert_allclose(wright_price_usd_per_kg(REF_MASS_KG, REF_PRICE, REF_MASS_KG, 0.2, 50.0), REF_PRICE,
                    rtol=FLOAT_RTOL)
    # No learning: the price never moves.
    assert_allclose(wright_price_usd_per_kg(mass, REF_PRICE, REF_MASS_KG, 0.0), REF_PRICE, rtol=FLOAT_RTOL)
    # With a floor, the learnable part halves... by (1 - LR) per doubling.
    above = wright_price_usd_per_kg(2 * REF_MASS_KG, REF_PRICE, REF_MASS_KG, 0.2, 50.0) - 50.0
    assert_allclose(above, 0.8 * (REF_PRICE - 50.0), rtol=FLOAT_RTOL)
    assert learning_exponent(0.2) == pytest.approx(np.log2(0.8), rel=FLOAT_RTOL)


def test_wright_price_shapes():
    samples_lr = np.array([0.1, 0.2, 0.3])
    masses = np.array([1e6, 1e7, 1e8, 1e9])
    grid = wright_price_usd_per_kg(masses[None, :], REF_PRICE, REF_MASS_KG, samples_lr[:, None])
    assert grid.shape == (3, 4)
    for i, lr in enumerate(samples_lr):
        assert_allclose(grid[i], wright_price_usd_per_kg(masses, REF_PRICE, REF_MASS_KG, lr), rtol=FLOAT_RTOL)
        assert_allclose(grid[i, 2], wright_price_usd_per_kg(1e8, REF_PRICE, REF_MASS_KG, lr), rtol=FLOAT_RTOL)
    assert isinstance(wright_price_usd_per_kg(1e6, REF_PRICE, REF_MASS_KG, 0.2), float)


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        (dict(cumulative_mass_kg=0.0), "cumulative_mass_kg"),
        (dict(reference_cumulative_mass_kg=-1.0), "reference_cumulative_mass_kg"),
        (dict(learning_rate=1.0), "learning_rate"),
        (dict(learning_rate=-0.1), "learning_rate"),
        (dict(floor_price_usd_per_kg=-1.0), "floor_price_usd_per_kg"),
        (dict(floor_price_usd_per_kg=REF_PRICE), "reference_price_usd_per_kg"),
    ],
)
def test_wright_price_bad_input(kwargs, name):
    args = dict(cumulative_mass_kg=1e6, reference_price_usd_per_kg=REF_PRICE,
                reference_cumulative_mass_kg=REF_MASS_KG, learning_rate=0.2)
    args.update(kwargs)
    with pytest.raises(ModelDomainError, match=name):
        wright_price_usd_per_kg(**args)


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        (dict(learning_rate=0.0), "learning_rate"),
        (dict(target_price_usd_per_kg=40.0, floor_price_usd_per_kg=50.0), "target_price_usd_per_kg"),
        (dict(reference_cumulative_mass_kg=0.0), "reference_cumulative_mass_kg"),
    ],
)
def test_cumulative_mass_bad_input(kwargs, name):
    args = dict(target_price_usd_per_kg=200.0, reference_price_usd_per_kg=REF_PRICE,
                reference_cumulative_mass_kg=REF_MASS_KG, learning_rate=0.2)
    args.update(kwargs)
    with pytest.raises(ModelDomainError, match=name):
        cumulative_mass_for_price_kg(**args)
