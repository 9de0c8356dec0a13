"""moonbase.physics."""
