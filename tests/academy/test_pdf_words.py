"""Every printed export reads as words and names in the reader's language: no catalog key
(``notice.bad_subject``), no engine token (``seized_share``, ``in_transit``), no slug
(``dar-es-salaam-port``), no ``True``/``False``, no subject id (``P03``), no rating code
(``disrupt-network:S``); a missed opportunity is told once; an improvement plan nobody
wrote says so in words. The text is read back out of the PDF with pypdf."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdf
import pytest

from academy import aar, catalogs, debriefs
from academy.assessments import RoundScores
from academy.assignments import module_titles
from academy.guidance import load_framework, load_guide
from academy.hotwash import Result
from academy.models import FacilitatorNote, Workshop
from academy.readiness_report import to_pdf
from academy.scenarios import parse
from engine.exercise import Exercise
from engine.records import Debrief
from engine.scenario import Scenario

ROOT = Path(__file__).resolve().parents[2]
CODES = {
    "a catalog key": r"\b[a-z]+(?:_[a-z]+)*\.[a-z]+(?:_[a-z]+)*\b",
    "a snake_case token": r"\b[a-z]+_[a-z_]+\b",
    "a boolean": r"\b(?:True|False)\b",
    "an entity id": r"\b[PCV]\d\d\b",
    "a rating code": r":[PSMU]\b",
}


def text_of(pdf: bytes) -> str:
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    text = " ".join(page.extract_text() for page in pages)
    return re.sub(r"[ \t\r\n]+", " ", text).strip()  # a French U+202F stays as printed


def codes_in(text: str, slugs: set[str]) -> list[str]:
    found = [f"{what}: {m}" for what, pattern in CODES.items()
             for m in re.findall(pattern, text)]
    return found + [f"a slug: {s}" for s in sorted(slugs) if re.search(rf"\b{s}\b", text)]


def slugs_of(scenario: Scenario) -> set[str]:
    """The ids a reader must never see: the scenario's own and the curriculum's."""
    ids = {scenario.id, *(o.id for o in scenario.objectives), *(x.id for x in scenario.locations),
           *(x.id for x in scenario.intel_sources), *(x.id for x in scenario.concealments)}
    return {i for i in ids | set(module_titles()) if "-" in i}


@pytest.fixture(scope="module")
def played() -> tuple[Scenario, Debrief]:
    """Customs data on the company in the case file (its report points at two shipments that
    then get through), a week, two Red Notices refused (no warrant; a company). The first
    world (seed) where the report does point at two missed shipments: worlds change with the
    engine, the story this debrief must tell does not."""
    scenario = parse((ROOT / "scenarios" / "wildlife-ivory-corridor.yaml").read_text("utf-8"))
    for seed in range(1, 30):
        debrief = _play(scenario, seed)
        reports = {m.intel or m.text for m in debrief.missed}
        if len(debrief.missed) > len(reports) and {s.fate for s in debrief.shipments} >= {
            "missed", "in_transit"}:
            return scenario, debrief
    raise AssertionError("no world where one report points at two shipments that get through")


def _play(scenario: Scenario, seed: int) -> Debrief:
    ex = Exercise(scenario, seed)
    company = ex.view().entities[0].id
    ex.apply({"kind": "request_intel", "source": "customs-data", "target": company,
              "rationale": "The front company's exports"})
    ex.apply({"kind": "advance", "days": 7})
    person = next(e.id for e in ex.view().entities if e.type == "person")
    for subject in (person, company):
        ex.apply({"kind": "request_notice", "colour": "red", "subject": subject,
                  "purpose": "arrest"})
    while not ex.finished:
        ex.apply({"kind": "advance", "days": 7})
    return ex.debrief()


def workshop() -> Workshop:
    return Workshop(id=1, title="Mombasa port workshop", join_code="ABC234", location="Mombasa",
                    language="en")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_debrief_pdf_reads_as_words_and_tells_a_missed_opportunity_once(played, lang):
    scenario, debrief = played
    text = text_of(debriefs.pdf(debrief, scenario=scenario, trainee="Awa Ndiaye", lang=lang))
    assert codes_in(text, slugs_of(scenario)) == [], text
    first = debrief.missed[0]
    report = " ".join(catalogs.engine_text(first.code, first.params, first.text, lang).split())
    assert text.count(report[:60]) == 1, text
    assert catalogs.say("pdf.footer", lang) in text
    moving = next(s for s in debrief.shipments if s.fate == "in_transit")
    why = catalogs.engine_text(moving.cause, moving.cause_params, moving.cause_text, lang)
    assert " ".join(why.split())[:40] in text  # the fate with its cause, in words


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_after_action_report_reads_as_words_and_says_the_plan_is_empty(played, lang):
    scenario, debrief = played
    found = [Result(1, 2, "Awa Ndiaye", "Team A", True, debrief)]
    text = text_of(aar.report_pdf(workshop(), scenario, found, [], lang))
    assert codes_in(text, slugs_of(scenario)) == [], text
    assert catalogs.say("aar_pdf.no_plan", lang) in text
    assert catalogs.say("aar_pdf.plan_strength", lang) not in text  # no empty sub-heading
    assert "•  —" not in text and "• —" not in text
    assert catalogs.say("aar_pdf.title", lang, workshop="Mombasa port workshop") in text


def test_an_after_action_report_with_a_plan_lists_only_what_was_written(played):
    scenario, debrief = played
    notes = [FacilitatorNote(workshop_id=1, author_id=1, kind="strength",
                             text="Sources were graded before acting")]
    text = text_of(aar.report_pdf(workshop(), scenario,
                                  [Result(1, 2, "Awa", None, True, debrief)], notes, "en"))
    assert "Strengths" in text and "Sources were graded before acting" in text
    assert "Areas for improvement" not in text and "Actions" not in text
    assert catalogs.say("aar_pdf.no_plan", "en") not in text


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_readiness_report_names_modules_not_ids(lang):
    guide = load_guide()
    framework = load_framework(guide=guide)
    indicators = [i.id for d in framework.dimensions for i in d.indicators]
    scores = RoundScores(scores=dict.fromkeys(indicators[:5], 1.0), agreed=frozenset(), notes={})
    labels = {k: catalogs.say(f"report.{k}", lang) for k in (
        "overall", "maturity", "dimensions", "dimension", "score", "scored", "weakest", "steps",
        "modules", "indicators", "indicator", "status", "agreed", "provisional", "missing")}
    text = text_of(to_pdf(framework, guide, scores, lang, labels=labels, title="Kenya",
                          subtitle="Round 1"))
    slugs = {m for m in module_titles() if "-" in m}
    assert [s for s in sorted(slugs) if re.search(rf"\b{s}\b", text)] == [], text
    assert catalogs.say("pdf.footer", lang) in text
    for label in ("maturity", "steps", "modules"):  # "Étapes : …", not "Étapes: …"
        said = catalogs.say("decision.field", lang, label=labels[label], value="").strip()
        assert said in text and (lang != "fr" or said.endswith("\u202f:")), (said, text)


def test_the_arabic_readiness_report_prints_the_framework_in_arabic():
    """Dimension and indicator titles, levels' meaning and recommendations come from the
    framework's Arabic texts, not its English ones."""
    guide = load_guide()
    framework = load_framework(guide=guide)
    indicators = [i.id for d in framework.dimensions for i in d.indicators]
    scores = RoundScores(scores=dict.fromkeys(indicators, 1.0), agreed=frozenset(), notes={})
    labels = {k: catalogs.say(f"report.{k}", "ar") for k in (
        "overall", "maturity", "dimensions", "dimension", "score", "scored", "weakest", "steps",
        "modules", "indicators", "indicator", "status", "agreed", "provisional", "missing")}
    text = text_of(to_pdf(framework, guide, scores, "ar", labels=labels, title="Kenya",
                          subtitle="1"))
    def arabic(words: str) -> set[str]:
        return set(re.findall(r"[\u0621-\u064A\u0660-\u0669\u0670-\u06D3]+", words))  # letters
    first = framework.dimensions[0]
    for shown in (first.title, first.indicators[0].title, first.indicators[0].recommendation,
                  framework.maturity[1].label):
        assert arabic(shown.ar) and arabic(shown.ar) <= arabic(text), shown.ar
        assert shown.en not in text
