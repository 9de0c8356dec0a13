"""Scenario presets (the TOML files of this package), and satellite design presets merged into a design."""

from __future__ import annotations

from typing import Any

from moonbase.spacecraft.design_presets import design_preset_data

__all__ = ["design_with_preset"]


def design_with_preset(data: dict[str, Any], default_preset: str) -> dict[str, Any]:
    """The satellite design fields ``data`` gives, over those of its design preset.

    ``data["preset"]`` names the preset (``default_preset`` if absent); every key of the
    preset's ``[design]`` table not in ``data`` is added. An empty preset name adds nothing.
    """
    name = data.get("preset", default_preset)
    if not name:
        return data
    preset = design_preset_data(name).get("design", {})
    return {**preset, **data, "preset": name}
