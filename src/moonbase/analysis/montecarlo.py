"""Monte Carlo through the vectorised timeline: draws, chunks, and their combination.

1. :func:`draw_inputs` draws every ``[uncertainty]`` field of a scenario from one
   ``numpy.random.default_rng(seed)``: standard normals, correlated by the Gaussian
   copula of ``correlations``, mapped through each marginal's inverse CDF. The whole
   ``(samples, inputs)`` design is drawn up front (8 bytes per sample and input), so a
   sample's values do not depend on chunking or on the executor: the same seed gives
   byte-identical results.
2. :func:`chunk_params` puts a slice of the draws into the flat parameter arrays of
   :func:`moonbase.scenario.params.timeline_params`, converting compound ``%/yr``
   rates exactly as it does.
3. :func:`simulate_chunk` runs one chunk and reduces it at once to what a run keeps:
   per-sample outputs (milestones, end values), per-sample yearly values of the
   reported series, and counts of binding constraints per step. A chunk of ``n``
   samples needs ~0.4 MB per sample while it runs; what it returns is ~12 KB per sample.
4. :class:`MonteCarloAccumulator` combines chunks in any order into the run's summary
   (the same ``summary.json`` as :func:`moonbase.timeline.summary.summarize`, computed
   by it), a per-sample table and a percentile table by year.

Percentile bands are computed from end-of-year values of stocks and calendar-year
sums of flows (75 points for 2026-2100 rather than 900 months), which bounds memory
at ~12 KB per sample (1.2 GB at 10^5 samples); see ``docs/design/uncertainty.md``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa
from scipy.special import ndtr

from moonbase import __version__
from moonbase.execution.executor import LocalExecutor, execute
from moonbase.execution.memory import retain_freed_memory
from moonbase.execution.progress import ProgressTracker
from moonbase.orbits.escape import (
    FATE_TABLE,
    escape_fraction,
    escape_report,
    prepare_fate_surrogate,
)
from moonbase.scenario.distributions import copula_correlation, resolved_uncertainty
from moonbase.scenario.field_paths import field_target
from moonbase.scenario.loader import scenario_from_toml, scenario_to_toml
from moonbase.scenario.params import (
    DECLINE_FIELDS,
    GROWTH_FIELDS,
    Params,
    continuous_decline_rate_per_s,
    continuous_growth_rate_per_s,
    timeline_choices,
    timeline_params,
)
from moonbase.scenario.schema import Scenario
from moonbase.timeline.binding import binding_labels
from moonbase.timeline.columns import column_by_name
from moonbase.timeline.run import earth_impact_warning, run, span_of
from moonbase.timeline.summary import (
    DEFAULT_TARGET,
    ONE_TW_PER_YEAR_W,
    annual_sums,
    binding_segments,
    first_year_at_or_above,
    milestone,
    retarget,
    summarize,
)
from moonbase.timeline.system import Span, Timeline, simulate
from moonbase.timeline.table import timeline_table
from moonbase.timeline.tiers import (
    AGGREGATES,
    hardware_tiers,
    satellite_tiers,
    space_compute_tiers,
    tier_names,
)

#: Kardashev index thresholds whose first year is reported per sample [-]
#: (0.75 ~ 32 TW, 0.8 = 100 TW, 0.9 = 1 PW, 1.0 = 10 PW: Sagan's K = (log10 P[W] - 6) / 10).
KARDASHEV_THRESHOLDS = (0.75, 0.8, 0.9, 1.0)
#: Statistics of the percentile table [percent].
TABLE_PERCENTILES = (5, 10, 25, 50, 75, 90, 95)


def band_columns() -> tuple[str, ...]:
    """Series kept per sample and year for percentile bands (what the report draws)."""
    return (
        *(f"{tier}_compute_power_w" for tier in (*tier_names(), *AGGREGATES)),
        *(f"{tier}_power_added_w" for tier in hardware_tiers()), "space_power_added_w",
        "earth_launches", "mass_driver_launches", *(f"{tier}_mass_kg" for tier in satellite_tiers()),
        "lunar_industry_mass_kg", "earth_launch_price_usd_per_kg", "cumulative_cost_usd", "kardashev_index",
        "civilization_power_w",
    )

#: Smallest and largest uniform fed to an inverse CDF: keeps ndtr(z) off exactly 0 and 1.
U_EPS = 2.0**-53


# --- draws ----------------------------------------------------------------------------------


def draw_inputs(scenario: Scenario, samples: int, seed: int) -> dict[str, np.ndarray]:
    """Draw every uncertain field of ``scenario`` for ``samples`` samples.

    Parameters
    ----------
    scenario
        A validated scenario; its ``uncertainty`` table may be empty.
    samples
        Number of samples (>= 1).
    seed
        Seed of ``numpy.random.default_rng``.

    Returns
    -------
    dict
        TOML path -> ``(samples,)`` array of field values in SI, as the scenario stores
        them (compound rates not yet made continuous).
    """
    resolved = resolved_uncertainty(scenario)
    paths = list(resolved)
    if not paths:
        return {}
    rng = np.random.default_rng(seed)
    z = rng.standard_normal((samples, len(paths)))
    if scenario.correlations:
        lower = np.linalg.cholesky(copula_correlation(paths, scenario.correlations))
        z = z @ lower.T
    u = np.clip(ndtr(z), U_EPS, 1.0 - U_EPS)
    return {path: resolved[path].ppf(u[:, i]) for i, path in enumerate(paths)}


def _rate_converted(attribute: str, values: np.ndarray) -> np.ndarray:
    if attribute in GROWTH_FIELDS:
        return continuous_growth_rate_per_s(values)
    if attribute in DECLINE_FIELDS:
        return continuous_decline_rate_per_s(values)
    return np.asarray(values, dtype=float)


def chunk_params(scenario: Scenario, draws: dict[str, np.ndarray], samples: int) -> Params:
    """Timeline parameters for ``samples`` samples with the drawn fields replaced.

    ``draws`` maps TOML paths of numeric fields to ``(samples,)`` SI values (a slice
    of :func:`draw_inputs`, or candidate values of an optimisation); every other field
    keeps the scenario's value.
    """
    params = timeline_params(scenario, samples)
    for path, values in draws.items():
        attribute = field_target(path).attribute
        params[attribute] = _rate_converted(attribute, np.asarray(values, dtype=float).reshape(samples))
    return params


# --- one chunk ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChunkTask:
    """One unit of work: samples ``start .. start + samples - 1`` of one scenario."""

    scenario: Scenario
    start: int
    samples: int
    draws: dict[str, np.ndarray]
    keep_timeline: bool = False
    point: int = 0
    chunk: int = 0

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Ship the scenario as its resolved TOML (exact round trip), not as pickled pydantic
        # internals, so a worker rebuilds it with its own schema; parsed once per worker.
        return (_task_from_toml, (scenario_to_toml(self.scenario), self.start, self.samples, self.draws,
                                  self.keep_timeline, self.point, self.chunk))


@functools.lru_cache(maxsize=16)
def _scenario_from_toml(text: str) -> Scenario:
    return scenario_from_toml(text, "chunk task")


def _task_from_toml(text: str, *fields: Any) -> ChunkTask:
    return ChunkTask(_scenario_from_toml(text), *fields)


@dataclass(frozen=True)
class ChunkOutcome:
    """What a chunk returns: reductions of its timeline, by sample."""

    point: int
    chunk: int
    start: int
    samples: int
    inputs: dict[str, np.ndarray]  # TOML path -> (n,) SI values drawn
    outputs: dict[str, np.ndarray]  # output name -> (n,)
    yearly: dict[str, np.ndarray]  # band_columns() -> (n, years)
    binding_counts: dict[str, np.ndarray]  # label column -> (options, steps) sample counts
    timeline: pa.Table | None = None


def yearly_values(timeline: Timeline, column: str) -> np.ndarray:
    """``(samples, years)`` values of one column by calendar year.

    Flows are summed over the year, stocks taken at its end, rates averaged.
    """
    series = timeline.series[column]
    spy = timeline.span.steps_per_year
    kind = column_by_name()[column].kind
    if kind == "flow":
        return annual_sums(series, spy)
    if kind == "rate":
        return annual_sums(series, spy) / spy
    return series[:, spy - 1::spy].copy()  # a copy: a view would keep the whole (samples, steps) column alive


def sample_output_names() -> list[str]:
    """Names of the per-sample outputs of :func:`sample_outputs` (each ends with its unit)."""
    names = ["first_year_1tw_yr", *(f"first_year_1tw_{tier}_yr" for tier in space_compute_tiers())]
    names += [f"first_year_kardashev_{t:g}_yr".replace(".", "_") for t in KARDASHEV_THRESHOLDS]
    names += ["peak_space_power_added_per_year_w", "peak_space_power_added_year_yr"]
    names += [f"end_{tier}_compute_power_w" for tier in (*tier_names(), *AGGREGATES)]
    names += ["end_compute_flop_s", "end_space_power_added_in_final_year_w", "end_kardashev_index",
              "end_civilization_power_w",
              "cumulative_cost_usd", "earth_launches", "mass_driver_launches", "end_lunar_industry_mass_kg",
              "end_lunar_industry_power_w", *(f"end_{tier}_satellites" for tier in satellite_tiers()),
              "escape_fraction"]
    return names


def sample_outputs(timeline: Timeline, yearly: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Per-sample outputs (milestones, end values) of a timeline; keys carry units.

    Milestone years are NaN in a sample that never reaches them.
    """
    span, s = timeline.span, timeline.series
    start = span.start_year
    added = yearly["space_power_added_w"]
    out: dict[str, np.ndarray] = {
        "first_year_1tw_yr": first_year_at_or_above(added, ONE_TW_PER_YEAR_W, start),
        **{f"first_year_1tw_{tier}_yr": first_year_at_or_above(yearly[f"{tier}_power_added_w"], ONE_TW_PER_YEAR_W,
                                                               start) for tier in space_compute_tiers()},
    }
    for threshold in KARDASHEV_THRESHOLDS:
        out[f"first_year_kardashev_{threshold:g}_yr".replace(".", "_")] = first_year_at_or_above(
            yearly["kardashev_index"], threshold, start)
    out["peak_space_power_added_per_year_w"] = added.max(axis=1)
    out["peak_space_power_added_year_yr"] = (added.argmax(axis=1) + start).astype(float)
    for tier in (*tier_names(), *AGGREGATES):
        out[f"end_{tier}_compute_power_w"] = s[f"{tier}_compute_power_w"][:, -1]
    out["end_compute_flop_s"] = sum(s[f"{tier}_compute_flop_s"][:, -1] for tier in hardware_tiers())
    out["end_space_power_added_in_final_year_w"] = added[:, -1]
    out["end_kardashev_index"] = s["kardashev_index"][:, -1]
    out["end_civilization_power_w"] = s["civilization_power_w"][:, -1]
    out["cumulative_cost_usd"] = s["cumulative_cost_usd"][:, -1]
    out["earth_launches"] = s["earth_launches"].sum(axis=1)
    out["mass_driver_launches"] = s["mass_driver_launches"].sum(axis=1)
    out["end_lunar_industry_mass_kg"] = s["lunar_industry_mass_kg"][:, -1]
    out["end_lunar_industry_power_w"] = s["lunar_industry_power_w"][:, -1]
    for tier in satellite_tiers():
        out[f"end_{tier}_satellites"] = s[f"{tier}_satellites"][:, -1]
    out["escape_fraction"] = np.asarray(timeline.escape_fraction, dtype=float)
    return {name: np.array(values, dtype=float) for name, values in out.items()}  # copies, not views of the timeline


