"""Benchmark: Monte Carlo of `alpha` through 2100 at 1, 10^3 and 10^5 samples vs a per-sample Python loop.

For each sample count it prints wall time, samples/s, sample-months/s and the ratio to
a plain Python loop over single-sample runs of the same model (measured on --loop
runs, extrapolated linearly), plus peak resident memory of this process (and of the
Dask workers, when --cluster is given). The scenario is `alpha` with four uncertain
inputs, so the draws, chunking and reduction of `moonbase run --samples` are all
timed. The issue's bar: 10^5 samples in under a minute on 2 cores.

Run: `.venv/bin/python benchmarks/montecarlo.py [--samples 1 1000 100000] [--cluster local]`.
"""

from __future__ import annotations

import argparse
import resource
import time

from moonbase.analysis.montecarlo import run_montecarlo
from moonbase.execution.executor import open_executor
from moonbase.scenario.loader import scenario_from_dict
from moonbase.scenario.params import timeline_params
from moonbase.timeline.run import span_of
from moonbase.timeline.system import simulate

UNCERTAIN_ALPHA = {"base": "alpha", "name": "alpha-uncertain", "uncertainty": {
    "lunar.replication_time": {"distribution": "lognormal", "median": "2 yr", "p90": "3.5 yr"},
    "compute.improvement": {"distribution": "triangular", "low": "25 %/yr", "mode": "40 %/yr", "high": "50 %/yr"},
    "launch.growth": {"distribution": "uniform", "low": "30 %/yr", "high": "50 %/yr"},
    "mass_driver.exit_speed": {"distribution": "uniform", "low": "2.5 km/s", "high": "2.8 km/s"},
}}
KIB = 1024  # ru_maxrss is in KiB on Linux


def peak_rss_mib() -> tuple[float, float]:
    """Peak resident memory of this process and of its finished children [MiB]."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / KIB
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / KIB
    return own, children


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, nargs="+", default=[1, 1_000, 100_000])
    parser.add_argument("--loop", type=int, default=10, help="single-sample runs timed for the Python-loop baseline")
    parser.add_argument("--chunk", type=int, default=None, help="samples per chunk (default: moonbase's)")
    parser.add_argument("--cluster", default=None, help="'local' for a Dask cluster on this machine, or an address")
    args = parser.parse_args()

    scenario = scenario_from_dict(UNCERTAIN_ALPHA)
    span = span_of(scenario)
    months = span.steps
    simulate(timeline_params(scenario, 1), span)  # warm imports and caches

    start = time.perf_counter()
    for _ in range(args.loop):
        simulate(timeline_params(scenario, 1), span)
    loop_per_sample_s = (time.perf_counter() - start) / args.loop

    print(f"alpha with 4 uncertain inputs, {span.start_year}-{span.end_year}, {months} monthly steps")
    print(f"python loop: {loop_per_sample_s:.3f} s per sample ({months / loop_per_sample_s:,.0f} sample-months/s)")
    print(f"{'samples':>9} {'executor':<34} {'time [s]':>9} {'samples/s':>10} {'sample-months/s':>16} "
          f"{'vs loop':>8} {'peak MiB':>9}")
    with open_executor(args.cluster) as executor:
        for n in args.samples:
            start = time.perf_counter()
            run_montecarlo(scenario, n, seed=0, executor=executor, chunk_size=args.chunk)
            elapsed = time.perf_counter() - start
            own, children = peak_rss_mib()
            memory = f"{own:,.0f}" + (f"+{children:,.0f}" if args.cluster else "")
            print(f"{n:>9,} {executor.description:<34} {elapsed:>9.2f} {n / elapsed:>10,.0f} "
                  f"{n * months / elapsed:>16,.0f} {loop_per_sample_s * n / elapsed:>7,.1f}x {memory:>9}",
                  flush=True)
    print("bar: 100,000 samples in under 60 s on 2 cores; peak MiB is this process (+ finished workers)")


if __name__ == "__main__":
    main()
