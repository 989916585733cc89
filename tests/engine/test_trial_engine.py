"""What a trial by a trainee and an instructor found in the engine (trust issue items 8, 12,
13, 14): time that jumps past what the trainee awaits and ends the exercise unasked, fates
without causes and ratings that disagree with them, injects that name nobody, and a score
that paid for thrift."""

from __future__ import annotations

import random

import pytest
from pydantic import ValidationError

from engine import actions as A
from engine.exercise import Exercise
from engine.messages import TEMPLATES
from engine.policies import run_policy
from engine.scenario import Inject
from engine.scoring import rate
from tests.engine.conftest import SCENARIO_IDS


# --- 8: advance to the next event -----------------------------------------------------------
def _advance_all(ex: Exercise) -> tuple[list[float], A.Action | None, str]:
    """Press "next event" until the engine asks before ending; the days it stopped at."""
    stops, code = [], ""
    for _ in range(200):
        out = ex.apply(A.AdvanceToNextEvent())
        code = out.code
        if not out.accepted:
            break
        stops.append(ex.day)
    return stops, None, code


def test_next_event_stops_at_a_departure_the_trainee_was_told_of(wildlife):
    ex = Exercise(wildlife, 1)
    sid = ex.world.plan[3].id
    ex.sim.record_shipment(sid, "Informant", "B2")  # what a report of the shipment does
    told = ex.sim.knowledge.entities[sid].attributes["departure_day"]
    assert any(a.code == "agenda.departure" and a.day == told for a in ex.agenda())
    stops, _, code = _advance_all(ex)
    assert told in stops, (told, stops)
    assert code == "time.confirm_end" and not ex.finished  # asked, never ended unasked


def test_next_event_stops_when_a_control_window_opens(wildlife):
    ex = Exercise(wildlife, 1)
    for _ in range(12):
        ex.apply(A.Advance(days=7))  # day 84: the long quiet stretch where it jumped to 90
    out = ex.apply(A.Inspection(location="mombasa-port", start_day=86.5, days=2))
    assert out.accepted
    stops, _, _ = _advance_all(ex)
    agreed = [i for i in ex.view().inbox if i.code == "home.inspection_agreed"]
    assert agreed, "Kenya's own teams confirm on this seed"
    assert 86.5 in stops and 88.5 in stops, stops


def test_the_end_is_never_reached_without_asking(wildlife):
    ex = Exercise(wildlife, 2)
    for _ in range(12):
        ex.apply(A.Advance(days=7))
    assert ex.day == 84.0  # that day's top-up came with the advance: the end is next
    assert ex.next_event().code == "agenda.end"
    day = ex.day
    out = ex.apply(A.AdvanceToNextEvent())
    assert not out.accepted and out.code == "time.confirm_end" and ex.day == day
    for _ in range(10):
        if ex.finished:
            break
        assert ex.apply(A.AdvanceToNextEvent(confirm_end=True)).accepted
    assert ex.finished


def test_the_agenda_shows_answers_due(wildlife):
    ex = Exercise(wildlife, 1)
    target = ex.view().entities[0].id
    out = ex.apply(A.RequestIntel(source="customs-data", target=target))
    assert out.accepted
    due = [a for a in ex.agenda() if a.code == "agenda.intel"]
    assert due and due[0].day == pytest.approx(out.params["eta_day"], abs=1e-3)
    assert ex.agenda()[-1].code == "agenda.end"


# --- 12: every shipment's fate, with its cause; ratings from the same records -------------------
RUNS = [(sid, seed, policy) for sid in SCENARIO_IDS for seed in (0, 1, 2, 3)
        for policy in ("heuristic", "oracle")]


@pytest.fixture(scope="module")
def played(scenarios):
    return {(sid, seed, p): run_policy(scenarios[sid], seed, p) for sid, seed, p in RUNS}


def test_every_planned_shipment_is_listed_with_a_cause(played):
    for ex in played.values():
        d = ex.debrief()
        assert [s.id for s in d.shipments] == [p.id for p in ex.world.plan]
        for s in d.shipments:
            assert s.cause in TEMPLATES and s.cause.startswith("cause."), s
            assert "{" not in s.cause_text and s.cause_text


CAUSES = {
    "seized": ("cause.seized_routine", "cause.seized_inspection", "cause.seized_seizure",
               "cause.cd_refused", "cause.cd_pending", "cause.cd_outside"),
    "controlled_delivery": ("cause.cd_done",),
    "prevented": ("cause.prevented",),
    "in_transit": ("cause.in_transit", "cause.in_transit_start"),
    "not_sent": ("cause.lying_low", "cause.after_end"),
}