def sampled_escape_choices(scenario: Scenario) -> dict[str, str]:
    """The trajectory choices of a sample set: every chunk reads the fate table, whatever its size,
    so the samples' escape fractions do not depend on the chunking."""
    return {**timeline_choices(scenario)["trajectory"], FATE_TABLE: "on"}


def simulate_chunk(task: ChunkTask) -> ChunkOutcome:
    """Run one chunk through the timeline and reduce it (the function executors ship)."""
    retain_freed_memory()  # in whichever process runs the chunk: reuse the last chunk's memory
    params = chunk_params(task.scenario, task.draws, task.samples)
    choices = timeline_choices(task.scenario)
    escape_choices = sampled_escape_choices(task.scenario) if task.draws else choices["trajectory"]
    timeline = simulate(params, span_of(task.scenario), escape=escape_fraction(params, escape_choices),
                        choices=choices)
    yearly = {column: yearly_values(timeline, column) for column in band_columns()}
    counts = {name: np.stack([(timeline.labels[name] == i).sum(axis=0) for i in range(len(options))])
              for name, options in binding_labels().items()}
    table = None
    if task.keep_timeline:
        table = timeline_table(timeline)
        index = table.schema.get_field_index("sample")
        table = table.set_column(index, table.schema.field(index),
                                 pa.array(table.column("sample").to_numpy() + np.int32(task.start)))
    return ChunkOutcome(
        point=task.point, chunk=task.chunk, start=task.start, samples=task.samples,
        inputs={path: np.asarray(v, dtype=float) for path, v in task.draws.items()},
        outputs=sample_outputs(timeline, yearly), yearly=yearly, binding_counts=counts, timeline=table)


