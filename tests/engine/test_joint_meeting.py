"""The regional case meeting between teams (engine.meetings): proposed by a team's NCB,
convened and closed by the control cell; each team tables what it chooses from its own
file; the meeting leaves a shared file and a target list with owners, which the debrief
sets beside the real network. Kenya, Tanzania and Mozambique are played by teams; KE and
TZ sit at the meeting, MZ is not invited."""

from __future__ import annotations

import json

import pytest

from academy.catalogs import catalog
from engine import messages as M
from engine.exercise import Exercise
from engine.joint import HANDLING_RULE, Actor

CONTROL = Actor(role="control", user=1)
KE = Actor(team="KE", user=10, role="ncb")
TZ = Actor(team="TZ", user=20, role="ncb")
MZ = Actor(team="MZ", user=30, role="ncb")


def as_(actor: Actor, role: str) -> Actor:
    return actor.model_copy(update={"role": role})


@pytest.fixture
def ex(wildlife) -> Exercise:
    e = Exercise(wildlife, 3)
    for c in ("KE", "TZ", "MZ"):
        assert e.apply({"kind": "team_joins", "country": c}, CONTROL).accepted
    return e


def member(ex: Exercise, country: str, role: str | None = None) -> str:
    return next(m for m in ex.world.members if ex.world.entities[m].type == "person"
                and ex.world.entities[m].country == country
                and (role is None or ex.world.entities[m].role == role))


def learn(ex: Exercise, side: str, eid: str) -> None:
    e = ex.world.entities[eid]
    ex.sim.knowledge_of[side].learn(eid, e.type, e.label, {"name": e.label}, ex.day, "test", "A1")


def open_meeting(ex: Exercise) -> str:
    out = ex.apply({"kind": "propose_meeting", "countries": ["TZ"]}, KE)
    assert out.code == "meeting.proposed", out
    assert out.params["countries"] == "TZ"  # the others invited, as the English line says
    mid = out.params["meeting"]
    assert ex.apply({"kind": "convene_meeting", "meeting": mid}, CONTROL).code \
        == "meeting.convened_teams"
    return mid


def test_a_meeting_leaves_a_shared_file_credited_to_its_source_and_a_target_list(ex):
    ke_agent, tz_broker = member(ex, "KE"), member(ex, "TZ", "broker")
    learn(ex, "KE", ke_agent)
    learn(ex, "TZ", tz_broker)
    learn(ex, "TZ", ke_agent)
    ex.sim.knowledge_of["TZ"].link(tz_broker, ke_agent, "sells_to", 0.0, "test", "B2")
    item = ex.view("TZ").inbox[0].id  # the briefing
    mid = open_meeting(ex)
    assert "meeting.convened" in [i.code for i in ex.view("TZ").inbox]
    assert ex.apply({"kind": "table_items", "meeting": mid, "entities": [ke_agent]}, KE).accepted
    out = ex.apply({"kind": "table_items", "meeting": mid, "entities": [tz_broker],
                    "links": [[ke_agent, tz_broker]], "items": [item]}, as_(TZ, "analyst"))
    assert out.code == "meeting.tabled" and out.params["n"] == 3
    # KE owns the TZ broker it saw on the table; TZ the KE agent
    assert ex.apply({"kind": "propose_target", "meeting": mid, "target": tz_broker,
                     "action": "arrest"}, KE).code == "meeting.target_owned"
    assert ex.apply({"kind": "propose_target", "meeting": mid, "target": ke_agent,
                     "action": "arrest"}, TZ).accepted
    assert tz_broker not in {e.id for e in ex.view("KE").entities}  # not before the close
    assert ex.apply({"kind": "close_meeting", "meeting": mid}, CONTROL).code == "meeting.closed"
    ke = {e.id: e for e in ex.view("KE").entities}
    assert ke[tz_broker].source == f"Case meeting {mid}: NCB TZ"
    assert any(k.a == tz_broker and k.b == ke_agent for k in ex.view("KE").links)
    shared = [i for i in ex.view("KE").inbox if i.params.get("shared_by") == "TZ"]
    assert [i.code for i in shared] == ["system.team_briefing"]
    assert tz_broker not in {e.id for e in ex.view("MZ").entities}  # not invited
    (m,) = ex.meetings("KE")
    assert m.status == "closed" and [(t.target, t.owner, t.action) for t in m.targets] == [
        (tz_broker, "KE", "arrest"), (ke_agent, "TZ", "arrest")]
    assert ex.meetings("MZ") == [] and len(ex.meetings()) == 1
    (closed,) = [i for i in ex.view("TZ").inbox if i.code == "meeting.closed"]
    names = {e.id: e.label for e in ex.view("KE").entities}
    fr = catalog("fr")
    french = M.render(closed.code, closed.params, "fr",
                      lambda code: (entry := fr.get(f"inbox.{code}")) and str(entry))
    assert f"{names[tz_broker]} (arrestation, Kenya)\u202f; {names[ke_agent]} (arrestation, " \
        "Tanzanie)" in french  # the reader's words and country names, not "(arrest, KE)"


