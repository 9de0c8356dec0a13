"""Bill of materials of a deep-space AI satellite and what the lunar city can make of it.

A satellite's mass (from :func:`moonbase.spacecraft.mass_budget.satellite_mass_budget`)
is split into parts; each part has its main materials and the first industrial
generation (Metzger et al. 2013, Table 1) able to make it from regolith. Chips are
special: they are imported until the city builds a semiconductor fab (a scenario
switch with its own landed mass and power draw). Design note:
``docs/design/lunar_materials.md``.

References
----------
.. [1] P. T. Metzger, A. Muscatello, R. P. Mueller, J. Mantovani, "Affordable,
   rapid bootstrapping of the space industry and solar system civilization,"
   J. Aerospace Eng. 26(1):18-29 (2013), doi:10.1061/(ASCE)AS.1943-5525.0000236,
   Table 1: Gen 1.0 makes crude alloys, ceramics and solar cells; Gen 2.5 crude
   components; Gen 3.0 PC cards, chassis and simple components (chips imported);
   Gen 4.0 lithography machines; Gen 5.0 chips.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from moonbase.domain import between, require as _require, scalar_or_array as _scalar_or_array

__all__ = [
    "SatellitePart",
    "SATELLITE_PARTS",
    "satellite_bill_of_materials",
    "satellite_local_mass_fraction",
    "satellite_import_fraction",
]


@dataclass(frozen=True)
class SatellitePart:
    """A part of the satellite: its materials and the generation that can first make it."""

    name: str
    materials: str
    first_generation_index: int  # index into the generation list 1.0, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0
    needs_fab: bool
    source: str


#: Satellite parts in BOM order. Generation indices: 0 = Gen 1.0, 1 = 2.0, 2 = 2.5,
#: 3 = 3.0, 4 = 4.0, 5 = 5.0, 6 = 6.0 ([1] Table 1; the mapping part -> generation is ours).
SATELLITE_PARTS = (
    SatellitePart("structure", "Al and Fe alloys (MRE/FFC metal), cast or printed", 1, False,
                  "[1] Table 1: crude alloys from Gen 1.0, fabrication at scale from Gen 2.0"),
    SatellitePart("solar_array", "Si cells, glass cover, Al substrate", 1, False,
                  "[1] Table 2: Gen 1.0 carries a solar-cell manufacturer; panels at scale from Gen 2.0"),
    SatellitePart("radiator", "Al panels, heat pipes, working fluid", 2, False,
                  "[1] Table 1: crude components and volatiles processes from Gen 2.5"),
    SatellitePart("compute_boards", "boards, packaging, power delivery, Al shielding", 3, False,
                  "[1] Table 1: PC cards, chassis and simple components at Gen 3.0"),
    SatellitePart("bus_electronics", "harness, attitude control, optical terminal, avionics", 4, False,
                  "[1]: 95 % of electronics local by Gen 4.0"),
    SatellitePart("chips", "accelerator and memory dies", 5, True,
                  "[1] Table 1: chips made locally from Gen 5.0; here only once the fab switch is on"),
)


def satellite_bill_of_materials(compute_mass_kg, solar_array_mass_kg, radiator_mass_kg, structure_mass_kg,
                                other_mass_kg, chip_mass_fraction_of_compute):
    """Mass of each satellite part [kg] from a satellite mass budget.

    Parameters
    ----------
    compute_mass_kg, solar_array_mass_kg, radiator_mass_kg, structure_mass_kg, other_mass_kg : array_like
        Masses from :func:`moonbase.spacecraft.mass_budget.satellite_mass_budget` [kg], >= 0.
    chip_mass_fraction_of_compute : float or array_like
        Share of the compute payload that is semiconductor dies and packages [-],
        in [0, 1]; the rest is boards, power delivery and shielding.

    Returns
    -------
    dict of str to numpy.ndarray or float
        Part name (``SATELLITE_PARTS``) -> mass [kg]; the parts sum to the inputs' total.

    Examples
    --------
    >>> bom = satellite_bill_of_materials(400.0, 300.0, 150.0, 100.0, 50.0, 0.25)
    >>> bom["chips"], bom["compute_boards"]
    (100.0, 300.0)
    """
    masses = [np.asarray(m, dtype=float) for m in (compute_mass_kg, solar_array_mass_kg, radiator_mass_kg,
                                                   structure_mass_kg, other_mass_kg)]
    names = ("compute_mass_kg", "solar_array_mass_kg", "radiator_mass_kg", "structure_mass_kg", "other_mass_kg")
    for name, mass in zip(names, masses):
        _require(mass >= 0.0, name, mass, "a mass >= 0 kg")
    chips = between("chip_mass_fraction_of_compute", chip_mass_fraction_of_compute, 0.0, 1.0, "a fraction in [0, 1]")
    compute, array, radiator, structure, other = masses
    parts = {"structure": structure, "solar_array": array, "radiator": radiator,
             "compute_boards": compute * (1.0 - chips), "bus_electronics": other, "chips": compute * chips}
    return {name: _scalar_or_array(value) for name, value in parts.items()}


def satellite_local_mass_fraction(bill_of_materials, generation_index, fab):
    """Fraction of a satellite's mass the city can make at a generation [-].

    Parameters
    ----------
    bill_of_materials : dict of str to array_like
        Part masses from :func:`satellite_bill_of_materials` [kg].
    generation_index : int or array_like
        Generation in force (0 = Gen 1.0 ... 6 = Gen 6.0).
    fab : bool or array_like
        Whether the lunar semiconductor fab is running (chips need it, whatever the
        generation).

    Returns
    -------
    numpy.ndarray or float
        Sum of the masses of parts the city can make, over the total mass [-].

    Notes
    -----
    A part is made locally when ``generation_index >= first_generation_index`` and,
    for chips, the fab runs. All-or-nothing per part: the paper's gradual
    electronics closure (90/95/99/100 %) is represented by the order in which
    electronic parts come in, not by fractions within a part.

    Examples
    --------
    >>> bom = satellite_bill_of_materials(400.0, 300.0, 150.0, 100.0, 50.0, 0.25)
    >>> satellite_local_mass_fraction(bom, 3, False)
    0.85
    """
    generation = np.asarray(generation_index)
    fab_on = np.asarray(fab, dtype=bool)
    total = sum(np.asarray(bill_of_materials[p.name], dtype=float) for p in SATELLITE_PARTS)
    _require(total > 0.0, "bill_of_materials", "total mass 0 kg", "a satellite with a positive mass")
    local = sum(np.asarray(bill_of_materials[p.name], dtype=float)
                * ((generation >= p.first_generation_index) & (fab_on | (not p.needs_fab)))
                for p in SATELLITE_PARTS)
    return _scalar_or_array(local / total)


def satellite_import_fraction(local_fraction, chip_mass_fraction, fab):
    """Earth-made fraction of each kg of satellite, the timeline's form [-].

    Parameters
    ----------
    local_fraction : float or array_like
        Mass fraction of new hardware the city makes at this time [-], in [0, 1].
    chip_mass_fraction : float or array_like
        Chip share of a satellite's mass, imported until the fab runs [-], in [0, 1].
    fab : bool or array_like
        Whether the lunar fab runs.

    Returns
    -------
    numpy.ndarray or float
        ``1 - f`` with the fab, ``max(chips, 1 - f)`` without it.

    Notes
    -----
    The satellite is assumed no harder to make than the city's own machinery
    (same local fraction), except that its chips always come from Earth before the
    fab. :func:`satellite_local_mass_fraction` gives the part-by-part view used by
    ``moonbase industry``.

    Examples
    --------
    >>> satellite_import_fraction(0.99, 0.05, False)
    0.05
    """
    local = between("local_fraction", local_fraction, 0.0, 1.0, "a fraction in [0, 1]")
    chips = between("chip_mass_fraction", chip_mass_fraction, 0.0, 1.0, "a fraction in [0, 1]")
    return _scalar_or_array(np.where(fab, 1.0 - local, np.maximum(chips, 1.0 - local)))
