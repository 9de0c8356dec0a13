"""The satellite bus's cost per kg after a number of satellites built: Wright's law on units.

One formula for the step kernel (the bus line item of every Earth-orbit satellite the
timeline buys) and for the economics module (the bus cost of an Earth-orbit satellite's
LCOC), so both read the same learning. Design note: ``docs/design/economics_lcoc.md``.
"""

from __future__ import annotations

import numpy as np

from moonbase.jit import formula

__all__ = ["bus_cost_usd_per_kg"]


@formula
def bus_cost_usd_per_kg(satellites_built, reference_cost_usd_per_kg, reference_units, learning_rate):
    """Bus cost per kg after ``satellites_built`` satellites, Wright's law on units [USD/kg].

    Parameters
    ----------
    satellites_built : float or array_like
        Satellites of the learning line built so far [-]; fewer than one counts as one
        (the first unit's cost).
    reference_cost_usd_per_kg : float or array_like
        Bus cost per kg when ``reference_units`` satellites have been built [USD/kg].
    reference_units : float or array_like
        Satellites built at the reference cost [-]; > 0.
    learning_rate : float or array_like
        Fall of the cost per doubling of satellites built [-], in [0, 1).

    Returns
    -------
    numpy.ndarray or float
        :math:`c_{ref} (\\max(n, 1) / n_{ref})^{\\log_2(1 - LR)}` [USD/kg].

    Notes
    -----
    Wright (1936), "Factors affecting the cost of airplanes", J. Aeronautical Sciences
    3(4): the cost of the n-th unit falls by a constant fraction per doubling of units
    built. Aerospace learning curves run 85-95 % (NASA Cost Estimating Handbook v4.0,
    2015, appendix on learning curves).

    Examples
    --------
    >>> round(float(bus_cost_usd_per_kg(2000.0, 1000.0, 1000.0, 0.1)), 6)
    900.0
    """
    exponent = np.log(1.0 - learning_rate) / np.log(2.0)
    return reference_cost_usd_per_kg * np.exp(exponent * np.log(np.maximum(satellites_built, 1.0) / reference_units))
