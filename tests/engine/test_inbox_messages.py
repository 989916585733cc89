"""Inbox items are messages: a code, its params, and the English sentence made from them.

Full bot runs of every shipped scenario must only file items whose code has a template
and whose text is exactly that template filled with the params, so the platform can say
the same thing in another language from the code and params alone.
"""

from __future__ import annotations

import json

import pytest

from engine import messages as M
from engine.exercise import Exercise
from engine.policies import run_policy
from engine.world import FakerPool
from tests.engine.conftest import SCENARIO_IDS

POLICIES = ("random", "heuristic", "oracle")


@pytest.fixture(scope="module")
def inboxes(scenarios):
    pool = FakerPool()
    return {
        (sid, policy): run_policy(scenarios[sid], 1, policy, fakers=pool).view().inbox
        for sid in SCENARIO_IDS
        for policy in POLICIES
    }


def used_codes(inboxes) -> set[str]:
    return {c for items in inboxes.values() for i in items for c in M.codes(i.code, i.params)}


@pytest.mark.parametrize("sid", SCENARIO_IDS)
def test_every_item_is_its_template_filled_with_its_params(inboxes, sid):
    for policy in POLICIES:
        items = inboxes[(sid, policy)]
        assert items
        for item in items:
            assert item.code in M.TEMPLATES, item
            assert item.text == M.TEMPLATES[item.code].format(**item.params), item
            # the same renderer the platform uses gives back the English sentence
            # "zz": a locale CLDR has no names for, so countries stay coded as the stored text has them
            assert M.render(item.code, item.params, "zz", M.TEMPLATES.get) == item.text
            json.dumps(item.to_dict())  # params are plain JSON values


def test_sub_messages_and_terms_are_known(inboxes):
    used = used_codes(inboxes)
    terms = {c for c in used if c.startswith(("relation.", "unit."))}  # scenarios' words
    assert {c for c in terms if c.startswith("relation.")}, "reports name relations"
    assert "unit.analyst-days" in terms, "the weekly top-up names the budget unit"
    assert used - terms <= set(M.TEMPLATES)
    # the bots meet most kinds of message: a template nobody ever files is a dead sentence
    assert {"intel.report", "fact.associate", "partner.seizure", "inject.msel"} <= used


def test_sub_message_text_is_its_own_template(inboxes):
    for items in inboxes.values():
        for item in items:
            for name, value in item.params.items():
                if name.endswith("_msg"):
                    assert item.params[name[: -len("_msg")]] == M.text(value)
                elif name.endswith("_parts"):
                    joined = M.TEMPLATES["sep.facts"].join(M.text(p) for p in value)
                    assert item.params[name[: -len("_parts")]] == joined


def test_scenario_text_keeps_every_language(wildlife):
    ex = Exercise(wildlife, 3)
    briefing = ex.view().inbox[0]
    assert briefing.code == "system.briefing"
    assert briefing.params["text_i18n"]["fr"] == wildlife.briefing["fr"].strip()
    assert briefing.text == wildlife.briefing["en"].strip()



def test_an_inject_is_worded_once_per_scenario_and_each_item_has_its_own_params(wildlife):
    """Exercises of one loaded scenario share an inject's wording (``Inject.said``), never
    an item's params: a change to one item's params reaches no other item or exercise."""
    inj = next(i for i in wildlife.msel if not i.reveals and i.at_day is not None)
    items = []
    for seed in (3, 4):
        ex = Exercise(wildlife, seed)
        ex.sim.run_until(inj.at_day + 0.5)
        items.append(next(i for i in ex.sim.knowledge.inbox
                          if i.code == "inject.msel" and i.params["text"] == inj.message["en"]))
    mine, theirs = items
    assert mine.params == theirs.params == inj.said["inject.msel"]
    assert mine.params["text_i18n"]["fr"] == inj.message["fr"]
    assert mine.params is not theirs.params
    mine.params["text"] = "changed"
    assert theirs.params["text"] == inj.said["inject.msel"]["text"] == inj.message["en"]


def test_arrest_and_release_messages(wildlife):
    ex = Exercise(wildlife, 3)
    sim = ex.sim
    member, decoy = sim.world.members[0], sim.world.decoys[0]
    sim.arrest(member, M.message("arrest.red_border", place="Namanga"))
    sim.arrest(decoy, M.message("arrest.on_request", country="TZ"))
    arrested, released = sim.knowledge.inbox[-2:]
    label = sim.world.entities[member].label
    assert arrested.text == f"{label}: arrested on a Red Notice at Namanga."
    assert arrested.params["how_msg"] == {"code": "arrest.red_border",
                                          "params": {"place": "Namanga"}}
    assert released.code == "system.released"
    assert released.text.endswith("was released: nothing links them to the case.")


def test_render_translates_pieces_and_falls_back_to_english():
    fr = {
        "intel.report": "{source} au sujet de {target} : {facts}.",
        "fact.associate": "{subject} {relation} / est en lien avec {other} ({country})",
        "sep.facts": " ; ",
        "relation.pays": "paie",
    }
    facts = [
        M.message("fact.associate", subject="A", **M.relation("relation", "pays"),
                  other="B", country="KE"),
        M.message("fact.account", subject="A", account="KE-1"),  # no French: English
    ]
    params = {**M.localized("source", {"en": "Informant", "fr": "Informateur"}),
              "target": "A", **M.joined("facts", facts)}
    assert M.text(M.message("intel.report", **params)) == (
        "Informant on A: A pays / is linked to B (KE); A holds account KE-1."
    )
    assert M.render("intel.report", params, "fr", fr.get) == (
        "Informateur au sujet de A : A paie / est en lien avec B (Kenya) ; A holds account KE-1."
    )
    # a translation whose placeholders do not fit its values falls back to English
    assert M.render("fact.account", {"subject": "A", "account": "1"}, "fr",
                    {"fact.account": "{who} : {account}"}.get) == "A holds account 1"


def test_unknown_code_is_refused():
    with pytest.raises(KeyError):
        M.message("intel.no_such_thing")