def chunk_tasks(scenario: Scenario, samples: int, seed: int, chunk_size: int, keep_timeline: bool = False,
                draws: dict[str, np.ndarray] | None = None, point: int = 0) -> list[ChunkTask]:
    """Split ``samples`` into tasks of at most ``chunk_size`` samples, each with its slice of the draws.

    With one sample the scenario runs at its fixed (nominal) values; distributions apply
    from two samples on.
    """
    if draws is None:
        draws = draw_inputs(scenario, samples, seed) if samples > 1 else {}
    tasks = []
    for chunk, start in enumerate(range(0, samples, chunk_size)):
        n = min(chunk_size, samples - start)
        tasks.append(ChunkTask(scenario, start, n, {p: v[start:start + n] for p, v in draws.items()},
                               keep_timeline, point, chunk))
    return tasks


# --- combining chunks -----------------------------------------------------------------------


@dataclass
class MonteCarloAccumulator:
    """Collects chunk outcomes (any order) and builds the run's tables and summary."""

    scenario: Scenario
    samples: int
    seed: int
    outcomes: dict[int, ChunkOutcome] = field(default_factory=dict)

    def add(self, outcome: ChunkOutcome) -> None:
        """Keep one chunk; a chunk seen twice (a retried task) replaces the first."""
        self.outcomes[outcome.start] = outcome

    def _ordered(self) -> list[ChunkOutcome]:
        ordered = [self.outcomes[k] for k in sorted(self.outcomes)]
        if sum(o.samples for o in ordered) != self.samples:
            raise RuntimeError(f"{sum(o.samples for o in ordered)} of {self.samples} samples collected")
        return ordered

    def result(self) -> MonteCarloResult:
        """Combine every chunk (all must be in) into a :class:`MonteCarloResult`."""
        ordered = self._ordered()
        cat = np.concatenate
        inputs = {p: cat([o.inputs[p] for o in ordered]) for p in ordered[0].inputs}
        outputs = {k: cat([o.outputs[k] for o in ordered]) for k in ordered[0].outputs}
        yearly = {k: cat([o.yearly[k] for o in ordered]) for k in ordered[0].yearly}
        counts = {k: sum(o.binding_counts[k] for o in ordered) for k in ordered[0].binding_counts}
        timelines = [o.timeline for o in ordered if o.timeline is not None]
        summary = combined_summary(self.scenario, self.seed, outputs, yearly, counts, inputs)
        return MonteCarloResult(self.scenario, self.seed, self.samples, inputs, outputs, yearly, summary,
                                pa.concat_tables(timelines) if len(timelines) == len(ordered) else None)


