"""Solar irradiance at a distance from the Sun (inverse-square law).

The only input is the heliocentric distance; the Sun is treated as a steady point
source whose total solar irradiance (TSI) at 1 au is the IAU 2015 nominal value.
"""

from __future__ import annotations

import numpy as np

from moonbase.constants import AU_M, SOLAR_CONSTANT_W_M2
from moonbase.domain import scalar_or_array
from moonbase.errors import ModelDomainError


def solar_flux_w_m2(distance_m):
    """Total solar irradiance on a surface facing the Sun at ``distance_m`` [W/m2].

    Parameters
    ----------
    distance_m : float or array_like
        Heliocentric distance of the surface [m]; must be positive.

    Returns
    -------
    numpy.ndarray or float
        Irradiance on a sun-facing surface above any atmosphere [W/m2], with the
        shape of ``distance_m``.

    Raises
    ------
    ModelDomainError
        If any distance is zero, negative or not finite.

    Notes
    -----
    Inverse-square law, :math:`S(r) = S_0 (r_0 / r)^2`, with :math:`S_0` = 1361 W/m2
    the nominal TSI at :math:`r_0` = 1 au ([1]_, [2]_). The TSI varies by about
    0.1 % over the solar cycle ([1]_), which this nominal value ignores. Valid far
    outside the Sun (r >> 0.005 au, where the disc is no longer a point); no
    eclipse, incidence angle or atmosphere is applied here.

    References
    ----------
    .. [1] IAU 2015 Resolution B3 on recommended nominal conversion constants for
       selected solar and planetary properties (Prša et al. 2016, AJ 152:41,
       doi:10.3847/0004-6256/152/2/41): nominal TSI 1361 W/m2.
    .. [2] IAU 2012 Resolution B2: the astronomical unit is 149 597 870 700 m.

    Examples
    --------
    >>> from moonbase.constants import AU_M
    >>> round(float(solar_flux_w_m2(1.52366231 * AU_M)), 1)  # Mars, mean distance
    586.2
    """
    distance = np.asarray(distance_m, dtype=float)
    bad = ~((distance > 0.0) & np.isfinite(distance))
    if np.any(bad):
        raise ModelDomainError(
            f"distance_m = {distance[bad].flat[0]:g} m is outside (0, inf); a heliocentric "
            "distance is positive and finite (1 au = 1.496e11 m)."
        )
    return scalar_or_array(SOLAR_CONSTANT_W_M2 * (AU_M / distance) ** 2)
