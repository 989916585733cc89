"""The coordinated action day (engine.action_day): teams schedule arrests and seizures in
their own countries; on the day they execute. Arrests across countries on the same day all
succeed; an arrest days before the others tips the network off: its members in other
played countries leave, and the later arrest fails with a clear message (Operations
Thunder / 30 Days at Sea: why days of action are coordinated)."""

from __future__ import annotations

import json

import pytest

from engine.action_day import ACTION_DAY_RULE
from engine.exercise import Exercise
from engine.joint import Actor

CONTROL = Actor(role="control", user=1)
KE = Actor(team="KE", user=10, role="analyst")
TZ = Actor(team="TZ", user=20, role="prosecutor_liaison")


@pytest.fixture
def ex(wildlife) -> Exercise:
    e = Exercise(wildlife, 3)
    for c in ("KE", "TZ"):
        assert e.apply({"kind": "team_joins", "country": c}, CONTROL).accepted
    return e


def person(ex: Exercise, country: str, role: str) -> str:
    return next(m for m in ex.world.members if ex.world.entities[m].type == "person"
                and ex.world.entities[m].country == country and ex.world.entities[m].role == role)


def ready(ex: Exercise, side: str, eid: str, warrant: bool = True) -> str:
    """``side``'s file knows ``eid``, and its prosecutor signed a warrant (weeks of play)."""
    e = ex.world.entities.get(eid)
    typ, label = (e.type, e.label) if e is not None else ("shipment", eid)
    ex.sim.knowledge_of[side].learn(eid, typ, label, {"name": label}, ex.day, "test", "A1")
    if warrant:
        ex.sim.warrants_of[side].add(eid)
    return eid


def as_ncb(actor: Actor) -> Actor:
    return actor.model_copy(update={"role": "ncb"})


def advance(ex: Exercise, days: int) -> None:
    for _ in range(days):
        assert ex.apply({"kind": "advance", "days": 1}, CONTROL).accepted


def inbox(ex: Exercise, side: str) -> list[str]:
    return [i.code for i in ex.view(side).inbox]


def prepare(e: Exercise) -> tuple[str, str]:
    """A broker in Kenya and one in Tanzania, each named with a warrant on their team's file."""
    return (ready(e, "KE", person(e, "KE", "broker")),
            ready(e, "TZ", person(e, "TZ", "broker")))


def assert_replays(wildlife, ex: Exercise) -> Exercise:  # type: ignore[no-untyped-def]
    """Warrants and names take weeks of play: they are filed the same way (``prepare``)
    before the log's team actions are replayed, the rest is the log (``Exercise.from_log``'s
    loop); the replay holds the same plan, whereabouts, views and debriefs."""
    log = json.loads(json.dumps(ex.log))
    again = Exercise(wildlife, 3)
    for entry in log[:2]:  # the teams join
        again.apply(entry["action"], Actor.model_validate(entry["actor"]))
    prepare(again)
    for entry in log[2:]:
        again.apply(entry["action"], Actor.model_validate(entry["actor"]))
    assert again.log == ex.log and again.action_plan() == ex.action_plan()
    assert again.sim.whereabouts == ex.sim.whereabouts and again.sim.alert == ex.sim.alert
    for c in ("KE", "TZ"):
        assert again.view(c) == ex.view(c)
    assert again.debrief() == ex.debrief() and again.joint_debrief() == ex.joint_debrief()
    return again


def test_arrests_in_two_countries_on_the_same_day_both_succeed(ex):
    ke = ready(ex, "KE", person(ex, "KE", "broker"))
    tz = ready(ex, "TZ", person(ex, "TZ", "broker"))
    assert ex.apply({"kind": "set_action_day", "day": 3}, CONTROL).code == "action_day.set"
    out = ex.apply({"kind": "schedule_action", "what": "arrest", "target": ke}, KE)
    assert out.code == "action_day.scheduled" and out.params["day"] == 3
    assert ex.apply({"kind": "schedule_action", "what": "arrest", "target": tz}, TZ).accepted
    assert [p.status for p in ex.action_plan("KE")] == ["planned"]
    advance(ex, 4)
    assert ke in ex.sim.arrested and tz in ex.sim.arrested
    assert [p.status for p in ex.action_plan()] == ["done", "done"]
    assert "action_day.arrested" in inbox(ex, "KE") and "action_day.arrested" in inbox(ex, "TZ")
    assert ex.action_plan("KE")[0].country == "KE" and len(ex.action_plan("TZ")) == 1