def test_a_shipment_that_got_through_after_a_request_says_why(played):
    asked_and_missed = 0
    for ex in played.values():
        d = ex.debrief()
        aimed = {x.params.get("shipment") for x in d.decisions
                 if x.accepted and x.kind in ("seizure", "controlled_delivery")}
        for s in d.shipments:
            if s.fate != "missed":
                assert s.cause in CAUSES[s.fate], s
                continue
            assert s.cause_text.startswith("got through: "), s
            if s.id in aimed:
                asked_and_missed += 1
                assert s.cause not in ("cause.no_request", "cause.unknown"), s
    assert asked_and_missed, "some requested seizures fail on these seeds"


def test_the_flow_rating_is_computed_from_the_listed_fates(played):
    prevented = 0
    for ex in played.values():
        d = ex.debrief()
        flow = [s for s in d.shipments if s.depart_day is not None or s.fate == "prevented"]
        caught = sum(s.quantity for s in flow
                     if s.fate in ("seized", "controlled_delivery", "prevented"))
        share = caught / sum(s.quantity for s in flow) if flow else 0.0
        prevented += sum(s.fate == "prevented" for s in d.shipments)
        assert d.measures["interdicted_share"] == pytest.approx(share, abs=1e-4)
        for o in ex.scenario.objectives:
            if o.measure.value == "interdicted_share":
                th = o.thresholds
                assert d.ratings[o.id] == rate(share, th.P, th.S, th.M)
    assert prevented, "arrests keep some shipments from leaving on these seeds"


def test_the_engine_rates_the_flow_from_its_debrief_records(played):
    from engine.fates import interdicted_share

    for ex in played.values():
        d = ex.debrief()
        assert interdicted_share(d.shipments) == pytest.approx(d.measures["interdicted_share"], abs=1e-4)
        # a load prevented from leaving is not a seizure (it is scored apart)
        assert d.measures["seized_share"] + d.measures["prevented_share"] == pytest.approx(
            d.measures["interdicted_share"], abs=2e-4)


def test_all_listed_as_got_through_is_never_rated_performed(played):
    for ex in played.values():
        d = ex.debrief()
        if all(s.fate in ("missed", "not_sent", "in_transit") for s in d.shipments):
            for o in ex.scenario.objectives:
                if o.measure.value == "seized_share":
                    assert d.ratings[o.id] == "U"


# --- 13: injects name whom they reveal ---------------------------------------------------------
@pytest.mark.parametrize("sid", SCENARIO_IDS)
def test_every_inject_that_reveals_a_person_names_them(scenarios, sid):
    s = scenarios[sid]
    for inj in [i for i in s.msel if i.reveals]:
        ex = Exercise(s, 3)
        before = set(ex.sim.knowledge.entities)
        assert ex.apply(A.InstructorInject(event=inj.id)).accepted
        item = [i for i in ex.view().inbox if i.code == "inject.msel"][-1]
        new = [e for e in ex.view().entities if e.id not in before]
        assert new, inj.id
        for e in new:
            assert e.label in item.text, (inj.id, e.label, item.text)
            for lang, text in item.params["text_i18n"].items():
                assert e.label in text, (inj.id, lang, text)
        assert "{" not in item.text
        if inj.contingency is not None:  # the reminder names the same person
            ex.apply(A.Advance(days=7))
            ex.apply(A.Advance(days=7))
            reminder = [i for i in ex.view().inbox if i.code == "inject.contingency"]
            if reminder and any("{" in m for m in inj.contingency.message.values()):
                assert any(e.label in reminder[-1].text for e in new), reminder[-1].text


def test_an_inject_that_reveals_someone_must_name_them():
    base = {"id": "tip", "at_day": 1, "message": {"en": "A driver was named."},
            "reveals": ["drivers"]}
    with pytest.raises(ValidationError, match="without naming"):
        Inject.model_validate(base)
    with pytest.raises(ValidationError, match="does not reveal"):
        Inject.model_validate({**base, "message": {"en": "{drivers} and {buyers}"}})
    assert Inject.model_validate({**base, "message": {"en": "The driver {drivers}."}})


# --- 14: costs, delays, budget top-ups, a score for investigation ------------------------------
def test_budget_top_ups_are_explained_in_the_inbox(wildlife):
    ex = Exercise(wildlife, 1)
    ex.apply(A.Advance(days=7))
    ex.apply(A.Advance(days=1))
    tops = [i for i in ex.view().inbox if i.code == "system.budget"]
    assert len(tops) == 1
    weekly = wildlife.resources.budget_per_week
    assert tops[0].params["amount"] == weekly and f"+{weekly:g}" in tops[0].text
    assert tops[0].params["budget"] == pytest.approx(ex.view().budget)