def combined_summary(scenario: Scenario, seed: int, outputs: dict[str, np.ndarray],
                     yearly: dict[str, np.ndarray], counts: dict[str, np.ndarray],
                     inputs: dict[str, np.ndarray] | None = None) -> dict[str, Any]:
    """``summary.json`` of a Monte Carlo run, built by :func:`summarize` itself.

    :func:`summarize` reads calendar-year sums of the power-added flows, the last value
    of each stock and the total of each count; a compact timeline at yearly resolution
    holding exactly those gives the same numbers as the full timeline. Binding
    constraints are the modal label per step, counted over all chunks. With the
    propagated escape model and the sample ``inputs``, the fate fractions, the Earth-impact
    flag and its warning are those of all samples (read from the fate table).
    """
    span = span_of(scenario)
    samples = outputs["escape_fraction"].size
    pairs = [*((f"{tier}_compute_power_w", f"end_{tier}_compute_power_w") for tier in (*tier_names(), *AGGREGATES)),
             *((f"{tier}_satellites", f"end_{tier}_satellites") for tier in satellite_tiers()),
             ("kardashev_index", "end_kardashev_index"), ("civilization_power_w", "end_civilization_power_w"),
             ("cumulative_cost_usd", "cumulative_cost_usd"), ("earth_launches", "earth_launches"),
             ("mass_driver_launches", "mass_driver_launches"),
             ("lunar_industry_mass_kg", "end_lunar_industry_mass_kg"),
             ("lunar_industry_power_w", "end_lunar_industry_power_w")]
    series = {name: outputs[key][:, None] for name, key in pairs}
    # the summary sums FLOP/s over the hardware tiers: the first carries the total, the others zero
    first, *others = hardware_tiers()
    series[f"{first}_compute_flop_s"] = outputs["end_compute_flop_s"][:, None]
    series.update({f"{tier}_compute_flop_s": np.zeros((samples, 1)) for tier in others})
    for column in ("space_power_added_w", *(f"{tier}_power_added_w" for tier in space_compute_tiers())):
        series[column] = yearly[column]
    yearly_span = Span(span.start_year, span.end_year, 1)
    labels = {name: np.zeros((samples, yearly_span.steps), dtype=np.int8) for name in binding_labels()}
    compact = Timeline(yearly_span, series, labels, outputs["escape_fraction"])
    nominal = run(scenario)  # warnings and the escape threshold of the fixed-value scenario
    escape = dict(nominal.summary["escape"], heliocentric_fraction=float(outputs["escape_fraction"].mean()))
    warnings = list(nominal.summary["warnings"])
    if inputs and escape.get("method") == "propagated":
        sampled = escape_report(chunk_params(scenario, inputs, samples), outputs["escape_fraction"],
                                sampled_escape_choices(scenario))
        warnings = [w for w in warnings if w != earth_impact_warning(escape)]
        escape.update({key: sampled[key] for key in ("fate_fractions", "earth_impact_fraction", "flags", "fate_table")
                       if key in sampled})
        if earth_impact_warning(escape) is not None:
            warnings.append(earth_impact_warning(escape))
    summary = summarize(compact, scenario.name, scenario.description, {
        "moonbase_version": __version__, "seed": seed, "escape": escape, "warnings": warnings})
    summary["span"]["steps_per_year"] = span.steps_per_year
    years_end = span.start_year + (np.arange(span.steps) + 1) / span.steps_per_year
    summary["binding_constraints"] = {
        name.removesuffix("_binding"): binding_segments(count.argmax(axis=0)[None, :], binding_labels()[name],
                                                        years_end, 1.0 / span.steps_per_year)
        for name, count in counts.items()}
    horizon = span.end_year
    summary["first_year_kardashev_index_ge"] = {
        f"{t:g}": milestone(outputs[f"first_year_kardashev_{t:g}_yr".replace(".", "_")], horizon)
        for t in KARDASHEV_THRESHOLDS}
    summary["uncertain_inputs"] = list(scenario.uncertainty)
    return retarget(summary, yearly, DEFAULT_TARGET)  # from the yearly stocks, which the compact timeline lacks


