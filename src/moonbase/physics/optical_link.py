"""Free-space optical link budget: received power, photon-limited data rate, light time.

A laser transmitter and a telescope receiver in vacuum (plus a lumped loss for
pointing, optics, atmosphere and detector). The received power follows the Friis
equation with diffraction-limited aperture gains; the data rate is capped by the
photons the receiver needs per bit and by the terminal's modulation rate.
Simplifications and their sizes: ``docs/design/optical_link.md``.
"""

from __future__ import annotations

import numpy as np

from moonbase.constants import PLANCK_J_S, SPEED_OF_LIGHT_M_S
from moonbase.domain import fraction, non_negative, positive, reject as _reject, scalar_or_array


def aperture_gain(diameter_m, wavelength_m, aperture_efficiency=1.0):
    """On-axis gain of a circular aperture, relative to isotropic [-] (linear, not dB).

    Parameters
    ----------
    diameter_m : float or array_like
        Aperture diameter [m]; > 0.
    wavelength_m : float or array_like
        Wavelength [m]; > 0.
    aperture_efficiency : float or array_like, optional
        Fraction of the ideal gain realised (illumination, obscuration, wavefront
        error) [-], in (0, 1].

    Returns
    -------
    numpy.ndarray or float
        :math:`G = \\eta (\\pi D / \\lambda)^2` [-] ([1]_).

    References
    ----------
    .. [1] H. Hemmati (ed.), "Deep Space Optical Communications," JPL Deep Space
       Communications and Navigation Series, Wiley, 2006, ch. 2 (link equation).

    Examples
    --------
    >>> import math
    >>> round(10 * math.log10(float(aperture_gain(0.1, 1.55e-6))), 2)  # 10 cm at 1.55 um
    106.14
    """
    diameter = positive("diameter_m", diameter_m, "m")
    wavelength = positive("wavelength_m", wavelength_m, "m")
    efficiency = fraction("aperture_efficiency", aperture_efficiency, low_open=True)
    return scalar_or_array(efficiency * (np.pi * diameter / wavelength) ** 2)


def received_power_w(transmit_power_w, transmit_gain, receive_gain, distance_m, wavelength_m,
                     other_loss_db=0.0):
    """Optical power collected by the receiver of a free-space link [W].

    Parameters
    ----------
    transmit_power_w : float or array_like
        Laser power leaving the transmitter [W]; >= 0.
    transmit_gain, receive_gain : float or array_like
        Aperture gains, linear [-] (:func:`aperture_gain`); > 0.
    distance_m : float or array_like
        Range between the terminals [m]; > 0.
    wavelength_m : float or array_like
        Wavelength [m]; > 0.
    other_loss_db : float or array_like, optional
        Lumped losses: pointing, optics, atmosphere [dB]; >= 0.

    Returns
    -------
    numpy.ndarray or float
        :math:`P_r = P_t G_t G_r (\\lambda / 4 \\pi d)^2 \\, 10^{-L/10}` [W] (Friis; [1]_).

    Notes
    -----
    Far field only (:math:`d \\gg D^2/\\lambda`: 6 km for 10 cm at 1.55 um); nearer, the
    receiver catches the whole beam and the formula overestimates the power.

    References
    ----------
    .. [1] H. Hemmati (ed.), "Deep Space Optical Communications," Wiley, 2006, ch. 2.
    .. [2] B. Agüera y Arcas et al., "Towards a future space-based, highly scalable
       AI infrastructure system design," Google Research, arXiv:2511.19468 (2025):
       5 W, two 10 cm apertures of 105.1 dB gain, 1.55 um, 3 dB other losses ->
       1.6 uW at 5,000 km.

    Examples
    --------
    >>> g = 10 ** (105.1 / 10)
    >>> round(float(received_power_w(5.0, g, g, 5.0e6, 1.55e-6, 3.0)) * 1e6, 2)
    1.6
    """
    power = non_negative("transmit_power_w", transmit_power_w, "W")
    g_t = positive("transmit_gain", transmit_gain, "(linear gain, not dB)")
    g_r = positive("receive_gain", receive_gain, "(linear gain, not dB)")
    distance = positive("distance_m", distance_m, "m")
    wavelength = positive("wavelength_m", wavelength_m, "m")
    loss = non_negative("other_loss_db", other_loss_db, "dB", hint="a loss, not a gain")
    path_gain = (wavelength / (4.0 * np.pi * distance)) ** 2
    return scalar_or_array(power * g_t * g_r * path_gain * 10.0 ** (-loss / 10.0))


def photon_energy_j(wavelength_m):
    """Energy of one photon [J]: :math:`E = h c / \\lambda`.

    Examples
    --------
    >>> round(float(photon_energy_j(1.55e-6)) * 1e19, 4)
    1.2816
    """
    return scalar_or_array(PLANCK_J_S * SPEED_OF_LIGHT_M_S / positive("wavelength_m", wavelength_m, "m"))


def photon_limited_rate_bit_s(received_power_w, wavelength_m, photons_per_bit, max_rate_bit_s=np.inf):
    """Data rate a received optical power supports [bit/s].

    Parameters
    ----------
    received_power_w : float or array_like
        Power at the receiver, after all losses [W]; >= 0.
    wavelength_m : float or array_like
        Wavelength [m]; > 0.
    photons_per_bit : float or array_like
        Received photons the modulation and detector need per bit [-]; > 0 (about
        1-3 for photon-counting PPM, hundreds for coherent DWDM receivers).
    max_rate_bit_s : float or array_like, optional
        Modulation limit of the terminals [bit/s]; > 0.

    Returns
    -------
    numpy.ndarray or float
        :math:`R = \\min(R_{max}, P_r / (n_{pb} h c / \\lambda))` [bit/s].

    Examples
    --------
    >>> round(float(photon_limited_rate_bit_s(1.2816e-12, 1.55e-6, 1.0)) / 1e6, 2)
    10.0
    """
    power = non_negative("received_power_w", received_power_w, "W")
    photons = positive("photons_per_bit", photons_per_bit, "photons per bit")
    cap = np.asarray(max_rate_bit_s, dtype=float)
    _reject("max_rate_bit_s", cap, ~(cap > 0.0), "(0, inf] bit/s.")
    return scalar_or_array(np.minimum(power / (photons * photon_energy_j(wavelength_m)), cap))


def light_time_s(distance_m):
    """One-way light time over ``distance_m`` [s]: :math:`d / c`.

    Examples
    --------
    >>> from moonbase.constants import AU_M
    >>> round(float(light_time_s(AU_M)), 1)
    499.0
    """
    distance = non_negative("distance_m", distance_m, "m")
    return scalar_or_array(distance / SPEED_OF_LIGHT_M_S)
