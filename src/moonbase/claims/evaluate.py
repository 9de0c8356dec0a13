"""Evaluate claims live: the model's runs, the optimiser's search and the verdict, never stored.

For each claim of the ledger (:mod:`moonbase.claims.ledger`):

1. the arithmetic it implies and the hard limits it meets (:mod:`moonbase.claims.arithmetic`);
2. the model on the claim's scenario, sampled (its ``[uncertainty]``; P10/P50/P90 of the
   first year it is met, cumulative cost and what binds in the claim's year), and on
   ``alpha`` at its fixed values;
3. what you would have to believe: the kind's inputs (:data:`moonbase.claims.kinds.KINDS`)
   against their published values (``moonbase/claims/data/inputs.toml``). When the
   scenario misses the claim, a rate of adding power is searched jointly by the optimiser
   (:func:`moonbase.analysis.optimize.optimize`, a bounded number of candidates); other
   series one input at a time over a grid, and all inputs at their bounds together;
4. the verdict (:func:`moonbase.claims.verdict.verdict`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from moonbase.analysis.optimize import Bound, optimize, parse_vary
from moonbase.claims.context import ModelContext, context_for
from moonbase.claims.kinds import FIGURES, ClaimKind, kind_of
from moonbase.claims.ledger import Claim, InputReference, input_references
from moonbase.claims.runs import (
    ClaimRun,
    assigned_run,
    first_years,
    sampled_run,
    year_percentiles,
)
from moonbase.claims.verdict import Evidence, verdict
from moonbase.scenario.field_paths import field_target
from moonbase.scenario.loader import load_scenario

__all__ = ["Settings", "evaluate_claim", "evaluate_claims"]

#: Points of a one-input scan (one vectorised timeline call) [-].
SCAN_POINTS = 12


@dataclass(frozen=True)
class Settings:
    """How hard the model works: samples of the band, the seed, the optimiser's budget."""

    samples: int = 32
    seed: int = 0
    generations: int = 8  # differential-evolution generations (each one vectorised timeline call)
    population: int = 5  # candidates per generation per input searched


@dataclass
class RunCache:
    """Runs shared by the claims of one evaluation (same scenario, same samples)."""

    settings: Settings
    runs: dict[tuple[str, int], ClaimRun] = field(default_factory=dict)

    def run(self, scenario: str, samples: int) -> ClaimRun:
        key = (scenario, samples)
        if key not in self.runs:
            self.runs[key] = sampled_run(load_scenario(scenario), samples, self.settings.seed)
        return self.runs[key]


def _bound(ref: InputReference, current_si: float) -> Bound:
    """The search interval of an input: from the lesser to the greater of its scenario value and its bound."""
    target = field_target(ref.path)
    low, high = sorted((current_si, ref.bound_si))
    if low == high:
        high = low * (1.0 + 1e-9) + 1e-12
    return parse_vary(f"{ref.path}={target.show(low)}:{target.show(high)}")


def _at_bound(ref: InputReference) -> float:
    """An input's search bound, moved inside the field's valid range when it lies outside."""
    if field_target(ref.path).inside(ref.bound_si):
        return ref.bound_si
    bound = _bound(ref, ref.published_si)
    return bound.low_si if abs(bound.low_si - ref.bound_si) < abs(bound.high_si - ref.bound_si) else bound.high_si


def _beyond(ref: InputReference, needed_si: float) -> bool:
    """Whether a needed value lies past the published one, in the direction of the search bound."""
    direction = np.sign(ref.bound_si - ref.published_si)
    return bool((needed_si - ref.published_si) * direction > 1e-9 * max(abs(ref.published_si), 1e-30))


def _row(ref: InputReference, needed_si: float | None, how: str) -> dict[str, Any]:
    target = field_target(ref.path)
    calendar = ref.path.endswith("_year")  # a date: compared by difference, a ratio of years means nothing
    return {"input": ref.path, "needed": None if needed_si is None else target.show(needed_si),
            "published": ref.published_text, "published_source": ref.source,
            "ratio": None if needed_si is None or ref.published_si == 0 or calendar else needed_si / ref.published_si,
            "difference": None if needed_si is None or not calendar else needed_si - ref.published_si,
            "beyond_published": None if needed_si is None else _beyond(ref, needed_si), "how": how}


def _compared(row: dict[str, Any]) -> str:
    """``"0.5x the published 2 yr"`` or, for a date, ``"2 years before the published 2032"``."""
    if row["ratio"] is not None:
        return f"{row['ratio']:.3g}x the published {row['published']}"
    years = row["difference"]
    return f"{abs(years):.3g} years {'before' if years < 0 else 'after'} the published {row['published']}"


def _reached_year(run: ClaimRun, kind: ClaimKind, threshold: float) -> np.ndarray:
    return first_years(run.yearly(kind.column), threshold, kind.at_least, int(run.years[0]))