def test_the_debrief_sets_the_target_list_beside_the_real_network(ex):
    tz_broker = member(ex, "TZ", "broker")
    decoy = next(d for d in ex.world.decoys if ex.world.entities[d].type == "person")
    learn(ex, "TZ", tz_broker)
    learn(ex, "KE", decoy)
    mid = open_meeting(ex)
    ex.apply({"kind": "propose_target", "meeting": mid, "target": tz_broker,
              "action": "arrest"}, TZ)
    assert ex.meeting_review() == []  # only closed meetings are reviewed
    assert ex.apply({"kind": "propose_target", "meeting": mid, "target": decoy,
                     "action": "arrest"}, KE).accepted  # an innocent look-alike
    ex.apply({"kind": "close_meeting", "meeting": mid}, CONTROL)
    (r,) = ex.meeting_review()
    rows = {t.target: t for t in r.targets}
    assert rows[tz_broker].real and rows[tz_broker].role == "broker"
    assert not rows[tz_broker].done
    assert not rows[decoy].real and rows[decoy].role == ""
    leaders = [ex.world.entities[m].label for m in ex.world.members
               if ex.world.entities[m].role in ("broker", "financier")
               and ex.world.entities[m].type == "person" and m != tz_broker]
    assert r.leaders_missed == leaders and ex.world.entities[tz_broker].label not in leaders
    assert ex.joint_debrief().meetings == [r]  # the joint debrief sets the list beside the truth


def test_proposing_and_convening_refusals(wildlife, ex):
    single = Exercise(wildlife, 3)
    assert single.apply({"kind": "propose_meeting"}).code == "meeting.joint_only"
    assert ex.apply({"kind": "propose_meeting"}, as_(KE, "analyst")).code == "role.not_allowed"
    assert ex.apply({"kind": "propose_meeting", "countries": ["VN"]}, KE).code \
        == "meeting.not_a_team"
    assert ex.apply({"kind": "propose_meeting", "countries": ["KE"]}, KE).code == "meeting.alone"
    assert ex.apply({"kind": "propose_meeting", "countries": []}, KE).code == "meeting.alone"
    mid = ex.apply({"kind": "propose_meeting"}, KE).params["meeting"]
    assert ex.meetings("MZ")[0].countries == ["KE", "TZ", "MZ"]  # none named: every team
    again = ex.apply({"kind": "propose_meeting"}, KE)  # one proposal of a team at a time
    assert again.code == "meeting.already_proposed" and again.params["meeting"] == mid
    other = ex.apply({"kind": "propose_meeting", "countries": ["MZ"]}, TZ).params["meeting"]
    assert ex.apply({"kind": "convene_meeting", "meeting": mid}, KE).code == "role.not_allowed"
    assert ex.apply({"kind": "convene_meeting", "meeting": "M099"}, CONTROL).code \
        == "meeting.unknown"
    assert ex.apply({"kind": "convene_meeting", "meeting": mid}, CONTROL).accepted
    assert ex.apply({"kind": "convene_meeting", "meeting": mid}, CONTROL).code \
        == "meeting.not_proposed"
    assert ex.apply({"kind": "convene_meeting", "meeting": other}, CONTROL).code \
        == "meeting.one_at_a_time"
    assert ex.apply({"kind": "close_meeting", "meeting": mid}, TZ).code == "role.not_allowed"
    assert ex.apply({"kind": "close_meeting", "meeting": mid}, CONTROL).accepted
    assert ex.apply({"kind": "close_meeting", "meeting": mid}, CONTROL).code == "meeting.not_open"
    assert ex.apply({"kind": "convene_meeting", "meeting": other}, CONTROL).accepted


