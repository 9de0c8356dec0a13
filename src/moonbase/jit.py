"""Formulas written once, run by numpy and compiled by numba.

A model formula decorated with :func:`formula` is a plain Python function: called
from Python it runs on numpy arrays (or floats) as written; referenced from a
:func:`kernel` it is compiled by numba for scalars and inlined. So the timeline's step
kernel and the numpy entry points run the same source, not two copies of it.

Rules for a formula body (so both readings agree):

- arithmetic, ``np.minimum``/``np.maximum``/``np.exp``/``np.log`` and the helpers
  below only; no ``np.errstate``, no ``[()]``, no ``np.asarray``;
- conditionals with :func:`where` (both branches are evaluated, as in numpy; a
  division by zero gives ``inf``/``nan`` in both readings, so guard the chosen branch);
- booleans combined with ``&``/``|`` and negated with ``np.logical_not``.

Compiled kernels are cached on disk (``cache=True``), but numba keys each cache on the
kernel's own file only: a kernel would keep running an old copy of a formula edited in
another module. So the cache lives in a folder named after a fingerprint of every module
that holds compiled code (:data:`COMPILED_MODULES`), under the user's cache
(``$XDG_CACHE_HOME/moonbase/numba/<fingerprint>``, or ``$NUMBA_CACHE_DIR/moonbase/<fingerprint>``
when that is set): editing any of them starts a fresh folder (the next call compiles again,
~15 s), and nothing is written into the installed package, which may be read-only. The
folder is set as ``numba.config.CACHE_DIR`` when this module is imported, before any
kernel is defined; it applies to every numba function cached in the process.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from pathlib import Path

import numba
import numpy as np
from numba import types
from numba.extending import overload, register_jitable

__all__ = ["COMPILED_MODULES", "JIT_OPTIONS", "clip", "compiled", "compiled_sources_fingerprint", "formula",
           "fraction_met", "kernel", "kernel_cache_dir", "row", "where"]

#: numba options of every formula and kernel: numpy's float semantics (1/0 = inf, no exception).
JIT_OPTIONS = {"error_model": "numpy"}


def formula(function):
    """Mark ``function`` as a formula: plain numpy when called, compiled when a kernel calls it."""
    return register_jitable(**JIT_OPTIONS)(function)


def kernel(function):
    """Compile ``function`` with numba (nopython, cached on disk, releases the GIL)."""
    return numba.njit(cache=True, nogil=True, **JIT_OPTIONS)(function)


def compiled(**options):
    """``numba.njit`` with numba's own ``options``, cached like the kernels (for numba code that is not a formula)."""
    return numba.njit(cache=True, **options)


def where(condition, if_true, if_false):
    """``np.where`` for arrays; ``if_true if condition else if_false`` for scalars in a kernel."""
    return np.where(condition, if_true, if_false)


@overload(where, jit_options=JIT_OPTIONS)
def _where_compiled(condition, if_true, if_false):
    if isinstance(condition, types.Boolean):
        def scalar(condition, if_true, if_false):
            return if_true if condition else if_false
        return scalar

    def array(condition, if_true, if_false):
        return np.where(condition, if_true, if_false)
    return array


@formula
def clip(value, low, high):
    """``min(max(value, low), high)`` elementwise (``np.clip`` for scalars and arrays alike)."""
    return np.minimum(np.maximum(value, low), high)


@formula
def fraction_met(available, needed):
    """Share of a need that what is available can meet, in [0, 1] (1 where nothing is needed).

    Every claimant on a shared limit is scaled by this one factor (proportional
    rationing; ``docs/design/timeline.md``): numpy arrays or floats from Python, scalars
    in a kernel.
    """
    return where(needed > 0.0, clip(available / where(needed > 0.0, needed, 1.0), 0.0, 1.0), 1.0)


def row(table, index):
    """Element ``index`` of every column of a NamedTuple of arrays, as the same NamedTuple.

    In a kernel, the per-sample constants are handed to formulas this way, as a tuple of
    floats: passing the tuple of arrays and indexing inside would make numba count
    references to every array at every call (~4x slower for the city's step).
    """
    return type(table)(*(column[index] for column in table))


@overload(row, jit_options=JIT_OPTIONS)
def _row_compiled(table, index):
    fields = ", ".join(f"table[{i}][index]" for i in range(len(table)))
    namespace = {"cls": table.instance_class}
    exec(f"def impl(table, index):\n    return cls({fields})\n", namespace)  # one constructor call per NamedTuple
    return namespace["impl"]


#: The modules (relative to the package) whose source a compiled kernel may contain: the
#: formulas, the kernels and the numba functions. tests/test_jit.py checks the list against
#: the modules that import numba or moonbase.jit.
COMPILED_MODULES = (
    "jit",
    "city.life_support",
    "city.population",
    "city.self_sufficiency",
    "city.step",
    "industry.fab_step",
    "industry.production",
    "industry.step",
    "massdriver.fleet",
    "orbits.ephemeris",
    "orbits.propagator",
    "physics.kardashev",
    "spacecraft.bus_learning",
    "timeline.binding",
    "timeline.cohorts",
    "timeline.step_kernel",
)


def compiled_sources_fingerprint(package: Path, modules: tuple[str, ...] = COMPILED_MODULES) -> str:
    """Short SHA-256 of the sources of ``modules`` in the package folder ``package`` (16 hex digits)."""
    digest = hashlib.sha256()
    for name in modules:
        source = Path(package).joinpath(*name.split(".")).with_suffix(".py").read_bytes()
        digest.update(name.encode() + b"\0" + len(source).to_bytes(8, "little") + source)
    return digest.hexdigest()[:16]


def kernel_cache_dir(fingerprint: str, environ: Mapping[str, str] = os.environ) -> Path:
    """Folder of the compiled kernels of sources with ``fingerprint``, under the user's cache.

    ``$NUMBA_CACHE_DIR/moonbase/<fingerprint>`` when ``NUMBA_CACHE_DIR`` is set, else
    ``$XDG_CACHE_HOME/moonbase/numba/<fingerprint>`` (``~/.cache`` when ``XDG_CACHE_HOME`` is
    unset or not absolute, as the XDG base-directory specification says).
    """
    if environ.get("NUMBA_CACHE_DIR"):
        return Path(environ["NUMBA_CACHE_DIR"]) / "moonbase" / fingerprint
    xdg = environ.get("XDG_CACHE_HOME", "")
    base = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".cache"
    return base / "moonbase" / "numba" / fingerprint


numba.config.CACHE_DIR = str(kernel_cache_dir(compiled_sources_fingerprint(Path(__file__).parent)))
