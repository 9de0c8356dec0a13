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

Numba caches compiled kernels on disk next to the source (``cache=True``); the cache
of a kernel is keyed on the kernel's own file, so after editing a formula in another
module, remove ``src/moonbase/**/__pycache__/*.nb[ic]`` (the tests compare the kernel
with the numpy reading of every formula, which catches a stale cache).
"""

from __future__ import annotations

import numba
import numpy as np
from numba import types
from numba.extending import overload, register_jitable

__all__ = ["JIT_OPTIONS", "clip", "formula", "kernel", "row", "where"]

#: numba options of every formula and kernel: numpy's float semantics (1/0 = inf, no exception).
JIT_OPTIONS = {"error_model": "numpy"}


def formula(function):
    """Mark ``function`` as a formula: plain numpy when called, compiled when a kernel calls it."""
    return register_jitable(**JIT_OPTIONS)(function)


def kernel(function):
    """Compile ``function`` with numba (nopython, cached on disk, releases the GIL)."""
    return numba.njit(cache=True, nogil=True, **JIT_OPTIONS)(function)


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
