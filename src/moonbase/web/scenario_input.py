"""Scenarios as the web sees them: the form description and field-level checking.

:func:`form_schema` walks the pydantic :class:`~moonbase.scenario.schema.Scenario` and
lists every field with its TOML path, kind, display unit, numeric bounds, meaning and
the source of its default, so the page can build its form from the schema itself.
:func:`check_scenario` validates a scenario given as a JSON object, as TOML text or as
a preset name and answers *every* field error with its dotted path (the CLI stops at
the first one).
"""

from __future__ import annotations

import functools
import json
import tomllib
import typing
from dataclasses import asdict, dataclass
from enum import Enum
from typing import Any

from annotated_types import Ge, Gt, Le, Lt, MaxLen, MinLen
from pydantic import BaseModel, ValidationError

from moonbase.errors import ScenarioError
from moonbase.scenario.fields import Quantity
from moonbase.scenario.loader import (
    describe_error,
    preset_names,
    preset_text,
    resolve_bases,
)
from moonbase.scenario.schema import Scenario
from moonbase.web.limits import SHOWN_CHARS, check_shape

#: Largest samples x time steps one web run may ask for (100 samples of a monthly 2026-2100 span
#: is 90,000; the timeline holds ~50 float64 series of this size in memory, ~36 MB at the limit).
MAX_SAMPLE_STEPS = 100_000


@dataclass(frozen=True)
class FieldError:
    """One problem with one field: ``field`` is the dotted TOML path ("" for the whole scenario)."""

    field: str
    message: str


@dataclass(frozen=True)
class Checked:
    """The outcome of checking a scenario: the scenario, or the errors (never both)."""

    scenario: Scenario | None
    errors: tuple[FieldError, ...]

    def error_list(self) -> list[dict[str, str]]:
        return [asdict(error) for error in self.errors]


def _path(loc: tuple[Any, ...]) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".")


def _bounds(metadata: list[Any]) -> dict[str, Any]:
    bounds: dict[str, Any] = {}
    for item in metadata:
        if isinstance(item, Quantity):
            bounds.update(unit=item.unit, range=item.describe_range(), hint=item.hint,
                          **{k: getattr(item, k) for k in ("ge", "gt", "le", "lt") if getattr(item, k) is not None})
        for kind, attribute in ((Ge, "ge"), (Gt, "gt"), (Le, "le"), (Lt, "lt"),
                                (MinLen, "min_length"), (MaxLen, "max_length")):
            if isinstance(item, kind):
                bounds[attribute] = getattr(item, attribute)
    return bounds


def _field_entry(path: str, info: Any) -> dict[str, Any]:
    annotation = info.annotation
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    entry: dict[str, Any] = {"path": path, "description": info.description or "", "source": extra.get("source", "")}
    bounds = _bounds(list(info.metadata))
    if typing.get_origin(annotation) is list and typing.get_origin(typing.get_args(annotation)[0]) is typing.Annotated:
        (item,) = typing.get_args(annotation)
        entry.update(kind="list", **_bounds(list(typing.get_args(item)[1:])))
    elif isinstance(annotation, type) and issubclass(annotation, Enum):
        entry.update(kind="enum", options=[member.value for member in annotation])
    elif annotation is bool:
        entry.update(kind="boolean")
    elif annotation is int:
        entry.update(kind="integer", **bounds)
    elif annotation is str:
        entry.update(kind="string", **bounds)
    elif any(isinstance(item, Quantity) for item in info.metadata):
        entry.update(kind="quantity", **bounds)
    else:  # tables and lists of tables (e.g. uncertainty distributions): edited as JSON
        entry.update(kind="json")
    return entry


def _section(model: type[BaseModel], prefix: str) -> list[dict[str, Any]]:
    fields: list[dict[str, Any]] = []
    for name, info in model.model_fields.items():
        key = info.alias or name
        path = f"{prefix}.{key}" if prefix else key
        if isinstance(info.annotation, type) and issubclass(info.annotation, BaseModel):
            fields.append({"path": path, "kind": "section", "description": info.description
                           or (info.annotation.__doc__ or "").strip().splitlines()[0]})
            fields.extend(_section(info.annotation, path))
        else:
            fields.append(_field_entry(path, info))
    return fields


@functools.cache
def form_schema() -> list[dict[str, Any]]:
    """Every scenario field in TOML order: path, kind, unit, bounds, description, source.

    Kinds: ``section`` (a table), ``quantity`` (number in ``unit``), ``integer``,
    ``boolean``, ``enum`` (with ``options``), ``string``, ``list`` (of numbers) and
    ``json`` (anything else, edited as JSON).
    """
    return _section(Scenario, "")


def _describe_safely(error: dict[str, Any]) -> str:
    try:
        return describe_error(error)
    except (KeyError, TypeError, ValueError, IndexError):  # an error shape the CLI text does not know
        return f"{_path(tuple(error.get('loc', ()))) or 'scenario'}: {error.get('msg', 'invalid')}."


