"""Lunar industry bootstrapping in the manner of Metzger et al. (2013).

A seed of Earth-made machines lands on the Moon and makes more machines from
regolith. Each kilogram of industry makes its own mass of new hardware per
*replication time*; a growing fraction of each new kilogram is made locally and the
rest (chips first of all) is imported from Earth. Early locally made hardware is
"crude" (heavier for the same capability).

Two integrators are provided:

- :func:`bootstrap_growth` -- continuous stock-and-flow growth, the form the
  timeline uses month by month (new hardware works as soon as it is made).
- :func:`generation_recursion` -- the paper's own structure: each generation
  builds the next over a generation interval and is then retired; with robot
  labour, set-asides and whole-robot imports it is the paper's model
  (:func:`metzger_2013_recursion` gives it the paper's inputs).

The paper's body was not available to us; its Tables 1-2 and the quoted text come
from a public third-party transcription (design note). Of its three headline
figures, the maximum-manufacturing final mass and the reduced-case landed mass are
reproduced; the max-case landed mass (-21 %), the reduced-case final mass (+32 %)
and "about 20 years" are not.

What reproduces the paper and what only approximates it is stated in
``docs/design/lunar_bootstrap.md`` and in the tests.

References
----------
.. [1] P. T. Metzger, A. Muscatello, R. P. Mueller, J. Mantovani, "Affordable,
   rapid bootstrapping of the space industry and solar system civilization,"
   J. Aerospace Eng. 26(1):18-29 (2013), doi:10.1061/(ASCE)AS.1943-5525.0000236
   (preprint arXiv:1612.03238).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from moonbase.constants import SECONDS_PER_DAY, SECONDS_PER_YEAR
from moonbase.domain import at_least, between, greater, require as _require, scalar_or_array as _scalar_or_array
from moonbase.errors import ModelDomainError

__all__ = [
    "GenerationSchedule",
    "BootstrapTrajectory",
    "GenerationRecursion",
    "METZGER_2013_SET_MASS_KG",
    "METZGER_2013_SET_ELECTRONICS_MASS_KG",
    "METZGER_2013_SET_PRINT_RATE_KG_S",
    "METZGER_2013_POLAR_DUTY_CYCLE",
    "METZGER_2013_SET_POWER_W",
    "METZGER_2013_SET_REGOLITH_KG_S",
    "METZGER_2013_SET_ASSETS",
    "METZGER_2013_SET_ROBONAUTS",
    "METZGER_2013_ROBONAUT_MASS_KG",
    "METZGER_2013_ROBONAUT_ELECTRONICS_MASS_KG",
    "METZGER_2013_ROBONAUT_POWER_W",
    "METZGER_2013_ROBONAUT_WEEKS_PER_ASSET",
    "METZGER_2013_SET_ASIDE_KG",
    "METZGER_2013_ROBONAUTS_IMPORTED",
    "industry_production_rate_kg_s",
    "local_manufacture_fraction",
    "earth_import_mass_kg",
    "metzger_2013_generations",
    "bootstrap_growth",
    "generation_recursion",
    "metzger_2013_recursion",
    "effective_replication_time_s",
]

# Metzger et al. (2013), Table 2 (Gen 1.0 "basic set" of 21 assets), as transcribed
# in a public reproduction of the paper: 7,285 kg of hardware without electronics plus
# 390 kg of electronics = 7,675 kg ("~7.7 t"). Printers: 4 small + 4 large at 0.5 kg/h.
METZGER_2013_SET_MASS_KG = 7_675.0
METZGER_2013_SET_ELECTRONICS_MASS_KG = 390.0
METZGER_2013_SET_PRINT_RATE_KG_S = 8 * 0.5 / 3_600.0  # 8 printers x 0.5 kg/h, in kg/s
# Metzger et al. (2013), Table 2 totals as restated in a public summary of the paper: the
# Gen 1.0 set draws 64.36 kW and processes 20 kg/h of regolith feedstock into 4 kg/h of parts.
METZGER_2013_SET_POWER_W = 64.36e3
METZGER_2013_SET_REGOLITH_KG_S = 20.0 / 3_600.0  # 20 kg/h of regolith, in kg/s
# Metzger et al. (2013), Table 2 as transcribed (see above): a basic set holds 21 assets, 3 of
# them robonaut assemblers of 135 kg without electronics + 15 kg of electronics each.
METZGER_2013_SET_ASSETS = 21
METZGER_2013_SET_ROBONAUTS = 3
METZGER_2013_ROBONAUT_MASS_KG = 150.0
METZGER_2013_ROBONAUT_ELECTRONICS_MASS_KG = 15.0
METZGER_2013_ROBONAUT_POWER_W = 400.0  # Table 2 as transcribed: 0.4 kW per robonaut
# Metzger et al. (2013), text as quoted by the transcription: "RWPA [robonaut weeks per asset]
# for successive generations is 4, 4, 6, 7, 7 and 8" (producing Gens 1.0-5.0; Gen 6.0 keeps 8).
METZGER_2013_ROBONAUT_WEEKS_PER_ASSET = (4.0, 4.0, 6.0, 7.0, 7.0, 8.0, 8.0)
# Metzger et al. (2013), as transcribed: set-asides taken out of a generation's printing -- Gen 3.0
# 80 t of construction equipment, Gen 4.0 10 t of building reinforcement, Gen 5.0 120 t for six
# asteroid-belt spacecraft.
METZGER_2013_SET_ASIDE_KG = (0.0, 0.0, 0.0, 80.0e3, 10.0e3, 120.0e3, 0.0)
# Metzger et al. (2013), as transcribed: robonauts are landed whole from Earth through Gen 2.5,
# made on the Moon (electronics by the closure fraction) from Gen 3.0.
METZGER_2013_ROBONAUTS_IMPORTED = (True, True, True, False, False, False, False)
_WEEK_S = 7.0 * SECONDS_PER_DAY
# Metzger et al. (2013): solar duty cycle 70 % of a lunation at a polar site.
METZGER_2013_POLAR_DUTY_CYCLE = 0.70
_METZGER_2013_GENERATION_INTERVAL_S = 2.0 * SECONDS_PER_YEAR  # "about 2 years apart"


@dataclass(frozen=True)
class GenerationSchedule:
    """Generation start times and per-generation properties (arrays over generations).

    ``mass_local_fraction`` is the fraction of a new kilogram of hardware made on
    the Moon: everything but the imported share of the electronics.
    """

    label: tuple[str, ...]
    start_s: np.ndarray
    electronics_local_fraction: np.ndarray
    crudeness: np.ndarray
    mass_local_fraction: np.ndarray


@dataclass(frozen=True)
class BootstrapTrajectory:
    """Result of :func:`bootstrap_growth`; arrays of shape ``sample_shape + (n_time,)``."""

    elapsed_s: np.ndarray
    industry_mass_kg: np.ndarray
    capability_kg: np.ndarray
    cumulative_import_kg: np.ndarray


@dataclass(frozen=True)
class GenerationRecursion:
    """Result of :func:`generation_recursion`; arrays of shape ``sample_shape + (n_gen,)``."""

    sets: np.ndarray
    industry_mass_kg: np.ndarray
    import_mass_kg: np.ndarray
    robonauts: np.ndarray | None = None  # robonauts at work in each generation (labour model only)
    set_aside_kg: np.ndarray | None = None  # printing spent on set-asides by each generation
    robonaut_mass_kg: np.ndarray | None = None  # mass of the robonauts at work in each generation

    @property
    def local_fraction(self) -> np.ndarray:
        """Mass fraction of each generation's new hardware made on the Moon [-] (the seed: 0)."""
        carried = np.zeros_like(self.industry_mass_kg)
        if self.robonaut_mass_kg is not None:
            carried[..., 1:] = self.robonaut_mass_kg[..., :-1]
        new = self.industry_mass_kg - carried
        local = 1.0 - np.divide(self.import_mass_kg, new, out=np.ones_like(new), where=new > 0.0)
        local[..., 0] = 0.0
        return local

    @property
    def cumulative_import_kg(self) -> np.ndarray:
        """Mass landed from Earth up to and including each generation [kg]."""
        return np.cumsum(self.import_mass_kg, axis=-1)


