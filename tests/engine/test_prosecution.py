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

SEED = 3
HOME = "KE"


def _world(scenario):
    return Exercise(scenario, SEED).world


def _cast(scenario) -> dict[str, str]:
    """Who is who in the seed's world, read from the world rather than from its ids: the only
    broker, the financier, a driver, the buyer receiving the first load, and the loads."""
    w = _world(scenario)
    first = w.plan[0]
    return {
        "broker": w.by_group("broker")[0],
        "financier": w.by_group("financier")[0],
        "driver": w.by_group("drivers")[0],
        "buyer": first.handlers["buyers"],
        "first": first.id,
    }


@pytest.fixture(scope="module")
def cast(wildlife) -> dict[str, str]:
    return _cast(wildlife)


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


def test_the_shipped_world_is_what_these_tests_assume(wildlife, cast):
    ex = Exercise(wildlife, SEED)
    e = ex.world.entities
    assert wildlife.home_country == HOME
    assert ex.world.by_group("broker") == [cast["broker"]]  # the only broker
    assert (e[cast["broker"]].role, e[cast["broker"]].country) == ("broker", "TZ")
    fin = e[cast["financier"]]
    assert (fin.role, fin.attributes["nationality"]) == ("financier", "VN")
    drv = e[cast["driver"]]
    assert (drv.role, drv.country, drv.attributes["nationality"]) == ("transporter", "TZ", "TZ")
    buyer = e[cast["buyer"]]
    assert (buyer.role, buyer.country) == ("buyer", "VN")
    days = [p.depart_day for p in ex.world.plan]
    replace = wildlife.adaptation.replacement_days
    assert any(d < replace for d in days) and any(d >= replace for d in days)


# --- charging and verdicts -------------------------------------------------------------------
def test_no_usable_evidence_means_no_charge(wildlife, cast):
    ex = arrested(wildlife, cast["driver"], message("arrest.on_request", country=HOME))
    ex.sim.run_until(wildlife.legal.court.charge_days + 0.1)
    c = case(ex, cast["driver"])
    assert c.outcome == "not_charged" and c.strength < CHARGE_AT
    assert c.cause == "case.not_charged"
    assert any(i.code == "prosecution.not_charged" for i in ex.sim.knowledge.inbox)


def _verdict_draw(ex, member):
    return ex.sim.draw("verdict", member)


@pytest.mark.parametrize("expect", ["convicted", "acquitted"])
def test_a_charged_case_ends_in_a_verdict_drawn_from_the_exercise_stream(wildlife, expect):
    """A witness exhibit (filed as other work files them) makes the case; the court's draw
    from the exercise's own ``verdict`` stream decides it, so both outcomes occur."""
    court = wildlife.legal.court
    for seed in range(40):
        probe = Exercise(wildlife, seed)
        probe.sim.run_until(3)  # past the ranger's tip, which names a driver (a report)
        unnamed = [d for d in probe.world.by_group("drivers")
                   if d not in probe.sim.knowledge.entities]
        if not unnamed:
            continue
        ex = Exercise(wildlife, seed)
        driver = unnamed[0]
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


def test_a_case_still_before_the_court_at_the_end_says_pending_or_charged(wildlife, cast):
    end = wildlife.duration_days
    court = wildlife.legal.court
    ex = arrested(wildlife, cast["driver"], message("arrest.on_request", country=HOME), day=end - 2)
    ex.sim.case_file.add(cast["driver"], ExhibitKind.witness, 1.0, end - 2, "W1")
    ex.sim.run_until(end)
    c = case(ex, cast["driver"])
    assert c.outcome == "pending" and "witness" in [e.kind for e in c.exhibits if e.usable]
    assert c.strength == pytest.approx(sum(e.weight for e in c.exhibits if e.usable))  # so far
    ex = arrested(wildlife, cast["driver"], message("arrest.on_request", country=HOME),
                  day=end - court.charge_days - 3)
    ex.sim.case_file.add(cast["driver"], ExhibitKind.witness, 1.0, 0.0, "W1")
    ex.sim.run_until(end)
    c = case(ex, cast["driver"])
    assert c.outcome == "charged" and c.cause == "case.charged"


DAR_INSPECTION = {"kind": "inspection", "location": "dar-es-salaam-port", "start_day": 10,
                  "days": 30}


def _dar_seizure(scenario, seed):
    ex = Exercise(scenario, seed)
    ex.apply(DAR_INSPECTION)
    ex.sim.run_until(scenario.duration_days)
    return ex


@pytest.fixture(scope="module")
def dar_seed(wildlife) -> int:
    """The first seed whose world gives this inspection one load, with the person caught with
    it, and whose court draw for that person falls within the seizure's conviction chance."""
    for seed in range(200):
        ex = _dar_seizure(wildlife, seed)
        cases = ex.debrief().prosecutions
        if len(cases) == 1 and cases[0].outcome in ("convicted", "acquitted"):
            c = cases[0]
            if ex.sim.draw("verdict", c.member) < conviction_chance(c.strength):
                return seed
    pytest.fail("no seed gives one seizure at Dar es Salaam")


