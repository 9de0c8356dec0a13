"""A semiconductor fab as a built capacity: wafers in, accelerator watts out.

A fab starts wafers at a rate set by its installed capacity. Each wafer carries
:func:`dies_per_wafer` candidate dies, of which :func:`die_yield` survive the random
defects of the process and a packaging/test yield the assembly; each good die is an
accelerator of a given power. So the fab's output, in accelerator watts per second, is
capacity x good dies per wafer x watts per die (:func:`fab_accelerator_output_w_per_s`).
The same capacity sets the fab's electricity (:func:`fab_power_w`, energy per wafer),
its mass (:func:`fab_mass_kg`, mass per unit capacity), the Earth-made share of that
mass (lithography and precision tools, :func:`fab_earth_mass_kg`), and the time to
full output (:func:`fab_ramp_fraction`).

:class:`FabDesign` gathers the per-sample constants a time-step kernel reads, built from
flat parameters by :func:`fab_design`. Numbers, sources, what is neglected and the
verdict: ``docs/design/chip_fab.md``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

import numpy as np

from moonbase.constants import MONTHS_PER_YEAR, SECONDS_PER_YEAR
from moonbase.domain import Params, at_least, fraction, non_negative, positive, require, scalar_or_array
from moonbase.errors import ModelDomainError

__all__ = [
    "YieldModel", "FabDesign", "FAB_PARAMETERS", "dies_per_wafer", "die_yield_poisson", "die_yield_murphy",
    "die_yield_negative_binomial", "die_yield", "good_dies_per_wafer", "accelerator_power_per_wafer_w",
    "fab_accelerator_output_w_per_s", "wafer_starts_per_s_for_output", "fab_power_w", "fab_mass_kg",
    "fab_earth_mass_kg", "fab_ramp_fraction", "fab_design",
]

SECONDS_PER_MONTH = SECONDS_PER_YEAR / MONTHS_PER_YEAR
"""Seconds in one twelfth of a Julian year: the month of "wafer starts per month"."""

WAFER_DIAMETER_300MM_M = 0.300  # SEMI M1 standard 300 mm silicon wafer
"""Diameter of the standard 300 mm wafer [m] (SEMI M1)."""

H100_DIE_AREA_M2 = 814e-6
"""Die area of the NVIDIA GH100 (H100) [m2]: 814 mm2, NVIDIA H100 architecture whitepaper (2022)."""

H100_SXM_TDP_W = 700.0
"""Maximum thermal design power of an H100 SXM5 [W]: NVIDIA H100 Tensor Core GPU data sheet (2022-2023)."""

TSMC_N5_DEFECT_DENSITY_PER_M2 = 0.10e4
"""Defect density of TSMC N5 entering volume production [1/m2]: ~0.10 /cm2 (TSMC Technology
Symposium 2020, slides reported by I. Cutress, AnandTech, 25 Aug 2020)."""

TSMC_2022_ENERGY_PER_WAFER_J = 1376.0 * 3.6e6
"""TSMC's 2022 electricity per 12-inch-equivalent wafer [J]: 21.06 TWh over 15.30 M wafers
(1,376 kWh; ``docs/design/chip_fab.md`` gives the restated totals)."""

FAB_MASS_PER_WAFER_RATE_KG_S = 2725.0 * SECONDS_PER_MONTH
"""Fab mass per unit of wafer-start rate [kg s]: 54,500 t for 20,000 wafers/month, our
derivation from Intel's typical fab (``docs/design/chip_fab.md``)."""

FAB_EARTH_FRACTION = 0.22
"""Earth-made (process tool) fraction of a fab's mass [-], our derivation (``docs/design/chip_fab.md``)."""

FAB_RAMP_TIME_S = 3.0 * SECONDS_PER_YEAR
"""Time from a fab's start to full output [s]: Intel, a fab takes about three years to complete."""


class YieldModel(StrEnum):
    """Random-defect yield models (:func:`die_yield`)."""

    POISSON = "poisson"  # uniform defects: exp(-AD)
    MURPHY = "murphy"  # triangular spread of defect density: ((1 - exp(-AD)) / AD)^2
    NEGATIVE_BINOMIAL = "negative-binomial"  # clustered defects (Stapper): (1 + AD/alpha)^-alpha