def industry_production_rate_kg_s(industry_mass_kg, replication_time_s):
    """Mass of new hardware an industry makes per second [kg/s].

    Parameters
    ----------
    industry_mass_kg : float or array_like
        Productive industrial mass (Earth-equivalent capability) [kg], >= 0.
    replication_time_s : float or array_like
        Time for the industry to make its own mass again [s], > 0.

    Returns
    -------
    numpy.ndarray or float
        Locally made hardware per second [kg/s].

    Notes
    -----
    :math:`P = M / T_{rep}`: every kilogram makes its own mass per replication time
    [1]_. Reinvested without losses this is exponential growth with e-folding time
    T_rep. Table 2 of [1]_ gives 4 kg/h of printing for a 7,675 kg set, a
    replication time of 1,919 h (80 days) of printing; the paper's generations
    are 2 years long, so the *effective* e-folding time of its industry is much
    longer (about 1.1 yr at full manufacturing, see the design note).

    Examples
    --------
    >>> industry_production_rate_kg_s(7675.0, 7675.0 / 4.0 * 3600.0) * 3600.0
    4.0
    """
    mass = at_least("industry_mass_kg", industry_mass_kg, 0.0, "a mass >= 0 kg")
    period = greater("replication_time_s", replication_time_s, 0.0, "a replication time > 0 s")
    return _scalar_or_array(mass / period)


def _step_value(elapsed_s, generation_start_s, generation_values):
    """Value of the generation in force at ``elapsed_s`` (first generation before its start)."""
    elapsed = np.asarray(elapsed_s, dtype=float)
    starts = np.asarray(generation_start_s, dtype=float)
    values = np.asarray(generation_values, dtype=float)
    value = values[..., 0] + 0.0 * elapsed  # one generation at a time: no (..., generations) temporaries
    for g in range(1, values.shape[-1]):
        value = value + (values[..., g] - values[..., g - 1]) * (elapsed >= starts[..., g])
    return value


