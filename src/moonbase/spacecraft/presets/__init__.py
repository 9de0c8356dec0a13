"""Satellite design presets (TOML data read by moonbase.spacecraft.design_presets)."""
