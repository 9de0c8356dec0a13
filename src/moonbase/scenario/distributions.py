"""Uncertain inputs: the ``[uncertainty]`` and ``correlations`` tables of a scenario.

Any numeric scenario field may be given a distribution, keyed by the field's dotted
TOML path; parameters carry units like the field itself and are parsed with the same
:class:`~moonbase.scenario.fields.Quantity` metadata::

    [uncertainty."lunar.replication_time"]
    distribution = "lognormal"
    median = "2 yr"
    p90 = "3.5 yr"

    [uncertainty."mass_driver.exit_speed"]
    distribution = "uniform"
    low = "2.55 km/s"
    high = "2.8 km/s"

    [[correlations]]
    a = "lunar.replication_time"
    b = "compute.improvement"
    rho = -0.5

Parameterisations (every value in the field's unit):

=============  ==========================  =============================================
distribution   parameters                  meaning
=============  ==========================  =============================================
normal         ``mean``, ``std``           Gaussian; ``std > 0``
lognormal      ``median``, ``p90``         ``ln X`` Gaussian; ``p90 > median > 0``
uniform        ``low``, ``high``           flat on ``[low, high]``, ``low < high``
triangular     ``low``, ``mode``, ``high`` ``low <= mode <= high``, ``low < high``
discrete       ``values``, ``weights``     options with weights (default: equal)
=============  ==========================  =============================================

Normal and lognormal draws are truncated to the field's valid range (an efficiency
stays in (0, 1]); the bounded distributions must lie inside it. ``rho`` in
``correlations`` is the Spearman rank correlation of the two inputs; draws use a
Gaussian copula whose normal-score correlation is ``2 sin(pi rho / 6)`` (exact for the
copula, any marginals). Compound ``%/yr`` rates are sampled in ``%/yr`` and converted
to continuous rates afterwards, exactly as for fixed values. Integer fields (years)
are sampled as real numbers; the timeline rounds them to its time step. The span
(``span.*``) sets the time axis and cannot be uncertain. Sampling itself lives in
:mod:`moonbase.analysis.montecarlo`; see ``docs/design/uncertainty.md``.
"""

from __future__ import annotations

import difflib
import functools
import math
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError
from pydantic_core import PydanticCustomError, core_schema
from scipy.special import ndtr, ndtri

from moonbase.errors import ScenarioError
from moonbase.scenario.fields import Quantity
from moonbase.scenario.units import finite_number, format_quantity, parse_quantity, si_unit, unit

#: Standard normal quantile at 0.9: lognormal sigma = ln(p90 / median) / Z90 [-].
Z90 = float(ndtri(0.9))
DISTRIBUTIONS = ("normal", "lognormal", "uniform", "triangular", "discrete")
FIXED_SECTIONS = ("span",)  # fields that shape the time axis


Raw = Any  # a parameter as written ("2 yr", 0.9, 2035); checked against the field by resolve()


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Normal(_Spec):
    """Gaussian with ``mean`` and standard deviation ``std`` (truncated to the valid range)."""

    distribution: Literal["normal"]
    mean: Raw
    std: Raw


class LogNormal(_Spec):
    """Lognormal given by its ``median`` and 90th percentile ``p90``."""

    distribution: Literal["lognormal"]
    median: Raw
    p90: Raw


class Uniform(_Spec):
    """Flat between ``low`` and ``high``."""

    distribution: Literal["uniform"]
    low: Raw
    high: Raw


class Triangular(_Spec):
    """Triangular with ``low``, ``mode`` and ``high``."""

    distribution: Literal["triangular"]
    low: Raw
    mode: Raw
    high: Raw


class Discrete(_Spec):
    """A list of options, each with a weight (equal weights when omitted)."""

    distribution: Literal["discrete"]
    values: list[Raw] = Field(min_length=1)
    weights: list[float] | None = None


DistributionSpec = Annotated[Union[Normal, LogNormal, Uniform, Triangular, Discrete],
                             Field(discriminator="distribution")]
