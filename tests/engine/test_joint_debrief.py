"""The joint debrief: each team rated on its own work, the missed connections between teams,
the information-flow timeline.

Kenya (the home country, whose case file opens with members of the network) and Tanzania,
which the wildlife loads cross, are played by teams; the control cell moves the clock. Ids
(members, loads, places) are read from the world, never written here.
"""

from __future__ import annotations

import json

import pytest

from engine.exercise import Exercise, Overrides
from engine.joint import Actor

CONTROL = Actor(role="control", user=1)
KE = Actor(team="KE", user=10)
TZ = Actor(team="TZ", user=20)


def joint(wildlife, seed: int = 3, overrides: Overrides | None = None) -> Exercise:
    e = Exercise(wildlife, seed, overrides)
    for c in ("KE", "TZ"):
        assert e.apply({"kind": "team_joins", "country": c}, CONTROL).accepted
    return e


def run_out(e: Exercise) -> None:
    while not e.finished:
        assert e.apply({"kind": "advance", "days": 7}, CONTROL).accepted


def through_tanzania(e: Exercise) -> list[str]:
    """Loads that got through after passing Tanzania."""
    return [sid for sid, st in e.sim.ships.items() if st.status in ("missed", "in_transit")
            and any(e.sim.locs[loc].country == "TZ" for loc, _ in st.passed)]


# --- missed connections ------------------------------------------------------------------
def test_kenya_held_a_handler_of_a_load_that_passed_tanzania_and_never_shared(wildlife):
    e = joint(wildlife)
    run_out(e)
    loads = through_tanzania(e)
    assert loads
    jd = e.joint_debrief()
    held = [m for m in jd.missed if m.kind == "held_not_shared"]
    assert held
    ke_knows = {x.id for x in e.view("KE").entities}
    for m in held:
        assert (m.holder, m.needed_by) == ("KE", "TZ")
        assert m.shipment in loads
        st = e.sim.ships[m.shipment]
        last_in_tz = max(d for loc, d in st.passed if e.sim.locs[loc].country == "TZ")
        assert m.day == round(last_in_tz, 3)
        assert set(m.subjects) <= ke_knows
        assert set(m.subjects) <= {m.shipment, *st.handlers.values()}
        assert m.since is not None and m.since <= m.day
        assert not {x for x in m.subjects if x in {y.id for y in e.view("TZ").entities}}
    assert {m.shipment for m in held} == set(loads)  # each load KE knew a handler of


def test_a_load_held_and_never_shared_is_named_as_the_files_name_it(wildlife):
    e = joint(wildlife)
    run_out(e)
    sid = through_tanzania(e)[0]
    e2 = joint(wildlife)
    e2.sim.knowledge_of["KE"].learn(sid, "shipment", f"Shipment {sid}", {}, 0.0, "test", "A1")
    run_out(e2)
    held = [m for m in e2.joint_debrief().missed if m.kind == "held_not_shared"
            and m.shipment == sid and sid in m.subjects]
    assert held and f"Shipment {sid}" in held[0].labels and sid not in held[0].labels


def test_sharing_the_case_file_before_the_loads_pass_leaves_no_connection_missed(wildlife):
    e = joint(wildlife)
    assert e.apply({"kind": "share_intel", "country": "TZ"}, KE).code == "share.sent_to_team"
    run_out(e)
    assert through_tanzania(e)  # the same loads went through
    jd = e.joint_debrief()
    assert not [m for m in jd.missed if m.kind == "held_not_shared" and m.holder == "KE"]


def first_pass_in_tanzania(wildlife) -> tuple[str, str, float]:
    """(load, place, day) of the first pass in Tanzania of a load that got through."""
    probe = joint(wildlife)
    run_out(probe)
    passes = [(d, sid, loc) for sid in through_tanzania(probe)
              for loc, d in probe.sim.ships[sid].passed if probe.sim.locs[loc].country == "TZ"]
    day, sid, loc = min(passes)
    return sid, loc, day


def test_sharing_after_the_load_passed_is_too_late(wildlife):
    sid, _loc, day = first_pass_in_tanzania(wildlife)
    e = joint(wildlife)
    while e.day < day + 7:
        e.apply({"kind": "advance", "days": 7}, CONTROL)
    assert e.apply({"kind": "share_intel", "country": "TZ"}, KE).accepted
    run_out(e)
    late = [m for m in e.joint_debrief().missed if m.kind == "held_not_shared"]
    assert sid in {m.shipment for m in late}
    tz = e.sim.knowledge_of["TZ"].entities
    assert all(tz[x].first_seen > m.day for m in late for x in m.subjects)  # got, too late


