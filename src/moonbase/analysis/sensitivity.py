"""Which uncertain inputs decide an output: Sobol indices and a one-at-a-time tornado.

The inputs are the fields with a distribution in ``[uncertainty]``. Both methods work
in probability space and map through each input's inverse CDF, so any marginal
(lognormal, discrete, ...) is handled the same way.

- **Sobol** (global): Saltelli's design and estimators from SALib [1]_,
  ``base_samples x (inputs + 2)`` timeline samples. ``S1`` is the share of the
  output's variance explained by the input alone, ``ST`` the share it takes part in
  (with interactions). Sobol indices assume independent inputs: ``correlations`` are
  ignored here (noted in the result).
- **Tornado** (local): every input at its P10 and P90 with the others at their
  medians, ``2 x inputs + 1`` samples; the bar is the output's swing.

A milestone never reached counts as the year after the horizon (as in the summary).
The inputs that decide the output are those with ``ST >= DECISIVE_ST`` (at least the
largest one).

References
----------
.. [1] J. Herman and W. Usher, "SALib: An open-source Python library for Sensitivity
   Analysis," J. Open Source Softw. 2(9), 97 (2017), doi:10.21105/joss.00097;
   A. Saltelli et al., "Variance based sensitivity analysis of model output. Design and
   estimator for the total sensitivity index," Comput. Phys. Commun. 181, 259-270
   (2010), doi:10.1016/j.cpc.2009.09.018.
"""

from __future__ import annotations

import difflib
import math
import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np

from moonbase.analysis.montecarlo import U_EPS, evaluate, sample_output_names, stacked
from moonbase.errors import ScenarioError
from moonbase.scenario.distributions import resolved_uncertainty
from moonbase.scenario.schema import Scenario

DECISIVE_ST = 0.1  # total-order Sobol index above which an input "decides" the output [-]
TORNADO_QUANTILES = (0.1, 0.9)


@dataclass(frozen=True)
class SensitivityResult:
    """Sobol indices and tornado swings of one output."""

    output: str
    inputs: tuple[str, ...]  # TOML paths
    first_order: dict[str, float]
    first_order_conf: dict[str, float]
    total_order: dict[str, float]
    total_order_conf: dict[str, float]
    tornado: tuple[dict[str, Any], ...]  # sorted by swing, largest first
    base_output: float
    decisive: tuple[str, ...]
    samples: int  # timeline samples evaluated
    notes: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "output": self.output, "inputs": list(self.inputs), "samples": self.samples,
            "sobol": {p: {"S1": self.first_order[p], "S1_conf": self.first_order_conf[p],
                          "ST": self.total_order[p], "ST_conf": self.total_order_conf[p]} for p in self.inputs},
            "tornado": list(self.tornado), "base_output": self.base_output, "decisive": list(self.decisive),
            "notes": list(self.notes), "sentence": self.sentence(),
        }

    def sentence(self) -> str:
        """One line naming the inputs that decide the output."""
        named = ", ".join(f"{p} (ST {self.total_order[p]:.2f})" for p in self.decisive)
        return f"{self.output} is decided by {named}."


def output_values(outputs: dict[str, np.ndarray], name: str, horizon_year: int) -> np.ndarray:
    """One output per sample; milestones never reached count as ``horizon_year + 1``."""
    values = np.asarray(outputs[name], dtype=float)
    if name.startswith("first_year_"):
        values = np.where(np.isnan(values), horizon_year + 1.0, values)
    return values


def check_output(name: str) -> None:
    """Raise a one-line ScenarioError unless ``name`` is a per-sample output."""
    names = sample_output_names()
    if name not in names:
        close = difflib.get_close_matches(name, names, n=1)
        hint = f" Did you mean '{close[0]}'?" if close else ""
        raise ScenarioError(f"--output = {name!r} is not an output; choose one of: {', '.join(names)}.{hint}")