class FabDesign(NamedTuple):
    """Per-sample constants of a fab that a time-step kernel reads (``(samples,)`` arrays or floats, SI).

    Output, power and mass all scale with the installed wafer-start rate, so the kernel can
    keep one stock (installed fab mass, or capacity) and read each flow from these ratios.
    """

    accelerator_w_per_wafer: float  # good accelerator power per wafer started [W]
    energy_per_wafer_j: float  # fab electricity per wafer started [J]
    mass_per_wafer_rate_kg_s: float  # fab mass per unit of wafer-start rate [kg per (wafer/s)]
    earth_fraction: float  # Earth-made fraction of the fab's mass [-]
    ramp_time_s: float  # from the start of the fab to full output [s]
    output_per_mass_w_s_kg: float  # accelerator output per kg of fab [W/s per kg]
    power_per_output_j_w: float  # fab electricity per watt of accelerators made [J/W]


FAB_PARAMETERS = (
    "lunar.chip_die_area_m2", "lunar.chip_die_power_w", "lunar.chip_wafer_diameter_m",
    "lunar.chip_defect_density_per_m2", "lunar.chip_packaging_yield", "lunar.chip_fab_energy_per_wafer_j",
    "lunar.chip_fab_mass_per_wafer_rate_kg_s", "lunar.chip_fab_earth_fraction", "lunar.chip_fab_ramp_time_s",
)
"""The flat parameters :func:`fab_design` reads (SI), in the order of its arguments."""


def dies_per_wafer(die_area_m2, wafer_diameter_m=WAFER_DIAMETER_300MM_M):
    """Gross (candidate) dies on a round wafer, edge loss included [-].

    Parameters
    ----------
    die_area_m2 : float or array_like
        Area of one die, scribe lane included if the caller counts it [m2]; > 0.
    wafer_diameter_m : float or array_like, optional
        Wafer diameter [m]; > 0. Default the 300 mm standard wafer.

    Returns
    -------
    numpy.ndarray or float
        Dies per wafer [-], a real number (the formula's mean count, not rounded);
        0 where the edge loss exceeds the wafer's area (a die too large for the wafer).

    Raises
    ------
    ModelDomainError
        If an argument is outside its range.

    Notes
    -----
    Wafer area over die area, minus the dies lost around the circumference ([1]_, Section 1.6):

    .. math:: N = \\frac{\\pi (d/2)^2}{A} - \\frac{\\pi d}{\\sqrt{2 A}}

    The second term counts the partial dies along the edge: the circumference over the
    diagonal of a square die. Ignores an edge exclusion ring, test dies and the die's
    aspect ratio (a placement search differs by a few percent, ``docs/design/chip_fab.md``).

    References
    ----------
    .. [1] J. L. Hennessy and D. A. Patterson, "Computer Architecture: A Quantitative
       Approach," 6th ed., Morgan Kaufmann, 2019, Section 1.6 "Trends in Cost", worked
       example: 270 dies of 1.5 cm x 1.5 cm and 640 of 1.0 cm x 1.0 cm on a 30 cm wafer.

    Examples
    --------
    >>> round(dies_per_wafer(2.25e-4, 0.30))
    270
    """
    area = positive("die_area_m2", die_area_m2, "m2", hint="a die has an area")
    diameter = positive("wafer_diameter_m", wafer_diameter_m, "m", hint="use metres: 300 mm is 0.3 m")
    gross = np.pi * (diameter / 2.0) ** 2 / area - np.pi * diameter / np.sqrt(2.0 * area)
    return scalar_or_array(np.maximum(gross, 0.0))


def _defects_per_die(die_area_m2, defect_density_per_m2):
    area = positive("die_area_m2", die_area_m2, "m2", hint="a die has an area")
    density = non_negative("defect_density_per_m2", defect_density_per_m2, "1/m2",
                           hint="0.1 defects per cm2 is 1000 per m2")
    return area * density


