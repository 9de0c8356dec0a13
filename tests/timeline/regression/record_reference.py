"""Record the timeline's reference values (a regression file, not a published case).

Run from the repository root:

    .venv/bin/python tests/timeline/regression/record_reference.py

It writes ``reference.npz`` beside this script: for the presets ``alpha``,
``earth-orbit-only`` and ``ground-only``, every numeric column and binding label of a
single run at each step; for a 200-sample Monte Carlo of ``alpha`` with four uncertain
inputs (seed 7), per column the sample mean at each step and every sample's value in
2050, 2075 and 2100, and per label column the count of samples in each code at each
step. ``test_reference_regression.py`` holds the current model to these values, so a
restructuring that should leave results unchanged is checked against them; a model
change that moves them on purpose re-records them with this script in the same commit.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from moonbase.analysis.montecarlo import chunk_params, draw_inputs
from moonbase.scenario.loader import load_scenario, scenario_from_dict
from moonbase.timeline.run import run

HERE = Path(__file__).parent
PRESETS = ("alpha", "earth-orbit-only", "ground-only")
MC_SAMPLES = 200
MC_SEED = 7
MC_YEARS = (2050, 2075, 2100)


def uncertain_alpha():
    """``alpha`` with four uncertain inputs of different kinds (lognormal, triangular, discrete, normal)."""
    return scenario_from_dict({"base": "alpha", "name": "reference-mc", "uncertainty": {
        "lunar.replication_time": {"distribution": "lognormal", "median": "2 yr", "p90": "3.5 yr"},
        "compute.improvement": {"distribution": "triangular", "low": "20 %/yr", "mode": "40 %/yr", "high": "50 %/yr"},
        "lunar.seed_year": {"distribution": "discrete", "values": [2030, 2032, 2034]},
        "launch.payload": {"distribution": "normal", "mean": "100 t", "std": "20 t"},
    }})


def reference_values() -> dict[str, np.ndarray]:
    """The values the regression test compares, keyed ``<case>/<column>[/<reduction>]``."""
    values: dict[str, np.ndarray] = {}
    for preset in PRESETS:
        timeline = run(load_scenario(preset)).timeline
        for name, series in timeline.series.items():
            values[f"{preset}/{name}"] = series[0]
        for name, codes in timeline.labels.items():
            values[f"{preset}/{name}"] = codes[0].astype(np.int16)
    scenario = uncertain_alpha()
    params = chunk_params(scenario, draw_inputs(scenario, MC_SAMPLES, MC_SEED), MC_SAMPLES)
    timeline = run(scenario, samples=MC_SAMPLES, params=params).timeline
    years = timeline.span.step_of_year(np.array(MC_YEARS)) - 1  # the last step of the year before
    for name, series in timeline.series.items():
        values[f"mc/{name}/mean"] = series.mean(axis=0)
        values[f"mc/{name}/years"] = series[:, years]
    for name, codes in timeline.labels.items():
        counts = np.stack([(codes == code).sum(axis=0) for code in range(int(codes.max()) + 1)])
        values[f"mc/{name}/counts"] = counts.astype(np.int32)
    return values


if __name__ == "__main__":
    np.savez_compressed(HERE / "reference.npz", **reference_values())
    print(f"wrote {HERE / 'reference.npz'}")