def test_tabling_refusals(ex):
    ke_agent = member(ex, "KE")
    learn(ex, "KE", ke_agent)
    proposed = ex.apply({"kind": "propose_meeting", "countries": ["TZ"]}, KE).params["meeting"]
    assert ex.apply({"kind": "table_items", "meeting": proposed, "entities": [ke_agent]},
                    KE).code == "meeting.not_open"
    ex.apply({"kind": "convene_meeting", "meeting": proposed}, CONTROL)
    mid = proposed
    assert ex.apply({"kind": "table_items", "meeting": mid, "entities": [ke_agent]},
                    MZ).code == "meeting.not_invited"
    assert ex.apply({"kind": "table_items", "meeting": mid, "entities": [ke_agent]},
                    as_(KE, "prosecutor_liaison")).code == "role.not_allowed"
    out = ex.apply({"kind": "table_items", "meeting": mid, "entities": ["P999"],
                    "items": ["I999"], "links": [[ke_agent, "P998"]]}, KE)
    assert out.code == "meeting.not_in_file" and "P999" in out.message and "I999" in out.message
    assert ex.apply({"kind": "table_items", "meeting": mid}, KE).code == "meeting.nothing_tabled"


def test_what_came_under_do_not_share_stays_off_the_table_with_its_rule(ex):
    ke_agent, mz_poacher = member(ex, "KE"), member(ex, "MZ")
    learn(ex, "MZ", mz_poacher)
    # MZ gives KE its briefing (an item) and its file under 'do not share'
    mz_item = ex.view("MZ").inbox[0].id
    assert ex.apply({"kind": "share_intel", "country": "KE", "items": [mz_item],
                     "handling": "no_share"}, MZ).accepted
    assert ex.apply({"kind": "share_intel", "country": "KE", "handling": "no_share"}, MZ).accepted
    learn(ex, "KE", ke_agent)
    got = next(i.id for i in ex.view("KE").inbox if i.params.get("shared_by") == "MZ"
               and i.code == "system.team_briefing")
    mid = open_meeting(ex)
    before = ex.sim.withheld.get("KE", 0)
    out = ex.apply({"kind": "table_items", "meeting": mid, "items": [got]}, KE)
    assert out.code == "handling.not_shareable" and out.rule == HANDLING_RULE
    out = ex.apply({"kind": "table_items", "meeting": mid, "entities": [mz_poacher]}, KE)
    assert out.code == "handling.not_shareable"
    assert ex.sim.withheld["KE"] == before + 2
    assert ex.apply({"kind": "table_items", "meeting": mid, "entities": [ke_agent]}, KE).accepted
    assert ex.meetings("KE")[0].tabled["KE"].entities == [ke_agent]


def test_target_refusals(ex):
    ke_agent, tz_broker = member(ex, "KE"), member(ex, "TZ", "broker")
    learn(ex, "KE", ke_agent)
    learn(ex, "TZ", ke_agent)
    mid = open_meeting(ex)
    assert ex.apply({"kind": "propose_target", "meeting": mid, "target": tz_broker,
                     "action": "arrest"}, KE).code == "meeting.bad_target"  # not held
    out = ex.apply({"kind": "propose_target", "meeting": mid, "target": ke_agent,
                    "action": "seizure"}, KE)
    assert out.code == "meeting.bad_target"  # not a shipment: told by its name, not its id
    assert out.params["target"] == ex.world.entities[ke_agent].label
    assert ke_agent not in out.message
    assert ex.apply({"kind": "propose_target", "meeting": mid, "target": ke_agent,
                     "action": "arrest"}, KE).accepted
    out = ex.apply({"kind": "propose_target", "meeting": mid, "target": ke_agent,
                    "action": "arrest"}, TZ)
    assert out.code == "meeting.target_taken" and out.params["country"] == "KE"
    assert ex.apply({"kind": "propose_target", "meeting": mid, "target": ke_agent,
                     "action": "arrest"}, MZ).code == "meeting.not_invited"


