"""moonbase.industry."""
