"""Heavy-launch cadence: logistic growth of the launch rate, and the mass it lifts.

The timeline calls these once per monthly step with arrays over the sample axis.
Rates are per second and growth rates are continuous (exponential) rates per
second; the scenario layer converts "launches per year" and "%/yr" once.

Design note: ``docs/design/launch_learning.md``.
"""

from __future__ import annotations

import numpy as np

from moonbase.domain import at_least, greater, require as _require, scalar_or_array
from moonbase.physics.logistic import logistic_value

__all__ = ["launch_rate_per_s", "launch_capacity_kg_s"]


def launch_rate_per_s(elapsed_s, initial_rate_per_s, max_rate_per_s, growth_rate_per_s):
    """Heavy-launch rate growing logistically from an initial to a maximum rate [1/s].

    Parameters
    ----------
    elapsed_s : float or array_like
        Time since the start of the span [s], >= 0.
    initial_rate_per_s : float or array_like
        Launch rate at ``elapsed_s = 0`` [1/s], >= 0.
    max_rate_per_s : float or array_like
        Saturation (carrying-capacity) launch rate [1/s], > 0 and
        >= ``initial_rate_per_s``.
    growth_rate_per_s : float or array_like
        Continuous logistic growth rate r [1/s], >= 0 (0.46/yr is 1.46e-8 /s).

    Returns
    -------
    numpy.ndarray or float
        Launch rate [1/s], broadcast over the inputs.

    Notes
    -----
    Verhulst's logistic, solved for the initial value R0 and capacity K:

    .. math:: R(t) = \\frac{K R_0}{R_0 + (K - R_0)\\, e^{-r t}}

    so R(0) = R0, R is monotone non-decreasing in t and never exceeds K, and for
    R << K it is the exponential R0 e^{rt}; evaluated by
    :func:`moonbase.physics.logistic.logistic_value` after the domain checks.

    The logistic is a *scenario shape*, not a law: fitted to SpaceX's orbital
    launches in 2020-2024 (25, 31, 61, 96, 134 a year) with R0 = 25/yr it gives
    K = 484/yr and r = 0.49/yr and predicts 187 for 2025, 13 % above the 165 flown
    [2]_. Five years of the exponential phase barely constrain K (a fit to
    2020-2023 drives K to any upper bound). See ``docs/design/launch_learning.md``.

    References
    ----------
    .. [1] P.-F. Verhulst, "Notice sur la loi que la population suit dans son
       accroissement," Correspondance mathématique et physique 10:113-121 (1838).
    .. [2] Space.com / Spaceflight Now year-end tallies of SpaceX orbital launches,
       2020-2025 (25, 31, 61, 96, 134, 165), as reported on 2025-12-31.

    Examples
    --------
    >>> from moonbase.constants import SECONDS_PER_YEAR as YR
    >>> round(float(launch_rate_per_s(0.0, 25 / YR, 484 / YR, 0.49 / YR) * YR), 6)
    25.0
    """
    elapsed = at_least("elapsed_s", elapsed_s, 0.0, "a time since the span start >= 0 s")
    r0 = at_least("initial_rate_per_s", initial_rate_per_s, 0.0, "a launch rate >= 0 per s")
    k = greater("max_rate_per_s", max_rate_per_s, 0.0, "a launch rate > 0 per s")
    r = at_least("growth_rate_per_s", growth_rate_per_s, 0.0, "a continuous growth rate >= 0 per s")
    _require(k >= r0, "max_rate_per_s", max_rate_per_s, "max_rate_per_s >= initial_rate_per_s")
    with np.errstate(invalid="ignore"):  # R0 = 0 with e^{-rt} underflowing gives 0/0
        rate = np.where(r0 > 0.0, logistic_value(elapsed, r0, k, r), 0.0)
    return scalar_or_array(rate)


def launch_capacity_kg_s(launch_rate_per_s, payload_per_launch_kg):
    """Mass lifted per second by a launch rate and a payload per launch [kg/s].

    Parameters
    ----------
    launch_rate_per_s : float or array_like
        Launches per second [1/s], >= 0.
    payload_per_launch_kg : float or array_like
        Payload mass delivered per launch [kg], >= 0.

    Returns
    -------
    numpy.ndarray or float
        Launched mass flow [kg/s].

    Notes
    -----
    :math:`\\dot m = R\\, m_{payload}`. Every launch is assumed to fly full; a
    load factor belongs in ``payload_per_launch_kg``.

    Examples
    --------
    >>> launch_capacity_kg_s(2.0, 100_000.0)
    200000.0
    """
    rate = at_least("launch_rate_per_s", launch_rate_per_s, 0.0, "a launch rate >= 0 per s")
    payload = at_least("payload_per_launch_kg", payload_per_launch_kg, 0.0, "a payload mass >= 0 kg")
    capacity = rate * payload
    return scalar_or_array(capacity)
