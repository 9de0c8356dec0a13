"""Bulk chemistry of lunar regolith by site: oxide and element mass fractions.

Average soil compositions are the Lunar Sourcebook's Table 7.15 (Apollo and Luna
landing sites); the polar "icy" type adds the water LCROSS measured in the Cabeus
plume. A composition is named by a registry key (the scenario's ``lunar.regolith``
enum uses the same names). Design note: ``docs/design/lunar_materials.md``.

References
----------
.. [1] G. H. Heiken, D. T. Vaniman, B. M. French (eds.), "Lunar Sourcebook: A
   User's Guide to the Moon," Cambridge University Press, 1991, Table 7.15
   (chemical compositions of average soils at the landing sites; transcribed by the
   USGS Lunar Consortium, astrogeology.usgs.gov .../chem_min/tab7_15.asc).
.. [2] A. Colaprete et al., "Detection of water in the LCROSS ejecta plume,"
   Science 330(6003):463-468 (2010), doi:10.1126/science.1186986: 5.6 +/- 2.9 %
   water ice by mass in the regolith of Cabeus.
.. [3] T. Prohaska et al., "Standard atomic weights of the elements 2021 (IUPAC
   Technical Report)," Pure Appl. Chem. 94(5):573-600 (2022),
   doi:10.1515/pac-2019-0603 (abridged values).
"""

from __future__ import annotations

from enum import StrEnum

from moonbase.errors import ModelDomainError

__all__ = [
    "RegolithType",
    "MOLAR_MASS_KG_MOL",
    "OXIDE_STOICHIOMETRY",
    "OXIDE_WEIGHT_PERCENT",
    "LCROSS_WATER_MASS_FRACTION",
    "oxide_molar_mass_kg_mol",
    "oxide_mass_fractions",
    "element_mass_fractions",
    "oxygen_mass_fraction",
]

#: Standard atomic weights [kg/mol], IUPAC 2021 abridged values [3].
MOLAR_MASS_KG_MOL = {
    "H": 1.008e-3, "O": 15.999e-3, "Na": 22.990e-3, "Mg": 24.305e-3, "Al": 26.982e-3,
    "Si": 28.085e-3, "P": 30.974e-3, "K": 39.098e-3, "Ca": 40.078e-3, "Ti": 47.867e-3,
    "Mn": 54.938e-3, "Fe": 55.845e-3,
}

#: Oxide -> (element, atoms of element, atoms of oxygen) per formula unit.
OXIDE_STOICHIOMETRY = {
    "SiO2": ("Si", 1, 2), "TiO2": ("Ti", 1, 2), "Al2O3": ("Al", 2, 3), "FeO": ("Fe", 1, 1),
    "MnO": ("Mn", 1, 1), "MgO": ("Mg", 1, 1), "CaO": ("Ca", 1, 1), "Na2O": ("Na", 2, 1),
    "K2O": ("K", 2, 1), "P2O5": ("P", 2, 5), "H2O": ("H", 2, 1),
}

#: Water ice in the regolith of the Cabeus permanently shadowed crater [-], LCROSS [2].
LCROSS_WATER_MASS_FRACTION = 0.056

_APOLLO_16_AVERAGE = {  # [1] Table 7.15, column "16": average Apollo 16 soil (highlands)
    "SiO2": 45.0, "TiO2": 0.54, "Al2O3": 27.3, "FeO": 5.1, "MnO": 0.30, "MgO": 5.7,
    "CaO": 15.7, "Na2O": 0.46, "K2O": 0.17, "P2O5": 0.11,
}

#: Oxide weight percent by regolith type [wt%], as published (totals 98.8-100.4 %;
#: Cr2O3 and S, < 0.5 wt% together, are left out). Normalised by
#: :func:`oxide_mass_fractions`.
OXIDE_WEIGHT_PERCENT = {
    # Highland soil: average of Apollo 16 soils [1].
    "highlands": dict(_APOLLO_16_AVERAGE),
    # High-titanium mare soil: Apollo 11 soil 10002 [1].
    "mare": {"SiO2": 42.2, "TiO2": 7.8, "Al2O3": 13.6, "FeO": 15.3, "MnO": 0.20, "MgO": 7.8,
             "CaO": 11.9, "Na2O": 0.47, "K2O": 0.16, "P2O5": 0.05},
    # Low-titanium mare soil: average of ten Apollo 12 soils [1].
    "mare-low-ti": {"SiO2": 46.3, "TiO2": 3.0, "Al2O3": 12.9, "FeO": 15.1, "MnO": 0.22, "MgO": 9.3,
                    "CaO": 10.7, "Na2O": 0.54, "K2O": 0.31, "P2O5": 0.4},
    # Sunlit polar ridges are highland terrain: the Apollo 16 average stands in for them.
    "polar": dict(_APOLLO_16_AVERAGE),
    # Permanently shadowed polar regolith: highland soil with LCROSS's 5.6 wt% water [1, 2].
    "polar-icy": {**{k: v * (1.0 - LCROSS_WATER_MASS_FRACTION) for k, v in _APOLLO_16_AVERAGE.items()},
                  "H2O": 100.0 * LCROSS_WATER_MASS_FRACTION * sum(_APOLLO_16_AVERAGE.values()) / 100.0},
}