def test_a_company_is_not_put_for_arrest_only_a_person_is(ex):
    """Only a person can be arrested: a company in the file (or on the table) is refused for
    arrest with the arrest rule, in every language, and stays off the list."""
    company = next(e for e in ex.view("KE").entities if e.type == "company")
    mid = open_meeting(ex)
    out = ex.apply({"kind": "propose_target", "meeting": mid, "target": company.id,
                    "action": "arrest"}, KE)
    assert (out.accepted, out.code) == (False, "arrest.not_a_person")
    assert out.params["target"] == company.label and company.id not in out.message
    assert out.rule and "only a person can be arrested" in out.rule.lower()
    assert ex.apply({"kind": "table_items", "meeting": mid, "entities": [company.id]},
                    KE).accepted
    out = ex.apply({"kind": "propose_target", "meeting": mid, "target": company.id,
                    "action": "arrest"}, TZ)  # on the table, not in TZ's file: the same rule
    assert out.code == "arrest.not_a_person"
    assert ex.apply({"kind": "propose_target", "meeting": mid, "target": company.id,
                     "action": "seizure"}, KE).code == "meeting.bad_target"
    assert ex.meetings("KE")[0].targets == []
    for lang in ("en", "fr", "es", "ar"):
        words = catalog(lang)
        assert "{target}" in words["engine.arrest.not_a_person"], lang
        assert words["rule.arrest.not_a_person"], lang


def test_a_meeting_replays_from_its_log_to_the_same_state(wildlife, ex):
    mid = open_meeting(ex)
    ex.apply({"kind": "advance", "days": 7}, CONTROL)
    # KE plays the home country: its case file holds the scenario's known_at_start
    held = [e.id for e in ex.view("KE").entities if e.type == "person"][:2]
    assert held
    assert ex.apply({"kind": "table_items", "meeting": mid, "entities": held}, KE).accepted
    assert ex.apply({"kind": "propose_target", "meeting": mid, "target": held[0],
                     "action": "arrest"}, TZ).accepted
    ex.apply({"kind": "close_meeting", "meeting": mid}, CONTROL)
    again = Exercise.from_log(wildlife, 3, json.loads(json.dumps(ex.log)))
    assert again.log == ex.log
    assert again.meetings() == ex.meetings()
    for c in ("KE", "TZ", "MZ"):
        assert again.view(c) == ex.view(c)
    assert again.meeting_review() == ex.meeting_review()
    assert held[0] in {e.id for e in again.view("TZ").entities}


def test_a_team_withdraws_its_target_and_another_team_may_own_it(ex):
    ke_agent = member(ex, "KE")
    learn(ex, "KE", ke_agent)
    learn(ex, "TZ", ke_agent)
    mid = open_meeting(ex)
    own = {"kind": "propose_target", "meeting": mid, "target": ke_agent, "action": "arrest"}
    assert ex.apply(own, KE).accepted
    out = ex.apply({"kind": "withdraw_target", "meeting": mid, "target": ke_agent},
                   as_(KE, "analyst"))
    assert out.code == "meeting.target_withdrawn" and out.accepted
    assert out.params == {"target": ex.world.entities[ke_agent].label, "meeting": mid}
    assert ex.meetings("TZ")[0].targets == []
    assert ex.apply(own, TZ).code == "meeting.target_owned"  # free again: TZ owns it
    ex.apply({"kind": "close_meeting", "meeting": mid}, CONTROL)
    (m,) = ex.meetings("KE")
    assert [(t.target, t.owner) for t in m.targets] == [(ke_agent, "TZ")]
    assert [(t.target, t.owner) for t in ex.meeting_review()[0].targets] == [(ke_agent, "TZ")]


def test_withdraw_refusals(wildlife, ex):
    ke_agent, tz_broker = member(ex, "KE"), member(ex, "TZ", "broker")
    learn(ex, "KE", ke_agent)
    learn(ex, "TZ", tz_broker)
    assert Exercise(wildlife, 3).apply({"kind": "withdraw_target", "meeting": "M001",
                                        "target": ke_agent}).code == "meeting.joint_only"
    proposed = ex.apply({"kind": "propose_meeting", "countries": ["TZ"]}, KE).params["meeting"]
    withdraw = {"kind": "withdraw_target", "meeting": proposed, "target": ke_agent}
    assert ex.apply(withdraw, KE).code == "meeting.not_open"
    ex.apply({"kind": "convene_meeting", "meeting": proposed}, CONTROL)
    assert ex.apply({"kind": "propose_target", "meeting": proposed, "target": ke_agent,
                     "action": "arrest"}, KE).accepted
    assert ex.apply({"kind": "propose_target", "meeting": proposed, "target": tz_broker,
                     "action": "arrest"}, TZ).accepted
    out = ex.apply({**withdraw, "target": tz_broker}, KE)  # TZ's target
    assert out.code == "meeting.not_your_target" and out.params["country"] == "TZ"
    assert out.params["target"] == ex.world.entities[tz_broker].label
    out = ex.apply({**withdraw, "target": "P999"}, KE)
    assert out.code == "meeting.not_on_list" and out.params["target"] == "P999"
    assert ex.apply(withdraw, MZ).code == "meeting.not_invited"
    assert ex.apply({**withdraw, "meeting": "M099"}, KE).code == "meeting.not_invited"
    assert ex.apply(withdraw, as_(KE, "prosecutor_liaison")).code == "role.not_allowed"
    assert ex.apply(withdraw, CONTROL).code == "role.not_allowed"
    assert len(ex.meetings("KE")[0].targets) == 2  # nothing withdrawn by a refusal
    ex.apply({"kind": "close_meeting", "meeting": proposed}, CONTROL)
    assert ex.apply(withdraw, KE).code == "meeting.not_open"  # the list is agreed
    assert len(ex.meetings("KE")[0].targets) == 2


