"""Notices in a running exercise: each colour on its basis, never on a false lead's decoy;
a Red Notice only for someone believed abroad; nothing via a state outside INTERPOL."""

from __future__ import annotations

import random

import pytest

from engine import actions as A
from engine.exercise import Exercise
from engine.intel import _false_lead, _Report, person_attrs
from engine.interdiction import border_crossing
from engine.records import Movement


def decoy_named_by_a_false_lead(ex: Exercise) -> str:
    """Run the engine's own false lead (an informant's report) until it names a decoy."""
    sim, k = ex.sim, ex.sim.knowledge
    src = next(s for s in ex.scenario.intel_sources if s.id == "immigration")  # no shipments
    target = next(iter(k.entities))
    for n in range(50):
        _false_lead(sim, _Report(sim, src), target, random.Random(n))
        people = [d for d in ex.world.decoys if d in k.entities and k.entities[d].type == "person"]
        if people:
            assert (target, people[0], "associates_with") in k.links
            assert k.evidence[people[0]] <= 1.0  # one report, however well graded
            return people[0]
    raise AssertionError("no false lead named a person")


def member(ex: Exercise, role: str, home: bool | None = None) -> str:
    """A network member of that role (based in the requesting country, or not)."""
    home_country = ex.scenario.home_country
    return next(
        m for m in ex.world.members
        if ex.world.entities[m].role == role
        and (home is None or (ex.world.entities[m].country == home_country) is home)
    )


def document(ex: Exercise, member: str, *, account: bool = True) -> None:
    """Two B2 reports with identifiers and (optionally) the member's account, as
    intelligence brings them."""
    k, w = ex.sim.knowledge, ex.world
    ent = w.entities[member]
    keys = ("name", "date_of_birth", "nationality", "passport")
    k.learn(member, ent.type, ent.label, person_attrs(ent, keys), 0, "Immigration", "B2")
    k.support(member, "B2")
    k.support(member, "B2")
    if account:
        acc = w.entities[w.accounts[member]]
        k.learn(acc.id, "account", acc.label, {"number": acc.label}, 0, "FIU", "B2")
        k.link(member, acc.id, "holds", 0, "FIU", "B2")


@pytest.mark.parametrize(
    "colour, purpose, code",
    [
        ("green", "warn", "green.no_basis"),
        ("blue", "locate", "blue.no_basis"),
        ("silver", "assets", "silver.no_basis"),
    ],
)
def test_a_false_leads_decoy_gets_no_green_blue_or_silver_notice(wildlife, colour, purpose, code):
    ex = Exercise(wildlife, 3)
    decoy = decoy_named_by_a_false_lead(ex)
    out = ex.apply(A.RequestNotice(colour=colour, subject=decoy, purpose=purpose))
    assert not out.accepted and out.code == code and out.rule
    assert (colour, decoy) not in ex.sim.notices
    assert ex.view().notices[-1].status == "refused"


@pytest.mark.parametrize(
    "colour, purpose", [("green", "warn"), ("blue", "locate"), ("silver", "assets")]
)
def test_a_documented_member_gets_each_colour(wildlife, colour, purpose):
    ex = Exercise(wildlife, 3)
    broker = member(ex, "broker", home=False)
    document(ex, broker)
    ex.sim.knowledge.link(broker, "C01", "associates_with", 0, "Informant", "B2")
    out = ex.apply(A.RequestNotice(colour=colour, subject=broker, purpose=purpose))
    assert out.accepted, out


def test_an_arrest_is_a_record_for_a_green_notice(wildlife):
    ex = Exercise(wildlife, 3)
    courier = member(ex, "transporter")
    ent = ex.world.entities[courier]
    ex.sim.knowledge.learn(courier, "person", ent.label, person_attrs(ent), 0, "Customs", "A1")
    out = ex.apply(A.RequestNotice(colour="green", subject=courier, purpose="warn"))
    assert out.code == "green.no_basis"
    ex.sim.arrest(courier, {"code": "arrest.caught", "params": {"place": "x"}}, announce=False)
    assert ex.apply(A.RequestNotice(colour="green", subject=courier, purpose="warn")).accepted


def wanted(ex: Exercise, member: str) -> None:
    document(ex, member, account=False)
    assert ex.apply(A.RequestWarrant(subject=member)).accepted


def test_red_notice_refused_for_someone_not_believed_to_have_left(wildlife):
    ex = Exercise(wildlife, 3)
    broker = member(ex, "broker", home=True)  # based in Kenya, the requesting country
    wanted(ex, broker)
    out = ex.apply(A.RequestNotice(colour="red", subject=broker, purpose="arrest"))
    assert out.code == "red.not_abroad" and "abroad" in out.rule
    assert ex.apply(A.Arrest(subject=broker)).accepted  # Kenya's police arrest at home


def test_red_notice_accepted_once_a_crossing_places_the_person_abroad(wildlife):
    ex = Exercise(wildlife, 3)
    broker = member(ex, "broker", home=True)
    wanted(ex, broker)
    ex.sim.knowledge.movements.append(Movement("horohoro", "unity-bridge", "road", 1.0, broker))
    out = ex.apply(A.RequestNotice(colour="red", subject=broker, purpose="arrest"))
    assert out.accepted and out.code == "notice.under_review"


