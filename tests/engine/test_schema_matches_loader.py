"""The exported JSON Schema accepts exactly what the loader accepts, as far as JSON Schema
can say it; the rules it cannot say are the ones ``engine.json_schema.CODE_ONLY`` lists
(and the author's guide names)."""

from __future__ import annotations

import copy
import json
from typing import Any

import jsonschema
import pytest
import yaml

from engine.json_schema import CODE_ONLY
from engine.scenario import Scenario, ScenarioError, load_scenario_text, scenario_json_schema
from tests.engine.conftest import ROOT, SCENARIO_FILES

SCHEMA = json.loads((ROOT / "scenarios" / "scenario.schema.json").read_text())
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
WILDLIFE = yaml.safe_load((ROOT / "scenarios" / "wildlife-ivory-corridor.yaml").read_text())
LANGS = {"en", "fr", "es", "ar", "pt"}


def schema_accepts(data: Any) -> bool:
    return VALIDATOR.is_valid(data)


def loader_accepts(data: Any) -> bool:
    try:
        load_scenario_text(json.dumps(data), "s.yaml")  # JSON is YAML
    except ScenarioError:
        return False
    return True


def only_code_rules_refuse(data: Any) -> bool:
    """True when the loader's refusals all come from rules JSON Schema cannot express:
    cross-references (reported through the context's sink) and model validators."""
    sink: list[Any] = []
    try:
        Scenario.model_validate_json(json.dumps(data), strict=True, by_alias=True,
                                     by_name=False, context={"problems": sink})
    except Exception as exc:  # noqa: BLE001
        errors = exc.errors() if hasattr(exc, "errors") else []
        return bool(errors) and all(e["type"] == "value_error" for e in errors)
    return bool(sink)


def test_the_schema_is_a_valid_2020_12_schema_and_current():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert json.loads(json.dumps(scenario_json_schema())) == SCHEMA


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=lambda p: p.stem)
def test_every_shipped_file_passes_the_schema(path):
    errors = [e.message for e in VALIDATOR.iter_errors(yaml.safe_load(path.read_text()))]
    assert errors == []


def mutate(path: tuple[Any, ...], value: Any = None, delete: bool = False) -> dict[str, Any]:
    data = copy.deepcopy(WILDLIFE)
    node = data
    for key in path[:-1]:
        node = node[key]
    if delete:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return data


MALFORMED = {
    "quoted number": (("duration_days",), "90"),
    "word for a number": (("duration_days",), "ninety"),
    "zero duration": (("duration_days",), 0),
    "fraction for a whole number": (("network", "decoys"), 2.5),
    "probability above 1": (("intel_sources", 0, "false_lead_rate"), 1.3),
    "unknown field": (("durration",), 3),
    "unknown choice": (("crime_area",), "piracy"),
    "bad id": (("id",), "Wild Life"),
    "bad country code": (("countries", 0, "code"), "Ken"),
    "bad locale": (("countries", 0, "locale"), "english"),
    "bad flag": (("countries", 0, "interpol_member"), "maybe"),
    "text without English": (("title",), {"fr": "Le corridor"}),
    "text in another language": (("title",), {"en": "x", "de": "y"}),
    "text as a string": (("title",), "The corridor"),
    "empty list": (("routes",), []),
    "a range of days as a word": (("routes", 0, "legs", 0, "days"), "soon"),
    "inject with a day and a trigger": (("msel", 0, "trigger"), "first_seizure"),
    "inject with neither": (("msel", 0, "at_day"), None),
    "shipments at no interval": (("shipments", "interval_days"), 0),
    "the name 'from_' for 'from'": (("routes", 0, "legs", 0, "from_"), "x"),
    "bad relation word": (("network", "relations", 0, "relation"), "Pays money"),
}


@pytest.mark.parametrize("name", MALFORMED)
def test_files_the_loader_refuses_are_refused_by_the_schema(name):
    path, value = MALFORMED[name]
    data = mutate(path, value)
    assert not loader_accepts(data)
    assert not schema_accepts(data)


CODE_ONLY_EXAMPLES = {
    "references": mutate(("home_country",), "HK"),
    "duplicate ids": mutate(("locations", 1, "id"), WILDLIFE["locations"][0]["id"]),
    "connected legs": mutate(("routes", 0, "legs", 1, "from"), WILDLIFE["locations"][0]["id"]),
    "route length": mutate(("duration_days",), 20),
    "within the exercise": mutate(("shipments", "first_day"), 200),
    "ranges in order": mutate(("routes", 0, "legs", 0, "days"), {"min": 3, "mode": 1, "max": 4}),
    "thresholds in order": mutate(("objectives", 0, "thresholds"), {"P": 0.1, "S": 0.5, "M": 0}),
    "injects name who they reveal": mutate(("msel", 0, "reveals"), ["broker"]),
}


@pytest.mark.parametrize("name", CODE_ONLY_EXAMPLES)
def test_rules_only_the_loader_knows_are_listed_in_the_guide(name):
    data = CODE_ONLY_EXAMPLES[name]
    assert not loader_accepts(data) and schema_accepts(data)
    assert name in {rule for rule, _, _ in CODE_ONLY}
    guide = (ROOT / "scenarios" / "FIELDS.md").read_text()
    assert f"**{name}**" in guide


def leaves(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], Any]]:
    if isinstance(node, dict):
        if set(node) <= LANGS:  # a text in several languages: one leaf is enough
            return [(path + ("en",), node.get("en"))]
        return [x for k, v in node.items() for x in leaves(v, path + (k,))]
    if isinstance(node, list):
        return [x for i, v in enumerate(node) for x in leaves(v, path + (i,))]
    return [(path, node)]


def variants(value: Any) -> list[Any]:
    """A value of every JSON type, and a near miss of the same type."""
    near = value * 10 if isinstance(value, int | float) else f"{value}-x"
    return [None, "x y", [], {}, True, -1, 0.5, "12", near]


def test_a_sweep_of_edits_gets_the_same_answer_from_schema_and_loader():
    """Every leaf of a shipped file, each replaced by values of every JSON type and some
    near misses, deleted, or joined by an unknown field: when the schema refuses, the
    loader refuses; when only the loader refuses, a rule of CODE_ONLY says why."""
    mismatches = []
    for path, value in leaves(WILDLIFE)[::20]:  # one leaf in twenty keeps it quick
        edits = [mutate(path, v) for v in variants(value)] + [mutate(path, delete=True)]
        edits.append(mutate(path[:-1] + ("zzz_unknown",), 1) if isinstance(path[-1], str)
                     else mutate(path, value))
        for data in edits:
            by_schema, by_loader = schema_accepts(data), loader_accepts(data)
            if by_schema and not by_loader and only_code_rules_refuse(data):
                continue
            if by_schema != by_loader:
                mismatches.append((path, by_schema, by_loader))
    assert mismatches == []
