"""Places are named in the reader's language: a trainee reading in French saw "Port of Dar es
Salaam" and "Jomo Kenyatta International Airport" in every message and on every page. A
location's name may be one text (every language shows it) or a language map like a title."""

from __future__ import annotations

from pathlib import Path

import pytest

from academy import catalogs, debriefs
from engine import actions as A
from engine.exercise import Exercise
from engine.messages import message
from engine.prosecution import arrest_country
from engine.scenario import Scenario, load_scenario

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
DAR = "dar-es-salaam-port"
DAR_NAMES = {"en": "Port of Dar es Salaam", "fr": "Port de Dar es Salaam",
             "es": "Puerto de Dar es Salaam", "ar": "ميناء دار السلام"}


@pytest.fixture(scope="module")
def wildlife() -> Scenario:
    return load_scenario(SCENARIOS / "wildlife-ivory-corridor.yaml")


def plain_names(scenario: Scenario) -> Scenario:
    """The scenario with every place named by one English text, as older files are."""
    locs = [loc.model_copy(update={"name": loc.name_en}) for loc in scenario.locations]
    return scenario.model_copy(update={"locations": locs})


def inspection_answer(scenario: Scenario):
    ex = Exercise(scenario, 3)
    assert ex.apply(A.Inspection(location=DAR, start_day=1, days=3)).accepted
    for _ in range(2):
        ex.apply(A.Advance(days=7))
    return next(i for i in ex.sim.knowledge.inbox if i.code.startswith("partner.inspection"))


@pytest.mark.parametrize("lang", ["fr", "ar", "es"])
def test_an_engine_message_about_a_place_names_it_in_the_readers_language(wildlife, lang):
    item = inspection_answer(wildlife)
    said = catalogs.engine_text(item.code, item.params, item.text, lang)
    assert DAR_NAMES[lang] in said, said
    assert DAR_NAMES["en"] not in said, said
    assert DAR_NAMES["en"] in catalogs.engine_text(item.code, item.params, item.text, "en")


@pytest.mark.parametrize("lang", ["en", "fr", "es", "ar"])
def test_a_place_named_by_one_text_shows_it_in_every_language(wildlife, lang):
    item = inspection_answer(plain_names(wildlife))
    assert "place_i18n" not in item.params  # nothing to translate: the params stay as they were
    said = catalogs.engine_text(item.code, item.params, item.text, lang)
    assert DAR_NAMES["en"] in said, said


def test_a_file_may_name_a_place_by_one_text_or_per_language(wildlife, tmp_path):
    text = (SCENARIOS / "wildlife-ivory-corridor.yaml").read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.startswith(f"  - {{id: {DAR}, "))
    one = line.split(", name: ")[0] + ", name: Port of Dar es Salaam, country: TZ" \
        + line.split(", country: TZ")[1]
    path = tmp_path / "wildlife-ivory-corridor.yaml"
    path.write_text(text.replace(line, one), encoding="utf-8")
    loc = next(x for x in load_scenario(path).locations if x.id == DAR)
    assert loc.name == DAR_NAMES["en"]
    assert {lang: loc.name_in(lang) for lang in DAR_NAMES} == dict.fromkeys(DAR_NAMES,
                                                                             DAR_NAMES["en"])
    shipped = next(x for x in wildlife.locations if x.id == DAR)
    assert {lang: shipped.name_in(lang) for lang in DAR_NAMES} == DAR_NAMES
    assert shipped.name_in("pt") == DAR_NAMES["en"]  # no Portuguese: the English name
    assert shipped.name_en == DAR_NAMES["en"]


def test_every_shipped_place_is_named_in_the_four_languages():
    for path in sorted(SCENARIOS.glob("*.yaml")):
        for loc in load_scenario(path).locations:
            assert set(loc.names) >= {"en", "fr", "es", "ar"}, (path.name, loc.id)


def test_a_report_listing_places_lists_them_in_the_readers_language(wildlife):
    ex = Exercise(wildlife, 3)
    sid = ex.world.plan[0].id
    fact = ex.sim.describe_shipment(sid, "Informant", "B2")
    texts = fact["params"]["via_i18n"]
    route = ex.sim.shipment_attrs(sid)["route"][1:-1][:3]
    assert texts["fr"] == ", ".join(ex.sim.locs[x].name_in("fr") for x in route)
    assert texts["ar"] == "، ".join(ex.sim.locs[x].name_in("ar") for x in route)
    assert fact["params"]["via"] == texts["en"]


def test_prosecution_still_finds_the_country_of_an_arrest_by_its_place(wildlife):
    ex = Exercise(wildlife, 3)
    sim = ex.sim
    member = next(iter(ex.world.members))
    how = message("arrest.red_border", **sim.place("place", DAR))
    assert "place_i18n" in how["params"] and "country" not in how["params"]
    assert arrest_country(sim, member, how) == "TZ"


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_debrief_names_places_and_routes_in_the_readers_language(wildlife, lang):
    debrief = Exercise(wildlife, 3).debrief()
    named = debriefs.names(debrief, wildlife, lang)
    assert named[DAR].startswith(DAR_NAMES[lang]), named[DAR]
    route = ["niassa-reserve", DAR]
    assert debriefs.route_names(route, wildlife, lang=lang).endswith(DAR_NAMES[lang])
