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

Numba caches compiled kernels on disk next to the source (``cache=True``) but keys each
cache on the kernel's own file only: a kernel would keep running an old copy of a formula
edited in another module. So on import this module fingerprints the source of every module
that uses it and, when the fingerprint changed, discards those modules' cached kernels
(:func:`discard_stale_kernels`; the next call compiles them again, ~15 s).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numba
import numpy as np
from numba import types
from numba.extending import overload, register_jitable

__all__ = ["JIT_OPTIONS", "clip", "discard_stale_kernels", "formula", "fraction_met", "kernel", "row", "where"]

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


#: Where the fingerprint of the kernel-bearing sources is kept, relative to the package.
FINGERPRINT_FILE = Path("__pycache__") / "jit-kernels.sha256"


def discard_stale_kernels(package: Path | None = None) -> list[Path]:
    """Delete the cached kernels of ``package``'s formula modules if any of them changed.

    The modules are the ``.py`` files that import :mod:`moonbase.jit`; their contents are
    hashed together and compared with the hash stored when the caches were last valid.
    Returns the cache files deleted (none when nothing changed or the folder is read-only,
    as in an installed package, whose sources do not change).
    """
    package = Path(__file__).parent if package is None else Path(package)
    try:
        modules = sorted(path for path in package.rglob("*.py")
                         if path.name != "jit.py" and "moonbase.jit import" in path.read_text(encoding="utf-8"))
        digest = hashlib.sha256()
        for path in modules + [Path(__file__)] * (package == Path(__file__).parent):
            digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
        stamp = package / FINGERPRINT_FILE
        if stamp.exists() and stamp.read_text() == digest.hexdigest():
            return []
        deleted = []
        for path in modules:
            for cached in (path.parent / "__pycache__").glob(f"{path.stem}.*.nb[ic]"):
                cached.unlink(missing_ok=True)
                deleted.append(cached)
        stamp.parent.mkdir(exist_ok=True)
        stamp.write_text(digest.hexdigest())
        return deleted
    except OSError:  # a read-only install, or another process racing us: numba recompiles if it must
        return []


discard_stale_kernels()