def test_a_clock_moved_to_the_action_day_has_acted_on_it(ex):
    """The control cell advances to day 3 (the action day): the desks show day 3 and the
    day's actions are done, not waiting for the clock to pass it."""
    load = ready(ex, "KE", ex.world.plan[0].id, warrant=False)
    port = next(loc.id for loc in ex.scenario.locations if loc.country == "KE")
    assert ex.apply({"kind": "set_action_day", "day": 3}, CONTROL).accepted
    assert ex.apply({"kind": "schedule_action", "what": "seizure", "target": load,
                     "location": port}, KE).accepted
    advance(ex, 3)
    assert ex.day == 3
    (plan,) = ex.action_plan("KE")
    assert (plan.status, plan.done_t) == ("done", 3)
    assert any(c.location == port and c.start == 3 and c.end == 5 for c in ex.sim.controls)
    # a plan added on the day itself, after its actions ran, still runs
    other = ready(ex, "KE", ex.world.plan[1].id, warrant=False)
    assert ex.apply({"kind": "schedule_action", "what": "seizure", "target": other,
                     "location": port}, KE).accepted
    advance(ex, 1)
    assert [p.status for p in ex.action_plan("KE")] == ["done", "done"]


def test_an_arrest_days_before_the_others_tips_the_network_off(ex):
    ke = ready(ex, "KE", person(ex, "KE", "broker"))
    tz = ready(ex, "TZ", person(ex, "TZ", "broker"))
    assert ex.apply({"kind": "schedule_action", "what": "arrest", "target": ke, "day": 2},
                    KE).accepted
    assert ex.apply({"kind": "schedule_action", "what": "arrest", "target": tz, "day": 5},
                    TZ).accepted
    advance(ex, 6)
    assert ke in ex.sim.arrested and tz not in ex.sim.arrested
    (p,) = ex.action_plan("TZ")
    assert p.status == "failed" and "tipped off by the arrest in KE on day 2" in p.result
    fled = next(i for i in ex.view("TZ").inbox if i.code == "action_day.fled")
    assert fled.params["country"] == "TZ" and fled.params["countries"] == "KE"
    assert ex.sim.whereabouts[tz] not in ("KE", "TZ")  # gone to a country no team plays
    assert ex.sim.lie_low_until >= 2 + ex.scenario.adaptation.lie_low_after_arrest_days


def test_a_member_who_fled_is_abroad_for_an_ordinary_arrest_too(ex):
    ke = ready(ex, "KE", person(ex, "KE", "broker"))
    tz = ready(ex, "TZ", person(ex, "TZ", "broker"))
    ex.apply({"kind": "schedule_action", "what": "arrest", "target": ke, "day": 1}, KE)
    advance(ex, 3)
    # abroad now: the role rule sees it (only the NCB asks abroad), then the notice rule
    assert ex.apply({"kind": "arrest", "subject": tz}, TZ).code == "role.not_allowed"
    out = ex.apply({"kind": "arrest", "subject": tz}, as_ncb(TZ))
    assert out.code == "arrest.needs_red_notice"
    # where they fled is the truth the debrief tells, not the refusal
    assert ex.sim.whereabouts[tz] not in out.message and "abroad" in out.message


def test_the_control_cell_moves_the_action_day_and_the_plan_follows(ex):
    ke = ready(ex, "KE", person(ex, "KE", "broker"))
    ex.apply({"kind": "set_action_day", "day": 2}, CONTROL)
    ex.apply({"kind": "schedule_action", "what": "arrest", "target": ke}, KE)
    ex.apply({"kind": "set_action_day", "day": 4}, CONTROL)
    advance(ex, 3)
    assert ke not in ex.sim.arrested and ex.action_plan("KE")[0].status == "planned"
    advance(ex, 2)
    assert ke in ex.sim.arrested and ex.action_day == 4
    assert "action_day.set" in inbox(ex, "TZ")


def test_a_seizure_watches_the_place_and_a_tipped_network_holds_its_loads(ex):
    ke = ready(ex, "KE", person(ex, "KE", "broker"))
    load = ready(ex, "TZ", ex.world.plan[0].id, warrant=False)
    port = next(loc.id for loc in ex.scenario.locations if loc.country == "TZ")
    assert ex.apply({"kind": "schedule_action", "what": "seizure", "target": load,
                     "location": port, "day": 4}, TZ).accepted
    ex.apply({"kind": "schedule_action", "what": "arrest", "target": ke, "day": 1}, KE)
    advance(ex, 5)
    assert any(c.location == port and c.shipment == load and c.side == "TZ"
               for c in ex.sim.controls)
    assert "action_day.watching" in inbox(ex, "TZ")
    assert any(t.location == port and t.start == 4 and t.official == ke for t in ex.sim.tips)


