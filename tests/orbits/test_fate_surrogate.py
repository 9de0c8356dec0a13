"""The fate table: lattice reading, error bound and fallback, learning, and a key that rebuilds.

Small designs: two-day propagations of payloads near lunar escape (they fall back onto the
Moon or leave it, a boundary near 2.33 km/s) on a coarse lattice, so each
test builds a few hundred nodes in seconds.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

from moonbase.constants import SECONDS_PER_DAY
from moonbase.errors import ModelDomainError
from moonbase.orbits import fate_surrogate as fs
from moonbase.orbits import fate_table
from moonbase.orbits.ensembles import LaunchEnsemble
from moonbase.orbits.ephemeris import epoch_from_utc
from moonbase.orbits.fates import FATES
from moonbase.orbits.propagator import PropagatorSettings

DURATION_S = 2.0 * SECONDS_PER_DAY
LATTICE = fs.Lattice(speed_step_m_s=40.0, angle_step_rad=math.radians(2.0), time_step_s=SECONDS_PER_DAY,
                     tile_nodes=(2, 2, 2, 2))
EPOCH = epoch_from_utc("2040-03-01T00:00:00")
ONE_PAYLOAD = 1.0 / 24  # a fraction of an ensemble of 24 payloads


def _key(**changes) -> fs.SurrogateKey:
    return dataclasses.replace(fs.SurrogateKey(0.0, math.pi / 2, 0.0, DURATION_S, lattice=LATTICE), **changes)


def _ensemble(speed_m_s: float, elevation_deg: float = 10.0, seed: int = 0) -> LaunchEnsemble:
    return LaunchEnsemble(0.0, math.pi / 2, 0.0, math.pi / 2, math.radians(elevation_deg), speed_m_s, EPOCH,
                          count=24, duration_s=DURATION_S, speed_sigma_m_s=30.0, angle_sigma_rad=math.radians(1.0),
                          window_s=SECONDS_PER_DAY, seed=seed)


def test_a_payload_on_a_lattice_node_takes_that_nodes_fate(tmp_path):
    key = _key()
    node = np.array([[1640.0, math.radians(90.0), math.radians(10.0), 4.0e8]])  # on the lattice
    table = fs.build_tiles(fs.FateTable.empty(key), fs.needed_tiles(LATTICE, *node.T), cache_dir=tmp_path)
    probabilities, _ = fs.payload_fate_probabilities(table, *node.T)
    expected = fs.launch_fate_codes(key, node)[0]
    assert_allclose(probabilities[0], np.eye(len(FATES))[expected], atol=1e-12)  # multilinear weight 1 on it
    assert_allclose(probabilities.sum(axis=1), [1.0], rtol=1e-12)


def test_needed_tiles_hold_all_sixteen_corners_of_every_cell(tmp_path):
    rng = np.random.default_rng(3)
    inputs = np.column_stack([rng.uniform(1500, 1800, 50), rng.uniform(1.5, 1.6, 50), rng.uniform(0.1, 0.3, 50),
                              rng.uniform(4.0e8, 4.0e8 + 3 * SECONDS_PER_DAY, 50)])
    keys = fs.needed_tiles(LATTICE, *inputs.T)
    table = fs.FateTable.empty(_key()).merged(keys, np.zeros((keys.size, 2, 2, 2, 2), np.int8))
    probabilities, mixed = fs.payload_fate_probabilities(table, *inputs.T)
    assert not mixed.any()  # every corner found (an absent one counts as mixed)
    assert_allclose(probabilities[:, 0], 1.0, rtol=1e-12)


def test_fallback_makes_the_fractions_those_of_direct_propagation(tmp_path):
    key = _key()
    ensembles = [_ensemble(speed) for speed in (2280.0, 2330.0, 2380.0)]  # across the impact / escape boundary
    result = fs.ensemble_fate_fractions(key, ensembles, tolerance=0.0, cache_dir=tmp_path)
    direct = np.array([fs.direct_fate_fractions(e, key.settings) for e in ensembles])
    assert result.fallback_payloads.sum() > 0  # the boundary crosses some cells
    assert_allclose(result.error_bound, 0.0)
    # Exact but for a payload inside a cell whose corners all agree on another fate.
    assert_allclose(result.fractions, direct, atol=ONE_PAYLOAD + 1e-12)
    assert_allclose(result.fractions.sum(axis=1), 1.0, rtol=1e-12)


def test_the_error_bound_bounds_the_error_without_fallback(tmp_path):
    key = _key()
    ensembles = [_ensemble(speed, seed=s) for s, speed in enumerate((2260.0, 2310.0, 2360.0, 2410.0))]
    result = fs.ensemble_fate_fractions(key, ensembles, tolerance=1.0, cache_dir=tmp_path)
    direct = np.array([fs.direct_fate_fractions(e, key.settings) for e in ensembles])
    assert result.fallback_payloads.sum() == 0
    error = np.abs(result.fractions - direct).max(axis=1)
    assert np.all(error <= result.error_bound + ONE_PAYLOAD + 1e-12)


def test_the_table_learns_what_it_propagated_and_is_reused_from_disk(tmp_path):
    key = _key()
    ensembles = [_ensemble(2330.0)]
    first = fs.ensemble_fate_fractions(key, ensembles, tolerance=0.0, cache_dir=tmp_path)
    assert first.fallback_payloads[0] > 0
    again = fs.ensemble_fate_fractions(key, ensembles, tolerance=0.0, cache_dir=tmp_path)  # read from the file
    assert again.fallback_payloads[0] == 0 and again.learned_payloads[0] == first.fallback_payloads[0]
    assert_array_equal(again.fractions, first.fractions)
    assert fs.load_table(key, tmp_path).nodes == first.table.nodes


@pytest.mark.parametrize("change", [
    {"settings": PropagatorSettings(relative_tolerance=1e-10)},
    {"ephemeris": "another ephemeris"},
    {"bodies": (("sun", 1.327e20), ("earth", 3.986e14), ("moon", 4.9e12))},
    {"integrator": "another propagator"},
    {"duration_s": 3.0 * SECONDS_PER_DAY},
])
def test_a_changed_force_model_ephemeris_or_tolerance_rebuilds(tmp_path, change):
    key = _key()
    built = fs.ensemble_fate_fractions(key, [_ensemble(1720.0)], cache_dir=tmp_path).table
    assert built.nodes > 0 and fs.load_table(key, tmp_path).nodes == built.nodes
    other = _key(**change)
    assert fs.cache_path(other, tmp_path) != fs.cache_path(key, tmp_path)
    assert fs.load_table(other, tmp_path).nodes == 0  # nothing of the old table is read under the new key


def test_the_ephemeris_digest_is_part_of_the_default_key(tmp_path, monkeypatch):
    key = _key()
    fs.ensemble_fate_fractions(key, [_ensemble(1720.0)], cache_dir=tmp_path)
    monkeypatch.setattr(fate_table, "ephemeris_digest", lambda: "a new release of the ephemeris data")
    fresh = _key()
    assert fresh.ephemeris == "a new release of the ephemeris data"
    assert fs.load_table(fresh, tmp_path).nodes == 0
    rebuilt = fs.ensemble_fate_fractions(fresh, [_ensemble(1720.0)], cache_dir=tmp_path)
    assert rebuilt.table.nodes > 0  # built afresh under the new key


def test_a_file_holding_another_fingerprint_is_not_read(tmp_path):
    key = _key()
    fs.ensemble_fate_fractions(key, [_ensemble(1720.0)], cache_dir=tmp_path)
    other = _key(lattice=dataclasses.replace(LATTICE, speed_step_m_s=41.0))
    fs.cache_path(key, tmp_path).rename(fs.cache_path(other, tmp_path))  # the right name, the wrong contents
    assert fs.load_table(other, tmp_path).nodes == 0


def test_saving_merges_with_what_another_process_saved(tmp_path):
    key = _key()
    shape = (1, 2, 2, 2, 2)
    fs.save_table(fs.FateTable.empty(key).merged(np.array([5]), np.full(shape, 3, np.int8)), tmp_path)
    fs.save_table(fs.FateTable.empty(key).merged(np.array([7]), np.full(shape, 0, np.int8)), tmp_path)
    table = fs.load_table(key, tmp_path)
    assert_array_equal(table.tile_keys, [5, 7])
    assert_array_equal(table.tiles[:, 0, 0, 0, 0], [3, 0])


def test_the_cache_lives_under_the_users_cache_folder(tmp_path):
    assert fs.fate_cache_dir({"XDG_CACHE_HOME": str(tmp_path)}) == tmp_path / "moonbase" / "fate_surrogate"
    assert fs.fate_cache_dir({fs.CACHE_DIR_ENV: str(tmp_path / "x")}) == tmp_path / "x"
    assert fs.fate_cache_dir({"XDG_CACHE_HOME": "relative"}).parts[-3:] == (".cache", "moonbase", "fate_surrogate")


def test_an_ensemble_from_another_site_is_refused(tmp_path):
    other = dataclasses.replace(_ensemble(1700.0), latitude_rad=0.1)
    with pytest.raises(ModelDomainError, match="ensemble site and duration"):
        fs.ensemble_fate_fractions(_key(), [other], cache_dir=tmp_path)


def test_bad_lattice_is_refused():
    with pytest.raises(ModelDomainError, match="speed_step_m_s"):
        fs.Lattice(speed_step_m_s=0.0)
