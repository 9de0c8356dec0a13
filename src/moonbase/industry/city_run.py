"""The lunar city on its own: a stand-alone run of the industry, and its generation table.

Two growth models, chosen explicitly (``GROWTH_MODELS``):

- ``"continuous"`` -- :func:`simulate_city` steps :func:`moonbase.industry.production.production_step`
  month by month, as the system timeline does, but with the Earth side idealised
  (landing capacity and mass-driver rate as given, default unlimited);
- ``"generation-recursion"`` -- :func:`recursion_city` wraps
  :func:`moonbase.industry.bootstrap.generation_recursion`, Metzger et al.'s own
  structure (each generation builds the next, then retires), with the power and
  regolith of the Table 2 basic set.

Both return a :class:`CityRun` with the same columns and a generation table, so
``moonbase industry`` prints and plots either. Design note:
``docs/design/lunar_bootstrap.md``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from moonbase.constants import SECONDS_PER_YEAR
from moonbase.domain import require as _require
from moonbase.industry.bootstrap import (
    METZGER_2013_ROBONAUT_POWER_W,
    METZGER_2013_ROBONAUT_WEEKS_PER_ASSET,
    METZGER_2013_ROBONAUTS_IMPORTED,
    METZGER_2013_SET_ASIDE_KG,
    METZGER_2013_SET_ROBONAUTS,
    METZGER_2013_SET_MASS_KG,
    METZGER_2013_SET_POWER_W,
    METZGER_2013_SET_PRINT_RATE_KG_S,
    METZGER_2013_SET_REGOLITH_KG_S,
    generation_recursion,
    local_manufacture_fraction,
)
from moonbase.industry.production import PRODUCTION_LIMITS, production_step
from moonbase.industry.satellite_bom import satellite_import_fraction

__all__ = ["GROWTH_MODELS", "CityInputs", "CityRun", "GenerationRow", "simulate_city", "recursion_city"]

GROWTH_MODELS = ("continuous", "generation-recursion")


@dataclass(frozen=True)
class CityInputs:
    """Inputs of a stand-alone city run, SI floats (times from the seed landing)."""

    seed_mass_kg: float
    replication_time_s: float
    generation_interval_s: float
    local_fractions: tuple[float, ...]
    power_per_mass_w_kg: float
    production_energy_j_kg: float
    satellite_share: float
    max_industry_kg: float
    regolith_in_reach_kg: float
    regolith_per_product: float
    satellites_start_s: float = np.inf
    mass_driver_energy_j_kg: float = 0.0
    mass_driver_rate_kg_s: float = np.inf
    landing_rate_kg_s: float = np.inf
    chip_fab: bool = False
    chip_fab_start_s: float = np.inf
    chip_fab_mass_kg: float = 0.0
    chip_fab_power_w: float = 0.0
    chip_mass_fraction: float = 0.05


@dataclass(frozen=True)
class GenerationRow:
    """One generation: when it starts, how local it is, what landed, how big the city is."""

    label: str
    start_s: float
    local_fraction: float
    landed_mass_kg: float  # from Earth during this generation (seed, imports, fab)
    industrial_mass_kg: float  # at the end of the generation (or of the run)


@dataclass(frozen=True)
class CityRun:
    """A stand-alone city run: columns at the step boundaries ``elapsed_s`` (n + 1 values)
    and flows per step (n values, rates in kg/s averaged over the step)."""

    growth_model: str
    elapsed_s: np.ndarray
    industry_kg: np.ndarray
    power_w: np.ndarray
    cumulative_landed_kg: np.ndarray
    cumulative_regolith_kg: np.ndarray
    output_kg_s: np.ndarray  # growth + satellites
    satellites_kg_s: np.ndarray
    imports_kg_s: np.ndarray
    limit_code: np.ndarray  # index into PRODUCTION_LIMITS, per step
    generations: tuple[GenerationRow, ...]
    years_to_self_sufficiency: float  # from seed landing until new hardware needs nothing from Earth
    energy_available_j: float
    energy_used_j: float
    mass_in_kg: float  # regolith mined + everything landed
    mass_out_kg: float  # industry + satellites fired + waste


def _labels(n: int) -> tuple[str, ...]:
    metzger = ("1.0", "2.0", "2.5", "3.0", "4.0", "5.0", "6.0")
    return metzger if n == len(metzger) else tuple(str(i + 1) for i in range(n))


def simulate_city(inputs: CityInputs, duration_s: float, steps_per_year: int = 12) -> CityRun:
    """Run the continuous city model from the seed landing for ``duration_s``.

    Parameters
    ----------
    inputs : CityInputs
        City inputs (SI).
    duration_s : float
        Span simulated after the seed lands [s], > 0.
    steps_per_year : int, optional
        Time steps per year; default 12 (monthly, as the timeline).

    Returns
    -------
    CityRun
        Columns, flows, generation table, and the mass and energy books.

    Notes
    -----
    The seed lands at t = 0; the chip fab lands (its mass counted as landed, not as
    productive industry) and starts drawing power at ``chip_fab_start_s``. The
    land limit is a ceiling on industry (``max_industry_kg``); the regolith limit
    is the reserve minus what was mined. Mass books: regolith + landed = industry +
    fired satellites + waste (+ the idle fab), exact to rounding. Growth compounds
    once per step, as in the timeline: over one replication time monthly steps give
    (1 + 1/12)^12 = 2.61 instead of e = 2.72 (-3.9 %).

    Examples
    --------
    >>> from moonbase.constants import SECONDS_PER_YEAR
    >>> run = simulate_city(CityInputs(1000.0, SECONDS_PER_YEAR, SECONDS_PER_YEAR, (1.0,), 10.0, 0.0,
    ...                                0.0, 1e12, 1e15, 5.0), SECONDS_PER_YEAR)
    >>> round(float(run.industry_kg[-1]))  # 1000 (1 + 1/12)^12: monthly compounding, not e
    2613
    """
    _require(duration_s > 0.0, "duration_s", duration_s, "a duration > 0 s")
    _require(inputs.seed_mass_kg > 0.0, "seed_mass_kg", inputs.seed_mass_kg, "a mass > 0 kg")
    _require(inputs.replication_time_s > 0.0, "replication_time_s", inputs.replication_time_s, "a time > 0 s")
    steps = max(int(np.ceil(duration_s / SECONDS_PER_YEAR * steps_per_year)), 1)
    dt = duration_s / steps
    times = np.arange(steps + 1) * dt
    fractions = np.asarray(inputs.local_fractions, dtype=float)
    starts = np.arange(fractions.size) * inputs.generation_interval_s
    local_all = np.asarray(local_manufacture_fraction(times[:-1] + 0.5 * dt, starts, fractions))
    industry = np.zeros(steps + 1)
    power = np.zeros(steps + 1)
    landed = np.zeros(steps + 1)
    regolith = np.zeros(steps + 1)
    output = np.zeros(steps)
    sats = np.zeros(steps)
    imports = np.zeros(steps)
    code = np.zeros(steps, dtype=np.int8)
    industry[0] = inputs.seed_mass_kg
    landed[0] = inputs.seed_mass_kg
    power[0] = industry[0] * inputs.power_per_mass_w_kg
    fab_landed = False
    energy_available = energy_used = waste = fired = 0.0
    for k in range(steps):
        t_mid = times[k] + 0.5 * dt
        fab = bool(inputs.chip_fab and t_mid >= inputs.chip_fab_start_s)
        fab_cargo = inputs.chip_fab_mass_kg if (fab and not fab_landed) else 0.0
        fab_landed = fab_landed or fab
        local = float(local_all[k])
        step = production_step(
            industry[k], dt, replication_time_s=inputs.replication_time_s, local_fraction=local,
            satellite_import_fraction=satellite_import_fraction(local, inputs.chip_mass_fraction, fab),
            satellite_share=inputs.satellite_share, firing=t_mid >= inputs.satellites_start_s,
            mass_driver_capacity_kg=inputs.mass_driver_rate_kg_s * dt,
            mass_driver_energy_j_kg=inputs.mass_driver_energy_j_kg, max_industry_kg=inputs.max_industry_kg,
            production_energy_j_kg=inputs.production_energy_j_kg, power_per_mass_w_kg=inputs.power_per_mass_w_kg,
            fab_power_w=inputs.chip_fab_power_w if fab else 0.0, landing_capacity_kg=inputs.landing_rate_kg_s * dt,
            regolith_per_product=inputs.regolith_per_product,
            regolith_room_kg=max(inputs.regolith_in_reach_kg - regolith[k], 0.0))
        industry[k + 1] = industry[k] + float(step.growth_kg)
        power[k + 1] = industry[k + 1] * inputs.power_per_mass_w_kg
        landed[k + 1] = landed[k] + float(step.imports_kg) + fab_cargo
        regolith[k + 1] = regolith[k] + float(step.regolith_kg)
        output[k] = float(step.growth_kg + step.satellites_kg) / dt
        sats[k] = float(step.satellites_kg) / dt
        imports[k] = (float(step.imports_kg) + fab_cargo) / dt
        code[k] = step.limit_code
        energy_available += float(step.energy_available_j)
        energy_used += float(step.energy_used_j)
        waste += float(step.waste_kg)
        fired += float(step.satellites_kg)
    fab_mass = inputs.chip_fab_mass_kg if fab_landed else 0.0
    rows = []
    labels = _labels(fractions.size)
    for g, label in enumerate(labels):
        if starts[g] > duration_s:
            break
        end = starts[g + 1] if g + 1 < fractions.size else duration_s
        i0 = int(np.searchsorted(times, starts[g], side="left"))
        i1 = int(np.searchsorted(times, min(end, duration_s), side="left"))
        i1 = min(i1, steps)
        seed = inputs.seed_mass_kg if g == 0 else 0.0
        rows.append(GenerationRow(label, float(starts[g]), float(fractions[g]),
                                  seed + float(landed[i1] - landed[i0]), float(industry[i1])))
    full = np.flatnonzero(fractions >= 1.0)
    years = float(starts[full[0]] / SECONDS_PER_YEAR) if full.size else float("nan")
    return CityRun(
        growth_model="continuous", elapsed_s=times, industry_kg=industry, power_w=power,
        cumulative_landed_kg=landed, cumulative_regolith_kg=regolith, output_kg_s=output, satellites_kg_s=sats,
        imports_kg_s=imports, limit_code=code, generations=tuple(rows), years_to_self_sufficiency=years,
        energy_available_j=energy_available, energy_used_j=energy_used,
        mass_in_kg=float(regolith[-1] + landed[-1]), mass_out_kg=float(industry[-1] + fired + waste + fab_mass))


def recursion_city(seed_mass_kg, generation_interval_s, crudeness, electronics_local_fraction, duration_s,
                   utilisation=1.0, duty_cycle=0.7, steps_per_year=12,
                   robonaut_weeks_per_asset=METZGER_2013_ROBONAUT_WEEKS_PER_ASSET,
                   set_aside_kg=METZGER_2013_SET_ASIDE_KG,
                   robonauts_imported=METZGER_2013_ROBONAUTS_IMPORTED) -> CityRun:
    """Metzger et al.'s generation recursion laid out in time, with power and regolith.

    Parameters
    ----------
    seed_mass_kg : float
        Earth-made seed [kg]; ``seed_mass_kg / 7,675 kg`` basic sets.
    generation_interval_s : float
        Duration of a generation [s].
    crudeness, electronics_local_fraction : sequence of float
        Per generation (see :func:`moonbase.industry.bootstrap.generation_recursion`).
    duration_s : float
        Span laid out after the seed lands [s].
    utilisation, duty_cycle : float, optional
        Manufacturing throttle and solar duty cycle [-].
    steps_per_year : int, optional
        Resolution of the time columns.
    robonaut_weeks_per_asset, set_aside_kg, robonauts_imported : optional
        Robot labour, set-asides and whole-robot imports per generation
        (:func:`moonbase.industry.bootstrap.generation_recursion`); default the
        paper's (7 generations). ``robonaut_weeks_per_asset=None`` drops labour.

    Returns
    -------
    CityRun
        Generation g's mass stands from its start to the next generation's;
        output = the generation's printing rate; power = its sets x 64.36 kW x
        duty cycle (Table 2 as restated; with labour, robonauts draw 0.4 kW each
        on top of the sets without theirs); imports land at each generation's start;
        regolith = 5 kg per kg of output (20 kg/h for 4 kg/h, Table 2).

    Notes
    -----
    The mass books here are those of the recursion: retired generations are
    not tracked (the paper recycles them), so only the landed-mass and
    generation-mass columns are meaningful as stocks.

    Examples
    --------
    >>> from moonbase.constants import SECONDS_PER_YEAR
    >>> run = recursion_city(7675.0, 2 * SECONDS_PER_YEAR, [1.0, 2.5], [0.0, 0.0], 4 * SECONDS_PER_YEAR,
    ...                      robonaut_weeks_per_asset=None, set_aside_kg=0.0)
    >>> [row.label for row in run.generations]
    ['1', '2']
    """
    _require(duration_s > 0.0, "duration_s", duration_s, "a duration > 0 s")
    crude = np.asarray(crudeness, dtype=float)
    labour = robonaut_weeks_per_asset is not None
    rec = generation_recursion(seed_mass_kg / METZGER_2013_SET_MASS_KG, generation_interval_s, crude,
                               electronics_local_fraction, utilisation=utilisation, duty_cycle=duty_cycle,
                               robonaut_weeks_per_asset=robonaut_weeks_per_asset, set_aside_kg=set_aside_kg,
                               robonauts_imported=robonauts_imported if labour else False)
    n = crude.size
    starts = np.arange(n) * generation_interval_s
    steps = max(int(np.ceil(duration_s / SECONDS_PER_YEAR * steps_per_year)), 1)
    times = np.linspace(0.0, duration_s, steps + 1)
    gen_at = np.clip(np.searchsorted(starts, times, side="right") - 1, 0, n - 1)
    gen_step = gen_at[:-1]
    sets = rec.sets[gen_at]
    output = rec.sets[gen_step] * METZGER_2013_SET_PRINT_RATE_KG_S * duty_cycle * utilisation
    landed_by_gen = np.cumsum(rec.import_mass_kg)
    landed = landed_by_gen[gen_at]
    regolith_rate = rec.sets[gen_step] * METZGER_2013_SET_REGOLITH_KG_S * duty_cycle * utilisation
    regolith = np.concatenate([[0.0], np.cumsum(regolith_rate * np.diff(times))])
    imports = np.diff(landed) / np.diff(times)
    closure = np.asarray(electronics_local_fraction, dtype=float)
    local = rec.local_fraction
    rows = tuple(
        GenerationRow(label, float(starts[g]), float(local[g]), float(rec.import_mass_kg[g]),
                      float(rec.industry_mass_kg[g]))
        for g, label in enumerate(_labels(n)) if starts[g] <= duration_s)
    full = np.flatnonzero(closure >= 1.0)
    if labour:
        set_power = METZGER_2013_SET_POWER_W - METZGER_2013_SET_ROBONAUTS * METZGER_2013_ROBONAUT_POWER_W
        power = (sets * set_power + rec.robonauts[gen_at] * METZGER_2013_ROBONAUT_POWER_W) * duty_cycle
    else:
        power = sets * METZGER_2013_SET_POWER_W * duty_cycle
    energy = float(np.sum(power[:-1] * np.diff(times)))
    return CityRun(
        growth_model="generation-recursion", elapsed_s=times, industry_kg=rec.industry_mass_kg[gen_at],
        power_w=power, cumulative_landed_kg=landed, cumulative_regolith_kg=regolith, output_kg_s=output,
        satellites_kg_s=np.zeros(steps), imports_kg_s=imports,
        limit_code=np.full(steps, PRODUCTION_LIMITS.index("replication"), dtype=np.int8), generations=rows,
        years_to_self_sufficiency=float(starts[full[0]] / SECONDS_PER_YEAR) if full.size else float("nan"),
        energy_available_j=energy, energy_used_j=energy, mass_in_kg=float("nan"), mass_out_kg=float("nan"))
