"""moonbase.execution."""
