"""Argument checks shared by the city models (arrays in, ``ModelDomainError`` naming the argument out)."""

from __future__ import annotations

import numpy as np

from moonbase.domain import reject


def checked(name, value, bad, expected):
    """``value`` as a float array; raise if ``bad(array)`` flags any element."""
    array = np.asarray(value, dtype=float)
    reject(name, array, bad(array), expected)
    return array


def fraction(name, value):
    """A fraction in [0, 1]."""
    return checked(name, value, lambda a: ~((a >= 0.0) & (a <= 1.0)), "[0, 1]; it is a fraction, not a percent.")


def non_negative(name, value, unit):
    """A value in [0, inf)."""
    return checked(name, value, lambda a: ~(a >= 0.0), f"[0, inf) {unit}.")


def positive(name, value, unit):
    """A value in (0, inf)."""
    return checked(name, value, lambda a: ~(a > 0.0), f"(0, inf) {unit}.")