_SPEC = TypeAdapter(DistributionSpec)
_SPEC_BY_NAME = {"normal": Normal, "lognormal": LogNormal, "uniform": Uniform, "triangular": Triangular,
                 "discrete": Discrete}


class Correlation(BaseModel):
    """Rank correlation ``rho`` between two uncertain inputs ``a`` and ``b`` (TOML paths)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    a: str
    b: str
    rho: float = Field(ge=-1.0, le=1.0)


# --- the target field of a path ---------------------------------------------------------


@dataclass(frozen=True)
class FieldTarget:
    """A numeric scenario field found by its dotted TOML path.

    ``attribute`` is the dotted Python attribute path (SI unit in the name), the key of
    :func:`moonbase.scenario.params.timeline_params`; ``low_si``/``high_si`` bound the
    valid range in SI (``open_low``/``open_high`` when the bound itself is excluded).
    """

    path: str
    attribute: str
    unit: str
    integer: bool
    low_si: float
    high_si: float
    open_low: bool
    open_high: bool
    range_text: str

    def parse(self, value: Any, where: str) -> float:
        """A written value (``"2 yr"``, ``0.9``, ``2035``) in SI, without the range check."""
        if self.integer:
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise ScenarioError(f"{where} = {_shown(value)} is not a number; {self.path} is a plain number "
                                    f"(a year or a count), for example {_example(self)}.")
            return finite_number(float(value), _shown(value), where)
        return parse_quantity(value, self.unit, where)

    def show(self, value_si: float, digits: int = 4) -> str:
        """``value_si`` in the field's display unit with ``digits`` significant digits (``"2.6 km/s"``)."""
        if self.integer or not self.unit:
            return f"{value_si if self.integer else format_quantity(value_si, self.unit):.{digits}g}"
        number, _, unit_text = str(format_quantity(value_si, self.unit)).partition(" ")
        return f"{float(number):.{digits}g} {unit_text}"

    def inside(self, value_si: float) -> bool:
        """True when ``value_si`` lies in the field's valid range."""
        slack = 1e-12 * max(1.0, abs(value_si))
        above = value_si > self.low_si - slack if self.open_low else value_si >= self.low_si - slack
        below = value_si < self.high_si + slack if self.open_high else value_si <= self.high_si + slack
        if self.open_low and self.low_si == 0.0:
            above = value_si > 0.0
        return bool(above and below)


def _example(target: FieldTarget) -> str:
    return "2035" if target.integer else (f'"1 {target.unit}"' if target.unit else "0.5")


def _shown(value: Any) -> str:
    return f'"{value}"' if isinstance(value, str) else repr(value)


def _to_si(value_display: float, display_unit: str) -> float:
    if not display_unit:
        return float(value_display)
    return float((value_display * unit(display_unit)).to_value(si_unit(display_unit)))


def _leaves(model: type[BaseModel], prefix: str = "", attr_prefix: str = ""):
    for name, info in model.model_fields.items():
        key, attr = prefix + (info.alias or name), attr_prefix + name
        annotation = info.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            yield from _leaves(annotation, key + ".", attr + ".")
        else:
            yield key, attr, info


def _numeric_paths(model: type[BaseModel]) -> list[str]:
    return [key for key, _, info in _leaves(model) if _target_kind(info) is not None
            and key.split(".")[0] not in FIXED_SECTIONS]


def _target_kind(info: Any) -> str | None:
    if any(isinstance(m, Quantity) for m in info.metadata) and info.annotation is float:
        return "quantity"
    if info.annotation is int:
        return "integer"
    return None


@functools.lru_cache(maxsize=4)
def _leaf_index(model) -> dict:
    """TOML path -> (attribute, field info) of every leaf of ``model`` (the schema does not change)."""
    return {key: (attr, info) for key, attr, info in _leaves(model)}


