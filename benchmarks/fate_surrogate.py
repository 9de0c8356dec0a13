"""Benchmark: a 10,000-sample Monte Carlo with the propagated escape model, fate table vs direct propagation.

The scenario (``benchmarks/alpha-uncertain-launch.toml``) is `alpha` with
``trajectory.escape_model = "propagated"`` (256 payloads per sample fired across a year,
120 days each) and four uncertain launch inputs: exit speed, elevation, exit-speed
dispersion and angle dispersion, so every sample has its own ensemble. It prints, side by side:

- the fate table's build for the draws (tiles, lattice nodes, wall time), reported apart;
- the escape fractions of all samples read from the table (with the payloads it had to
  propagate directly), and the whole Monte Carlo (`run_montecarlo`, timeline included);
- direct propagation of the first ``--direct`` samples' ensembles, timed and extrapolated
  to all samples, and the surrogate's error on them;
- the build amortised over runs of the same study.

Run: `nice -n 10 .venv/bin/python benchmarks/fate_surrogate.py [--samples 10000] [--direct 100]
[--cache-dir DIR] [--cluster local]` (without --cache-dir the user's cache is used, so a
second run reads the table the first built).
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import numpy as np

from moonbase.analysis.montecarlo import chunk_params, draw_inputs, run_montecarlo
from moonbase.execution.executor import open_executor
from moonbase.orbits.escape import (
    prepare_fate_surrogate,
    propagated_fate_fractions,
    sample_fate_fractions,
)
from moonbase.orbits.fate_surrogate import CACHE_DIR_ENV, fate_cache_dir
from moonbase.scenario.loader import load_scenario
from moonbase.scenario.params import timeline_choices

SCENARIO = Path(__file__).with_name("alpha-uncertain-launch.toml")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=10_000)
    parser.add_argument("--direct", type=int, default=100, help="samples propagated directly (extrapolated)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cache-dir", type=Path, default=None, help="fate-table folder (default: the user's cache)")
    parser.add_argument("--cluster", default=None, help="'local' for a Dask cluster on this machine, or an address")
    args = parser.parse_args()
    if args.cache_dir is not None:
        os.environ[CACHE_DIR_ENV] = str(args.cache_dir)
    scenario = load_scenario(str(SCENARIO))
    choices = timeline_choices(scenario)["trajectory"]
    draws = draw_inputs(scenario, args.samples, args.seed)
    params = chunk_params(scenario, draws, args.samples)
    print(f"{scenario.name}: {args.samples} samples, {scenario.trajectory.count} payloads each, "
          f"{scenario.trajectory.duration_s / 86400:.0f} d propagated; fate tables in {fate_cache_dir()}")

    with open_executor(args.cluster) as executor:
        start = time.perf_counter()
        tiles = prepare_fate_surrogate(params, choices, executor)
        build_s = time.perf_counter() - start
    print(f"build: {tiles} new tiles in {build_s:.1f} s on {executor.description}")

    start = time.perf_counter()
    fractions, table = sample_fate_fractions(params, choices)
    table_s = time.perf_counter() - start
    phi = np.array([f["heliocentric"] for f in fractions])
    print(f"escape fractions from the table: {table_s:.1f} s for {args.samples} samples "
          f"({table['payloads_propagated_directly']} payloads propagated directly, fates learned before not counted; "
          f"largest remaining error bound {100 * table['max_error_bound']:.2f} pp)")

    start = time.perf_counter()
    run_montecarlo(scenario, args.samples, args.seed)
    montecarlo_s = time.perf_counter() - start
    print(f"whole Monte Carlo (timeline included, table built): {montecarlo_s:.1f} s")

    n = min(args.direct, args.samples)
    sub = {name: values[:n] for name, values in params.items()}
    propagated_fate_fractions.cache_clear()
    start = time.perf_counter()
    direct = np.array([dict(propagated_fate_fractions(*(float(sub["mass_driver." + k][i]) for k in (
        "latitude_rad", "longitude_rad", "height_m", "azimuth_rad", "elevation_rad", "exit_speed_m_s")),
        choices["epoch"], float(sub["trajectory.window_s"][i]), int(sub["trajectory.count"][i]),
        float(sub["trajectory.duration_s"][i]), float(sub["trajectory.speed_sigma_m_s"][i]),
        float(sub["trajectory.angle_sigma_rad"][i]), int(sub["trajectory.seed"][i])))["heliocentric"]
        for i in range(n)])
    direct_s = time.perf_counter() - start
    extrapolated_s = direct_s * args.samples / n
    error_pp = 100 * np.abs(direct - phi[:n])
    print(f"direct propagation: {direct_s:.1f} s for {n} samples -> {extrapolated_s:.0f} s "
          f"({extrapolated_s / 3600:.2f} h) extrapolated to {args.samples}")
    print(f"escape-fraction error on those {n}: max {error_pp.max():.2f} pp, "
          f"P99 {np.percentile(error_pp, 99):.2f} pp, within 1 pp: {np.mean(error_pp <= 1.0):.1%}")
    print()
    print(f"{'':32s}{'fate table':>14s}{'direct':>14s}")
    print(f"{'escape fractions, all samples':32s}{table_s:>13.1f}s{extrapolated_s:>13.0f}s")
    print(f"{'speed-up (table built)':32s}{extrapolated_s / max(table_s, 1e-9):>13.0f}x")
    for runs in (1, 3, 10):
        amortised = table_s + build_s / runs
        print(f"{'with the build over ' + str(runs) + ' run(s)':32s}{amortised:>13.1f}s"
              f"{extrapolated_s:>13.0f}s  ({extrapolated_s / amortised:.1f}x)")


if __name__ == "__main__":
    main()