def _check_schedule(generation_start_s, generation_values, name):
    starts = np.asarray(generation_start_s, dtype=float)
    values = np.asarray(generation_values, dtype=float)
    _require(starts.ndim >= 1 and starts.shape[-1] >= 1, "generation_start_s", generation_start_s,
             "a 1-D array of generation start times (last axis = generations)")
    _require(np.all(np.diff(starts, axis=-1) >= 0.0), "generation_start_s", generation_start_s,
             "start times in increasing order")
    _require(values.shape[-1:] == starts.shape[-1:], name, generation_values,
             "one value per generation start time (same last-axis length)")


def local_manufacture_fraction(elapsed_s, generation_start_s, generation_local_fraction):
    """Fraction of new hardware made on the Moon at a time, by generation [-].

    Parameters
    ----------
    elapsed_s : float or array_like
        Time since the seed landed [s]; any shape that broadcasts with the
        generation arrays' leading shape (a scalar per timeline step is typical).
    generation_start_s : array_like
        Start time of each generation [s], increasing along the last axis.
    generation_local_fraction : array_like
        Local fraction [-] of each generation, in [0, 1], same last axis.

    Returns
    -------
    numpy.ndarray or float
        Step function: the fraction of the latest generation started at or
        before ``elapsed_s``; the first generation's value before its start.

    Notes
    -----
    Generation transitions are instantaneous (the paper's spiral is discrete).
    Computed branch-free as f_0 + sum_g (f_g - f_{g-1}) [t >= t_g], so sample-wise
    schedules of shape ``(sample, n_gen)`` work.

    Examples
    --------
    >>> local_manufacture_fraction(5.0, [0.0, 2.0, 4.0], [0.5, 0.9, 1.0])
    1.0
    """
    _check_schedule(generation_start_s, generation_local_fraction, "generation_local_fraction")
    fraction = between("generation_local_fraction", generation_local_fraction, 0.0,
                       1.0, "fractions in [0, 1], not percent")
    return _scalar_or_array(_step_value(elapsed_s, generation_start_s, fraction))


def earth_import_mass_kg(product_mass_kg, local_fraction):
    """Mass that must come from Earth for a given mass of new hardware [kg].

    Parameters
    ----------
    product_mass_kg : float or array_like
        Total mass of new hardware added (local plus imported parts) [kg], >= 0.
    local_fraction : float or array_like
        Fraction of that mass made on the Moon [-], in [0, 1].

    Returns
    -------
    numpy.ndarray or float
        Imported mass [kg] = (1 - f) x product.

    Notes
    -----
    The argument is the *whole* new mass. If instead one knows the local
    production P (capacity-limited), the new mass is P / f and the imports are
    P (1 - f) / f; :func:`bootstrap_growth` does that conversion. Keeping the
    function on the whole mass makes it exact for f = 0 (everything imported).

    Examples
    --------
    >>> earth_import_mass_kg(1000.0, 0.75)
    250.0
    """
    product = at_least("product_mass_kg", product_mass_kg, 0.0, "a mass >= 0 kg")
    fraction = between("local_fraction", local_fraction, 0.0, 1.0, "a fraction in [0, 1], not a percent")
    return _scalar_or_array((1.0 - fraction) * product)


def metzger_2013_generations(generation_interval_s=_METZGER_2013_GENERATION_INTERVAL_S,
                             electronics_mass_fraction=METZGER_2013_SET_ELECTRONICS_MASS_KG
                             / METZGER_2013_SET_MASS_KG):
    """The generation schedule of Metzger et al. (2013).

    Parameters
    ----------
    generation_interval_s : float, optional
        Time between generations [s]; default 2 years ("about 2 years apart").
    electronics_mass_fraction : float, optional
        Electronics share of a set's mass [-], default 390 / 7,675 = 5.1 % (Table 2).

    Returns
    -------
    GenerationSchedule
        Generations 1.0, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0 starting at 0, 2, 4, ... yr;
        electronics made locally 0, 0, 0, 0.90, 0.95, 0.99, 1.00; crudeness
        (mass factor of locally made hardware) 1.0, 2.5, 2.5, 1.5, 1.0, 1.0, 1.0;
        mass local fraction 1 - e (1 - F_electronics).

    Notes
    -----
    Generation 1.0 is made on Earth and landed whole; its "local fraction" is a
    formality (the seed is counted as imported by the integrators). Early
    generations also import whole robots: :func:`generation_recursion` counts them
    when given ``robonauts_imported`` (:func:`metzger_2013_recursion` does);
    ``mass_local_fraction`` here counts electronics only (the continuous model's view).

    References
    ----------
    Metzger et al. (2013) [1]_ of the module: generation list, electronics
    closure 90 / 95 / 99 / 100 % by Gen 3.0 / 4.0 / 5.0 / 6.0, crudeness 2.5 for
    Gen 2.0-2.5, 1.5 for Gen 3.0, 1.0 after; Table 2 for the electronics share.

    Examples
    --------
    >>> metzger_2013_generations().label[3]
    '3.0'
    """
    interval = greater("generation_interval_s", generation_interval_s, 0.0, "an interval > 0 s")
    share = between("electronics_mass_fraction", electronics_mass_fraction, 0.0, 1.0, "a fraction in [0, 1]")
    labels = ("1.0", "2.0", "2.5", "3.0", "4.0", "5.0", "6.0")
    electronics = np.array([0.0, 0.0, 0.0, 0.90, 0.95, 0.99, 1.00])
    return GenerationSchedule(
        label=labels,
        start_s=np.arange(len(labels)) * float(interval),
        electronics_local_fraction=electronics,
        crudeness=np.array([1.0, 2.5, 2.5, 1.5, 1.0, 1.0, 1.0]),
        mass_local_fraction=1.0 - float(share) * (1.0 - electronics),
    )


