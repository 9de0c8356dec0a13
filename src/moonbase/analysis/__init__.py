"""moonbase.analysis."""
