"""The fate table at full size: built for a 10,000-sample study, checked on 500 samples it was not built from.

Slow (about 15 minutes of propagation on 2 cores): run with ``pytest -m slow``. The
figures it measured are in docs/design/fate_surrogate.md.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from moonbase.analysis.montecarlo import chunk_params, draw_inputs
from moonbase.orbits.escape import prepare_fate_surrogate, surrogate_check
from moonbase.scenario.loader import load_scenario
from moonbase.scenario.params import timeline_choices

SCENARIO = Path(__file__).parents[2] / "benchmarks" / "alpha-uncertain-launch.toml"
ONE_POINT = 0.01  # the accuracy target: 1 percentage point of any fate fraction


@pytest.mark.slow
def test_500_unseen_samples_are_within_one_point_for_99_percent(tmp_path):
    scenario = load_scenario(str(SCENARIO))
    choices = timeline_choices(scenario)["trajectory"]
    built_for = chunk_params(scenario, draw_inputs(scenario, 10_000, 1), 10_000)
    prepare_fate_surrogate(built_for, choices, cache_dir=tmp_path)
    unseen = chunk_params(scenario, draw_inputs(scenario, 500, 7), 500)  # another seed: not the build's draws
    check = surrogate_check(unseen, choices, cache_dir=tmp_path)
    assert check.error.size == 500
    assert np.mean(check.error <= ONE_POINT) >= 0.99
    assert np.all(check.error_bound <= 0.005)
