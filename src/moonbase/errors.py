"""Exceptions and warnings raised by moonbase.

Every error a user can cause derives from :class:`MoonbaseError`; input errors are
:class:`ScenarioError` (also a :class:`ValueError`) and carry one line that names the
field, the value and what is expected. The CLI turns them into exit status 2.
"""

from __future__ import annotations


class MoonbaseError(Exception):
    """Base class of every error moonbase raises on purpose."""


class ScenarioError(MoonbaseError, ValueError):
    """Bad input: a scenario field, a CLI flag or an API argument.

    The message is one line: ``dotted.path = value is ...; expected ...``.
    """


class ModelDomainError(MoonbaseError, ValueError):
    """A model was asked for a result outside its validity range."""


class MoonbaseWarning(UserWarning):
    """Something the user should know about a result (e.g. a model extrapolated)."""