def test_a_seizure_on_a_load_the_person_was_caught_with_convicts_where_it_was_found(
    wildlife, dar_seed
):
    """An inspection at Dar es Salaam finds a load; the driver caught with it is tried in
    Tanzania (territorial jurisdiction) on the seizure exhibit."""
    ex = _dar_seizure(wildlife, dar_seed)
    (c,) = ex.debrief().prosecutions
    assert (c.path, c.forum, c.outcome) == ("local", "TZ", "convicted")
    seizure = next(e for e in c.exhibits if e.kind == "seizure")
    assert seizure.usable and ex.sim.ships[seizure.ref].status == "seized"


def test_the_charge_weighs_every_exhibit_filed_when_it_is_decided(wildlife, dar_seed):
    """Exhibits filed at the charge itself count towards it, as the case record shows them."""
    ex = Exercise(wildlife, dar_seed)
    ex.apply(DAR_INSPECTION)
    ex.sim.run_until(wildlife.duration_days)
    ((member, first),) = ex.sim.cases.items()
    ex = Exercise(wildlife, dar_seed)
    ex.apply(DAR_INSPECTION)
    ex.sim.run_until(first.charge_day + 0.1)  # charged, not yet tried
    c = case(ex, member)
    assert c.outcome == "charged"
    assert c.strength == pytest.approx(sum(e.weight for e in c.exhibits if e.usable))


# --- chain of custody ------------------------------------------------------------------------
def test_a_controlled_delivery_lost_under_surveillance_gives_an_unusable_exhibit(wildlife, cast):
    ex = Exercise(wildlife, SEED)
    st = ex.sim.ships[cast["first"]]
    st.status, st.lost_at, st.fate_day = "missed", "hai-phong-port", 30.0
    ex.sim.knowledge.link(cast["buyer"], cast["first"], "receives", 20.0, "Informant", "B2")
    (e,) = [x for x in candidate_exhibits(ex.sim, cast["buyer"]) if x.kind == ExhibitKind.seizure]
    assert not e.custody_kept
    ex.sim.arrest(cast["buyer"], message("arrest.on_request", country="VN"))
    (row,) = [x for x in case(ex, cast["buyer"]).exhibits if x.kind == "seizure"]
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
    wildlife, cast, needs, where, warrant_day, usable
):
    ex = Exercise(with_court(wildlife, search_warrant_inland=needs), SEED)
    st = ex.sim.ships[cast["first"]]
    st.status, st.where, st.fate_day, st.found_by = "seized", where, 10.0, "inspection"
    st.handlers = {"drivers": cast["driver"], "broker": cast["broker"]}
    if warrant_day is not None:
        ex.sim.decisions.append(DecisionRecord(warrant_day, "request_warrant", "", None, True,
                                               "warrant.granted", {"subject": cast["broker"]}))
    assert lawful(ex.sim, st) is usable
    st.found_by = "routine"  # a routine checkpoint is always a lawful stop
    assert lawful(ex.sim, st)


# --- where a case is tried: extradition and nationality ---------------------------------------
def test_an_arrest_abroad_is_extradited_to_the_requesting_country(wildlife, cast):
    court = wildlife.legal.court
    ex = arrested(wildlife, cast["driver"], message("arrest.on_request", country="TZ"))
    c = case(ex, cast["driver"])
    assert (c.path, c.arrested_in, c.forum) == ("extradition", "TZ", HOME)
    assert c.charge_day == court.extradition_days + court.charge_days
    item = ex.sim.knowledge.inbox[-1]
    assert item.code == "prosecution.extradition"
    # arrested on request (a diffusion or a notice): the message does not name a basis it
    # does not know
    assert "Red Notice" not in item.text and "provisionally arrested in TZ" in item.text


def test_a_national_of_a_state_that_does_not_extradite_is_prosecuted_there(wildlife, cast):
    court = wildlife.legal.court
    vn = next(c for c in wildlife.countries if c.code == "VN")
    assert vn.extradites_nationals is False and vn.penalties.max_years == 15
    ex = arrested(wildlife, cast["financier"], message("arrest.on_request", country="VN"))
    c = case(ex, cast["financier"])
    assert (c.path, c.forum) == ("prosecution_request", "VN")
    assert c.charge_day == court.transfer_days + court.charge_days
    assert c.charge_day > court.extradition_days + court.charge_days  # a longer delay
    assert ex.sim.knowledge.inbox[-1].code == "prosecution.prosecution_request"
    ex.sim.case_file.add(cast["financier"], ExhibitKind.financial, 1.0, 0.0, "F1")
    ex.sim.case_file.add(cast["financier"], ExhibitKind.phone, 1.0, 0.0, "T1")
    ex.sim.case_file.add(cast["financier"], ExhibitKind.witness, 1.0, 0.0, "W1")
    ex.sim.run_until(c.verdict_day + 0.1)
    c = case(ex, cast["financier"])
    if c.outcome == "convicted":  # sentenced under Viet Nam's penalty, not the home law's
        assert c.sentence[1] <= 15 < wildlife.legal.max_penalty_years
        assert c.cause_params["max"] == 15
    else:
        assert c.outcome == "acquitted"


