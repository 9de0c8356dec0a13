"""Extraction of oxygen, metals and glass from regolith: yields, energy, mass balance.

Each process is a registry entry (the scenario's ``lunar.extraction_process`` enum
uses the same names): which oxides it reduces and how completely, how hot the feed
must get, the electrical efficiency, and the reagent it loses (imported from Earth).
From a regolith composition (:mod:`moonbase.industry.regolith`) it gives yields per
kg of regolith, energy per kg of product, and a closed mass and energy balance:

- mass: products + waste = regolith + imported reagent (exact);
- energy: electricity = chemical enthalpy stored in the products + heat rejected.

The chemical floor is the standard enthalpy of formation of each oxide; process
recoveries, efficiencies and reagent losses are moonbase assumptions stated per
entry. Design note: ``docs/design/lunar_materials.md``.

References
----------
.. [1] M. W. Chase Jr., "NIST-JANAF Thermochemical Tables," 4th ed., J. Phys. Chem.
   Ref. Data Monograph 9 (1998); J. D. Cox, D. D. Wagman, V. A. Medvedev, "CODATA
   Key Values for Thermodynamics," Hemisphere, 1989 (SiO2, TiO2, Al2O3, MgO, CaO,
   H2O); W. M. Haynes (ed.), "CRC Handbook of Chemistry and Physics," 97th ed.,
   2016, sec. 5 (FeO, MnO, Na2O, K2O, P4O10).
.. [2] C. Schwandt, J. A. Hamilton, D. J. Fray, I. A. Crawford, "The production of
   oxygen and metal from lunar regolith," Planet. Space Sci. 74:49-56 (2012),
   doi:10.1016/j.pss.2012.06.011 (review of hydrogen and methane reduction,
   pyrolysis, molten oxide and molten salt electrolysis).
.. [3] NASA ISRU, "Molten Regolith Electrolysis" (isru.nasa.gov): single-step
   electrolysis of molten regolith to oxygen gas and molten metal.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from moonbase.domain import at_least, require as _require, scalar_or_array
from moonbase.errors import ModelDomainError
from moonbase.industry.regolith import (
    MOLAR_MASS_KG_MOL,
    OXIDE_STOICHIOMETRY,
    oxide_mass_fractions,
    oxide_molar_mass_kg_mol,
)

__all__ = [
    "ExtractionProcessName",
    "OXIDE_FORMATION_ENTHALPY_J_MOL",
    "REGOLITH_MEAN_HEAT_CAPACITY_J_KG_K",
    "REGOLITH_HEAT_OF_FUSION_J_KG",
    "ExtractionProcess",
    "ExtractionBalance",
    "PROCESSES",
    "PRODUCTS",
    "extraction_process",
    "reduction_enthalpy_j_kg",
    "feed_heat_j_kg",
    "product_yields_kg_kg",
    "extraction_balance",
    "energy_per_kg_oxygen_j_kg",
    "product_energy_j_kg",
    "city_product_energy_j_kg",
    "regolith_per_product_kg_kg",
]

#: Standard enthalpy of formation at 298.15 K [J/mol] of one formula unit [1].
OXIDE_FORMATION_ENTHALPY_J_MOL = {
    "SiO2": -910.7e3,  # alpha-quartz, CODATA
    "TiO2": -944.0e3,  # rutile, CODATA
    "Al2O3": -1675.7e3,  # corundum, CODATA
    "FeO": -272.0e3,  # wustite, CRC
    "MnO": -385.2e3,  # CRC
    "MgO": -601.6e3,  # CODATA
    "CaO": -634.9e3,  # CODATA
    "Na2O": -414.2e3,  # CRC
    "K2O": -361.5e3,  # CRC
    "P2O5": -1492.0e3,  # half of P4O10 (-2984.0 kJ/mol), CRC
    "H2O": -285.83e3,  # liquid, CODATA (ice: -291.8; the 2 % difference is neglected)
}

# moonbase assumptions (docs/design/lunar_materials.md): mean heat capacity of lunar
# regolith between 250 K and its melting range (it rises from ~0.6 to ~1.2 kJ/(kg K));
# latent heat of fusion of basaltic melt.
REGOLITH_MEAN_HEAT_CAPACITY_J_KG_K = 1.0e3
REGOLITH_HEAT_OF_FUSION_J_KG = 0.4e6
_FEED_START_TEMPERATURE_K = 250.0  # mean near-surface regolith temperature, own round figure

#: Products reported per process: metals by element symbol, "O2" and "glass".
PRODUCTS = ("Si", "Al", "Fe", "Ti", "Mg", "Ca", "O2", "glass")


@dataclass(frozen=True)
class ExtractionProcess:
    """One extraction process (data only).

    ``recovery`` maps oxide -> fraction reduced to metal and oxygen [-];
    ``process_temperature_k`` is the feed temperature; ``melts`` says whether the
    feed is molten (adds the heat of fusion); ``efficiency`` is the fraction of the
    electrical input that ends as reduction enthalpy or feed heat [-];
    ``reagent_loss_kg_per_kg_oxygen`` is reagent (carbon, hydrogen, salt) lost per
    kg of oxygen and imported from Earth [kg/kg]; ``glass`` marks a melt-and-cast
    process whose whole melt is the product.
    """

    name: str
    description: str
    recovery: dict[str, float]
    process_temperature_k: float
    melts: bool
    efficiency: float
    reagent_loss_kg_per_kg_oxygen: float
    glass: bool
    source: str


_OWN = "moonbase assumption (docs/design/lunar_materials.md)"

#: The extraction processes, by the names the scenario uses.
PROCESSES = {
    "molten-regolith-electrolysis": ExtractionProcess(
        name="molten-regolith-electrolysis",
        description="Direct electrolysis of molten regolith: O2 at the anode, Fe-Si-Ti alloy at the cathode.",
        recovery={"FeO": 1.0, "SiO2": 0.5, "TiO2": 0.5},
        process_temperature_k=1873.0, melts=True, efficiency=0.5, reagent_loss_kg_per_kg_oxygen=0.0, glass=False,
        source="NASA ISRU MRE [3], Schwandt et al. 2012 [2]: FeO, then SiO2 and TiO2 reduce; " + _OWN
               + ": recoveries 1.0/0.5/0.5, 1600 C melt, 50 % efficiency, no reagent"),
    "carbothermal": ExtractionProcess(
        name="carbothermal",
        description="Methane/carbon reduction of molten regolith (FeO, part of SiO2), CO reformed to O2.",
        recovery={"FeO": 1.0, "SiO2": 0.3},
        process_temperature_k=1923.0, melts=True, efficiency=0.4, reagent_loss_kg_per_kg_oxygen=0.02, glass=False,
        source="Schwandt et al. 2012 [2]: methane reduction of silicates above ~1600 C; " + _OWN
               + ": recoveries 1.0/0.3, 1650 C, 40 % efficiency, 2 % carbon lost per kg O2"),
    "hydrogen-reduction": ExtractionProcess(
        name="hydrogen-reduction",
        description="Hydrogen reduction of the FeO in ilmenite and glass (solid feed), water electrolysed to O2.",
        recovery={"FeO": 0.5},
        process_temperature_k=1273.0, melts=False, efficiency=0.5, reagent_loss_kg_per_kg_oxygen=0.01, glass=False,
        source="Schwandt et al. 2012 [2]: only FeO reduces with H2 at ~1000 C; " + _OWN
               + ": half of the FeO reachable, 50 % efficiency, 1 % hydrogen lost per kg O2"),
    "molten-salt-electrolysis": ExtractionProcess(
        name="molten-salt-electrolysis",
        description="FFC-Cambridge electro-deoxidation of solid regolith in molten CaCl2: all oxides to alloy + O2.",
        recovery={"SiO2": 0.95, "TiO2": 0.95, "Al2O3": 0.95, "FeO": 0.95, "MgO": 0.9, "CaO": 0.9},
        process_temperature_k=1173.0, melts=False, efficiency=0.4, reagent_loss_kg_per_kg_oxygen=0.005,
        glass=False,
        source="Schwandt et al. 2012 [2]: ~900 C, works on mare and highland feed alike; " + _OWN
               + ": 95 % (90 % MgO, CaO) reduced, 40 % efficiency, 0.5 % salt lost per kg O2"),
    "melt-cast-glass": ExtractionProcess(
        name="melt-cast-glass",
        description="Melting and casting regolith into glass and glass-ceramic parts (no reduction).",
        recovery={},
        process_temperature_k=1773.0, melts=True, efficiency=0.6, reagent_loss_kg_per_kg_oxygen=0.0, glass=True,
        source=_OWN + ": 1500 C melt, 60 % of the electricity reaches the melt"),
}


class ExtractionProcessName(StrEnum):
    """Main process turning regolith into metal and oxygen (the reducing processes of :data:`PROCESSES`)."""

    MOLTEN_REGOLITH_ELECTROLYSIS = "molten-regolith-electrolysis"
    CARBOTHERMAL = "carbothermal"
    HYDROGEN_REDUCTION = "hydrogen-reduction"
    MOLTEN_SALT_ELECTROLYSIS = "molten-salt-electrolysis"


def extraction_process(name: str) -> ExtractionProcess:
    """The registered process called ``name`` (ModelDomainError naming the choices otherwise).

    Examples
    --------
    >>> extraction_process("carbothermal").melts
    True
    """
    if name not in PROCESSES:
        raise ModelDomainError(f"process = {name!r} is unknown; choose one of: {', '.join(PROCESSES)}.")
    return PROCESSES[name]


def reduction_enthalpy_j_kg(oxide: str, per: str = "element") -> float:
    """Enthalpy to reduce an oxide to its element and O2, per kg of element or of O2 [J/kg].

    Parameters
    ----------
    oxide : str
        A key of ``OXIDE_FORMATION_ENTHALPY_J_MOL``.
    per : {"element", "oxygen"}
        Normalise per kg of the freed element (default) or per kg of O2.

    Returns
    -------
    float
        :math:`-\\Delta H_f^\\circ / (n\\,M)` [J/kg]: 31.0 MJ/kg of Al from alumina,
        32.4 MJ/kg of Si from silica, 4.87 MJ/kg of Fe from FeO, 141.8 MJ/kg of H2
        from liquid water (hydrogen's higher heating value).

    Notes
    -----
    The thermodynamic floor at 298 K, reversible and with no feed heating; real
    processes need more (:func:`extraction_balance`).

    Examples
    --------
    >>> round(reduction_enthalpy_j_kg("Al2O3") / 3.6e6, 2)
    8.63
    """
    if oxide not in OXIDE_FORMATION_ENTHALPY_J_MOL:
        raise ModelDomainError(f"oxide = {oxide!r} is unknown; choose one of: "
                               f"{', '.join(OXIDE_FORMATION_ENTHALPY_J_MOL)}.")
    if per not in ("element", "oxygen"):
        raise ModelDomainError(f"per = {per!r} is unknown; choose 'element' or 'oxygen'.")
    element, n_metal, n_oxygen = OXIDE_STOICHIOMETRY[oxide]
    mass = n_metal * MOLAR_MASS_KG_MOL[element] if per == "element" else n_oxygen * MOLAR_MASS_KG_MOL["O"]
    return -OXIDE_FORMATION_ENTHALPY_J_MOL[oxide] / mass


def feed_heat_j_kg(process_temperature_k, melts,
                   heat_capacity_j_kg_k=REGOLITH_MEAN_HEAT_CAPACITY_J_KG_K,
                   heat_of_fusion_j_kg=REGOLITH_HEAT_OF_FUSION_J_KG,
                   start_temperature_k=_FEED_START_TEMPERATURE_K):
    """Heat to bring 1 kg of regolith to process temperature (and melt it) [J/kg].

    Parameters
    ----------
    process_temperature_k : float or array_like
        Feed temperature in the reactor [K], >= ``start_temperature_k``.
    melts : bool or array_like
        Whether the feed is melted (adds the heat of fusion).
    heat_capacity_j_kg_k, heat_of_fusion_j_kg : float, optional
        Mean heat capacity [J/(kg K)] and heat of fusion [J/kg] (own defaults).
    start_temperature_k : float, optional
        Temperature of the mined regolith [K]; default 250 K.

    Returns
    -------
    numpy.ndarray or float
        :math:`c_p (T - T_0) + L\\,[\\text{melt}]` [J/kg]; 2.0 MJ/kg for a 1600 C melt.

    Notes
    -----
    No heat recuperation from hot products to cold feed (counter-flow
    recuperators could return ~half; see the design note).

    Examples
    --------
    >>> round(feed_heat_j_kg(1873.0, True) / 1e6, 2)
    2.02
    """
    temperature = np.asarray(process_temperature_k, dtype=float)
    _require(temperature >= start_temperature_k, "process_temperature_k", process_temperature_k,
             f"a temperature >= {start_temperature_k:g} K (the feed's starting temperature)")
    heat = heat_capacity_j_kg_k * (temperature - start_temperature_k) + heat_of_fusion_j_kg * np.asarray(melts)
    return scalar_or_array(heat)


def _reduced_oxides(process: ExtractionProcess, regolith: str) -> dict[str, float]:
    """Mass of each oxide reduced per kg of regolith [kg/kg]."""
    fractions = oxide_mass_fractions(regolith)
    return {oxide: fractions.get(oxide, 0.0) * share for oxide, share in process.recovery.items()}


def product_yields_kg_kg(process: str, regolith: str) -> dict[str, float]:
    """Mass of each product per kg of regolith processed [kg/kg].

    Parameters
    ----------
    process : str
        A key of ``PROCESSES``.
    regolith : str
        A key of ``moonbase.industry.regolith.OXIDE_WEIGHT_PERCENT``.

    Returns
    -------
    dict of str to float
        Product (``PRODUCTS``: metals by symbol, ``"O2"``, ``"glass"``) -> kg per kg
        of regolith [-]. Metals come out as one alloy; their separation is not
        modelled (its energy is small against reduction, see the design note).

    Examples
    --------
    >>> round(product_yields_kg_kg("hydrogen-reduction", "mare")["O2"], 4)
    0.0171
    """
    spec = extraction_process(process)
    yields = dict.fromkeys(PRODUCTS, 0.0)
    for oxide, reduced in _reduced_oxides(spec, regolith).items():
        element, n_metal, n_oxygen = OXIDE_STOICHIOMETRY[oxide]
        molar = oxide_molar_mass_kg_mol(oxide)
        if element in yields:
            yields[element] += reduced * n_metal * MOLAR_MASS_KG_MOL[element] / molar
        yields["O2"] += reduced * n_oxygen * MOLAR_MASS_KG_MOL["O"] / molar
    if spec.glass:
        yields["glass"] = 1.0
    return yields


@dataclass(frozen=True)
class ExtractionBalance:
    """Mass and energy balance of processing a mass of regolith (arrays broadcast).

    Mass: ``sum(products_kg) + waste_kg == regolith_kg + reagent_import_kg``.
    Energy: ``electric_energy_j == chemical_energy_j + heat_rejected_j``.
    """

    regolith_kg: np.ndarray
    reagent_import_kg: np.ndarray
    products_kg: dict[str, np.ndarray]
    waste_kg: np.ndarray  # slag (unreduced oxides, unrecovered metals) and vented reagent
    electric_energy_j: np.ndarray
    chemical_energy_j: np.ndarray  # reduction enthalpy stored in metals + O2
    heat_rejected_j: np.ndarray


def _specific_balance(spec: ExtractionProcess, regolith: str) -> tuple[float, float, float]:
    """(chemical enthalpy, electricity, O2) per kg of regolith [J/kg, J/kg, kg/kg]."""
    chemical = sum(reduced * -OXIDE_FORMATION_ENTHALPY_J_MOL[oxide] / oxide_molar_mass_kg_mol(oxide)
                   for oxide, reduced in _reduced_oxides(spec, regolith).items())
    heat = feed_heat_j_kg(spec.process_temperature_k, spec.melts)
    electric = (chemical + heat) / spec.efficiency
    oxygen = product_yields_kg_kg(spec.name, regolith)["O2"]
    return chemical, electric, oxygen


def extraction_balance(process: str, regolith: str, regolith_mass_kg) -> ExtractionBalance:
    """Products, waste, imported reagent and energy of processing regolith.

    Parameters
    ----------
    process : str
        A key of ``PROCESSES``.
    regolith : str
        A regolith type (``moonbase.industry.regolith``).
    regolith_mass_kg : float or array_like
        Regolith fed to the process [kg], >= 0.

    Returns
    -------
    ExtractionBalance
        Every mass and energy, same shape as ``regolith_mass_kg``.

    Notes
    -----
    Electricity :math:`E = (\\sum_i m_i (-\\Delta H_{f,i}) / M_i + m\\,q_{feed}) / \\eta`;
    the reduction enthalpy is stored in the products (released again if they
    re-oxidise) and the rest is rejected as heat. Imported reagent
    :math:`r\\, m_{O_2}` is lost to vacuum and counted as waste, so mass balances
    exactly. Linear in the regolith mass (zero in, zero out).

    Examples
    --------
    >>> out = extraction_balance("molten-regolith-electrolysis", "mare", 1000.0)
    >>> round(float(out.products_kg["O2"]))
    163
    """
    spec = extraction_process(process)
    mass = at_least("regolith_mass_kg", regolith_mass_kg, 0.0, "a mass >= 0 kg")
    yields = product_yields_kg_kg(process, regolith)
    chemical, electric, oxygen = _specific_balance(spec, regolith)
    products = {name: mass * value for name, value in yields.items()}
    reagent = mass * oxygen * spec.reagent_loss_kg_per_kg_oxygen
    waste = mass + reagent - sum(products.values())
    return ExtractionBalance(
        regolith_kg=mass, reagent_import_kg=reagent, products_kg=products, waste_kg=waste,
        electric_energy_j=mass * electric, chemical_energy_j=mass * chemical,
        heat_rejected_j=mass * (electric - chemical))


def energy_per_kg_oxygen_j_kg(process: str, regolith: str) -> float:
    """Electricity per kg of oxygen with the metals as free co-products [J/kg].

    Parameters
    ----------
    process, regolith : str
        Registry keys (``PROCESSES``; ``moonbase.industry.regolith``).

    Returns
    -------
    float
        Whole-process electricity / O2 yield [J/kg]; ``inf`` for a process that
        frees no oxygen (glass).

    Notes
    -----
    The usual ISRU figure of merit (kWh per kg O2). With our recoveries and
    efficiencies: MRE on high-Ti mare ~21 kWh/kg, hydrogen reduction ~43
    kWh/kg (its low yield makes feed heating dominate; 110 kWh/kg on FeO-poor
    highland soil).

    Examples
    --------
    >>> round(energy_per_kg_oxygen_j_kg("molten-regolith-electrolysis", "mare") / 3.6e6)
    21
    """
    spec = extraction_process(process)
    _, electric, oxygen = _specific_balance(spec, regolith)
    return electric / oxygen if oxygen > 0.0 else float("inf")


def product_energy_j_kg(process: str, regolith: str) -> dict[str, float]:
    """Electricity per kg of each product, allocated by reduction enthalpy [J/kg].

    Parameters
    ----------
    process, regolith : str
        Registry keys.

    Returns
    -------
    dict of str to float
        Product -> J per kg of that product; 0 for products the process does not
        make. Metals: their oxide's reduction enthalpy per kg of metal plus an
        equal share (per kg of metal) of the feed heat, over the efficiency; O2 is
        then a free co-product (0 here; see :func:`energy_per_kg_oxygen_j_kg` for
        the O2-primary view). Glass: feed heat / efficiency.

    Notes
    -----
    The two allocations are alternative views of the same electricity and must
    not be added. Summing ``yield x energy`` over the metals of this allocation
    returns the process electricity per kg of regolith (tested).

    Examples
    --------
    >>> round(product_energy_j_kg("melt-cast-glass", "highlands")["glass"] / 1e6, 2)
    3.21
    """
    spec = extraction_process(process)
    yields = product_yields_kg_kg(process, regolith)
    heat = feed_heat_j_kg(spec.process_temperature_k, spec.melts)
    energies = dict.fromkeys(PRODUCTS, 0.0)
    if spec.glass:
        energies["glass"] = heat / spec.efficiency
        return energies
    metal_total = sum(yields[name] for name in PRODUCTS if name not in ("O2", "glass"))
    for oxide in spec.recovery:
        element = OXIDE_STOICHIOMETRY[oxide][0]
        if yields.get(element, 0.0) > 0.0:
            energies[element] = (reduction_enthalpy_j_kg(oxide) + heat / metal_total) / spec.efficiency
    return energies


def _alloy_yield_kg_kg(process: str, regolith: str) -> float:
    """Finished product per kg of regolith: the freed metals (one alloy), or the glass [kg/kg]."""
    yields = product_yields_kg_kg(process, regolith)
    return sum(value for name, value in yields.items() if name != "O2")


def city_product_energy_j_kg(process: str, regolith: str) -> float:
    """Electricity per kg of the city's product when the product is the process's metal (or glass) [J/kg].

    Parameters
    ----------
    process, regolith : str
        Registry keys (``PROCESSES``; ``moonbase.industry.regolith``).

    Returns
    -------
    float
        Process electricity per kg of regolith over the metal (or glass) yield
        per kg of regolith [J/kg]; oxygen is a free co-product.

    Notes
    -----
    The derivation of ``lunar.production_energy`` when the scenario gives no
    number (``docs/design/lunar_materials.md``, "From the choices to the
    timeline"): the city's hardware and satellites are taken to be made of the
    alloy the chosen process frees (Fe-Si-Ti for molten regolith electrolysis,
    Fe-Si for carbothermal, Fe for hydrogen reduction, all oxides for molten-salt
    electrolysis) or of cast glass. Extraction only: forming (printing, casting,
    machining) is not added; Metzger et al. (2013)'s whole Table 2 set, forming
    included, draws 58 MJ per kg of parts. Equals the sum of
    :func:`product_energy_j_kg` x yield over the metals, divided by the metal yield.

    Examples
    --------
    >>> round(city_product_energy_j_kg("molten-regolith-electrolysis", "mare") / 1e6)
    52
    """
    return _specific_balance(extraction_process(process), regolith)[1] * regolith_per_product_kg_kg(process, regolith)


def regolith_per_product_kg_kg(process: str, regolith: str) -> float:
    """Regolith mined per kg of the city's product (the process's metal, or glass) [kg/kg].

    Parameters
    ----------
    process, regolith : str
        Registry keys.

    Returns
    -------
    float
        1 / (metal or glass yield per kg of regolith) [-], >= 1.

    Notes
    -----
    The derivation of ``lunar.regolith_per_product`` when the scenario gives no
    number; same product as :func:`city_product_energy_j_kg`. Metzger et al.
    (2013)'s Table 2 set (as restated) mines 5 kg per kg of parts.

    Examples
    --------
    >>> round(regolith_per_product_kg_kg("molten-regolith-electrolysis", "mare"), 1)
    4.1
    """
    product = _alloy_yield_kg_kg(process, regolith)
    if product <= 0.0:
        raise ModelDomainError(f"extraction_process = {process!r} frees no metal from regolith = {regolith!r}; "
                               "choose a process that reduces one of its oxides.")
    return 1.0 / product
