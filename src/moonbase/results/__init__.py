"""moonbase.results."""