@dataclass(frozen=True)
class MonteCarloResult:
    """A finished Monte Carlo run: draws, per-sample outputs, yearly values and summary."""

    scenario: Scenario
    seed: int
    samples: int
    inputs: dict[str, np.ndarray]
    outputs: dict[str, np.ndarray]
    yearly: dict[str, np.ndarray]
    summary: dict[str, Any]
    timeline: pa.Table | None = None

    @property
    def years(self) -> np.ndarray:
        """Calendar years of the yearly values."""
        span = span_of(self.scenario)
        return np.arange(span.start_year, span.end_year + 1)


def samples_table(inputs: dict[str, np.ndarray], outputs: dict[str, np.ndarray], start: int = 0,
                  extra: dict[str, Any] | None = None) -> pa.Table:
    """One row per sample: ``sample``, the drawn inputs (SI, named by attribute path) and the outputs."""
    n = next(iter(outputs.values())).size
    columns: dict[str, Any] = {"sample": np.arange(start, start + n, dtype=np.int64)}
    for key, value in (extra or {}).items():
        columns[key] = np.full(n, value) if np.ndim(value) == 0 else value
    for path, values in inputs.items():
        columns[field_target(path).attribute] = values
    for name, values in outputs.items():  # a milestone never reached is null (SQL's "no value"), not NaN
        columns[name] = pa.array(values, mask=np.isnan(values)) if name.startswith("first_year") else values
    return pa.table(columns)


def percentile_table(years: np.ndarray, yearly: dict[str, np.ndarray]) -> pa.Table:
    """Tidy percentiles by year: ``series, unit, kind, year, p5 .. p95, mean``."""
    rows: dict[str, list[Any]] = {"series": [], "unit": [], "kind": [], "year": []}
    stats = {f"p{q}": [] for q in TABLE_PERCENTILES}
    means: list[np.ndarray] = []
    for column, values in yearly.items():
        info = column_by_name()[column]
        q = np.percentile(values, TABLE_PERCENTILES, axis=0)
        rows["series"] += [column] * years.size
        rows["unit"] += [info.unit] * years.size
        rows["kind"] += [info.kind] * years.size
        rows["year"] += years.tolist()
        for i, p in enumerate(TABLE_PERCENTILES):
            stats[f"p{p}"].append(q[i])
        means.append(values.mean(axis=0))
    data = {**rows, **{k: np.concatenate(v) for k, v in stats.items()}, "mean": np.concatenate(means)}
    return pa.table(data)