def bootstrap_growth(seed_mass_kg, replication_time_s, elapsed_s, generation_start_s,
                     generation_local_fraction, generation_crudeness=1.0, utilisation=1.0):
    """Continuous growth of a self-replicating industry with imports and crudeness.

    Parameters
    ----------
    seed_mass_kg : float or array_like
        Earth-made industry landed at ``elapsed_s[0]`` [kg], > 0; shape = sample shape.
    replication_time_s : float or array_like
        Replication time at full utilisation (:func:`industry_production_rate_kg_s`) [s], > 0.
    elapsed_s : array_like, 1-D
        Increasing output times since the seed landed [s]; steps of a month are
        typical. Generation changes take effect at the first step at or after them.
    generation_start_s : array_like
        Generation start times [s] (last axis = generations).
    generation_local_fraction : array_like
        Mass fraction of new hardware made locally per generation [-], in (0, 1].
    generation_crudeness : float or array_like, optional
        Mass of locally made hardware per unit of Earth-equivalent capability
        per generation [-], >= 1; scalar for all generations. Default 1.
    utilisation : float or array_like, optional
        Fraction of time the industry produces [-], in [0, 1] (solar duty cycle
        times any voluntary throttling). Default 1.

    Returns
    -------
    BootstrapTrajectory
        ``industry_mass_kg`` (actual mass, crude hardware counted at its weight),
        ``capability_kg`` (Earth-equivalent productive mass Q) and
        ``cumulative_import_kg`` (imports after the seed), each of shape
        ``sample_shape + (n_time,)``.

    Notes
    -----
    Local production P = u Q / T_rep; new hardware N = P / f (imports supply the
    rest, (1 - f) N); capability grows by N / c:

    .. math:: \\dot Q = \\frac{u}{T_{rep} f c} Q,\\quad \\dot M = c \\dot Q,
              \\quad \\dot I = (1 - f)\\, c\\, \\dot Q

    With f, c and u held at their values at the start of each step this is
    integrated exactly (exponential per step), so the result does not depend on
    the step size except through when generation changes are seen. New
    hardware starts producing at once and nothing is retired: unlike the
    paper's generation recursion (:func:`generation_recursion`), growth
    compounds continuously; use an *effective* replication time to match it
    (``docs/design/lunar_bootstrap.md``).

    Examples
    --------
    >>> import numpy as np
    >>> out = bootstrap_growth(1000.0, 1.0, np.array([0.0, np.log(2.0)]), [0.0], [1.0])
    >>> round(float(out.industry_mass_kg[-1]), 9)
    2000.0
    """
    seed = greater("seed_mass_kg", seed_mass_kg, 0.0, "a landed mass > 0 kg")
    period = greater("replication_time_s", replication_time_s, 0.0, "a replication time > 0 s")
    util = between("utilisation", utilisation, 0.0, 1.0, "a fraction in [0, 1]")
    times = np.asarray(elapsed_s, dtype=float)
    starts = np.asarray(generation_start_s, dtype=float)
    fractions = between("generation_local_fraction", generation_local_fraction, 0.0, 1.0,
                        "fractions in (0, 1]: with nothing made locally, growth would be all imports", low_open=True)
    crude = np.broadcast_to(np.asarray(generation_crudeness, dtype=float), fractions.shape)
    _require(times.ndim == 1 and times.size >= 1, "elapsed_s", elapsed_s, "a 1-D array of output times")
    _require(np.all(np.diff(times) >= 0.0), "elapsed_s", elapsed_s, "increasing output times")
    _check_schedule(starts, fractions, "generation_local_fraction")
    _require(crude >= 1.0, "generation_crudeness", generation_crudeness, "mass factors >= 1")
    sample_shape = np.broadcast_shapes(seed.shape, period.shape, util.shape,
                                       starts.shape[:-1], fractions.shape[:-1], crude.shape[:-1])
    capability = np.broadcast_to(seed, sample_shape).copy()
    mass = capability.copy()
    imported = np.zeros(sample_shape)
    out_capability = np.empty(sample_shape + times.shape)
    out_mass = np.empty_like(out_capability)
    out_import = np.empty_like(out_capability)
    for step, now in enumerate(times):
        out_capability[..., step] = capability
        out_mass[..., step] = mass
        out_import[..., step] = imported
        if step + 1 == times.size:
            break
        local = _step_value(now, starts, fractions)
        factor = _step_value(now, starts, crude)
        gain = capability * np.expm1(util * (times[step + 1] - now) / (period * local * factor))
        mass = mass + factor * gain
        imported = imported + (1.0 - local) * factor * gain
        capability = capability + gain
    return BootstrapTrajectory(elapsed_s=times, industry_mass_kg=out_mass,
                               capability_kg=out_capability, cumulative_import_kg=out_import)