def test_red_notice_on_someone_based_abroad_is_published_after_review(wildlife):
    ex = Exercise(wildlife, 3)
    broker = member(ex, "broker", home=False)  # based in Tanzania
    wanted(ex, broker)
    out = ex.apply(A.RequestNotice(colour="red", subject=broker, purpose="arrest"))
    assert out.accepted and ("red", broker) not in ex.sim.notices
    assert ex.apply(A.Arrest(subject=broker)).code == "arrest.needs_red_notice"
    assert any(a.code == "agenda.red_published" for a in ex.agenda())
    ex.apply(A.Advance(days=7))
    assert ("red", broker) in ex.sim.notices
    assert ex.apply(A.Arrest(subject=broker)).accepted


# --- a state outside INTERPOL -------------------------------------------------------------
@pytest.fixture()
def tz_outside(wildlife):
    data = wildlife.model_dump(by_alias=True)
    for c in data["countries"]:
        if c["code"] == "TZ":
            c["interpol_member"] = False
    return type(wildlife).model_validate(data)


def test_country_membership_defaults_to_true(wildlife):
    assert all(c.interpol_member for c in wildlife.countries)


def test_no_red_or_blue_notice_on_a_person_in_a_non_member_state(tz_outside):
    ex = Exercise(tz_outside, 3)
    broker = member(ex, "broker", home=False)  # based in Tanzania, outside INTERPOL here
    wanted(ex, broker)
    out = ex.apply(A.RequestNotice(colour="red", subject=broker, purpose="arrest"))
    assert out.code == "notice.non_member" and "Art. 32" in out.rule
    ex.sim.knowledge.link(broker, "C01", "associates_with", 0, "Informant", "B2")
    out = ex.apply(A.RequestNotice(colour="blue", subject=broker, purpose="locate"))
    assert out.code == "notice.non_member"
    out = ex.apply(A.Arrest(subject=broker))
    assert out.code == "arrest.non_member" and out.rule


def test_a_notice_takes_no_effect_in_a_non_member_state(tz_outside, wildlife):
    for scenario, flagged in ((wildlife, True), (tz_outside, False)):
        ex = Exercise(scenario, 3)
        sim, courier = ex.sim, member(ex, "transporter")
        sim.notices[("green", courier)] = 0.0
        sim.notices[("purple", "cashew-nuts")] = 0.0
        leg = scenario.routes[0].legs[0]  # niassa-reserve (MZ) -> unity-bridge (TZ)
        border_crossing(sim, courier, leg)
        assert any(m.subject == courier for m in sim.knowledge.movements) is flagged
        ship = next(iter(sim.ships.values()))
        ship.concealment = "cashew-nuts"
        into_dar = scenario.routes[0].legs[1]
        boosted = sim._detection(ship, into_dar, courier)
        sim.notices.clear()
        plain = sim._detection(ship, into_dar, courier)
        assert (boosted > plain) is flagged


def test_the_case_file_gives_a_basis_intelligence_alone_does_not(wildlife):
    """A financial exhibit is a Silver Notice's basis; an exhibit of graded intelligence
    (a report) is not a record, so a decoy it names still gets no Green Notice."""
    from engine.evidence import ExhibitKind

    ex = Exercise(wildlife, 3)
    decoy = decoy_named_by_a_false_lead(ex)
    ex.sim.case_file.add(decoy, ExhibitKind.report, 0.5, 0, "I001")
    assert ex.apply(A.RequestNotice(colour="green", subject=decoy, purpose="warn")).code == (
        "green.no_basis"
    )
    financier = member(ex, "financier")
    ent = ex.world.entities[financier]
    ex.sim.knowledge.learn(financier, "person", ent.label, person_attrs(ent), 0, "FIU", "B2")
    assert ex.apply(A.RequestNotice(colour="silver", subject=financier, purpose="assets")).code == (
        "silver.no_basis"
    )
    ex.sim.case_file.add(financier, ExhibitKind.financial, 1.0, 0, "FIU report")
    assert ex.apply(A.RequestNotice(colour="silver", subject=financier, purpose="assets")).accepted


@pytest.mark.parametrize("colour, purpose", [("blue", "locate"), ("silver", "assets")])
def test_a_blue_or_silver_notice_says_when_its_answer_comes_not_that_it_is_out(
    wildlife, colour, purpose
):
    """A user trial: the form said the General Secretariat publishes a notice after review,
    and an accepted Blue Notice said "published" the same day, its answer days later. Its
    answer's delay includes the review: the outcome says when the answer is due."""
    ex = Exercise(wildlife, 3)
    broker = member(ex, "broker", home=False)
    document(ex, broker)
    ex.sim.knowledge.link(broker, "C01", "associates_with", 0, "Informant", "B2")
    out = ex.apply(A.RequestNotice(colour=colour, subject=broker, purpose=purpose))
    assert out.accepted and out.code == "notice.answer_due"
    due = [a.day for a in ex.agenda() if a.code == f"agenda.{colour}"]
    assert due and out.params["day"] == pytest.approx(due[0], abs=1e-3) and due[0] > ex.day
    assert "published" not in out.message


def test_a_refused_arrest_abroad_does_not_say_where_the_person_now_is(wildlife):
    """A user trial read "the person is in TZ: a provisional arrest abroad needs…": the
    refusal told the trainee where the person really is, which only the debrief may. It says
    the person is abroad, as the catalogs' sentence does."""
    ex = Exercise(wildlife, 3)
    broker = member(ex, "broker", home=False)
    wanted(ex, broker)
    ex.sim.whereabouts[broker] = "MZ"  # fled after a tip-off: nothing on file says so
    out = ex.apply(A.Arrest(subject=broker))
    assert out.code == "arrest.needs_red_notice"
    assert "MZ" not in out.message and "MZ" not in str(out.params)