def _scan(kind: ClaimKind, threshold: float, by_year: int, refs: list[InputReference],
          m: ModelContext) -> tuple[list[dict[str, Any]], bool]:
    """Each input alone over a grid from the scenario's value to its bound: the least change that reaches it."""
    rows, found = [], False
    for ref in refs:
        bound = _bound(ref, m.value(field_target(ref.path).attribute))
        start = m.value(field_target(ref.path).attribute)
        stop = bound.high_si if abs(bound.high_si - start) > abs(bound.low_si - start) else bound.low_si
        grid = (np.geomspace(start, stop, SCAN_POINTS) if start > 0 and stop > 0 and bound.log
                else np.linspace(start, stop, SCAN_POINTS))
        years = _reached_year(assigned_run(m.scenario, {ref.path: grid}), kind, threshold)
        hit = np.flatnonzero(years <= by_year)
        rows.append(_row(ref, float(grid[hit[0]]) if hit.size else None, "alone, others at the scenario's values"))
        found = found or bool(hit.size)
    return rows, found


def _optimised(threshold: float, by_year: int, refs: list[InputReference], m: ModelContext,
               settings: Settings) -> list[dict[str, Any]] | None:
    """The optimiser's cheapest joint values reaching the power by the year (None: none within the bounds)."""
    bounds = [_bound(ref, m.value(field_target(ref.path).attribute)) for ref in refs]
    result = optimize(m.scenario, bounds, by_year, confidence=0.5, target_power_w_per_yr=threshold, samples=1,
                      seed=settings.seed, generations=settings.generations, population=settings.population)
    if not result.reachable:
        return None
    return [_row(ref, value, f"optimiser ({result.evaluated} candidates), jointly")
            for ref, value in zip(refs, result.best.values_si)]


def _reached_rows(kind: ClaimKind, threshold: float, by_year: int, refs: list[InputReference],
                  m: ModelContext) -> list[dict[str, Any]]:
    """The scenario's values; those beyond their published values are set back to them to see if they matter."""
    rows = [_row(ref, m.value(field_target(ref.path).attribute), "the scenario's value") for ref in refs]
    beyond = [ref for ref, row in zip(refs, rows) if row["beyond_published"]]
    if not beyond:
        return rows
    back = assigned_run(m.scenario, {ref.path: [ref.published_si] for ref in beyond})
    year = _reached_year(back, kind, threshold)[0]
    if np.isnan(year) or year > by_year:
        return rows
    return [_row(ref, ref.published_si, "the published value suffices") if ref in beyond else row
            for ref, row in zip(refs, rows)]


def _believe(kind: ClaimKind, threshold: float, by_year: int, reached: bool, m: ModelContext,
             settings: Settings) -> tuple[list[dict[str, Any]], int | None]:
    """Rows of what you would have to believe, and the first year reached at the searched inputs."""
    references = input_references()
    refs = [references[path] for path in kind.inputs]
    if reached:
        return _reached_rows(kind, threshold, by_year, refs, m), None
    at_bounds = assigned_run(m.scenario, {ref.path: [_at_bound(ref)] for ref in refs})
    year_at_bounds = _reached_year(at_bounds, kind, threshold)[0]
    searched = None if np.isnan(year_at_bounds) else int(year_at_bounds)
    if searched is None or searched > by_year:
        return [_row(ref, _at_bound(ref), "every input at its bound") for ref in refs], searched
    rows = _optimised(threshold, by_year, refs, m, settings) if kind.optimiser else None
    if rows is None:
        rows, _ = _scan(kind, threshold, by_year, refs, m)
        alone = [r for r in rows if r["needed"] is not None]
        if not alone:
            rows = [_row(ref, _at_bound(ref), "every input at its bound") for ref in refs]
    return rows, searched


def _beyond_list(rows: list[dict[str, Any]]) -> list[str]:
    """Inputs taken beyond their published values; one input alone within its published value suffices."""
    alone = [r for r in rows if r["how"].startswith("alone") and r["needed"] is not None]
    if alone and any(not r["beyond_published"] for r in alone):
        return []
    return [f"{r['input']} = {r['needed']} ({_compared(r)})" for r in (alone or rows) if r["beyond_published"]]


def _base(claim: Claim) -> dict[str, Any]:
    s = claim.source
    cited = ", ".join(part for part in (s.document, s.date, s.url) if part)
    return {"id": claim.id, "claim": claim.claim, "who": claim.who, "source": cited, "date": claim.date,
            "verified": s.verified, "source_note": s.reason, "quantity": claim.quantity,
            "claimed_value": claim.claimed_value, "unit": claim.unit, "kind": claim.kind,
            "scenario": claim.scenario}


def _empty_model(scenario: str) -> dict[str, Any]:
    return {"scenario": scenario, "samples": 0, "reached": None, "year_p10": None, "year_p50": None,
            "year_p90": None, "by_year": None, "cost_usd": None, "binding": None, "alpha": None}