def generation_recursion(seed_sets, generation_interval_s, crudeness, electronics_local_fraction,
                         utilisation=1.0, duty_cycle=METZGER_2013_POLAR_DUTY_CYCLE,
                         set_mass_kg=METZGER_2013_SET_MASS_KG,
                         set_electronics_mass_kg=METZGER_2013_SET_ELECTRONICS_MASS_KG,
                         set_print_rate_kg_s=METZGER_2013_SET_PRINT_RATE_KG_S,
                         robonaut_weeks_per_asset=None, set_aside_kg=0.0, robonauts_imported=False,
                         set_assets=METZGER_2013_SET_ASSETS, set_robonauts=METZGER_2013_SET_ROBONAUTS,
                         robonaut_mass_kg=METZGER_2013_ROBONAUT_MASS_KG,
                         robonaut_electronics_mass_kg=METZGER_2013_ROBONAUT_ELECTRONICS_MASS_KG):
    """Generation-by-generation growth as in Metzger et al. (2013), Fig. 1, with robot labour.

    Parameters
    ----------
    seed_sets : float or array_like
        Number of Earth-made basic sets landed as Generation 1.0 [-], > 0.
    generation_interval_s : float or array_like
        Duration of each generation [s], > 0 (2 years in the paper).
    crudeness : array_like
        Mass factor of each generation's non-electronic hardware [-], >= 1
        (last axis = generations; the first is the Earth-made seed).
    electronics_local_fraction : array_like
        Fraction of each generation's electronics made locally [-], in [0, 1].
    utilisation : float or array_like, optional
        Voluntary throttle on manufacturing [-], in [0, 1]; the paper's
        "reduced" case runs at half the maximum rate. Default 1.
    duty_cycle : float or array_like, optional
        Solar duty cycle of the site [-], in [0, 1]; default 0.70 (polar). Printers
        and robonauts work only in sunlight.
    set_mass_kg, set_electronics_mass_kg : float, optional
        Mass of one Earth-made basic set and of its electronics [kg] (Table 2).
    set_print_rate_kg_s : float, optional
        Printing rate of one basic set [kg/s] (8 printers x 0.5 kg/h).
    robonaut_weeks_per_asset : array_like or None, optional
        Robonaut labour to assemble one asset, per *producing* generation [weeks]
        (same last axis as ``crudeness``; the last value also serves the assets the
        last generation builds). ``None`` (default) leaves labour out: the set's
        robonauts are then ordinary set mass (the first-order recursion).
    set_aside_kg : float or array_like, optional
        Printed mass each generation gives to things other than the next
        generation [kg] (per generation, or one value). Default 0.
    robonauts_imported : bool or array_like, optional
        Per generation: its new robonauts are landed whole from Earth (True) or
        printed by the generation before (False). Used with the labour model.
    set_assets, set_robonauts : int, optional
        Assets in a basic set and how many of them are robonauts (Table 2: 21, 3).
    robonaut_mass_kg, robonaut_electronics_mass_kg : float, optional
        Mass of one Earth-made robonaut and of its electronics [kg] (Table 2: 150, 15).

    Returns
    -------
    GenerationRecursion
        ``sets`` (basic sets without their robonauts when labour is modelled),
        ``industry_mass_kg`` (sets + robonauts at work), ``import_mass_kg`` (the
        seed, then imported electronics and robonauts), and with labour
        ``robonauts`` and ``set_aside_kg`` per generation.

    Notes
    -----
    Each generation g prints for one interval, builds generation g + 1, then is
    retired; robonauts are never retired (the paper keeps them and the solar
    cells). Printing capacity :math:`P_g = Z_g \\dot m_p d u T_{gen}` pays for the
    set-aside :math:`S_g`, the new robonauts of g + 1 if they are made locally, and
    the next generation's sets:

    .. math:: Z_{g+1} = \\frac{P_g - S_g - N_{g+1}\\,[c_{g+1} m_r' + F_{g+1} e_r]}
              {c_{g+1} m_s' + F_{g+1} e_s}

    with set structure m_s' and electronics e_s (robonauts taken out of the set
    when labour is modelled), robonaut structure m_r' and electronics e_r,
    crudeness c and local electronics fraction F of the generation built.
    Robonauts needed in g: :math:`X_g = A_g\\, RWPA_g / (T_{gen} d / \\mathrm{week})`
    with A_g the assets g assembles (the non-robonaut assets of its new sets and
    its new locally made robonauts); new robonauts
    :math:`N_{g+1} = \\max(X_{g+1} - R_g, 0)`, R the robonauts already at work
    (the seed brings ``set_robonauts`` per set). Generation g + 1's labour
    depends on its own output, so the system is solved by damped fixed-point
    iteration (the paper: "iterated for consistency"); the last generation
    assumes the one after it needs robonauts in proportion to its sets.
    Imports of g: :math:`Z_g e_s (1 - F_g)` plus its new robonauts, whole if
    ``robonauts_imported`` else their imported electronics
    :math:`e_r (1 - F_g)`. Not modelled: the paper's electronics factories (mass,
    power, output rate not in the tables we read), accumulated solar cells,
    spares. Which of the paper's headline figures this reproduces, and how
    closely: ``docs/design/lunar_bootstrap.md``.

    Examples
    --------
    >>> out = generation_recursion(1.0, 6.3e7, [1.0, 1.0], [0.0, 1.0])
    >>> round(float(out.sets[-1]), 2)
    6.38
    """
    seed = greater("seed_sets", seed_sets, 0.0, "a number of sets > 0")
    interval = greater("generation_interval_s", generation_interval_s, 0.0, "an interval > 0 s")
    crude = at_least("crudeness", crudeness, 1.0, "mass factors >= 1")
    closure = between("electronics_local_fraction", electronics_local_fraction, 0.0,
                      1.0, "fractions in [0, 1], not percent")
    util = between("utilisation", utilisation, 0.0, 1.0, "a fraction in [0, 1]")
    duty = between("duty_cycle", duty_cycle, 0.0, 1.0, "a fraction in [0, 1]")
    _require(crude.shape[-1:] == closure.shape[-1:], "electronics_local_fraction",
             electronics_local_fraction, "one value per generation, like crudeness")
    _require(set_mass_kg > 0.0, "set_mass_kg", set_mass_kg, "a mass > 0 kg")
    _require((set_electronics_mass_kg >= 0.0) & (set_electronics_mass_kg <= set_mass_kg),
             "set_electronics_mass_kg", set_electronics_mass_kg, "a mass in [0, set_mass_kg]")
    _require(set_print_rate_kg_s >= 0.0, "set_print_rate_kg_s", set_print_rate_kg_s, "a rate >= 0 kg/s")
    n_gen = crude.shape[-1]
    aside = np.broadcast_to(np.asarray(set_aside_kg, dtype=float), crude.shape[:-1] + (n_gen,))
    _require(aside >= 0.0, "set_aside_kg", set_aside_kg, "masses >= 0 kg")
    printed_per_set = set_print_rate_kg_s * duty * util * interval
    if robonaut_weeks_per_asset is None:
        return _recursion_without_labour(seed, crude, closure, printed_per_set, aside, set_mass_kg,
                                         set_electronics_mass_kg)
    return _recursion_with_labour(
        seed, interval, crude, closure, util, duty, aside, printed_per_set, robonaut_weeks_per_asset,
        robonauts_imported, set_mass_kg=set_mass_kg, set_electronics_mass_kg=set_electronics_mass_kg,
        set_assets=set_assets, set_robonauts=set_robonauts, robonaut_mass_kg=robonaut_mass_kg,
        robonaut_electronics_mass_kg=robonaut_electronics_mass_kg)


