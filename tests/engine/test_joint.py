"""A joint operation: teams play countries of one exercise, one clock, human requests.

Kenya (the scenario's home country) and Tanzania are played by teams in most tests; the
control cell (the instructor) joins them and moves the clock. Preconditions that would take
weeks of play (a warrant, a published Red Notice, a shipment in the case file) are filed
through the simulation's own APIs (``Knowledge.learn``, ``record_shipment``); everything
asserted is what the engine does with them.
"""

from __future__ import annotations

import dataclasses
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.exercise import Exercise
from engine.joint import ROLES, Actor, roles_for

CONTROL = Actor(role="control", user=1)
KE = Actor(team="KE", user=10)  # a team of one: every role
TZ = Actor(team="TZ", user=20)
MZ = Actor(team="MZ", user=30)


def as_(actor: Actor, role: str) -> Actor:
    return actor.model_copy(update={"role": role})


@pytest.fixture
def ex(wildlife) -> Exercise:
    e = Exercise(wildlife, 3)
    for c in ("KE", "TZ"):
        assert e.apply({"kind": "team_joins", "country": c}, CONTROL).code == "team.joined"
    return e


def person_in(ex: Exercise, country: str) -> str:
    return next(m for m in ex.world.members
                if ex.world.entities[m].type == "person" and ex.world.entities[m].country == country)


def learn(ex: Exercise, side: str, eid: str) -> None:
    e = ex.world.entities[eid]
    ex.sim.knowledge_of[side].learn(eid, e.type, e.label, {"name": e.label}, ex.day, "test", "A1")


