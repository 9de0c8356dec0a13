"""Launch price learning: Wright's law on cumulative launched mass, and its inverse.

Design note: ``docs/design/launch_learning.md`` (floor treatment, choice of the
cumulative-mass driver, the Agüera y Arcas et al. numbers).
"""

from __future__ import annotations

import numpy as np

from moonbase.domain import at_least, between, greater, require as _require, scalar_or_array

__all__ = ["learning_exponent", "wright_price_usd_per_kg", "cumulative_mass_for_price_kg"]


def learning_exponent(learning_rate):
    """Wright exponent b = log2(1 - learning_rate) [-] (negative for learning).

    Parameters
    ----------
    learning_rate : float or array_like
        Fractional fall of the learnable price per doubling of cumulative mass [-],
        in [0, 1). Wright's "80 % curve" is ``learning_rate = 0.2``.

    Returns
    -------
    numpy.ndarray or float
        The exponent b [-]; b = -0.3219 for a 20 % learning rate.

    Examples
    --------
    >>> round(learning_exponent(0.2), 4)
    -0.3219
    """
    rate = between("learning_rate", learning_rate, 0.0,
                   1.0, "a fraction in [0, 1): the price fall per doubling, 0.2 for 20 %", high_open=True)
    exponent = np.log2(1.0 - rate)
    return scalar_or_array(exponent)


def wright_price_usd_per_kg(cumulative_mass_kg, reference_price_usd_per_kg,
                            reference_cumulative_mass_kg, learning_rate,
                            floor_price_usd_per_kg=0.0):
    """Launch price per kg after a cumulative launched mass, by Wright's law [USD/kg].

    Parameters
    ----------
    cumulative_mass_kg : float or array_like
        Cumulative mass launched by the learning vehicle family [kg], > 0.
    reference_price_usd_per_kg : float or array_like
        Price at the reference cumulative mass [USD/kg], > floor.
    reference_cumulative_mass_kg : float or array_like
        Cumulative mass at which the reference price holds [kg], > 0.
    learning_rate : float or array_like
        Fall of the learnable part of the price per doubling of cumulative mass
        [-], in [0, 1).
    floor_price_usd_per_kg : float or array_like, optional
        Price that learning cannot remove (propellant, range, insurance)
        [USD/kg], >= 0 and < reference price. Default 0 (pure Wright).

    Returns
    -------
    numpy.ndarray or float
        Price [USD/kg], in (floor, inf); equal to the reference price at the
        reference cumulative mass.

    Notes
    -----
    Wright's power law [1]_, applied to the part of the price above a floor:

    .. math:: p(M) = p_f + (p_{ref} - p_f)\\,(M / M_{ref})^{b},
              \\qquad b = \\log_2(1 - LR)

    With ``floor = 0`` every doubling of M multiplies the price by (1 - LR):
    Wright's 80 % curve is LR = 0.2. The floor keeps the curve from learning away
    costs that do not fall with experience; it is our choice of treatment (a
    shifted power law), argued in the design note. Below the reference mass the
    law extrapolates backwards (the price rises as M -> 0; it is infinite at 0),
    so ``cumulative_mass_kg`` must be > 0.

    Agüera y Arcas et al. [2]_ take about 1,800 USD/kg at about 400 t cumulative
    launched mass and a 20 % learning rate; 200 USD/kg then needs
    log(9)/log(1.25) = 9.85 doublings, i.e. about 370,000 t.

    References
    ----------
    .. [1] T. P. Wright, "Factors affecting the cost of airplanes," J. Aeronautical
       Sciences 3(4):122-128 (1936), doi:10.2514/8.155.
    .. [2] B. Agüera y Arcas et al., "Towards a future space-based, highly scalable
       AI infrastructure system design," Google Research, arXiv:2511.19468 (2025),
       section on launch costs.

    Examples
    --------
    >>> round(wright_price_usd_per_kg(800e3, 1800.0, 400e3, 0.2), 6)
    1440.0
    """
    mass = greater("cumulative_mass_kg", cumulative_mass_kg, 0.0,
                   "a cumulative launched mass > 0 kg (Wright's law is infinite at zero)")
    ref_price = np.asarray(reference_price_usd_per_kg, dtype=float)
    ref_mass = greater("reference_cumulative_mass_kg", reference_cumulative_mass_kg, 0.0, "a cumulative mass > 0 kg")
    floor = at_least("floor_price_usd_per_kg", floor_price_usd_per_kg, 0.0, "a price >= 0 USD/kg")
    exponent = np.asarray(learning_exponent(learning_rate))
    _require(ref_price > floor, "reference_price_usd_per_kg", reference_price_usd_per_kg,
             "a price above floor_price_usd_per_kg")
    price = floor + (ref_price - floor) * (mass / ref_mass) ** exponent
    return scalar_or_array(price)


def cumulative_mass_for_price_kg(target_price_usd_per_kg, reference_price_usd_per_kg,
                                 reference_cumulative_mass_kg, learning_rate,
                                 floor_price_usd_per_kg=0.0):
    """Cumulative launched mass at which Wright's law reaches a target price [kg].

    Parameters
    ----------
    target_price_usd_per_kg : float or array_like
        Price to reach [USD/kg], strictly above the floor.
    reference_price_usd_per_kg, reference_cumulative_mass_kg, floor_price_usd_per_kg
        As in :func:`wright_price_usd_per_kg`.
    learning_rate : float or array_like
        Fall per doubling [-], in (0, 1): with no learning no other price is reached.

    Returns
    -------
    numpy.ndarray or float
        Cumulative mass [kg]; the exact inverse of :func:`wright_price_usd_per_kg`.

    Notes
    -----
    .. math:: M = M_{ref} \\left(\\frac{p - p_f}{p_{ref} - p_f}\\right)^{1/b}

    The number of doublings from the reference is log2(M / M_ref). References as
    in :func:`wright_price_usd_per_kg`.

    Examples
    --------
    >>> round(cumulative_mass_for_price_kg(200.0, 1800.0, 400e3, 0.2) / 1e3)
    368305
    """
    target = np.asarray(target_price_usd_per_kg, dtype=float)
    ref_price = np.asarray(reference_price_usd_per_kg, dtype=float)
    ref_mass = greater("reference_cumulative_mass_kg", reference_cumulative_mass_kg, 0.0, "a cumulative mass > 0 kg")
    floor = at_least("floor_price_usd_per_kg", floor_price_usd_per_kg, 0.0, "a price >= 0 USD/kg")
    rate = greater("learning_rate", learning_rate, 0.0,
                   "a fraction in (0, 1) for the inverse: with no learning the price never changes")
    exponent = np.asarray(learning_exponent(rate))
    _require(ref_price > floor, "reference_price_usd_per_kg", reference_price_usd_per_kg,
             "a price above floor_price_usd_per_kg")
    _require(target > floor, "target_price_usd_per_kg", target_price_usd_per_kg,
             "a price above floor_price_usd_per_kg (the floor is reached only after infinite mass)")
    mass = ref_mass * ((target - floor) / (ref_price - floor)) ** (1.0 / exponent)
    return scalar_or_array(mass)
