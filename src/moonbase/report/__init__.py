"""moonbase.report."""
