"""Mass-driver throughput: launched mass per second from shot rate, payload and availability.

Design note: ``docs/design/lunar_bootstrap.md`` (section "Mass driver").
"""

from __future__ import annotations

import numpy as np

from moonbase.domain import at_least, between, greater, require as _require, scalar_or_array

__all__ = [
    "mass_driver_throughput_kg_s",
    "launch_rate_from_interval_per_s",
    "carrier_cycle_time_s",
    "carriers_in_circulation",
    "max_launch_rate_per_s",
]


def launch_rate_from_interval_per_s(interval_s):
    """Shot rate of a launcher that fires once every ``interval_s`` [1/s].

    Parameters
    ----------
    interval_s : float or array_like
        Time between shots [s], > 0.

    Returns
    -------
    numpy.ndarray or float
        Shots per second [1/s].

    Examples
    --------
    >>> launch_rate_from_interval_per_s(0.2)
    5.0
    """
    interval = greater("interval_s", interval_s, 0.0, "a time between shots > 0 s")
    rate = 1.0 / interval
    return scalar_or_array(rate)


def mass_driver_throughput_kg_s(launch_rate_per_s, payload_mass_kg, availability):
    """Time-averaged payload mass a mass driver fires per second [kg/s].

    Parameters
    ----------
    launch_rate_per_s : float or array_like
        Shot rate while the launcher runs [1/s], >= 0.
    payload_mass_kg : float or array_like
        Payload per shot, excluding a recirculated carrier (bucket) [kg], >= 0.
    availability : float or array_like
        Fraction of time the launcher runs [-], in [0, 1] (maintenance, lunar
        night without storage, launch windows).

    Returns
    -------
    numpy.ndarray or float
        Payload mass flow [kg/s]; multiply by ``SECONDS_PER_YEAR`` for kg/yr.

    Notes
    -----
    :math:`\\dot m = f\\, m_p\\, A`. Snow & Kolm's quenchgun, 1 t every 2 h, gives
    4,383 t per Julian year at A = 1 ("nearly 4400 tons" [1]_). NASA SP-413's
    lunar launcher, five 10-kg masses a second [2]_, gives 50 kg/s (1.58 Mt/yr
    at A = 1; the paying-off throughput depends on A, which SP-413 sets by its
    own duty schedule).

    References
    ----------
    .. [1] W. R. Snow and H. H. Kolm, "Electromagnetic launch of lunar material,"
       in Space Resources, NASA SP-509 vol. 2 (1992); NTRS 19930007725 (abstract).
    .. [2] R. D. Johnson and C. Holbrow (eds.), "Space Settlements: A Design Study,"
       NASA SP-413 (1977), ch. 5.

    Examples
    --------
    >>> mass_driver_throughput_kg_s(5.0, 10.0, 1.0)
    50.0
    """
    rate = at_least("launch_rate_per_s", launch_rate_per_s, 0.0, "a shot rate >= 0 per s")
    payload = at_least("payload_mass_kg", payload_mass_kg, 0.0, "a payload mass >= 0 kg")
    avail = between("availability", availability, 0.0, 1.0, "a fraction in [0, 1], not a percent")
    throughput = rate * payload * avail
    return scalar_or_array(throughput)


def carrier_cycle_time_s(time_on_track_s, braking_time_s, return_length_m, return_speed_m_s, turnaround_s):
    """Time for one carrier to go round: accelerate, brake, return, reload [s].

    Parameters
    ----------
    time_on_track_s : float or array_like
        Time on the accelerator [s], >= 0.
    braking_time_s : float or array_like
        Time on the braking section [s], >= 0.
    return_length_m : float or array_like
        Length of the return track to the loading station [m], >= 0.
    return_speed_m_s : float or array_like
        Cruise speed of the empty carrier on the return track [m/s], > 0.
    turnaround_s : float or array_like
        Loading, checkout and insertion time at the breech [s], >= 0.

    Returns
    -------
    numpy.ndarray or float
        Cycle time [s].

    Examples
    --------
    >>> carrier_cycle_time_s(3.1, 1.3, 5000.0, 100.0, 60.0)
    114.4
    """
    parts = {"time_on_track_s": time_on_track_s, "braking_time_s": braking_time_s,
             "return_length_m": return_length_m, "turnaround_s": turnaround_s}
    for name, value in parts.items():
        _require(np.asarray(value, dtype=float) >= 0.0, name, value, "a value >= 0")
    speed = greater("return_speed_m_s", return_speed_m_s, 0.0, "a speed > 0 m/s")
    cycle = (np.asarray(time_on_track_s, dtype=float) + np.asarray(braking_time_s, dtype=float)
             + np.asarray(return_length_m, dtype=float) / speed + np.asarray(turnaround_s, dtype=float))
    return scalar_or_array(cycle)


def carriers_in_circulation(launch_rate_per_s, cycle_time_s):
    """Carriers needed to sustain a shot rate: Little's law, rate x cycle time [-].

    Examples
    --------
    >>> carriers_in_circulation(0.1, 114.4)
    12.0
    """
    rate = at_least("launch_rate_per_s", launch_rate_per_s, 0.0, "a shot rate >= 0 per s")
    cycle = at_least("cycle_time_s", cycle_time_s, 0.0, "a time >= 0 s")
    count = np.ceil(rate * cycle - 1e-9)
    return scalar_or_array(count)


def max_launch_rate_per_s(power_available_w, bus_energy_per_launch_j):
    """Highest shot rate an average power supply can sustain [1/s].

    Parameters
    ----------
    power_available_w : float or array_like
        Average electrical power the site can give the driver while it fires [W], >= 0;
        ``np.inf`` for no limit (the rate is then infinite).
    bus_energy_per_launch_j : float or array_like
        Energy drawn from the supply per shot, storage losses included [J], > 0.

    Returns
    -------
    numpy.ndarray or float
        :math:`f_{max} = P / E` [1/s].

    Examples
    --------
    >>> max_launch_rate_per_s(1.0e9, 5.0e9)
    0.2
    """
    power = at_least("power_available_w", power_available_w, 0.0, "a power >= 0 W", infinite_ok=True)
    energy = greater("bus_energy_per_launch_j", bus_energy_per_launch_j, 0.0, "an energy > 0 J")
    rate = power / energy
    return scalar_or_array(rate)
