"""The loader: every bad file is a list of `file:line: field.path: message`, never a traceback."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from engine.__main__ import main
from engine.scenario import (
    ScenarioError,
    list_scenarios,
    load_scenario,
    load_scenario_text,
    scenario_json_schema,
)
from tests.engine.conftest import ROOT, SCENARIO_FILES

WILDLIFE = (ROOT / "scenarios" / "wildlife-ivory-corridor.yaml").read_text()
MODULES = {
    "environmental-crime",
    "nest-model",
    "intelligence-cycle",
    "network-analysis",
    "interpol-notices",
    "wildlife-trafficking",
    "forestry-crime",
    "fisheries-crime",
    "pollution-crime",
    "illegal-mining",
    "transnational-operations",
    "evidence-forensics",
    "financial-investigation",
    "case-meetings",
}
EXPECTED = {
    "wildlife-ivory-corridor",
    "forestry-rosewood-relabel",
    "fisheries-dark-fleet",
    "pollution-ewaste-secondhand",
    "mining-gold-couriers",
}


def problems(text: str) -> list[str]:
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(text, filename="s.yaml")
    return [str(p) for p in info.value.problems]


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_shipped_scenarios_are_valid_and_cover_every_area(scenarios):
    assert set(scenarios) == EXPECTED
    assert {s.crime_area.value for s in scenarios.values()} == {
        "wildlife",
        "forestry",
        "fisheries",
        "pollution",
        "mining",
    }
    for s in scenarios.values():
        assert len(s.countries) >= 3
        for text in (s.title, s.briefing):
            assert {"en", "fr", "es", "ar"} <= set(text)
        assert set(s.module_ids) <= MODULES
        assert s.id == next(p.stem for p in SCENARIO_FILES if load_scenario(p).id == s.id)


def authored_texts(node: object, path: str = "") -> list[tuple[str, dict[str, str]]]:
    """Every text written in several languages ({"en": ..., "fr": ...}) under ``node``."""
    if isinstance(node, dict):
        if isinstance(node.get("en"), str):
            return [(path, node)]
        return [t for k, v in node.items() for t in authored_texts(v, f"{path}.{k}")]
    if isinstance(node, list):
        return [t for i, v in enumerate(node) for t in authored_texts(v, f"{path}.{i}")]
    return []


def test_shipped_scenarios_are_written_in_the_four_languages(scenarios):
    """INTERPOL's four languages: titles, briefings, source labels, injects, objectives ...
    each in English, French, Spanish and Arabic, with the same {placeholders}."""
    for s in scenarios.values():
        texts = authored_texts(s.model_dump())
        assert len(texts) > 20
        for path, text in texts:
            assert {"en", "fr", "es", "ar"} <= set(text), f"{s.id}{path}"
            names = sorted(re.findall(r"\{\w+\}", text["en"]))
            for lang in ("fr", "es", "ar"):
                assert sorted(re.findall(r"\{\w+\}", text[lang])) == names, f"{s.id}{path} {lang}"


def test_list_scenarios_returns_the_shipped_ones():
    assert [s.id for s in list_scenarios(ROOT / "scenarios")] == sorted(EXPECTED)


def test_unknown_field_is_named_with_its_line():
    text = WILDLIFE.replace("duration_days: 90", "duration_days: 90\ndurration: 3")
    assert problems(text) == [
        f"s.yaml:{line_of(text, 'durration')}: durration: unknown field"
        " — did you mean 'duration_days'?"
    ]


def test_dangling_route_reference():
    text = WILDLIFE.replace("to: port-klang, mode: sea", "to: port-clang, mode: sea", 1)
    out = problems(text)
    assert (
        f"s.yaml:{line_of(text, 'port-clang')}: route 1 (via-dar), leg 3, to: unknown location"
        " 'port-clang' — did you mean 'port-klang'? (or define 'port-clang' in locations)"
        in out
    )


def test_probability_out_of_range():
    text = WILDLIFE.replace("false_lead_rate: 0.3", "false_lead_rate: 1.3", 1)
    out = problems(text)
    assert len(out) == 1 and out[0].startswith(
        f"s.yaml:{line_of(text, 'false_lead_rate: 1.3')}: intel source 1 (informant),"
        " false_lead_rate: must be at most 1"
    )


def test_impossible_durations():
    text = WILDLIFE.replace(
        "days: {min: 12, mode: 15, max: 20}", "days: {min: 12, mode: 25, max: 20}"
    )
    assert any("route 1 (via-dar), leg 3, days: needs min <= mode <= max" in p
               for p in problems(text))
    text = WILDLIFE.replace("duration_days: 90", "duration_days: 20")
    assert any("longer than the exercise" in p for p in problems(text))


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("id: [unclosed", "the [ opened on this line is not closed"),
        ("- a\n- b\n", "must be a mapping"),
        ("", "must be a mapping"),
        ("a: &x [1]\n" + "".join(f"b{i}: *x\n" for i in range(100)), "aliases"),
        ("x" * 600_000, "larger than"),
        ("[" * 5000 + "]" * 5000, "s.yaml:"),
    ],
)
def test_malformed_input_is_a_problem_not_a_crash(text, fragment):
    assert any(fragment in p for p in problems(text))


def test_bytes_that_are_not_utf8():
    with pytest.raises(ScenarioError, match="not UTF-8"):
        load_scenario_text(b"\xff\xfe\x00", "s.yaml")


def test_missing_file(tmp_path):
    with pytest.raises(ScenarioError, match="cannot read file"):
        load_scenario(tmp_path / "nope.yaml")


def test_cli_validate(tmp_path, capsys):
    assert main(["validate", *map(str, SCENARIO_FILES)]) == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text(WILDLIFE.replace("crime_area: wildlife", "crime_area: piracy"))
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr().out.strip().splitlines()
    assert out[-1].startswith(
        f"{bad}:{line_of(bad.read_text(), 'piracy')}: crime_area: 'piracy' is not allowed: use"
    )


def test_committed_schema_is_current():
    committed = json.loads((ROOT / "scenarios" / "scenario.schema.json").read_text())
    assert committed == json.loads(json.dumps(scenario_json_schema()))


def test_scenarios_are_frozen(wildlife):
    with pytest.raises(Exception):  # noqa: B017  (pydantic raises ValidationError on frozen assignment)
        wildlife.duration_days = 3  # type: ignore[misc]


def test_yaml_round_trip_of_a_shipped_file_is_stable():
    data = yaml.safe_load(WILDLIFE)
    assert load_scenario_text(yaml.safe_dump(data, allow_unicode=True)).id == data["id"]


def test_a_missing_file_or_scenario_id_names_no_line(tmp_path, capsys):
    """Trial: `engine run shark-fin-gulf` said `shark-fin-gulf:1: (file): no scenario …`;
    a file that is not there has no line to point at."""
    assert main(["run", "shark-fin-gulf"]) != 0
    out = capsys.readouterr()
    said = (out.out + out.err).strip()
    assert said.startswith("shark-fin-gulf: no scenario file or scenario id 'shark-fin-gulf'")
    assert ":1:" not in said and "(file)" not in said
    with pytest.raises(ScenarioError) as info:
        load_scenario(tmp_path / "nope.yaml")
    assert str(info.value).startswith(f"{tmp_path / 'nope.yaml'}: cannot read file")