def advance(ex: Exercise, days: int) -> None:
    """The control cell moves the clock ``days`` days (a week or a day at a time)."""
    for step in [7] * (days // 7) + [1] * (days % 7):
        assert ex.apply({"kind": "advance", "days": step}, CONTROL).accepted


def codes(view) -> list[str]:
    return [i.code for i in view.inbox]


# --- the log -----------------------------------------------------------------------------
def test_actor_is_logged_only_when_given_and_replayed(wildlife, ex):
    single = Exercise(wildlife, 3)
    single.apply({"kind": "advance", "days": 1})
    assert set(single.log[0]) == {"t", "action"}
    ex.apply({"kind": "request_intel", "source": "customs-data", "target": "C03"}, as_(KE, "analyst"))
    assert ex.log[0]["actor"] == {"team": None, "user": 1, "role": "control"}
    assert ex.log[-1]["actor"] == {"team": "KE", "user": 10, "role": "analyst"}
    again = Exercise.from_log(wildlife, 3, json.loads(json.dumps(ex.log)))
    assert again.teams == ["KE", "TZ"] and again.log == ex.log


def test_share_intel_and_inject_logged_as_before_when_the_new_fields_are_unset(wildlife):
    e = Exercise(wildlife, 3)
    e.apply({"kind": "share_intel", "country": "TZ"})
    e.apply({"kind": "instructor_inject", "message": "hello"})
    assert e.log[0]["action"] == {"kind": "share_intel", "country": "TZ", "rationale": None}
    assert "team" not in e.log[1]["action"]
    assert "items" not in e.view().decisions[0].params


# --- the control cell --------------------------------------------------------------------
def test_only_the_control_cell_makes_a_team_join(wildlife):
    e = Exercise(wildlife, 3)
    out = e.apply({"kind": "team_joins", "country": "TZ"}, Actor(role="ncb"))
    assert (out.accepted, out.code, out.params["role"]) == (False, "role.not_allowed", "control")
    assert e.apply({"kind": "team_joins", "country": "TZ"}).code == "role.not_allowed"
    assert e.apply({"kind": "team_joins", "country": "ZZ"}, CONTROL).code == "team.bad_country"
    assert e.apply({"kind": "team_joins", "country": "TZ"}, CONTROL).accepted
    assert e.apply({"kind": "team_joins", "country": "TZ"}, CONTROL).code == "team.already"
    assert e.teams == ["TZ"]
    assert "system.team_briefing" in codes(e.view("TZ"))
    assert e.control_decisions and not any(d.kind == "team_joins" and d.accepted
                                           for d in e.view().decisions)


def test_clock_belongs_to_the_control_cell_once_a_team_joined(wildlife):
    e = Exercise(wildlife, 3)
    assert e.apply({"kind": "advance", "days": 1}).accepted  # single play: the trainee's
    e.apply({"kind": "team_joins", "country": "TZ"}, CONTROL)
    for who in (None, TZ, as_(TZ, "ncb"), Actor(team=None, role="analyst")):
        out = e.apply({"kind": "advance", "days": 1}, who)
        assert (out.accepted, out.code) == (False, "clock.control_cell"), who
        assert out.rule and "control cell" in out.rule
        assert e.apply({"kind": "advance_to_next_event"}, who).code == "clock.control_cell"
    assert e.day == 1.0
    assert e.apply({"kind": "advance", "days": 1}, CONTROL).accepted and e.day == 2.0
    assert e.apply({"kind": "advance_to_next_event", "confirm_end": True}, CONTROL).accepted


def test_a_team_that_has_not_joined_cannot_act(ex):
    out = ex.apply({"kind": "request_intel", "source": "customs-data", "target": "C03"}, MZ)
    assert out.code == "team.not_joined"
    assert not any(d.code == "team.not_joined" for t in (None, "KE", "TZ")
                   for d in ex.view(t).decisions)  # no team's record: the control cell's
    assert ex.control_decisions[-1].code == "team.not_joined"


def test_an_unknown_role_is_refused(ex):
    out = ex.apply({"kind": "request_intel", "source": "customs-data", "target": "C03"},
                   as_(KE, "minister"))
    assert out.code == "role.unknown"


# --- roles -------------------------------------------------------------------------------
@pytest.mark.parametrize(("action", "role", "may"), [
    ({"kind": "request_notice", "colour": "purple", "subject": "x", "purpose": "modus_operandi"},
     "analyst", "ncb"),
    ({"kind": "request_diffusion", "purpose": "locate", "subject": "x", "countries": ["TZ"]},
     "prosecutor_liaison", "ncb"),
    ({"kind": "share_intel", "country": "TZ"}, "analyst", "ncb"),
    ({"kind": "answer_request", "request": "R001", "accept": True}, "analyst", "ncb"),
    ({"kind": "request_warrant", "subject": "x"}, "ncb", "prosecutor_liaison"),
    ({"kind": "request_warrant", "subject": "x"}, "analyst", "prosecutor_liaison"),
    ({"kind": "request_intel", "source": "customs-data", "target": "C03"}, "ncb", "analyst"),
    ({"kind": "request_fiu", "subject": "C03"}, "prosecutor_liaison", "analyst"),
    ({"kind": "inspection", "location": "dar-es-salaam-port", "start_day": 1}, "analyst", "ncb"),
    ({"kind": "instructor_inject", "message": "hi"}, "ncb", "control"),
])
def test_a_role_may_not_take_another_roles_action(ex, action, role, may):
    out = ex.apply(action, as_(KE, role))
    assert (out.accepted, out.code) == (False, "role.not_allowed")
    assert out.params["role"] == may and out.rule


def test_the_role_that_may_passes_the_role_check(ex):
    budget = ex.view("KE").budget
    assert ex.apply({"kind": "request_intel", "source": "customs-data", "target": "C03"},
                    as_(KE, "analyst")).accepted
    assert ex.view("KE").budget < budget
    home = ex.apply({"kind": "inspection", "location": "mombasa-port", "start_day": 1},
                    as_(KE, "analyst"))  # at home: any member of the team
    assert home.accepted, home
    for role in ROLES:  # the team of one (role None) holds every role
        assert roles_for("request_notice", True) == ("ncb",)
        assert role in roles_for("inspection", False)
    warrant = ex.apply({"kind": "request_warrant", "subject": "C03"}, KE)
    assert warrant.code != "role.not_allowed"


# --- requests between teams --------------------------------------------------------------
def ask_inspection(ex: Exercise) -> str:
    out = ex.apply({"kind": "inspection", "location": "dar-es-salaam-port", "start_day": 2,
                    "days": 5, "rationale": "Our source says the load leaves via Dar"},
                   as_(KE, "ncb"))
    assert (out.accepted, out.code) == (True, "request.sent_to_team"), out
    return out.params["request"]


def test_an_inspection_asked_of_a_played_country_waits_in_its_teams_queue(ex):
    rid = ask_inspection(ex)
    assert rid == "R001"
    (req,) = ex.requests("TZ")
    assert (req.from_country, req.to_country, req.kind, req.status) == ("KE", "TZ", "inspection",
                                                                       "pending")
    assert req.message == "Our source says the load leaves via Dar"
    assert ex.requests("KE") == [req]
    advance(ex, 7)  # nothing is drawn: it still waits
    assert ex.requests("TZ")[0].status == "pending"
    assert not any(c.location == "dar-es-salaam-port" for c in ex.sim.controls)
    pending = ex.control_view().pending
    assert [(p.id, p.waiting_days) for p in pending] == [("R001", 7.0)]


def test_the_asked_team_accepts_and_the_world_acts_at_that_time(ex):
    rid = ask_inspection(ex)
    advance(ex, 1)
    refused = ex.apply({"kind": "answer_request", "request": rid, "accept": True},
                       as_(TZ, "analyst"))
    assert refused.code == "role.not_allowed"
    assert ex.apply({"kind": "answer_request", "request": rid, "accept": True},
                    as_(KE, "ncb")).code == "request.unknown"  # not KE's to answer
    out = ex.apply({"kind": "answer_request", "request": rid, "accept": True,
                    "reason": "Our customs will be there"}, as_(TZ, "ncb"))
    assert (out.accepted, out.code) == (True, "request.accepted")
    (ctl,) = [c for c in ex.sim.controls if c.location == "dar-es-salaam-port"]
    assert (ctl.start, ctl.side) == (2.0, "KE")
    req = ex.requests("KE")[0]
    assert (req.status, req.answered_t, req.reason, req.answered_by) == (
        "accepted", 1.0, "Our customs will be there", 20)
    ke = codes(ex.view("KE"))
    assert "partner.team_accepted" in ke and "partner.inspection_agreed" in ke
    told = next(i for i in ex.view("KE").inbox if i.code == "partner.team_accepted")
    assert "Our customs will be there" in told.text
    assert "partner.inspection_agreed" not in codes(ex.view("TZ"))
    assert ex.apply({"kind": "answer_request", "request": rid, "accept": False},
                    as_(TZ, "ncb")).code == "request.answered"


def test_a_declined_inspection_frees_the_asking_teams_inspection_team(ex):
    teams = ex.view("KE").teams_free
    rid = ask_inspection(ex)
    advance(ex, 2)
    assert ex.view("KE").teams_free == teams - 1
    out = ex.apply({"kind": "answer_request", "request": rid, "accept": False,
                    "reason": "No officers free"}, as_(TZ, "ncb"))
    assert out.code == "request.declined"
    assert ex.view("KE").teams_free == teams
    assert {"partner.team_declined", "partner.inspection_declined"} <= set(codes(ex.view("KE")))
    assert ex.view("TZ").teams_free == teams  # Tanzania's own teams were never committed


def test_an_unplayed_country_keeps_its_drawn_answer(ex):
    out = ex.apply({"kind": "inspection", "location": "port-klang", "start_day": 1},
                   as_(KE, "ncb"))
    assert out.code == "inspection.requested" and not ex.requests("KE")


def test_a_seizure_asked_of_a_played_country_is_answered_by_its_team(ex):
    sid = next(iter(ex.sim.ships))
    with ex.sim.acting_as("KE"):
        ex.sim.record_shipment(sid, "test", "A1")
    out = ex.apply({"kind": "seizure", "shipment": sid, "location": "unity-bridge",
                    "start_day": 1}, as_(KE, "ncb"))
    assert out.code == "request.sent_to_team"
    ex.apply({"kind": "answer_request", "request": out.params["request"], "accept": True},
             TZ)
    (ctl,) = [c for c in ex.sim.controls if c.location == "unity-bridge"]
    assert ctl.shipment == sid and "partner.seizure_agreed" in codes(ex.view("KE"))


def test_an_arrest_on_a_red_notice_in_a_played_country_is_made_by_its_team(ex):
    pid = person_in(ex, "TZ")
    learn(ex, "KE", pid)
    ex.sim.warrants_of["KE"].add(pid)
    ex.sim.notices[("red", pid)] = 0.0
    out = ex.apply({"kind": "arrest", "subject": pid}, as_(KE, "ncb"))
    assert out.code == "request.sent_to_team"
    assert ex.apply({"kind": "arrest", "subject": pid}, as_(KE, "analyst")).code == \
        "role.not_allowed"
    assert pid not in ex.sim.arrested
    ex.apply({"kind": "answer_request", "request": out.params["request"], "accept": True,
              "reason": "Picked up at home"}, as_(TZ, "ncb"))
    assert pid in ex.sim.arrested
    assert "partner.arrest" in codes(ex.view("KE"))


def test_a_controlled_delivery_needs_the_hand_answer_of_every_played_state(ex):
    sid = next(iter(ex.sim.ships))
    with ex.sim.acting_as("KE"):
        ex.sim.record_shipment(sid, "test", "A1")
    from engine.deliveries import route_states

    with ex.sim.acting_as("KE"):
        states = route_states(ex.sim, sid)
    assert "TZ" in states
    out = ex.apply({"kind": "controlled_delivery", "shipment": sid}, as_(KE, "ncb"))
    assert out.accepted and out.params["requests"] == "R001"
    (req,) = ex.requests("TZ")
    assert req.kind == "controlled_delivery"
    advance(ex, 10)  # every drawn state has answered
    asked = ex.sim.cd_asked[sid]
    assert "TZ" not in asked.heard and not asked.complete
    ex.apply({"kind": "answer_request", "request": "R001", "accept": False,
              "reason": "Too risky on our roads"}, as_(TZ, "ncb"))
    assert asked.complete and not asked.agreed and "TZ" in asked.refused_by
    assert "partner.cd_refused" in codes(ex.view("KE"))


def test_a_freeze_asked_of_a_played_country_is_made_by_its_team(ex):
    acc = next((a for a in ex.world.accounts.values()
                if ex.world.entities[a].country == "TZ"), None)
    if acc is None:
        pytest.skip("no account held in Tanzania in this world")
    learn(ex, "KE", acc)
    ex.sim.money.traced[acc] = 1000.0  # traced already (engine.finance's basis)
    freeze = {"kind": "freeze_assets", "account": acc}
    assert ex.apply(freeze, as_(KE, "prosecutor_liaison")).params["role"] == "ncb"
    out = ex.apply(freeze, as_(KE, "ncb"))
    assert out.code == "request.sent_to_team" and acc not in ex.sim.money.frozen
    ex.apply({"kind": "answer_request", "request": out.params["request"], "accept": True},
             as_(TZ, "ncb"))
    assert ex.sim.money.frozen[acc] == 1000.0
    assert "finance.frozen" in codes(ex.view("KE"))


# --- sharing and handling codes ------------------------------------------------------------
def test_sharing_with_a_played_country_lands_in_its_teams_inbox(ex):
    out = ex.apply({"kind": "share_intel", "country": "TZ"}, as_(KE, "ncb"))
    assert out.code == "share.sent_to_team"
    tz = ex.view("TZ")
    assert "partner.team_shared" in codes(tz)
    assert {e.id for e in ex.view("KE").entities} <= {e.id for e in tz.entities}
    assert not ex.requests("TZ")  # nothing to answer: it is a gift, not a request


def test_each_team_is_briefed_on_its_own_country(ex):
    """The opening item of a team's inbox names the country it plays, not the home's."""
    from engine.messages import render

    def opening(country: str) -> str:
        first = next(i for i in ex.view(country).inbox if i.code.startswith("system.team"))
        return render(first.code, first.params, "en", lambda _c: None)

    assert opening("TZ").startswith("Joint operation: your team is the NEST of Tanzania;")
    assert "you play Tanzania's" in opening("TZ")
    assert opening("KE").startswith("Joint operation: your team is the NEST of Kenya;")
    assert "written for" not in opening("KE")


def test_the_price_of_a_share_to_a_team_says_it_lands_at_once(ex):
    """The quote a desk shows under the form: a share to a played country lands at once (no
    "answer in 2 days"); an inspection there is answered by that team, by hand."""
    assert ex.quote({"kind": "share_intel", "country": "TZ"}, "KE").delay is None
    assert ex.apply({"kind": "share_intel", "country": "TZ"}, as_(KE, "ncb")).code \
        == "share.sent_to_team"
    assert ex.quote({"kind": "share_intel", "country": "MZ"}, "KE").delay == (2.0, 2.0, 2.0)
    dar = next(loc.id for loc in ex.scenario.locations if loc.country == "TZ")
    asked = ex.quote({"kind": "inspection", "location": dar}, "KE")
    assert (asked.team, asked.delay) == ("TZ", None)
    assert ex.quote({"kind": "inspection", "location": dar}, "TZ").team is None  # its own


def test_an_item_given_under_do_not_share_may_not_be_passed_on(ex):
    ex.apply({"kind": "team_joins", "country": "MZ"}, CONTROL)
    item = ex.view("KE").inbox[0].id
    out = ex.apply({"kind": "share_intel", "country": "TZ", "items": [item],
                    "handling": "no_share"}, as_(KE, "ncb"))
    assert out.accepted
    got = next(i for i in ex.view("TZ").inbox if i.params.get("shared_by") == "KE"
               and i.code != "partner.team_shared")
    assert got.handling == "no_share"
    out = ex.apply({"kind": "share_intel", "country": "MZ", "items": [got.id]}, as_(TZ, "ncb"))
    assert (out.accepted, out.code) == (False, "handling.not_shareable") and out.rule
    assert not any(i.params.get("shared_by") == "TZ" for i in ex.view("MZ").inbox)
    tz = next(s for s in ex.control_view().sides if s.country == "TZ")
    assert tz.withheld == 1 and ex.debrief().handling_refused == {"TZ": 1}
    own = ex.view("TZ").inbox[0].id  # Tanzania's own briefing it may share as it likes
    assert ex.apply({"kind": "share_intel", "country": "MZ", "items": [own]},
                    as_(TZ, "ncb")).accepted
    assert ex.apply({"kind": "share_intel", "country": "MZ", "items": ["I999"]},
                    as_(TZ, "ncb")).code == "share.unknown_item"


def test_inbox_items_may_be_shared_by_default(ex):
    assert all(i.handling == "share" for i in ex.view("KE").inbox)


# --- each team its own side --------------------------------------------------------------
def test_a_team_never_sees_another_teams_file(ex):
    ex.apply({"kind": "team_joins", "country": "MZ"}, CONTROL)
    ask_inspection(ex)
    ex.apply({"kind": "request_intel", "source": "customs-data", "target": "C03",
              "rationale": "KE secret"}, as_(KE, "analyst"))
    assert any(a.code == "agenda.intel" for a in ex.agenda("KE"))
    assert not any(a.code == "agenda.intel" for a in ex.agenda("MZ") + ex.agenda("TZ"))
    advance(ex, 14)
    ke, tz, mz = ex.view("KE"), ex.view("TZ"), ex.view("MZ")
    ke_only = {i.id + i.code for i in ke.inbox} - {i.id + i.code for i in tz.inbox}
    assert ke_only
    assert not any((d.rationale or "") == "KE secret" for d in tz.decisions + mz.decisions)
    assert any(d.rationale == "KE secret" for d in ke.decisions)
    # Mozambique learns only what the MSEL told every team: nothing of Kenya's file
    told_all = {e.id for e in mz.entities}
    assert "C03" in {e.id for e in ke.entities} and "C03" not in told_all
    assert {e.id for e in ke.entities} - told_all
    assert not mz.links and not ex.requests("MZ")
    assert ex.requests("KE") and ex.requests("TZ")
    assert "MZ" not in mz.actions.partner_countries and "KE" in mz.actions.partner_countries
    assert not any(a.code == "agenda.window_open" for a in ex.agenda("MZ"))


def test_an_answer_reaches_the_team_that_asked(ex):
    before = len(ex.view("KE").inbox)
    out = ex.apply({"kind": "request_intel", "source": "customs-data", "target": "C03"}, TZ)
    assert out.code == "intel.unknown_target"  # Tanzania's file does not hold C03 yet
    ex.apply({"kind": "share_intel", "country": "TZ"}, KE)
    assert ex.apply({"kind": "request_intel", "source": "customs-data", "target": "C03"},
                    TZ).accepted
    advance(ex, 14)
    assert any(i.code.startswith("intel.") for i in ex.view("TZ").inbox)
    assert not any(i.code.startswith("intel.") for i in ex.view("KE").inbox[before:])


def test_each_played_country_has_its_own_budget(ex):
    ke, tz = ex.view("KE").budget, ex.view("TZ").budget
    assert ke == tz
    ex.apply({"kind": "share_intel", "country": "TZ"}, KE)
    ex.apply({"kind": "request_intel", "source": "customs-data", "target": "C03"}, TZ)
    assert ex.view("TZ").budget < tz and ex.view("KE").budget == ke
    advance(ex, 8)
    week = [i for i in ex.view("TZ").inbox if i.code == "system.budget"]
    assert week and week[0].params["budget"] == round(ex.view("TZ").budget, 3)


def test_the_acting_countrys_rules_apply(ex):
    out = ex.apply({"kind": "share_intel", "country": "TZ"}, TZ)
    assert out.code == "share.bad_country"  # Tanzania does not share with itself
    out = ex.apply({"kind": "request_diffusion", "purpose": "information", "subject": "C03",
                    "countries": ["TZ"]}, TZ)
    assert out.code != "role.not_allowed"


def test_injects_reach_every_team_or_the_one_named(ex):
    ex.apply({"kind": "instructor_inject", "message": "all hands"}, CONTROL)
    ex.apply({"kind": "instructor_inject", "message": "only you", "team": "TZ"}, CONTROL)
    assert ex.apply({"kind": "instructor_inject", "message": "x", "team": "VN"},
                    CONTROL).code == "inject.unknown_team"
    ke = [i.params["text"] for i in ex.view("KE").inbox if i.code == "inject.instructor"]
    tz = [i.params["text"] for i in ex.view("TZ").inbox if i.code == "inject.instructor"]
    assert ke == ["all hands"] and tz == ["all hands", "only you"]
    assert ex.apply({"kind": "instructor_inject", "message": "x"}, TZ).code == "role.not_allowed"


def test_an_msel_inject_naming_a_team_reaches_only_that_team(wildlife):
    first = wildlife.msel[0]  # ranger-tip, day 2
    scenario = wildlife.model_copy(
        update={"msel": [first.model_copy(update={"team": "TZ"}), *wildlife.msel[1:]]})
    single = Exercise(scenario, 3)
    single.apply({"kind": "advance", "days": 7})
    # nobody plays TZ: the home file has it
    assert any(i.source == first.source for i in single.view().inbox)
    e = Exercise(scenario, 3)
    for c in ("KE", "TZ"):
        e.apply({"kind": "team_joins", "country": c}, CONTROL)
    advance(e, 7)
    tips = {t: [i for i in e.view(t).inbox if i.code == "inject.msel"
                and i.source == first.source] for t in ("KE", "TZ")}
    assert len(tips["TZ"]) == 1 and not tips["KE"]
    both = Exercise(wildlife, 3)  # an inject naming no team reaches every team
    for c in ("KE", "TZ"):
        both.apply({"kind": "team_joins", "country": c}, CONTROL)
    advance(both, 7)
    for t in ("KE", "TZ"):
        assert any(i.source == first.source for i in both.view(t).inbox), t


def test_a_published_notice_reaches_every_team(ex):
    from engine.notice_requests import _publish

    ex.apply({"kind": "team_joins", "country": "MZ"}, CONTROL)
    pid = person_in(ex, "TZ")
    assert pid not in {e.id for e in ex.view("MZ").entities}
    with ex.sim.acting_as("KE"):  # the General Secretariat publishes Kenya's Red Notice
        _publish(ex.sim, "red", pid)
    for team in ("TZ", "MZ"):
        v = ex.view(team)
        assert pid in {e.id for e in v.entities}
        assert [(n.colour, n.subject) for n in v.notices] == [("red", pid)]
        said = next(i for i in v.inbox if i.code == "notice.circulated")
        assert said.params["country"] == "KE"
    assert "notice.circulated" not in codes(ex.view("KE"))


def test_a_find_in_a_played_country_is_filed_to_its_team(wildlife):
    from engine.exercise import Overrides

    for seed in range(20):  # the first world where a load is found in Tanzania
        e = Exercise(wildlife, seed, Overrides(detection=5))
        e.apply({"kind": "team_joins", "country": "TZ"}, CONTROL)
        while not e.finished:
            e.apply({"kind": "advance", "days": 7}, CONTROL)
        seized = {sid: e.sim.locs[st.where].country for sid, st in e.sim.ships.items()
                  if st.status == "seized" and st.where}
        if "TZ" in seized.values():
            break
    else:
        pytest.fail("no load found in Tanzania")
    for team, home in (("TZ", True), (None, False)):
        said = {i.params["shipment"] for i in e.view(team).inbox if i.code == "partner.seizure"}
        assert said == {sid for sid, c in seized.items() if (c == "TZ") == home}, team


def test_the_control_view_sees_every_side_and_the_world(ex):
    ask_inspection(ex)
    cv = ex.control_view()
    assert cv.teams == ["KE", "TZ"] and {s.country for s in cv.sides} == {"KE", "TZ"}
    assert len(cv.members) == len(ex.world.members) and cv.shipments
    assert [r.id for r in cv.requests] == ["R001"]


# --- replay ------------------------------------------------------------------------------
def team_actions():
    ke_acts = st.sampled_from([
        ({"kind": "request_intel", "source": "customs-data", "target": "C03"}, as_(KE, "analyst")),
        ({"kind": "share_intel", "country": "TZ"}, as_(KE, "ncb")),
        ({"kind": "inspection", "location": "dar-es-salaam-port", "start_day": 3},
         as_(KE, "ncb")),
        ({"kind": "request_warrant", "subject": "C03"}, as_(KE, "analyst")),
        ({"kind": "answer_request", "request": "R002", "accept": True}, as_(KE, "ncb")),
        ({"kind": "answer_request", "request": "R003", "accept": False}, KE),
    ])
    tz_acts = st.sampled_from([
        ({"kind": "answer_request", "request": "R001", "accept": True}, as_(TZ, "ncb")),
        ({"kind": "answer_request", "request": "R002", "accept": False, "reason": "no"},
         as_(TZ, "ncb")),
        ({"kind": "inspection", "location": "mombasa-port", "start_day": 2}, TZ),
        ({"kind": "share_intel", "country": "KE", "handling": "no_share"}, TZ),
        ({"kind": "request_intel", "source": "customs-data", "target": "C03"}, TZ),
    ])
    clock = st.sampled_from([({"kind": "advance", "days": 1}, CONTROL),
                             ({"kind": "advance", "days": 7}, CONTROL)])
    return st.lists(st.one_of(ke_acts, tz_acts, clock), max_size=14)


def snapshot(ex: Exercise) -> str:
    return json.dumps(
        [dataclasses.asdict(ex.view("KE")), dataclasses.asdict(ex.view("TZ")),
         dataclasses.asdict(ex.debrief()), [r.to_dict() for r in ex.requests("KE")]],
        sort_keys=True, default=str,
    )


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(acts=team_actions())
def test_any_interleaving_of_two_teams_replays_to_the_same_state(wildlife, acts):
    ex = Exercise(wildlife, 5)
    for c in ("KE", "TZ"):
        ex.apply({"kind": "team_joins", "country": c}, CONTROL)
    for action, actor in acts:
        ex.apply(action, actor)
    again = Exercise.from_log(wildlife, 5, json.loads(json.dumps(ex.log)))
    assert snapshot(again) == snapshot(ex)


def test_news_changes_for_a_team_only_when_its_desk_would_change(ex):
    """``Exercise.news(team)``: what the platform's desks poll. Another team's action that
    touches nothing of Kenya's leaves Kenya's news as it was; a request to Kenya, Kenya's own
    action and a move of the clock change it."""
    kenya = ex.news("KE")
    ex.apply({"kind": "inspection", "location": "mombasa-port", "start_day": 3}, TZ)
    assert ex.news("KE") != kenya  # a request to the team playing Kenya: its queue grew
    kenya, tanzania = ex.news("KE"), ex.news("TZ")
    ex.apply({"kind": "case_meeting"}, TZ)  # Tanzania's own business (accepted or not)
    assert ex.news("KE") == kenya and ex.news("TZ") != tanzania
    ex.apply({"kind": "share_intel", "country": "MZ"}, KE)
    assert ex.news("KE") != kenya
    kenya = ex.news("KE")
    advance(ex, 1)
    assert ex.news("KE") != kenya
    assert ex.news("MZ") == ()  # no team plays Mozambique


# --- a request to the team's own country ------------------------------------------------
def test_a_request_to_the_teams_own_country_is_booked_with_its_national_services(ex):
    """Kenya's inspection at Mombasa, Tanzania's seizure at Dar es Salaam, Kenya's arrest of
    a Kenyan and its freezing of a Kenyan account are no requests "sent to Kenya": they are
    booked with the team's own services, and the desk (outcome, agenda) and the inbox (the
    answer, its sender) say so in every language, never naming the team's own country."""
    from academy.catalogs import catalog, engine_text

    sid = next(iter(ex.sim.ships))
    with ex.sim.acting_as("TZ"):
        ex.sim.record_shipment(sid, "test", "A1")
    ke = person_in(ex, "KE")
    learn(ex, "KE", ke)
    ex.sim.warrants_of["KE"].add(ke)
    account = ex.world.accounts[ke]
    learn(ex, "KE", account)
    ex.sim.money.traced[account] = 5000.0  # traced: a basis for freezing it
    asked = {
        "inspection": (ex.apply({"kind": "inspection", "location": "mombasa-port",
                                 "start_day": 1}, KE), "KE"),
        "seizure": (ex.apply({"kind": "seizure", "shipment": sid,
                              "location": "dar-es-salaam-port", "start_day": 1}, TZ), "TZ"),
        "arrest": (ex.apply({"kind": "arrest", "subject": ke}, KE), "KE"),
        "freeze": (ex.apply({"kind": "freeze_assets", "account": account}, KE), "KE"),
    }
    for what, (out, team) in asked.items():
        assert (out.accepted, out.code) == (True, f"{what}.booked_home"), (what, out)
        assert "sent to" not in out.message and team not in out.message, out.message
        for lang in ("en", "fr", "es", "ar"):
            said = catalog(lang)[f"engine.{what}.booked_home"]
            assert "{country}" not in said, (lang, what)
    agenda = [a.code for a in ex.agenda("KE")] + [a.code for a in ex.agenda("TZ")]
    for what in asked:
        assert f"agenda.{what}_home" in agenda, (what, agenda)
        assert f"agenda.{what}" not in agenda
    advance(ex, 14)
    answers = [i for c in ("KE", "TZ") for i in ex.view(c).inbox
               if i.code.startswith(("home.", "partner.inspection", "partner.seizure",
                                     "partner.arrest", "finance.frozen",
                                     "finance.freeze_declined"))]
    assert answers
    for i in answers:  # from its own services, in its own words
        assert i.code.startswith("home.") or (
            i.code == "partner.arrest" and i.params["how_msg"]["code"] == "arrest.by_home"), i
        for lang in ("fr", "es", "ar"):
            text = engine_text(i.code, i.params, i.text, lang)
            assert "Kenya" not in text and "Tanzani" not in text, (lang, text)
    assert ex.sim.cases.get(ke) is None or ex.sim.cases[ke].forum == "KE"


def test_a_single_player_inspection_at_home_is_booked_not_sent(wildlife):
    ex = Exercise(wildlife, 3)
    out = ex.apply({"kind": "inspection", "location": "mombasa-port", "start_day": 1})
    assert out.code == "inspection.booked_home" and "KE" not in out.message
    out = ex.apply({"kind": "inspection", "location": "port-klang", "start_day": 1})
    assert out.code == "inspection.requested" and out.params["country"] == "MY"


def test_a_controlled_delivery_through_the_teams_own_country_asks_only_the_others(
        wildlife, ex):
    """Tanzania's own services agree at once: its request goes to the other states on the
    route (Mozambique, Malaysia, Viet Nam), and the desk says so, not "sent to Tanzania";
    a load whose route (as the file holds it) stays in Kenya needs nobody else."""
    sid = next(iter(ex.sim.ships))
    with ex.sim.acting_as("TZ"):
        ex.sim.record_shipment(sid, "test", "A1")
    out = ex.apply({"kind": "controlled_delivery", "shipment": sid}, as_(TZ, "ncb"))
    assert out.code == "cd.requested_home", out
    assert "TZ" not in out.params["countries"].split(", ") and out.params["countries"]
    single = Exercise(wildlife, 3)
    single.sim.knowledge.learn(sid, "shipment", f"Shipment {sid}",
                               {"route": ["horohoro", "mombasa-port"]}, 0.0, "test", "A1")
    out = single.apply({"kind": "controlled_delivery", "shipment": sid})
    assert out.code == "cd.in_force_home" and "KE" not in out.message
    assert sid in single.sim.cd_requests
    assert "home.cd_in_force" in codes(single.view())


def test_the_home_team_reads_the_scenarios_briefing_once(wildlife):
    """A trial: Kenya's inbox held the briefing twice, the scenario's own item and the team
    item repeating it. The home team's item names the team and points at the briefing;
    another team's item carries the briefing, since it has no other."""
    from engine.messages import render

    e = Exercise(wildlife, 3)
    for country in ("KE", "TZ"):
        assert e.apply({"kind": "team_joins", "country": country}, CONTROL).accepted
    opening = wildlife.briefing["en"].split(".")[0]
    for country, times in (("KE", 1), ("TZ", 1)):
        shown = [render(i.code, i.params, "en", lambda _c: None) for i in e.view(country).inbox]
        assert sum(opening in text for text in shown) == times, (country, shown)
