"""Electrical output, specific power and ageing of a flat photovoltaic array.

First-order model: output is proportional to irradiance, cell efficiency and the
fraction of the array covered by cells. Temperature, spectrum and incidence-angle
effects are folded into the efficiency the caller passes; see
``docs/design/satellite_mass_budget.md``.
"""

from __future__ import annotations

import numpy as np

from moonbase.constants import SECONDS_PER_YEAR
from moonbase.domain import fraction, non_negative, positive, scalar_or_array
from moonbase.errors import ModelDomainError


def _check_array(flux_w_m2, cell_efficiency, packing_factor):
    return (non_negative("flux_w_m2", flux_w_m2, "W/m2", hint="irradiance cannot be negative"),
            fraction("cell_efficiency", cell_efficiency),
            fraction("packing_factor", packing_factor, low_open=True,
                     hint="it is the cell-covered fraction of the array area"))


def pv_power_w(area_m2, flux_w_m2, cell_efficiency, packing_factor=1.0):
    """Electrical power of a sun-pointed photovoltaic array [W].

    Parameters
    ----------
    area_m2 : float or array_like
        Array area (planform, one face) [m2]; >= 0.
    flux_w_m2 : float or array_like
        Irradiance on the array, normal incidence [W/m2]; >= 0.
    cell_efficiency : float or array_like
        Cell conversion efficiency at operating conditions [-], in [0, 1].
    packing_factor : float or array_like, optional
        Fraction of the array area covered by active cells [-], in (0, 1].

    Returns
    -------
    numpy.ndarray or float
        Electrical power at the array terminals [W].

    Raises
    ------
    ModelDomainError
        If an argument is outside its range (the message names it).

    Notes
    -----
    :math:`P = A \\, S \\, \\eta \\, f_p` ([1]_, Table 1 uses exactly this product).
    The efficiency is taken at operating temperature and already includes
    mismatch and wiring losses if the caller wants them; ageing is applied
    separately with :func:`pv_degradation_factor`. Valid for a flat array pointed
    at the Sun; cosine losses belong in ``flux_w_m2``.

    References
    ----------
    .. [1] B. Agüera y Arcas et al., "Towards a future space-based, highly scalable
       AI infrastructure system design," Google Research, arXiv:2511.19468 (2025),
       Table 1: Starlink v2 mini, ~105 m2 of 22 % cells at 1.361 kW/m2 with 90 %
       packing, ~28 kW.

    Examples
    --------
    >>> round(float(pv_power_w(105.0, 1361.0, 0.22, 0.9)))
    28295
    """
    area = non_negative("area_m2", area_m2, "m2", hint="an area cannot be negative")
    flux, efficiency, packing = _check_array(flux_w_m2, cell_efficiency, packing_factor)
    return scalar_or_array(area * flux * efficiency * packing)


def pv_specific_power_w_kg(flux_w_m2, cell_efficiency, packing_factor, areal_density_kg_m2):
    """Array-level specific power: watts generated per kilogram of array [W/kg].

    Parameters
    ----------
    flux_w_m2 : float or array_like
        Irradiance on the array, normal incidence [W/m2]; >= 0.
    cell_efficiency : float or array_like
        Cell conversion efficiency [-], in [0, 1].
    packing_factor : float or array_like
        Fraction of the array area covered by cells [-], in (0, 1].
    areal_density_kg_m2 : float or array_like
        Mass of the whole array wing (cells, substrate, harness, deployment
        structure) per m2 of array area [kg/m2]; > 0.

    Returns
    -------
    numpy.ndarray or float
        Specific power of the array [W/kg].

    Notes
    -----
    :math:`p = S \\, \\eta \\, f_p / \\sigma_A`: :func:`pv_power_w` of 1 m2 divided by
    the mass of 1 m2. Our own rearrangement; no published case reproduces a quoted
    array W/kg from published inputs, so only invariants are tested.

    Examples
    --------
    >>> round(float(pv_specific_power_w_kg(1361.0, 0.22, 0.9, 2.0)), 1)
    134.7
    """
    density = positive("areal_density_kg_m2", areal_density_kg_m2, "kg/m2", hint="an array has mass")
    return scalar_or_array(pv_power_w(1.0, flux_w_m2, cell_efficiency, packing_factor) / density)


def pv_degradation_factor(age_s, degradation_rate_per_s):
    """Fraction of beginning-of-life array power left after ``age_s`` [-].

    Parameters
    ----------
    age_s : float or array_like
        Time in orbit since beginning of life [s]; >= 0.
    degradation_rate_per_s : float or array_like
        Continuous (logarithmic) loss rate [1/s]; >= 0. Convert a compound
        "x %/yr" figure with :func:`continuous_rate_per_s`.

    Returns
    -------
    numpy.ndarray or float
        :math:`\\exp(-k t)`, in (0, 1] [-].

    Notes
    -----
    A constant fractional loss rate: :math:`P(t) = P_0 e^{-k t}`. A compound
    annual loss :math:`f` per year corresponds to :math:`k = -\\ln(1-f)/\\text{yr}`,
    so after :math:`n` years the factor is exactly :math:`(1-f)^n`. Real arrays
    lose power in steps (radiation events, string failures); this smooth law is
    our assumption for fleet averages.

    Examples
    --------
    >>> from moonbase.constants import SECONDS_PER_YEAR
    >>> round(float(pv_degradation_factor(10 * SECONDS_PER_YEAR, continuous_rate_per_s(0.01))), 6)
    0.904382
    """
    age = non_negative("age_s", age_s, "s", hint="age is counted from beginning of life")
    rate = non_negative("degradation_rate_per_s", degradation_rate_per_s, "1/s",
                        hint="a negative rate would make the array gain power")
    return scalar_or_array(np.exp(-rate * age))


def continuous_rate_per_s(loss_fraction_per_year):
    """Continuous rate [1/s] equivalent to a compound annual loss fraction [-/yr].

    Parameters
    ----------
    loss_fraction_per_year : float or array_like
        Fraction of the remaining power lost each Julian year [-], in [0, 1).

    Returns
    -------
    numpy.ndarray or float
        :math:`k = -\\ln(1 - f) / \\text{yr}` [1/s].

    Examples
    --------
    >>> from moonbase.constants import SECONDS_PER_YEAR
    >>> round(float(continuous_rate_per_s(0.01) * SECONDS_PER_YEAR), 8)
    0.01005034
    """
    loss = fraction("loss_fraction_per_year", loss_fraction_per_year, high_open=True,
                    hint="it is a fraction per year, not a percent")
    return scalar_or_array(-np.log1p(-loss) / SECONDS_PER_YEAR)