def ask_inspection_where_a_load_passes(wildlife) -> tuple[Exercise, str, float]:
    """KE asks TZ to inspect the Tanzanian place a load passes first, from day 1."""
    _sid, loc, day = first_pass_in_tanzania(wildlife)
    e = joint(wildlife)
    out = e.apply({"kind": "inspection", "location": loc, "start_day": 1,
                   "days": int(day) + 5, "rationale": "the load crosses here"},
                  Actor(team="KE", user=10, role="ncb"))
    assert out.code == "request.sent_to_team"
    return e, out.params["request"], day


def test_a_request_left_waiting_while_the_load_passed_is_a_missed_connection(wildlife):
    e, rid, day = ask_inspection_where_a_load_passes(wildlife)
    run_out(e)  # Tanzania never answers
    (m,) = [m for m in e.joint_debrief().missed if m.kind == "request_waiting"]
    assert (m.request, m.holder, m.needed_by, m.since) == (rid, "TZ", "KE", 0.0)
    assert m.day == pytest.approx(day, abs=1e-3)
    assert m.shipment in through_tanzania(e)
    assert m.place == e.sim.locs[e.requests("KE")[0].params["location"]].name_en


def test_a_request_answered_before_the_load_came_is_no_missed_connection(wildlife):
    e, rid, _day = ask_inspection_where_a_load_passes(wildlife)
    assert e.apply({"kind": "answer_request", "request": rid, "accept": False,
                    "reason": "no officers"}, TZ).accepted
    run_out(e)
    assert not [m for m in e.joint_debrief().missed if m.kind == "request_waiting"]


def test_a_member_one_team_looked_for_while_the_other_held_its_link(wildlife):
    e = joint(wildlife)
    w = e.world
    a, b, rel = next((a, b, r) for a, b, r in w.edges if a in w.members and b in w.members
                     and w.entities[a].type == "person" and w.entities[a].country == "KE")
    e.sim.knowledge_of["KE"].learn(a, "person", w.entities[a].label,
                                   {"name": w.entities[a].label}, 0.0, "test", "A1")
    out = e.apply({"kind": "request_intel", "source": "customs-data", "target": a}, KE)
    assert out.code != "role.not_allowed"
    assert not [m for m in e.joint_debrief().missed if m.kind == "looked_for"]
    e.sim.knowledge_of["TZ"].link(a, b, rel, e.day, "test", "B2")
    e.sim.knowledge_of["KE"].links.pop((a, b, rel), None)
    (m,) = [m for m in e.joint_debrief().missed if m.kind == "looked_for"]
    assert (m.holder, m.needed_by, m.subjects) == ("TZ", "KE", [a, b])
    assert m.labels == [w.entities[a].label, w.entities[b].label]


# --- ratings -----------------------------------------------------------------------------
def test_an_arrest_counts_for_the_team_whose_work_it_was(wildlife):
    e = joint(wildlife)
    pid = next(m for m in e.world.members if e.world.entities[m].type == "person"
               and e.world.entities[m].country == "TZ")
    e.sim.knowledge_of["KE"].learn(pid, "person", e.world.entities[pid].label,
                                   {"name": e.world.entities[pid].label}, 0.0, "test", "A1")
    e.sim.warrants_of["KE"].add(pid)
    e.sim.notices[("red", pid)] = 0.0
    out = e.apply({"kind": "arrest", "subject": pid}, KE)
    e.apply({"kind": "answer_request", "request": out.params["request"], "accept": True}, TZ)
    jd = e.joint_debrief()
    ke, tz = jd.per_team
    assert (ke.country, tz.country) == ("KE", "TZ")
    assert ke.arrested == [pid] and tz.arrested == [] and pid in jd.joint.arrested
    assert ke.measures["disruption"] > 0 == tz.measures["disruption"]
    assert ke.measures["timeliness"] > 0 == tz.measures["timeliness"]
    assert jd.joint.measures["disruption"] == round(e.measures()["disruption"], 4)


