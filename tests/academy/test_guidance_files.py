"""The shipped guide, framework and agency lists load; broken variants fail clearly."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
import yaml

from academy.guidance import (
    CONTENT_LANGUAGES,
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


LANGS = ("en", "fr", "es", "ar")  # INTERPOL's four languages


def texts_in(data: object, where: str = "") -> list[tuple[str, dict]]:
    """Every translatable text of a guidance file (a mapping with ``en``), with its path."""
    if isinstance(data, dict):
        if isinstance(data.get("en"), str):
            return [(where, data)]
        return [t for key, value in data.items() for t in texts_in(value, f"{where}.{key}")]
    if isinstance(data, list):
        return [t for n, value in enumerate(data) for t in texts_in(value, f"{where}.{n}")]
    return []


def test_content_languages_are_interpols_four():
    assert CONTENT_LANGUAGES == LANGS


@pytest.mark.parametrize("name", ["guide.yaml", "agencies.yaml", "framework.yaml"])
def test_every_text_is_in_every_content_language(name):
    data = yaml.safe_load((GUIDANCE / name).read_text(encoding="utf-8"))
    texts = texts_in(data)
    assert texts
    missing = [f"{where}.{lang}" for where, text in texts for lang in LANGS
               if not str(text.get(lang, "")).strip()]
    assert missing == [], f"{name}: {len(missing)} text(s) untranslated, e.g. {missing[:5]}"
    arabic = re.compile("[\u0600-\u06FF]")
    not_arabic = [where for where, text in texts if not arabic.search(text["ar"])]
    assert not_arabic == [], f"{name}: ar texts without Arabic script: {not_arabic[:5]}"


def outline(markdown: str) -> list[str]:
    """The Markdown skeleton a translation must keep: headings, list items, table rows."""
    shape = []
    for line in markdown.splitlines():
        stripped = line.strip()
        if heading := re.match(r"#+ ", stripped):
            shape.append(heading.group())
        elif re.match(r"([-*]|\d+\.) ", stripped):
            shape.append(f"{len(line) - len(line.lstrip())}-item")
        elif stripped.startswith("|"):
            shape.append(f"row of {stripped.count('|')}")
    return shape


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("template", TEMPLATE_IDS)
def test_every_template_is_translated_with_the_same_outline(template, lang):
    path = GUIDANCE / "templates" / lang / f"{template}.md"
    assert path.exists(), f"{path} is missing"
    text = template_text(template, lang)
    assert text == path.read_text(encoding="utf-8") and text.startswith("#")
    assert outline(text) == outline(template_text(template, "en"))


def test_untranslated_text_falls_back_to_english(guide):
    step = next(iter(guide.steps.values()))
    assert step.title.get("de") == step.title.en
    assert Text(en="x").get("fr") == "x" and Text(en="x").get("ar") == "x"
    assert Text(en="x", ar="س").get("ar") == "س"
    assert template_text("seminar-agenda", "de") == template_text("seminar-agenda", "en")


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
