"""Published validation cases, shipped with the package as TOML files under ``validation/data/``.

Each file holds one or more ``[[case]]`` tables::

    [[case]]
    id = "solar-flux-mars-nasa-fact-sheet"
    kind = "reproduction"                          # reproduction | definition | regression
    source_kind = "agency"                         # see SOURCE_KINDS
    model = "moonbase.physics.solar_flux:solar_flux_w_m2"   # module:function
    source = "D. R. Williams, Mars Fact Sheet, NASA NSSDCA, 2024: 586.2 W/m2"
    quantity = "solar irradiance at Mars's semi-major axis"
    inputs = { distance_m = "1.52366231 AU" }     # keyword arguments of the model
    expected = "586.2 W/m2"                        # value with unit, or a number
    rel_tolerance = 0.001                          # and/or abs_tolerance = "1 W/m2"
    tolerance_note = "the fact sheet gives four digits"
    output = "power_w"                             # optional: key/attribute of the result

Input strings with units are converted to SI floats (the models' convention); bare
numbers are passed as they are (SI already, or dimensionless). The same cases run in
the test suite and in ``moonbase validate``.

``kind`` says what a case is evidence of:

- ``reproduction``: a published result computed by our model from published inputs.
  Only these count as validation; each needs a primary source (``source_kind`` in
  :data:`PRIMARY_SOURCE_KINDS`).
- ``definition``: a formula, a constant or an input read back (a check that the code
  says what the documentation says, not evidence that the model is right).
- ``regression``: a figure of moonbase's own, kept so that a change shows up.

A case may compare a trajectory instead of one value: ``times`` lists the points in time
(durations since the model's own origin, with units) and ``expected`` one published value
per time. The model is then called with ``times_s`` (SI array) besides its inputs and
returns one value per time; every point must lie within the tolerance, and the case's
relative error is the largest over the points::

    times = ["0 yr", "12 yr"]
    expected = ["7.675 t", "40000 t"]

A case may carry ``expected_failure = "why"``: a published figure we do not reproduce.
It is evaluated like the others, reported apart, and an error if it starts passing
(a strict expected failure: the note must then be revisited).
"""

from __future__ import annotations

import importlib
import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import astropy.units as u
import numpy as np

from moonbase.errors import ScenarioError
from moonbase.scenario import units as _units  # noqa: F401  (registers USD and FLOP)

DEFAULT_CASE_DIR = Path(__file__).resolve().parent / "data"

KINDS = ("reproduction", "definition", "regression")
"""What a case is evidence of; the headline count is reproductions."""

PRIMARY_SOURCE_KINDS = {
    "paper": "peer-reviewed article, conference paper or preprint by the authors of the result",
    "book": "textbook, handbook or reference book (edition and table or page)",
    "standard": "standard or resolution of a standards body (IAU, ISO, CCSDS)",
    "agency": "report, fact sheet or data release of the agency that made the measurement or study",
    "report": "report of the firm or laboratory that made the study (edition and page)",
    "datasheet": "manufacturer's data sheet of the hardware",
    "manual": "the vendor's own documentation of a function it ships (worked example)",
    "software": "a published model's own code or documentation at a named version (peer-model runs)",
}
"""Source kinds a reproduction may cite: the original publication of the figure."""

SECONDARY_SOURCE_KINDS = {
    "author-web": "the author's own web essay (original, not reviewed)",
    "secondary": "a restatement of someone else's figure (news, encyclopedia, summary)",
    "project": "moonbase's own figure or reference list",
}
"""Source kinds allowed for definitions and regressions only."""


@dataclass(frozen=True)
class ValidationCase:
    """One published case: a model call, the published value and its tolerance."""

    id: str
    model: str
    source: str
    quantity: str
    inputs: dict[str, Any]
    expected: float
    rel_tolerance: float = 0.0
    abs_tolerance: float = 0.0
    tolerance_note: str = ""
    output: str = ""
    file: str = ""
    expected_text: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    kind: str = "reproduction"
    source_kind: str = "paper"
    expected_failure: str = ""
    times_s: tuple[float, ...] = ()  # a trajectory case: the published points' times [s]
    expected_points: tuple[float, ...] = ()  # ... and their values (``expected`` is the last)

    @property
    def is_trajectory(self) -> bool:
        """True when the case compares several points in time, not one value."""
        return bool(self.times_s)


@dataclass(frozen=True)
class CaseResult:
    """The outcome of evaluating one case."""

    case: ValidationCase
    obtained: float  # at the last point of a trajectory case
    obtained_points: tuple[float, ...] = ()  # a trajectory case: one value per published point

    def _pairs(self) -> list[tuple[float, float]]:
        if self.case.is_trajectory:
            return list(zip(self.obtained_points, self.case.expected_points, strict=True))
        return [(self.obtained, self.case.expected)]

    @property
    def error(self) -> float:
        return self.obtained - self.case.expected

    @property
    def relative_error(self) -> float:
        """|obtained - expected| / |expected|; for a trajectory, the largest over its points."""
        return max(abs(o - e) / abs(e) if e else math.inf for o, e in self._pairs())

    @property
    def passed(self) -> bool:
        """Every point within ``max(abs_tolerance, rel_tolerance x |expected|)``."""
        return all(abs(o - e) <= max(self.case.abs_tolerance, self.case.rel_tolerance * abs(e))
                   for o, e in self._pairs())


