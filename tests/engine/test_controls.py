"""Controls: controlled deliveries agreed by every state on the route, corrupt officials who
wave loads through or tip the network off, and the scenario's tuning of the engine."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
import yaml

from engine import actions as A
from engine.exercise import Exercise, Overrides
from engine.interdiction import Control, LegPlan, detection
from engine.scenario import Scenario
from engine.tuning import Tuning
from tests.engine.conftest import ROOT

RAW = yaml.safe_load((ROOT / "scenarios" / "wildlife-ivory-corridor.yaml").read_text())
DAR = "dar-es-salaam-port"


def variant(change: Callable[[dict[str, Any]], None]) -> Scenario:
    data = json.loads(json.dumps(RAW))
    change(data)
    return Scenario.model_validate(data)


def partners(data: dict[str, Any], **act: float) -> None:
    """Set each named country's probability of acting (and answer delays apart)."""
    for c in data["countries"]:
        if c["code"] in act:
            c["partner"]["act_probability"] = act[c["code"]]


def group(data: dict[str, Any], gid: str) -> dict[str, Any]:
    return next(g for g in data["network"]["groups"] if g["id"] == gid)


def first_via_dar(ex: Exercise) -> Any:
    """The first planned load that takes the network's first route (via Dar es Salaam)."""
    share = ex.scenario.tuning.alternate_route_share
    return next(p for p in ex.world.plan if p.route_u >= share)


def run_to(ex: Exercise, done: Callable[[], bool]) -> None:
    while not ex.finished and not done():
        ex.apply(A.Advance(days=1))


def inbox(ex: Exercise, code: str) -> list[Any]:
    return [i for i in ex.view().inbox if i.code == code]


# --- controlled delivery: every state on the route --------------------------------------
def _cd_scenario(**act: float) -> Scenario:
    def change(d: dict[str, Any]) -> None:
        partners(d, **act)
        d["legal"]["controlled_delivery_loss"] = 0.0
        d["shipments"]["routes"] = ["via-dar"]  # the route is MZ -> TZ -> MY -> VN
        # found for certain on the last leg only (0.2 x detection 5), after every answer:
        # the test does not depend on which world the seed draws
        route = next(r for r in d["routes"] if r["id"] == "via-dar")
        for i, leg in enumerate(route["legs"]):
            last = i == len(route["legs"]) - 1
            leg["checkpoint"] = {"detection": 0.2} if last else None

    return variant(change)


def _ask_cd(ex: Exercise) -> Any:
    p = ex.world.plan[0]
    ex.sim.record_shipment(p.id, "Test informant", "B2")  # the load is in the case file
    out = ex.apply(A.ControlledDelivery(shipment=p.id))
    # a route through the home state: its own services agree, the others are asked
    assert out.accepted and out.code in ("cd.requested", "cd.requested_home")
    return p


def test_a_controlled_delivery_runs_when_every_state_on_the_route_agrees():
    s = _cd_scenario(MZ=1.0, TZ=1.0, MY=1.0, VN=1.0)
    ex = Exercise(s, 3, Overrides(detection=5.0, corruption=0.0))
    p = _ask_cd(ex)
    req = ex.sim.cd_asked[p.id]
    assert req.countries == ("MZ", "TZ", "MY", "VN")  # transit states included
    run_to(ex, lambda: req.complete)
    said = {i.params["country"]: i.t for i in inbox(ex, "partner.cd_state_agreed")}
    assert said == pytest.approx({c: round(d, 4) for c, d in req.due.items()}, abs=1e-3)
    assert len(set(req.due.values())) > 1  # each after its own response delay
    assert inbox(ex, "partner.cd_in_force") and p.id in ex.sim.cd_requests
    run_to(ex, lambda: ex.sim.ships[p.id].status not in ("planned", "in_transit"))
    assert ex.sim.ships[p.id].status == "controlled_delivery"
    rec = next(r for r in ex.debrief().shipments if r.id == p.id)
    assert rec.cause == "cause.cd_done"


