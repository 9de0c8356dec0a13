"""moonbase: a physics-grounded simulator of solar-powered AI compute in space."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("moonbase")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0+unknown"

__all__ = ["__version__"]