def test_the_same_national_is_extradited_where_the_state_extradites_nationals(wildlife, cast):
    countries = [c.model_copy(update={"extradites_nationals": True}) if c.code == "VN" else c
                 for c in wildlife.countries]
    ex = arrested(wildlife.model_copy(update={"countries": countries}), cast["financier"],
                  message("arrest.on_request", country="VN"))
    assert (case(ex, cast["financier"]).path, case(ex, cast["financier"]).forum) == ("extradition", HOME)


def test_a_non_national_arrested_in_a_state_that_bars_extraditing_nationals_is_extradited(wildlife, cast):
    ex = arrested(wildlife, cast["driver"], message("arrest.on_request", country="VN"))  # a Tanzanian
    assert (case(ex, cast["driver"]).path, case(ex, cast["driver"]).forum) == ("extradition", HOME)


def test_caught_in_the_act_abroad_is_tried_where_caught(wildlife, cast):
    ex = Exercise(wildlife, SEED)
    ex.sim.ships[cast["first"]].where = "hai-phong-port"
    ex.sim.arrest(cast["buyer"], message("arrest.receiving", shipment=cast["first"]))
    assert (case(ex, cast["buyer"]).path, case(ex, cast["buyer"]).forum) == ("local", "VN")


# --- network resilience ---------------------------------------------------------------------
def _fates(scenario):
    broker = _cast(scenario)["broker"]
    ex = arrested(scenario, broker, message("arrest.on_request", country="TZ"))
    ex.sim.run_until(scenario.duration_days)
    return ex, {p.id: ex.sim.ships[p.id].status for p in ex.world.plan}


def test_an_arrested_member_is_replaced_after_the_scenario_s_replacement_days(wildlife, cast):
    """The only broker is arrested on day 0: loads due before day 21 are prevented, the
    rest leave with an unidentified recruit; with no replacement every one is prevented."""
    assert wildlife.adaptation.replacement_days == 21
    ex, fates = _fates(wildlife)
    before = [p.id for p in ex.world.plan if p.depart_day < 21]
    after = [p.id for p in ex.world.plan if p.depart_day >= 21]
    assert len(before) >= 2 and after  # the seed's world has loads on both sides of day 21
    assert all(fates[s] == "prevented" for s in before)
    assert all(fates[s] != "prevented" for s in after)
    left = ex.sim.ships[after[0]]
    assert "broker" not in left.handlers and left.depart_day >= 21
    cause = next(r for r in ex.debrief().shipments if r.id == cast["first"])
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
def test_convictions_of_couriers_do_not_count_as_dismantling_the_network(wildlife, cast):
    ex = arrested(wildlife, cast["driver"], message("arrest.on_request", country=HOME))
    ex.sim.cases[cast["driver"]].status = "convicted"
    assert leaders_convicted(ex.sim) == 0.0
    ex.sim.arrest(cast["broker"], message("arrest.on_request", country=HOME))
    ex.sim.cases[cast["broker"]].status = "convicted"
    leaders = [m for m in ex.world.members
               if ex.world.entities[m].role in ("broker", "financier")]
    assert leaders_convicted(ex.sim) == pytest.approx(1 / len(leaders))
    ex.sim.cases[cast["broker"]].status = "charged"  # trial under way: half
    assert leaders_convicted(ex.sim) == pytest.approx(0.5 / len(leaders))
    assert measures(ex.sim)["convictions_leaders"] == leaders_convicted(ex.sim)


def test_prosecutions_replay_the_same(wildlife, dar_seed):
    ex = Exercise(wildlife, dar_seed)
    ex.apply(DAR_INSPECTION)
    for _ in range(8):  # past the verdict: arrest, charge and verdict are all replayed
        assert ex.apply({"kind": "advance", "days": 7}).accepted
    assert any(c.outcome in ("convicted", "acquitted") for c in case_records(ex.sim))
    again = Exercise.from_log(wildlife, dar_seed, ex.log)
    assert case_records(again.sim) == case_records(ex.sim)


def test_intelligence_alone_never_charges_anyone(wildlife, cast):
    """However many well-graded reports name a person, reports are intelligence: without one
    exhibit besides them (a seizure, a laboratory result, a phone, money, a witness) the
    prosecutor does not charge."""
    broker = cast["broker"]
    ex = Exercise(wildlife, SEED)
    ex.sim.knowledge.evidence[broker] = 20.0  # twenty A1 reports' worth
    ex.sim.arrest(broker, message("arrest.on_request", country=HOME))
    ex.sim.run_until(wildlife.legal.court.charge_days + 0.1)
    c = case(ex, broker)
    assert c.outcome == "not_charged" and 0 < c.strength < CHARGE_AT
    assert {x.kind for x in c.exhibits} == {"report"}