class RegolithType(StrEnum):
    """Bulk regolith chemistry (the keys of :data:`OXIDE_WEIGHT_PERCENT`)."""

    HIGHLANDS = "highlands"
    MARE = "mare"
    MARE_LOW_TI = "mare-low-ti"
    POLAR = "polar"
    POLAR_ICY = "polar-icy"


def _check_regolith(regolith: str) -> dict[str, float]:
    if regolith not in OXIDE_WEIGHT_PERCENT:
        choices = ", ".join(OXIDE_WEIGHT_PERCENT)
        raise ModelDomainError(f"regolith = {regolith!r} is unknown; choose one of: {choices}.")
    return OXIDE_WEIGHT_PERCENT[regolith]


def oxide_molar_mass_kg_mol(oxide: str) -> float:
    """Molar mass of one formula unit of an oxide [kg/mol].

    Parameters
    ----------
    oxide : str
        A key of ``OXIDE_STOICHIOMETRY`` (``"SiO2"``, ``"Al2O3"``, ...).

    Returns
    -------
    float
        :math:`n_M M_M + n_O M_O` [kg/mol] from IUPAC 2021 atomic weights.

    Examples
    --------
    >>> round(oxide_molar_mass_kg_mol("SiO2") * 1000, 3)
    60.083
    """
    if oxide not in OXIDE_STOICHIOMETRY:
        raise ModelDomainError(f"oxide = {oxide!r} is unknown; choose one of: {', '.join(OXIDE_STOICHIOMETRY)}.")
    element, n_metal, n_oxygen = OXIDE_STOICHIOMETRY[oxide]
    return n_metal * MOLAR_MASS_KG_MOL[element] + n_oxygen * MOLAR_MASS_KG_MOL["O"]


def oxide_mass_fractions(regolith: str) -> dict[str, float]:
    """Oxide mass fractions of a regolith type, normalised to sum to 1 [-].

    Parameters
    ----------
    regolith : str
        A key of ``OXIDE_WEIGHT_PERCENT``: ``"highlands"``, ``"mare"``,
        ``"mare-low-ti"``, ``"polar"``, ``"polar-icy"``.

    Returns
    -------
    dict of str to float
        Oxide -> mass fraction [-]; the values sum to 1.

    Notes
    -----
    The published analyses total 98.8-100.4 wt%; dividing by the total spreads
    the difference (analytical error and the omitted minor species) over all
    oxides, a change below 1.3 % of any fraction.

    Examples
    --------
    >>> round(oxide_mass_fractions("highlands")["Al2O3"], 4)
    0.272
    """
    percent = _check_regolith(regolith)
    total = sum(percent.values())
    return {oxide: value / total for oxide, value in percent.items()}


def element_mass_fractions(regolith: str) -> dict[str, float]:
    """Element mass fractions of a regolith type, oxygen included [-].

    Parameters
    ----------
    regolith : str
        A key of ``OXIDE_WEIGHT_PERCENT``.

    Returns
    -------
    dict of str to float
        Element symbol -> mass fraction [-]; the values sum to 1.

    Notes
    -----
    Each oxide's mass splits between its cation and oxygen in proportion
    :math:`n_M M_M : n_O M_O`. All iron is counted as FeO (as in the table);
    the ~0.5 wt% of native metal in mature soils is neglected.

    Examples
    --------
    >>> round(element_mass_fractions("mare")["Fe"], 3)
    0.12
    """
    fractions = oxide_mass_fractions(regolith)
    elements: dict[str, float] = {}
    for oxide, fraction in fractions.items():
        element, n_metal, n_oxygen = OXIDE_STOICHIOMETRY[oxide]
        molar = oxide_molar_mass_kg_mol(oxide)
        elements[element] = elements.get(element, 0.0) + fraction * n_metal * MOLAR_MASS_KG_MOL[element] / molar
        elements["O"] = elements.get("O", 0.0) + fraction * n_oxygen * MOLAR_MASS_KG_MOL["O"] / molar
    return elements


def oxygen_mass_fraction(regolith: str) -> float:
    """Mass fraction of oxygen bound in a regolith type [-].

    Parameters
    ----------
    regolith : str
        A key of ``OXIDE_WEIGHT_PERCENT``.

    Returns
    -------
    float
        Oxygen mass fraction [-]: 0.42 (high-Ti mare) to 0.45 (highlands).

    Notes
    -----
    The upper bound of any oxygen process: every oxide fully reduced. Practical
    processes reduce only some oxides (``moonbase.industry.extraction``).

    Examples
    --------
    >>> round(oxygen_mass_fraction("highlands"), 3)
    0.45
    """
    return element_mass_fractions(regolith)["O"]