def test_one_transit_state_refusing_means_no_controlled_delivery():
    s = _cd_scenario(MZ=1.0, TZ=0.0, MY=1.0, VN=1.0)  # Tanzania, a transit state, refuses
    ex = Exercise(s, 3, Overrides(detection=5.0, corruption=0.0))
    p = _ask_cd(ex)
    req = ex.sim.cd_asked[p.id]
    run_to(ex, lambda: req.complete)
    assert [i.params["country"] for i in inbox(ex, "partner.cd_state_refused")] == ["TZ"]
    assert {i.params["country"] for i in inbox(ex, "partner.cd_state_agreed")} == {
        "MZ", "MY", "VN"
    }
    verdict = inbox(ex, "partner.cd_refused")
    assert len(verdict) == 1 and verdict[0].params["refused"] == "TZ"
    assert verdict[0].params["agreed"] == "MZ, MY, VN"
    assert "UNTOC art. 20" in verdict[0].text and "art. 11" in verdict[0].text
    assert p.id not in ex.sim.cd_requests
    run_to(ex, lambda: ex.sim.ships[p.id].status not in ("planned", "in_transit"))
    assert ex.sim.ships[p.id].status == "seized"  # found, and seized: nobody let it run
    rec = next(r for r in ex.debrief().shipments if r.id == p.id)
    assert rec.cause == "cause.cd_refused" and rec.cause_params["countries"] == "TZ"
    again = Exercise(s, 3, ex.overrides)  # the same exercise replayed from its log
    again.sim.record_shipment(p.id, "Test informant", "B2")
    for entry in json.loads(json.dumps(ex.log)):
        again.apply(entry["action"])
    assert again.view().inbox == ex.view().inbox and again.debrief() == ex.debrief()


def test_a_second_request_waits_for_every_answer():
    s = _cd_scenario(MZ=1.0, TZ=1.0, MY=1.0, VN=1.0)
    ex = Exercise(s, 3)
    p = _ask_cd(ex)
    assert ex.apply(A.ControlledDelivery(shipment=p.id)).code == "cd.pending"


def test_a_route_within_one_country_needs_only_that_country():
    def change(d: dict[str, Any]) -> None:
        partners(d, MZ=1.0, TZ=0.0, MY=0.0, VN=0.0)
        d["routes"].append({"id": "inland", "name": "Inland to Pemba", "legs": [
            {"from": "niassa-reserve", "to": "pemba", "mode": "road", "days": 2,
             "checkpoint": {"detection": 0.5}}]})
        d["shipments"]["routes"] = ["inland"]
        d["legal"]["controlled_delivery_loss"] = 0.0

    ex = Exercise(variant(change), 4, Overrides(detection=5.0))
    p = _ask_cd(ex)
    req = ex.sim.cd_asked[p.id]
    assert req.countries == ("MZ",)
    assert ex.quote({"kind": "controlled_delivery", "shipment": p.id}).delay == (2, 4, 8)
    assert ex.quote({"kind": "controlled_delivery"}).delay == (2, 4, 9)  # any partner
    run_to(ex, lambda: req.complete)
    assert [i.params["country"] for i in inbox(ex, "partner.cd_state_agreed")] == ["MZ"]
    assert req.agreed and p.id in ex.sim.cd_requests


def test_a_load_found_before_every_answer_is_in_is_seized():
    def change(d: dict[str, Any]) -> None:
        partners(d, MZ=1.0, TZ=1.0, MY=1.0, VN=1.0)
        for c in d["countries"]:  # Viet Nam answers after the exercise is over
            if c["code"] == "VN":
                c["partner"]["response_days"] = {"min": 150, "mode": 160, "max": 170}
        d["shipments"]["routes"] = ["via-dar"]
        for leg in next(r for r in d["routes"] if r["id"] == "via-dar")["legs"]:
            leg["checkpoint"] = {"detection": 0.2}  # x detection 5: found on its first leg

    ex = Exercise(variant(change), 3, Overrides(detection=5.0, corruption=0.0))
    p = _ask_cd(ex)
    run_to(ex, lambda: ex.sim.ships[p.id].status not in ("planned", "in_transit"))
    assert ex.sim.ships[p.id].status == "seized"
    rec = next(r for r in ex.debrief().shipments if r.id == p.id)
    assert rec.cause == "cause.cd_pending"


