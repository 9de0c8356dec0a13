"""Logistic (Verhulst) growth from an initial value toward a ceiling."""

from __future__ import annotations

import numpy as np


def logistic_value(elapsed_s, initial, maximum, growth_rate_per_s):
    """Value of a logistic curve at ``elapsed_s`` (same unit as ``initial``).

    Parameters
    ----------
    elapsed_s : float or array_like
        Time since the curve's start [s].
    initial : float or array_like
        Value at ``elapsed_s = 0`` (any unit), >= 0.
    maximum : float or array_like
        Ceiling (carrying capacity), same unit, >= ``initial``.
    growth_rate_per_s : float or array_like
        Continuous early growth rate r [1/s].

    Returns
    -------
    numpy.ndarray or float
        ``K x0 / (x0 + (K - x0) exp(-r t))``: equals ``initial`` at t = 0, tends to
        ``maximum``, exponential ``x0 e^{rt}`` while far below it.

    Notes
    -----
    Verhulst's solution of dx/dt = r x (1 - x/K); the form stays finite for x0 = 0.
    A scenario shape, not a law of nature: used for demand-side and supply-side
    growth (ground data centres, accelerator production) whose ceilings are inputs.

    References
    ----------
    .. [1] P.-F. Verhulst, "Notice sur la loi que la population suit dans son
       accroissement," Correspondance mathématique et physique 10:113-121 (1838).

    Examples
    --------
    >>> logistic_value(0.0, 2.0, 10.0, 1.0)
    2.0
    """
    x0 = np.asarray(initial, dtype=float)
    k = np.asarray(maximum, dtype=float)
    value = k * x0 / (x0 + (k - x0) * np.exp(-np.asarray(growth_rate_per_s, dtype=float) * np.asarray(elapsed_s, dtype=float)))
    return value if np.ndim(value) else float(value)
