"""Stocks of hardware with random failure, degradation and end-of-life retirement.

One recurrence serves every stock of the timeline (satellite mass, compute power,
FLOP/s; ground and space): hardware deployed in step j survives random failures with
probability ``exp(-lambda (k - j) dt)``, loses power as ``exp(-delta (k - j) dt)``, and is
retired when it reaches its design life of L steps. The stock is then

    S_k = S_{k-1} q + a_k - a_{k-L} q^L,          q = exp(-(lambda + delta) dt)

which is the cohort sum ``sum_{j=k-L+1..k} a_j q^(k-j)`` computed in O(1) per step
(Sterman, "Business Dynamics", 2000, ch. 6 and 11: aging chains and stocks with
exponential outflow). Mass balance holds by construction: what leaves the stock in a
step is ``S_{k-1} + a_k - S_k``.
"""

from __future__ import annotations

import numpy as np

from moonbase.jit import formula


def cohort_decay_factors(loss_rate_per_s, step_s, life_steps):
    """Per-step survival factor q and whole-life factor q^L for a continuous loss rate.

    Parameters
    ----------
    loss_rate_per_s : array_like
        Continuous loss rate (failures, plus degradation for power stocks) [1/s].
    step_s : float
        Time step [s].
    life_steps : array_like of int
        Design life in steps, L >= 1.

    Returns
    -------
    tuple of numpy.ndarray
        ``(q, q**L)`` [-].
    """
    q = np.exp(-np.asarray(loss_rate_per_s, dtype=float) * step_s)
    return q, q ** np.asarray(life_steps, dtype=float)


@formula
def cohort_stock_step(stock_prev, added_now, added_at_end_of_life, step_factor, life_factor):
    """Advance a cohort stock by one step; return ``(stock, removed)``.

    Parameters
    ----------
    stock_prev : array_like
        Stock at the end of the previous step (any extensive unit: kg, W, FLOP/s).
    added_now : array_like
        Amount deployed during this step (beginning-of-life value), same unit.
    added_at_end_of_life : array_like
        Amount deployed L steps ago (zero when k - L < 0), same unit.
    step_factor, life_factor : array_like
        ``q`` and ``q**L`` from :func:`cohort_decay_factors`.

    Returns
    -------
    tuple of numpy.ndarray
        The new stock (never negative) and what left the stock during the step
        (failures, degradation and retirements), so that
        ``stock_prev + added_now = stock + removed`` exactly.
    """
    raw = stock_prev * step_factor + added_now - added_at_end_of_life * life_factor
    stock = np.maximum(raw, 0.0)  # guards round-off of the subtraction only
    removed = stock_prev + added_now - stock
    return stock, removed