def test_quotes_are_what_the_engine_charges_and_waits(wildlife):
    ex = Exercise(wildlife, 1)
    target = ex.view().entities[0].id
    for src in wildlife.intel_sources:
        if "company" not in [x.value for x in src.targets]:
            continue
        q = ex.quote({"kind": "request_intel", "source": src.id, "target": target})
        budget = ex.view().budget
        out = ex.apply(A.RequestIntel(source=src.id, target=target))
        assert out.accepted
        assert budget - ex.view().budget == pytest.approx(q.cost) == src.cost
        assert q.delay is not None
        assert q.delay[0] - 1e-9 <= out.params["eta_day"] - ex.day <= q.delay[2] + 1e-9
    q = ex.quote({"kind": "inspection", "location": "dar-es-salaam-port"})
    budget = ex.view().budget
    out = ex.apply(A.Inspection(location="dar-es-salaam-port", start_day=ex.day, days=3))
    assert out.accepted and budget - ex.view().budget == pytest.approx(q.cost)
    tz = next(c for c in wildlife.countries if c.code == "TZ").partner.response_days
    assert q.delay == (tz.min, tz.mode, tz.max)
    meeting = ex.quote({"kind": "case_meeting", "countries": ["TZ"]})
    assert meeting.cost == wildlife.resources.case_meeting_cost and meeting.delay == (3, 3, 3)
    assert ex.quote({"kind": "request_warrant", "subject": target}).delay is None


def test_spending_on_intelligence_never_lowers_the_score(wildlife):
    idle = Exercise(wildlife, 5)
    busy = Exercise(wildlife, 5)
    for e in list(busy.view().entities):
        for src in wildlife.intel_sources:
            busy.apply(A.RequestIntel(source=src.id, target=e.id))
    assert busy.sim.spent > 0
    for ex in (idle, busy):
        while not ex.finished:
            ex.apply(A.Advance(days=7))
    assert busy.score() >= idle.score()
    assert "resources" not in {c.id for c in busy.debrief().components}
    assert busy.measures()["network_mapped"] > idle.measures()["network_mapped"]


def test_a_stored_scenario_from_before_the_rule_still_loads_and_names_the_person(wildlife):
    """An exercise under way replays the text it was started with: it still loads, and the
    tip names the driver after the old sentence."""
    from pathlib import Path

    from engine.loader import ScenarioError, load_scenario_text

    text = (Path(__file__).parents[2] / "scenarios" / "wildlife-ivory-corridor.yaml").read_text()
    old = text.replace("he named a driver, {drivers}, who", "he named a driver who")
    assert old != text
    with pytest.raises(ScenarioError, match="without naming"):
        load_scenario_text(old)
    scenario = load_scenario_text(old, lenient=True)
    ex = Exercise(scenario, 1)
    ex.apply(A.InstructorInject(event="ranger-tip"))
    tip = [i for i in ex.view().inbox if i.code == "inject.msel"][-1]
    driver = [e for e in ex.view().entities if e.source == "Mozambique wildlife authority"]
    assert driver and tip.text.endswith(f"Salaam people'. ({driver[0].label})"), tip.text


def test_a_seizure_that_came_too_late_or_was_declined_says_so(wildlife):
    """The trial's case: a seizure accepted by the engine, and the load "got through" with
    no reason. Now the debrief says the window opened after it passed, or the partner did
    not act."""
    seen = set()
    for seed in range(12):
        ex = Exercise(wildlife, seed)
        plan = ex.world.plan[0]
        ex.sim.record_shipment(plan.id, "Informant", "B2")
        place = ex.sim.describe_route(plan.id)[2]  # its second stop, days after it leaves
        start = round(plan.depart_day + 12, 1)
        assert ex.apply(A.Seizure(shipment=plan.id, location=place, start_day=start, days=3)).accepted
        while not ex.finished:
            ex.apply(A.Advance(days=7))
        rec = next(s for s in ex.debrief().shipments if s.id == plan.id)
        if rec.fate != "missed":
            continue
        req = ex.sim.requests[0]
        name = next(x.name_en for x in wildlife.locations if x.id == place)
        if not req.agreed:
            assert rec.cause == "cause.declined_seizure"
            assert name in rec.cause_text and "did not act" in rec.cause_text
        elif place in dict(ex.sim.ships[plan.id].passed):
            assert rec.cause == "cause.window_late", rec
            assert f"before the control window opened on day {start:g}" in rec.cause_text
        else:
            assert rec.cause == "cause.off_route"
        seen.add(rec.cause)
    assert {"cause.window_late", "cause.declined_seizure"} <= seen, seen