def _series_claim(claim: Claim, kind: ClaimKind, m: ModelContext, cache: RunCache) -> dict[str, Any]:
    span = m.scenario.span
    by_year = int(min(max(claim.by_year or span.end_year, span.start_year), span.end_year))
    threshold = kind.threshold(claim, m)
    run = cache.run(claim.scenario, cache.settings.samples)
    years = _reached_year(run, kind, threshold)
    pct = year_percentiles(years)
    reached = pct["year_p50"] is not None and pct["year_p50"] <= by_year
    index = by_year - span.start_year
    alpha_year = _reached_year(cache.run("alpha", 1), kind, threshold)[0]
    alpha_band = year_percentiles(_reached_year(cache.run("alpha-uncertain", cache.settings.samples), kind, threshold))
    band = np.percentile(run.yearly(kind.column), (10, 50, 90), axis=0)
    model = {"scenario": claim.scenario, "samples": cache.settings.samples, "reached": bool(reached), **pct,
             "by_year": by_year, "end_year": span.end_year, "share_reaching": float(np.mean(years <= by_year)),
             "cost_usd": float(np.median(run.yearly("cumulative_cost_usd")[:, index])),
             "binding": run.binding(kind.tier, by_year),
             "alpha": {"reached": bool(alpha_year <= by_year), "year": None if np.isnan(alpha_year) else int(alpha_year),
                       "uncertain": alpha_band}}
    rows, searched = _believe(kind, threshold, by_year, reached, m, cache.settings)
    implied = kind.implied(claim, m)
    limits = kind.limits(claim, m)
    word, why = verdict(Evidence("series", limits, by_year=by_year, end_year=span.end_year, scenario=claim.scenario,
                                 year_p50=pct["year_p50"], beyond_published=_beyond_list(rows), searched_year=searched,
                                 searched_alone=any(r["how"].startswith("alone") for r in rows)))
    if threshold <= 0.0 and not kind.at_least:
        why = (f"the model's break-even launch price is {threshold:,.3g} USD/kg: the satellite's bus alone costs more "
               "than the ground's energy and facility over its life, so no launch price meets it; " + why)
    figure = {"type": "band", "column": kind.column, "years": run.years.tolist(), "p10": band[0].tolist(),
              "p50": band[1].tolist(), "p90": band[2].tolist(), "threshold": threshold, "by_year": by_year,
              "at_least": kind.at_least}
    return {"implied": implied, "limits": limits, "model": model, "believe": rows, "verdict": word, "why": why,
            "figure": figure}


def _figure_claim(claim: Claim, m: ModelContext) -> dict[str, Any]:
    result = FIGURES[claim.figure](claim, m)
    scale = claim.claimed_si / claim.claimed_value if claim.claimed_value else 1.0  # SI per unit the claim writes
    shown = (f"{result.value_si / scale:,.3g} {claim.unit}".strip(), claim.claimed_text)
    evidence = Evidence("figure", result.limits, model_figure=result.value_si, claimed_figure=claim.claimed_si,
                        space_favourable=result.space_favourable, figure_text=shown)
    word, why = verdict(evidence)
    model = {**_empty_model(claim.scenario), "reached": word == "consistent", "value": result.value_si / scale,
             "value_unit": claim.unit}
    figure = {"type": "figure", "claimed": claim.claimed_value, "model": result.value_si / scale, "unit": claim.unit}
    return {"implied": result.implied, "limits": result.limits, "model": model, "believe": result.believe,
            "verdict": word, "why": why, "figure": figure}


def json_ready(value: Any) -> Any:
    """``value`` with every non-finite float (an infinite margin) as None, so it is valid JSON."""
    if isinstance(value, dict):
        return {k: json_ready(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_ready(v) for v in value]
    if isinstance(value, float) and not np.isfinite(value):
        return None
    return value


def evaluate_claim(claim: Claim, cache: RunCache) -> dict[str, Any]:
    """One claim's entry of ``claims.json`` (the ``--json`` schema), computed now from the model."""
    return json_ready(_evaluated(claim, cache))


def _evaluated(claim: Claim, cache: RunCache) -> dict[str, Any]:
    kind = kind_of(claim)
    out = _base(claim)
    if kind.test == "statement":
        word, why = verdict(Evidence("statement", reason=claim.untestable or "no quantity is stated."))
        return {**out, "implied": {}, "limits": [], "model": _empty_model(claim.scenario), "believe": [],
                "verdict": word, "why": why, "figure": None}
    m = context_for(claim.scenario)
    found = _figure_claim(claim, m) if kind.test == "figure" else _series_claim(claim, kind, m, cache)
    return {**out, **found}


def evaluate_claims(claims: list[Claim], settings: Settings | None = None,
                    progress: Any | None = None) -> list[dict[str, Any]]:
    """Every claim's entry, in order; runs of the same scenario are shared. ``progress(done, total)`` if given."""
    cache = RunCache(settings or Settings())
    results = []
    for i, claim in enumerate(claims):
        results.append(evaluate_claim(claim, cache))
        if progress is not None:
            progress(i + 1, len(claims))
    return results
