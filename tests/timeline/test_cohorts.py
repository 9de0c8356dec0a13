"""The cohort recurrence equals the explicit sum over surviving cohorts."""

from __future__ import annotations

import numpy as np
from numpy.testing import assert_allclose

from moonbase.timeline.cohorts import cohort_decay_factors, cohort_stock_step


def test_recurrence_matches_explicit_cohort_sum():
    rng = np.random.default_rng(7)
    steps, life = 60, 13
    added = rng.uniform(0.0, 10.0, steps)
    q, q_life = cohort_decay_factors(0.3 / 3.15576e7, 3.15576e7 / 12, life)
    stock = 0.0
    for k in range(steps):
        lagged = added[k - life] if k >= life else 0.0
        stock, removed = cohort_stock_step(stock, added[k], lagged, q, q_life)
        explicit = sum(added[j] * q ** (k - j) for j in range(max(0, k - life + 1), k + 1))
        assert_allclose(stock, explicit, rtol=1e-12)


def test_removed_balances_the_stock():
    stock, removed = cohort_stock_step(np.array([5.0, 0.0]), np.array([1.0, 2.0]), np.array([0.5, 0.0]), 0.9, 0.5)
    assert_allclose(np.array([5.0, 0.0]) + np.array([1.0, 2.0]), stock + removed)


def test_no_loss_no_retirement_keeps_everything():
    q, q_life = cohort_decay_factors(0.0, 1.0, 10**6)
    stock, removed = cohort_stock_step(3.0, 2.0, 0.0, q, q_life)
    assert stock == 5.0 and removed == 0.0
