"""Prosecution: every arrest goes to a charge, a verdict and a sentence — or stays pending —
on the usable exhibits, in the country the arrest path says; arrested members are
replaced after a while, and loads they could not move are prevented, not seized."""

from __future__ import annotations

import math

import pytest

from engine.evidence import ExhibitKind
from engine.exercise import Exercise
from engine.messages import message
from engine.prosecution import (
    CHARGE_AT,
    candidate_exhibits,
    case_records,
    conviction_chance,
    lawful,
    leaders_convicted,
)
from engine.records import DecisionRecord
from engine.scoring import measures

SEED = 3  # world: broker P16 (TZ, the only broker), financier P18 (VN), driver P13 (TZ)
HOME = "KE"


def with_court(scenario, **court):
    legal = scenario.legal.model_copy(update={"court": scenario.legal.court.model_copy(update=court)})
    return scenario.model_copy(update={"legal": legal})


def with_replacement(scenario, days):
    ad = scenario.adaptation.model_copy(update={"replacement_days": days})
    return scenario.model_copy(update={"adaptation": ad})


def arrested(scenario, member, how, seed=SEED, day=0.0):
    ex = Exercise(scenario, seed)
    ex.sim.run_until(day)
    ex.sim.arrest(member, how)
    return ex


def case(ex, member):
    return next(c for c in case_records(ex.sim) if c.member == member)


def test_the_shipped_world_is_what_these_tests_assume(wildlife):
    ex = Exercise(wildlife, SEED)
    e = ex.world.entities
    assert wildlife.home_country == HOME
    assert ex.world.by_group("broker") == ["P16"]
    assert (e["P18"].role, e["P18"].attributes["nationality"]) == ("financier", "VN")
    assert (e["P13"].role, e["P13"].country) == ("transporter", "TZ")


# --- charging and verdicts -------------------------------------------------------------------
def test_no_usable_evidence_means_no_charge(wildlife):
    ex = arrested(wildlife, "P13", message("arrest.on_request", country=HOME))
    ex.sim.run_until(wildlife.legal.court.charge_days + 0.1)
    c = case(ex, "P13")
    assert c.outcome == "not_charged" and c.strength < CHARGE_AT
    assert c.cause == "case.not_charged"
    assert any(i.code == "prosecution.not_charged" for i in ex.sim.knowledge.inbox)


def _verdict_draw(ex, member):
    return ex.sim.rng("verdict", member).random()


@pytest.mark.parametrize("expect", ["convicted", "acquitted"])
def test_a_charged_case_ends_in_a_verdict_drawn_from_the_exercise_stream(wildlife, expect):
    """A witness exhibit (filed as other work files them) makes the case; the court's draw
    from the exercise's own ``verdict`` stream decides it, so both outcomes occur."""
    court = wildlife.legal.court
    for seed in range(40):
        ex = Exercise(wildlife, seed)
        driver = ex.world.by_group("drivers")[0]
        u = _verdict_draw(ex, driver)
        if (u < conviction_chance(1.0)) == (expect == "convicted"):
            break
    else:
        pytest.fail("no seed gave the outcome")
    ex.sim.arrest(driver, message("arrest.on_request", country=HOME))
    ex.sim.case_file.add(driver, ExhibitKind.witness, 1.0, 0.0, "W1")
    ex.sim.run_until(court.charge_days + court.trial_days + 0.1)
    c = case(ex, driver)
    assert c.outcome == expect
    assert math.isclose(conviction_chance(1.0), 1 - math.exp(-1))
    if expect == "convicted":
        low, high = c.sentence
        assert 0 < low < high <= wildlife.legal.max_penalty_years
        assert c.cause_params["max"] == wildlife.legal.max_penalty_years
    else:
        assert c.sentence is None
    assert [e.kind for e in c.exhibits if e.usable] == ["witness"]


def test_a_case_still_before_the_court_at_the_end_says_pending_or_charged(wildlife):
    end = wildlife.duration_days
    court = wildlife.legal.court
    ex = arrested(wildlife, "P13", message("arrest.on_request", country=HOME), day=end - 2)
    ex.sim.case_file.add("P13", ExhibitKind.witness, 1.0, end - 2, "W1")
    ex.sim.run_until(end)
    c = case(ex, "P13")
    assert c.outcome == "pending" and c.strength == 1.0  # what it had so far
    ex = arrested(wildlife, "P13", message("arrest.on_request", country=HOME),
                  day=end - court.charge_days - 3)
    ex.sim.case_file.add("P13", ExhibitKind.witness, 1.0, 0.0, "W1")
    ex.sim.run_until(end)
    c = case(ex, "P13")
    assert c.outcome == "charged" and c.cause == "case.charged"


