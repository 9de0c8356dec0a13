"""Domain checks shared by the model functions: one way to say "outside the valid range".

Models keep their formulas branch-free and vectorised; at their public entry points
they call these checks, which raise :class:`~moonbase.errors.ModelDomainError` naming
the argument, the first offending value and the valid range.
"""

from __future__ import annotations

import numpy as np

from moonbase.errors import ModelDomainError


def _first_offender(value, bad) -> object:
    array = np.asarray(value)
    if array.ndim == 0:
        return value
    try:
        return np.broadcast_to(array, np.shape(bad))[bad].flat[0]
    except ValueError:  # shapes that do not broadcast: show the value itself
        return value


def require(condition, name: str, value, expected: str) -> None:
    """Raise ModelDomainError naming ``name`` where ``condition`` is False anywhere."""
    ok = np.asarray(condition, dtype=bool)
    if not np.all(ok):
        shown = _first_offender(value, ~ok)
        raise ModelDomainError(f"{name} = {shown!r} is outside the valid range; expected {expected}.")


def reject(name: str, values, bad, expected: str) -> None:
    """Raise ModelDomainError naming the first element of ``values`` flagged in ``bad``."""
    if np.any(bad):
        first = np.broadcast_to(values, np.shape(bad))[bad].flat[0]
        raise ModelDomainError(f"{name} = {first:g} is outside {expected}")


def scalar_or_array(value):
    """A 0-d result as a Python float, an array result unchanged."""
    return value if np.ndim(value) else float(value)


Params = dict[str, np.ndarray]
"""Flat scenario parameters: one ``(samples,)`` SI array per dotted field path."""
