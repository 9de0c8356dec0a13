"""The two readings of a formula agree: numpy on arrays (Python) and numba on scalars (the kernels).

Every formula the timeline's step kernel calls is evaluated on random arrays with numpy
and element by element compiled; the results must match to rounding. This catches a
formula written with an operation whose meaning differs between the two (``~`` on a
bool, ``np.where`` on scalars, integer division).
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import numba
import numpy as np
import pytest
from numpy.testing import assert_allclose

import moonbase.jit
from moonbase.city.step import city_constants, city_step_core
from moonbase.industry.fab_step import (
    FabConstants,
    FabState,
    fab_build_core,
    fab_output_core,
    fab_queue_core,
)
from moonbase.industry.production import ProductionStep, production_core
from moonbase.industry.step import (
    LunarConstants,
    LunarInputs,
    LunarPlan,
    lunar_step_core,
)
from moonbase.jit import (
    COMPILED_MODULES,
    clip,
    compiled_sources_fingerprint,
    formula,
    fraction_met,
    kernel_cache_dir,
    row,
    where,
)
from moonbase.scenario.loader import load_scenario
from moonbase.scenario.params import city_choices, timeline_params
from moonbase.timeline.cohorts import cohort_stock_step

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
    """Random constants and inputs, given by name (:class:`LunarConstants`, :class:`LunarInputs`)."""
    rng = np.random.default_rng(2)
    fractions = {"max_launch_share", "satellite_share", "escape", "local_fraction", "satellite_import_fraction"}
    flags = {"fab", "mass_driver_ready"}

    def draw(names):
        return {n: _random(rng, "bool" if n in flags else "fraction" if n in fractions else "magnitude") for n in names}

    constants = LunarConstants(**draw(LunarConstants._fields))
    inputs = LunarInputs(**draw(LunarInputs._fields))
    with np.errstate(divide="ignore", invalid="ignore"):
        expected = _flatten(lunar_step_core(constants, 2.6e6, inputs))
    compiled = numba.njit(error_model="numpy")(lambda c, x: lunar_step_core(c, 2.6e6, x))
    for i in range(N):
        got = _flatten(compiled(row(constants, i), row(inputs, i)))
        assert_allclose(np.asarray(got, dtype=float), [float(np.asarray(e)[i]) for e in expected], rtol=RTOL,
                        atol=0.0)


def test_step_formulas_return_their_named_results():
    """The kernel reads results by field name: each formula returns its NamedTuple, with every field."""
    rng = np.random.default_rng(4)
    constants = LunarConstants(*(_random(rng, "magnitude") for _ in LunarConstants._fields))
    inputs = LunarInputs(*(_random(rng, "bool" if f in ("fab", "mass_driver_ready") else "magnitude")
                           for f in LunarInputs._fields))
    with np.errstate(divide="ignore", invalid="ignore"):
        plan = lunar_step_core(constants, 2.6e6, inputs)
    assert type(plan) is LunarPlan and type(plan.production) is ProductionStep
    compiled = numba.njit(error_model="numpy")(lambda c, x: lunar_step_core(c, 2.6e6, x))
    scalar = compiled(row(constants, 0), row(inputs, 0))
    assert scalar._fields == LunarPlan._fields and scalar.production._fields == ProductionStep._fields


def test_city_step_core_agrees():
    """The city of alpha (one sample's constants) under random industry states."""
    scenario = load_scenario("alpha")
    constants = city_constants(timeline_params(scenario, 1), city_choices(scenario))
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


PACKAGE = Path(moonbase.jit.__file__).parent


def _copy_package(destination: Path) -> Path:
    copy = destination / "moonbase"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def test_compiled_modules_are_the_modules_with_compiled_code():
    """Every module that imports numba or moonbase.jit is fingerprinted, and only those."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if re.search(r"^\s*(import numba|from numba|from moonbase\.jit import|import moonbase\.jit)", text, re.M):
            found.add(".".join(path.relative_to(PACKAGE).with_suffix("").parts))
    assert found | {"jit"} == set(COMPILED_MODULES)


def test_fingerprint_changes_when_a_formula_module_changes(tmp_path):
    copy = _copy_package(tmp_path)
    before = compiled_sources_fingerprint(copy)
    assert before == compiled_sources_fingerprint(PACKAGE)
    assert moonbase.jit.numba.config.CACHE_DIR.endswith(before)  # the running package uses its own folder
    production = copy / "industry" / "production.py"
    source = production.read_text(encoding="utf-8")
    production.write_text(source.replace("return", "return  ", 1), encoding="utf-8")
    assert compiled_sources_fingerprint(copy) != before  # one formula module edited: a new folder
    production.write_text(source, encoding="utf-8")
    assert compiled_sources_fingerprint(copy) == before
    (copy / "web" / "app.py").write_text("x = 1\n", encoding="utf-8")
    assert compiled_sources_fingerprint(copy) == before  # a module without compiled code does not count


def test_kernel_cache_dir_is_under_the_users_cache(tmp_path):
    home = Path.home()
    assert kernel_cache_dir("ab12", {}) == home / ".cache" / "moonbase" / "numba" / "ab12"
    assert kernel_cache_dir("ab12", {"XDG_CACHE_HOME": str(tmp_path)}) == tmp_path / "moonbase" / "numba" / "ab12"
    assert kernel_cache_dir("ab12", {"XDG_CACHE_HOME": "relative"}) == home / ".cache" / "moonbase" / "numba" / "ab12"
    assert kernel_cache_dir("ab12", {"NUMBA_CACHE_DIR": str(tmp_path), "XDG_CACHE_HOME": "/x"}) == (
        tmp_path / "moonbase" / "ab12")


_READ_ONLY_RUN = """
import numpy as np, numba
from moonbase.orbits.ephemeris import table_positions
out = np.zeros(3)
table_positions(np.ones((1, 2, 3)), np.array([3, 3]), 0.0, 1.0, 0.75, out)
print(numba.config.CACHE_DIR)
print(out.tolist())
"""


def test_kernels_run_and_cache_from_a_read_only_install(tmp_path):
    """A package that cannot be written to still compiles, runs and caches its kernels (in the user's cache).

    Run as root the permission bits are not enforced, so the test also checks that no file
    at all appeared in the package copy.
    """
    site = tmp_path / "site"
    copy = _copy_package(site)
    for path in [copy, *copy.rglob("*")]:
        path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    env = {key: value for key, value in os.environ.items() if not key.startswith(("NUMBA_", "XDG_"))}
    env.update(PYTHONPATH=str(site), HOME=str(tmp_path / "home"), XDG_CACHE_HOME=str(tmp_path / "cache"),
               PYTHONDONTWRITEBYTECODE="1")
    try:
        for _ in range(2):  # compile and save, then load from the cache
            done = subprocess.run([sys.executable, "-c", _READ_ONLY_RUN], env=env, capture_output=True, text=True,
                                  timeout=300, check=False)
            assert done.returncode == 0, done.stderr
            assert "cannot cache" not in done.stderr.lower()
        cache_dir, positions = done.stdout.split("\n")[:2]
        assert Path(cache_dir) == tmp_path / "cache" / "moonbase" / "numba" / compiled_sources_fingerprint(copy)
        assert positions == "[1.5, 1.5, 1.5]"  # c0 + tau c1, tau = 2 (0.75 - 0) / 1 - 1 = 0.5
        assert list(Path(cache_dir).rglob("*table_positions*.nbi")), "the kernel was not cached in the user's cache"
        assert not [path for path in copy.rglob("*") if path.suffix in (".nbi", ".nbc", ".pyc", ".sha256")]
    finally:
        for path in [copy, *copy.rglob("*")]:
            path.chmod(path.stat().st_mode | stat.S_IWUSR)


def test_fab_formulas_agree():
    """The fab's queue, output and build formulas: numpy and compiled readings, on random states."""
    rng = np.random.default_rng(6)
    fractions = {"earth_fraction", "growth_share", "max_power_share"}

    def draw(cls):
        return cls(**{n: _random(rng, "fraction" if n in fractions else "magnitude") for n in cls._fields})

    c, state = draw(FabConstants), draw(FabState)
    wanted, power, short, growth, landed, used = (_random(rng, "magnitude") for _ in range(6))
    start = _random(rng, "bool")
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        expected = [_flatten(fab_output_core(c, 2.6e6, state, wanted, power)),
                    _flatten(fab_queue_core(c, 2.6e6, state, start, short, growth)),
                    _flatten(fab_build_core(c, 2.6e6, state, landed, used))]
    compiled = numba.njit(error_model="numpy")(
        lambda c, x, w, p, st, sh, g, la, u: (fab_output_core(c, 2.6e6, x, w, p), fab_queue_core(c, 2.6e6, x, st, sh, g),
                                             fab_build_core(c, 2.6e6, x, la, u)))
    for i in range(N):
        got = compiled(row(c, i), row(state, i), wanted[i], power[i], start[i], short[i], growth[i], landed[i], used[i])
        for values, reference in zip(got, expected, strict=True):
            assert_allclose(np.asarray(_flatten(values), dtype=float), [float(np.asarray(e)[i]) for e in reference],
                            rtol=RTOL, atol=0.0)