def check_data(data: Any, origin: str = "scenario") -> Checked:
    """Validate a scenario given as a parsed JSON/TOML object; every field error is listed.

    Data over the size limits of :mod:`moonbase.web.limits` raises :class:`InputLimitError`.
    """
    if not isinstance(data, dict):
        return Checked(None, (FieldError("", f"{origin} should be an object of scenario tables, "
                                              f"not {type(data).__name__}."),))
    check_shape(data)  # InputLimitError: the request is refused (422), it is not a finding about a scenario
    wrong = type_errors(data)
    if wrong:
        return Checked(None, tuple(wrong))
    try:
        merged = resolve_bases(data, origin)
    except ScenarioError as exc:
        return Checked(None, (FieldError("base", str(exc)),))
    try:
        return Checked(Scenario.model_validate(merged), ())
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        return Checked(None, tuple(FieldError(_path(tuple(e.get("loc", ()))), _describe_safely(e)) for e in errors))


#: JSON types each kind of field takes as it is (no conversion: "5" is not an integer, true is not 1).
_KIND_TYPES: dict[str, tuple[type, ...]] = {"integer": (int,), "boolean": (bool,), "string": (str,), "enum": (str,)}


@functools.cache
def _field_kinds() -> dict[str, str]:
    return {entry["path"]: entry["kind"] for entry in form_schema() if entry["kind"] in _KIND_TYPES}


def type_errors(data: dict[str, Any], prefix: str = "") -> list[FieldError]:
    """Fields whose value has another JSON type than the field's (pydantic would convert some of them)."""
    errors: list[FieldError] = []
    kinds = _field_kinds()
    for key, value in data.items():
        path = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict):
            errors += type_errors(value, path)
            continue
        kind = kinds.get(path)
        if kind is None or value is None:
            continue
        if isinstance(value, _KIND_TYPES[kind]) and (kind == "boolean" or not isinstance(value, bool)):
            continue
        written = json.dumps(value)
        written = written if len(written) <= SHOWN_CHARS else f"{written[:SHOWN_CHARS]}..."
        expected = {"integer": "an integer such as 12", "boolean": "true or false"}.get(kind, 'text in quotes')
        errors.append(FieldError(path, f"{path} = {written} is a {_json_type(value)}; expected {expected} "
                                       "(values are not converted from another type)."))
    return errors


def _json_type(value: Any) -> str:
    return {bool: "boolean", int: "number", float: "number", str: "string", list: "list"}.get(type(value), "value")


def parse_toml(text: str, origin: str = "scenario TOML") -> dict[str, Any]:
    """TOML text to a dict; :class:`ScenarioError` naming the line for bad syntax."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(f"{origin} is not valid TOML: {exc}; expected key = value lines and [tables].") from None
    except RecursionError:  # tomllib recurses once per nested array or inline table
        raise ScenarioError(f"{origin} nests arrays or tables too deeply to read; a scenario needs "
                            "at most a few levels.") from None
    except ValueError as exc:  # an integer literal past Python's int_max_str_digits (4300)
        raise ScenarioError(f"{origin} has a number too long to read ({str(exc).split(';')[0]}); "
                            "expected numbers of a few digits.") from None


def check_toml(text: str) -> Checked:
    """Validate scenario TOML text (syntax errors are one error on the whole text)."""
    try:
        data = parse_toml(text)
    except ScenarioError as exc:
        return Checked(None, (FieldError("", str(exc)),))
    return check_data(data, "scenario TOML")


def check_preset(name: str) -> Checked:
    """A shipped preset, checked like any other input (an unknown name is an error on ``preset``).

    Presets ship inside the package and never change while the server runs: each is read
    and validated once (a validated scenario is not modified by its readers).
    """
    return _checked_preset(name) if name in preset_names() else _check_preset(name)


@functools.lru_cache(maxsize=64)
def _checked_preset(name: str) -> Checked:
    return _check_preset(name)


def _check_preset(name: str) -> Checked:
    try:
        text = preset_text(name)
    except ScenarioError as exc:
        return Checked(None, (FieldError("preset", str(exc)),))
    return check_data(parse_toml(text, f"preset {name!r}"), f"preset {name!r}")


def check_size(scenario: Scenario, samples: int) -> list[FieldError]:
    """Refuse runs larger than :data:`MAX_SAMPLE_STEPS` samples x time steps."""
    span = scenario.span
    steps = (span.end_year - span.start_year + 1) * span.steps_per_year
    if samples * steps > MAX_SAMPLE_STEPS:
        return [FieldError("samples", (
            f"samples = {samples} x {steps} time steps = {samples * steps:,} is above the web limit of "
            f"{MAX_SAMPLE_STEPS:,}; use fewer samples, a shorter span or fewer steps per year "
            "(or the moonbase run command, which has no such limit)."))]
    return []


@functools.cache
def presets() -> tuple[dict[str, str], ...]:
    """The shipped presets: name and description (read once)."""
    listed = []
    for name in preset_names():
        checked = check_preset(name)
        listed.append({"name": name, "description": checked.scenario.description if checked.scenario else ""})
    return tuple(listed)