def test_a_seizure_the_same_day_as_the_arrest_is_not_given_away(ex):
    ke = ready(ex, "KE", person(ex, "KE", "broker"))
    load = ready(ex, "TZ", ex.world.plan[0].id, warrant=False)
    port = next(loc.id for loc in ex.scenario.locations if loc.country == "TZ")
    ex.apply({"kind": "set_action_day", "day": 2}, CONTROL)
    ex.apply({"kind": "schedule_action", "what": "arrest", "target": ke}, KE)
    ex.apply({"kind": "schedule_action", "what": "seizure", "target": load, "location": port},
             TZ)
    advance(ex, 3)
    assert ke in ex.sim.arrested and not ex.sim.tips


def test_refusals(wildlife, ex):
    ke = ready(ex, "KE", person(ex, "KE", "broker"))
    unsigned = ready(ex, "KE", person(ex, "TZ", "broker"), warrant=False)
    load = ready(ex, "KE", ex.world.plan[0].id, warrant=False)
    tz_port = next(loc.id for loc in ex.scenario.locations if loc.country == "TZ")
    single = Exercise(wildlife, 3)
    assert single.apply({"kind": "schedule_action", "what": "arrest", "target": ke,
                         "day": 3}).code == "action_day.joint_only"
    arrest = {"kind": "schedule_action", "what": "arrest", "target": ke}
    out = ex.apply(arrest, KE)
    assert out.code == "action_day.not_set" and out.rule == ACTION_DAY_RULE
    assert ex.apply({**arrest, "day": 200}, KE).code == "action_day.bad_day"
    assert ex.apply({**arrest, "target": "P999", "day": 3}, KE).code == "arrest.unknown_subject"
    company = next(e.id for e in ex.view("KE").entities if e.type == "company")
    assert ex.apply({**arrest, "target": company, "day": 3}, KE).code == "arrest.not_a_person"
    assert ex.apply({**arrest, "target": unsigned, "day": 3}, KE).code == "arrest.no_warrant"
    out = ex.apply({"kind": "schedule_action", "what": "seizure", "target": load,
                    "location": tz_port, "day": 3}, KE)
    assert out.code == "action_day.not_own_country" and out.params["country"] == "TZ"
    assert ex.apply({"kind": "schedule_action", "what": "seizure", "target": load,
                     "location": "nowhere", "day": 3}, KE).code == "seizure.unknown_location"
    assert ex.apply({"kind": "schedule_action", "what": "seizure", "target": ke,
                     "location": tz_port, "day": 3}, KE).code == "seizure.unknown_shipment"
    assert ex.apply({**arrest, "day": 3}, KE).accepted
    twice = ex.apply({**arrest, "day": 4}, KE)
    assert twice.code == "action_day.already_planned"
    label = ex.world.entities[arrest["target"]].label  # named, not its id
    assert twice.params["target"] == label and arrest["target"] not in twice.message
    assert ex.apply({"kind": "set_action_day", "day": 3}, KE).code == "role.not_allowed"
    assert single.apply({"kind": "set_action_day", "day": 3}).code == "role.not_allowed"
    advance(ex, 2)
    assert ex.apply({"kind": "set_action_day", "day": 1}, CONTROL).code == "action_day.bad_day"
    assert ex.apply({**arrest, "day": 1}, KE).code == "action_day.bad_day"


def test_an_action_day_replays_from_its_log_to_the_same_state(wildlife, ex):
    ke, tz = prepare(ex)
    ex.apply({"kind": "set_action_day", "day": 3}, CONTROL)
    ex.apply({"kind": "schedule_action", "what": "arrest", "target": ke, "day": 1}, KE)
    ex.apply({"kind": "schedule_action", "what": "arrest", "target": tz}, TZ)
    advance(ex, 5)
    assert ex.action_plan("TZ")[0].status == "failed"
    assert_replays(wildlife, ex)


