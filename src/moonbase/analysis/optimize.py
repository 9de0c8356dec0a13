"""The cheapest architecture that reaches a target at a chosen confidence, and the Pareto front.

Decision variables are scenario fields within stated bounds (``--vary
FIELD=LOW:HIGH``); the scenario's ``[uncertainty]`` fields stay uncertain and every
candidate runs the same ``samples`` draws (common random numbers). For a candidate:

- ``reach_fraction``: share of samples whose space-compute additions reach the target
  (default 1 TW in a calendar year) by ``target_year``;
- ``cost_by_target_year_usd``: mean cumulative spending to the end of ``target_year``;
- ``year_at_confidence``: the ``confidence`` quantile of the year the target is first
  reached (never reached = the year after the horizon);
- ``cost_to_target_usd``: mean cumulative spending to the end of that year.

The optimiser (scipy's differential evolution [1]_, a whole population per timeline
call) minimises ``cost_by_target_year_usd`` subject to ``reach_fraction >=
confidence``; infeasible candidates rank after every feasible one, by shortfall. Every
evaluated candidate is kept; the Pareto front is the set not dominated in
(``year_at_confidence``, ``cost_to_target_usd``). A field whose bounds span more than a
factor of 10 is searched on a log scale.

References
----------
.. [1] R. Storn and K. Price, "Differential Evolution - A Simple and Efficient
   Heuristic for Global Optimization over Continuous Spaces," J. Global Optim. 11,
   341-359 (1997), doi:10.1023/A:1008202821328.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.optimize import differential_evolution

from moonbase.analysis.montecarlo import draw_inputs, evaluate, stacked
from moonbase.analysis.sweep import written_value
from moonbase.errors import ModelDomainError, MoonbaseError, ScenarioError
from moonbase.scenario.field_paths import FieldTarget, field_target
from moonbase.scenario.schema import Scenario


INFEASIBLE_OFFSET = 100.0  # objective of an infeasible candidate: above any log10(cost in USD)
LOG_SCALE_RATIO = 10.0


@dataclass(frozen=True)
class Bound:
    """A decision variable: a numeric field and its bounds in SI."""

    target: FieldTarget
    low_si: float
    high_si: float
    notes: tuple[str, ...] = ()  # bounds moved inside the field's valid range

    @property
    def log(self) -> bool:
        return self.low_si > 0 and self.high_si / self.low_si > LOG_SCALE_RATIO

    def value(self, unit_interval: np.ndarray) -> np.ndarray:
        """Map [0, 1] to the bounds (log-uniform for wide positive ranges)."""
        if self.log:
            return np.exp(np.log(self.low_si) + unit_interval * (np.log(self.high_si) - np.log(self.low_si)))
        return self.low_si + unit_interval * (self.high_si - self.low_si)

    def shown(self, value_si: float) -> str:
        """A value in the field's display unit, four significant digits."""
        return self.target.show(value_si)


def parse_vary(text: str) -> Bound:
    """``"lunar.satellite_share=0.2:0.8"`` -> Bound (values written as in a scenario).

    Raises
    ------
    ScenarioError
        When the text is not ``FIELD=LOW:HIGH``, a bound is outside the field's range
        or LOW is not below HIGH.
    """
    if "=" not in text or ":" not in text.partition("=")[2]:
        raise ScenarioError(f"--vary = {text!r} is not FIELD=LOW:HIGH; expected for example "
                            "--vary 'lunar.satellite_share=0.2:0.8'.")
    path, _, span = text.partition("=")
    low_text, _, high_text = span.partition(":")
    path = path.strip()
    target = field_target(path, f"--vary {path}")
    low = target.parse(written_value(low_text), f"--vary {path} low")
    high = target.parse(written_value(high_text), f"--vary {path} high")
    if not low < high:
        raise ScenarioError(f"--vary {path}: low = {low_text.strip()!r} is not below high = {high_text.strip()!r}; "
                            "expected LOW < HIGH.")
    notes = []
    clipped = {}
    for name, value, raw in (("low", low, low_text), ("high", high, high_text)):
        clipped[name] = value if target.inside(value) else _inside(target, value)
        if clipped[name] != value:
            notes.append(f"--vary {path}: {name} = {raw.strip()!r} is outside the valid range {target.range_text}; "
                         f"searching from {target.show(clipped[name])} instead.")
    if not clipped["low"] < clipped["high"]:
        raise ScenarioError(f"--vary {path}: {low_text.strip()!r}:{high_text.strip()!r} lies outside the valid range "
                            f"{target.range_text}; expected bounds inside it.")
    return Bound(target, clipped["low"], clipped["high"], tuple(notes))


