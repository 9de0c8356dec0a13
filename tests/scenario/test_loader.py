"""Scenario loading: presets, ``base`` merging, the TOML round trip and one-line errors.

Error text is part of the contract (STYLE.md section 6): each message is one line
that names the dotted field path and the offending value.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from pydantic import BaseModel

from moonbase.constants import KG_PER_TONNE
from moonbase.errors import ScenarioError
from moonbase.scenario import loader
from moonbase.scenario.loader import (
    load_scenario,
    preset_names,
    preset_text,
    scenario_from_dict,
    scenario_from_toml,
    scenario_to_dict,
    scenario_to_toml,
)
from moonbase.scenario.schema import Scenario

REPO = Path(__file__).resolve().parents[2]
DEFAULTS_NOTE = REPO / "docs" / "design" / "scenario_defaults.md"
ASSUMPTION = "moonbase assumption"
KILOMETRE_M = 1e3
PERCENT = 1e-2


def _keys(model: type[BaseModel]) -> set[str]:
    return {info.alias or name for name, info in model.model_fields.items()}


def _leaf_fields(model: type[BaseModel], prefix: str = ""):
    """(dotted TOML path, FieldInfo) for every non-table field of ``model``."""
    for name, info in model.model_fields.items():
        key = prefix + (info.alias or name)
        if isinstance(info.annotation, type) and issubclass(info.annotation, BaseModel):
            yield from _leaf_fields(info.annotation, key + ".")
        else:
            yield key, info


def _one_line_error(text: str, pattern: str) -> str:
    with pytest.raises(ScenarioError, match=pattern) as caught:
        scenario_from_toml(text, "file 'test.toml'")
    message = str(caught.value)
    assert "\n" not in message, message
    return message


# --- presets and the round trip ---------------------------------------------------------


def test_issue_presets_are_shipped():
    assert {"alpha", "earth-orbit-only", "ground-only"} <= set(preset_names())


@pytest.mark.parametrize("name", preset_names())
def test_every_preset_loads_under_its_own_name(name):
    scenario = load_scenario(name)
    assert scenario.name == name
    assert scenario.description


@pytest.mark.parametrize("name", preset_names())
def test_preset_round_trips_exactly_through_toml(name):
    scenario = load_scenario(name)
    text = scenario_to_toml(scenario)
    again = scenario_from_toml(text)
    assert again == scenario
    assert scenario_to_toml(again) == text


@pytest.mark.parametrize("name", preset_names())
def test_resolved_toml_writes_every_field(name):
    data = tomllib.loads(scenario_to_toml(load_scenario(name)))

    def check(model: type[BaseModel], table: dict, where: str) -> None:
        assert set(table) == _keys(model), where
        for info_name, info in model.model_fields.items():
            if isinstance(info.annotation, type) and issubclass(info.annotation, BaseModel):
                check(info.annotation, table[info.alias or info_name], f"{where}.{info.alias or info_name}")

    check(Scenario, data, "scenario")


def test_alpha_preset_values_in_si():
    alpha = load_scenario("alpha")
    assert alpha.mass_driver.exit_speed_m_s == 2.6 * KILOMETRE_M
    assert alpha.launch.payload_kg == 100 * KG_PER_TONNE
    assert alpha.earth_orbit.design.radiator_emissivity == 0.9
    assert alpha.lunar.local_fractions[-1] == 1.0


def test_preset_disables_tiers():
    assert not load_scenario("earth-orbit-only").lunar.enabled
    ground = load_scenario("ground-only")
    assert not (ground.earth_orbit.enabled or ground.lunar.enabled or ground.deep_space.enabled)


def test_unknown_preset_suggests_the_closest():
    with pytest.raises(ScenarioError, match=r"preset = 'alhpa' is unknown; choose one of: .*Did you mean 'alpha'"):
        preset_text("alhpa")


def test_scenario_to_dict_is_plain_toml_data():
    data = scenario_to_dict(load_scenario("alpha"))
    assert data["mass_driver"]["exit_speed"] == "2.6 km/s"
    assert data["launch"]["payload"] == "100 t"
    assert data["earth_orbit"]["design"]["cell_efficiency"] == 0.22


# --- base = "preset" ----------------------------------------------------------------------


def test_base_with_overrides_changes_only_those_fields():
    text = 'base = "alpha"\nname = "faster"\n[mass_driver]\nexit_speed = "3 km/s"\n'
    scenario = scenario_from_toml(text)
    alpha = load_scenario("alpha")
    assert scenario.name == "faster"
    assert scenario.mass_driver.exit_speed_m_s == 3 * KILOMETRE_M
    assert scenario.mass_driver.model_copy(update={"exit_speed_m_s": alpha.mass_driver.exit_speed_m_s}) == \
        alpha.mass_driver
    assert scenario.model_copy(update={"name": "alpha", "mass_driver": alpha.mass_driver}) == alpha


def test_base_supplies_the_name():
    assert scenario_from_toml('base = "ground-only"\n').name == "ground-only"


def test_base_tables_merge_key_by_key():
    text = 'base = "earth-orbit-only"\n[lunar]\nseed_mass = "50 t"\n'
    scenario = scenario_from_toml(text)
    assert not scenario.lunar.enabled  # kept from the preset's [lunar] table
    assert scenario.lunar.seed_mass_kg == 50 * KG_PER_TONNE  # added by the override
    assert not scenario.deep_space.enabled


@pytest.fixture
def extra_presets(monkeypatch):
    """Add in-memory presets (``child`` builds on ``alpha``; ``loop`` on itself)."""
    extra = {
        "child": 'base = "alpha"\nname = "child"\n[earth_orbit]\nstart_year = 2030\n'
                 '[earth_orbit.design]\ncell_efficiency = 0.3\n',
        "loop": 'base = "loop"\nname = "loop"\n',
    }
    shipped_names, shipped_text = loader.preset_names, loader.preset_text
    monkeypatch.setattr(loader, "preset_names", lambda: sorted([*shipped_names(), *extra]))
    monkeypatch.setattr(loader, "preset_text", lambda name: extra[name] if name in extra else shipped_text(name))
    return extra


def test_nested_base_merges_nested_tables(extra_presets):
    text = ('base = "child"\nname = "grandchild"\n[earth_orbit.design]\nradiator_emissivity = 0.8\n'
            '[mass_driver]\nexit_speed = "2.8 km/s"\n')
    scenario = scenario_from_toml(text)
    design = scenario.earth_orbit.design
    assert scenario.name == "grandchild"
    assert design.cell_efficiency == 0.3  # from child
    assert design.radiator_emissivity == 0.8  # from the file
    assert design.packing_factor == load_scenario("alpha").earth_orbit.design.packing_factor  # schema default
    assert scenario.earth_orbit.start_year == 2030  # child's sibling key survives the nested merge
    assert scenario.mass_driver.exit_speed_m_s == 2.8 * KILOMETRE_M


def test_self_referencing_base_is_an_error(extra_presets):
    _one_line_error('base = "loop"\n', r"^base = 'loop' in preset 'loop' nests more than \d+ presets deep")


def test_base_must_be_a_preset_name():
    _one_line_error("base = 3\n", r"^base = 3 in file 'test\.toml' is not a preset name; choose one of: alpha")
    _one_line_error('base = "alhpa"\n', r"^preset = 'alhpa' is unknown; .*Did you mean 'alpha'")


def test_override_can_be_validated_from_a_dict():
    scenario = scenario_from_dict({"base": "alpha", "launch": {"payload": "150 t"}})
    assert scenario.launch.payload_kg == 150 * KG_PER_TONNE


# --- load_scenario from files ---------------------------------------------------------------


def test_load_scenario_reads_a_file(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('base = "alpha"\nname = "mine"\n[launch]\npayload = "150 t"\n', encoding="utf-8")
    assert load_scenario(path).launch.payload_kg == 150 * KG_PER_TONNE
    assert load_scenario(str(path)).name == "mine"


def test_load_scenario_missing_file_suggests_a_preset(tmp_path):
    with pytest.raises(ScenarioError, match=r"^scenario = 'alpa' is neither a preset .* Did you mean preset 'alpha'"):
        load_scenario("alpa")
    with pytest.raises(ScenarioError, match=r"nor an existing TOML file"):
        load_scenario(tmp_path / "absent.toml")


def test_load_scenario_rejects_directories_and_binary_files(tmp_path):
    with pytest.raises(ScenarioError, match=r"is a directory; expected a TOML file"):
        load_scenario(tmp_path)
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"\xff\xfe\x00name")
    with pytest.raises(ScenarioError, match=r"cannot be read \(UnicodeDecodeError\); expected a readable UTF-8"):
        load_scenario(binary)


def test_malformed_toml_names_the_file_and_line(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text('name = "x"\n[mass_driver\nexit_speed = "2 km/s"\n', encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"^file 'broken\.toml' is not valid TOML: .*line 2") as caught:
        load_scenario(path)
    assert "\n" not in str(caught.value)


# --- one-line errors naming the dotted path and the value ----------------------------------

ALPHA = 'base = "alpha"\n'


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        pytest.param(ALPHA + '[mass_driver]\nexit_speed = "2.5 kg"\n',
                     r"^mass_driver\.exit_speed = '2\.5 kg' has unit 'kg' \(mass\); expected a speed", id="wrong-unit"),
        pytest.param(ALPHA + '[mass_driver]\nexit_speed = "0 km/s"\n',
                     r"^mass_driver\.exit_speed = '0 km/s' is outside the valid range > 0 km/s", id="zero-exit-speed"),
        pytest.param(ALPHA + '[mass_driver]\nexit_speed = "-2 km/s"\n',
                     r"^mass_driver\.exit_speed = '-2 km/s' is outside the valid range > 0 km/s", id="negative-speed"),
        pytest.param(ALPHA + '[mass_driver]\npayload_mass = "-1 t"\n',
                     r"^mass_driver\.payload_mass = '-1 t' is outside the valid range > 0 t", id="negative-mass"),
        pytest.param(ALPHA + '[launch]\npayload = "-5 kg"\n',
                     r"^launch\.payload = '-5 kg' is outside the valid range > 0 t", id="negative-mass-kg"),
        pytest.param(ALPHA + '[mass_driver]\nefficiency = "1.3"\n',
                     r"^mass_driver\.efficiency = '1\.3' is outside the valid range \(0, 1\]", id="efficiency-text"),
        pytest.param(ALPHA + "[mass_driver]\nefficiency = 1.3\n",
                     r"^mass_driver\.efficiency = 1\.3 is outside the valid range \(0, 1\]", id="efficiency-number"),
        pytest.param(ALPHA + '[mass_driver]\nefficiency = "130 %"\n',
                     r"^mass_driver\.efficiency = '130 %' is outside the valid range \(0, 1\]", id="efficiency-percent"),
        pytest.param(ALPHA + "[mass_driver]\nefficiency = 0\n",
                     r"^mass_driver\.efficiency = 0 is outside the valid range \(0, 1\]", id="efficiency-zero"),
        pytest.param(ALPHA + "[earth_orbit.design]\nradiator_emissivity = 1.3\n",
                     r"^earth_orbit\.design\.radiator_emissivity = 1\.3 is outside the valid range \(0, 1\]; emissivity",
                     id="emissivity-number"),
        pytest.param(ALPHA + '[deep_space.design]\nradiator_emissivity = "130 %"\n',
                     r"^deep_space\.design\.radiator_emissivity = '130 %' is outside the valid range", id="emissivity-percent"),
        pytest.param(ALPHA + "[compute]\nspace_share = 90\n",
                     r"^compute\.space_share = 90 is outside the valid range \[0, 1\]; it is a fraction, not a percent",
                     id="percent-as-number"),
        pytest.param(ALPHA + "[lunar]\nlocal_fractions = [0.0, 0.5, 1.5]\n",
                     r"^lunar\.local_fractions\[2\] = 1\.5 is outside the valid range \[0, 1\]", id="list-index"),
        pytest.param(ALPHA + '[lunar]\nlocal_fractions = [0.0, "2 kg"]\n',
                     r"^lunar\.local_fractions\[1\] = '2 kg' has unit 'kg'", id="list-index-unit"),
        pytest.param(ALPHA + '[lunar]\nlocal_fractions = "0.5"\n',
                     r"^lunar\.local_fractions = '0\.5' is invalid: .*list", id="list-not-list"),
        pytest.param(ALPHA + "[span]\nstart_year = 2050\nend_year = 2040\n",
                     r"^span\.end_year = 2040 is before start_year = 2050", id="end-before-start"),
        pytest.param(ALPHA + "[span]\nend_year = 2040.5\n",
                     r"^span\.end_year = 2040\.5 is invalid: .*integer", id="fractional-year"),
        pytest.param(ALPHA + "[span]\nsteps_per_year = 0\n",
                     r"^span\.steps_per_year = 0 is invalid: .*greater than or equal to 1", id="zero-steps"),
        pytest.param(ALPHA + "[earth_orbit.design]\nstructure_mass_fraction = 0.6\nother_mass_fraction = 0.5\n",
                     r"^earth_orbit\.design: structure_mass_fraction \+ other_mass_fraction = 1\.1 must be below 1",
                     id="mass-fractions-sum"),
        pytest.param(ALPHA + "[launch]\npayload = 100\n",
                     r"^launch\.payload = 100 has no unit; expected a mass with its unit, for example \"100 t\"",
                     id="bare-number"),
        pytest.param(ALPHA + "[launch]\npayload = true\n", r"^launch\.payload = True is a boolean", id="boolean"),
        pytest.param(ALPHA + '[launch]\npayload = "1 500 t"\n',
                     r"^launch\.payload = '1 500 t' has a number inside its unit", id="digit-group"),
        pytest.param(ALPHA + '[mass_driver]\nlatitude = "100 deg"\n',
                     r"^mass_driver\.latitude = '100 deg' is outside the valid range \[-90, 90\] deg", id="latitude"),
        pytest.param(ALPHA + '[trajectory]\nescape_model = "nbody"\n',
                     r"^trajectory\.escape_model = 'nbody' is unknown; .*'patched_conic'", id="enum"),
        pytest.param(ALPHA + "mass_driver = 3\n",
                     r"^mass_driver = 3 should be a table \(\[mass_driver\]\) of fields", id="scalar-for-table"),
        pytest.param('name = ""\n', r"^name = '' is invalid: .*at least 1 character", id="empty-name"),
        pytest.param('description = "no name"\n', r"^name is required but missing", id="missing-name"),
        pytest.param("", r"^name is required but missing", id="empty-file"),
    ],
)
def test_bad_input_is_one_line_naming_path_and_value(text, pattern):
    _one_line_error(text, pattern)


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        pytest.param(ALPHA + 'nmae = "x"\n', r"^nmae is an unknown key; expected one of: name, .*Did you mean 'name'\?$",
                     id="top-level"),
        pytest.param(ALPHA + "[mass_drivr]\nefficiency = 0.5\n",
                     r"^mass_drivr is an unknown key; .*Did you mean 'mass_driver'\?$", id="section"),
        pytest.param(ALPHA + '[mass_driver]\nexit_sped = "2 km/s"\n',
                     r"^mass_driver\.exit_sped is an unknown key; expected one of: .*exit_speed.*Did you mean 'exit_speed'\?$",
                     id="nested-key"),
        pytest.param(ALPHA + "[earth_orbit.design]\nradiator_emisivity = 0.9\n",
                     r"^earth_orbit\.design\.radiator_emisivity is an unknown key; .*Did you mean 'radiator_emissivity'\?$",
                     id="design-table"),
        pytest.param(ALPHA + '[mass_driver]\nexit_speed_m_s = 2600.0\n',
                     r"^mass_driver\.exit_speed_m_s is an unknown key; .*Did you mean 'exit_speed'\?$",
                     id="python-attribute-name"),
        pytest.param(ALPHA + "[launch]\nzzz = 1\n", r"^launch\.zzz is an unknown key; expected one of: name, initial_rate, .*, vehicles",
                     id="no-close-match"),
    ],
)
def test_unknown_keys_suggest_the_closest(text, pattern):
    _one_line_error(text, pattern)


def test_several_errors_are_reported_on_one_line():
    message = _one_line_error(ALPHA + "[mass_driver]\nefficiency = 1.3\navailability = 2\n",
                              r"^mass_driver\.efficiency = 1\.3 is outside")
    assert message.endswith("(1 more error)")


def test_malformed_toml_is_one_line():
    _one_line_error('name = "x"\nexit_speed = \n', r"^file 'test\.toml' is not valid TOML: .*line 2.*expected key = value")


# --- the design note argues every assumed default --------------------------------------------


def test_every_moonbase_assumption_is_argued_in_the_design_note():
    """Each assumed default is argued: in scenario_defaults.md by dotted path, or in the
    design note its source names (``docs/design/<note>.md``) by dotted path or key."""
    note = DEFAULTS_NOTE.read_text(encoding="utf-8")
    assumed = [(path, (info.json_schema_extra or {}).get("source", "")) for path, info in _leaf_fields(Scenario)
               if ASSUMPTION in (info.json_schema_extra or {}).get("source", "")]
    assert assumed, "the schema marks no field as a moonbase assumption"
    missing = []
    for path, source in assumed:
        if re.search(rf"`{re.escape(path)}`", note):
            continue
        named = re.search(r"docs/design/([\w.-]+\.md)", source)
        own = DEFAULTS_NOTE.parent / named.group(1) if named else None
        if own is not None and own != DEFAULTS_NOTE and own.exists():
            text = own.read_text(encoding="utf-8")
            key = path.rsplit(".", 1)[-1]
            if re.search(rf"`({re.escape(path)}|{re.escape(key)})\b", text):
                continue
        missing.append(path)
    assert not missing, f"not argued in {DEFAULTS_NOTE.name} nor in the note each source names: {missing}"


def test_every_field_documents_meaning_and_source():
    for path, info in _leaf_fields(Scenario):
        assert info.description, path
        assert (info.json_schema_extra or {}).get("source"), path


def test_deeply_nested_toml_is_one_line_not_a_crash():
    _one_line_error('name = "x"\na = ' + "[" * 100_000, r"nests tables or arrays too deeply|not valid TOML")
