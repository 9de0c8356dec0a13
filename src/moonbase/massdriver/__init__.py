"""moonbase.massdriver."""
