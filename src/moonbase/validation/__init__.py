"""Published validation cases: loading and evaluating ``validation/**/*.toml``."""
