"""Money over time: cost of capital, capital recovery, construction interest, NPV, IRR, payback.

Rates are compound annual rates written per second (``8 %/yr`` in a scenario arrives
here as ``0.08 / SECONDS_PER_YEAR``), the scenario layer's convention; times are SI
seconds from a stated reference. Cash flows lie along the last axis so a Monte Carlo
batch ``(samples, steps)`` is one call. The discounting convention (continuous
compounding at the equivalent rate, cash at mid-step) is argued in
``docs/design/economics_finance.md``.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import brentq

from moonbase.constants import SECONDS_PER_YEAR
from moonbase.domain import fraction, positive, reject as _reject
from moonbase.domain import scalar_or_array
from moonbase.scenario.params import continuous_growth_rate_per_s

__all__ = [
    "continuous_discount_rate_per_s", "weighted_average_cost_of_capital_per_s", "capital_recovery_factor",
    "annuity_factor_s", "interest_during_construction_factor", "net_present_value_usd",
    "internal_rate_of_return_per_s", "payback_time_s",
]

#: IRR search bracket [1/yr, compound]: from -99 %/yr to +1,000 %/yr
_IRR_LOW_PER_YR = -0.99
_IRR_HIGH_PER_YR = 10.0


def _rate(name, value):
    rate = np.asarray(value, dtype=float)
    _reject(name, rate * SECONDS_PER_YEAR, ~((rate * SECONDS_PER_YEAR > -1.0) & np.isfinite(rate)),
            "(-1, inf) per year (a compound annual rate; 8 %/yr is 0.08 / yr)")
    return rate


def _nonnegative(name, value, unit):
    array = np.asarray(value, dtype=float)
    _reject(name, array, ~((array >= 0.0) & np.isfinite(array)), f"[0, inf) {unit}")
    return array


def continuous_discount_rate_per_s(rate_per_s):
    """Continuous rate k equal to a compound annual rate r [1/s].

    Parameters
    ----------
    rate_per_s : float or array_like
        Compound annual rate [1/s] (r per year / seconds per year); r > -100 %/yr.

    Returns
    -------
    numpy.ndarray or float
        :math:`k = \\ln(1 + r) / \\text{yr}` [1/s]; :math:`e^{-k t} = (1 + r)^{-t/\\text{yr}}`.

    Examples
    --------
    >>> from moonbase.constants import SECONDS_PER_YEAR
    >>> round(continuous_discount_rate_per_s(0.08 / SECONDS_PER_YEAR) * SECONDS_PER_YEAR, 5)
    0.07696
    """
    return scalar_or_array(continuous_growth_rate_per_s(_rate("rate_per_s", rate_per_s)))


def weighted_average_cost_of_capital_per_s(cost_of_equity_per_s, cost_of_debt_per_s, debt_share, tax_rate):
    """After-tax weighted average cost of capital [1/s, compound annual rate per second].

    Parameters
    ----------
    cost_of_equity_per_s, cost_of_debt_per_s : float or array_like
        Required returns of equity and debt [1/s] (compound annual rates per second).
    debt_share : float or array_like
        Debt over total capital D/V [-], in [0, 1].
    tax_rate : float or array_like
        Marginal tax rate that makes interest deductible [-], in [0, 1].

    Returns
    -------
    numpy.ndarray or float
        :math:`\\text{WACC} = (1 - D/V)\\,r_E + D/V\\,r_D\\,(1 - t)` [1/s].

    Notes
    -----
    The textbook after-tax WACC (eq. 14.1 of [1]_). Lazard's LCOE analyses finance
    projects with 60 % debt at 8 % and 40 % equity at 12 % [2]_, which at a 21 % tax
    rate gives 8.59 %/yr.

    References
    ----------
    .. [1] R. A. Brealey, S. C. Myers, F. Allen, "Principles of Corporate Finance,"
       13th ed., McGraw-Hill (2020), ch. 19, eq. for after-tax WACC.
    .. [2] Lazard, "Levelized Cost of Energy+", version 17.0 (June 2024), key assumptions.

    Examples
    --------
    >>> from moonbase.constants import SECONDS_PER_YEAR as YR
    >>> round(weighted_average_cost_of_capital_per_s(0.12 / YR, 0.08 / YR, 0.6, 0.21) * YR, 4)
    0.0859
    """
    equity = _rate("cost_of_equity_per_s", cost_of_equity_per_s)
    debt = _rate("cost_of_debt_per_s", cost_of_debt_per_s)
    share = fraction("debt_share", debt_share)
    tax = fraction("tax_rate", tax_rate)
    return scalar_or_array((1.0 - share) * equity + share * debt * (1.0 - tax))


def capital_recovery_factor(rate_per_s, life_s):
    """Capital recovery factor: the level yearly payment that repays 1 USD [1/yr as a fraction].

    Parameters
    ----------
    rate_per_s : float or array_like
        Discount rate [1/s] (compound annual rate per second); > -100 %/yr.
    life_s : float or array_like
        Repayment period [s]; > 0 (fractional years allowed).

    Returns
    -------
    numpy.ndarray or float
        :math:`\\text{CRF} = r (1 + r)^n / ((1 + r)^n - 1)` with ``n = life / yr``;
        the limit ``1 / n`` at ``r = 0``. End-of-year payments.

    Notes
    -----
    The compound-interest factor (A/P, r, n) of engineering economics [1]_ and of
    NREL's simple LCOE [2]_. moonbase's levelized cost itself discounts continuously
    (:func:`annuity_factor_s`); the two agree to within ``r/2`` (4 % at 8 %/yr), see
    ``docs/design/economics_finance.md``.

    References
    ----------
    .. [1] W. G. Sullivan, E. M. Wicks, C. P. Koelling, "Engineering Economy," 16th ed.,
       Pearson (2015), Appendix C interest tables: (A/P, 10 %, 10) = 0.16275.
    .. [2] NREL, "Simple Levelized Cost of Energy (LCOE) Calculator Documentation",
       https://www.nrel.gov/analysis/tech-lcoe-documentation.html (accessed 2025).

    Examples
    --------
    >>> from moonbase.constants import SECONDS_PER_YEAR as YR
    >>> round(capital_recovery_factor(0.10 / YR, 10 * YR), 5)
    0.16275
    """
    rate = _rate("rate_per_s", rate_per_s) * SECONDS_PER_YEAR
    life = positive("life_s", life_s, "s")
    years = life / SECONDS_PER_YEAR
    growth = np.expm1(years * np.log1p(rate))  # (1 + r)^n - 1, exact near r = 0
    small = np.abs(rate) < 1e-12
    safe = np.where(small, 1.0, growth)
    return scalar_or_array(np.where(small, 1.0 / years, rate * (growth + 1.0) / safe))


def annuity_factor_s(rate_per_s, start_s, end_s, decay_rate_per_s=0.0):
    """Present value at t = 0 of a flow of 1 per second from ``start_s`` to ``end_s`` [s].

    Parameters
    ----------
    rate_per_s : float or array_like
        Discount rate [1/s] (compound annual rate per second).
    start_s, end_s : float or array_like
        Start and end of the flow [s]; end >= start.
    decay_rate_per_s : float or array_like, optional
        Continuous decay of the flow itself (degradation, unrepaired failures) [1/s];
        the flow is :math:`e^{-\\delta t}`.

    Returns
    -------
    numpy.ndarray or float
        :math:`\\int_{t_0}^{t_1} e^{-(k + \\delta) t} dt` [s], with ``k`` the continuous
        equivalent of the rate; equals ``end - start`` with no discounting or decay.

    Examples
    --------
    >>> from moonbase.constants import SECONDS_PER_YEAR as YR
    >>> round(annuity_factor_s(0.0, 0.0, 5 * YR) / YR, 6)
    5.0
    """
    k = np.asarray(continuous_discount_rate_per_s(rate_per_s)) + np.asarray(decay_rate_per_s, dtype=float)
    start = np.asarray(start_s, dtype=float)
    end = np.asarray(end_s, dtype=float)
    _reject("end_s", end - start, ~(end >= start), "[start_s, inf) s")
    span = end - start
    small = np.abs(k * span) < 1e-9
    safe = np.where(small, 1.0, k)
    inner = np.where(small, span * (1.0 - 0.5 * k * span), -np.expm1(-safe * span) / safe)
    return scalar_or_array(np.exp(-k * start) * inner)


def interest_during_construction_factor(rate_per_s, construction_s):
    """Capital at first operation per USD spent evenly over construction [-].

    Parameters
    ----------
    rate_per_s : float or array_like
        Cost of capital [1/s] (compound annual rate per second).
    construction_s : float or array_like
        Construction period (or queue wait with the capital committed) [s]; >= 0.

    Returns
    -------
    numpy.ndarray or float
        :math:`(e^{kT} - 1)/(kT)` [-]: 1 for ``T = 0``; ``(1 + r)^{T/2}`` to first order.

    Notes
    -----
    Even spending over T, each dollar carried at the cost of capital until operation
    starts. Real projects front- or back-load; the S-curve changes the factor by less
    than its own interest over T/4 (``docs/design/economics_finance.md``).

    Examples
    --------
    >>> from moonbase.constants import SECONDS_PER_YEAR as YR
    >>> round(interest_during_construction_factor(0.08 / YR, 2 * YR), 4)
    1.0811
    """
    k = np.asarray(continuous_discount_rate_per_s(rate_per_s))
    period = _nonnegative("construction_s", construction_s, "s")
    x = k * period
    small = np.abs(x) < 1e-9
    return scalar_or_array(np.where(small, 1.0 + 0.5 * x, np.expm1(x) / np.where(small, 1.0, x)))


def net_present_value_usd(cash_flow_usd, time_s, rate_per_s):
    """Net present value of cash flows along the last axis [USD].

    Parameters
    ----------
    cash_flow_usd : array_like
        Cash flows (positive in) [USD], ``(..., n)``.
    time_s : array_like
        When each flow happens, from the valuation date [s], broadcast to the flows.
    rate_per_s : float or array_like
        Discount rate [1/s] (compound annual rate per second), broadcast over the
        leading axes.

    Returns
    -------
    numpy.ndarray or float
        :math:`\\sum_i CF_i (1 + r)^{-t_i/\\text{yr}}` [USD].

    References
    ----------
    .. [1] Microsoft Support, "NPV function" (Excel), worked example: 10 %, flows
       -10,000 then 3,000, 4,200, 6,800 at the ends of years 1-4 give 1,188.44 USD.

    Examples
    --------
    >>> from moonbase.constants import SECONDS_PER_YEAR as YR
    >>> round(float(net_present_value_usd([-10000, 3000, 4200, 6800], [YR, 2 * YR, 3 * YR, 4 * YR], 0.1 / YR)), 2)
    1188.44
    """
    flows = np.asarray(cash_flow_usd, dtype=float)
    times = np.asarray(time_s, dtype=float)
    k = np.asarray(continuous_discount_rate_per_s(rate_per_s))
    k = k[..., None] if k.ndim else k
    return scalar_or_array(np.sum(flows * np.exp(-k * times), axis=-1))


#: Span of years about which the IRR search's NPV is expressed, so that exp(-ln(1 + r) t) stays finite at
#: both ends of the bracket: ln(1 + (-99 %)) = -4.6 overflows a double beyond 154 years from the reference.
_IRR_REFERENCE_BACK_YR = 150.0


def _irr_one(flows: np.ndarray, years: np.ndarray) -> float:
    # The NPV is found as its value at a reference time (the NPV times (1 + r)^t_ref > 0): the same roots and
    # signs, and finite over the whole bracket for series up to ~440 years long (a plain NPV overflows at
    # -99 %/yr after ~154 years).
    reference = max(float(np.max(years)) - _IRR_REFERENCE_BACK_YR, float(np.min(years)))

    def npv(rate_per_yr: float) -> float:
        return float(np.sum(flows * np.exp(-np.log1p(rate_per_yr) * (years - reference))))

    low, high = npv(_IRR_LOW_PER_YR), npv(_IRR_HIGH_PER_YR)
    if not (np.isfinite(low) and np.isfinite(high)) or low * high > 0.0:
        return float("nan")
    return float(brentq(npv, _IRR_LOW_PER_YR, _IRR_HIGH_PER_YR, xtol=1e-12, rtol=1e-12, maxiter=500))


def internal_rate_of_return_per_s(cash_flow_usd, time_s):
    """Internal rate of return of cash flows along the last axis [1/s, compound annual rate per second].

    Parameters
    ----------
    cash_flow_usd : array_like
        Cash flows [USD], ``(..., n)``; needs at least one sign change.
    time_s : array_like
        Times of the flows [s], broadcast to the flows.

    Returns
    -------
    numpy.ndarray or float
        The rate r at which :func:`net_present_value_usd` is zero, found with
        Brent's method [1]_ in (-99 %, 1,000 %) per year; NaN where the NPV does not
        change sign in that bracket (no investment, or never paid back).

    Notes
    -----
    With more than one sign change several roots may exist; Brent's method returns
    the one in the bracket it converges to. The investor view's flows (spend first,
    revenue later, renewed spending) normally have one root above -99 %.

    References
    ----------
    .. [1] R. P. Brent, "Algorithms for Minimization without Derivatives," Prentice-Hall
       (1973), ch. 4; scipy.optimize.brentq.
    .. [2] Microsoft Support, "IRR function" (Excel), worked example: -70,000 then
       12,000, 15,000, 18,000, 21,000, 26,000 give 8.7 % (five years) and -2.1 % (four).

    Examples
    --------
    >>> from moonbase.constants import SECONDS_PER_YEAR as YR
    >>> flows = [-70000, 12000, 15000, 18000, 21000, 26000]
    >>> round(internal_rate_of_return_per_s(flows, [i * YR for i in range(6)]) * YR, 4)
    0.0866
    """
    flows = np.asarray(cash_flow_usd, dtype=float)
    years = np.broadcast_to(np.asarray(time_s, dtype=float) / SECONDS_PER_YEAR, flows.shape)
    lead = flows.shape[:-1]
    out = np.empty(lead)
    for index in np.ndindex(*lead):
        out[index] = _irr_one(flows[index], years[index])
    return scalar_or_array(out / SECONDS_PER_YEAR)


def payback_time_s(cash_flow_usd, time_s, rate_per_s=0.0):
    """Time at which cumulative (optionally discounted) cash first turns non-negative [s].

    Parameters
    ----------
    cash_flow_usd : array_like
        Cash flows [USD], ``(..., n)``.
    time_s : array_like
        Times of the flows [s], increasing along the last axis.
    rate_per_s : float or array_like, optional
        Discount rate for a discounted payback [1/s]; 0 for the simple payback.

    Returns
    -------
    numpy.ndarray or float
        The time of the first flow after which the running sum is >= 0 and stays
        so to the end, given it was negative before; NaN if it never pays back
        within the flows, 0 if it never goes negative.

    Examples
    --------
    >>> round(float(payback_time_s([-100.0, 60.0, 60.0], [0.0, 1.0, 2.0])), 1)
    2.0
    """
    flows = np.asarray(cash_flow_usd, dtype=float)
    times = np.broadcast_to(np.asarray(time_s, dtype=float), flows.shape)
    k = np.asarray(continuous_discount_rate_per_s(rate_per_s))
    k = k[..., None] if k.ndim else k
    cumulative = np.cumsum(flows * np.exp(-k * times), axis=-1)
    negative = cumulative < 0.0
    # last index with a negative running sum; payback is the flow after it
    last_negative = np.where(negative.any(axis=-1),
                             flows.shape[-1] - 1 - np.argmax(negative[..., ::-1], axis=-1), -1)
    after = last_negative + 1
    never = after >= flows.shape[-1]
    picked = np.take_along_axis(times, np.minimum(after, flows.shape[-1] - 1)[..., None], axis=-1)[..., 0]
    result = np.where(last_negative < 0, 0.0, np.where(never, np.nan, picked))
    return scalar_or_array(result)
