"""The accelerator as a linear synchronous motor built of short, pulsed coil stages.

The carrier holds a magnet (permanent or superconducting) of length ``magnet_length_m``
and width ``magnet_width_m`` that sets the air-gap field; the track is a row of stator
stages, each switched on only while the carrier is over it. Each stage's winding is
sized so its pulse heats it by at most ``temperature_rise_k`` (adiabatic: the pulse is
far shorter than any cooling time) and never carries more than a current-density cap.
Design note: ``docs/design/mass_driver_machine.md`` (section "Electromagnetics").
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from moonbase.constants import (
    ALUMINIUM_DENSITY_KG_M3,
    ALUMINIUM_RESISTIVITY_OHM_M,
    ALUMINIUM_SPECIFIC_HEAT_J_KG_K,
    COPPER_DENSITY_KG_M3,
    COPPER_RESISTIVITY_OHM_M,
    COPPER_SPECIFIC_HEAT_J_KG_K,
)
from moonbase.domain import at_least, between, greater, require, scalar_or_array
from moonbase.errors import ModelDomainError
from moonbase.massdriver.kinematics import accelerator_length_m, kinematic_state

__all__ = [
    "WindingConductor",
    "Conductor",
    "CONDUCTORS",
    "conductor",
    "lsm_thrust_n",
    "linear_current_density_a_m",
    "stage_pulse_duration_s",
    "adiabatic_current_density_a_m2",
    "CoilStageProfile",
    "coil_stage_profile",
]


@dataclass(frozen=True)
class Conductor:
    """Bulk properties of a stator winding material at room temperature."""

    resistivity_ohm_m: float
    density_kg_m3: float
    specific_heat_j_kg_k: float
    source: str


#: Winding materials; aluminium is what a lunar smelter makes (Al from anorthite).
CONDUCTORS = {
    "aluminium": Conductor(ALUMINIUM_RESISTIVITY_OHM_M, ALUMINIUM_DENSITY_KG_M3, ALUMINIUM_SPECIFIC_HEAT_J_KG_K,
                           "CRC Handbook of Chemistry and Physics, 97th ed. (2016)"),
    "copper": Conductor(COPPER_RESISTIVITY_OHM_M, COPPER_DENSITY_KG_M3, COPPER_SPECIFIC_HEAT_J_KG_K,
                        "CRC Handbook of Chemistry and Physics, 97th ed. (2016)"),
}


class WindingConductor(StrEnum):
    """Stator winding material (the keys of :data:`CONDUCTORS`)."""

    ALUMINIUM = "aluminium"
    COPPER = "copper"


def conductor(name: str) -> Conductor:
    """The registered winding material ``name`` (``"aluminium"`` or ``"copper"``)."""
    if name not in CONDUCTORS:
        raise ModelDomainError(f"conductor = {name!r} is unknown; choose one of: {', '.join(CONDUCTORS)}.")
    return CONDUCTORS[name]


def lsm_thrust_n(air_gap_field_t, linear_current_density_a_m, magnet_area_m2):
    """Thrust of a linear synchronous motor on the carrier magnet [N].

    Parameters
    ----------
    air_gap_field_t : float or array_like
        Peak air-gap flux density of the carrier magnet [T], > 0.
    linear_current_density_a_m : float or array_like
        Peak stator current per metre of track (electric loading) [A/m], >= 0.
    magnet_area_m2 : float or array_like
        Area of the carrier magnet facing the stator [m2], > 0.

    Returns
    -------
    numpy.ndarray or float
        Thrust [N] at the optimal load angle.

    Notes
    -----
    :math:`F = \\tfrac12 \\hat B \\hat K A`: the mean tangential (shear) stress of
    sinusoidal field and current-sheet waves in phase quadrature, the standard
    sizing relation of synchronous machines ([1]_, ch. 1, "tangential stress",
    written there with the RMS loading: :math:`\\sigma = \\hat B A_{rms}/\\sqrt2`).
    End effects of the finite magnet are neglected.

    References
    ----------
    .. [1] J. Pyrhönen, T. Jokinen and V. Hrabovcová, "Design of Rotating
       Electrical Machines," Wiley (2008), ch. 1.

    Examples
    --------
    >>> lsm_thrust_n(1.0, 3.0e6, 1.0)
    1500000.0
    """
    field = greater("air_gap_field_t", air_gap_field_t, 0.0, "a flux density > 0 T")
    loading = at_least("linear_current_density_a_m", linear_current_density_a_m, 0.0, "a loading >= 0 A/m")
    area = greater("magnet_area_m2", magnet_area_m2, 0.0, "an area > 0 m2")
    return scalar_or_array(0.5 * field * loading * area)


def linear_current_density_a_m(thrust_n, air_gap_field_t, magnet_area_m2):
    """Stator electric loading that gives a thrust: the inverse of :func:`lsm_thrust_n` [A/m].

    Examples
    --------
    >>> linear_current_density_a_m(1.5e6, 1.0, 1.0)
    3000000.0
    """
    thrust = at_least("thrust_n", thrust_n, 0.0, "a thrust >= 0 N")
    field = greater("air_gap_field_t", air_gap_field_t, 0.0, "a flux density > 0 T")
    area = greater("magnet_area_m2", magnet_area_m2, 0.0, "an area > 0 m2")
    return scalar_or_array(2.0 * thrust / (field * area))


def stage_pulse_duration_s(speed_m_s, acceleration_m_s2, energised_length_m):
    """How long a stage carries current: the carrier's time to cross ``energised_length_m`` [s].

    Parameters
    ----------
    speed_m_s : float or array_like
        Carrier speed as it reaches the stage [m/s], >= 0.
    acceleration_m_s2 : float or array_like
        Acceleration over the stage [m/s2], >= 0 (not both zero).
    energised_length_m : float or array_like
        Stage length plus magnet length [m], > 0: a stage is on while any part
        of the magnet is over it.

    Returns
    -------
    numpy.ndarray or float
        Pulse duration [s]: :math:`(\\sqrt{v^2 + 2ad} - v)/a`, written as
        :math:`2d/(v + \\sqrt{v^2 + 2ad})` so it holds at a = 0 too.

    Examples
    --------
    >>> stage_pulse_duration_s(0.0, 1000.0, 2.0)
    0.06324555320336758
    """
    speed = at_least("speed_m_s", speed_m_s, 0.0, "a speed >= 0 m/s")
    accel = at_least("acceleration_m_s2", acceleration_m_s2, 0.0, "an acceleration >= 0 m/s2")
    length = greater("energised_length_m", energised_length_m, 0.0, "a length > 0 m")
    require((speed > 0.0) | (accel > 0.0), "speed_m_s", speed_m_s, "a moving or accelerating carrier")
    return scalar_or_array(2.0 * length / (speed + np.sqrt(speed**2 + 2.0 * accel * length)))


def adiabatic_current_density_a_m2(pulse_duration_s, temperature_rise_k, resistivity_ohm_m, density_kg_m3,
                                   specific_heat_j_kg_k):
    """Current density that heats a winding by ``temperature_rise_k`` in one pulse [A/m2].

    Parameters
    ----------
    pulse_duration_s : float or array_like
        Time the winding carries current [s], > 0.
    temperature_rise_k : float or array_like
        Allowed temperature rise per pulse [K], > 0.
    resistivity_ohm_m, density_kg_m3, specific_heat_j_kg_k : float or array_like
        Conductor properties (see :data:`CONDUCTORS`), > 0.

    Returns
    -------
    numpy.ndarray or float
        Current density [A/m2].

    Notes
    -----
    Adiabatic Joule heating, :math:`\\rho_e J^2 t = \\rho_m c_p \\Delta T`, so
    :math:`J = \\sqrt{\\rho_m c_p \\Delta T / (\\rho_e t)}`. Valid while the pulse is
    short against the winding's thermal time constant (seconds to minutes for
    centimetre conductors) and the temperature rise small enough for constant
    properties (aluminium resistivity rises ~0.4 %/K).

    Examples
    --------
    >>> round(adiabatic_current_density_a_m2(0.01, 50.0, 2.65e-8, 2700.0, 897.0) / 1e6)
    676
    """
    pulse = greater("pulse_duration_s", pulse_duration_s, 0.0, "a duration > 0 s")
    rise = greater("temperature_rise_k", temperature_rise_k, 0.0, "a temperature rise > 0 K")
    for name, value in (("resistivity_ohm_m", resistivity_ohm_m), ("density_kg_m3", density_kg_m3),
                        ("specific_heat_j_kg_k", specific_heat_j_kg_k)):
        require(np.asarray(value, dtype=float) > 0.0, name, value, "a positive material property")
    return scalar_or_array(np.sqrt(density_kg_m3 * specific_heat_j_kg_k * rise / (resistivity_ohm_m * pulse)))


@dataclass(frozen=True)
class CoilStageProfile:
    """The accelerator cut into segments: per-segment arrays (last axis) and launch totals.

    Every array broadcasts as ``sample_shape + (n_segments,)``; totals as ``sample_shape``.
    """

    position_m: np.ndarray  # segment centre, from the start [m]
    segment_length_m: np.ndarray  # [m]
    speed_m_s: np.ndarray  # at the segment centre [m/s]
    acceleration_m_s2: np.ndarray  # [m/s2]
    force_n: np.ndarray  # thrust on carrier + payload [N]
    air_gap_field_t: np.ndarray  # [T]
    linear_current_density_a_m: np.ndarray  # stator electric loading [A/m]
    current_density_a_m2: np.ndarray  # in the winding [A/m2]
    drive_current_a: np.ndarray  # per turn of a stage winding [A]
    stage_voltage_v: np.ndarray  # across one energised stage [V]
    pulse_duration_s: np.ndarray  # time a stage is on [s]
    conductor_thickness_m: np.ndarray  # winding build normal to the gap [m]
    efficiency: np.ndarray  # mechanical work / electrical energy in the segment [-]
    electrical_power_w: np.ndarray  # drawn while the carrier is at the segment [W]
    electrical_energy_j: np.ndarray  # drawn over the segment [J]
    # Launch totals
    length_m: np.ndarray  # accelerator length [m]
    number_of_stages: np.ndarray  # ceil(L / stage length) [-]
    mechanical_work_j: np.ndarray  # sum of force x segment length [J]
    resistive_loss_j: np.ndarray  # winding Joule heat per launch [J]
    launch_electrical_energy_j: np.ndarray  # from the DC bus per launch [J]
    peak_power_w: np.ndarray  # largest electrical power during a launch [W]
    conductor_mass_kg: np.ndarray  # stator winding mass [kg]
    switch_rating_w: np.ndarray  # sum over stages of each stage's peak power [W]
    exit_speed_from_force_m_s: np.ndarray  # sqrt(2 sum(F dx) / m): the consistency check [m/s]


def coil_stage_profile(exit_speed_m_s, max_acceleration_m_s2, accelerated_mass_kg, *, jerk_m_s3=np.inf,
                       air_gap_field_t=1.0, magnet_length_m=2.0, magnet_width_m=0.5, stage_length_m=1.0,
                       turns_per_stage=4.0, conductor_name="aluminium", temperature_rise_k=50.0,
                       max_current_density_a_m2=2.0e8, end_winding_factor=1.5, converter_efficiency=0.95,
                       n_segments=256):
    """Stage-by-stage electromagnetic design of a mass driver's accelerator.

    Parameters
    ----------
    exit_speed_m_s : float or array_like
        Muzzle speed [m/s], > 0.
    max_acceleration_m_s2 : float or array_like
        Plateau acceleration (payload g-limit) [m/s2], > 0.
    accelerated_mass_kg : float or array_like
        Payload plus carrier [kg], > 0.
    jerk_m_s3 : float or array_like, optional
        Ramp-in jerk [m/s3], > 0 (see :mod:`moonbase.massdriver.kinematics`).
    air_gap_field_t : float or array_like, optional
        Peak field of the carrier magnet at the stator [T], > 0; default 1 T
        (NdFeB Halbach arrays; superconducting carriers reach several T).
    magnet_length_m, magnet_width_m : float or array_like, optional
        Carrier magnet length along the track and width [m], > 0.
    stage_length_m : float or array_like, optional
        Length of one independently switched stator stage [m], > 0.
    turns_per_stage : float or array_like, optional
        Turns of each stage winding [-], > 0 (sets current vs voltage only).
    conductor_name : str, optional
        Winding material in :data:`CONDUCTORS`; default aluminium (lunar-made).
    temperature_rise_k : float or array_like, optional
        Adiabatic temperature rise allowed per pulse [K], > 0.
    max_current_density_a_m2 : float or array_like, optional
        Cap on the winding current density [A/m2], > 0 (mechanical and
        insulation limits at high speed, where pulses are short).
    end_winding_factor : float or array_like, optional
        Winding length per unit of active width [-], >= 1 (end turns).
    converter_efficiency : float or array_like, optional
        Power electronics between DC bus and stage [-], in (0, 1].
    n_segments : int, optional
        Integration segments along the track (the CLI passes the stage count).

    Returns
    -------
    CoilStageProfile
        Per-segment arrays and launch totals (see the class).

    Notes
    -----
    At each segment centre the kinematics give v and a; then

    - thrust :math:`F = m a`; loading :math:`K = 2F/(B A_m)` (:func:`lsm_thrust_n`);
    - pulse :math:`t_{on}` to cross :math:`L_s + L_m` (:func:`stage_pulse_duration_s`);
    - current density :math:`J = \\min(J_{ad}(t_{on}), J_{max})`; winding build
      :math:`h = K/J`; conductor per metre :math:`\\rho_m h w_m k_{end}`;
    - Joule heat per metre of track :math:`q = \\rho_e J K t_{on} w_m k_{end}`;
    - electrical energy per metre :math:`(F + q)/\\eta_c`; power
      :math:`(F v + q (L_s+L_m)/t_{on})/\\eta_c`; efficiency :math:`\\eta_c F/(F+q)`.

    The launch energy is the sum over segments; the exit speed recomputed from
    the summed work, :math:`\\sqrt{2\\sum F\\Delta x/m}`, checks the discretisation
    against the kinematics. Each stage gets its own switch rated for its peak
    power (O'Neill's one-SCR-per-coil layout), so the switch rating is
    :math:`\\sum_{stages} P = \\int P\\,dx / (L_s + L_m)`. Neglected: eddy
    currents in the carrier and back iron, reactive power, stator inductance
    rise time, gravity and track slope (see the design note for sizes).

    Examples
    --------
    >>> profile = coil_stage_profile(2600.0, 1000.0, 1500.0, jerk_m_s3=1000.0)
    >>> round(float(profile.launch_electrical_energy_j) / 1e9, 2)
    5.43
    """
    speed, accel, mass = (np.asarray(v, dtype=float) for v in (exit_speed_m_s, max_acceleration_m_s2,
                                                               accelerated_mass_kg))
    eta_c, material = _checked_coil_stage_inputs(
        accelerated_mass_kg, air_gap_field_t, magnet_length_m, magnet_width_m, stage_length_m, turns_per_stage,
        max_current_density_a_m2, end_winding_factor, converter_efficiency, n_segments, conductor_name)
    length, x, dx, v, a = _segments(speed, accel, jerk_m_s3, int(n_segments))

    field = np.asarray(air_gap_field_t, dtype=float)[..., None]
    magnet_length = np.asarray(magnet_length_m, dtype=float)[..., None]
    magnet_width = np.asarray(magnet_width_m, dtype=float)[..., None]
    stage = np.asarray(stage_length_m, dtype=float)[..., None]
    winding_width = magnet_width * np.asarray(end_winding_factor, dtype=float)[..., None]
    eta = eta_c[..., None]
    m = mass[..., None]

    force = m * a
    loading = 2.0 * force / (field * magnet_length * magnet_width)
    energised = stage + magnet_length
    pulse, current_density = _stage_pulse_and_current_density(v, a, energised, temperature_rise_k,
                                                              max_current_density_a_m2, material)
    thickness = loading / current_density
    heat_per_m = material.resistivity_ohm_m * current_density * loading * pulse * winding_width
    energy_per_m = (force + heat_per_m) / eta
    power = (force * v + heat_per_m * energised / pulse) / eta
    with np.errstate(invalid="ignore", divide="ignore"):  # a zero-force segment has efficiency 0
        efficiency = np.where(force > 0.0, eta * force / (force + heat_per_m), 0.0)
    drive_current = loading * stage / np.asarray(turns_per_stage, dtype=float)[..., None]
    stage_power = power * stage / energised
    with np.errstate(invalid="ignore", divide="ignore"):
        voltage = np.where(drive_current > 0.0, stage_power / drive_current, 0.0)

    work = np.sum(force * dx, axis=-1)
    return CoilStageProfile(
        position_m=x, segment_length_m=np.broadcast_to(dx, x.shape), speed_m_s=v, acceleration_m_s2=a,
        force_n=force, air_gap_field_t=np.broadcast_to(field, x.shape), linear_current_density_a_m=loading,
        current_density_a_m2=current_density, drive_current_a=drive_current, stage_voltage_v=voltage,
        pulse_duration_s=pulse, conductor_thickness_m=thickness, efficiency=efficiency,
        electrical_power_w=power, electrical_energy_j=energy_per_m * dx,
        length_m=scalar_or_array(length),
        number_of_stages=scalar_or_array(np.ceil(length / np.asarray(stage_length_m, dtype=float) - 1e-9)),
        mechanical_work_j=scalar_or_array(work),
        resistive_loss_j=scalar_or_array(np.sum(heat_per_m * dx, axis=-1)),
        launch_electrical_energy_j=scalar_or_array(np.sum(energy_per_m * dx, axis=-1)),
        peak_power_w=scalar_or_array(np.max(power, axis=-1)),
        conductor_mass_kg=scalar_or_array(np.sum(material.density_kg_m3 * thickness * winding_width * dx, axis=-1)),
        switch_rating_w=scalar_or_array(np.sum(power * dx / energised, axis=-1)),
        exit_speed_from_force_m_s=scalar_or_array(np.sqrt(2.0 * work / mass)),
    )


def _checked_coil_stage_inputs(accelerated_mass_kg, air_gap_field_t, magnet_length_m, magnet_width_m,
                               stage_length_m, turns_per_stage, max_current_density_a_m2, end_winding_factor,
                               converter_efficiency, n_segments, conductor_name):
    """The design inputs of :func:`coil_stage_profile` checked: its converter efficiency and conductor."""
    require(np.asarray(accelerated_mass_kg, dtype=float) > 0.0, "accelerated_mass_kg", accelerated_mass_kg,
            "a mass > 0 kg")
    checks = (("air_gap_field_t", air_gap_field_t, "a flux density > 0 T"),
              ("magnet_length_m", magnet_length_m, "a length > 0 m"),
              ("magnet_width_m", magnet_width_m, "a width > 0 m"),
              ("stage_length_m", stage_length_m, "a length > 0 m"),
              ("turns_per_stage", turns_per_stage, "a number of turns > 0"),
              ("max_current_density_a_m2", max_current_density_a_m2, "a current density > 0 A/m2"))
    for name, value, expected in checks:
        require(np.asarray(value, dtype=float) > 0.0, name, value, expected)
    require(np.asarray(end_winding_factor, dtype=float) >= 1.0, "end_winding_factor", end_winding_factor,
            "a factor >= 1")
    eta_c = between("converter_efficiency", converter_efficiency, 0.0,
                    1.0, "a fraction in (0, 1], not a percent", low_open=True)
    if int(n_segments) < 2:
        raise ModelDomainError(f"n_segments = {n_segments!r} is outside the valid range; expected an integer >= 2.")
    return eta_c, conductor(conductor_name)


def _stage_pulse_and_current_density(speed_m_s, acceleration_m_s2, energised_length_m, temperature_rise_k,
                                     max_current_density_a_m2, material):
    """Pulse duration of the stage at each segment [s] and its winding current density [A/m2].

    The density is the adiabatic limit of :func:`adiabatic_current_density_a_m2` for
    the pulse, capped at ``max_current_density_a_m2``.
    """
    pulse = stage_pulse_duration_s(speed_m_s, acceleration_m_s2, energised_length_m)
    j_adiabatic = adiabatic_current_density_a_m2(pulse, np.asarray(temperature_rise_k, dtype=float)[..., None],
                                                 material.resistivity_ohm_m, material.density_kg_m3,
                                                 material.specific_heat_j_kg_k)
    return pulse, np.minimum(j_adiabatic, np.asarray(max_current_density_a_m2, dtype=float)[..., None])


def _segments(speed_m_s, acceleration_m_s2, jerk_m_s3, n_segments):
    """The accelerator cut into ``n_segments`` equal segments: length, centres, widths, speeds, accelerations.

    Arrays of segments run along the last axis (``sample_shape + (n_segments,)``); the
    length [m] has ``sample_shape``.
    """
    length = np.asarray(accelerator_length_m(speed_m_s, acceleration_m_s2, jerk_m_s3))
    fractions = (np.arange(n_segments) + 0.5) / n_segments
    dx = (length / n_segments)[..., None]
    x = length[..., None] * fractions
    state = kinematic_state(x, speed_m_s[..., None], acceleration_m_s2[..., None],
                            np.asarray(jerk_m_s3, dtype=float)[..., None])
    return length, x, dx, np.asarray(state.speed_m_s), np.asarray(state.acceleration_m_s2)