def decile_timeline(result: MonteCarloResult) -> pa.Table:
    """A report-ready table whose 11 'samples' are the deciles P0, P10, ..., P100 by year.

    The report draws P10-P50-P90 bands as quantiles over samples; over these 11 rows
    those quantiles are exactly rows 1, 5 and 9, so the bands are the percentiles of all
    samples (for flows, of their calendar-year sums).
    """
    years = result.years
    deciles = {c: np.percentile(v, np.arange(0, 101, 10), axis=0) for c, v in result.yearly.items()}
    n, m = 11, years.size
    data: dict[str, Any] = {
        "sample": np.repeat(np.arange(n, dtype=np.int32), m),
        "step": np.tile(np.arange(m, dtype=np.int32), n),
        "year": np.tile(years.astype(float) + 1.0, n),
    }
    for column, values in deciles.items():
        data[column] = values.reshape(-1)
    return pa.table(data)


#: Default samples per chunk: ~0.4 MB per sample while a chunk runs, so ~400 MB; large enough that a
#: Dask task's overhead is small beside its ~0.4 s of work (benchmarks/montecarlo.py).
DEFAULT_CHUNK_SIZE = 1000


def run_montecarlo(scenario: Scenario, samples: int, seed: int, executor: Any | None = None,
                   chunk_size: int | None = None, keep_timeline: bool = False,
                   progress: Any | None = None) -> MonteCarloResult:
    """Draw, simulate in chunks (on ``executor``; in-process by default) and combine.

    Parameters
    ----------
    scenario
        A validated scenario; its ``[uncertainty]`` fields are drawn.
    samples
        Number of samples (>= 2 for draws; 1 runs the fixed values).
    seed
        Seed of the draws; the same seed gives byte-identical results on any executor
        and with any chunk size.
    executor
        A :class:`moonbase.execution.executor.Executor`; default in-process.
    chunk_size
        Samples per chunk (default :data:`DEFAULT_CHUNK_SIZE`, fewer when that leaves
        workers idle).
    keep_timeline
        Also keep the full monthly timeline table of every sample (memory grows by
        ~0.3 MB per sample).
    progress
        A :data:`moonbase.execution.progress.ProgressCallback`.
    """
    if samples < 1:
        raise ValueError(f"samples = {samples} must be >= 1")
    draws = draw_inputs(scenario, samples, seed) if samples > 1 else {}
    accumulator = MonteCarloAccumulator(scenario, samples, seed)
    for outcome in evaluate(scenario, draws, samples, executor, chunk_size, keep_timeline, progress):
        accumulator.add(outcome)
    return accumulator.result()


def evaluate(scenario: Scenario, draws: dict[str, np.ndarray], samples: int, executor: Any | None = None,
             chunk_size: int | None = None, keep_timeline: bool = False,
             progress: Any | None = None) -> list[ChunkOutcome]:
    """Simulate ``samples`` samples with ``draws`` (TOML path -> SI values) in chunks; outcomes in sample order."""

    executor = executor or LocalExecutor()
    if chunk_size is None:
        per_worker = -(-samples // max(executor.workers, 1))
        chunk_size = max(1, min(DEFAULT_CHUNK_SIZE, per_worker))
    if draws:  # the propagated escape model reads a fate table: build what the draws need, on the executor
        prepare_fate_surrogate(chunk_params(scenario, draws, samples), sampled_escape_choices(scenario), executor)
    tasks = chunk_tasks(scenario, samples, 0, chunk_size, keep_timeline, draws=draws)
    outcomes: dict[int, ChunkOutcome] = {}
    tracker = ProgressTracker(len(tasks), samples, progress)
    tracker.start()
    execute(executor, simulate_chunk, tasks, lambda task, outcome: outcomes.__setitem__(outcome.start, outcome),
            tracker, samples_of=lambda task: task.samples)
    return [outcomes[k] for k in sorted(outcomes)]


def stacked(outcomes: list[ChunkOutcome], part: str) -> dict[str, np.ndarray]:
    """Concatenate one part (``"outputs"``, ``"yearly"`` or ``"inputs"``) of ordered outcomes over samples."""
    first = getattr(outcomes[0], part)
    return {key: np.concatenate([getattr(o, part)[key] for o in outcomes]) for key in first}
