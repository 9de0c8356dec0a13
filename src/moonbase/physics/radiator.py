"""Flat grey-body radiator rejecting heat to space: net flux, area, mass.

An isothermal flat panel radiating from one or two faces to a uniform sink, minus
whatever environmental flux (sunlight, Earth albedo and infrared) it absorbs.
Simplifications and their sizes: ``docs/design/radiator.md``.
"""

from __future__ import annotations

import numpy as np

from moonbase.constants import STEFAN_BOLTZMANN_W_M2_K4
from moonbase.domain import non_negative, reject as _reject, scalar_or_array
from moonbase.errors import ModelDomainError


def radiator_net_flux_w_m2(temperature_k, emissivity, sides=2, sink_temperature_k=3.0,
                           absorbed_flux_w_m2=0.0):
    """Net heat rejected per m2 of radiator planform, all faces together [W/m2].

    Parameters
    ----------
    temperature_k : float or array_like
        Radiating surface temperature, uniform over the panel [K]; > 0.
    emissivity : float or array_like
        Hemispherical infrared emissivity of the faces [-], in [0, 1].
    sides : float or array_like, optional
        Number of radiating faces [-], in (0, 2]: 2 for a free-standing panel, 1 for
        a body-mounted one; a fraction stands for a face partly blocked.
    sink_temperature_k : float or array_like, optional
        Effective temperature of the surroundings the faces see [K]; >= 0. The
        3 K default is deep space (cosmic background, 2.7 K, rounded up).
    absorbed_flux_w_m2 : float or array_like, optional
        Environmental flux absorbed by the panel, all faces, per m2 of planform
        [W/m2]; >= 0. Already multiplied by absorptivity: e.g. solar
        absorptivity x incident sunlight + emissivity x Earth infrared.

    Returns
    -------
    numpy.ndarray or float
        Net rejected flux per m2 of planform [W/m2]; always > 0 (see Raises).

    Raises
    ------
    ModelDomainError
        If an argument is outside its range, or if the net flux is <= 0: the
        radiator then cannot reject heat at that temperature against that sink.

    Notes
    -----
    Grey-body Stefan–Boltzmann exchange with a sink ([1]_):

    .. math:: q = n \\, \\varepsilon \\, \\sigma \\, (T^4 - T_s^4) - q_{abs}

    with :math:`n` faces. Assumes an isothermal panel (fin efficiency 1), view
    factor 1 from each face to the sink, and grey surfaces (Kirchhoff:
    absorptivity = emissivity in the infrared). Effects neglected and their sizes:
    ``docs/design/radiator.md``. Valid for panels hotter than their sink.

    References
    ----------
    .. [1] D. G. Gilmore (ed.), "Spacecraft Thermal Control Handbook, Vol. I:
       Fundamental Technologies," 2nd ed., The Aerospace Press/AIAA, 2002,
       doi:10.2514/4.989117.
    .. [2] Starcloud (Lumen Orbit), "Why we should train AI in space," white paper,
       2024, as restated in A. Nanjangud, "40 MW Space Data Centers: A
       Technoeconomic Analysis," 2025: radiator at 20 C, emissivity 0.92,
       two-sided: 770 W/m2 emitted, ~137 W/m2 absorbed, 633 W/m2 net.

    Examples
    --------
    >>> round(float(radiator_net_flux_w_m2(293.15, 0.92, sides=2)), 1)
    770.5
    """
    temperature, emissivity_, sides_, sink, absorbed = (
        np.asarray(v, dtype=float)
        for v in (temperature_k, emissivity, sides, sink_temperature_k, absorbed_flux_w_m2)
    )
    _reject("temperature_k", temperature, ~(temperature > 0.0), "(0, inf) K; use kelvin, not Celsius.")
    _reject("emissivity", emissivity_, ~((emissivity_ >= 0.0) & (emissivity_ <= 1.0)),
            "[0, 1]; it is a fraction, not a percent.")
    _reject("sides", sides_, ~((sides_ > 0.0) & (sides_ <= 2.0)),
            "(0, 2]; a flat panel radiates from one or two faces.")
    _reject("sink_temperature_k", sink, ~(sink >= 0.0), "[0, inf) K; use kelvin, not Celsius.")
    _reject("absorbed_flux_w_m2", absorbed, ~(absorbed >= 0.0),
            "[0, inf) W/m2; absorbed environmental flux cannot be negative.")
    net = sides_ * emissivity_ * STEFAN_BOLTZMANN_W_M2_K4 * (temperature**4 - sink**4) - absorbed
    if np.any(~(net > 0.0)):
        first = tuple(np.argwhere(~(net > 0.0))[0])
        t, s, q, n = (float(np.broadcast_to(a, net.shape)[first]) for a in (temperature, sink, absorbed, net))
        raise ModelDomainError(
            f"temperature_k = {t:g} K gives a net radiator flux of {n:.4g} W/m2 <= 0 against "
            f"sink_temperature_k = {s:g} K and absorbed_flux_w_m2 = {q:g} W/m2; the radiator "
            "cannot reject heat there: raise its temperature or lower the absorbed flux."
        )
    return scalar_or_array(net)


def radiator_area_m2(heat_w, temperature_k, emissivity, sides=2, sink_temperature_k=3.0,
                     absorbed_flux_w_m2=0.0):
    """Radiator planform area needed to reject ``heat_w`` at ``temperature_k`` [m2].

    Parameters
    ----------
    heat_w : float or array_like
        Heat to reject [W]; >= 0.
    temperature_k, emissivity, sides, sink_temperature_k, absorbed_flux_w_m2
        As in :func:`radiator_net_flux_w_m2`.

    Returns
    -------
    numpy.ndarray or float
        Planform area (one face counted once) [m2].

    Raises
    ------
    ModelDomainError
        If an argument is outside its range or the net flux is <= 0.

    Notes
    -----
    :math:`A = Q / q` with :math:`q` from :func:`radiator_net_flux_w_m2`; same
    assumptions (``docs/design/radiator.md``).

    Examples
    --------
    >>> round(float(radiator_area_m2(1.0e6, 293.15, 0.92, absorbed_flux_w_m2=137.0)), 1)
    1578.5
    """
    heat = non_negative("heat_w", heat_w, "W", hint="rejected heat cannot be negative")
    net = radiator_net_flux_w_m2(temperature_k, emissivity, sides, sink_temperature_k,
                                 absorbed_flux_w_m2)
    return scalar_or_array(heat / net)


def radiator_mass_kg(area_m2, areal_density_kg_m2):
    """Radiator mass from its planform area and areal density [kg].

    Parameters
    ----------
    area_m2 : float or array_like
        Radiator planform area [m2]; >= 0.
    areal_density_kg_m2 : float or array_like
        Mass per m2 of planform, including panels, heat transport (loops, pumps,
        fluid) and deployment structure if the caller wants them counted here
        [kg/m2]; >= 0.

    Returns
    -------
    numpy.ndarray or float
        Radiator mass [kg].

    Examples
    --------
    >>> float(radiator_mass_kg(100.0, 3.0))
    300.0
    """
    area = non_negative("area_m2", area_m2, "m2", hint="an area cannot be negative")
    density = non_negative("areal_density_kg_m2", areal_density_kg_m2, "kg/m2",
                           hint="a mass per area cannot be negative")
    return scalar_or_array(area * density)
