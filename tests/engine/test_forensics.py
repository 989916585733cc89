"""The laboratory and the Operational Support Team: each rule accepted and refused.

The exercise is the wildlife scenario played by the oracle until two seizures are held
(seed 3: both loads came from the same collector), then the trainee's requests.
"""

from __future__ import annotations

import pytest

from engine import actions as A
from engine.evidence import ExhibitKind
from engine.exercise import Exercise
from engine.laboratory import analyses, default_analyses
from engine.policies import OracleBot
from engine.scenario import CrimeArea, load_scenario_text
from tests.engine.conftest import SCENARIO_FILES

HELD = ("seized", "controlled_delivery")


LAB = ("request_forensics", "request_support_team")


def held(ex: Exercise) -> list[str]:
    k = ex.sim.knowledge.entities
    return [s for s, st in ex.sim.ships.items() if st.status in HELD and s in k]


@pytest.fixture
def seized(wildlife) -> Exercise:
    """Two seizures in hand, with the budget and the time to analyse them."""
    for seed in range(3, 40):  # the first world where the oracle holds two loads in time
        ex, bot = Exercise(wildlife, seed), OracleBot(seed)
        while len(held(ex)) < 2 and not ex.finished:
            bot.step(ex)
            ex.apply(A.Advance(days=1))
        lab = any(e["action"].get("kind") in LAB for e in ex.log)  # the bot's own requests
        if len(held(ex)) >= 2 and ex.day < 45 and not lab:  # and time for answers
            ex.sim.budget += 40
            return ex
    raise AssertionError("no world gave the oracle two seizures")


def until_answered(ex: Exercise, code: str) -> list:
    for _ in range(60):
        found = [i for i in ex.view().inbox if i.code == code]
        if found or ex.finished:
            return found
        ex.apply(A.Advance(days=1))
    return []


def test_every_crime_area_has_a_default_menu_with_a_cited_method(scenarios):
    menu = default_analyses()
    for area in CrimeArea:
        assert menu[area.value], area
    for s in scenarios.values():
        offered = analyses(s)
        assert {a.examines.value for a in offered} == {"goods", "phone"}, s.id
        assert all(a.method for a in offered)
    assert len(SCENARIO_FILES) == len(scenarios)


def test_a_scenario_may_list_its_own_analyses(wildlife):
    text = wildlife.model_dump_json(by_alias=True)
    import json

    data = json.loads(text)
    data["forensics"] = {"analyses": [{
        "id": "horn-dna", "label": {"en": "Rhino horn DNA (RhODIS)"}, "cost": 1,
        "delay_days": 2, "finds": ["identity"],
    }]}
    own = load_scenario_text(json.dumps(data), "own.yaml")
    assert [a.id for a in analyses(own)] == ["horn-dna"]
    assert own.forensics.analyses[0].delay_days.max == 2


def test_goods_from_two_seizures_are_linked_to_each_other_and_their_source(seized):
    first, second = held(seized)[:2]
    budget = seized.sim.budget
    out = seized.apply(A.RequestForensics(analysis="ivory-origin", item=second))
    assert out.accepted and out.code == "forensic.requested"
    assert seized.sim.budget == budget - 4
    assert any(i.code == "agenda.forensic" for i in seized.agenda())
    [result] = until_answered(seized, "forensic.result")
    assert "same source or consignment chain as seizure " + first in result.text
    links = {(x.a, x.b, x.relation) for x in seized.view().links}
    assert (second, first, "same_source") in links
    supplier = next(a for a, b, r in links if r == "supplied" and b == second)
    assert seized.world.entities[supplier].role == "collector"
    forensic = [e for e in seized.sim.case_file.exhibits if e.kind == ExhibitKind.forensic]
    assert supplier in {e.member for e in forensic}
    assert all(e.ref == f"ivory-origin:{second}" for e in forensic)


