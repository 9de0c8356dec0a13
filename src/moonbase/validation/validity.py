"""Model families: what each covers, when a run uses it, and its validated input range.

This is the one registry the credibility evidence is built from:

- :data:`FAMILIES` groups the model modules into families (solar and thermal,
  satellites, launch, mass driver, trajectories, lunar industry, lunar city,
  Kardashev, the timeline itself). A published case in ``validation/`` belongs to the
  family whose module it calls (:func:`family_of_model`), so ``moonbase validate``,
  the documentation and every run's report count cases per family the same way.
- Each family says when a run uses it (:attr:`ModelFamily.used_when`: the scenario
  switches that must be on) and lists :class:`ValidityRange` entries: the scenario
  inputs for which the family's models were checked against published data, with the
  basis of each range. :func:`inputs_outside_validity` checks a resolved scenario
  against them.
- The family's references are read from the numbered ``.. [n]`` entries of its
  modules' docstrings (:func:`family_references`): the code cites its sources once,
  and the report and the documentation list them from there.

A value outside its range is not an error: the models still compute, but the result
is an extrapolation beyond the published evidence, and the report says so.
"""

from __future__ import annotations

import importlib
import inspect
import re
from dataclasses import dataclass, field
from functools import lru_cache

import astropy.units as u
import numpy as np

from moonbase.scenario import units as _units
from moonbase.scenario.params import timeline_params  # the flat SI view every model sees
from moonbase.scenario.schema import Scenario

__all__ = [
    "FAMILIES", "ModelFamily", "OutOfRange", "ValidityRange", "families_used", "family",
    "family_of_model", "family_references", "inputs_outside_validity", "parse_references",
]


@dataclass(frozen=True)
class ValidityRange:
    """The validated range of one scenario input, in its display unit.

    ``key`` is the flat parameter name of :func:`moonbase.scenario.params.timeline_params`
    (SI value); ``low`` and ``high`` are in ``unit`` (``""`` for a dimensionless input).
    """

    key: str
    low: float
    high: float
    unit: str
    basis: str

    def _scale(self) -> float:
        """SI value of one display unit."""
        if not self.unit:
            return 1.0
        return float(u.Quantity(1.0, _units.unit(self.unit)).to_value(_units.si_unit(self.unit)))

    def si_bounds(self) -> tuple[float, float]:
        """The bounds converted to SI (the unit of the parameter arrays)."""
        scale = self._scale()
        return self.low * scale, self.high * scale

    def display(self, si_value: float) -> str:
        """An SI value written in this range's display unit."""
        return f"{si_value / self._scale():.4g} {self.unit}".rstrip()

    def range_text(self) -> str:
        """``"[low, high] unit"``."""
        return f"[{self.low:g}, {self.high:g}] {self.unit}".rstrip()


@dataclass(frozen=True)
class ModelFamily:
    """A group of models documented, validated and reported together."""

    key: str
    title: str
    summary: str
    modules: tuple[str, ...]
    used_when: tuple[str, ...] = ()  # params keys that must all be > 0.5 (switches)
    ranges: tuple[ValidityRange, ...] = ()
    design_notes: tuple[str, ...] = ()  # file names under docs/design/
    verification: str = ""  # what checks the family besides published cases
    in_timeline: bool = True  # False: stand-alone analyses that a timeline run never calls
    extra: dict[str, str] = field(default_factory=dict)


_ANY_SATELLITES = ("earth_orbit.enabled|deep_space.enabled",)