def test_advancing_to_a_day_brings_what_is_due_on_it(wildlife):
    """Two user trials: "advance a week" stopped at day 7.0 before the day-7 top-up ran,
    and the desk said "Day 7.0" with "next known event: day 7.0 — budget top-up". Advancing
    to a day brings what is due on it (engine version 5); the end itself is only asked."""
    ex = Exercise(wildlife, 3)
    before = ex.sim.budget
    ex.apply(A.Advance(days=7))
    assert ex.day == 7.0 and ex.sim.budget > before
    assert any(i.code == "system.budget" and i.t == 7.0 for i in ex.sim.knowledge.inbox)
    assert [a.day for a in ex.agenda() if a.code == "agenda.budget"][:1] == [14.0]
    assert all(a.day > ex.day for a in ex.agenda())


def test_a_report_on_a_place_names_each_load_once(wildlife):
    """A user trial: customs data on a port listed the same loads three times, once for each
    member handling them there. A load is named once in a report, whoever handles it."""
    repeated, seen = [], 0
    for seed in range(6):
        ex = Exercise(wildlife, seed)
        for loc in wildlife.locations:
            ex.sim.budget = 100.0
            ex.apply(A.RequestIntel(source="customs-data", target=loc.id))
        ex.apply(A.Advance(days=7))
        for item in ex.sim.knowledge.inbox:
            if item.code != "intel.report":
                continue
            loads = [p["params"]["shipment"] for p in item.params["facts_parts"]
                     if "shipment" in p.get("params", {}) and p["code"].startswith("fact.shipment")]
            seen += len(loads)
            if len(loads) != len(set(loads)):
                repeated.append((seed, item.params["target"], loads))
    assert seen, "no report named a load: the test would prove nothing"
    assert repeated == []


def _said(item) -> str:  # type: ignore[no-untyped-def]
    """The English an inbox item shows: its sentence and every fact in it."""
    params = item.params
    parts = [TEMPLATES[item.code].format(**params)]
    return " ".join(parts + [p.get("params", {}).get("subject", "") for p in params.get(
        "facts_parts", [])])


@pytest.mark.parametrize("sid", SCENARIO_IDS)
def test_a_report_names_everyone_it_puts_in_the_case_file(scenarios, sid):
    """A user trial: customs data on a port put two people on the link chart, one of them
    the port's corrupt official, though the report's text named only loads. What a report
    adds to the case file (a person, a company, a tie to one) is in its words."""
    from engine.intel import gather

    scenario = scenarios[sid]
    unsaid, reports = [], 0
    for seed in range(3):
        ex = Exercise(scenario, seed)
        sim, k = ex.sim, ex.sim.knowledge
        for source in scenario.intel_sources:
            # what a trainee may ask about: a place, or whoever the case file holds by now
            for target in [loc.id for loc in scenario.locations] + list(k.entities):
                known, tied = set(k.entities), set(k.links)
                gather(sim, source.id, target, random.Random(seed))
                item = k.inbox[-1]
                if item.code != "intel.report":
                    continue
                reports += 1
                said = _said(item)
                added = (set(k.entities) - known) | {e for link in set(k.links) - tied
                                                     for e in link[:2]}
                for eid in added:
                    ent = k.entities.get(eid)
                    if ent is not None and ent.type in ("person", "company") and ent.label not in said:
                        unsaid.append((seed, source.id, target, ent.label, said[:160]))
    assert reports, "no report was filed: the test would prove nothing"
    assert unsaid == []


@pytest.mark.parametrize("sid", SCENARIO_IDS)
def test_a_report_states_a_relation_in_its_real_direction(scenarios, sid):
    """A trial: a call-records report said "Maurice Wheeler instructs / is linked to Marie
    Johnson" of a trucker the broker instructs. A report on either end of a tie says who
    does what to whom as the scenario has it: the one who pays, bribes or instructs first."""
    from engine.intel import _Report, _reveal

    scenario = scenarios[sid]
    ex = Exercise(scenario, 1)
    sim, world = ex.sim, ex.sim.world
    label = {eid: e.label for eid, e in world.entities.items()}
    ties = {(label[a], f"relation.{rel}", label[b]) for a, b, rel in world.edges}
    said, reversed_seen = [], 0
    for member in world.members:
        reversed_seen += any(not mine for _, _, mine in world.outgoing(member))
        rep = _Report(sim, scenario.intel_sources[0])
        for fact in _reveal(sim, "associates", member, random.Random(3), rep):
            if isinstance(fact, dict) and fact["code"].startswith("fact.associate"):
                p = fact["params"]
                actor, other = ((p["subject"], p["other"]) if fact["code"] == "fact.associate"
                                else (p["other"], p["subject"]))
                said.append((actor, p["relation_term"], other))
    assert reversed_seen and said, "no member is the object of a tie: the test proves nothing"
    assert [s for s in said if s not in ties] == []
