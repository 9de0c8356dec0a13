"""Satellite design presets shipped with moonbase: TOML files in ``moonbase/spacecraft/presets``.

A preset file holds a ``[design]`` table (the keys of the scenario's satellite design),
an ``[orbit]`` table (``kind`` and its numbers), an ``[economics]`` table, and
optionally ``[sizing]`` (fixed array or radiator area) and ``[reference]`` (published
figures of a real craft, shown beside the model). This module only reads the files;
the scenario layer validates them.
"""

from __future__ import annotations

import difflib
import tomllib
from importlib import resources
from typing import Any

from moonbase.errors import ScenarioError

PRESET_PACKAGE = "moonbase.spacecraft.presets"


def design_preset_names() -> list[str]:
    """Names of the satellite design presets, sorted."""
    files = resources.files(PRESET_PACKAGE).iterdir()
    return sorted(p.name[: -len(".toml")] for p in files if p.name.endswith(".toml"))


def design_preset_data(name: str) -> dict[str, Any]:
    """The parsed TOML of design preset ``name`` (raises ScenarioError naming the options)."""
    names = design_preset_names()
    if name not in names:
        close = difflib.get_close_matches(str(name), names, n=1)
        hint = f" Did you mean '{close[0]}'?" if close else ""
        raise ScenarioError(f"preset = {name!r} is unknown; choose one of: {', '.join(names)}.{hint}")
    text = resources.files(PRESET_PACKAGE).joinpath(f"{name}.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)