FAMILIES: tuple[ModelFamily, ...] = (
    ModelFamily(
        key="solar_thermal",
        title="Solar power and thermal control",
        summary=("Sunlight at a distance from the Sun, photovoltaic array output and its "
                 "temperature and ageing losses, grey-body radiators, and the time a satellite "
                 "spends in Earth's shadow."),
        modules=("moonbase.physics.solar_flux", "moonbase.physics.photovoltaics",
                 "moonbase.physics.radiator", "moonbase.physics.eclipse"),
        used_when=_ANY_SATELLITES,
        ranges=(
            ValidityRange("deep_space.heliocentric_distance_m", 0.72, 1.53, "AU",
                          "inverse-square flux checked at Venus (0.723 AU) and Mars (1.524 AU) against "
                          "the NASA planetary fact sheets; the array and radiator models assume near-1 AU "
                          "illumination and temperatures"),
            ValidityRange("earth_orbit.design.cell_efficiency", 0.10, 0.35, "",
                          "array output checked at 22 % cells (Starlink v2 mini, Agüera y Arcas et al. 2025, "
                          "Table 1); the single-efficiency temperature model is our assumption for "
                          "10-35 % flat-plate cells"),
            ValidityRange("deep_space.design.cell_efficiency", 0.10, 0.35, "",
                          "as for earth_orbit.design.cell_efficiency"),
            ValidityRange("earth_orbit.design.radiator_temperature_k", 250.0, 400.0, "K",
                          "grey-body radiator checked at 293 K against the Starcloud white paper's "
                          "770 and 633 W/m2; the neglected terms are sized in docs/design/radiator.md for "
                          "panels of a few hundred kelvin"),
            ValidityRange("deep_space.design.radiator_temperature_k", 250.0, 400.0, "K",
                          "as for earth_orbit.design.radiator_temperature_k"),
        ),
        design_notes=("radiator.md", "eclipse.md"),
        verification="energy balance, zero-in zero-out and shape tests in tests/physics/.",
    ),
    ModelFamily(
        key="satellites",
        title="Satellites, links and their economics",
        summary=("A compute satellite sized from its parts (accelerators, array, radiator, "
                 "battery, shielding, propulsion, optical terminals), its orbit environment and "
                 "radiation dose, optical links, the accelerator efficiency roadmap, and the price "
                 "of launched power."),
        modules=("moonbase.spacecraft.mass_budget", "moonbase.spacecraft.design",
                 "moonbase.scenario.satellite_design",
                 "moonbase.spacecraft.environment", "moonbase.spacecraft.compute_roadmap",
                 "moonbase.spacecraft.links", "moonbase.spacecraft.economics",
                 "moonbase.spacecraft.workloads", "moonbase.physics.optical_link"),
        used_when=_ANY_SATELLITES,
        ranges=(
            ValidityRange("earth_orbit.altitude_m", 300.0, 1200.0, "km",
                          "orbit environment and eclipse cases at 400 km (ISS) and 650 km (SSO); above "
                          "about 1,200 km the inner radiation belt raises the dose well beyond the "
                          "tabulated LEO rates"),
            ValidityRange("earth_orbit.design.design_life_s", 1.0, 12.5, "yr",
                          "launched-power price cases use 5- and 12.5-year lives (Agüera y Arcas et al., "
                          "Starcloud)"),
            ValidityRange("deep_space.design.design_life_s", 1.0, 12.5, "yr",
                          "as for earth_orbit.design.design_life_s"),
        ),
        design_notes=("satellite_design.md", "satellite_mass_budget.md", "satellite_environment.md",
                      "satellite_economics.md", "optical_link.md", "workloads.md", "compute_roadmap.md"),
        verification="mass and power closure, limits and shape tests in tests/spacecraft/.",
    ),
    ModelFamily(
        key="launch",
        title="Earth launch",
        summary=("Heavy-launch cadence (logistic growth to a ceiling) and launch price by "
                 "Wright's learning curve on cumulative launched mass, with a price floor."),
        modules=("moonbase.launch.cadence", "moonbase.launch.price_learning"),
        ranges=(
            ValidityRange("launch.learning_rate", 0.10, 0.30, "",
                          "Wright's 80 % curve (20 %) is the published case; 10-30 % brackets the "
                          "learning rates argued in docs/design/launch_learning.md"),
        ),
        design_notes=("launch_learning.md",),
        verification="monotonicity, floor asymptote and inverse round-trip tests in tests/launch/.",
    ),
    ModelFamily(
        key="mass_driver",
        title="Lunar mass driver",
        summary=("Track kinematics (jerk-limited ramp, constant acceleration, braking), coil-stage "
                 "electromagnetics, energy per launch, pulse power storage and the solar field, "
                 "machine mass, and launch throughput."),
        modules=("moonbase.massdriver.kinematics", "moonbase.massdriver.electromagnetics",
                 "moonbase.massdriver.energy", "moonbase.massdriver.power_storage",
                 "moonbase.massdriver.mass_model", "moonbase.massdriver.design",
                 "moonbase.massdriver.throughput", "moonbase.massdriver.trade_study",
                 "moonbase.massdriver.fleet"),
        used_when=("lunar.enabled", "deep_space.enabled"),
        ranges=(
            ValidityRange("mass_driver.exit_speed_m_s", 0.034, 0.112, "km/s",
                          "built electromagnetic launchers: Mass Driver 1 (34 m/s), EMALS (67 m/s), Mass "
                          "Driver 2 (112 m/s); NASA SP-413's 2.4 km/s lunar launcher is a design study. "
                          "Kinematics is exact at any speed; coil, energy and mass figures beyond 112 m/s "
                          "are extrapolations"),
            ValidityRange("mass_driver.max_acceleration_m_s2", 24.0, 4904.0, "m/s2",
                          "from EMALS (2.5 g) to Mass Driver 2 (500 g)"),
            ValidityRange("mass_driver.payload_mass_kg", 0.5, 45000.0, "kg",
                          "from Mass Driver 1's 0.5 kg bucket to EMALS's 45 t aircraft"),
        ),
        design_notes=("mass_driver_machine.md", "mass_driver_fleet.md"),
        verification="energy conservation and kinematic identities in tests/massdriver/.",
    ),
    ModelFamily(
        key="trajectories",
        title="Trajectories and escape",
        summary=("Where mass-driver payloads go: the patched-conic escape verdict from a lunar "
                 "site and track, and the ephemeris-driven N-body propagator of payload ensembles "
                 "(DE421) with their fates."),
        modules=("moonbase.orbits.patched_conics", "moonbase.orbits.lunar_site",
                 "moonbase.orbits.ephemeris", "moonbase.orbits.frames",
                 "moonbase.orbits.propagator", "moonbase.orbits.ensembles", "moonbase.orbits.fates"),
        used_when=("lunar.enabled", "deep_space.enabled"),
        ranges=(
            ValidityRange("mass_driver.exit_speed_m_s", 2.38, 3.5, "km/s",
                          "patched-conic thresholds (2.41-3.42 km/s over all tracks) checked against a "
                          "restricted three-body integration to +/-25 m/s; below lunar escape "
                          "(2.38 km/s) nothing leaves (docs/design/patched_conic_escape.md)"),
        ),
        design_notes=("patched_conic_escape.md", "propagator.md", "ephemeris_frames.md", "fates.md"),
        verification=("CR3BP cross-check of the escape threshold, energy and Jacobi-constant "
                      "conservation in tests/orbits/, tolerance convergence in tests/reliability/."),
    ),
    ModelFamily(
        key="industry",
        title="Lunar industry",
        summary=("A self-replicating lunar industry: generation recursion and local-manufacture "
                 "fraction, regolith composition and extraction energy, illumination and solar "
                 "power at a site, land and power limits, the satellite bill of materials, and "
                 "a chip fab's output, power and mass from its wafer capacity."),
        modules=("moonbase.industry.bootstrap", "moonbase.industry.lunar_power",
                 "moonbase.industry.regolith", "moonbase.industry.extraction",
                 "moonbase.industry.limits", "moonbase.industry.satellite_bom",
                 "moonbase.industry.production", "moonbase.industry.city_run",
                 "moonbase.industry.transmission", "moonbase.industry.chip_fab"),
        used_when=("lunar.enabled",),
        ranges=(
            ValidityRange("lunar.replication_time_s", 1.0, 4.0, "yr",
                          "generation recursion reproduces Metzger et al. (2013) with 2-year "
                          "generations; within a factor of two of that is our assumption"),
            ValidityRange("lunar.generation_interval_s", 1.0, 4.0, "yr",
                          "as for lunar.replication_time_s"),
            ValidityRange("lunar.illumination_fraction", 0.4, 0.94, "",
                          "illumination cases from a low-latitude site (40 %, Metzger et al. 2013) to "
                          "two polar ridge points together (94 %, Bussey et al. 2010)"),
        ),
        design_notes=("lunar_bootstrap.md", "lunar_limits.md", "lunar_materials.md", "mass_driver_fleet.md",
                      "chip_fab.md"),
        verification="mass balance and limit tests in tests/industry/ and tests/timeline/.",
    ),
    ModelFamily(
        key="city",
        title="Lunar city",
        summary=("Crew needed given automation and teleoperation over a 2.56 s light round trip, "
                 "habitat shells with regolith shielding against the surface dose, life-support "
                 "loops and greenhouses, and the city's self-sufficiency and Earth resupply."),
        modules=("moonbase.city.population", "moonbase.city.habitat",
                 "moonbase.city.life_support", "moonbase.city.self_sufficiency"),
        used_when=("lunar.enabled", "city.enabled"),
        ranges=(
            ValidityRange("city.water_recovery", 0.0, 0.98, "",
                          "98 % is the ISS water-recovery figure, the best demonstrated loop"),
        ),
        design_notes=("lunar_city.md",),
        verification="mass balance of the consumables and resupply books in tests/city/.",
    ),
    ModelFamily(
        key="kardashev",
        title="Kardashev scale and growth",
        summary=("Sagan's continuous Kardashev index of a civilization's power, logistic growth "
                 "paths, and the time to reach a fraction of the Sun's output."),
        modules=("moonbase.physics.kardashev", "moonbase.physics.logistic",
                 "moonbase.industry.kardashev_trajectory"),
        design_notes=("kardashev_trajectory.md",),
        verification="exact inverse and limit tests in tests/physics/test_kardashev.py.",
    ),
    ModelFamily(
        key="economics",
        title="Economics and peer comparisons",
        summary=("Finance (cost of capital, capital recovery, NPV, IRR), Earth data-centre "
                 "baselines, the levelised cost of compute by tier, and side-by-side runs of "
                 "published peer models (McCalip, spacedc-mdao, Starcloud). Stand-alone "
                 "analyses (moonbase economics): a timeline run does not call them."),
        modules=("moonbase.economics.finance", "moonbase.economics.learning_curve",
                 "moonbase.economics.earth_baselines",
                 "moonbase.economics.lcoc", "moonbase.economics.tier_costs",
                 "moonbase.economics.delivered", "moonbase.economics.crossover",
                 "moonbase.economics.investor", "moonbase.economics.overview",
                 "moonbase.economics.ledger", "moonbase.economics.peers", "moonbase.economics.provenance"),
        in_timeline=False,
        design_notes=("economics_finance.md", "economics_lcoc.md", "peer_comparison.md"),
        verification=("worked finance examples and peer-model reproductions (src/moonbase/validation/data/economics, "
                      "src/moonbase/validation/data/peers) and the tests in tests/economics/."),
    ),
    ModelFamily(
        key="timeline",
        title="The system model (timeline)",
        summary=("The stock-and-flow model that ties the families together in monthly steps, "
                 "vectorised over samples: cohorts with failure, degradation and retirement, "
                 "rationing of shared limits, and the binding constraint of each tier."),
        modules=("moonbase.timeline.system", "moonbase.timeline.cohorts", "moonbase.jit",
                 "moonbase.spacecraft.tier", "moonbase.spacecraft.bus_learning", "moonbase.industry.step",
                 "moonbase.massdriver.capacity", "moonbase.orbits.escape",
                 "moonbase.city.step", "moonbase.validation.system_studies"),
        ranges=(
            ValidityRange("span.steps_per_year", 12.0, 96.0, "",
                          "convergence under step halving is measured from monthly steps up "
                          "(tests/reliability/test_convergence.py); coarser steps are not verified"),
        ),
        design_notes=("timeline.md", "scenario_defaults.md", "uncertainty.md"),
        verification=("whole-system cases run the coupled timeline on a published study's inputs "
                      "(src/moonbase/validation/data/system); exact mass balance, cohort identities and "
                      "step-halving convergence in tests/timeline/ and tests/reliability/."),
    ),
)

