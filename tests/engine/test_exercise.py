"""The facade: actions, refusals that change nothing, the view without truth, replay."""

from __future__ import annotations

import dataclasses
import json

import pytest

from engine import actions as A
from engine.exercise import Exercise, Overrides
from engine.policies import run_policy


def state(ex: Exercise) -> str:
    return json.dumps(dataclasses.asdict(ex.view()), sort_keys=True, default=str)


def first_known(ex: Exercise, typ: str = "person") -> str | None:
    return next((e.id for e in ex.view().entities if e.type == typ), None)


def test_refused_actions_change_nothing_but_are_logged(wildlife):
    ex = Exercise(wildlife, 1)
    before = ex.view()
    for act in (
        A.RequestIntel(source="informant", target="P99"),
        A.RequestIntel(source="nope", target="C01"),
        A.RequestWarrant(subject="P99"),
        A.Arrest(subject="P99"),
        A.Seizure(shipment="S123", location="mombasa-port", start_day=0),
        A.CaseMeeting(countries=["ZZ"]),
    ):
        out = ex.apply(act)
        assert not out.accepted and "." in out.code and out.message
    after = ex.view()
    assert (
        after.budget == before.budget
        and after.inbox == before.inbox
        and after.entities == before.entities
    )
    assert len(ex.log) == 6 and [d.accepted for d in after.decisions] == [False] * 6


def test_only_a_person_can_be_arrested(wildlife):
    """A company in the file is refused for arrest by the arrest rule (not told it is
    missing from the file); its loads and assets are what can be acted on."""
    ex = Exercise(wildlife, 1)
    company = next(e for e in ex.view().entities if e.type == "company")
    out = ex.apply(A.Arrest(subject=company.id))
    assert (out.accepted, out.code) == (False, "arrest.not_a_person")
    assert out.params["target"] == company.label
    assert out.rule and "only a person can be arrested" in out.rule.lower()
    assert ex.apply(A.Arrest(subject="P99")).code == "arrest.unknown_subject"


def test_invalid_dict_action_is_refused_and_logged(wildlife):
    ex = Exercise(wildlife, 1)
    out = ex.apply({"kind": "teleport"})
    assert not out.accepted and out.code == "action.invalid"
    out = ex.apply({"kind": "advance", "days": 3})
    assert out.code == "action.invalid" and ex.day == 0
    assert len(ex.log) == 2


def test_intel_costs_arrives_later_and_is_graded(wildlife):
    ex = Exercise(wildlife, 2)
    company = first_known(ex, "company")
    out = ex.apply(A.RequestIntel(source="customs-data", target=company, rationale="who ships?"))
    assert out.accepted and ex.view().budget == wildlife.resources.start_budget - 1
    n = len(ex.view().inbox)
    ex.apply(A.Advance(days=7))
    intel = [i for i in ex.view().inbox[n:] if i.kind == "intel"]
    assert intel and all(i.reliability in "ABCDEF" and 1 <= i.credibility <= 6 for i in intel)
    assert ex.view().decisions[0].rationale == "who ships?"


def test_warrant_needs_evidence_and_red_notice_needs_warrant(wildlife):
    ex = Exercise(wildlife, 3)
    ex.apply(A.Advance(days=7))  # the ranger tip-off names a driver
    person = first_known(ex)
    assert person is not None
    out = ex.apply(A.RequestWarrant(subject=person))
    assert out.code == "warrant.insufficient_evidence" and out.rule
    out = ex.apply(A.RequestNotice(colour="red", subject=person, purpose="arrest"))
    assert out.code == "red.no_warrant" and "Rules on the Processing of Data" in (out.rule or "")
    out = ex.apply(
        A.RequestNotice(colour="red", subject=person, purpose="arrest", grounds="political")
    )
    assert out.code == "notice.article3"
    out = ex.apply(A.RequestNotice(colour="green", subject=person, purpose="locate"))
    assert out.code == "notice.wrong_colour"
    assert out.code in {n.code for n in ex.view().notices}
    # a name from a tip-off is not yet a subject of interest with identifiers
    out = ex.apply(A.RequestNotice(colour="blue", subject=person, purpose="locate"))
    assert out.code == "blue.no_basis" and out.rule


def test_purple_notice_raises_detection_of_that_concealment(wildlife):
    ex = Exercise(wildlife, 4)
    ship = next(iter(ex.sim.ships.values()))
    ship.concealment = "cashew-nuts"
    leg = wildlife.routes[0].legs[1]
    before = ex.sim._detection(ship, leg, None)
    ex.sim.knowledge.concealments.add("cashew-nuts")
    assert ex.apply(
        A.RequestNotice(colour="purple", subject="cashew-nuts", purpose="modus_operandi")
    ).accepted
    assert ex.sim._detection(ship, leg, None) == before  # under the General Secretariat's review
    ex.apply(A.Advance(days=7))
    ship.concealment = "cashew-nuts"
    assert ex.sim._detection(ship, leg, None) > before