#: How far inside an open bound (one the range excludes) a clipped search bound is placed [-].
OPEN_BOUND_MARGIN = 1e-6


def _inside(target: FieldTarget, value_si: float) -> float:
    """``value_si`` moved to the nearest value inside the field's valid range."""
    width = target.high_si - target.low_si if np.isfinite(target.high_si - target.low_si) else abs(value_si)
    margin = OPEN_BOUND_MARGIN * (width or 1.0)
    if value_si < target.low_si or (target.open_low and value_si <= target.low_si):
        return target.low_si + (margin if target.open_low else 0.0)
    return target.high_si - (margin if target.open_high else 0.0)


@dataclass(frozen=True)
class Candidate:
    """One evaluated architecture."""

    values_si: tuple[float, ...]
    reach_fraction: float
    year_at_confidence: float
    cost_by_target_year_usd: float
    cost_to_target_usd: float


@dataclass(frozen=True)
class OptimizationResult:
    """Best candidate (feasible or, when none is, the closest), Pareto front and settings."""

    bounds: tuple[Bound, ...]
    target_power_w_per_yr: float
    target_year: int
    confidence: float
    samples: int
    reachable: bool
    best: Candidate
    pareto: tuple[Candidate, ...]
    evaluated: int
    horizon_year: int = 0  # last simulated year: a candidate never reaching the target has no year


    def describe(self, candidate: Candidate) -> dict[str, Any]:
        """JSON-ready form of one candidate, values in display units."""
        return {
            "values": {b.target.path: b.shown(v) for b, v in zip(self.bounds, candidate.values_si)},
            "reach_fraction": candidate.reach_fraction,
            "year_at_confidence": (None if self.horizon_year and candidate.year_at_confidence > self.horizon_year
                                   else candidate.year_at_confidence),
            "cost_by_target_year_usd": candidate.cost_by_target_year_usd,
            "cost_to_target_usd": candidate.cost_to_target_usd,
        }

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form of the whole result."""
        return {
            "target": {"power_added_w_per_yr": self.target_power_w_per_yr, "year": self.target_year,
                       "confidence": self.confidence},
            "bounds": {b.target.path: [b.shown(b.low_si), b.shown(b.high_si)] for b in self.bounds},
            "samples_per_candidate": self.samples, "evaluated": self.evaluated, "reachable": self.reachable,
            "horizon_year": self.horizon_year, "notes": [n for b in self.bounds for n in b.notes],
            "best": self.describe(self.best), "pareto": [self.describe(c) for c in self.pareto],
        }


def _objective(c: Candidate, confidence: float, target_year: int) -> float:
    if c.reach_fraction >= confidence:
        return math.log10(max(c.cost_by_target_year_usd, 1.0))
    return INFEASIBLE_OFFSET + 100.0 * (confidence - c.reach_fraction) + max(c.year_at_confidence - target_year, 0.0)


def pareto_front(candidates: list[Candidate], horizon_year: int) -> list[Candidate]:
    """Candidates not dominated in (year_at_confidence, cost_to_target_usd), by year."""
    reached = sorted((c for c in candidates if c.year_at_confidence <= horizon_year),
                     key=lambda c: (c.year_at_confidence, c.cost_to_target_usd))
    front: list[Candidate] = []
    for c in reached:
        if not front or c.cost_to_target_usd < front[-1].cost_to_target_usd:
            if front and front[-1].year_at_confidence == c.year_at_confidence:
                continue
            front.append(c)
    return front


def optimize(scenario: Scenario, bounds: list[Bound], target_year: int, confidence: float = 0.8,
             target_power_w_per_yr: float = 1e12, samples: int = 16, seed: int = 0, generations: int = 10,
             population: int = 6, executor: Any | None = None, progress: Any | None = None) -> OptimizationResult:
    """Minimise cost by ``target_year`` subject to reaching the target with ``confidence``.

    Parameters
    ----------
    bounds
        Decision variables (:func:`parse_vary`).
    target_year
        Calendar year by whose end the target must be reached.
    confidence
        Required share of samples reaching it [-], in (0, 1].
    target_power_w_per_yr
        Space compute power to add within one calendar year [W/yr].
    samples
        Draws of the ``[uncertainty]`` fields per candidate (1: the fixed values).
    generations, population
        Differential-evolution iterations and population multiplier (population x
        variables candidates per generation).
    """
    span = scenario.span
    if not span.start_year <= target_year <= span.end_year:
        raise ScenarioError(f"--target-year = {target_year} is outside the simulated span "
                            f"[{span.start_year}, {span.end_year}]; expected a year inside it.")
    if not 0.0 < confidence <= 1.0:
        raise ScenarioError(f"--confidence = {confidence} is outside (0, 1]; expected a fraction such as 0.8.")
    if not bounds:
        raise ScenarioError("optimize needs at least one --vary FIELD=LOW:HIGH.")
    paths = [b.target.path for b in bounds]
    if len(set(paths)) != len(paths):
        raise ScenarioError(f"--vary names a field twice ({paths}); expected each field once.")
    base = {p: v for p, v in (draw_inputs(scenario, samples, seed) if samples > 1 else {}).items() if p not in paths}
    archive: list[Candidate] = []
    index = target_year - span.start_year

    def assess(unit: np.ndarray) -> np.ndarray:
        unit = np.atleast_2d(unit.T).T if unit.ndim == 1 else unit  # (variables, candidates)
        m = unit.shape[1]
        values = [b.value(unit[i]) for i, b in enumerate(bounds)]
        draws = {p: np.tile(v, m) for p, v in base.items()}
        for b, v in zip(bounds, values):
            draws[b.target.path] = np.repeat(v, samples)
        outcomes = evaluate(scenario, draws, m * samples, executor, chunk_size=samples * max(1, 64 // samples),
                            progress=progress)
        yearly = stacked(outcomes, "yearly")
        added = yearly["space_power_added_w"].reshape(m, samples, -1)
        cost = yearly["cumulative_cost_usd"].reshape(m, samples, -1)
        hit = added >= target_power_w_per_yr
        first = np.where(hit.any(axis=2), hit.argmax(axis=2), added.shape[2])  # index; beyond = horizon + 1
        out = np.empty(m)
        for j in range(m):
            year_index = float(np.quantile(first[j], confidence, method="higher"))
            capped = int(min(year_index, added.shape[2] - 1))
            c = Candidate(tuple(float(v[j]) for v in values), float(np.mean(first[j] <= index)),
                          span.start_year + year_index, float(cost[j, :, index].mean()),
                          float(cost[j, :, capped].mean()))
            archive.append(c)
            out[j] = _objective(c, confidence, target_year)
        return out

    try:
        differential_evolution(assess, [(0.0, 1.0)] * len(bounds), maxiter=generations, popsize=population,
                               seed=seed, vectorized=True, updating="deferred", polish=False, tol=1e-3)
    except RuntimeError as exc:  # scipy wraps what the objective raised
        cause = exc.__cause__
        if isinstance(cause, ModelDomainError):
            raise ScenarioError(f"--vary bounds reach outside a model's validity range: {cause} Narrow the "
                                "bounds.") from None
        if isinstance(cause, MoonbaseError):
            raise cause from None
        raise
    feasible = [c for c in archive if c.reach_fraction >= confidence]
    if feasible:
        best = min(feasible, key=lambda c: c.cost_by_target_year_usd)
    else:
        best = min(archive, key=lambda c: (-c.reach_fraction, c.year_at_confidence, c.cost_by_target_year_usd))
    return OptimizationResult(tuple(bounds), target_power_w_per_yr, target_year, confidence, samples,
                              bool(feasible), best, tuple(pareto_front(archive, span.end_year)), len(archive),
                              span.end_year)
