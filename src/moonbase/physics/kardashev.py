"""Kardashev index of a civilisation's power use (Sagan's continuous interpolation)."""

from __future__ import annotations

import numpy as np

from moonbase.domain import scalar_or_array
from moonbase.errors import ModelDomainError
from moonbase.jit import formula

_LOG10_POWER_AT_INDEX_ZERO = 6.0  # Sagan (1973): K = 0 at 1 MW (10^6 W)
_DECADES_PER_INDEX_STEP = 10.0  # Sagan (1973): one Kardashev type per factor 10^10 in power


def kardashev_index(power_w):
    """Kardashev index of a power ``power_w`` by Sagan's interpolation [-].

    Parameters
    ----------
    power_w : float or array_like
        Power a civilisation commands (e.g. primary energy use per second) [W]; > 0.

    Returns
    -------
    numpy.ndarray or float
        :math:`K` [-]: 1 at 1e16 W, 2 at 1e26 W, 3 at 1e36 W.

    Raises
    ------
    ModelDomainError
        If any power is zero, negative or not finite (the logarithm is undefined).

    Notes
    -----
    :math:`K = (\\log_{10} P[\\mathrm{W}] - 6) / 10` ([1]_), a continuous
    interpolation between Kardashev's discrete types ([2]_) with Type I = 1e16 W,
    Type II = 1e26 W and Type III = 1e36 W. Sagan rated the Earth of the early
    1970s (about 10 TW) at 0.7. The whole solar luminosity, 3.828e26 W, is K = 2.06.

    References
    ----------
    .. [1] C. Sagan, "The Cosmic Connection: An Extraterrestrial Perspective,"
       Doubleday, 1973.
    .. [2] N. S. Kardashev, "Transmission of information by extraterrestrial
       civilizations," Soviet Astronomy 8:217 (1964).

    Examples
    --------
    >>> round(float(kardashev_index(1.0e13)), 3)
    0.7
    """
    power = np.asarray(power_w, dtype=float)
    bad = ~((power > 0.0) & np.isfinite(power))
    if np.any(bad):
        raise ModelDomainError(
            f"power_w = {power[bad].flat[0]:g} W is outside (0, inf); the Kardashev index "
            "is a logarithm of a positive, finite power."
        )
    return scalar_or_array(kardashev_index_core(power))


@formula
def kardashev_index_core(power_w):
    """The formula of :func:`kardashev_index`, unchecked (a :mod:`moonbase.jit` formula)."""
    return (np.log10(power_w) - _LOG10_POWER_AT_INDEX_ZERO) / _DECADES_PER_INDEX_STEP


def kardashev_power_w(index):
    """Power [W] whose Kardashev index (Sagan's interpolation) is ``index``.

    Parameters
    ----------
    index : float or array_like
        Kardashev index [-]; finite (any sign).

    Returns
    -------
    numpy.ndarray or float
        :math:`P = 10^{10 K + 6}` [W], the inverse of :func:`kardashev_index`.

    Examples
    --------
    >>> float(kardashev_power_w(1.0))
    1e+16
    """
    index_ = np.asarray(index, dtype=float)
    bad = ~np.isfinite(index_)
    if np.any(bad):
        raise ModelDomainError(f"index = {index_[bad].flat[0]:g} is outside (-inf, inf); it must be finite.")
    return scalar_or_array(10.0 ** (_DECADES_PER_INDEX_STEP * index_ + _LOG10_POWER_AT_INDEX_ZERO))
