"""A scenario's countries are named by CLDR in the reader's language wherever the product
names them by code. User trial: the Arabic briefing listed "الدول: Kenya, Tanzania, …,
Viet Nam" under a header reading "كينيا", and the exercise list said "Viet Nam" where place
pickers and senders said "Vietnam". The author's own text (the briefing) stays as written."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest

from academy import debriefs
from academy.catalogs import scenario_countries
from engine.exercise import Exercise
from engine.scenario import Scenario, load_scenario

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


@pytest.fixture(scope="module")
def wildlife() -> Scenario:
    return load_scenario(SCENARIOS / "wildlife-ivory-corridor.yaml")


@pytest.mark.parametrize(("lang", "names"), [
    ("en", ["Kenya", "Tanzania", "Mozambique", "Malaysia", "Vietnam"]),
    ("fr", ["Kenya", "Tanzanie", "Mozambique", "Malaisie", "Viêt Nam"]),
    ("ar", ["كينيا", "تنزانيا", "موزمبيق", "ماليزيا", "فيتنام"]),
])
def test_scenario_countries_are_cldr_names_in_the_readers_language(wildlife, lang, names):
    assert list(scenario_countries(wildlife.countries, lang).values()) == names


def test_a_code_cldr_does_not_know_keeps_the_authors_name(wildlife):
    made_up = wildlife.countries[0].model_copy(update={"code": "QQ", "name": "Freedonia"})
    assert scenario_countries([made_up], "fr") == {"QQ": "Freedonia"}


def test_the_desk_names_partner_countries_by_cldr(wildlife):
    from ui.desk import scenario_names

    names = scenario_names(wildlife, Exercise(wildlife, 3).view(), "es")
    assert names["VN"] == "Vietnam" and names["KE"] == "Kenia"


def test_the_debrief_pdf_network_names_countries_in_the_readers_language(wildlife):
    ex = Exercise(wildlife, 3)
    while not ex.finished:
        ex.apply({"kind": "advance", "days": 7})
    debrief = ex.debrief()
    assert any(m.country == "TZ" for m in debrief.members)
    pdf = debriefs.pdf(debrief, scenario=wildlife, trainee="Awa", lang="fr")
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert "Tanzanie" in text and "Tanzania" not in text
