"""Mass-driver kinematics: a jerk-limited launch, carrier braking, and the g-limit's cost.

The carrier starts from rest, its acceleration ramps up at a constant jerk to the
payload's g-limit, then stays there to the exit speed; the payload is released at the
muzzle and the empty carrier brakes on its own section. Design note:
``docs/design/mass_driver_machine.md`` (section "Kinematics").
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from moonbase.domain import between, greater, require, scalar_or_array
from moonbase.massdriver.energy import track_length_m

__all__ = [
    "accelerator_length_m",
    "time_on_track_s",
    "braking_length_m",
    "KinematicState",
    "kinematic_state",
    "ruggedisation_mass_fraction",
]


def _check(exit_speed_m_s, max_acceleration_m_s2, jerk_m_s3):
    return (greater("exit_speed_m_s", exit_speed_m_s, 0.0, "a speed > 0 m/s"),
            greater("max_acceleration_m_s2", max_acceleration_m_s2, 0.0, "an acceleration > 0 m/s2"),
            greater("jerk_m_s3", jerk_m_s3, 0.0, "a jerk > 0 m/s3 (np.inf for a step in acceleration)",
                    infinite_ok=True))


def _ramp(speed, accel, jerk):
    """Ramp end speed v_r = a^2 / 2j [m/s] and whether the ramp completes before the exit."""
    ramp_speed = accel**2 / (2.0 * jerk)
    return ramp_speed, speed >= ramp_speed


def accelerator_length_m(exit_speed_m_s, max_acceleration_m_s2, jerk_m_s3=np.inf):
    """Length of a jerk-limited accelerator from rest to the exit speed [m].

    Parameters
    ----------
    exit_speed_m_s : float or array_like
        Speed at the muzzle [m/s], > 0.
    max_acceleration_m_s2 : float or array_like
        Payload g-limit: the plateau acceleration [m/s2], > 0.
    jerk_m_s3 : float or array_like, optional
        Rate of rise of acceleration at the start [m/s3], > 0; ``np.inf`` (default)
        gives a step to full acceleration.

    Returns
    -------
    numpy.ndarray or float
        Accelerator length [m], never shorter than :math:`v^2/2a`.

    Notes
    -----
    When the ramp ends before the exit (:math:`v \\ge a^2/2j`):

    .. math:: L = \\frac{v^2}{2a} + \\frac{a^3}{24 j^2},

    our closed form of ramp (:math:`x_r = a^3/6j^2`) plus plateau. Otherwise the
    whole track is ramp: :math:`L = (2v)^{3/2} / (6\\sqrt{j})`. With a step in
    acceleration it is the constant-acceleration :func:`moonbase.massdriver.energy.track_length_m`.
    Mass Driver 2 (1.25 m, 112 m/s, up to 500 g0) is the published check.

    Examples
    --------
    >>> round(accelerator_length_m(2600.0, 1000.0, 1000.0), 1)
    3421.7
    """
    speed, accel, jerk = _check(exit_speed_m_s, max_acceleration_m_s2, jerk_m_s3)
    ramp_speed, completes = _ramp(speed, accel, jerk)
    plateau = speed**2 / (2.0 * accel) + accel**3 / (24.0 * jerk**2)
    ramp_only = (2.0 * speed) ** 1.5 / (6.0 * np.sqrt(jerk))
    return scalar_or_array(np.where(completes, plateau, ramp_only))


def time_on_track_s(exit_speed_m_s, max_acceleration_m_s2, jerk_m_s3=np.inf):
    """Time from rest to the muzzle on a jerk-limited accelerator [s].

    Parameters
    ----------
    exit_speed_m_s, max_acceleration_m_s2, jerk_m_s3 : float or array_like
        As in :func:`accelerator_length_m`.

    Returns
    -------
    numpy.ndarray or float
        Time on track [s]: :math:`v/a + a/2j` when the ramp completes, else
        :math:`\\sqrt{2v/j}`.

    Examples
    --------
    >>> time_on_track_s(2600.0, 1000.0, 1000.0)
    3.1
    """
    speed, accel, jerk = _check(exit_speed_m_s, max_acceleration_m_s2, jerk_m_s3)
    _, completes = _ramp(speed, accel, jerk)
    return scalar_or_array(np.where(completes, speed / accel + accel / (2.0 * jerk), np.sqrt(2.0 * speed / jerk)))


def braking_length_m(exit_speed_m_s, braking_deceleration_m_s2):
    """Length of the section that stops the empty carrier after release [m].

    Parameters
    ----------
    exit_speed_m_s : float or array_like
        Carrier speed at release [m/s], >= 0.
    braking_deceleration_m_s2 : float or array_like
        Constant braking deceleration of the empty carrier [m/s2], > 0; the
        carrier alone may be rated above the payload's g-limit.

    Returns
    -------
    numpy.ndarray or float
        Braking length :math:`v^2 / 2 a_b` [m].

    Examples
    --------
    >>> braking_length_m(2600.0, 2000.0)
    1690.0
    """
    require(np.asarray(braking_deceleration_m_s2, dtype=float) > 0.0, "braking_deceleration_m_s2",
            braking_deceleration_m_s2, "a deceleration > 0 m/s2")
    return track_length_m(exit_speed_m_s, braking_deceleration_m_s2)


@dataclass(frozen=True)
class KinematicState:
    """Carrier state at given track positions (arrays broadcast together)."""

    time_s: np.ndarray  # time since the start [s]
    speed_m_s: np.ndarray  # speed [m/s]
    acceleration_m_s2: np.ndarray  # acceleration [m/s2]


def kinematic_state(position_m, exit_speed_m_s, max_acceleration_m_s2, jerk_m_s3=np.inf):
    """Time, speed and acceleration of the carrier at positions along the accelerator.

    Parameters
    ----------
    position_m : float or array_like
        Distance from the start of the accelerator [m], in [0, L].
    exit_speed_m_s, max_acceleration_m_s2, jerk_m_s3 : float or array_like
        As in :func:`accelerator_length_m` (broadcast against ``position_m``).

    Returns
    -------
    KinematicState
        Time [s], speed [m/s] and acceleration [m/s2] at each position.

    Notes
    -----
    Ramp phase (:math:`x \\le a^3/6j^2`): :math:`t = (6x/j)^{1/3}`, :math:`v = jt^2/2`,
    :math:`\\ddot x = jt`. Plateau: :math:`v = \\sqrt{v_r^2 + 2a(x - x_r)}`. Where the
    ramp does not complete the whole track is ramp phase.

    Examples
    --------
    >>> state = kinematic_state(3380.0, 2600.0, 1000.0)
    >>> round(float(state.speed_m_s), 6)
    2600.0
    """
    speed, accel, jerk = _check(exit_speed_m_s, max_acceleration_m_s2, jerk_m_s3)
    x = np.asarray(position_m, dtype=float)
    length = np.asarray(accelerator_length_m(speed, accel, jerk))
    require((x >= 0.0) & (x <= length * (1.0 + 1e-12)), "position_m", position_m,
            "a position on the accelerator, in [0, accelerator_length_m]")
    ramp_speed, completes = _ramp(speed, accel, jerk)
    ramp_end_m = np.where(completes, accel**3 / (6.0 * jerk**2), np.inf)
    in_ramp = (x <= ramp_end_m) & np.isfinite(jerk)  # a step in acceleration has no ramp
    beyond = np.maximum(x - np.where(np.isfinite(ramp_end_m), ramp_end_m, 0.0), 0.0)
    v_plateau = np.sqrt(ramp_speed**2 + 2.0 * accel * beyond)
    t_plateau = accel / jerk + (v_plateau - ramp_speed) / accel
    with np.errstate(invalid="ignore"):  # inf * 0 in the branch np.where discards
        t_ramp = np.cbrt(6.0 * x / jerk)
        v_ramp = 0.5 * jerk * t_ramp**2
        a_ramp = np.minimum(jerk * t_ramp, accel)
    time = np.where(in_ramp, t_ramp, t_plateau)
    velocity = np.where(in_ramp, v_ramp, v_plateau)
    acceleration = np.where(in_ramp, a_ramp, accel * np.ones_like(x))
    return KinematicState(time_s=scalar_or_array(time), speed_m_s=scalar_or_array(velocity),
                          acceleration_m_s2=scalar_or_array(acceleration))


def ruggedisation_mass_fraction(max_acceleration_m_s2, rated_acceleration_m_s2, structure_mass_fraction,
                                scaling_exponent=0.5):
    """Extra structure a satellite needs to survive the launcher's g-load, per kg of satellite [-].

    Parameters
    ----------
    max_acceleration_m_s2 : float or array_like
        Peak acceleration on the track [m/s2], > 0.
    rated_acceleration_m_s2 : float or array_like
        Load the satellite's baseline structure is designed for [m/s2], > 0
        (a rocket-launched satellite: ~6 g0 quasi-static axial).
    structure_mass_fraction : float or array_like
        Structure's share of the satellite's mass at the rated load [-], in [0, 1).
    scaling_exponent : float or array_like, optional
        How structure mass grows with design load [-], in [0, 1]: 1 for
        strength-limited ties, 1/2 for buckling-limited columns (default), 1/3
        for buckling-limited plates.

    Returns
    -------
    numpy.ndarray or float
        Extra structure mass as a fraction of the satellite's total mass [-], 0 at
        or below the rated load; above 1 - structure fraction the satellite
        cannot carry anything useful.

    Notes
    -----
    .. math:: \\Delta f = f_s\\,[\\max(n/n_0, 1)^k - 1]

    Minimum-mass scaling with load of Ashby's material indices [1]_: a tie
    :math:`m \\propto F`, a column of given length :math:`m \\propto F^{1/2}`, a
    panel :math:`m \\propto F^{1/3}`. Our assumption: the whole baseline
    structure scales with one exponent and electronics are potted at no extra
    mass (gun-launched electronics survive ~10^4 g0). See
    ``docs/design/mass_driver_machine.md`` (section "g-limit").

    References
    ----------
    .. [1] M. F. Ashby, "Materials Selection in Mechanical Design," 4th ed.,
       Butterworth-Heinemann (2011), ch. 5 (material indices for ties, columns
       and panels).

    Examples
    --------
    >>> round(ruggedisation_mass_fraction(240.0, 60.0, 0.15), 3)
    0.15
    """
    accel = greater("max_acceleration_m_s2", max_acceleration_m_s2, 0.0, "an acceleration > 0 m/s2")
    rated = greater("rated_acceleration_m_s2", rated_acceleration_m_s2, 0.0, "an acceleration > 0 m/s2")
    structure = between("structure_mass_fraction", structure_mass_fraction, 0.0,
                        1.0, "a fraction in [0, 1)", high_open=True)
    exponent = between("scaling_exponent", scaling_exponent, 0.0, 1.0, "an exponent in [0, 1]")
    return scalar_or_array(structure * (np.maximum(accel / rated, 1.0) ** exponent - 1.0))
