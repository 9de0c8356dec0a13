"""Sub-commands of the ``moonbase`` CLI, one module each, plus shared helpers."""