def sensitivity(scenario: Scenario, output: str, base_samples: int = 128, seed: int = 0,
                executor: Any | None = None, progress: Any | None = None) -> SensitivityResult:
    """Sobol indices and a tornado of ``output`` over the scenario's uncertain inputs.

    Parameters
    ----------
    scenario
        A scenario with at least one ``[uncertainty]`` entry.
    output
        A per-sample output (:func:`moonbase.analysis.montecarlo.sample_output_names`).
    base_samples
        Saltelli base sample count N (a power of 2); the model runs N (d + 2) times.
    seed
        Seed of the Sobol sequence scrambling and of the bootstrap confidence intervals.
    """
    from SALib.analyze import sobol as sobol_analyze
    from SALib.sample import sobol as sobol_sample

    check_output(output)
    resolved = resolved_uncertainty(scenario)
    paths = tuple(resolved)
    if not paths:
        raise ScenarioError(f"scenario '{scenario.name}' has no [uncertainty] table; sensitivity needs at least "
                            "one field with a distribution.")
    if base_samples < 2 or base_samples & (base_samples - 1):
        raise ScenarioError(f"--samples = {base_samples} is not a power of 2; expected 64, 128, 256, ... "
                            "(the Sobol sequence needs it).")
    horizon = scenario.span.end_year
    d = len(paths)
    problem = {"num_vars": d, "names": list(paths), "bounds": [[0.0, 1.0]] * d}
    u = np.clip(sobol_sample.sample(problem, base_samples, calc_second_order=False, seed=seed), U_EPS, 1 - U_EPS)
    median = np.full(d, 0.5)
    oat = [median]
    for i in range(d):
        for q in TORNADO_QUANTILES:
            row = median.copy()
            row[i] = q
            oat.append(row)
    design = np.vstack([u, np.array(oat)])
    draws = {p: resolved[p].ppf(design[:, i]) for i, p in enumerate(paths)}
    outcomes = evaluate(scenario, draws, design.shape[0], executor, progress=progress)
    y = output_values(stacked(outcomes, "outputs"), output, horizon)
    y_sobol, y_oat = y[:u.shape[0]], y[u.shape[0]:]
    notes = []
    if scenario.correlations:
        notes.append("Sobol indices assume independent inputs; the scenario's correlations were ignored.")
    if np.ptp(y_sobol) == 0.0:
        notes.append(f"{output} is the same ({y_sobol[0]:g}) in every sample: no input moves it.")
        zeros = {p: 0.0 for p in paths}
        s1 = st = s1c = stc = zeros
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            indices = sobol_analyze.analyze(problem, y_sobol, calc_second_order=False, seed=seed)
        s1, s1c, st, stc = ({p: _finite(indices[key][i]) for i, p in enumerate(paths)}
                            for key in ("S1", "S1_conf", "ST", "ST_conf"))
    tornado = []
    for i, p in enumerate(paths):
        low, high = y_oat[1 + 2 * i], y_oat[2 + 2 * i]
        target = resolved[p].target
        low_si, high_si = float(draws[p][u.shape[0] + 1 + 2 * i]), float(draws[p][u.shape[0] + 2 + 2 * i])
        tornado.append({"input": p, "unit": target.unit, "input_low_si": low_si, "input_high_si": high_si,
                        "input_low": target.show(low_si), "input_high": target.show(high_si),
                        "output_low": float(low), "output_high": float(high), "swing": float(abs(high - low))})
    tornado.sort(key=lambda row: -row["swing"])
    ranked = sorted(paths, key=lambda p: -st[p])
    decisive = tuple(p for p in ranked if st[p] >= DECISIVE_ST) or (
        (ranked[0],) if st[ranked[0]] > 0 else (tornado[0]["input"],) if tornado[0]["swing"] > 0 else ())
    return SensitivityResult(output, paths, s1, s1c, st, stc, tuple(tornado), float(y_oat[0]), decisive,
                             int(design.shape[0]), tuple(notes))


def _finite(value: float) -> float:
    return float(value) if math.isfinite(float(value)) else 0.0