def _recursion_with_labour(seed, interval, crude, closure, util, duty, aside, printed_per_set,
                           robonaut_weeks_per_asset, robonauts_imported, *, set_mass_kg, set_electronics_mass_kg,
                           set_assets, set_robonauts, robonaut_mass_kg, robonaut_electronics_mass_kg):
    """:func:`generation_recursion` with robonaut labour: the labour inputs checked, the fixed point solved.

    The other inputs arrive checked, as arrays; the equations are in the Notes of
    :func:`generation_recursion`.
    """
    n_gen = crude.shape[-1]
    weeks = greater("robonaut_weeks_per_asset", robonaut_weeks_per_asset, 0.0, "labour > 0 weeks per asset")
    imported = np.broadcast_to(np.asarray(robonauts_imported, dtype=bool), (n_gen,))
    _require(weeks.shape[-1:] == (n_gen,), "robonaut_weeks_per_asset", robonaut_weeks_per_asset,
             "one value per generation, like crudeness")
    _require((set_robonauts >= 0) & (set_robonauts < set_assets), "set_robonauts", set_robonauts,
             "a count in [0, set_assets)")
    _require((robonaut_electronics_mass_kg >= 0.0) & (robonaut_electronics_mass_kg <= robonaut_mass_kg),
             "robonaut_electronics_mass_kg", robonaut_electronics_mass_kg, "a mass in [0, robonaut_mass_kg]")
    _require(set_robonauts * robonaut_mass_kg < set_mass_kg, "robonaut_mass_kg", robonaut_mass_kg,
             "robonauts lighter than the set that carries them")
    sample_shape = np.broadcast_shapes(seed.shape, interval.shape, crude.shape[:-1], closure.shape[:-1],
                                       util.shape, duty.shape, weeks.shape[:-1], aside.shape[:-1])
    set_e = set_electronics_mass_kg - set_robonauts * robonaut_electronics_mass_kg
    set_s = set_mass_kg - set_robonauts * robonaut_mass_kg - set_e
    robo_e = robonaut_electronics_mass_kg
    robo_s = robonaut_mass_kg - robo_e
    other_assets = set_assets - set_robonauts
    work_weeks = np.broadcast_to(interval * duty / _WEEK_S, sample_shape)
    # per generation built (g + 1), the last one repeated for the generation after the run
    crude_next = np.concatenate([crude[..., 1:], crude[..., -1:]], axis=-1)
    closure_next = np.concatenate([closure[..., 1:], closure[..., -1:]], axis=-1)
    local_next = ~np.concatenate([imported[1:], [False]])
    capacity = np.broadcast_to(printed_per_set, sample_shape)[..., np.newaxis]
    need = np.zeros(sample_shape + (n_gen + 1,))  # robonauts each generation needs (last: the next)
    for _ in range(_RECURSION_MAX_ITERATIONS):
        sets, robots, new, built_robots = _labour_pass(
            seed, need, capacity, aside, crude_next, closure_next, local_next, set_s, set_e, robo_s, robo_e,
            sample_shape, n_gen, set_robonauts)
        assembled = other_assets * sets[..., 1:] + built_robots
        target = np.concatenate([assembled * weeks / work_weeks[..., np.newaxis],
                                 np.zeros(sample_shape + (1,))], axis=-1)
        ratio = np.divide(sets[..., -1], sets[..., -2], out=np.zeros(sample_shape), where=sets[..., -2] > 0.0)
        target[..., -1] = target[..., -2] * ratio
        done = np.max(np.abs(target - need) / np.maximum(target, 1.0)) < _RECURSION_TOLERANCE
        need = need + _RECURSION_DAMPING * (target - need)
        if done:
            break
    else:  # pragma: no cover - the damped map contracts for every physical input we know of
        raise ModelDomainError("generation_recursion: robonaut labour did not converge; "
                               "check robonaut_weeks_per_asset and the printing rate.")
    sets, robots, new = sets[..., :n_gen], robots[..., :n_gen], new[..., :n_gen]
    robot_mass_new = np.where(imported, robonaut_mass_kg, crude * robo_s + robo_e) * new
    robot_mass_new[..., 0] = set_robonauts * robonaut_mass_kg * sets[..., 0]
    robot_mass = np.cumsum(robot_mass_new, axis=-1)
    mass = sets * (crude * set_s + set_e) + robot_mass
    imports = sets * set_e * (1.0 - closure) + new * np.where(imported, robonaut_mass_kg,
                                                              robo_e * (1.0 - closure))
    imports[..., 0] = seed * set_mass_kg
    return GenerationRecursion(sets=sets, industry_mass_kg=mass, import_mass_kg=imports, robonauts=robots,
                               set_aside_kg=np.broadcast_to(aside, sample_shape + (n_gen,)).copy(),
                               robonaut_mass_kg=robot_mass)