def _to_si(value: Any, where: str) -> Any:
    if isinstance(value, str):
        try:
            quantity = u.Quantity(value)
        except (TypeError, ValueError):
            return value  # a plain string argument (e.g. a model name)
        return float(quantity.to_value(_units.si_unit(quantity.unit.to_string())))
    if isinstance(value, list):
        return np.array([_to_si(v, where) for v in value])
    if isinstance(value, dict):
        return {k: _to_si(v, f"{where}.{k}") for k, v in value.items()}
    return value


def _check_kinds(raw: dict[str, Any], where: str) -> None:
    kind = raw.get("kind")
    if kind not in KINDS:
        raise ScenarioError(f"{where}.kind = {kind!r} is not a case kind; choose one of: {', '.join(KINDS)}.")
    source_kind = raw.get("source_kind")
    allowed = PRIMARY_SOURCE_KINDS if kind == "reproduction" else {**PRIMARY_SOURCE_KINDS, **SECONDARY_SOURCE_KINDS}
    if source_kind not in allowed:
        hint = (" A reproduction needs a primary source; a figure read only in a restatement is not one."
                if source_kind in SECONDARY_SOURCE_KINDS else "")
        raise ScenarioError(f"{where}.source_kind = {source_kind!r} is not allowed for a {kind}; "
                            f"choose one of: {', '.join(allowed)}.{hint}")


def _trajectory(raw: dict[str, Any], where: str) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """``(times_s, expected_points)`` of a trajectory case, or ``((), ())`` for a one-value case."""
    times, expected = raw.get("times"), raw["expected"]
    if times is None and not isinstance(expected, list):
        return (), ()
    if not isinstance(times, list) or not isinstance(expected, list) or len(times) != len(expected) or len(times) < 2:
        raise ScenarioError(f"{where}.times = {times!r} with expected = {expected!r}: a trajectory case needs "
                            "`times` and `expected` as lists of the same length, at least 2 points.")
    times_s = tuple(float(_to_si(t, f"{where}.times")) for t in times)
    if any(b <= a for a, b in zip(times_s, times_s[1:])):
        raise ScenarioError(f"{where}.times = {times!r} must increase.")
    return times_s, tuple(float(_to_si(v, f"{where}.expected")) for v in expected)


def load_cases(directory: Path | None = None) -> list[ValidationCase]:
    """Read every ``*.toml`` case file below ``directory`` (sorted by path)."""
    root = Path(directory) if directory is not None else DEFAULT_CASE_DIR
    cases: list[ValidationCase] = []
    seen: set[str] = set()
    for path in sorted(root.rglob("*.toml")):
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        for index, raw in enumerate(data.get("case", [])):
            where = f"{path.name}: case[{index}]"
            missing = [k for k in ("id", "model", "source", "inputs", "expected") if k not in raw]
            if missing:
                raise ScenarioError(f"{where} is missing {', '.join(missing)}.")
            if raw["id"] in seen:
                raise ScenarioError(f"{where}.id = {raw['id']!r} is used twice; ids must be unique.")
            seen.add(raw["id"])
            if "rel_tolerance" not in raw and "abs_tolerance" not in raw:
                raise ScenarioError(f"{where} has no rel_tolerance or abs_tolerance.")
            _check_kinds(raw, where)
            times_s, points = _trajectory(raw, where)
            known = {
                "id", "model", "source", "quantity", "inputs", "expected", "rel_tolerance",
                "abs_tolerance", "tolerance_note", "output", "kind", "source_kind", "expected_failure",
                "times",
            }
            cases.append(
                ValidationCase(
                    id=raw["id"],
                    model=raw["model"],
                    source=raw["source"],
                    quantity=raw.get("quantity", ""),
                    inputs={k: _to_si(v, f"{where}.inputs.{k}") for k, v in raw["inputs"].items()},
                    expected=points[-1] if points else float(_to_si(raw["expected"], f"{where}.expected")),
                    rel_tolerance=float(raw.get("rel_tolerance", 0.0)),
                    abs_tolerance=float(_to_si(raw.get("abs_tolerance", 0.0), f"{where}.abs_tolerance")),
                    tolerance_note=raw.get("tolerance_note", ""),
                    output=raw.get("output", ""),
                    file=str(path.relative_to(root)),
                    expected_text=str(raw["expected"]),
                    extra={k: v for k, v in raw.items() if k not in known},
                    kind=raw["kind"],
                    source_kind=raw["source_kind"],
                    expected_failure=raw.get("expected_failure", ""),
                    times_s=times_s,
                    expected_points=points,
                )
            )
    return cases


def _resolve(model: str):
    module_name, _, attribute = model.partition(":")
    target: Any = importlib.import_module(module_name)
    for part in attribute.split("."):
        target = getattr(target, part)
    return target


def _pick(result: Any, output: str) -> Any:
    for part in filter(None, output.split(".")):
        if isinstance(result, dict):
            result = result[part]
        elif part.isdigit():
            result = result[int(part)]
        else:
            result = getattr(result, part)
    return result


def _select(result: Any, output: str) -> float:
    return float(np.asarray(_pick(result, output), dtype=float))


def evaluate_case(case: ValidationCase) -> CaseResult:
    """Call the case's model with its inputs and compare with the published value (or points)."""
    function = _resolve(case.model)
    if not case.is_trajectory:
        return CaseResult(case=case, obtained=_select(function(**case.inputs), case.output))
    values = np.asarray(_pick(function(**case.inputs, times_s=np.asarray(case.times_s)), case.output), dtype=float)
    if values.shape != (len(case.times_s),):
        raise ValueError(f"{case.id}: the model returned shape {values.shape} for {len(case.times_s)} times.")
    return CaseResult(case=case, obtained=float(values[-1]), obtained_points=tuple(float(v) for v in values))