def test_a_meeting_with_a_withdrawn_target_replays_from_its_log(wildlife, ex):
    mid = open_meeting(ex)
    ex.apply({"kind": "advance", "days": 7}, CONTROL)  # KE's file then names people
    held = [e.id for e in ex.view("KE").entities if e.type == "person"]  # arrest: a person
    assert held
    assert ex.apply({"kind": "propose_target", "meeting": mid, "target": held[0],
                     "action": "arrest"}, KE).accepted
    assert ex.apply({"kind": "withdraw_target", "meeting": mid, "target": held[0]},
                    KE).accepted
    assert ex.apply({"kind": "table_items", "meeting": mid, "entities": held}, KE).accepted
    assert ex.apply({"kind": "propose_target", "meeting": mid, "target": held[0],
                     "action": "arrest"}, TZ).accepted
    ex.apply({"kind": "close_meeting", "meeting": mid}, CONTROL)
    again = Exercise.from_log(wildlife, 3, json.loads(json.dumps(ex.log)))
    assert again.log == ex.log and again.meetings() == ex.meetings()
    assert [(t.target, t.owner) for t in again.meetings()[0].targets] == [(held[0], "TZ")]
    for c in ("KE", "TZ", "MZ"):
        assert again.view(c) == ex.view(c)
    assert again.meeting_review() == ex.meeting_review()


def test_single_play_case_meeting_is_unchanged(wildlife):
    e = Exercise(wildlife, 3)
    out = e.apply({"kind": "case_meeting", "countries": ["TZ"]})
    assert out.code == "meeting.convened" and e.sim.meetings == []


def test_a_target_changing_hands_redraws_every_participants_desk(ex):
    """KE withdraws its target and TZ owns it: the list is as long as before, but MZ, who
    sits at the meeting, must see the new owner (``Exercise.news``, what desks poll)."""
    ke_agent = member(ex, "KE")
    learn(ex, "KE", ke_agent)
    learn(ex, "TZ", ke_agent)
    mid = ex.apply({"kind": "propose_meeting"}, KE).params["meeting"]
    ex.apply({"kind": "convene_meeting", "meeting": mid}, CONTROL)
    own = {"kind": "propose_target", "meeting": mid, "target": ke_agent, "action": "arrest"}
    assert ex.apply(own, KE).accepted
    before = ex.news("MZ")
    assert ex.apply({"kind": "withdraw_target", "meeting": mid, "target": ke_agent},
                    KE).accepted
    assert ex.apply(own, TZ).accepted
    assert ex.news("MZ") != before


def test_a_target_no_longer_on_the_list_is_named_as_the_reader_knows_it(ex):
    """Withdrawing what is not (or no longer: a teammate's other tab withdrew it) on the list
    is refused with the target's name — a person from the team's file or from the table, a
    load in the reader's words ("Envoi S737") — never its id; one the team does not hold
    keeps the id the team gave (naming it would tell what the team has not learnt)."""
    from academy.catalogs import engine_values, say

    ke_agent, tz_broker = member(ex, "KE"), member(ex, "TZ", "broker")
    learn(ex, "KE", ke_agent)
    learn(ex, "TZ", tz_broker)
    sid = next(iter(ex.sim.ships))
    ex.sim.record_shipment(sid, "test", "A1")  # Kenya's file (the home side)
    mid = open_meeting(ex)
    assert ex.apply({"kind": "table_items", "meeting": mid, "entities": [tz_broker]},
                    TZ).accepted  # on the table: Kenya reads its name there

    def refused(target: str) -> dict:
        out = ex.apply({"kind": "withdraw_target", "meeting": mid, "target": target}, KE)
        assert out.code == "meeting.not_on_list", out
        return out

    for person in (ke_agent, tz_broker):
        out = refused(person)
        label = ex.world.entities[person].label
        assert out.params["target"] == label and person not in out.message, out
    out = refused(sid)
    assert out.params["target_msg"] == M.message("name.shipment", id=sid)
    said = {lang: say("engine.meeting.not_on_list", lang, **engine_values(out.params, lang))
            for lang in ("fr", "es", "ar")}
    assert f"Envoi {sid}" in said["fr"] and f"Cargamento {sid}" in said["es"], said
    assert f"الشحنة {sid}" in said["ar"], said
    assert refused("P999").params["target"] == "P999"


