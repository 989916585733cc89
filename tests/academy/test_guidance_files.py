"""The shipped guide, framework and agency lists load; broken variants fail clearly."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from academy.guidance import (
    GUIDANCE,
    TEMPLATE_IDS,
    GuidanceError,
    Text,
    load_agencies,
    load_framework,
    load_guide,
    module_ids,
    render_markdown,
    template_text,
)


@pytest.fixture(scope="module")
def guide():
    return load_guide()


@pytest.fixture(scope="module")
def framework_data():
    return yaml.safe_load((GUIDANCE / "framework.yaml").read_text(encoding="utf-8"))


def write(tmp_path: Path, data: object, name: str = "framework.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_shipped_files_load(guide):
    framework = load_framework(guide=guide)
    agencies = load_agencies()
    assert len(guide.phases) >= 5 and len(guide.steps) >= 10
    assert framework.dimensions and all(d.indicators for d in framework.dimensions)
    assert {a.id for a in agencies.crime_areas} == {"wildlife", "forestry", "fisheries",
                                                     "pollution", "mining"}
    assert "NEST Academy" in framework.source_note.en


def test_every_template_exists_in_every_content_language():
    for template in TEMPLATE_IDS:
        for lang in ("en", "fr", "es"):
            assert template_text(template, lang).startswith("#")


def test_arabic_falls_back_to_english(guide):
    step = next(iter(guide.steps.values()))
    assert step.title.get("ar") == step.title.en
    assert Text(en="x").get("fr") == "x"
    assert template_text("seminar-agenda", "ar") == template_text("seminar-agenda", "en")


def test_modules_are_read_from_curriculum_front_matter():
    assert "nest-model" in module_ids()


def test_indicator_with_three_levels_is_refused(tmp_path, guide, framework_data):
    data = copy.deepcopy(framework_data)
    del data["dimensions"][0]["indicators"][0]["levels"][3]
    with pytest.raises(GuidanceError) as err:
        load_framework(write(tmp_path, data), guide=guide)
    message = str(err.value)
    assert message.startswith("framework.yaml:")
    assert "dimensions.0.indicators.0.levels" in message and "four levels" in message


def test_duplicate_indicator_id_is_refused(tmp_path, guide, framework_data):
    data = copy.deepcopy(framework_data)
    first = data["dimensions"][0]["indicators"]
    first[1]["id"] = first[0]["id"]
    with pytest.raises(GuidanceError, match=r"duplicate indicators id\(s\)"):
        load_framework(write(tmp_path, data), guide=guide)


def test_recommendation_to_missing_step_or_module_is_refused(tmp_path, guide, framework_data):
    data = copy.deepcopy(framework_data)
    data["dimensions"][0]["indicators"][0]["steps"] = ["no-such-step"]
    with pytest.raises(GuidanceError, match="indicator .*: steps: unknown guide step.*no-such-step"):
        load_framework(write(tmp_path, data), guide=guide)
    data = copy.deepcopy(framework_data)
    data["dimensions"][0]["indicators"][0]["modules"] = ["no-such-module"]
    with pytest.raises(GuidanceError, match="modules: unknown module.*no-such-module"):
        load_framework(write(tmp_path, data), guide=guide)


@pytest.mark.parametrize("dangling", ["no-such-scenario/map-network",
                                      "wildlife-ivory-corridor/no-such-objective"])
def test_an_indicator_pointing_at_a_missing_scenario_objective_is_refused(
        tmp_path, guide, framework_data, dangling):
    data = copy.deepcopy(framework_data)
    data["dimensions"][0]["indicators"][0]["objectives"] = [dangling]
    with pytest.raises(GuidanceError, match=f"objectives: unknown scenario objective.*{dangling}"):
        load_framework(write(tmp_path, data), guide=guide)


def test_the_shipped_mapping_trains_the_operational_indicators_by_exercise():
    framework = load_framework()
    exercised = {i.id for i in framework.indicators.values() if i.objectives}
    assert {"intelligence.3", "operations.3", "international.2", "international.3"} <= exercised
    assert all(i.modules for i in framework.indicators.values())  # every one has reading


def _shipped_objectives():
    from engine.loader import list_scenarios
    from engine.objectives import Measure

    return {f"{s.id}/{o.id}": o for s in list_scenarios(Path(__file__).resolve()
                                                        .parents[2] / "scenarios")
            for o in s.objectives}, Measure


def test_the_mapping_follows_what_each_objective_measures():
    """Where the scenarios say what an objective trains, the mapping agrees: financial
    investigation is trained by objectives that name the financial-investigation module
    (not one that only counts the network's members), and grading by objectives where
    graded evidence decides — an arrest needs a warrant on graded evidence (disruption) —
    or whose own text says "from graded intelligence"."""
    objectives, measure = _shipped_objectives()
    framework = load_framework()
    for indicator in framework.indicators.values():
        if "financial-investigation" in indicator.modules and indicator.objectives:
            assert any("financial-investigation" in objectives[o].modules
                       for o in indicator.objectives), indicator.id
    grading = framework.indicators["intelligence.4"].objectives
    assert any(objectives[o].measure == measure.disruption for o in grading)
    for o in grading:
        assert (objectives[o].measure == measure.disruption
                or "graded intelligence" in objectives[o].text["en"]), o


def test_missing_english_text_is_refused(tmp_path, guide, framework_data):
    data = copy.deepcopy(framework_data)
    del data["dimensions"][0]["title"]["en"]
    with pytest.raises(GuidanceError, match=r"dimensions\.0\.title\.en: Field required"):
        load_framework(write(tmp_path, data), guide=guide)


def test_guide_with_duplicate_step_or_unknown_template_is_refused(tmp_path):
    data = yaml.safe_load((GUIDANCE / "guide.yaml").read_text(encoding="utf-8"))
    broken = copy.deepcopy(data)
    broken["phases"][1]["steps"][0]["id"] = broken["phases"][0]["steps"][0]["id"]
    with pytest.raises(GuidanceError, match=r"guide.yaml: .*duplicate steps id"):
        load_guide(write(tmp_path, broken, "guide.yaml"))
    broken = copy.deepcopy(data)
    broken["phases"][0]["steps"][0]["templates"] = ["contract"]
    with pytest.raises(GuidanceError, match=r"phases\.0\.steps\.0\.templates.*unknown template"):
        load_guide(write(tmp_path, broken, "guide.yaml"))


def test_unreadable_yaml_names_the_file(tmp_path):
    path = tmp_path / "agencies.yaml"
    path.write_text("agency_types: [unclosed", encoding="utf-8")
    with pytest.raises(GuidanceError, match="agencies.yaml: cannot be read"):
        load_agencies(path)


def test_markdown_renders_tables_and_escapes_html():
    html = render_markdown("| a | b |\n|---|---|\n| 1 | 2 |\n\n<script>alert(1)</script>")
    assert "<table>" in html and "<script>" not in html and "&lt;script&gt;" in html
