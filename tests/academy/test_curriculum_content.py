"""The shipped curriculum: every module file that exists today, in every language.

Modules are still being written, so this tests whatever files exist — but every language
must have the same modules, with the same questions, options and answers.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from academy.bank import QUESTIONS_SHOWN
from academy.curriculum import (
    CONTENT_LANGUAGES,
    ROOT,
    load_catalogue,
    load_module,
    load_paths,
    render_markdown,
)

LANGS = CONTENT_LANGUAGES  # INTERPOL's four languages: en first, the reference
PLANNED = {
    "environmental-crime", "nest-model", "intelligence-cycle", "network-analysis",
    "interpol-notices", "wildlife-trafficking", "forestry-crime", "fisheries-crime",
    "pollution-crime", "illegal-mining", "transnational-operations", "evidence-forensics",
    "financial-investigation", "case-meetings",
}
PLANNED_SCENARIOS = {
    "wildlife-ivory-corridor", "forestry-rosewood-relabel", "fisheries-dark-fleet",
    "pollution-ewaste-secondhand", "mining-gold-couriers",
}
SCENARIO_DIR = ROOT.parent / "scenarios"
FILES = sorted(ROOT.glob("*/*.md"))
ALLOWED_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "li", "strong", "em",
                "table", "thead", "tbody", "tr", "th", "td", "div", "code", "pre", "blockquote",
                "a", "sup", "hr", "section", "br", "img"}


def shipped_scenarios() -> set[str]:
    ids = set()
    for path in SCENARIO_DIR.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        ids.add(data.get("id", path.stem))
    return ids


def ids_in(lang: str) -> set[str]:
    return {p.stem for p in (ROOT / lang).glob("*.md")}


def known_modules() -> set[str]:
    return PLANNED | {p.stem for p in FILES}


@pytest.fixture(scope="module")
def catalogue():  # type: ignore[no-untyped-def]
    return load_catalogue()


def test_there_is_content_to_test():
    assert FILES, "no module files found"
    assert set(p.parent.name for p in FILES) <= set(LANGS)


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_module_front_matter_and_quiz(path: Path):
    module = load_module(path)  # raises with file and field on a structural problem
    where = f"{path.parent.name}/{path.name}"
    assert module.title.strip() and module.minutes > 0, where
    assert module.objectives and all(o.strip() for o in module.objectives), where
    assert module.sources, f"{where}: sources"
    assert len(module.quiz) >= 2 * QUESTIONS_SHOWN, (
        f"{where}: a bank of {len(module.quiz)} questions; each attempt shows {QUESTIONS_SHOWN}, "
        "so a retry could not ask new ones")
    hands = len(module.quiz) // QUESTIONS_SHOWN
    assert sum(q.scenario for q in module.quiz) >= hands, f"{where}: a scenario question per draw"
    for question in module.quiz:
        right = [o for o in question.options if o.correct]
        if question.type in ("single", "truefalse"):
            assert len(right) == 1, f"{where} {question.id}"
        else:
            assert right, f"{where} {question.id}"
        assert all(o.why.strip() and o.text.strip() for o in question.options), f"{where} {question.id}"
    assert module.sections, f"{where}: empty body"


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_references_resolve(path: Path):
    module = load_module(path)
    where = f"{path.parent.name}/{path.name}"
    for prerequisite in module.prerequisites:
        assert prerequisite in known_modules() and prerequisite != module.id, f"{where}: {prerequisite}"
    scenarios = PLANNED_SCENARIOS | shipped_scenarios()
    assert set(module.scenarios) <= scenarios, f"{where}: {set(module.scenarios) - scenarios}"
    refs = set(re.findall(r"\[\^([^\]]+)\](?!:)", module.body))
    defs = set(re.findall(r"^\[\^([^\]]+)\]:", module.body, flags=re.M))
    assert refs <= defs, f"{where}: footnotes without a definition {refs - defs}"
    for target in re.findall(r"\]\(([^)\s]+)", module.body):
        assert target.startswith(("https://", "http://", "#")), f"{where}: link {target}"


def test_prerequisites_have_no_cycle(catalogue):
    for module_id in catalogue.ids():
        seen, todo = set(), [module_id]
        while todo:
            current = todo.pop()
            try:
                module, _ = catalogue.module(current, "en")
            except KeyError:
                continue
            for prerequisite in module.prerequisites:
                assert prerequisite != module_id, f"cycle through {module_id}"
                if prerequisite not in seen:
                    seen.add(prerequisite)
                    todo.append(prerequisite)


def test_learning_paths_resolve():
    paths = load_paths(ROOT / "paths.yaml")
    assert len({p.id for p in paths}) == len(paths)
    for path in paths:
        assert path.title.get("en") and path.modules, path.id
        assert len(set(path.modules)) == len(path.modules), path.id
        assert set(path.modules) <= known_modules(), f"{path.id}: {set(path.modules) - known_modules()}"


@pytest.mark.parametrize("lang", LANGS)
def test_learning_paths_are_named_and_described_in_every_language(lang):
    for path in load_paths(ROOT / "paths.yaml"):
        assert path.title.get(lang, "").strip(), f"{path.id}: no title in {lang}"
        assert path.description.get(lang, "").strip(), f"{path.id}: no description in {lang}"


@pytest.mark.parametrize("lang", LANGS)
def test_every_module_file_is_written_in_its_own_script(lang):
    """A translated module is translated: an Arabic file whose reading is mostly Latin
    letters is a copy of the English one."""
    for path in sorted((ROOT / lang).glob("*.md")):
        module = load_module(path)
        text = " ".join([module.title, *module.objectives, module.body,
                         *(q.prompt for q in module.quiz)])
        arabic = len(re.findall(r"[\u0600-\u06ff]", text))
        letters = len(re.findall(r"[^\W\d_]", text))
        share = arabic / letters
        assert (share > 0.8) if lang == "ar" else (share == 0), f"{lang}/{path.name}: {share:.0%} Arabic"


@pytest.mark.parametrize("lang", LANGS[1:])
def test_every_language_has_the_same_modules(lang):
    assert ids_in(lang) == ids_in("en"), (
        f"only in {lang}: {ids_in(lang) - ids_in('en')}; missing in {lang}: {ids_in('en') - ids_in(lang)}")


def answer_key(module) -> list[tuple]:  # type: ignore[no-untyped-def]
    return [(q.id, q.type, q.scenario, tuple((o.id, o.correct) for o in q.options))
            for q in module.quiz]


@pytest.mark.parametrize("lang", LANGS[1:])
def test_every_language_asks_the_same_questions_with_the_same_answers(lang, catalogue):
    for module_id in sorted(ids_in(lang) & ids_in("en")):
        english = catalogue.modules["en"][module_id]
        theirs = catalogue.modules[lang][module_id]
        assert answer_key(theirs) == answer_key(english), f"{lang}/{module_id}"
        assert theirs.prerequisites == english.prerequisites, f"{lang}/{module_id}"
        assert set(theirs.scenarios) == set(english.scenarios), f"{lang}/{module_id}"


def shape(module) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """What a translation keeps from the English reading: its steps, notes, tables and
    footnotes, and as many objectives and sources."""
    return {
        "minutes": module.minutes,
        "sections": len(module.sections),
        "objectives": len(module.objectives),
        "sources": len(module.sources),
        "footnotes": sorted(set(re.findall(r"\[\^([^\]]+)\]", module.body))),
        "admonitions": re.findall(r"^!!! (\w+)", module.body, flags=re.M),
        "tables": module.body.count("|---"),
    }


@pytest.mark.parametrize("lang", LANGS[1:])
def test_every_language_keeps_the_shape_of_the_reading(lang, catalogue):
    for module_id in sorted(ids_in(lang) & ids_in("en")):
        english = catalogue.modules["en"][module_id]
        assert shape(catalogue.modules[lang][module_id]) == shape(english), f"{lang}/{module_id}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_no_raw_html_survives_rendering(path: Path, tmp_path: Path):
    module = load_module(path)
    for section in module.sections:
        tags = {t.lower() for t in re.findall(r"</?([a-zA-Z][a-zA-Z0-9]*)", section.html)}
        assert tags <= ALLOWED_TAGS, f"{path.name}: {tags - ALLOWED_TAGS}"
        assert not re.search(r"\son\w+\s*=", section.html), path.name
    injected = tmp_path / path.parent.name / path.name
    injected.parent.mkdir()
    text = path.read_text(encoding="utf-8")
    injected.write_text(text + "\n\n<script>alert('x')</script>\n\n<img src=x onerror=alert(1)>\n",
                        encoding="utf-8")
    html = "".join(s.html for s in load_module(injected).sections)
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in html.replace("&#x27;", "'")


def test_the_checker_would_catch_a_script():
    assert "<script>" in "<script>" and "<script" not in render_markdown("<script>x</script>")