def test_a_plan_with_nobody_to_arrest_replays_through_from_log(wildlife, ex):
    ex.apply({"kind": "set_action_day", "day": 2}, CONTROL)
    ex.apply({"kind": "schedule_action", "what": "arrest", "target": "P999"}, KE)
    advance(ex, 3)
    again = Exercise.from_log(wildlife, 3, json.loads(json.dumps(ex.log)))
    assert again.log == ex.log and again.action_day == 2
    assert again.view("KE") == ex.view("KE")


def test_the_plan_is_on_the_teams_agenda_and_the_clock_stops_at_it(ex):
    ke = ready(ex, "KE", person(ex, "KE", "broker"))
    ex.apply({"kind": "set_action_day", "day": 4}, CONTROL)
    ex.apply({"kind": "schedule_action", "what": "arrest", "target": ke}, KE)
    mine = [a for a in ex.agenda("KE") if a.code == "agenda.action_arrest"]
    assert [(a.day, a.params["target"]) for a in mine] == [(4, ex.world.entities[ke].label)]
    assert not [a for a in ex.agenda("TZ") if a.code.startswith("agenda.action_")]
    while ke not in ex.sim.arrested:  # the control cell's "next event" never jumps past it
        assert ex.apply({"kind": "advance_to_next_event"}, CONTROL).accepted
        assert ex.day <= 4
    assert ex.day == 4 and not [a for a in ex.agenda("KE") if a.code.startswith("agenda.action_")]


def test_the_control_view_shows_who_fled_where(ex):
    ke = ready(ex, "KE", person(ex, "KE", "broker"))
    tz = person(ex, "TZ", "broker")
    ex.apply({"kind": "schedule_action", "what": "arrest", "target": ke, "day": 1}, KE)
    advance(ex, 3)
    members = {m["id"]: m for m in ex.control_view().members}
    assert members[tz]["fled_to"] == ex.sim.whereabouts[tz] and members[ke]["fled_to"] is None
    for m, row in members.items():  # every person at large in the other played country
        e = ex.world.entities[m]  # left; in a country no team plays, nobody moved
        if e.type == "person" and e.country == "TZ":
            assert row["fled_to"] not in (None, "KE", "TZ")
        elif e.country not in ("TZ",):
            assert row["fled_to"] is None


def test_a_team_cancels_its_planned_arrest_it_never_runs_and_tips_nobody_off(ex):
    """KE planned an arrest two days before the action day by mistake and cancels it: it
    never executes, so the network hears of nothing and TZ's arrest on the day succeeds."""
    ke = ready(ex, "KE", person(ex, "KE", "broker"))
    tz = ready(ex, "TZ", person(ex, "TZ", "broker"))
    ex.apply({"kind": "set_action_day", "day": 4}, CONTROL)
    plan = ex.apply({"kind": "schedule_action", "what": "arrest", "target": ke, "day": 2},
                    KE).params["plan"]
    assert ex.apply({"kind": "schedule_action", "what": "arrest", "target": tz}, TZ).accepted
    out = ex.apply({"kind": "cancel_action", "plan": plan}, as_ncb(KE))
    assert out.code == "action_day.cancelled" and out.accepted
    assert out.params["target"] == ex.world.entities[ke].label and out.params["plan"] == plan
    (mine,) = ex.action_plan("KE")
    assert (mine.status, mine.done_t) == ("cancelled", 0)
    assert not [a for a in ex.agenda("KE") if a.code.startswith("agenda.action_")]
    advance(ex, 5)
    assert ke not in ex.sim.arrested and tz in ex.sim.arrested
    assert ex.sim.alert is not None and (ex.sim.alert.member, ex.sim.alert.t) == (tz, 4)
    assert [p.status for p in ex.action_plan()] == ["cancelled", "done"]  # the control cell's
    assert "action_day.arrested" not in inbox(ex, "KE")
    teams = {r.country: r for r in ex.joint_debrief().per_team}  # counted neither way
    assert ke not in teams["KE"].arrested and teams["TZ"].arrested == [tz]
    assert ke not in ex.joint_debrief().joint.arrested
    # cancelled, the target may be planned again
    again = ex.apply({"kind": "schedule_action", "what": "arrest", "target": ke}, KE)
    assert again.code == "action_day.bad_day"  # the action day has passed: a day is needed
    assert ex.apply({"kind": "schedule_action", "what": "arrest", "target": ke, "day": 6},
                    KE).accepted