# --- corruption per official, and leaks -------------------------------------------------
def _dar_leg(ex: Exercise) -> LegPlan:
    return next(lp for lp in ex.sim.legs["via-dar"] if lp.to == DAR)


def _detections(s: Scenario) -> tuple[float, float]:
    """Chance a load is found at Dar es Salaam port with the official there, and without."""
    ex = Exercise(s, 1)
    ship = ex.sim.ships[ex.world.plan[0].id]
    ship.concealment = "cashew-nuts"
    lp = _dar_leg(ex)
    return detection(ex.sim, ship, lp, None), detection(ex.sim, ship, lp, None, bribed=False)


def test_an_official_with_a_share_of_nothing_is_harmless():
    def harmless(d: dict[str, Any]) -> None:
        group(d, "port-official").update(corruption=0.0, leak=0.0)

    with_official, without = _detections(variant(harmless))
    assert with_official == without > 0
    default_with, default_without = _detections(variant(lambda d: None))
    assert default_with == pytest.approx(default_without * (1 - Tuning().corruption_share))
    half = variant(lambda d: group(d, "port-official").update(corruption=0.5))
    assert _detections(half)[0] == pytest.approx(default_without * 0.5)


def test_corruption_and_leak_belong_to_officials_only():
    for field, value in (("corruption", 0.0), ("leak", 0.5), ("covers", [DAR])):
        with pytest.raises(ValueError, match="corrupt_official"):
            variant(lambda d, f=field, v=value: group(d, "broker").update({f: v}))
    with pytest.raises(ValueError, match="unknown location 'nowhere'"):
        variant(lambda d: group(d, "port-official").update(covers=["nowhere"]))


def test_an_official_covering_a_place_acts_there_too():
    def covering(d: dict[str, Any]) -> None:
        group(d, "port-official").update(location="unity-bridge", covers=[DAR])

    with_official, without = _detections(variant(covering))
    assert with_official == pytest.approx(without * (1 - Tuning().corruption_share))
    ex, p, start, end = _inspect_dar(variant(lambda d: (_leaky_change(1.0)(d), covering(d))))
    assert ex.sim.ships[p.id].tipped_at == DAR and dict(ex.sim.ships[p.id].passed)[DAR] > end


def _leaky_change(leak: float) -> Callable[[dict[str, Any]], None]:
    def change(d: dict[str, Any]) -> None:
        partners(d, TZ=1.0)
        group(d, "port-official").update(leak=leak)
        d["shipments"]["routes"] = ["via-dar"]
        d["adaptation"]["lie_low_after_arrest_days"] = 0

    return change


def _leaky(leak: float) -> Scenario:
    return variant(_leaky_change(leak))


def _inspect_dar(s: Scenario) -> tuple[Exercise, Any, float, float]:
    """Ask Tanzania to inspect Dar es Salaam port when the first load will get there."""
    ex = Exercise(s, 5, Overrides(detection=0.0))  # nothing is found: the load runs on
    p = first_via_dar(ex)
    legs = ex.sim.legs["via-dar"]
    arrive = p.depart_day + sum(legs[i].days(p.leg_days[i]) for i in range(2))
    start = arrive - 1.0
    assert ex.apply(A.Inspection(location=DAR, start_day=start, days=3)).accepted
    run_to(ex, lambda: dict(ex.sim.ships[p.id].passed).get(DAR) is not None)
    return ex, p, start, start + 3


def test_a_leak_makes_a_load_avoid_the_planned_inspection():
    ex, p, start, end = _inspect_dar(_leaky(1.0))
    ship = ex.sim.ships[p.id]
    assert ex.sim.tips and ex.sim.tips[0].location == DAR
    assert dict(ship.passed)[DAR] > end  # held back until the window closed
    assert ship.tipped_at == DAR and ship.tipped_by == ex.sim.tips[0].official
    run_to(ex, lambda: ex.finished)
    rec = next(r for r in ex.debrief().shipments if r.id == p.id)
    assert rec.cause == "cause.tipped"
    assert "tipped the network off" in rec.cause_text
    # without a leak the same load passes while the window is open
    quiet, q, start, end = _inspect_dar(_leaky(0.0))
    assert not quiet.sim.tips and start <= dict(quiet.sim.ships[q.id].passed)[DAR] <= end


