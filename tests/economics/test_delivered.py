"""Tests of moonbase.economics.delivered: the peak -> delivered chain and its binding factor."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from moonbase.economics.delivered import FACTORS, delivered_compute, limit_factor, network_factor, tier_delivery
from moonbase.errors import ModelDomainError
from moonbase.scenario.loader import load_scenario
from moonbase.scenario.params import timeline_params


def test_spacedc_waterfall_reproduced():
    # spacedc-mdao 0.4.2 1 MW text inference: 0.55 x 0.75 x 0.818 x 0.85 = 28.68 % delivered (its README: 29 %)
    d = delivered_compute(1.0, sustained=0.55, network=0.75, availability=0.8179548679592988, utilisation=0.85)
    assert_allclose(d.delivered_fraction, 0.2868, atol=5e-5)  # the package prints 28.68 %
    assert str(d.binding) == "network"


def test_product_and_stages():
    d = delivered_compute(1e18, sustained=0.5, power=0.9, thermal=0.8, network=0.7, availability=0.99, utilisation=0.6)
    assert_allclose(d.delivered_flop_s, 1e18 * 0.5 * 0.9 * 0.8 * 0.7 * 0.99 * 0.6, rtol=1e-12)
    assert list(d.stages_flop_s) == list(FACTORS)
    assert_allclose(d.stages_flop_s["utilisation"], d.delivered_flop_s, rtol=1e-12)
    assert str(d.binding) == "utilisation"


def test_nothing_binds_when_all_factors_are_one_and_zero_in_zero_out():
    d = delivered_compute(0.0, sustained=0.5)
    assert d.delivered_flop_s == 0.0
    assert str(d.binding) == "none"  # sustained alone never binds


def test_limit_factor():
    assert_allclose(limit_factor([50.0, 150.0, 0.0], [100.0, 100.0, 0.0]), [0.5, 1.0, 1.0])


def test_network_factor_is_the_workload_mix():
    # one AU away interactive inference (20 % of the mix) misses its 1 s budget
    assert_allclose(network_factor(1000.0, 1e15, 1e18), 0.8, rtol=1e-12)


def test_shapes_broadcast_over_samples():
    d = delivered_compute(np.array([1.0, 2.0]), network=np.array([[0.5], [1.0]]))
    assert d.delivered_flop_s.shape == (2, 2)
    assert d.binding.shape == (2, 2)
    assert d.binding[0, 0] == "network" and d.binding[1, 0] == "none"


def test_tiers_of_the_alpha_scenario():
    p = timeline_params(load_scenario("alpha"))
    ground = tier_delivery(p, "ground", availability=0.995)
    orbit = tier_delivery(p, "earth_orbit")
    deep = tier_delivery(p, "deep_space")
    assert_allclose(ground.delivered_fraction, 0.55 * 0.995 * 0.85, rtol=1e-12)
    assert orbit.factors["power"][0] < 1.0  # eclipses of the dawn-dusk orbit shed load
    assert str(deep.binding[0]) == "network"  # light time rules out interactive inference
    with pytest.raises(ValueError, match="tier"):
        tier_delivery(p, "lunar_surface")


@pytest.mark.parametrize("kwargs, name", [
    ({"peak_flop_s": -1.0}, "peak_flop_s"),
    ({"peak_flop_s": 1.0, "network": 1.5}, "network"),
    ({"peak_flop_s": 1.0, "utilisation": -0.1}, "utilisation"),
])
def test_bad_input_names_the_argument(kwargs, name):
    with pytest.raises(ModelDomainError, match=name):
        delivered_compute(**kwargs)
