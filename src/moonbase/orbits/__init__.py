"""moonbase.orbits."""
