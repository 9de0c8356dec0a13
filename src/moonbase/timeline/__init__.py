"""moonbase.timeline."""
