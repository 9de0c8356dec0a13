"""moonbase.scenario."""
