"""Reports name a country by its name in the reader's language, never its code: a user trial
read "Niara Yudas (TZ) is located in TZ" and "TZ passport TZ9618645"."""

from __future__ import annotations

from pathlib import Path

import pytest

from academy import catalogs
from engine import actions as A
from engine.exercise import Exercise
from engine.scenario import Scenario, load_scenario
from tests.engine.test_notice_basis import document, member

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


@pytest.fixture(scope="module")
def wildlife() -> Scenario:
    return load_scenario(SCENARIOS / "wildlife-ivory-corridor.yaml")

NAMES = {"en": "Tanzania", "fr": "Tanzanie", "es": "Tanzania", "ar": "تنزانيا"}


@pytest.mark.parametrize("lang", list(NAMES))
def test_a_blue_notice_answer_names_the_country_and_nationality(wildlife, lang):
    ex = Exercise(wildlife, 3)
    broker = member(ex, "broker", home=False)  # based in Tanzania
    ex.world.entities[broker].attributes.pop("location")  # known to be there, not where
    document(ex, broker)
    ex.sim.knowledge.link(broker, "C01", "associates_with", 0, "Informant", "B2")
    assert ex.apply(A.RequestNotice(colour="blue", subject=broker, purpose="locate")).accepted
    for _ in range(3):
        ex.apply(A.Advance(days=7))
    answer = next(i for i in ex.sim.knowledge.inbox if i.code.startswith("notice.blue"))
    said = catalogs.engine_text(answer.code, answer.params, answer.text, lang)
    assert said.count(NAMES[lang]) == 2, said  # nationality and whereabouts
    assert "TZ" not in said


@pytest.mark.parametrize("lang", list(NAMES))
def test_identifiers_give_the_passports_country_by_name(wildlife, lang):
    ex = Exercise(wildlife, 3)
    broker = member(ex, "broker", home=False)
    ent = ex.world.entities[broker]
    fact = {"code": "fact.identifiers",
            "params": {"subject": ent.label, "born": ent.attributes["date_of_birth"],
                       "nationality": ent.attributes["nationality"],
                       "passport": ent.attributes["passport"]}}
    params = {"target": ent.label, "source": "Immigration", "facts": "",
              "facts_parts": [fact]}
    said = catalogs.engine_text("intel.report", params, "", lang)
    assert NAMES[lang] in said and f"({ent.attributes['nationality']})" not in said, said