_BY_KEY = {f.key: f for f in FAMILIES}


def family(key: str) -> ModelFamily:
    """The family registered under ``key``; ``KeyError`` names the known keys."""
    try:
        return _BY_KEY[key]
    except KeyError:
        raise KeyError(f"model family {key!r} is unknown; choose one of: {', '.join(_BY_KEY)}") from None


def family_of_model(model: str) -> str | None:
    """The family key of a ``"module:function"`` model path (longest module match), or None."""
    module = model.partition(":")[0]
    best: tuple[int, str | None] = (0, None)
    for fam in FAMILIES:
        for name in fam.modules:
            if (module == name or module.startswith(name + ".")) and len(name) > best[0]:
                best = (len(name), fam.key)
    return best[1]


def _switch_on(params: dict, expression: str) -> bool:
    return any(bool(np.any(np.asarray(params[key]) > 0.5)) for key in expression.split("|"))


def families_used(scenario: Scenario, params: dict | None = None) -> tuple[ModelFamily, ...]:
    """The families a run of ``scenario`` calls (every family whose switches are on)."""
    p = _params(scenario) if params is None else params
    return tuple(f for f in FAMILIES if f.in_timeline and all(_switch_on(p, e) for e in f.used_when))


@dataclass(frozen=True)
class OutOfRange:
    """One scenario input outside the validated range of a family the run uses."""

    family: str
    key: str
    value: str
    valid: str
    basis: str

    def text(self) -> str:
        """One sentence for the report."""
        return f"{self.key} = {self.value} is outside the validated range {self.valid} ({self.basis})."


