"""moonbase.web."""
