"""Habitats: pressure shell, outfitting and regolith radiation shield per person.

A habitat is a pressurised volume per resident inside a shell (rigid metal, which
the lunar industry can later make itself, or an Earth-made inflatable), fitted out
(life-support machinery, furniture, airlocks), and buried under enough regolith to
bring the galactic-cosmic-ray dose below a limit. The dose behind a regolith cover
falls exponentially with its areal density from the measured surface value.
Assumptions and their sizes: ``docs/design/lunar_city.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from moonbase.domain import non_negative as _non_negative, positive as _positive, scalar_or_array
from moonbase.errors import ModelDomainError

__all__ = [
    "HabitatShell",
    "ShellSpec",
    "HABITAT_SHELLS",
    "shell_spec",
    "shielded_dose_rate_sv_s",
    "shield_areal_density_kg_m2",
    "shield_depth_m",
    "dome_shield_mass_per_volume_kg_m3",
    "HabitatMass",
    "habitat_mass_per_person",
]


class HabitatShell(StrEnum):
    """Kind of pressure shell."""

    RIGID = "rigid"
    INFLATABLE = "inflatable"


@dataclass(frozen=True)
class ShellSpec:
    """A pressure shell: mass per pressurised volume and whether the Moon can make it."""

    shell: HabitatShell
    mass_per_volume_kg_m3: float
    lunar_made: bool
    source: str


#: Published shells: mass over pressurised volume of flown modules.
HABITAT_SHELLS = {
    HabitatShell.RIGID: ShellSpec(
        HabitatShell.RIGID, 14_515.0 / 104.77, True,
        "ISS Destiny laboratory: 14,515 kg (32,000 lb, NASA fact sheet) for 104.77 m3 pressurised; "
        "aluminium, which the lunar industry can make"),
    HabitatShell.INFLATABLE: ShellSpec(
        HabitatShell.INFLATABLE, 1_413.0 / 16.0, False,
        "NASA BEAM fact sheet (2016): 1,413 kg (3,115 lb) for 16.0 m3 (565 ft3); Vectran/Kevlar layers, "
        "Earth-made (the Moon has no polymer feedstock)"),
}


def shell_spec(shell: HabitatShell | str) -> ShellSpec:
    """The registered shell called ``shell``.

    Examples
    --------
    >>> round(shell_spec("inflatable").mass_per_volume_kg_m3, 1)
    88.3
    """
    try:
        return HABITAT_SHELLS[HabitatShell(shell)]
    except ValueError:
        choices = ", ".join(s.value for s in HabitatShell)
        raise ModelDomainError(f"shell = {shell!r} is unknown; choose one of: {choices}.") from None


def shielded_dose_rate_sv_s(areal_density_kg_m2, surface_dose_rate_sv_s, attenuation_kg_m2):
    """Dose-equivalent rate under a regolith cover [Sv/s].

    Parameters
    ----------
    areal_density_kg_m2 : float or array_like
        Regolith above the occupants [kg/m2] (depth x bulk density).
    surface_dose_rate_sv_s : float or array_like
        Dose-equivalent rate on the open surface [Sv/s].
    attenuation_kg_m2 : float or array_like
        Areal density that cuts the dose by a factor e [kg/m2].

    Returns
    -------
    float or numpy.ndarray
        :math:`\\dot H = \\dot H_0\\, e^{-\\sigma/\\lambda}` [Sv/s].

    Notes
    -----
    The surface value is Chang'E-4's measured 1,369 uSv/day (57.1 uSv/h) [1]. Real
    depth-dose curves first rise under ~0.5 m of regolith (secondary neutrons), then
    fall [2]; the exponential ignores the rise, so it is valid beyond ~1.5 t/m2.
    Published attenuation differs by a factor ~2.5 between sources (Dobynde & Guo:
    negligible GCR dose at ~3 m [2]; Globus & Strout: ~10 t/m2 of regolith for
    20 mSv/yr in free space [3]); see ``docs/design/lunar_city.md``.

    References
    ----------
    .. [1] S. Zhang et al., "First measurements of the radiation dose on the lunar
       surface," Sci. Adv. 6(39):eaaz1334 (2020), doi:10.1126/sciadv.aaz1334.
    .. [2] M. Dobynde and J. Guo, "Guidelines for radiation-safe human activities on
       the Moon," Nature Astronomy 8:991-999 (2024).
    .. [3] A. Globus and J. Strout, "Orbital space settlement radiation shielding,"
       NSS Space Settlement Journal (2017).

    Examples
    --------
    >>> from moonbase.constants import SECONDS_PER_YEAR
    >>> h0 = 0.5 / SECONDS_PER_YEAR  # 500 mSv/yr
    >>> round(float(shielded_dose_rate_sv_s(2500.0, h0, 2500.0) * SECONDS_PER_YEAR * 1e3), 1)
    183.9
    """
    sigma = _non_negative("areal_density_kg_m2", areal_density_kg_m2, "kg/m2")
    h0 = _non_negative("surface_dose_rate_sv_s", surface_dose_rate_sv_s, "Sv/s")
    lam = _positive("attenuation_kg_m2", attenuation_kg_m2, "kg/m2")
    return scalar_or_array(h0 * np.exp(-sigma / lam))


def shield_areal_density_kg_m2(dose_limit_sv_s, surface_dose_rate_sv_s, attenuation_kg_m2):
    """Regolith areal density that brings the dose down to a limit [kg/m2].

    Parameters
    ----------
    dose_limit_sv_s : float or array_like
        Allowed dose-equivalent rate [Sv/s], > 0 (20 mSv/yr is 6.34e-10 Sv/s).
    surface_dose_rate_sv_s, attenuation_kg_m2
        As :func:`shielded_dose_rate_sv_s`.

    Returns
    -------
    float or numpy.ndarray
        :math:`\\sigma = \\lambda \\ln(\\dot H_0/\\dot H_{lim})`, zero when the surface is
        already below the limit [kg/m2].

    Examples
    --------
    >>> round(float(shield_areal_density_kg_m2(20.0, 500.0, 2500.0)))
    8047
    """
    limit = _positive("dose_limit_sv_s", dose_limit_sv_s, "Sv/s")
    h0 = _non_negative("surface_dose_rate_sv_s", surface_dose_rate_sv_s, "Sv/s")
    lam = _positive("attenuation_kg_m2", attenuation_kg_m2, "kg/m2")
    with np.errstate(divide="ignore"):
        return scalar_or_array(np.maximum(lam * np.log(h0 / limit), 0.0))


def shield_depth_m(areal_density_kg_m2, bulk_density_kg_m3):
    """Depth of regolith of a given areal density [m]: :math:`\\sigma / \\rho`.

    Examples
    --------
    >>> round(float(shield_depth_m(8047.0, 1500.0)), 2)
    5.36
    """
    sigma = _non_negative("areal_density_kg_m2", areal_density_kg_m2, "kg/m2")
    rho = _positive("bulk_density_kg_m3", bulk_density_kg_m3, "kg/m3")
    return scalar_or_array(sigma / rho)


def dome_shield_mass_per_volume_kg_m3(depth_m, dome_radius_m, bulk_density_kg_m3):
    """Regolith piled over a hemispherical dome, per m3 of pressurised volume [kg/m3].

    Parameters
    ----------
    depth_m : float or array_like
        Thickness of the cover [m].
    dome_radius_m : float or array_like
        Inner radius of the dome [m], > 0.
    bulk_density_kg_m3 : float or array_like
        Bulk density of the piled regolith [kg/m3].

    Returns
    -------
    float or numpy.ndarray
        :math:`\\rho\\,[(1 + d/r)^3 - 1]` [kg/m3]: the hemispherical shell of
        thickness d over the dome, divided by the dome's volume :math:`2\\pi r^3/3`.

    Notes
    -----
    Larger domes need less cover per m3 (area/volume = 3/r). The floor is shielded by
    the Moon itself. Own geometry (``docs/design/lunar_city.md``).

    Examples
    --------
    >>> round(float(dome_shield_mass_per_volume_kg_m3(5.0, 10.0, 1500.0)))
    3562
    """
    d = _non_negative("depth_m", depth_m, "m")
    r = _positive("dome_radius_m", dome_radius_m, "m")
    rho = _positive("bulk_density_kg_m3", bulk_density_kg_m3, "kg/m3")
    return scalar_or_array(rho * ((1.0 + d / r) ** 3 - 1.0))


@dataclass(frozen=True)
class HabitatMass:
    """Habitat mass per person by part [kg] (arrays broadcast over samples)."""

    shell_kg: np.ndarray
    outfitting_kg: np.ndarray
    shield_kg: np.ndarray

    @property
    def hardware_kg(self):
        """Shell and outfitting: the manufactured part [kg]."""
        return self.shell_kg + self.outfitting_kg

    @property
    def total_kg(self):
        """Shell, outfitting and regolith cover [kg]."""
        return self.shell_kg + self.outfitting_kg + self.shield_kg


def habitat_mass_per_person(volume_per_person_m3, shell_mass_per_volume_kg_m3, outfitting_kg_per_person,
                            shield_mass_per_volume_kg_m3) -> HabitatMass:
    """Mass of habitat each resident needs, by part [kg].

    Parameters
    ----------
    volume_per_person_m3 : float or array_like
        Pressurised volume per resident [m3] (ISS: 388 m3 habitable for 7 crew,
        55 m3 each [1]).
    shell_mass_per_volume_kg_m3 : float or array_like
        Shell mass per pressurised volume [kg/m3] (:data:`HABITAT_SHELLS`).
    outfitting_kg_per_person : float or array_like
        Interior and machinery per resident [kg].
    shield_mass_per_volume_kg_m3 : float or array_like
        Regolith cover per pressurised volume [kg/m3]
        (:func:`dome_shield_mass_per_volume_kg_m3`).

    Returns
    -------
    HabitatMass
        Shell :math:`V\\mu_s`, outfitting and shield :math:`V\\mu_r` per person [kg].

    References
    ----------
    .. [1] NASA, "Reference Guide to the International Space Station," NP-2010-09-682-HQ
       (2010): habitable volume 388 m3.

    Examples
    --------
    >>> m = habitat_mass_per_person(55.0, 88.3, 5000.0, 3562.0)
    >>> round(float(m.hardware_kg)), round(float(m.shield_kg))
    (9856, 195910)
    """
    v = _non_negative("volume_per_person_m3", volume_per_person_m3, "m3")
    shell = _non_negative("shell_mass_per_volume_kg_m3", shell_mass_per_volume_kg_m3, "kg/m3")
    outfit = _non_negative("outfitting_kg_per_person", outfitting_kg_per_person, "kg")
    shield = _non_negative("shield_mass_per_volume_kg_m3", shield_mass_per_volume_kg_m3, "kg/m3")
    shape = np.broadcast(v, shell, outfit, shield).shape
    return HabitatMass(shell_kg=scalar_or_array(np.broadcast_to(v * shell, shape)),
                       outfitting_kg=scalar_or_array(np.broadcast_to(outfit, shape)),
                       shield_kg=scalar_or_array(np.broadcast_to(v * shield, shape)))