def _params(scenario: Scenario) -> dict:
    return timeline_params(scenario, 1)


def inputs_outside_validity(scenario: Scenario, params: dict | None = None) -> list[OutOfRange]:
    """Inputs of ``scenario`` outside the validated ranges of the families it uses.

    With sampled ``params`` (Monte Carlo) a key is reported when any sample is
    outside; the value shown is the extreme one.
    """
    p = _params(scenario) if params is None else params
    found: list[OutOfRange] = []
    for fam in families_used(scenario, p):
        for rng in fam.ranges:
            if rng.key not in p:
                continue
            values = np.asarray(p[rng.key], dtype=float)
            low, high = rng.si_bounds()
            # relative slack of 1e-9: bounds written in display units round-trip through SI
            below = values < low - 1e-9 * abs(low)
            above = values > high + 1e-9 * abs(high)
            if np.any(below | above):
                worst = float(values[below].min() if np.any(below) else values[above].max())
                found.append(OutOfRange(fam.key, rng.key, rng.display(worst), rng.range_text(), rng.basis))
    return found


_REFERENCE = re.compile(r"^\.\. \[[^\]]+\]\s*(?P<text>.*)$")


def parse_references(docstring: str | None) -> list[str]:
    """The ``.. [n] ...`` entries of a numpydoc docstring, each joined onto one line."""
    if not docstring:
        return []
    entries: list[list[str]] = []
    current: list[str] | None = None
    for line in inspect.cleandoc(docstring).splitlines():
        match = _REFERENCE.match(line.strip())
        if match:
            current = [match.group("text").strip()]
            entries.append(current)
        elif current is not None and line.startswith((" ", "\t")) and line.strip():
            current.append(line.strip())
        else:
            current = None
    return [" ".join(parts) for parts in entries if parts and parts[0]]


@lru_cache(maxsize=None)
def family_references(key: str) -> tuple[str, ...]:
    """References cited by the modules of a family (module and function docstrings), de-duplicated."""
    seen: dict[str, str] = {}
    for module_name in family(key).modules:
        module = importlib.import_module(module_name)
        docs = [module.__doc__] + [
            obj.__doc__ for name, obj in sorted(vars(module).items())
            if (inspect.isfunction(obj) or inspect.isclass(obj))
            and getattr(obj, "__module__", None) == module_name and not name.startswith("_")]
        for doc in docs:
            for reference in parse_references(doc):
                seen.setdefault(" ".join(reference.lower().split()), reference)
    return tuple(seen.values())