def test_a_leak_replays_identically():
    ex, _p, _s, _e = _inspect_dar(_leaky(0.5))
    run_to(ex, lambda: ex.finished)
    again = Exercise.from_log(ex.scenario, ex.seed, json.loads(json.dumps(ex.log)),
                              ex.overrides)
    assert again.sim.tips == ex.sim.tips
    assert again.debrief() == ex.debrief()


def test_an_arrested_official_leaks_nothing():
    s = _leaky(1.0)
    ex = Exercise(s, 5, Overrides(detection=0.0))
    official = next(m for m in ex.world.members if ex.world.entities[m].role == "corrupt_official")
    ex.sim.arrested[official] = 0.0
    p = first_via_dar(ex)
    assert ex.apply(A.Inspection(location=DAR, start_day=p.depart_day, days=20)).accepted
    run_to(ex, lambda: ex.day > p.depart_day)
    assert not ex.sim.tips


# --- tuning -------------------------------------------------------------------------------
def test_shipped_scenarios_keep_the_engine_defaults(scenarios):
    old = {"inspection_p": 0.45, "seizure_p": 0.9, "purple_boost": 1.8, "green_boost": 1.5,
           "corruption_share": 0.7, "trust_per_gesture": 0.15,
           "alternate_route_share": 0.15, "alternate_concealment_share": 0.15,
           "case_meeting_interval_days": 30.0}
    for s in scenarios.values():
        assert {k: getattr(s.tuning, k) for k in old} == old


def test_every_tuning_field_says_its_unit_and_effect():
    for name, f in Tuning.model_fields.items():
        assert f.description and len(f.description) > 30, name


def test_a_tuned_inspection_changes_the_chance_of_a_find():
    def chance(tuning: dict[str, Any]) -> float:
        s = variant(lambda d: d.update(tuning=tuning))
        ex = Exercise(s, 1, Overrides(corruption=0.0))
        ex.sim.controls.append(Control(DAR, 0, 30, None))  # an inspection agreed: open now
        ship = ex.sim.ships[ex.world.plan[0].id]
        ship.concealment = "cashew-nuts"
        return detection(ex.sim, ship, _dar_leg(ex), None)

    assert chance({"inspection_p": 0.9}) > chance({}) > chance({"inspection_p": 0.1})


def test_a_tuned_notice_boost_changes_the_chance_of_a_find():
    def chance(tuning: dict[str, Any]) -> float:
        ex = Exercise(variant(lambda d: d.update(tuning=tuning)), 1, Overrides(corruption=0.0))
        ex.sim.notices[("purple", "cashew-nuts")] = 0.0
        ship = ex.sim.ships[ex.world.plan[0].id]
        ship.concealment = "cashew-nuts"
        return detection(ex.sim, ship, _dar_leg(ex), None)

    assert chance({"purple_boost": 3.0}) > chance({}) > chance({"purple_boost": 1.0})


def test_tuned_trust_changes_a_partners_willingness():
    def act(tuning: dict[str, Any]) -> float:
        ex = Exercise(variant(lambda d: d.update(tuning=tuning)), 1)
        assert ex.apply(A.ShareIntel(country="MZ")).accepted
        return ex.sim._act("MZ")

    assert act({}) == pytest.approx(0.55 + 0.15)
    assert act({"trust_per_gesture": 0.3}) == pytest.approx(0.55 + 0.3)
    assert act({"trust_per_gesture": 0.0}) == pytest.approx(0.55)


def test_tuned_meeting_interval():
    ex = Exercise(variant(lambda d: d.update(tuning={"case_meeting_interval_days": 5})), 1)
    assert ex.apply(A.CaseMeeting(countries=["TZ"])).accepted
    ex.apply(A.Advance(days=7))
    assert ex.apply(A.CaseMeeting(countries=["TZ"])).accepted
    default = Exercise(variant(lambda d: None), 1)
    assert default.apply(A.CaseMeeting(countries=["TZ"])).accepted
    default.apply(A.Advance(days=7))
    out = default.apply(A.CaseMeeting(countries=["TZ"]))
    assert out.code == "meeting.too_soon" and out.params["days"] == 30