def die_yield_poisson(die_area_m2, defect_density_per_m2):
    """Fraction of dies free of killer defects, uniform (Poisson) defects [-].

    Parameters
    ----------
    die_area_m2 : float or array_like
        Die area [m2]; > 0.
    defect_density_per_m2 : float or array_like
        Killer-defect density [1/m2]; >= 0 (0.1 /cm2 = 1000 /m2).

    Returns
    -------
    numpy.ndarray or float
        :math:`Y = e^{-A D}` [-], in (0, 1].

    Notes
    -----
    Defects fall independently and uniformly; a die works when it holds none ([1]_, p. 89,
    Fig. 2.20). The most pessimistic of the three models for large dies.

    References
    ----------
    .. [1] M. J. Flynn, "Computer Architecture: Pipelined and Parallel Processor Design,"
       Jones and Bartlett, 1995, p. 89: Y = 0.1 for a 2.3 cm2 die and 0.37
       for a 1 cm2 die at 1 defect/cm2.

    Examples
    --------
    >>> round(die_yield_poisson(1.0e-4, 1.0e4), 2)
    0.37
    """
    return scalar_or_array(np.exp(-_defects_per_die(die_area_m2, defect_density_per_m2)))


def die_yield_murphy(die_area_m2, defect_density_per_m2):
    """Fraction of good dies with Murphy's triangular spread of defect density [-].

    Parameters
    ----------
    die_area_m2, defect_density_per_m2
        As in :func:`die_yield_poisson`; the density is the mean over wafers.

    Returns
    -------
    numpy.ndarray or float
        :math:`Y = \\left(\\frac{1 - e^{-A D}}{A D}\\right)^2` [-], in (0, 1]; 1 at zero defects.

    Notes
    -----
    Murphy ([1]_) averaged the Poisson yield over a triangular distribution of defect
    density between wafers; the result lies above the Poisson yield for the same mean
    density and equals :math:`1 - AD + \\tfrac{7}{12}(AD)^2 - \\dots` for small :math:`AD`.

    References
    ----------
    .. [1] B. T. Murphy, "Cost-size optima of monolithic integrated circuits," Proc.
       IEEE 52(12):1537-1545, 1964.

    Examples
    --------
    >>> round(die_yield_murphy(814e-6, 1000.0), 3)
    0.468
    """
    x = _defects_per_die(die_area_m2, defect_density_per_m2)
    safe = np.where(x > 0.0, x, 1.0)
    return scalar_or_array(np.where(x > 0.0, (-np.expm1(-safe) / safe) ** 2, 1.0))


def die_yield_negative_binomial(die_area_m2, defect_density_per_m2, clustering=2.0):
    """Fraction of good dies with clustered defects (negative binomial) [-].

    Parameters
    ----------
    die_area_m2, defect_density_per_m2
        As in :func:`die_yield_poisson`.
    clustering : float or array_like, optional
        Cluster parameter :math:`\\alpha` [-]; > 0. Small values mean strongly clustered
        defects; :math:`\\alpha \\to \\infty` is the Poisson model. Hennessy & Patterson
        call the exponent N, a process-complexity factor of 10-14 for modern processes.

    Returns
    -------
    numpy.ndarray or float
        :math:`Y = (1 + A D / \\alpha)^{-\\alpha}` [-], in (0, 1].

    References
    ----------
    .. [1] C. H. Stapper, "Defect density distribution for LSI yield calculations,"
       IEEE Trans. Electron Devices 20(7):655-657, 1973.

    Examples
    --------
    >>> round(die_yield_negative_binomial(1.0e-4, 1.0e4, clustering=1.0), 2)
    0.5
    """
    x = _defects_per_die(die_area_m2, defect_density_per_m2)
    alpha = positive("clustering", clustering, "", hint="alpha -> infinity is the Poisson model",
                     infinite_ok=True)
    finite = np.isfinite(alpha)
    safe_alpha = np.where(finite, alpha, 1.0)
    return scalar_or_array(np.where(finite, np.exp(-safe_alpha * np.log1p(x / safe_alpha)), np.exp(-x)))


_YIELD_MODELS = {
    YieldModel.POISSON: lambda area, density: die_yield_poisson(area, density),
    YieldModel.MURPHY: lambda area, density: die_yield_murphy(area, density),
    YieldModel.NEGATIVE_BINOMIAL: lambda area, density: die_yield_negative_binomial(area, density),
}


def _yield_model(model) -> YieldModel:
    try:
        return YieldModel(model)
    except ValueError:
        raise ModelDomainError(f"model = {model!r} is unknown; choose one of: "
                               f"{', '.join(m.value for m in YieldModel)}.") from None