def test_a_seizure_on_a_load_the_person_was_caught_with_convicts_where_it_was_found(wildlife):
    """The cohort's world: an inspection at Dar es Salaam finds a load; the driver caught
    with it is tried in Tanzania (territorial jurisdiction) on the seizure exhibit."""
    ex = Exercise(wildlife, 567345177)
    ex.apply({"kind": "inspection", "location": "dar-es-salaam-port", "start_day": 10, "days": 30})
    ex.sim.run_until(wildlife.duration_days)
    (c,) = ex.debrief().prosecutions
    assert (c.path, c.forum, c.outcome) == ("local", "TZ", "convicted")
    seizure = next(e for e in c.exhibits if e.kind == "seizure")
    assert seizure.usable and ex.sim.ships[seizure.ref].status == "seized"


# --- chain of custody ------------------------------------------------------------------------
def test_a_controlled_delivery_lost_under_surveillance_gives_an_unusable_exhibit(wildlife):
    ex = Exercise(wildlife, SEED)
    st = ex.sim.ships["S909"]
    st.status, st.lost_at, st.fate_day = "missed", "hai-phong-port", 30.0
    ex.sim.knowledge.link("P05", "S909", "receives", 20.0, "Informant", "B2")
    (e,) = [x for x in candidate_exhibits(ex.sim, "P05") if x.kind == ExhibitKind.seizure]
    assert not e.custody_kept
    ex.sim.arrest("P05", message("arrest.on_request", country="VN"))
    (row,) = [x for x in case(ex, "P05").exhibits if x.kind == "seizure"]
    assert (row.usable, row.why) == (False, "cd_lost")


@pytest.mark.parametrize(
    ("needs", "where", "warrant_day", "usable"),
    [
        (False, "pemba", None, True),  # the scenario's law needs no warrant
        (True, "pemba", None, False),  # inland, targeted, no warrant: excluded
        (True, "pemba", 5.0, True),  # a warrant on a handler before the seizure
        (True, "pemba", 15.0, False),  # a warrant only after it
        (True, "unity-bridge", None, True),  # a frontier: customs' border-search powers
    ],
)
def test_an_inland_seizure_needs_a_warrant_where_the_law_says_so(
    wildlife, needs, where, warrant_day, usable
):
    ex = Exercise(with_court(wildlife, search_warrant_inland=needs), SEED)
    st = ex.sim.ships["S909"]
    st.status, st.where, st.fate_day, st.found_by = "seized", where, 10.0, "inspection"
    st.handlers = {"drivers": "P13", "broker": "P16"}
    if warrant_day is not None:
        ex.sim.decisions.append(DecisionRecord(warrant_day, "request_warrant", "", None, True,
                                               "warrant.granted", {"subject": "P16"}))
    assert lawful(ex.sim, st) is usable
    st.found_by = "routine"  # a routine checkpoint is always a lawful stop
    assert lawful(ex.sim, st)


# --- where a case is tried: extradition and nationality ---------------------------------------
def test_a_red_notice_arrest_abroad_is_extradited_to_the_requesting_country(wildlife):
    court = wildlife.legal.court
    ex = arrested(wildlife, "P13", message("arrest.on_request", country="TZ"))
    c = case(ex, "P13")
    assert (c.path, c.arrested_in, c.forum) == ("extradition", "TZ", HOME)
    assert c.charge_day == court.extradition_days + court.charge_days
    assert ex.sim.knowledge.inbox[-1].code == "prosecution.extradition"


def test_a_national_of_a_state_that_does_not_extradite_is_prosecuted_there(wildlife):
    court = wildlife.legal.court
    vn = next(c for c in wildlife.countries if c.code == "VN")
    assert vn.extradites_nationals is False and vn.penalties.max_years == 15
    ex = arrested(wildlife, "P18", message("arrest.on_request", country="VN"))
    c = case(ex, "P18")
    assert (c.path, c.forum) == ("prosecution_request", "VN")
    assert c.charge_day == court.transfer_days + court.charge_days
    assert c.charge_day > court.extradition_days + court.charge_days  # a longer delay
    assert ex.sim.knowledge.inbox[-1].code == "prosecution.prosecution_request"
    ex.sim.case_file.add("P18", ExhibitKind.financial, 1.0, 0.0, "F1")
    ex.sim.case_file.add("P18", ExhibitKind.phone, 1.0, 0.0, "T1")
    ex.sim.case_file.add("P18", ExhibitKind.witness, 1.0, 0.0, "W1")
    ex.sim.run_until(c.verdict_day + 0.1)
    c = case(ex, "P18")
    if c.outcome == "convicted":  # sentenced under Viet Nam's penalty, not the home law's
        assert c.sentence[1] <= 15 < wildlife.legal.max_penalty_years
        assert c.cause_params["max"] == 15
    else:
        assert c.outcome == "acquitted"