def test_owning_again_a_target_the_team_owns_says_your_team_not_its_country(ex):
    """Kenya's team puts forward a target it already owns (its other tab, a teammate): the
    refusal says the team owns it already — never "Kenya already owns…" to Kenya's team;
    another team is still told which country owns it."""
    from academy.catalogs import engine_values, say
    from engine.messages import country_name

    ke_agent = member(ex, "KE")
    learn(ex, "KE", ke_agent)
    learn(ex, "TZ", ke_agent)
    mid = open_meeting(ex)
    own = {"kind": "propose_target", "meeting": mid, "target": ke_agent, "action": "arrest"}
    assert ex.apply(own, KE).accepted
    out = ex.apply(own, KE)
    assert (out.accepted, out.code) == (False, "meeting.already_yours"), out
    label = ex.world.entities[ke_agent].label
    assert out.params == {"target": label} and "KE" not in out.message, out
    for lang in ("en", "fr", "es", "ar"):
        said = say(f"engine.{out.code}", lang, **engine_values(out.params, lang))
        assert label in said and country_name("KE", lang) not in said, (lang, said)
    assert ex.apply(own, TZ).code == "meeting.target_taken"  # another team: who owns it


def test_what_may_not_be_tabled_is_named_not_numbered(ex):
    """A report, a person and a link Mozambique gave under 'do not share': the refusal to
    table them names them as the team reads them — the report by its sender and day, the
    person by name, the link by its two ends and relation, in the reader's language —
    never "I002, P07, P07-P03"."""
    from academy.catalogs import engine_values, say

    ke_agent, mz_poacher = member(ex, "KE"), member(ex, "MZ")
    learn(ex, "MZ", mz_poacher)
    learn(ex, "MZ", ke_agent)
    ex.sim.knowledge_of["MZ"].link(mz_poacher, ke_agent, "sells_to", 0.0, "test", "B2")
    mz_item = ex.view("MZ").inbox[0].id  # its briefing
    assert ex.apply({"kind": "share_intel", "country": "KE", "items": [mz_item],
                     "handling": "no_share"}, MZ).accepted
    assert ex.apply({"kind": "share_intel", "country": "KE", "handling": "no_share"}, MZ).accepted
    got = next(i for i in ex.view("KE").inbox if i.params.get("shared_by") == "MZ"
               and i.code == "system.team_briefing")
    mid = open_meeting(ex)
    out = ex.apply({"kind": "table_items", "meeting": mid, "items": [got.id],
                    "entities": [mz_poacher], "links": [[mz_poacher, ke_agent]]}, KE)
    assert out.code == "handling.not_shareable", out
    poacher, agent = (ex.world.entities[x].label for x in (mz_poacher, ke_agent))
    ids = (got.id, mz_poacher, f"{mz_poacher}-{ke_agent}", f"{ke_agent}-{mz_poacher}")
    relation = {"en": "sells to"} | {lang: catalog(lang)["inbox.relation.sells_to"]
                                     for lang in ("fr", "es", "ar")}
    for lang in ("en", "fr", "es", "ar"):
        said = (out.message if lang == "en"
                else say(f"engine.{out.code}", lang, **engine_values(out.params, lang)))
        assert poacher in said and agent in said and relation[lang] in said, (lang, said)
        assert got.source in said or lang != "en", said  # the report by its sender
        assert not [x for x in ids if x in said], (lang, said)
    # passing the report on to another team is refused the same way
    out = ex.apply({"kind": "share_intel", "country": "TZ", "items": [got.id]}, KE)
    assert out.code == "handling.not_shareable" and got.id not in out.message, out
    assert out.message.startswith(f"the report of day {got.t:.1f} from {got.source}")
