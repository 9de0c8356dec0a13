"""Benchmark: the `alpha` preset through 2100, 1 sample vs 10,000 samples, side by side.

Prints wall time, samples per second, sample-months per second, and peak traced memory
(numpy allocations are traced by tracemalloc) for:
  1. one sample (the interactive case),
  2. a per-sample Python loop (20 single-sample runs, extrapolated per sample),
  3. 10,000 samples in one vectorised call,
  4. 10,000 samples in chunks of 1,000 (bounded memory).
Run: `.venv/bin/python benchmarks/timeline.py [--samples N] [--chunk C]`.
"""

from __future__ import annotations

import argparse
import time
import tracemalloc

import numpy as np

from moonbase.scenario.loader import load_scenario
from moonbase.scenario.params import timeline_params
from moonbase.timeline.run import span_of
from moonbase.timeline.system import simulate


def measure(function):
    """Wall time of one call, then peak traced memory of a second call.

    tracemalloc slows numpy's many small allocations several-fold, so time and memory
    are measured in separate calls.
    """
    start = time.perf_counter()
    result = function()
    elapsed = time.perf_counter() - start
    tracemalloc.start()
    function()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return result, elapsed, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=10_000)
    parser.add_argument("--chunk", type=int, default=1_000)
    parser.add_argument("--loop", type=int, default=20, help="single-sample runs in the Python-loop baseline")
    args = parser.parse_args()

    scenario = load_scenario("alpha")
    span = span_of(scenario)
    months = span.steps
    simulate(timeline_params(scenario, 1), span)  # warm caches and imports

    single_times = []
    for _ in range(5):
        _, elapsed, single_peak = measure(lambda: simulate(timeline_params(scenario, 1), span))
        single_times.append(elapsed)
    single = float(np.median(single_times))

    start = time.perf_counter()
    for _ in range(args.loop):
        simulate(timeline_params(scenario, 1), span)
    loop_elapsed = time.perf_counter() - start
    loop_per_sample = loop_elapsed / args.loop

    batch, batch_elapsed, batch_peak = measure(lambda: simulate(timeline_params(scenario, args.samples), span))
    reference = batch.series["deep_space_compute_power_w"][:, -1]

    def chunked():
        ends = []
        for start in range(0, args.samples, args.chunk):
            n = min(args.chunk, args.samples - start)
            ends.append(simulate(timeline_params(scenario, n), span).series["deep_space_compute_power_w"][:, -1])
        return np.concatenate(ends)

    chunk_result, chunk_elapsed, chunk_peak = measure(chunked)
    np.testing.assert_allclose(chunk_result, reference, rtol=0)  # chunking changes nothing

    rows = [
        ("1 sample", 1, single, single_peak),
        (f"python loop ({args.loop} x 1, per sample)", 1, loop_per_sample, float("nan")),
        (f"{args.samples:,} samples, one call", args.samples, batch_elapsed, batch_peak),
        (f"{args.samples:,} samples, chunks of {args.chunk:,}", args.samples, chunk_elapsed, chunk_peak),
    ]
    print(f"alpha preset, {span.start_year}-{span.end_year}, {months} monthly steps")
    print(f"{'case':<40} {'time [s]':>10} {'samples/s':>12} {'sample-months/s':>16} {'peak MiB':>10}")
    for name, n, elapsed, peak in rows:
        print(f"{name:<40} {elapsed:>10.3f} {n / elapsed:>12,.0f} {n * months / elapsed:>16,.0f} "
              f"{peak / 2**20:>10.1f}")
    print(f"vectorised speed-up over the per-sample loop: {loop_per_sample * args.samples / batch_elapsed:,.0f}x "
          f"(one call), {loop_per_sample * args.samples / chunk_elapsed:,.0f}x (chunked)")
    print(f"peak memory per sample, one call: {batch_peak / args.samples / 2**10:,.1f} KiB")


if __name__ == "__main__":
    main()
