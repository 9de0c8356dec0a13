"""Domain checks shared by the model functions: one way to say "outside the valid range".

Models keep their formulas branch-free and vectorised; at their public entry points
they call these checks, which raise :class:`~moonbase.errors.ModelDomainError` naming
the argument, the first offending value and the valid range.

Two message forms, one mechanism:

- :func:`positive`, :func:`non_negative`, :func:`fraction` state the interval
  (``area_m2 = -1 is outside (0, inf) m2.``);
- :func:`greater`, :func:`at_least`, :func:`between` (and :func:`checked` for any
  other condition) state what is expected in words
  (``speed_m_s = -1.0 is outside the valid range; expected a speed > 0 m/s.``).

Each returns its argument as a float array, so a model writes one line per argument.

**Infinity.** An argument must be finite unless its check says otherwise
(``infinite_ok=True``, for arguments where infinity means something, such as an
infinite jerk for a step in acceleration, or no ceiling). NaN is never valid.

**Scalars.** Models accept floats or arrays and return the same kind:
:func:`scalar_or_array` turns a 0-d result into a Python float and leaves arrays as
they are (the one idiom; not ``x[()]``, which gives a numpy scalar).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from moonbase.errors import ModelDomainError

__all__ = ["Params", "require", "reject", "checked", "greater", "at_least", "between", "positive", "non_negative",
           "fraction", "scalar_or_array"]

Params = dict[str, np.ndarray]
"""Flat scenario parameters: one ``(samples,)`` SI array per dotted field path."""


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


def _valid(array: np.ndarray, ok, infinite_ok: bool) -> np.ndarray:
    return ok if infinite_ok else ok & np.isfinite(array)


def checked(name: str, value, ok: Callable[[np.ndarray], np.ndarray], expected: str, *,
            infinite_ok: bool = False) -> np.ndarray:
    """``value`` as a float array, where ``ok(array)`` holds everywhere (and it is finite).

    The message is :func:`require`'s: ``name = v is outside the valid range; expected <expected>.``
    """
    array = np.asarray(value, dtype=float)
    require(_valid(array, ok(array), infinite_ok), name, value, expected)
    return array


def greater(name: str, value, bound: float, expected: str, *, infinite_ok: bool = False) -> np.ndarray:
    """``value`` > ``bound`` everywhere, as a float array (message as :func:`checked`)."""
    return checked(name, value, lambda a: a > bound, expected, infinite_ok=infinite_ok)


def at_least(name: str, value, bound: float, expected: str, *, infinite_ok: bool = False) -> np.ndarray:
    """``value`` >= ``bound`` everywhere, as a float array (message as :func:`checked`)."""
    return checked(name, value, lambda a: a >= bound, expected, infinite_ok=infinite_ok)


def between(name: str, value, low: float, high: float, expected: str, *, low_open: bool = False,
            high_open: bool = False) -> np.ndarray:
    """``low`` <= ``value`` <= ``high`` everywhere (``<`` on an open end), as a float array."""
    def ok(a):
        return ((a > low) if low_open else (a >= low)) & ((a < high) if high_open else (a <= high))
    return checked(name, value, ok, expected)


def _interval(name: str, value, ok, interval: str, hint: str | None, infinite_ok: bool) -> np.ndarray:
    array = np.asarray(value, dtype=float)
    reject(name, array, ~_valid(array, ok(array), infinite_ok), f"{interval}; {hint}." if hint else f"{interval}.")
    return array


def positive(name: str, value, unit: str, *, hint: str | None = None, infinite_ok: bool = False) -> np.ndarray:
    """A value in (0, inf) [``unit``], as a float array: ``name = v is outside (0, inf) unit.``"""
    return _interval(name, value, lambda a: a > 0.0, f"(0, inf) {unit}".rstrip(), hint, infinite_ok)


def non_negative(name: str, value, unit: str, *, hint: str | None = None, infinite_ok: bool = False) -> np.ndarray:
    """A value in [0, inf) [``unit``], as a float array: ``name = v is outside [0, inf) unit.``"""
    return _interval(name, value, lambda a: a >= 0.0, f"[0, inf) {unit}".rstrip(), hint, infinite_ok)


def fraction(name: str, value, *, low_open: bool = False, high_open: bool = False,
             hint: str = "it is a fraction, not a percent") -> np.ndarray:
    """A fraction in [0, 1] (``(``/``)`` on an open end), as a float array.

    Message: ``name = v is outside [0, 1]; it is a fraction, not a percent.``
    """
    def ok(a):
        return ((a > 0.0) if low_open else (a >= 0.0)) & ((a < 1.0) if high_open else (a <= 1.0))
    interval = f"{'(' if low_open else '['}0, 1{')' if high_open else ']'}"
    return _interval(name, value, ok, interval, hint, infinite_ok=False)


def scalar_or_array(value):
    """A 0-d result as a Python float, an array unchanged."""
    return value if np.ndim(value) else float(value)
