"""The author's guide: its field reference is generated from the models and kept current."""

from __future__ import annotations

import copy
import re

from engine.guide import field_reference
from engine.scenario import scenario_json_schema
from tests.engine.conftest import ROOT

UNITS = re.compile(
    r"\b(days?|probability|share|number of|multiplier|years|budget units|degrees|points|"
    r"whole number|measure value|quantity|count|money units|factor|fraction|percent|ratio|"
    r"rate|weight|grade|level)\b|%"
)


def every_field(schema):
    yield "Scenario", schema
    yield from schema["$defs"].items()


def test_committed_field_reference_is_current():
    """Regenerate with: .venv/bin/python -m engine guide > scenarios/FIELDS.md"""
    assert (ROOT / "scenarios" / "FIELDS.md").read_text(encoding="utf-8") == field_reference()


def test_every_field_is_described_with_its_unit():
    missing, unitless = [], []
    for model, node in every_field(scenario_json_schema()):
        for name, p in node.get("properties", {}).items():
            text = p.get("description", "")
            if not text.strip():
                missing.append(f"{model}.{name}")
            numeric = {"number", "integer"} & {
                p.get("type"), *(b.get("type") for b in p.get("anyOf", []))
            }
            if numeric and not UNITS.search(text):
                unitless.append(f"{model}.{name}: {text}")
    assert missing == [] and unitless == []


def test_a_new_field_appears_in_the_reference():
    schema = copy.deepcopy(scenario_json_schema())
    schema["$defs"]["Legal"]["properties"]["penalties"] = {
        "type": "number", "minimum": 0, "description": "years of prison on conviction"}
    out = field_reference(schema)
    assert "| `penalties` | number (≥ 0) | none | years of prison on conviction |" in out


def test_every_part_of_a_scenario_has_a_section():
    out = field_reference()
    for name in ("Scenario", "Country", "Partner", "Location", "Route", "Leg", "Network",
                 "MemberGroup", "Relation", "Shipments", "Adaptation", "IntelSource",
                 "Resources", "Legal", "Inject", "Objective", "Thresholds", "Range"):
        assert f"\n### {name}\n" in out, name


GUIDE = (ROOT / "scenarios" / "README.md").read_text(encoding="utf-8")


def test_the_worked_example_is_valid_against_the_curriculum():
    from engine.loader import load_scenario_text, module_ids_in

    block = GUIDE.split("<!-- example:start -->")[1].split("<!-- example:end -->")[0]
    text = block.strip().removeprefix("```yaml").removesuffix("```")
    scenario = load_scenario_text(text, "example.yaml",
                                  modules=module_ids_in(ROOT / "curriculum" / "en"))
    assert scenario.id == "pangolin-scales-lagos" and len(scenario.objectives) == 2


def test_the_guide_names_every_relation_the_engine_reads_and_every_measure():
    from engine.network import RELATION_EFFECTS
    from engine.objectives import Measure

    for kind in RELATION_EFFECTS:
        assert f"| `{kind}` |" in GUIDE
    for measure in Measure:
        assert f"| `{measure.value}` |" in GUIDE


def test_a_countrys_name_is_described_as_the_authors_label_not_what_trainees_read():
    """Trial: FIELDS.md said the name is "shown to trainees", but trainees read the
    country's standard name in their language, from its code (engine.messages.country_name)."""
    from engine.geography import Country

    said = Country.model_fields["name"].description or ""
    assert "shown to trainees" not in said
    assert "label" in said and "code" in said and "their language" in said