def test_a_find_in_tanzania_is_tanzanias_seizure(wildlife):
    for seed in range(20):
        e = joint(wildlife, seed, Overrides(detection=5))
        run_out(e)
        found = [sid for sid, st in e.sim.ships.items() if st.status == "seized"
                 and e.sim.locs[st.where].country == "TZ"]
        if found:
            break
    else:
        pytest.fail("no load found in Tanzania")
    jd = e.joint_debrief()
    ke, tz = jd.per_team
    assert set(found) <= set(tz.seized) and not set(found) & set(ke.seized)
    assert tz.measures["seized_share"] > 0
    assert jd.joint.measures["seized_share"] == round(e.measures()["seized_share"], 4)
    assert jd.joint.measures["seized_share"] >= tz.measures["seized_share"]
    assert tz.score == next(t for t in jd.per_team if t.country == "TZ").score
    assert set(jd.joint.ratings) == {o.id for o in wildlife.objectives}


def test_network_mapped_counts_each_teams_own_chart(wildlife):
    e = joint(wildlife)
    jd = e.joint_debrief()
    ke, tz = jd.per_team
    n = len(e.world.members)
    ke_known = sum(1 for m in e.world.members if m in {x.id for x in e.view("KE").entities})
    assert ke.measures["network_mapped"] == round(ke_known / n, 4) > 0
    assert tz.measures["network_mapped"] == 0.0
    assert jd.joint.measures["network_mapped"] == ke.measures["network_mapped"]
    assert [x.id for x in jd.world.members if x.known] == [
        m for m in e.world.members if jd.known_by[m]]


# --- the timeline and handling codes -------------------------------------------------------
def test_every_share_request_answer_and_circulated_notice_is_on_the_timeline(wildlife):
    from engine.notice_requests import _publish

    e, rid, _day = ask_inspection_where_a_load_passes(wildlife)
    e.apply({"kind": "advance", "days": 1}, CONTROL)
    e.apply({"kind": "share_intel", "country": "TZ"}, KE)
    e.apply({"kind": "answer_request", "request": rid, "accept": True, "reason": "ok"}, TZ)
    pid = next(m for m in e.world.members if e.world.entities[m].type == "person")
    with e.sim.acting_as("KE"):
        _publish(e.sim, "red", pid)
    got = [(f.day, f.from_country, f.to_country, f.kind, f.detail) for f in
           e.joint_debrief().flows]
    assert got == [(0.0, "KE", "TZ", "request", "inspection"),
                   (1.0, "KE", "TZ", "share", "file"),
                   (1.0, "TZ", "KE", "accepted", "inspection"),
                   (1.0, "KE", "TZ", "notice", "red")]


def test_handling_refusals_are_counted_per_country_and_on_the_timeline(wildlife):
    e = joint(wildlife)
    e.apply({"kind": "team_joins", "country": "MZ"}, CONTROL)
    item = e.view("KE").inbox[0].id
    e.apply({"kind": "share_intel", "country": "TZ", "items": [item], "handling": "no_share"}, KE)
    got = next(i for i in e.view("TZ").inbox if i.params.get("shared_by") == "KE"
               and i.code != "partner.team_shared")
    assert not e.apply({"kind": "share_intel", "country": "MZ", "items": [got.id]}, TZ).accepted
    jd = e.joint_debrief()
    assert jd.handling_refused == {"TZ": 1}
    assert [t.withheld for t in jd.per_team] == [0, 1, 0] and jd.joint.withheld == 1
    assert [(f.from_country, f.to_country, f.kind) for f in jd.flows] == [
        ("KE", "TZ", "share"), ("TZ", "MZ", "share_refused")]


def test_the_joint_debrief_replays_from_the_log(wildlife):
    e, rid, _day = ask_inspection_where_a_load_passes(wildlife)
    e.apply({"kind": "share_intel", "country": "TZ"}, KE)
    run_out(e)
    again = Exercise.from_log(wildlife, 3, json.loads(json.dumps(e.log)))
    assert again.joint_debrief().to_dict() == e.joint_debrief().to_dict()


def test_single_play_has_a_joint_debrief_of_no_team(wildlife):
    e = Exercise(wildlife, 3)
    jd = e.joint_debrief()
    assert jd.teams == [] and jd.per_team == [] and jd.missed == []
    assert jd.joint.measures == e.debrief().measures