def die_yield(die_area_m2, defect_density_per_m2, model=YieldModel.MURPHY):
    """Fraction of dies without a killer defect, by the named random-defect model [-].

    Parameters
    ----------
    die_area_m2, defect_density_per_m2
        As in :func:`die_yield_poisson`.
    model : YieldModel or str, optional
        ``"murphy"`` (default, between the other two for large dies), ``"poisson"`` or
        ``"negative-binomial"`` (cluster parameter 2).

    Returns
    -------
    numpy.ndarray or float
        Die yield [-], in (0, 1].

    Examples
    --------
    >>> round(die_yield(1.0e-4, 1.0e4, "poisson"), 2)
    0.37
    """
    return _YIELD_MODELS[_yield_model(model)](die_area_m2, defect_density_per_m2)


def good_dies_per_wafer(die_area_m2, defect_density_per_m2, wafer_diameter_m=WAFER_DIAMETER_300MM_M,
                        packaging_yield=1.0, model=YieldModel.MURPHY):
    """Packaged, tested good dies per wafer started [-].

    Parameters
    ----------
    die_area_m2, defect_density_per_m2, model
        As in :func:`die_yield`.
    wafer_diameter_m : float or array_like, optional
        Wafer diameter [m]; > 0.
    packaging_yield : float or array_like, optional
        Fraction of good dies that survive packaging and final test [-], in (0, 1].

    Returns
    -------
    numpy.ndarray or float
        :func:`dies_per_wafer` x :func:`die_yield` x ``packaging_yield`` [-].

    Examples
    --------
    >>> round(good_dies_per_wafer(814e-6, 1000.0), 1)
    29.7
    """
    packaging = fraction("packaging_yield", packaging_yield, low_open=True)
    return scalar_or_array(np.asarray(dies_per_wafer(die_area_m2, wafer_diameter_m))
                           * np.asarray(die_yield(die_area_m2, defect_density_per_m2, model)) * packaging)


def accelerator_power_per_wafer_w(die_area_m2, die_power_w, defect_density_per_m2,
                                  wafer_diameter_m=WAFER_DIAMETER_300MM_M, packaging_yield=1.0,
                                  model=YieldModel.MURPHY):
    """Accelerator power (rated, e.g. TDP) carried by the good dies of one wafer started [W].

    Parameters
    ----------
    die_area_m2, defect_density_per_m2, wafer_diameter_m, packaging_yield, model
        As in :func:`good_dies_per_wafer`.
    die_power_w : float or array_like
        Rated power of the accelerator one good die becomes [W]; >= 0 (H100 SXM: 700 W
        on 814 mm2).

    Returns
    -------
    numpy.ndarray or float
        Good dies per wafer x power per die [W].

    Notes
    -----
    One die per accelerator; memory stacks and interposers (made elsewhere, on older
    nodes) are not counted against the logic fab's capacity (``docs/design/chip_fab.md``).

    Examples
    --------
    >>> round(accelerator_power_per_wafer_w(814e-6, 700.0, 1000.0) / 1e3, 1)
    20.8
    """
    power = non_negative("die_power_w", die_power_w, "W", hint="the rated power of one accelerator")
    dies = good_dies_per_wafer(die_area_m2, defect_density_per_m2, wafer_diameter_m, packaging_yield, model)
    return scalar_or_array(np.asarray(dies) * power)


def fab_accelerator_output_w_per_s(wafer_starts_per_s, accelerator_w_per_wafer, ramp_fraction=1.0):
    """Accelerator power a fab makes per second from its installed capacity [W/s].

    Parameters
    ----------
    wafer_starts_per_s : float or array_like
        Installed capacity as wafer starts per second [1/s]; >= 0 (20,000 wafers per
        month is 7.6e-3 /s).
    accelerator_w_per_wafer : float or array_like
        From :func:`accelerator_power_per_wafer_w` [W]; >= 0.
    ramp_fraction : float or array_like, optional
        Fraction of full output reached (:func:`fab_ramp_fraction`) [-], in [0, 1].

    Returns
    -------
    numpy.ndarray or float
        Accelerator power made per second [W/s] (x 3.156e7 s for W per year).

    Notes
    -----
    Wafers started are counted as wafers finished: the cycle time (about three months)
    delays output but does not change the steady rate.

    Examples
    --------
    >>> round(fab_accelerator_output_w_per_s(20_000 / SECONDS_PER_MONTH, 20.8e3) * SECONDS_PER_YEAR / 1e9, 2)
    4.99
    """
    starts = non_negative("wafer_starts_per_s", wafer_starts_per_s, "1/s", hint="capacity cannot be negative")
    per_wafer = non_negative("accelerator_w_per_wafer", accelerator_w_per_wafer, "W")
    ramp = fraction("ramp_fraction", ramp_fraction)
    return scalar_or_array(starts * per_wafer * ramp)