def test_only_goods_in_hand_go_to_the_laboratory(seized):
    sim = seized.sim
    gone = next(s for s, st in sim.ships.items() if st.status == "planned")
    sim.record_shipment(gone, "test", "B2")  # known, but not seized
    out = seized.apply(A.RequestForensics(analysis="ivory-origin", item=gone))
    assert not out.accepted and out.code == "forensic.not_seized" and "custody" in out.rule
    out = seized.apply(A.RequestForensics(analysis="timber-species", item=held(seized)[0]))
    assert out.code == "forensic.unknown_analysis"  # not on a wildlife laboratory's menu


def test_the_same_analysis_is_not_paid_twice_and_needs_budget(seized):
    item = held(seized)[0]
    assert seized.apply(A.RequestForensics(analysis="ivory-origin", item=item)).accepted
    out = seized.apply(A.RequestForensics(analysis="ivory-origin", item=item))
    assert out.code == "forensic.duplicate"
    seized.sim.budget = 1
    out = seized.apply(A.RequestForensics(analysis="ivory-origin", item=held(seized)[1]))
    assert out.code == "resources.insufficient"


def test_a_phone_in_custody_gives_contacts_and_consignments(seized):
    sim = seized.sim
    holder = next(m for m in sim.arrested if m in sim.knowledge.entities)
    free = next(e for e, v in sim.knowledge.entities.items()
                if v.type == "person" and e not in sim.arrested)
    out = seized.apply(A.RequestForensics(analysis="phone-extraction", item=free))
    assert out.code == "forensic.not_in_custody" and out.rule
    assert seized.apply(A.RequestForensics(analysis="phone-extraction", item=holder)).accepted
    [result] = until_answered(seized, "forensic.result")
    assert "contact(s) in the network" in result.text
    phones = [e for e in sim.case_file.on(holder) if e.kind == ExhibitKind.phone]
    assert phones and phones[0].weight == 0.5
    assert any(x.relation == "calls" for x in seized.view().links)


def test_the_support_team_speeds_and_strengthens_results_while_deployed(seized):
    sim = seized.sim
    out = seized.apply(A.RequestSupportTeam())
    assert out.accepted and out.params["days"] == 21
    assert seized.apply(A.RequestSupportTeam()).code == "support_team.already"
    [arrived] = until_answered(seized, "partner.support_team")
    assert sim.lab.team_on(seized.day)
    quoted = seized.quote({"kind": "request_forensics", "analysis": "ivory-origin"})
    assert quoted.delay == (7.0, 12.5, 22.5)  # the laboratory's 14/25/45 days, halved
    item = held(seized)[0]
    out = seized.apply(A.RequestForensics(analysis="ivory-origin", item=item))
    assert out.params["support_team"] is True
    [result] = until_answered(seized, "forensic.result")
    assert result.source == "INTERPOL Operational Support Team"
    assert arrived.t <= result.t <= sim.lab.team_until
    weights = {e.weight for e in sim.case_file.exhibits if e.ref == f"ivory-origin:{item}"}
    assert weights == {1.0}  # 0.75 + the team's 0.25


def test_a_support_team_needs_budget(wildlife):
    ex = Exercise(wildlife, 1)
    ex.sim.budget = 2
    assert ex.apply(A.RequestSupportTeam()).code == "resources.insufficient"


def test_an_analysis_id_is_listed_once(wildlife):
    import json

    from engine.scenario import ScenarioError

    data = json.loads(wildlife.model_dump_json(by_alias=True))
    one = {"id": "x", "label": {"en": "X"}, "delay_days": 1, "finds": ["identity"]}
    data["forensics"] = {"analyses": [one, one]}
    with pytest.raises(ScenarioError, match="listed twice"):
        load_scenario_text(json.dumps(data), "twice.yaml")


@pytest.mark.parametrize("policy", ["heuristic", "oracle"])
def test_the_bots_use_the_laboratory(wildlife, policy):
    from engine.policies import run_policy

    kinds = {(d.kind, d.accepted) for d in run_policy(wildlife, 1, policy).sim.decisions}
    assert ("request_forensics", True) in kinds
    if policy == "oracle":  # and lets a load run on to its buyer, and follows the money
        assert ("controlled_delivery", True) in kinds and ("request_fiu", True) in kinds