_RECURSION_MAX_ITERATIONS = 2_000
_RECURSION_TOLERANCE = 1e-10  # relative change in the robonaut counts between sweeps
_RECURSION_DAMPING = 0.5


def _labour_pass(seed, need, capacity, aside, crude_next, closure_next, local_next, set_s, set_e, robo_s,
                 robo_e, sample_shape, n_gen, set_robonauts):
    """One forward sweep: sets, robonauts at work, new robonauts, given the labour each generation needs."""
    sets = np.zeros(sample_shape + (n_gen + 1,))
    robots = np.zeros_like(sets)
    new = np.zeros_like(sets)
    built_robots = np.zeros(sample_shape + (n_gen,))
    sets[..., 0] = seed
    robots[..., 0] = set_robonauts * seed
    for g in range(n_gen):
        hire = np.maximum(need[..., g + 1] - robots[..., g], 0.0)
        robot_cost = np.where(local_next[g], hire * (crude_next[..., g] * robo_s + closure_next[..., g] * robo_e), 0.0)
        room = sets[..., g] * capacity[..., 0] - aside[..., g] - robot_cost
        per_set = crude_next[..., g] * set_s + closure_next[..., g] * set_e
        sets[..., g + 1] = np.maximum(room, 0.0) / per_set
        new[..., g + 1] = hire
        robots[..., g + 1] = robots[..., g] + hire
        built_robots[..., g] = np.where(local_next[g], hire, 0.0)
    return sets, robots, new, built_robots


def _recursion_without_labour(seed, crude, closure, printed_per_set, aside, set_mass_kg, set_electronics_mass_kg):
    """The first-order recursion: robonauts are set mass, no labour limit."""
    share = set_electronics_mass_kg / set_mass_kg
    set_mass_g = set_mass_kg * ((1.0 - share) * crude + share)
    local_per_set_g = set_mass_kg * ((1.0 - share) * crude + share * closure)
    import_per_set_g = set_mass_kg * share * (1.0 - closure)
    sample_shape = np.broadcast_shapes(seed.shape, np.shape(printed_per_set), crude.shape[:-1],
                                       closure.shape[:-1], aside.shape[:-1])
    n_gen = crude.shape[-1]
    sets = np.empty(sample_shape + (n_gen,))
    sets[..., 0] = seed
    for gen in range(1, n_gen):
        room = sets[..., gen - 1] * printed_per_set - aside[..., gen - 1]
        sets[..., gen] = np.maximum(room, 0.0) / local_per_set_g[..., gen]
    mass = sets * set_mass_g
    imports = sets * import_per_set_g
    imports[..., 0] = mass[..., 0]
    return GenerationRecursion(sets=sets, industry_mass_kg=mass, import_mass_kg=imports)


