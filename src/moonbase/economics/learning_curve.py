"""Cost of a production run on a unit learning curve (Crawford's model).

Wright's law in moonbase drives a *price* with cumulative mass
(:mod:`moonbase.launch.price_learning`). A production estimate needs the other reading:
the cost of the n-th unit falls as ``T_n = T_1 n^b`` (Crawford's unit formulation,
``b = log2(learning curve)``, an "80 % curve" is 0.8), and a run of N units costs
the sum of its unit costs.
"""

from __future__ import annotations

import numpy as np

from moonbase.domain import reject as _reject
from moonbase.domain import scalar_or_array

__all__ = ["unit_learning_cumulative_cost_usd"]

#: Units summed term by term; beyond them a corrected midpoint integral (see the Notes).
_EXACT_UNITS = 64


def unit_learning_cumulative_cost_usd(first_unit_cost_usd, units, learning_curve):
    """Cumulative cost of the first ``units`` units on a Crawford unit learning curve [USD].

    Parameters
    ----------
    first_unit_cost_usd : float or array_like
        Cost of the first unit [USD], >= 0.
    units : float or array_like
        Number of units produced [-], >= 1 (whole units; a fraction is rounded down).
    learning_curve : float or array_like
        Unit cost after a doubling of the units produced, as a fraction of the cost
        before [-], in (0, 1]: 0.75 for a "75 % curve" (a 25 % learning rate).

    Returns
    -------
    numpy.ndarray or float
        :math:`C_N = T_1 \\sum_{n=1}^{N} n^{b}`, :math:`b = \\log_2(\\text{curve})` [USD].

    Notes
    -----
    The first 64 units are summed term by term; the rest by the midpoint integral
    :math:`\\int_{64.5}^{N+1/2} x^b\\,dx` less its first Euler-Maclaurin correction
    :math:`[f'(N+1/2) - f'(64.5)]/24` with :math:`f' = b x^{b-1}`; the remainder is of
    the order of the third derivative at 64.5, below 1e-9 of the sum for curves in
    [0.3, 1] (tested against the term-by-term sum), so 10^6 units cost one call, not
    10^6 terms. This is the model of the NASA OTPS study
    [1]_ (Appendix B, its Python listing: ``cumsum(T1 * curve ** log2(n))``); a
    cumulative-average formulation (T. P. Wright 1936) gives lower totals for the same
    curve.

    References
    ----------
    .. [1] E. Rodgers et al., "Space-Based Solar Power," NASA Office of Technology,
       Policy, and Strategy, report 20230018600, 11 January 2024, Appendix B, pp. 44-46
       (module manufacturing: first unit 1 MUSD, 75 % curve, 1,463,000 modules,
       6.9 GUSD).

    Examples
    --------
    >>> round(unit_learning_cumulative_cost_usd(1.0, 2, 0.8), 6)
    1.8
    >>> round(unit_learning_cumulative_cost_usd(1e6, 1_463_000, 0.75) / 1e9, 1)  # NASA OTPS: 6.9 B USD
    6.9
    """
    first = np.asarray(first_unit_cost_usd, dtype=float)
    _reject("first_unit_cost_usd", first, ~((first >= 0.0) & np.isfinite(first)), "[0, inf) USD")
    count = np.asarray(units, dtype=float)
    _reject("units", count, ~((count >= 1.0) & np.isfinite(count)), "[1, inf) units; a run has at least one unit")
    curve = np.asarray(learning_curve, dtype=float)
    _reject("learning_curve", curve, ~((curve > 0.0) & (curve <= 1.0)),
            "(0, 1]; it is the unit cost after a doubling as a fraction of before (0.75 for a 75 % curve)")
    count = np.floor(count)
    exponent = np.log2(curve)
    n = np.arange(1, _EXACT_UNITS + 1, dtype=float).reshape((-1,) + (1,) * max(np.ndim(count), np.ndim(exponent)))
    exact = np.sum(np.where(n <= count, n ** exponent, 0.0), axis=0)
    power = exponent + 1.0  # 0 for a 50 % curve, where the integral is a logarithm
    lower, upper = _EXACT_UNITS + 0.5, np.maximum(count, _EXACT_UNITS) + 0.5
    with np.errstate(divide="ignore", invalid="ignore"):
        integral = np.where(np.abs(power) > 1e-12, (upper**power - lower**power) / power, np.log(upper / lower))
    tail = integral - exponent * (upper ** (exponent - 1.0) - lower ** (exponent - 1.0)) / 24.0
    return scalar_or_array(first * (exact + tail))
