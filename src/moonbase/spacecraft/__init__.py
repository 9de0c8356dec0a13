"""moonbase.spacecraft."""