def test_the_same_national_is_extradited_where_the_state_extradites_nationals(wildlife):
    countries = [c.model_copy(update={"extradites_nationals": True}) if c.code == "VN" else c
                 for c in wildlife.countries]
    ex = arrested(wildlife.model_copy(update={"countries": countries}), "P18",
                  message("arrest.on_request", country="VN"))
    assert (case(ex, "P18").path, case(ex, "P18").forum) == ("extradition", HOME)


def test_a_non_national_arrested_in_a_state_that_bars_extraditing_nationals_is_extradited(wildlife):
    ex = arrested(wildlife, "P13", message("arrest.on_request", country="VN"))  # a Tanzanian
    assert (case(ex, "P13").path, case(ex, "P13").forum) == ("extradition", HOME)


def test_caught_in_the_act_abroad_is_tried_where_caught(wildlife):
    ex = Exercise(wildlife, SEED)
    ex.sim.ships["S909"].where = "hai-phong-port"
    ex.sim.arrest("P05", message("arrest.receiving", shipment="S909"))
    assert (case(ex, "P05").path, case(ex, "P05").forum) == ("local", "VN")


# --- network resilience ---------------------------------------------------------------------
def _fates(scenario):
    ex = arrested(scenario, "P16", message("arrest.on_request", country="TZ"))
    ex.sim.run_until(scenario.duration_days)
    return ex, {p.id: ex.sim.ships[p.id].status for p in ex.world.plan}


def test_an_arrested_member_is_replaced_after_the_scenario_s_replacement_days(wildlife):
    """The only broker is arrested on day 0: loads due before day 21 are prevented, the
    rest leave with an unidentified recruit; with no replacement every one is prevented."""
    assert wildlife.adaptation.replacement_days == 21
    ex, fates = _fates(wildlife)
    assert fates["S909"] == fates["S324"] == "prevented"  # days 5 and 14.5 (lying low to 12)
    assert all(fates[s] != "prevented" for s in ("S213", "S285", "S115", "S947"))
    left = ex.sim.ships["S213"]
    assert "broker" not in left.handlers and left.depart_day >= 21
    cause = next(r for r in ex.debrief().shipments if r.id == "S909")
    assert cause.cause == "cause.prevented" and cause.cause_params["day"] == 21
    _, never = _fates(with_replacement(wildlife, 3650))
    assert all(f == "prevented" for f in never.values())


def test_prevented_loads_are_scored_as_prevented_not_seized(wildlife):
    ex, fates = _fates(wildlife)
    m = measures(ex.sim)
    assert m["prevented_share"] > 0
    assert m["interdicted_share"] == pytest.approx(m["seized_share"] + m["prevented_share"])
    records = ex.debrief().shipments
    seized = sum(r.quantity for r in records if r.fate in ("seized", "controlled_delivery"))
    flow = sum(r.quantity for r in records if r.depart_day is not None or r.fate == "prevented")
    assert m["seized_share"] == pytest.approx(seized / flow)


# --- dismantling the network: convictions of leaders ----------------------------------------
def test_convictions_of_couriers_do_not_count_as_dismantling_the_network(wildlife):
    ex = arrested(wildlife, "P13", message("arrest.on_request", country=HOME))
    ex.sim.cases["P13"].status = "convicted"
    assert leaders_convicted(ex.sim) == 0.0
    ex.sim.arrest("P16", message("arrest.on_request", country=HOME))
    ex.sim.cases["P16"].status = "convicted"
    leaders = [m for m in ex.world.members
               if ex.world.entities[m].role in ("broker", "financier")]
    assert leaders_convicted(ex.sim) == pytest.approx(1 / len(leaders))
    ex.sim.cases["P16"].status = "charged"  # trial under way: half
    assert leaders_convicted(ex.sim) == pytest.approx(0.5 / len(leaders))
    assert measures(ex.sim)["convictions_leaders"] == leaders_convicted(ex.sim)


def test_prosecutions_replay_the_same(wildlife):
    ex = Exercise(wildlife, 567345177)
    ex.apply({"kind": "inspection", "location": "dar-es-salaam-port", "start_day": 10, "days": 30})
    ex.apply({"kind": "advance", "days": 30})
    again = Exercise.from_log(wildlife, 567345177, ex.log)
    assert case_records(again.sim) == case_records(ex.sim)
