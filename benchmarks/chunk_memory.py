"""Benchmark: reusing a chunk's freed memory vs handing it back to the OS, side by side.

A Monte Carlo chunk allocates and frees a few hundred MB of ``(samples, steps)`` arrays.
This script runs the same allocation pattern (``--rounds`` rounds of ``--arrays``
arrays of ``--samples`` x 900 months, each written once) in three child processes:

1. glibc's defaults;
2. ``MALLOC_TRIM_THRESHOLD_=65536``, as Dask's nanny sets it for every worker;
3. the same environment, then :func:`moonbase.execution.memory.retain_freed_memory`
   (what :func:`moonbase.analysis.montecarlo.simulate_chunk` calls).

It prints wall time and the ratio to case 3. Run:
`.venv/bin/python benchmarks/chunk_memory.py [--rounds 40] [--arrays 100] [--samples 250]`.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

CHILD = """
import sys, time
import numpy as np
rounds, arrays, samples, retain = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "1"
if retain:
    from moonbase.execution.memory import retain_freed_memory
    retain_freed_memory()
start = time.perf_counter()
for _ in range(rounds):
    chunk = [np.empty((samples, 900)) for _ in range(arrays)]
    for a in chunk:
        a.fill(1.0)
    del chunk
print(time.perf_counter() - start)
"""


def timed(args, env_extra, retain):
    env = {**os.environ, **env_extra}
    out = subprocess.run([sys.executable, "-c", CHILD, str(args.rounds), str(args.arrays), str(args.samples),
                          "1" if retain else "0"], env=env, capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--arrays", type=int, default=100)
    parser.add_argument("--samples", type=int, default=250)
    args = parser.parse_args()
    dask = {"MALLOC_TRIM_THRESHOLD_": "65536"}
    cases = [("glibc defaults", {}, False), ("Dask nanny's MALLOC_TRIM_THRESHOLD_", dask, False),
             ("Dask's setting + retain_freed_memory", dask, True)]
    times = [(name, timed(args, env, retain)) for name, env, retain in cases]
    reference = times[-1][1]
    mb = args.rounds * args.arrays * args.samples * 900 * 8 / 1e6
    print(f"{args.rounds} rounds x {args.arrays} arrays of {args.samples} x 900 float64 ({mb:,.0f} MB written)")
    for name, seconds in times:
        print(f"{name:<40} {seconds:7.2f} s  {seconds / reference:5.1f}x")


if __name__ == "__main__":
    main()