def test_network_changes_concealment_after_purple(wildlife):
    ex = Exercise(wildlife, 4)
    ex.sim.knowledge.concealments.add("cashew-nuts")
    ex.apply(A.RequestNotice(colour="purple", subject="cashew-nuts", purpose="modus_operandi"))
    ex.apply(A.Advance(days=7))
    ex.apply(A.Advance(days=7))
    assert ex.sim.concealment != "cashew-nuts"


def test_view_carries_no_ground_truth(wildlife):
    ex = run_policy(wildlife, 5, "heuristic")
    text = state(ex)
    for leak in ('"group"', '"role"', "harvester", "corrupt_official", "betweenness", "detect_u"):
        assert leak not in text
    ids = {e.id for e in ex.view().entities}
    assert ids & set(ex.world.members) and set(ex.view().actions.targets) <= ids


def test_view_and_debrief_serialise_to_json(scenarios):
    for s in scenarios.values():
        ex = run_policy(s, 1, "heuristic")
        json.dumps(dataclasses.asdict(ex.view()))
        d = json.loads(json.dumps(dataclasses.asdict(ex.debrief())))
        assert 0 <= d["score"] <= 100 and set(d["ratings"].values()) <= set("PSMU")
        assert {x["fate"] for x in d["shipments"]} <= {
            "seized",
            "missed",
            "controlled_delivery",
            "in_transit",
            "prevented",
            "not_sent",
        }
        assert len(ex.log) == len(json.loads(json.dumps(ex.log)))


def test_from_log_reproduces_everything(scenarios):
    for s in scenarios.values():
        ex = run_policy(s, 9, "heuristic")
        again = Exercise.from_log(s, 9, json.loads(json.dumps(ex.log)))
        assert state(again) == state(ex)
        assert again.debrief() == ex.debrief()


def test_advance_to_next_event_stops_at_news(wildlife):
    ex = Exercise(wildlife, 1)
    n = len(ex.view().inbox)
    ex.apply(A.AdvanceToNextEvent())
    assert len(ex.view().inbox) == n + 1 and ex.day == pytest.approx(2.0)


def test_instructor_inject(wildlife):
    ex = Exercise(wildlife, 1)
    assert ex.apply(A.InstructorInject(message="Press conference at noon")).accepted
    assert ex.view().inbox[-1].kind == "inject"
    assert ex.apply(A.InstructorInject(event="ranger-tip")).accepted
    assert any(e.type == "person" for e in ex.view().entities)
    assert ex.apply(A.InstructorInject(event="nope")).code == "inject.unknown_event"


def test_contingency_inject_when_expected_action_missing(wildlife):
    ex = Exercise(wildlife, 1)
    ex.apply(A.Advance(days=7))
    ex.apply(A.Advance(days=7))
    assert any("NCB asks why" in i.text for i in ex.view().inbox)


def test_finished_exercise_refuses_actions(wildlife):
    ex = Exercise(wildlife, 1)
    while not ex.finished:
        ex.apply(A.Advance(days=7))
    assert ex.view().finished
    assert ex.apply(A.Advance(days=1)).code == "exercise.finished"


def test_overrides_change_difficulty(wildlife):
    easy = run_policy(wildlife, 2, "heuristic", Overrides(detection=3.0, corruption=0.0))
    none = run_policy(wildlife, 2, "heuristic", Overrides(resources=0.0))
    assert easy.score() >= none.score()
    more = Exercise(wildlife, 2, Overrides(shipment_rate=2.0))
    assert max(p.depart_day for p in more.world.plan) < max(
        p.depart_day for p in Exercise(wildlife, 2).world.plan
    )


def test_seizure_reveals_and_network_reroutes(wildlife):
    ex = Exercise(wildlife, 6, Overrides(detection=5.0, corruption=0.0))
    while not ex.finished and not any(s.status == "seized" for s in ex.sim.ships.values()):
        ex.apply(A.Advance(days=1))
    assert "cashew-nuts" in ex.view().actions.concealments or ex.view().actions.concealments
    ex.apply(A.Advance(days=7))
    assert ex.sim.route != wildlife.shipments.routes[0] or len(ex.sim.burned) == 0


def test_debrief_lists_missed_opportunities(wildlife):
    for seed in range(6):
        ex = run_policy(wildlife, seed, "random")
        d = ex.debrief()
        for m in d.missed:
            assert ex.sim.ships[m.shipment].status == "missed"
    assert d.components and sum(c.weight for c in d.components if c.weight > 0) == 100
