"""The two readings of a formula agree: numpy on arrays (Python) and numba on scalars (the kernels).

Every formula the timeline's step kernel calls is evaluated on random arrays with numpy
and element by element compiled; the results must match to rounding. This catches a
formula written with an operation whose meaning differs between the two (``~`` on a
bool, ``np.where`` on scalars, integer division).
"""

from __future__ import annotations

import numba
import numpy as np
import pytest
from numpy.testing import assert_allclose

from moonbase.industry.production import production_core
from moonbase.jit import clip, formula, row, where
from moonbase.scenario.loader import load_scenario
from moonbase.timeline.city import city_constants, city_step_core
from moonbase.timeline.cohorts import cohort_stock_step
from moonbase.timeline.lunar_surface import lunar_step_core
from moonbase.scenario.params import timeline_params
from moonbase.timeline.rationing import fraction_met

N = 400
RTOL = 1e-12  # same operations in the same order: only the last bit may differ (fused multiply-add)


def _compiled(formula):
    return numba.njit(error_model="numpy")(lambda args: formula(*args))


def _random(rng, kind):
    if kind == "bool":
        return rng.random(N) < 0.5
    if kind == "fraction":
        return np.where(rng.random(N) < 0.1, rng.choice([0.0, 1.0], N), rng.random(N))
    # positive magnitudes over many decades, with exact zeros
    return np.where(rng.random(N) < 0.1, 0.0, 10.0 ** rng.uniform(-3, 9, N))


def _agree(formula, kinds, seed=0):
    rng = np.random.default_rng(seed)
    args = [_random(rng, k) for k in kinds]
    with np.errstate(divide="ignore", invalid="ignore"):
        numpy_values = formula(*args)
    compiled = _compiled(formula)
    numpy_values = numpy_values if isinstance(numpy_values, tuple) else (numpy_values,)
    flat_numpy = _flatten(numpy_values)
    for i in range(N):
        scalar = compiled(tuple(a[i].item() for a in args))
        scalar = scalar if isinstance(scalar, tuple) else (scalar,)
        for j, value in enumerate(_flatten(scalar)):
            assert_allclose(float(value), float(np.asarray(flat_numpy[j])[i]), rtol=RTOL, atol=0.0,
                            err_msg=f"{formula.__name__} output {j} at {[a[i] for a in args]}")


def _flatten(values):
    out = []
    for v in values:
        out.extend(_flatten(v) if isinstance(v, tuple) else [v])
    return out


def test_where_and_clip_agree():
    _agree(formula(lambda c, a, b: where(c, a, b)), ["bool", "magnitude", "magnitude"])
    _agree(formula(lambda x, lo, hi: clip(x, lo, lo + hi)), ["magnitude", "magnitude", "magnitude"])


def test_fraction_met_agrees():
    _agree(fraction_met, ["magnitude", "magnitude"])


def test_cohort_step_agrees():
    _agree(cohort_stock_step, ["magnitude", "magnitude", "magnitude", "fraction", "fraction"])


@pytest.mark.parametrize("seed", [0, 1])
def test_production_core_agrees(seed):
    kinds = ["magnitude", "magnitude", "magnitude", "fraction", "fraction", "fraction", "bool", "magnitude",
             "magnitude", "magnitude", "magnitude", "magnitude", "magnitude", "magnitude", "magnitude", "magnitude"]
    _agree(production_core, kinds, seed)


def test_lunar_step_core_agrees():
    kinds = ["magnitude", "magnitude", "magnitude", "magnitude", "magnitude", "fraction", "bool", "bool",
             "fraction", "magnitude", "magnitude", "magnitude", "magnitude", "magnitude", "fraction", "fraction",
             "fraction", "magnitude", "magnitude", "fraction", "magnitude", "magnitude", "magnitude"]
    _agree(lunar_step_core, kinds)


def test_city_step_core_agrees():
    """The city of alpha (one sample's constants) under random industry states."""
    constants = city_constants(timeline_params(load_scenario("alpha"), 1))
    one = row(constants, 0)
    arrays = type(constants)(*(np.full(N, v) for v in one))

    def city(year, industry, production, local, landing, housed):
        return city_step_core(arrays if np.ndim(industry) else one, 2.6e6, year, industry, production, local,
                              landing, housed)

    rng = np.random.default_rng(3)
    args = [2020.0 + 80.0 * rng.random(N), _random(rng, "magnitude"), _random(rng, "magnitude"),
            _random(rng, "fraction"), _random(rng, "magnitude"), _random(rng, "magnitude") * 1e-3]
    with np.errstate(divide="ignore", invalid="ignore"):
        expected = city(*args)
    compiled = numba.njit(error_model="numpy")(
        lambda c, a: city_step_core(c, 2.6e6, a[0], a[1], a[2], a[3], a[4], a[5]))
    for i in range(N):
        got = compiled(one, tuple(a[i].item() for a in args))
        assert_allclose(got, [np.asarray(e)[i] for e in expected], rtol=RTOL, atol=0.0)


def test_cached_kernels_are_discarded_when_a_formula_module_changes(tmp_path):
    """numba keys a kernel's cache on the kernel's file; jit discards them all when any formula module changes."""
    from moonbase.jit import discard_stale_kernels

    (tmp_path / "formulas.py").write_text("from moonbase.jit import formula\n")
    (tmp_path / "other.py").write_text("x = 1\n")
    cache = tmp_path / "__pycache__"
    cache.mkdir()
    kernel_cache = [cache / "formulas.run-10.py311.nbi", cache / "formulas.run-10.py311.1.nbc"]
    unrelated = cache / "other.f-1.py311.nbi"
    for path in kernel_cache + [unrelated]:
        path.write_text("")
    assert sorted(discard_stale_kernels(tmp_path)) == sorted(kernel_cache)  # first sight: no fingerprint yet
    assert unrelated.exists()
    for path in kernel_cache:
        path.write_text("")
    assert discard_stale_kernels(tmp_path) == []  # unchanged sources: caches kept
    (tmp_path / "other.py").write_text("x = 2\n")
    assert discard_stale_kernels(tmp_path) == []  # a module without formulas does not count
    (tmp_path / "formulas.py").write_text("from moonbase.jit import formula\ny = 3\n")
    assert sorted(discard_stale_kernels(tmp_path)) == sorted(kernel_cache)