def test_cancel_refusals(wildlife, ex):
    ke = ready(ex, "KE", person(ex, "KE", "broker"))
    load = ready(ex, "TZ", ex.world.plan[0].id, warrant=False)
    port = next(loc.id for loc in ex.scenario.locations if loc.country == "TZ")
    single = Exercise(wildlife, 3)
    assert single.apply({"kind": "cancel_action", "plan": "A001"}).code \
        == "action_day.joint_only"
    mine = ex.apply({"kind": "schedule_action", "what": "arrest", "target": ke, "day": 1},
                    KE).params["plan"]
    theirs = ex.apply({"kind": "schedule_action", "what": "seizure", "target": load,
                       "location": port, "day": 3}, TZ).params["plan"]
    out = ex.apply({"kind": "cancel_action", "plan": "A099"}, KE)
    assert out.code == "action_day.unknown_plan" and out.params["plan"] == "A099"
    out = ex.apply({"kind": "cancel_action", "plan": theirs}, KE)  # another team's plan
    assert out.code == "action_day.not_your_plan" and out.params["plan"] == theirs
    assert ex.sim.knowledge_of["TZ"].entities[load].label not in out.message  # nothing told
    assert ex.apply({"kind": "cancel_action", "plan": mine}, CONTROL).code == "role.not_allowed"
    assert [p.status for p in ex.action_plan()] == ["planned", "planned"]
    advance(ex, 2)  # KE's arrest ran on day 1
    out = ex.apply({"kind": "cancel_action", "plan": mine}, KE)
    assert out.code == "action_day.carried_out" and out.params["status"] == "done"
    assert ex.apply({"kind": "cancel_action", "plan": theirs}, TZ).accepted
    out = ex.apply({"kind": "cancel_action", "plan": theirs}, TZ)
    assert out.code == "action_day.already_cancelled"
    assert [p.status for p in ex.action_plan()] == ["done", "cancelled"]
    advance(ex, 3)  # the cancelled seizure opened no window
    assert not any(c.location == port and c.shipment == load for c in ex.sim.controls)
    assert "action_day.watching" not in inbox(ex, "TZ")


def test_a_plan_with_a_cancelled_action_replays_from_its_log_to_the_same_state(wildlife, ex):
    ke, tz = prepare(ex)
    ex.apply({"kind": "set_action_day", "day": 3}, CONTROL)
    plan = ex.apply({"kind": "schedule_action", "what": "arrest", "target": ke, "day": 1},
                    KE).params["plan"]
    ex.apply({"kind": "schedule_action", "what": "arrest", "target": tz}, TZ)
    assert ex.apply({"kind": "cancel_action", "plan": plan}, KE).accepted
    ex.apply({"kind": "schedule_action", "what": "arrest", "target": ke}, KE)
    advance(ex, 5)
    assert [p.status for p in ex.action_plan()] == ["cancelled", "done", "done"]
    again = assert_replays(wildlife, ex)
    assert ke in again.sim.arrested and tz in again.sim.arrested  # nobody tipped off


def test_a_planned_seizure_names_its_load_in_the_readers_language(ex):
    """The engine carries a load by its id (its file's label is English, "Shipment S…"):
    the outcome, the agenda, the plan's result and the report read "الشحنة S…" in Arabic."""
    from academy.catalogs import catalog, engine_text, engine_values, say

    sid = ex.world.plan[0].id
    with ex.sim.acting_as("KE"):
        ex.sim.record_shipment(sid, "test", "A1")  # what a report of the load files
    out = ex.apply({"kind": "schedule_action", "what": "seizure", "target": sid,
                    "location": "mombasa-port", "day": 2}, KE)
    assert out.accepted and f"Shipment {sid}" in out.message  # English as before
    arabic = f"الشحنة {sid}"
    said = say("engine.action_day.scheduled", "ar", **engine_values(out.params, "ar"))
    assert arabic in said and "Shipment" not in said, said
    (due,) = [a for a in ex.agenda("KE") if a.code == "agenda.action_seizure"]
    assert arabic in engine_text(due.code, due.params, "", "ar")
    advance(ex, 2)
    (p,) = ex.sim.action_plan
    text = engine_text(p.code, p.params, p.result or "", "ar")
    assert p.status == "done" and arabic in text and "Shipment" not in text, text
    item = next(i for i in ex.view("KE").inbox if i.code == "action_day.watching")
    assert arabic in engine_text(item.code, item.params, item.text, "ar")
    assert f"Shipment {sid}" in item.text
    for lang in ("en", "fr", "es", "ar"):  # the engine's words for a load are the desk's
        words = catalog(lang)
        assert words["inbox.name.shipment"] == words["entity.shipment_named"], lang
