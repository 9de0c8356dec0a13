"""The numbers a lunar city's choices of site, regolith and extraction process imply.

The scenario's ``[lunar]`` section holds three choices (``site``, ``regolith``,
``extraction_process``) and three numbers that follow from them unless given
(``production_energy``, ``regolith_per_product``, ``illumination_fraction``). This
module computes those numbers from the industry's models; the scenario schema only
calls it. Design note: docs/design/lunar_materials.md, "From the choices to the timeline".
"""

from __future__ import annotations

from moonbase.industry.extraction import city_product_energy_j_kg, regolith_per_product_kg_kg
from moonbase.industry.lunar_power import city_illumination_fraction

__all__ = ["LUNAR_CHOICE_FIELDS", "lunar_choice_values"]

#: The values :func:`lunar_choice_values` returns, by the scenario attribute they fill.
LUNAR_CHOICE_FIELDS = ("production_energy_j_kg", "regolith_per_product", "illumination_fraction")


def lunar_choice_values(extraction_process: str, regolith: str, site: str) -> dict[str, float]:
    """Energy per kg of product [J/kg], regolith per kg of product [-] and sunlit fraction [-].

    ``production_energy_j_kg`` and ``regolith_per_product`` are the extraction process on
    the regolith, the product being the alloy (or glass) it frees
    (:func:`moonbase.industry.extraction.city_product_energy_j_kg`,
    :func:`~moonbase.industry.extraction.regolith_per_product_kg_kg`);
    ``illumination_fraction`` is the site's
    (:func:`moonbase.industry.lunar_power.city_illumination_fraction`).

    >>> values = lunar_choice_values("molten-regolith-electrolysis", "polar", "equatorial")
    >>> values["illumination_fraction"]
    0.5
    """
    return {"production_energy_j_kg": city_product_energy_j_kg(extraction_process, regolith),
            "regolith_per_product": regolith_per_product_kg_kg(extraction_process, regolith),
            "illumination_fraction": city_illumination_fraction(site)}
