"""Who sent an inbox item, and the debrief's missed opportunities, are messages too.

Full bot runs of every shipped scenario: every fixed sender ("NCB KE", "Prosecutor") is a
``sender.<who>`` message whose English text is the item's ``source``, and every missed
opportunity carries the code and params of the intelligence item it quotes, so the
platform can say both in another language; the English stays exactly what it was.
"""

from __future__ import annotations

import json

import pytest

from engine import messages as M
from engine.exercise import Exercise
from engine.policies import run_policy
from engine.scoring import EXPLAIN, WRONGFUL_PENALTY
from engine.world import FakerPool
from tests.engine.conftest import SCENARIO_IDS

POLICIES = ("random", "heuristic", "oracle")
FIXED = {"partner", "notice", "system"}  # kinds of item never sent by a scenario source


@pytest.fixture(scope="module")
def runs(scenarios):
    pool = FakerPool()
    return {(sid, policy): run_policy(scenarios[sid], 1, policy, fakers=pool)
            for sid in SCENARIO_IDS for policy in POLICIES}


# English templates, countries left as their codes (a locale CLDR does not know names
# none): the stored English text exactly. Read in English, countries are named instead.
AS_STORED = "zz"


def test_fixed_senders_are_messages_whose_english_is_the_source(runs):
    used: set[str] = set()
    for ex in runs.values():
        for item in ex.view().inbox:
            sender = item.params.get("source_msg")
            if item.kind in FIXED:
                assert sender is not None, item
            if sender is None:
                assert item.kind in ("intel", "inject"), item
                continue
            assert sender["code"].startswith("sender."), item
            assert item.source == item.params["source"] == M.text(sender)
            assert M.render(item.code, item.params, AS_STORED, M.TEMPLATES.get) == item.text
            used.add(sender["code"])
    assert {"sender.coordinator", "sender.ncb", "sender.customs", "sender.national"} <= used
    assert used <= set(M.TEMPLATES)


def test_english_senders_are_unchanged(wildlife):
    ex = Exercise(wildlife, 3)
    ex.apply({"kind": "share_intel", "country": "TZ"})
    ex.apply({"kind": "instructor_inject", "message": "Check the port of Mombasa."})
    ex.apply({"kind": "advance", "days": 7})
    sources = {i.code: i.source for i in ex.view().inbox}
    assert sources["system.briefing"] == "NEST coordinator"
    assert sources["inject.instructor"] == "Instructor"
    assert sources["partner.share_reply"] == "NCB TZ"
    assert M.text(M.sender("customs", country="KE")) == "Customs KE"
    assert M.text(M.sender("prosecutor")) == "Prosecutor"
    # read in any language, a country is named, not coded
    ncb = M.sender("ncb", country="TZ")
    assert M.render(ncb["code"], ncb["params"], "en", M.TEMPLATES.get) == "NCB Tanzania"


def test_authored_inject_sources_stay_as_written(runs, scenarios):
    authored = {inj.source for s in scenarios.values() for inj in s.msel}
    for ex in runs.values():
        for item in ex.view().inbox:
            if item.code.startswith("inject.") and "source_msg" not in item.params:
                assert item.source in authored


def test_missed_opportunities_carry_their_message(runs):
    found = 0
    for ex in runs.values():
        inbox = {i.id: i for i in ex.view().inbox}
        for m in ex.debrief().missed:
            found += 1
            assert m.code in M.TEMPLATES, m
            assert m.text == M.TEMPLATES[m.code].format(**m.params) == inbox[m.intel].text
            assert (m.code, m.params) == (inbox[m.intel].code, inbox[m.intel].params)
            assert M.render(m.code, m.params, AS_STORED, M.TEMPLATES.get) == m.text
            json.dumps(m.to_dict())
    assert found, "the bots let some shipment through while holding intelligence on it"


def test_score_explanations_are_keyed_by_component(runs):
    for ex in runs.values():
        for c in ex.debrief().components:
            if c.id == "wrongful_arrests":
                assert c.weight == -WRONGFUL_PENALTY
                assert c.explanation == (
                    f"innocent persons arrested on false leads (minus {WRONGFUL_PENALTY:g}"
                    " points each)")
            else:
                assert c.explanation == EXPLAIN[c.id]