def wafer_starts_per_s_for_output(output_w_per_s, accelerator_w_per_wafer):
    """Wafer-start capacity needed for an accelerator output at full ramp [1/s].

    Parameters
    ----------
    output_w_per_s : float or array_like
        Accelerator power to make per second [W/s]; >= 0.
    accelerator_w_per_wafer : float or array_like
        From :func:`accelerator_power_per_wafer_w` [W]; > 0.

    Returns
    -------
    numpy.ndarray or float
        The inverse of :func:`fab_accelerator_output_w_per_s` at ``ramp_fraction = 1`` [1/s].

    Examples
    --------
    >>> round(wafer_starts_per_s_for_output(305e9 / SECONDS_PER_YEAR, 20.8e3) * SECONDS_PER_YEAR / 1e6, 1)
    14.7
    """
    output = non_negative("output_w_per_s", output_w_per_s, "W/s")
    per_wafer = positive("accelerator_w_per_wafer", accelerator_w_per_wafer, "W",
                         hint="a wafer without good dies makes nothing at any capacity")
    return scalar_or_array(output / per_wafer)


def fab_power_w(wafer_starts_per_s, energy_per_wafer_j):
    """Average electrical power a fab draws at a wafer-start rate [W].

    Parameters
    ----------
    wafer_starts_per_s : float or array_like
        Wafer starts per second [1/s]; >= 0.
    energy_per_wafer_j : float or array_like
        Fab electricity per wafer (tools, cleanroom air, ultrapure water, abatement,
        chillers) [J]; >= 0. TSMC's 2022 average: ~1,380 kWh = 4.95 GJ per 12-inch
        equivalent wafer (``docs/design/chip_fab.md``).

    Returns
    -------
    numpy.ndarray or float
        Power [W].

    Examples
    --------
    >>> round(fab_power_w(15.30e6 / SECONDS_PER_YEAR, 4.955e9) / 1e9, 2)
    2.4
    """
    starts = non_negative("wafer_starts_per_s", wafer_starts_per_s, "1/s", hint="capacity cannot be negative")
    energy = non_negative("energy_per_wafer_j", energy_per_wafer_j, "J", hint="1 kWh is 3.6e6 J")
    return scalar_or_array(starts * energy)


def fab_mass_kg(wafer_starts_per_s, mass_per_wafer_rate_kg_s):
    """Installed mass of a fab (structure, cleanroom, tools, utilities) of a given capacity [kg].

    Parameters
    ----------
    wafer_starts_per_s : float or array_like
        Capacity [1/s]; >= 0.
    mass_per_wafer_rate_kg_s : float or array_like
        Fab mass per unit of wafer-start rate [kg per (wafer/s)]; >= 0. Our derivation
        (``docs/design/chip_fab.md``): ~54,500 t for 20,000 wafers per month, i.e.
        2,725 kg per (wafer/month) = 7.2e9 kg s, without the concrete.

    Returns
    -------
    numpy.ndarray or float
        Fab mass [kg], linear in capacity (no economy of scale).

    Examples
    --------
    >>> round(fab_mass_kg(20_000 / SECONDS_PER_MONTH, 2725.0 * SECONDS_PER_MONTH) / 1e6, 1)
    54.5
    """
    starts = non_negative("wafer_starts_per_s", wafer_starts_per_s, "1/s", hint="capacity cannot be negative")
    specific = non_negative("mass_per_wafer_rate_kg_s", mass_per_wafer_rate_kg_s, "kg s",
                            hint="kg per (wafer/s); 1 kg per (wafer/month) is 2.63e6 kg s")
    return scalar_or_array(starts * specific)


def fab_earth_mass_kg(fab_mass_kg_, earth_fraction):
    """Earth-made part of a fab's mass (lithography scanners, precision tools) [kg].

    Parameters
    ----------
    fab_mass_kg_ : float or array_like
        Fab mass [kg]; >= 0.
    earth_fraction : float or array_like
        Earth-made fraction of the mass [-], in [0, 1].

    Returns
    -------
    numpy.ndarray or float
        Mass to land from Earth [kg]; the rest is made by the lunar industry.

    Examples
    --------
    >>> fab_earth_mass_kg(54.5e6, 0.22)
    11990000.0
    """
    mass = non_negative("fab_mass_kg", fab_mass_kg_, "kg")
    share = fraction("earth_fraction", earth_fraction)
    return scalar_or_array(mass * share)