def model_field_target(model: type[BaseModel], path: str, where: str | None = None) -> FieldTarget:
    """The numeric field of scenario ``model`` at dotted TOML ``path`` (``"lunar.replication_time"``).

    Parameters
    ----------
    model : type[pydantic.BaseModel]
        The scenario model whose fields the path names (``moonbase.scenario.schema.Scenario``;
        :func:`moonbase.scenario.field_paths.field_target` passes it).
    path : str
        Dotted TOML path of the field.
    where : str, optional
        What to name in error messages (default: ``path``).

    Returns
    -------
    FieldTarget
        The field's attribute path, unit and valid range in SI.

    Raises
    ------
    ScenarioError
        When no field has that path, or it is a table, a switch, a list or text.
    """
    where = where or path
    found = _leaf_index(model)
    if path not in found:
        tables = {key.rsplit(".", 1)[0] for key in found if "." in key}
        if path in tables:
            raise ScenarioError(f"{where} names the table [{path}]; expected a numeric field such as "
                                f"{next(k for k in _numeric_paths(model) if k.startswith(path + '.'))!r}.")
        close = difflib.get_close_matches(path, _numeric_paths(model), n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise ScenarioError(f"{where} names no scenario field ({path!r} is unknown); expected a dotted path "
                            f"such as 'lunar.replication_time' (see moonbase scenario show alpha).{hint}")
    attr, info = found[path]
    kind = _target_kind(info)
    if kind is None:
        what = getattr(info.annotation, "__name__", str(info.annotation))
        raise ScenarioError(f"{where}: {path} is not a numeric field (it is a {what}); distributions and "
                            "sweeps of numbers apply only to numeric fields.")
    if path.split(".")[0] in FIXED_SECTIONS:
        raise ScenarioError(f"{where}: {path} sets the time axis and cannot vary between samples; "
                            "expected a field outside [span].")
    if kind == "integer":
        low = float(next((m.ge for m in info.metadata if hasattr(m, "ge")), -math.inf))
        high = float(next((m.le for m in info.metadata if hasattr(m, "le")), math.inf))
        return FieldTarget(path, attr, "", True, low, high, False, False, f"[{low:g}, {high:g}]")
    q = next(m for m in info.metadata if isinstance(m, Quantity))
    low = q.ge if q.ge is not None else q.gt
    high = q.le if q.le is not None else q.lt
    return FieldTarget(
        path, attr, q.unit, False,
        _to_si(low, q.unit) if low is not None else -math.inf,
        _to_si(high, q.unit) if high is not None else math.inf,
        q.gt is not None, q.lt is not None, q.describe_range())


# --- resolved distributions (SI, ready to sample) ----------------------------------------


@dataclass(frozen=True)
class Resolved:
    """A distribution with its parameters in SI and its target field.

    :meth:`ppf` maps uniform ``u`` in (0, 1) to SI values of the field (the inverse
    cumulative distribution, truncated to the field's valid range where it applies).
    """

    target: FieldTarget
    kind: str
    params: tuple[float, ...]
    weights: tuple[float, ...] = ()

    def ppf(self, u: np.ndarray) -> np.ndarray:
        """Inverse CDF: uniform ``u`` [-] -> field values [SI unit of the field]."""
        u = np.asarray(u, dtype=float)
        t = self.target
        if self.kind == "normal":
            mean, std = self.params
            a, b = ndtr((t.low_si - mean) / std), ndtr((t.high_si - mean) / std)
            x = mean + std * ndtri(a + u * (b - a))
        elif self.kind == "lognormal":
            median, p90 = self.params
            sigma = math.log(p90 / median) / Z90
            low = max(t.low_si, 0.0)
            a = ndtr((math.log(low) - math.log(median)) / sigma) if low > 0.0 else 0.0
            b = ndtr((math.log(t.high_si) - math.log(median)) / sigma) if math.isfinite(t.high_si) else 1.0
            x = median * np.exp(sigma * ndtri(a + u * (b - a)))
        elif self.kind == "uniform":
            low, high = self.params
            x = low + u * (high - low)
        elif self.kind == "triangular":
            low, mode, high = self.params
            split = (mode - low) / (high - low)
            rising = low + np.sqrt(u * (high - low) * (mode - low))
            falling = high - np.sqrt((1.0 - u) * (high - low) * (high - mode))
            x = np.where(u < split, rising, falling)
        else:  # discrete
            cumulative = np.cumsum(self.weights) / np.sum(self.weights)
            index = np.minimum(np.searchsorted(cumulative, u, side="right"), len(self.params) - 1)
            x = np.asarray(self.params)[index]
        # open bounds (> 0) exclude the bound itself; the copula can reach it by round-off
        low = np.nextafter(t.low_si, math.inf) if t.open_low else t.low_si
        high = np.nextafter(t.high_si, -math.inf) if t.open_high else t.high_si
        return np.clip(x, low, high)

    def median_si(self) -> float:
        """The distribution's median [SI]."""
        return float(self.ppf(np.array([0.5]))[0])


def _error(message: str) -> PydanticCustomError:
    return PydanticCustomError("moonbase_quantity", "{message}", {"message": message})


def _prefix(path: str) -> str:
    return f'uncertainty."{path}"'


def resolve(model: type[BaseModel], path: str, spec: Normal | LogNormal | Uniform | Triangular | Discrete) -> Resolved:
    """Check one distribution against its field of scenario ``model``; return it in SI.

    Raises
    ------
    ScenarioError
        Naming ``uncertainty."<path>".<parameter>``, the value and what is expected.
    """
    where = _prefix(path)
    target = model_field_target(model, path, where)

    def value(name: str, raw: Any | None = None) -> float:
        written = getattr(spec, name) if raw is None else raw
        return target.parse(written, f"{where}.{name}")

    def inside(name: str, number: float, raw: Any) -> None:
        if not target.inside(number):
            raise ScenarioError(f"{where}.{name} = {_shown(raw)} is outside the valid range {target.range_text} "
                                f"of {path}; expected a value inside it.")

    if isinstance(spec, Normal):
        mean, std = value("mean"), value("std")
        inside("mean", mean, spec.mean)
        if std <= 0.0:
            raise ScenarioError(f"{where}.std = {_shown(spec.std)} is {'negative' if std < 0 else 'zero'}; "
                                "expected a standard deviation > 0 (for no spread, remove the distribution).")
        return Resolved(target, "normal", (mean, std))
    if isinstance(spec, LogNormal):
        median, p90 = value("median"), value("p90")
        if median <= 0.0:
            raise ScenarioError(f"{where}.median = {_shown(spec.median)} is not positive; "
                                "a lognormal needs a median > 0.")
        inside("median", median, spec.median)
        if p90 <= median:
            relation = "equals" if p90 == median else "is below"
            raise ScenarioError(f"{where}.p90 = {_shown(spec.p90)} {relation} the median {_shown(spec.median)}; "
                                "expected p90 > median (the 90th percentile of a lognormal is above its median).")
        return Resolved(target, "lognormal", (median, p90))
    if isinstance(spec, Uniform):
        low, high = value("low"), value("high")
        if low >= high:
            raise ScenarioError(f"{where}.low = {_shown(spec.low)} is not below high = {_shown(spec.high)}; "
                                "expected low < high.")
        inside("low", low, spec.low)
        inside("high", high, spec.high)
        return Resolved(target, "uniform", (low, high))
    if isinstance(spec, Triangular):
        low, mode, high = value("low"), value("mode"), value("high")
        if low >= high:
            raise ScenarioError(f"{where}.low = {_shown(spec.low)} is not below high = {_shown(spec.high)}; "
                                "expected low < high.")
        if not low <= mode <= high:
            raise ScenarioError(f"{where}.mode = {_shown(spec.mode)} is outside [low, high] = "
                                f"[{_shown(spec.low)}, {_shown(spec.high)}]; expected low <= mode <= high.")
        inside("low", low, spec.low)
        inside("high", high, spec.high)
        return Resolved(target, "triangular", (low, mode, high))
    options = []
    for i, raw in enumerate(spec.values):
        number = value(f"values[{i}]", raw)
        inside(f"values[{i}]", number, raw)
        options.append(number)
    weights = spec.weights if spec.weights is not None else [1.0] * len(options)
    if len(weights) != len(options):
        raise ScenarioError(f"{where}.weights has {len(weights)} entries for {len(options)} values; "
                            "expected one weight per value.")
    for i, w in enumerate(weights):
        if not (math.isfinite(w) and w >= 0.0):
            raise ScenarioError(f"{where}.weights[{i}] = {w!r} is negative or not finite; expected a weight >= 0.")
    if sum(weights) <= 0.0:
        raise ScenarioError(f"{where}.weights are all zero; expected at least one positive weight.")
    return Resolved(target, "discrete", tuple(options), tuple(float(w) for w in weights))


def _validate_table(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _error(f"uncertainty = {value!r} should be a table of [uncertainty.\"<field path>\"] entries.")
    out: dict[str, Any] = {}
    for path, spec in value.items():
        where = _prefix(str(path))
        if isinstance(spec, _Spec):
            parsed = spec
        else:
            if not isinstance(spec, dict):
                raise _error(f"{where} = {spec!r} should be a table with distribution = one of: "
                             f"{', '.join(DISTRIBUTIONS)}.")
            kind = spec.get("distribution")
            if kind not in DISTRIBUTIONS:
                close = difflib.get_close_matches(str(kind), DISTRIBUTIONS, n=1)
                hint = f" Did you mean '{close[0]}'?" if close else ""
                raise _error(f"{where}.distribution = {kind!r} is unknown; choose one of: "
                             f"{', '.join(DISTRIBUTIONS)}.{hint}")
            try:
                parsed = _SPEC.validate_python(spec)
            except ValidationError as exc:
                raise _error(_spec_message(where, kind, exc)) from None
            except ValueError as exc:
                raise _error(f"{where}: {exc}.") from None
        out[str(path)] = parsed
    return out


def checked_uncertainty(table: dict[str, Any], model: type[BaseModel]) -> dict[str, Any]:
    """The parsed ``[uncertainty]`` table, each distribution checked against its field of ``model``.

    The scenario model calls this from its own field validator, passing itself: the
    table's type parses the distributions, the model knows the fields they name.

    Raises
    ------
    pydantic_core.PydanticCustomError
        Of type ``moonbase_quantity``, naming ``uncertainty."<path>"``, the value and what is expected.
    """
    for path, spec in table.items():
        try:
            resolve(model, path, spec)
        except ScenarioError as exc:
            raise _error(str(exc)) from None
    return table


def _spec_message(where: str, kind: str, exc: ValidationError) -> str:
    error = exc.errors(include_url=False)[0]
    loc = [p for p in error.get("loc", ()) if p != kind]
    name = ".".join(str(p) if not isinstance(p, int) else f"[{p}]" for p in loc).replace(".[", "[")
    fields = [f for f in _SPEC_BY_NAME[kind].model_fields if f != "distribution"]
    if error["type"] == "missing":
        return f"{where}.{name} is required for a {kind} distribution; expected: {', '.join(fields)}."
    if error["type"] == "extra_forbidden":
        close = difflib.get_close_matches(str(loc[-1]), fields, n=1)
        hint = f" Did you mean '{close[0]}'?" if close else ""
        return f"{where}.{name} is not a parameter of a {kind} distribution; expected: {', '.join(fields)}.{hint}"
    return f"{where}.{name} = {error.get('input')!r} is invalid: {error.get('msg', '')}."


def _dump_table(value: dict[str, Any]) -> dict[str, Any]:
    return {path: spec.model_dump(exclude_none=True) for path, spec in value.items()}


class _UncertaintyTable:
    """Pydantic hook: parse the ``[uncertainty]`` table (its fields are checked by :func:`checked_uncertainty`)."""

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            _validate_table, serialization=core_schema.plain_serializer_function_ser_schema(_dump_table))

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> dict[str, Any]:
        return {"type": "object", "description": "field path -> distribution"}


def _validate_correlations(value: Any, info: core_schema.ValidationInfo) -> tuple[Correlation, ...]:
    if not isinstance(value, (list, tuple)):
        raise _error(f"correlations = {value!r} should be a list of {{a = \"<field>\", b = \"<field>\", rho = r}} "
                     "tables ([[correlations]]).")
    items: list[Correlation] = []
    for i, raw in enumerate(value):
        where = f"correlations[{i}]"
        if isinstance(raw, Correlation):
            items.append(raw)
            continue
        if not isinstance(raw, dict):
            raise _error(f"{where} = {raw!r} should be a table with a, b and rho.")
        try:
            items.append(Correlation.model_validate(raw))
        except ValidationError as exc:
            error = exc.errors(include_url=False)[0]
            name = ".".join(str(p) for p in error.get("loc", ()))
            if error["type"] == "missing":
                raise _error(f"{where}.{name} is required; expected a, b (uncertain field paths) and rho.") from None
            if error["type"] == "extra_forbidden":
                raise _error(f"{where}.{name} is an unknown key; expected a, b and rho.") from None
            raise _error(f"{where}.{name} = {error.get('input')!r} is invalid; expected "
                         + ("a rank correlation in [-1, 1]." if name == "rho" else "a field path string.")) from None
    data = getattr(info, "data", None) or {}
    if "uncertainty" not in data:
        return tuple(items)  # the table itself failed; its error is reported
    uncertain = list(data["uncertainty"])
    seen: set[frozenset[str]] = set()
    for i, c in enumerate(items):
        for side in ("a", "b"):
            path = getattr(c, side)
            if path not in uncertain:
                known = ", ".join(uncertain) or "none"
                raise _error(f"correlations[{i}].{side} = {path!r} has no distribution in [uncertainty]; "
                             f"expected one of: {known}.")
        if c.a == c.b:
            raise _error(f"correlations[{i}] correlates {c.a!r} with itself; expected two different fields.")
        pair = frozenset((c.a, c.b))
        if pair in seen:
            raise _error(f"correlations[{i}] repeats the pair ({c.a!r}, {c.b!r}); give each pair once.")
        seen.add(pair)
    try:
        copula_correlation(uncertain, items)
    except ScenarioError as exc:
        raise _error(str(exc)) from None
    return tuple(items)


class _CorrelationList:
    """Pydantic hook: validate ``correlations`` against the (already validated) uncertainty table."""

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> core_schema.CoreSchema:
        return core_schema.with_info_plain_validator_function(
            _validate_correlations,
            serialization=core_schema.plain_serializer_function_ser_schema(
                lambda items: [c.model_dump() for c in items]))

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> dict[str, Any]:
        return {"type": "array", "items": {"type": "object"}}


UncertaintyTable = Annotated[dict[str, Any], _UncertaintyTable()]
CorrelationList = Annotated[tuple[Correlation, ...], _CorrelationList()]


def copula_correlation(paths: list[str], correlations: tuple[Correlation, ...] | list[Correlation]) -> np.ndarray:
    """Normal-score correlation matrix of the Gaussian copula, in the order of ``paths``.

    Each Spearman ``rho`` becomes ``r = 2 sin(pi rho / 6)`` (Kruskal 1958), exact for a
    Gaussian copula whatever the marginals.

    Raises
    ------
    ScenarioError
        When the matrix is not positive definite (the correlations contradict each other).
    """
    index = {p: i for i, p in enumerate(paths)}
    matrix = np.eye(len(paths))
    for c in correlations:
        r = 2.0 * math.sin(math.pi * c.rho / 6.0)
        matrix[index[c.a], index[c.b]] = matrix[index[c.b], index[c.a]] = r
    if len(paths) and float(np.linalg.eigvalsh(matrix).min()) <= 1e-10:
        raise ScenarioError("correlations are not consistent (their matrix is not positive definite, e.g. "
                            "|rho| = 1 or three pairs that contradict each other); expected weaker correlations.")
    return matrix


def resolved_uncertainty(scenario: Any) -> dict[str, Resolved]:
    """Every distribution of ``scenario`` in SI, keyed by TOML path (in table order)."""
    return {path: resolve(type(scenario), path, spec) for path, spec in scenario.uncertainty.items()}
