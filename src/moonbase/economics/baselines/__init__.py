"""Earth baseline data files (moonbase.economics.baselines loads them)."""