def fab_ramp_fraction(time_since_start_s, ramp_time_s):
    """Fraction of full output a fab reaches ``time_since_start_s`` after it starts [-].

    Parameters
    ----------
    time_since_start_s : float or array_like
        Time since the fab's start [s]; negative before it starts (output 0).
    ramp_time_s : float or array_like
        Time from start to full output [s]; >= 0 (0: full output at once).

    Returns
    -------
    numpy.ndarray or float
        :math:`\\min(\\max(t / T, 0), 1)` [-].

    Notes
    -----
    A linear ramp, our simplification: real fabs add tools in phases while yield
    improves, an S-curve of the same duration (``docs/design/chip_fab.md``).

    Examples
    --------
    >>> fab_ramp_fraction(1.5 * SECONDS_PER_YEAR, 3.0 * SECONDS_PER_YEAR)
    0.5
    """
    t = np.asarray(time_since_start_s, dtype=float)
    require(~np.isnan(t), "time_since_start_s", time_since_start_s, "a time in seconds, not NaN")
    ramp = at_least("ramp_time_s", ramp_time_s, 0.0, "a duration >= 0 s")
    safe = np.where(ramp > 0.0, ramp, 1.0)
    return scalar_or_array(np.where(ramp > 0.0, np.clip(t / safe, 0.0, 1.0), np.where(t >= 0.0, 1.0, 0.0)))


def fab_design(params: Params, model=YieldModel.MURPHY) -> FabDesign:
    """The per-sample fab constants from flat SI parameters (:data:`FAB_PARAMETERS`).

    Parameters
    ----------
    params : Params
        Flat parameters with the keys of :data:`FAB_PARAMETERS`, each a ``(samples,)``
        array (or a float).
    model : YieldModel or str, optional
        Random-defect yield model (:func:`die_yield`).

    Returns
    -------
    FabDesign
        Contiguous float arrays of one common shape (C order), ready for a compiled kernel.

    Raises
    ------
    ModelDomainError
        If a key is missing (named) or a value is outside its model's range.
    """
    missing = [key for key in FAB_PARAMETERS if key not in params]
    if missing:
        raise ModelDomainError(f"params lacks {', '.join(missing)}; the fab model needs: {', '.join(FAB_PARAMETERS)}.")
    p = params
    per_wafer = np.asarray(accelerator_power_per_wafer_w(
        p["lunar.chip_die_area_m2"], p["lunar.chip_die_power_w"], p["lunar.chip_defect_density_per_m2"],
        p["lunar.chip_wafer_diameter_m"], p["lunar.chip_packaging_yield"], model))
    energy = non_negative("lunar.chip_fab_energy_per_wafer_j", p["lunar.chip_fab_energy_per_wafer_j"], "J")
    specific_mass = positive("lunar.chip_fab_mass_per_wafer_rate_kg_s", p["lunar.chip_fab_mass_per_wafer_rate_kg_s"],
                             "kg s", hint="a fab of any capacity has mass")
    earth = fraction("lunar.chip_fab_earth_fraction", p["lunar.chip_fab_earth_fraction"])
    ramp = at_least("lunar.chip_fab_ramp_time_s", p["lunar.chip_fab_ramp_time_s"], 0.0, "a duration >= 0 s")
    safe_per_wafer = np.where(per_wafer > 0.0, per_wafer, 1.0)
    fields = dict(
        accelerator_w_per_wafer=per_wafer, energy_per_wafer_j=energy, mass_per_wafer_rate_kg_s=specific_mass,
        earth_fraction=earth, ramp_time_s=ramp, output_per_mass_w_s_kg=per_wafer / specific_mass,
        power_per_output_j_w=np.where(per_wafer > 0.0, energy / safe_per_wafer, np.inf))
    shape = np.broadcast_shapes(*(np.shape(v) for v in fields.values()))
    return FabDesign(**{name: np.ascontiguousarray(np.broadcast_to(np.asarray(v, dtype=float), shape))
                        for name, v in fields.items()})