def test_a_tuning_typo_is_refused():
    with pytest.raises(ValueError):
        variant(lambda d: d.update(tuning={"inspection_probability": 0.5}))


def test_a_load_under_a_refused_request_that_got_through_says_so():
    s = _cd_scenario(MZ=1.0, TZ=0.0, MY=1.0, VN=1.0)
    ex = Exercise(s, 3, Overrides(detection=0.0))  # nothing is found on the way
    p = _ask_cd(ex)
    run_to(ex, lambda: ex.finished)
    rec = next(r for r in ex.debrief().shipments if r.id == p.id)
    assert rec.fate == "missed" and rec.cause == "cause.cd_not_in_force"


def test_the_home_state_asks_and_so_agrees_at_once():
    def change(d: dict[str, Any]) -> None:
        partners(d, MZ=1.0, KE=0.0, VN=1.0)  # the home state's partner figure plays no part
        d["shipments"]["routes"] = ["via-mombasa"]  # MZ -> KE (home) -> VN

    ex = Exercise(variant(change), 3)
    p = _ask_cd(ex)
    req = ex.sim.cd_asked[p.id]
    assert req.countries == ("MZ", "KE", "VN") and "KE" in req.heard
    (said,) = [d for d in ex.view().decisions if d.kind == "controlled_delivery"]
    assert said.code == "cd.requested_home"  # "your national teams agree", not "sent to KE"
    waiting = {i.params["country"] for i in ex.agenda() if i.code == "agenda.cd"}
    assert waiting == {"MZ", "VN"}  # the trainee waits for the partners' answers only
    run_to(ex, lambda: req.complete)
    assert req.agreed and inbox(ex, "partner.cd_in_force")


# --- a control the team's own national teams did not carry out ------------------------
def _declined_seizures(at: dict[str, str]) -> Exercise:
    """A seizure of the first load asked at each of ``at`` (place -> country), every one of
    those countries declining; nothing found on the way, so the load gets through and the
    debrief says why."""
    ex = Exercise(variant(lambda d: partners(d, **{c: 0.0 for c in at.values()})), 3,
                  Overrides(detection=0.0, corruption=0.0))
    p = ex.world.plan[0]
    ex.sim.record_shipment(p.id, "Test informant", "B2")
    for place in at:
        assert ex.apply(A.Seizure(shipment=p.id, location=place, start_day=0.0, days=3)).accepted
    run_to(ex, lambda: ex.finished)
    return ex


@pytest.mark.parametrize("lang", ["en", "fr", "es", "ar"])
def test_a_load_the_national_teams_did_not_stop_says_so_not_the_home_country(lang):
    """Kenya is the trainee's own country: a seizure at Mombasa is booked with their national
    teams, and when those do not act the debrief says so — never "Kenya did not act on your
    request", as of a partner asked through its NCB."""
    from academy.catalogs import engine_text
    from engine.messages import country_name

    ex = _declined_seizures({"mombasa-port": "KE"})
    p = ex.world.plan[0]
    rec = next(r for r in ex.debrief().shipments if r.id == p.id)
    assert rec.fate == "missed" and rec.cause == "cause.declined_seizure_home", rec
    said = engine_text(rec.cause, rec.cause_params, rec.cause_text, lang)
    assert country_name("KE", lang) not in said and "KE" not in said, said
    assert ex.sim.locs["mombasa-port"].name_in(lang) in said, said  # in the reader's language
    national = {"en": "national teams", "fr": "équipes nationales", "es": "equipos nacionales",
                "ar": "الوطنية"}[lang]
    assert national in said, said


def test_a_partner_that_did_not_act_is_still_named():
    ex = _declined_seizures({DAR: "TZ"})
    rec = next(r for r in ex.debrief().shipments if r.id == ex.world.plan[0].id)
    assert rec.cause == "cause.declined_seizure" and rec.cause_params["country"] == "TZ"
    assert rec.cause_text.startswith("got through: TZ did not act")
