"""Numeric scenario fields found by their dotted TOML path (``"mass_driver.exit_speed"``).

The Monte Carlo, sweeps and the optimiser name the inputs they vary by the path a user
writes in TOML; :func:`field_target` finds that field of the
:class:`~moonbase.scenario.schema.Scenario` with its SI attribute, unit and valid range.
The rules (which fields are numeric, which sections are fixed) live in
:mod:`moonbase.scenario.distributions`, which checks the ``[uncertainty]`` table against
the same model.
"""

from __future__ import annotations

from moonbase.scenario.distributions import FieldTarget, model_field_target
from moonbase.scenario.schema import Scenario

__all__ = ["FieldTarget", "field_target"]


def field_target(path: str, where: str | None = None) -> FieldTarget:
    """The numeric scenario field at dotted TOML ``path`` (``"lunar.replication_time"``).

    Parameters
    ----------
    path : str
        Dotted TOML path of the field.
    where : str, optional
        What to name in error messages (``"--vary lunar.replication_time"``; default: ``path``).

    Returns
    -------
    FieldTarget
        The field's attribute path (the key of :func:`moonbase.scenario.params.timeline_params`),
        unit and valid range in SI.

    Raises
    ------
    ScenarioError
        When no field has that path, or it is a table, a switch, a list or text.

    Examples
    --------
    >>> field_target("mass_driver.exit_speed").attribute
    'mass_driver.exit_speed_m_s'
    """
    return model_field_target(Scenario, path, where)
