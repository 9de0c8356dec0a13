"""moonbase.economics."""
