"""Load, merge and write scenarios: TOML text <-> validated :class:`Scenario`.

A scenario file may start from a preset with ``base = "alpha"`` and override a few
fields; tables are merged key by key. Every failure becomes one
:class:`~moonbase.errors.ScenarioError` line naming the dotted field path, the value
and what is expected.
"""

from __future__ import annotations

import difflib
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

import tomli_w
from pydantic import BaseModel, ValidationError

from moonbase.errors import ScenarioError
from moonbase.scenario.fields import PATH_MARK
from moonbase.scenario.schema import Scenario

PRESET_PACKAGE = "moonbase.scenario.presets"
MAX_BASE_DEPTH = 8
SHOWN_VALUE_CHARS = 60  # characters of a value repeated in an error message


def preset_names() -> list[str]:
    """Names of the presets shipped in the package, sorted."""
    files = resources.files(PRESET_PACKAGE).iterdir()
    return sorted(p.name[: -len(".toml")] for p in files if p.name.endswith(".toml"))


def preset_text(name: str) -> str:
    """The TOML text of preset ``name``."""
    if name not in preset_names():
        close = difflib.get_close_matches(name, preset_names(), n=1)
        hint = f" Did you mean '{close[0]}'?" if close else ""
        raise ScenarioError(
            f"preset = {name!r} is unknown; choose one of: {', '.join(preset_names())}.{hint}")
    return resources.files(PRESET_PACKAGE).joinpath(f"{name}.toml").read_text(encoding="utf-8")


def _parse_toml(text: str, origin: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(f"{origin} is not valid TOML: {exc}; expected key = value lines and [tables].") from None
    except RecursionError:
        raise ScenarioError(f"{origin} nests tables or arrays too deeply to read; a scenario is at most a "
                            "few tables deep.") from None
    except ValueError as exc:  # an integer literal past Python's int_max_str_digits (4300)
        raise ScenarioError(f"{origin} has a number too long to read ({str(exc).split(';')[0]}); "
                            "expected numbers of a few digits.") from None


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def resolve_bases(data: dict[str, Any], origin: str, depth: int = 0) -> dict[str, Any]:
    """Expand ``base = "preset"`` recursively into one merged dict."""
    if "base" not in data:
        return data
    base_name = data["base"]
    if not isinstance(base_name, str):
        raise ScenarioError(f"base = {base_name!r} in {origin} is not a preset name; choose one of: "
                            f"{', '.join(preset_names())}.")
    if depth >= MAX_BASE_DEPTH:
        raise ScenarioError(f"base = {base_name!r} in {origin} nests more than {MAX_BASE_DEPTH} presets deep.")
    parent = resolve_bases(_parse_toml(preset_text(base_name), f"preset {base_name!r}"),
                           f"preset {base_name!r}", depth + 1)
    own = {k: v for k, v in data.items() if k != "base"}
    return _merge(parent, own)


def _known_keys(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]


def _model_at(loc: tuple[Any, ...]) -> type[BaseModel] | None:
    model: type[BaseModel] = Scenario
    for part in loc:
        fields = {info.alias or name: info for name, info in model.model_fields.items()}
        info = fields.get(part)
        annotation = getattr(info, "annotation", None)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            model = annotation
        else:
            return None
    return model


class _Shown:
    """A value as error messages repeat it: its repr, cut to :data:`SHOWN_VALUE_CHARS` characters."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def __repr__(self) -> str:
        text = repr(self.value)
        return text if len(text) <= SHOWN_VALUE_CHARS else f"{text[:SHOWN_VALUE_CHARS]}... ({len(text):,} characters)"


def describe_error(error: dict[str, Any]) -> str:
    """One line for one pydantic error: the dotted field path, the value and what is expected."""
    loc = tuple(error.get("loc", ()))
    path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".") or "scenario"
    kind = error.get("type", "")
    message = error.get("msg", "")
    value = _Shown(error.get("input"))
    if kind == "moonbase_quantity":
        return error["ctx"]["message"].replace(PATH_MARK, path)
    if kind == "extra_forbidden":
        parent = _model_at(loc[:-1])
        options = _known_keys(parent) if parent else []
        close = difflib.get_close_matches(str(loc[-1]), options, n=1)
        hint = f" Did you mean '{close[0]}'?" if close else ""
        return f"{path} is an unknown key; expected one of: {', '.join(options)}.{hint}"
    if kind == "missing":
        return f"{path} is required but missing."
    if kind in ("model_type", "dict_type"):
        return f"{path} = {value!r} should be a table ([{path}]) of fields."
    if kind == "value_error":
        message = message.removeprefix("Value error, ")
        model = _model_at(loc)
        key = message.split(" = ", 1)[0]
        if model is not None and key in _known_keys(model):  # "end_year = 2040 ..." -> "span.end_year = 2040 ..."
            return f"{path}.{message}."
        return f"{path}: {message}."
    if kind == "enum":
        return f"{path} = {value!r} is unknown; {message.lower()}."
    return f"{path} = {value!r} is invalid: {message}."


def scenario_from_dict(data: dict[str, Any], origin: str = "scenario") -> Scenario:
    """Validate a (base-resolved or not) dict into a :class:`Scenario`."""
    merged = resolve_bases(data, origin)
    try:
        return Scenario.model_validate(merged)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        more = f" ({len(errors) - 1} more error{'s' if len(errors) > 2 else ''})" if len(errors) > 1 else ""
        first = describe_error(errors[0])
        raise ScenarioError(first.rstrip(".") + "." + more if more else first) from None


def scenario_from_toml(text: str, origin: str = "scenario") -> Scenario:
    """Parse and validate scenario TOML text."""
    return scenario_from_dict(_parse_toml(text, origin), origin)


def load_scenario(source: str | Path) -> Scenario:
    """Load a preset by name or a scenario TOML file by path."""
    text_source = str(source)
    if text_source in preset_names():
        return scenario_from_toml(preset_text(text_source), f"preset {text_source!r}")
    path = Path(source)
    if not path.exists():
        close = difflib.get_close_matches(text_source, preset_names(), n=1)
        hint = f" Did you mean preset '{close[0]}'?" if close else ""
        raise ScenarioError(
            f"scenario = {text_source!r} is neither a preset ({', '.join(preset_names())}) nor an "
            f"existing TOML file.{hint}")
    if path.is_dir():
        raise ScenarioError(f"scenario = {text_source!r} is a directory; expected a TOML file or a preset name.")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioError(f"scenario = {text_source!r} cannot be read ({exc.__class__.__name__}); "
                            "expected a readable UTF-8 TOML file.") from None
    return scenario_from_toml(text, f"file {path.name!r}")


def scenario_to_dict(scenario: Scenario) -> dict[str, Any]:
    """The resolved scenario as plain TOML-ready data: every field explicit, units in strings."""
    return scenario.model_dump(by_alias=True, mode="json")


def scenario_to_toml(scenario: Scenario) -> str:
    """The resolved scenario as TOML (round-trips through :func:`scenario_from_toml`)."""
    header = (f"# moonbase scenario {scenario.name!r}, resolved: every field explicit.\n"
              "# Quantities are strings with units; rates in %/yr are compound annual rates.\n\n")
    return header + tomli_w.dumps(scenario_to_dict(scenario))