def metzger_2013_recursion(utilisation=1.0, seed_sets=1.0, duty_cycle=METZGER_2013_POLAR_DUTY_CYCLE,
                           generation_interval_s=_METZGER_2013_GENERATION_INTERVAL_S):
    """Metzger et al. (2013)'s bootstrapping with the paper's inputs: labour, set-asides, imports.

    Parameters
    ----------
    utilisation : float or array_like, optional
        Manufacturing throttle [-]: 1 for the paper's maximum-manufacturing case,
        0.5 for its reduced case. Default 1.
    seed_sets : float or array_like, optional
        Basic sets landed as Generation 1.0 [-]; default 1 (7,675 kg).
    duty_cycle : float or array_like, optional
        Solar duty cycle [-]; default 0.70 (polar).
    generation_interval_s : float or array_like, optional
        Duration of a generation [s]; default 2 years.

    Returns
    -------
    GenerationRecursion
        Generations 1.0-6.0 (:func:`generation_recursion` with robot labour).

    Notes
    -----
    Inputs, all from the paper as transcribed (module constants): the Table 2 set
    (21 assets, 7,675 kg, 3 robonauts of 150 kg), 8 printers at 0.5 kg/h, the
    generation schedule of :func:`metzger_2013_generations`, robonaut weeks per
    asset 4/4/6/7/7/8, set-asides 80/10/120 t at Gens 3.0/4.0/5.0, robonauts
    landed whole through Gen 2.5. Nothing is fitted. Results against the
    abstract (max case: 41 t landed, 40,000 t, up to 100,000 robots; reduced:
    12 t, 156 t, 60 robots) are tabulated in ``docs/design/lunar_bootstrap.md``.

    Examples
    --------
    >>> out = metzger_2013_recursion()
    >>> round(float(out.industry_mass_kg[-1]) / 1e6, -1)  # kt, against "as high as 40,000 t"
    40.0
    """
    gen = metzger_2013_generations(generation_interval_s)
    return generation_recursion(seed_sets, generation_interval_s, gen.crudeness, gen.electronics_local_fraction,
                                utilisation=utilisation, duty_cycle=duty_cycle,
                                robonaut_weeks_per_asset=METZGER_2013_ROBONAUT_WEEKS_PER_ASSET,
                                set_aside_kg=METZGER_2013_SET_ASIDE_KG,
                                robonauts_imported=METZGER_2013_ROBONAUTS_IMPORTED)


def effective_replication_time_s(generation_interval_s, duty_cycle=METZGER_2013_POLAR_DUTY_CYCLE,
                                 set_mass_kg=METZGER_2013_SET_MASS_KG,
                                 set_print_rate_kg_s=METZGER_2013_SET_PRINT_RATE_KG_S):
    r"""Continuous e-folding time equivalent to a generation recursion at crudeness 1 [s].

    Parameters
    ----------
    generation_interval_s : float or array_like
        Duration of a generation [s], > 0.
    duty_cycle : float or array_like, optional
        Fraction of time the printers run [-], in (0, 1]; default 0.70.
    set_mass_kg, set_print_rate_kg_s : float, optional
        Mass and printing rate of one basic set [kg], [kg/s] (Table 2 defaults).

    Returns
    -------
    numpy.ndarray or float
        Replication time T_eff [s] for :func:`bootstrap_growth` (at utilisation 1)
        that gives the same growth per generation as :func:`generation_recursion`.

    Notes
    -----
    A generation multiplies the industry by g = T_gen d m_p / m_s (6.40 for
    Table 2 over 2 years at 70 %); continuous growth does that in T_gen when

    .. math:: T_{eff} = T_{gen} / \ln g

    i.e. 1.08 yr for the paper's baseline, against 80 days of bare printing
    time: batching (new hardware waits for the next generation) and retirement
    of the old generation slow growth by a factor ~5. Requires g > 1.

    Examples
    --------
    >>> from moonbase.constants import SECONDS_PER_YEAR
    >>> round(effective_replication_time_s(2 * SECONDS_PER_YEAR) / SECONDS_PER_YEAR, 3)
    1.078
    """
    interval = greater("generation_interval_s", generation_interval_s, 0.0, "an interval > 0 s")
    duty = between("duty_cycle", duty_cycle, 0.0, 1.0, "a fraction in (0, 1]", low_open=True)
    _require(set_mass_kg > 0.0, "set_mass_kg", set_mass_kg, "a mass > 0 kg")
    growth = interval * duty * set_print_rate_kg_s / set_mass_kg
    _require(growth > 1.0, "generation_interval_s", generation_interval_s,
             "a generation long enough for a set to print more than its own mass")
    return _scalar_or_array(interval / np.log(growth))
