"""Mass-driver electrical energy per shot, average power, and track length.

Design note: ``docs/design/lunar_bootstrap.md`` (section "Mass driver").
"""

from __future__ import annotations

import numpy as np

from moonbase.domain import at_least, between, greater, scalar_or_array

__all__ = [
    "mass_driver_energy_per_launch_j",
    "mass_driver_average_power_w",
    "track_length_m",
    "exit_speed_m_s",
]


def mass_driver_energy_per_launch_j(payload_mass_kg, carrier_mass_kg, exit_speed_m_s, efficiency,
                                    carrier_energy_recovery=0.0):
    """Electrical energy drawn per shot by a mass driver [J].

    Parameters
    ----------
    payload_mass_kg : float or array_like
        Payload released at the muzzle [kg], >= 0.
    carrier_mass_kg : float or array_like
        Carrier (bucket, sled) accelerated with the payload and kept [kg], >= 0.
    exit_speed_m_s : float or array_like
        Speed at release, relative to the track [m/s], >= 0.
    efficiency : float or array_like
        Electrical-to-kinetic efficiency of the accelerator [-], in (0, 1].
    carrier_energy_recovery : float or array_like, optional
        Fraction of the carrier's exit kinetic energy returned to the bus as
        electricity by regenerative braking [-], in [0, 1]; default 0.

    Returns
    -------
    numpy.ndarray or float
        Electrical energy per shot [J]; >= the payload's kinetic energy.

    Notes
    -----
    .. math:: E = \\frac{(m_p + m_c) v^2}{2\\eta} - \\rho\\,\\frac{m_c v^2}{2}

    The carrier is recirculated (O'Neill's buckets) and ``rho`` already contains
    the braking section's own conversion losses. For eta <= 1 and rho <= 1,
    E >= m_p v^2 / 2. The speed is relative to the track; the lunar rotation
    (4.6 m/s at the equator) and gravity losses along a level track are left to
    the trajectory layer. O'Neill's SSI design ([1]_: ~5 kg buckets carrying
    ~9 kg to >2.4 km/s at >60 %) gives, with no recovery, 67 MJ per shot
    (7.5 MJ per kg of payload); full recovery gives 52 MJ (5.8 MJ/kg).

    References
    ----------
    .. [1] Space Studies Institute, "A Survey of SPS" (1976): O'Neill's lunar
       mass driver, ~14 km linear motor, recirculating ~5 kg buckets carrying
       ~9 kg, >2.4 km/s, overall efficiency estimated above 60 %.

    Examples
    --------
    >>> round(mass_driver_energy_per_launch_j(1.0, 0.0, 2380.0, 1.0) / 1e6, 3)
    2.832
    """
    payload = at_least("payload_mass_kg", payload_mass_kg, 0.0, "a mass >= 0 kg")
    carrier = at_least("carrier_mass_kg", carrier_mass_kg, 0.0, "a mass >= 0 kg")
    speed = at_least("exit_speed_m_s", exit_speed_m_s, 0.0, "a speed >= 0 m/s")
    eta = between("efficiency", efficiency, 0.0, 1.0, "a fraction in (0, 1], not a percent", low_open=True)
    recovery = between("carrier_energy_recovery", carrier_energy_recovery, 0.0, 1.0, "a fraction in [0, 1]")
    half_v2 = 0.5 * speed**2
    energy = (payload + carrier) * half_v2 / eta - recovery * carrier * half_v2
    return scalar_or_array(energy)


def mass_driver_average_power_w(energy_per_launch_j, launch_rate_per_s):
    """Average electrical power of a mass driver firing at a given rate [W].

    Parameters
    ----------
    energy_per_launch_j : float or array_like
        Electrical energy per shot [J], >= 0.
    launch_rate_per_s : float or array_like
        Time-averaged shot rate [1/s], >= 0 (include availability).

    Returns
    -------
    numpy.ndarray or float
        Average power [W]. Peak power during a shot is far higher and sized by
        the pulsed-power store, not by this figure.

    Notes
    -----
    :math:`\\bar P = E f`. SP-413's five 10-kg masses a second at 2,400 m/s carry
    144 MW of payload kinetic power (our arithmetic, payload only, eta = 1).

    Examples
    --------
    >>> mass_driver_average_power_w(2.0e6, 5.0)
    10000000.0
    """
    energy = at_least("energy_per_launch_j", energy_per_launch_j, 0.0, "an energy >= 0 J")
    rate = at_least("launch_rate_per_s", launch_rate_per_s, 0.0, "a shot rate >= 0 per s")
    power = energy * rate
    return scalar_or_array(power)


def track_length_m(exit_speed_m_s, acceleration_m_s2):
    """Accelerator length to reach a speed from rest at constant acceleration [m].

    Parameters
    ----------
    exit_speed_m_s : float or array_like
        Speed at the end of the accelerator [m/s], >= 0.
    acceleration_m_s2 : float or array_like
        Constant (or mean) acceleration along the track [m/s2], > 0.

    Returns
    -------
    numpy.ndarray or float
        Accelerator length [m]; a real track with a ramp-up or a non-uniform
        thrust profile is longer for the same peak acceleration.

    Notes
    -----
    :math:`L = v^2 / (2a)`. Mass Driver 2 (1980) reached 112 m/s in a 1.25 m
    section at up to 500 g0 [1]_: v^2/(2a) = 1.28 m. A braking section for the
    carrier adds its own length.

    References
    ----------
    .. [1] Mass Driver 2 figures (1.25 m accelerator, 59 drive coils, 112 m/s,
       up to 500 g) as restated in the "Mass driver" encyclopaedia article
       (probsee.com, from Kolm et al., SSI reports, 1980).

    Examples
    --------
    >>> track_length_m(2400.0, 1000.0)
    2880.0
    """
    speed = at_least("exit_speed_m_s", exit_speed_m_s, 0.0, "a speed >= 0 m/s")
    accel = greater("acceleration_m_s2", acceleration_m_s2, 0.0, "an acceleration > 0 m/s2")
    length = speed**2 / (2.0 * accel)
    return scalar_or_array(length)


def exit_speed_m_s(track_length_m, acceleration_m_s2):
    """Speed reached from rest over a track at constant acceleration [m/s].

    Parameters
    ----------
    track_length_m : float or array_like
        Accelerator length [m], >= 0.
    acceleration_m_s2 : float or array_like
        Constant (or mean) acceleration [m/s2], > 0.

    Returns
    -------
    numpy.ndarray or float
        Exit speed [m/s], the inverse of :func:`track_length_m`.

    Notes
    -----
    :math:`v = \\sqrt{2 a L}`. MIT's Mass Driver 1 (1977): ~2 m at 20-25 g0
    mean acceleration gives 28-31 m/s (our arithmetic; no exit speed is quoted).

    Examples
    --------
    >>> exit_speed_m_s(2880.0, 1000.0)
    2400.0
    """
    length = at_least("track_length_m", track_length_m, 0.0, "a length >= 0 m")
    accel = greater("acceleration_m_s2", acceleration_m_s2, 0.0, "an acceleration > 0 m/s2")
    speed = np.sqrt(2.0 * accel * length)
    return scalar_or_array(speed)
