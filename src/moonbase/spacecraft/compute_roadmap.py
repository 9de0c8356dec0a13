"""AI-accelerator energy efficiency over time, and compute from power.

Efficiency grows exponentially from a reference chip and saturates smoothly at a
ceiling: the energy per operation decays exponentially towards a floor. Choice and
justification: ``docs/design/compute_roadmap.md``.
"""

from __future__ import annotations

import numpy as np

from moonbase.domain import non_negative, reject as _reject, scalar_or_array
from moonbase.errors import ModelDomainError


def accelerator_efficiency_flop_j(elapsed_s, reference_efficiency_flop_j, improvement_rate_per_s,
                                  ceiling_flop_j):
    """Energy efficiency of the leading AI accelerator ``elapsed_s`` after a reference [FLOP/J].

    Parameters
    ----------
    elapsed_s : float or array_like
        Time since the reference chip [s]; negative for earlier dates.
    reference_efficiency_flop_j : float or array_like
        Efficiency of the reference chip at ``elapsed_s = 0`` [FLOP/J]; > 0.
    improvement_rate_per_s : float or array_like
        Continuous growth rate of efficiency far below the ceiling [1/s]; >= 0.
        A trend of "+x % per year" is ``log(1 + x) / SECONDS_PER_YEAR``.
    ceiling_flop_j : float or array_like
        Efficiency the trend saturates at [FLOP/J]; > reference (``inf`` for
        pure exponential growth).

    Returns
    -------
    numpy.ndarray or float
        Efficiency [FLOP/J]; equals the reference at ``elapsed_s = 0``, tends to the
        ceiling as ``elapsed_s`` -> inf and to 0 as ``elapsed_s`` -> -inf.

    Raises
    ------
    ModelDomainError
        If an argument is outside its range (the message names it).

    Notes
    -----
    Energy per operation decays exponentially towards a floor :math:`1/e_c`
    (our assumption, ``docs/design/compute_roadmap.md``):

    .. math:: \\frac{1}{e(t)} = \\frac{1}{e_c} + \\Big(\\frac{1}{e_0} - \\frac{1}{e_c}\\Big) e^{-r t}

    so :math:`e(0) = e_0`, :math:`d\\ln e/dt = r\\,(1 - e/e_c)`: the rate is
    :math:`r` while far below the ceiling and falls to 0 at it. The trend rate is
    that of leading-GPU efficiency, about 40 % per year ([1]_). The reference chip
    can be, e.g., the NVIDIA H100 SXM: 989.4 TFLOP/s dense BF16 at 700 W, i.e.
    1.413e12 FLOP/J ([2]_). Validity: a fleet trend, not a per-chip forecast;
    single chips scatter about it (the H100 -> B200 pair improved 26 %/yr).

    References
    ----------
    .. [1] Epoch AI, "Machine Learning Hardware" data insights (2024-2025),
       https://epoch.ai/data/machine-learning-hardware: leading-GPU energy
       efficiency improves about 40 % per year (the Nov 2024 and Jan 2025
       revisions of the page say 50 %/yr)
    .. [2] NVIDIA H100 Tensor Core GPU architecture whitepaper and datasheet (2022);
       NVIDIA HGX B200 datasheet (2024): H100 SXM 989.4 TFLOP/s BF16 dense at 700 W;
       B200 (HGX) 2,250 TFLOP/s BF16 dense at 1,000 W (dense = half the quoted
       2:4-sparse figures); tabulated in G. Lockwood, "H100" and "B200" notes,
       https://glennklockwood.com/garden/processors/

    Examples
    --------
    >>> import math
    >>> from moonbase.constants import SECONDS_PER_YEAR
    >>> e = accelerator_efficiency_flop_j(2 * SECONDS_PER_YEAR, 989.4e12 / 700.0,
    ...                                   math.log(1.4) / SECONDS_PER_YEAR, math.inf)
    >>> round(float(e) / 1e12, 2)
    2.77
    """
    elapsed, reference, rate, ceiling = (
        np.asarray(v, dtype=float)
        for v in (elapsed_s, reference_efficiency_flop_j, improvement_rate_per_s, ceiling_flop_j)
    )
    _reject("elapsed_s", elapsed, ~np.isfinite(elapsed), "(-inf, inf) s; it must be finite.")
    _reject("reference_efficiency_flop_j", reference, ~((reference > 0.0) & np.isfinite(reference)),
            "(0, inf) FLOP/J; an accelerator does some work per joule.")
    _reject("improvement_rate_per_s", rate, ~((rate >= 0.0) & np.isfinite(rate)),
            "[0, inf) 1/s; give a continuous rate per second (log(1 + x) / SECONDS_PER_YEAR).")
    reference_b, ceiling_b = np.broadcast_arrays(reference, ceiling)
    _reject("ceiling_flop_j", ceiling_b, ~(ceiling_b > reference_b),
            "(reference_efficiency_flop_j, inf] FLOP/J; the ceiling must exceed the reference.")
    floor_j_per_flop = 1.0 / ceiling
    energy_j_per_flop = floor_j_per_flop + (1.0 / reference - floor_j_per_flop) * np.exp(-rate * elapsed)
    return scalar_or_array(1.0 / energy_j_per_flop)


def compute_flop_s(power_w, efficiency_flop_j):
    """Compute throughput of accelerators drawing ``power_w`` at ``efficiency_flop_j`` [FLOP/s].

    Parameters
    ----------
    power_w : float or array_like
        Electrical power delivered to the accelerators [W]; >= 0.
    efficiency_flop_j : float or array_like
        Operations per joule at that power [FLOP/J]; >= 0.

    Returns
    -------
    numpy.ndarray or float
        :math:`C = P \\, e` [FLOP/s]. Peak (datasheet) throughput if ``efficiency``
        is a datasheet figure; multiply by a utilisation outside this function.

    Examples
    --------
    >>> round(float(compute_flop_s(700.0, 989.4e12 / 700.0)) / 1e12, 1)
    989.4
    """
    power = non_negative("power_w", power_w, "W", hint="power delivered cannot be negative")
    efficiency = non_negative("efficiency_flop_j", efficiency_flop_j, "FLOP/J", hint="efficiency cannot be negative")
    return scalar_or_array(power * efficiency)
