"""Links of a compute satellite: downlink to Earth versus distance, light time, links inside a formation.

Built on :mod:`moonbase.physics.optical_link`. Two link kinds: a photon-counting
downlink to a large ground telescope (DSOC-like) and a coherent DWDM inter-satellite
link (the Google formation design). Parameters and their sources:
``docs/design/optical_link.md``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from moonbase.physics.optical_link import (
    aperture_gain,
    light_time_s,
    photon_limited_rate_bit_s,
    received_power_w,
)

WAVELENGTH_M = 1.55e-6  # telecom C band, as DSOC and the Google design use


@dataclass(frozen=True)
class Receiver:
    """The far end of a link: aperture, losses and the photons it needs per bit."""

    aperture_m: float
    aperture_efficiency: float
    other_loss_db: float
    photons_per_bit: float
    source: str


# DSOC ground receiver: the 5.08 m (200-inch) Hale telescope at Palomar with a
# photon-counting detector. Loss budget and photons per bit are our assumption
# (docs/design/optical_link.md): 6.6 dB for transmit aperture efficiency, the Hale's
# central obscuration, atmosphere, pointing and detector efficiency; 2 photons/bit.
DSOC_GROUND = Receiver(5.08, 1.0, 6.6, 2.0,
                       "Hale 5.08 m at Palomar (NASA/JPL DSOC); losses and photons/bit assumed")
# Inter-satellite link of arXiv:2511.19468: 10 cm apertures of 105.1 dB gain, 3 dB other losses.
ISL_RECEIVER = Receiver(0.1, 10 ** (105.1 / 10) / (np.pi * 0.1 / WAVELENGTH_M) ** 2, 3.0, 100.0,
                        "arXiv:2511.19468: 10 cm, 105.1 dB, 3 dB other losses; 100 photons/bit for coherent "
                        "DWDM receivers assumed")

# DSOC flight laser transceiver on Psyche (NASA/JPL): ~4 W average at 1550 nm from a 22 cm
# telescope; 267 Mb/s was its highest rate (Dec 2023, ~31 million km).
DSOC_TRANSMIT_POWER_W = 4.0
DSOC_APERTURE_M = 0.22
DSOC_MAX_RATE_BIT_S = 267e6


def link_rate_bit_s(transmit_power_w, transmit_aperture_m, distance_m, receiver: Receiver,
                    max_rate_bit_s=np.inf, transmit_aperture_efficiency=1.0):
    """Data rate of an optical link at ``distance_m`` [bit/s].

    Parameters
    ----------
    transmit_power_w : float or array_like
        Optical power transmitted [W].
    transmit_aperture_m : float or array_like
        Transmit telescope diameter [m].
    distance_m : float or array_like
        Range [m].
    receiver : Receiver
        Receiving aperture, losses, photons per bit.
    max_rate_bit_s : float or array_like, optional
        Modulation limit of the terminals [bit/s].
    transmit_aperture_efficiency : float, optional
        Fraction of the ideal transmit gain [-].

    Returns
    -------
    numpy.ndarray or float
        :math:`\\min(R_{max}, P_r/(n_{pb} h\\nu))` with :math:`P_r` from the Friis
        equation (:func:`~moonbase.physics.optical_link.received_power_w`).

    Examples
    --------
    >>> r = link_rate_bit_s(4.0, 0.22, 225.3e9, DSOC_GROUND)  # 140 million miles
    >>> round(float(r) / 1e6, 1)
    21.6
    """
    g_t = aperture_gain(transmit_aperture_m, WAVELENGTH_M, transmit_aperture_efficiency)
    g_r = aperture_gain(receiver.aperture_m, WAVELENGTH_M, receiver.aperture_efficiency)
    power = received_power_w(transmit_power_w, g_t, g_r, distance_m, WAVELENGTH_M, receiver.other_loss_db)
    return photon_limited_rate_bit_s(power, WAVELENGTH_M, receiver.photons_per_bit, max_rate_bit_s)


def isl_rate_bit_s(spacing_m, transmit_power_w=5.0, aperture_m=0.1, max_rate_bit_s=9.6e12):
    """Inter-satellite link rate versus spacing inside a formation [bit/s].

    At the Google design's 100-200 m spacing the link is far from photon-limited
    and runs at the terminal's 9.6 Tb/s (24 DWDM channels of 400 Gb/s); the photon
    budget takes over beyond a few hundred km.

    Examples
    --------
    >>> round(float(isl_rate_bit_s(200.0)) / 1e12, 1)
    9.6
    """
    return link_rate_bit_s(transmit_power_w, aperture_m, spacing_m, ISL_RECEIVER, max_rate_bit_s,
                           ISL_RECEIVER.aperture_efficiency)


def round_trip_light_time_s(distance_m):
    """Two-way light time over ``distance_m`` [s] (the floor of any interactive latency).

    Examples
    --------
    >>> round(float(round_trip_light_time_s(384_400e3)), 2)
    2.56
    """
    return 2.0 * light_time_s(distance_m)


def dsoc_downlink_rate_bit_s(distance_m):
    """Downlink rate of the DSOC flight transceiver to the Hale telescope at ``distance_m`` [bit/s].

    Published hardware (4 W, 22 cm, 1550 nm, 5.08 m receiver, 267 Mb/s peak) with our
    assumed loss budget and photons per bit (:data:`DSOC_GROUND`).

    Examples
    --------
    >>> round(float(dsoc_downlink_rate_bit_s(30.58e9)) / 1e6)  # 19 million miles: the terminal's peak
    267
    """
    return link_rate_bit_s(DSOC_TRANSMIT_POWER_W, DSOC_APERTURE_M, distance_m, DSOC_GROUND, DSOC_MAX_RATE_BIT_S)