def test_requests_to_a_simulated_partner_and_diffusions_are_on_the_timeline(wildlife):
    from engine.intel import person_attrs

    e = joint(wildlife)
    w, ke = e.world, e.sim.knowledge_of["KE"]
    abroad = next(loc for loc in wildlife.locations if loc.country not in ("KE", "TZ"))
    pid, other, rel = next((a, b, r) for a, b, r in w.edges if a in w.members
                           and w.entities[a].type == "person" and b in w.members)
    ke.learn(pid, "person", w.entities[pid].label,
             person_attrs(w.entities[pid], ("name", "date_of_birth", "nationality", "passport")),
             0.0, "test", "A1")
    ke.learn(other, w.entities[other].type, w.entities[other].label,
             {"name": w.entities[other].label}, 0.0, "test", "A1")
    ke.link(pid, other, rel, 0.0, "test", "A1")
    assert e.apply({"kind": "inspection", "location": abroad.id, "start_day": 1}, KE).accepted
    out = e.apply({"kind": "request_diffusion", "purpose": "locate", "subject": pid,
                   "countries": ["MZ", "TZ"]}, KE)
    assert out.accepted, out
    got = [(f.from_country, f.to_country, f.kind, f.detail) for f in e.joint_debrief().flows]
    assert got == [("KE", abroad.country, "request", "inspection"),
                   ("KE", "MZ", "diffusion", "blue"), ("KE", "TZ", "diffusion", "blue")]


def test_a_simulated_partners_answers_are_on_the_timeline(wildlife):
    """Malaysia (no team plays it) answers Kenya's inspection at Port Klang, Tanzania's team
    is asked one too: the drawn answer is a flow from Malaysia back to Kenya on the day it
    came, as a team's answer is; a team's answer is not counted twice."""
    e = joint(wildlife)
    klang = next(loc for loc in wildlife.locations if loc.country == "MY")
    tz_port = next(loc for loc in wildlife.locations if loc.country == "TZ")
    assert e.apply({"kind": "inspection", "location": klang.id, "start_day": 1}, KE).accepted
    rid = e.apply({"kind": "inspection", "location": tz_port.id, "start_day": 1},
                  KE).params["request"]
    e.apply({"kind": "answer_request", "request": rid, "accept": True}, TZ)
    for _ in range(10):
        e.apply({"kind": "advance", "days": 1}, CONTROL)
    (told,) = [i for i in e.view("KE").inbox if i.code.startswith("partner.inspection_")
               and i.params["country"] == "MY"
               and not i.code.endswith("_closed")]  # the answer, not the window's end
    kind = "accepted" if told.code.endswith("agreed") else "declined"
    got = [(f.day, f.from_country, f.to_country, f.kind, f.detail)
           for f in e.joint_debrief().flows]
    assert (told.t, "MY", "KE", kind, "inspection") in got, got
    assert [g for g in got if g[1] == "TZ"] == [(0.0, "TZ", "KE", "accepted", "inspection")]


# --- why each load got through, read by every team ---------------------------------------
def test_a_teams_own_national_teams_that_did_not_act_are_named_for_every_reader(wildlife):
    """Tanzania's team books a seizure at Dar es Salaam with its own national teams, which
    do not act; Kenya's team asks Mozambique, which does not act either. The operation's
    shipment list is read by both teams and the control cell: Tanzania's own booking is
    said as its national teams' (never "Tanzania did not act on your request", as of a
    partner asked), Mozambique as the partner it is."""
    from academy.catalogs import engine_text
    from engine.messages import country_name
    from tests.engine.test_controls import partners, variant

    e = joint(variant(lambda d: partners(d, TZ=0.0, MZ=0.0)), 3,
              Overrides(detection=0.0, corruption=0.0))
    first, second = e.world.plan[0].id, e.world.plan[1].id
    with e.sim.acting_as("TZ"):
        e.sim.record_shipment(first, "test", "A1")
    e.sim.record_shipment(second, "test", "A1")  # Kenya's file (the home side)
    assert e.apply({"kind": "seizure", "shipment": first, "location": "dar-es-salaam-port",
                    "start_day": 0.0}, TZ).code == "seizure.booked_home"
    assert e.apply({"kind": "seizure", "shipment": second, "location": "niassa-reserve",
                    "start_day": 0.0}, KE).code == "seizure.requested"
    run_out(e)
    causes = {s.id: s for s in e.joint_debrief().world.shipments}
    own, partner = causes[first], causes[second]
    assert (own.fate, own.cause) == ("missed", "cause.declined_seizure_team"), own
    assert (partner.fate, partner.cause) == ("missed", "cause.declined_seizure"), partner
    assert partner.cause_params["country"] == "MZ"
    for lang in ("en", "fr", "es", "ar"):
        said = engine_text(own.cause, own.cause_params, own.cause_text, lang)
        assert country_name("TZ", lang) in said, (lang, said)
        assert said != engine_text("cause.declined_seizure", own.cause_params, "", lang)
