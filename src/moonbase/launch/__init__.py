"""moonbase.launch."""
