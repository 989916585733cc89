"""Credibility follows corroboration (Admiralty 6x6), and injects carry their author's grade.

Each test sets up what the case file already holds, then lets a real source report on a
real member of the world (``engine.intel.gather``) and reads the grade it was filed with.
"""

from __future__ import annotations

import random

import pytest

from engine import actions as A
from engine.credibility import Claim, Holdings, credibility
from engine.exercise import Exercise
from engine.intel import gather
from engine.scenario import Scenario

OTHER = "Partner police report"  # an independent source already on file


def _rng(below: float | None = None) -> random.Random:
    """A real generator whose first draw (the false-lead check) is above or below a rate."""
    for seed in range(1000):
        first = random.Random(seed).random()
        if (below is None and first > 0.5) or (below is not None and first < below):
            return random.Random(seed)
    raise AssertionError("no seed")


def _report(ex: Exercise, source: str, target: str, rng: random.Random | None = None) -> int:
    n = len(ex.sim.knowledge.inbox)
    gather(ex.sim, source, target, rng or _rng())
    [item] = ex.sim.knowledge.inbox[n:]
    assert item.kind == "intel"
    return item.credibility


def _member_with_phone(ex: Exercise) -> str:
    """A member the trainee does not know yet, who has a phone, and none of whose
    associates the case file holds (so nothing held bears on a report about them)."""
    known = ex.sim.knowledge.entities
    return next(
        m for m in ex.world.members
        if m in ex.world.phones and m not in known
        and not any(n in known for n, _rel in ex.world.neighbours(m))
    )


@pytest.fixture
def ex(wildlife: Scenario) -> Exercise:
    return Exercise(wildlife, 3)


def test_first_report_on_a_new_subject_is_possibly_true_never_confirmed(ex):
    p = _member_with_phone(ex)
    assert _report(ex, "phone-records", p) == 3  # reliability A, and still only "possibly"


def test_a_source_repeating_itself_confirms_nothing(ex):
    p = _member_with_phone(ex)
    assert _report(ex, "phone-records", p) == 3
    assert _report(ex, "phone-records", p) == 3


def test_confirmed_only_by_an_independent_source_already_held(ex):
    p = _member_with_phone(ex)
    phone = ex.world.phones[p]
    ex.sim.knowledge.link(p, phone, "uses", 0.0, OTHER, "B2")
    assert _report(ex, "phone-records", p) == 1


def test_consistent_with_what_is_held_is_probably_true(ex):
    p = _member_with_phone(ex)
    ent = ex.world.entities[p]
    ex.sim.knowledge.learn(p, "person", ent.label, {"name": ent.label}, 0.0, OTHER, "B2")
    assert _report(ex, "phone-records", p) == 2


def test_partly_contradicted_is_doubtful(ex):
    p = _member_with_phone(ex)
    ent = ex.world.entities[p]
    wrong = {"name": ent.label, "phone": "+000 000 000 000"}
    ex.sim.knowledge.learn(p, "person", ent.label, wrong, 0.0, OTHER, "B2")
    assert _report(ex, "phone-records", p) == 4


def test_confirming_and_contradicting_at_once_cannot_be_judged(ex):
    p = _member_with_phone(ex)
    ent = ex.world.entities[p]
    wrong = {"name": ent.label, "phone": "+000 000 000 000"}
    ex.sim.knowledge.learn(p, "person", ent.label, wrong, 0.0, OTHER, "B2")
    ex.sim.knowledge.link(p, ex.world.phones[p], "uses", 0.0, "Surveillance team", "B2")
    assert _report(ex, "phone-records", p) == 6


def test_contradicted_by_what_is_held_is_improbable(ex):
    """A source finds nothing on a man another source tied to the network: improbable."""
    decoy = next(d for d in ex.world.decoys if ex.world.entities[d].type == "person")
    member = ex.world.members[0]
    ex.sim.knowledge.link(member, decoy, "associates_with", 0.0, OTHER, "C3")
    assert _report(ex, "phone-records", decoy) == 5


def test_a_new_source_with_no_record_cannot_be_judged(wildlife):
    src = next(s for s in wildlife.intel_sources if s.id == "phone-records")
    sources = [s.model_copy(update={"reliability": "F"}) if s is src else s
               for s in wildlife.intel_sources]
    ex = Exercise(wildlife.model_copy(update={"intel_sources": sources}), 3)
    p = _member_with_phone(ex)
    n = len(ex.sim.knowledge.inbox)
    gather(ex.sim, "phone-records", p, _rng())
    item = ex.sim.knowledge.inbox[n]
    assert (item.reliability, item.credibility) == ("F", 6)


def test_a_false_lead_can_be_fallen_for_but_is_never_confirmed_uncorroborated(ex):
    """The informant (false-lead rate 0.3) on a member already known: the look-alike it
    names reads "probably true" — as believable as a true report, and not "confirmed"."""
    p = _member_with_phone(ex)
    ent = ex.world.entities[p]
    ex.sim.knowledge.learn(p, "person", ent.label, {"name": ent.label}, 0.0, OTHER, "B2")
    grades = {_report(ex, "informant", p, _rng(below=0.3)) for _ in range(3)}
    assert grades == {2}


def test_uncorroborated_reports_are_never_confirmed_in_play(wildlife):
    """Over a whole heuristic run, every report graded 1 repeats a fact another source held."""
    from engine.policies import run_policy

    ex = run_policy(wildlife, 5, "heuristic")
    intel = [i for i in ex.view().inbox if i.kind == "intel"]
    assert intel and {i.credibility for i in intel} - {1, 2, 3, 4, 5, 6} == set()
    first = min(intel, key=lambda i: i.t)
    assert first.credibility != 1


def test_rules_on_claims_directly():
    held = Holdings()
    held.entity("P1", {"name": "A", "phone": "+254 1"}, "R1")
    held.link("P1", "P2", "pays", "R1")
    assert credibility(held, [Claim("link", "P2", "P1", "pays")], "R2", "B") == 1  # any order
    assert credibility(held, [Claim("link", "P2", "P1", "pays")], "R1", "B") == 3  # same source
    assert credibility(held, [Claim("attr", "P1", "phone", "+254 2")], "R2", "A") == 5
    assert credibility(held, [Claim("subject", "P9")], "R2", "E") == 3
    assert credibility(held, [Claim("subject", "P9")], "R2", "F") == 6
    assert credibility(held, [Claim("absent", "P2")], "R2", "B") == 5


def test_msel_inject_carries_its_authors_grade(wildlife):
    tip = wildlife.msel[0]
    graded = tip.model_copy(update={"grade": "E4"})
    ex = Exercise(wildlife.model_copy(update={"msel": [graded, *wildlife.msel[1:]]}), 1)
    ex.apply(A.InstructorInject(event=tip.id))
    item = ex.view().inbox[-1]
    assert (item.kind, item.reliability, item.credibility) == ("inject", "E", 4)
    named = [e for e in ex.view().entities if e.source == tip.source]
    assert named and all(e.grade == "E4" for e in named)


def test_msel_inject_grade_defaults_to_b2(wildlife):
    ex = Exercise(wildlife, 1)
    ex.apply(A.InstructorInject(event=wildlife.msel[0].id))
    assert (ex.view().inbox[-1].reliability, ex.view().inbox[-1].credibility) == ("B", 2)


def test_instructor_inject_carries_the_instructors_grade(wildlife):
    ex = Exercise(wildlife, 1)
    ex.apply(A.InstructorInject(message="A caller says the truck leaves tonight", grade="D3"))
    item = ex.view().inbox[-1]
    assert (item.reliability, item.credibility) == ("D", 3)
    ex.apply(A.InstructorInject(message="Briefing at noon"))
    assert (ex.view().inbox[-1].reliability, ex.view().inbox[-1].credibility) == ("A", 1)
    refused = ex.apply({"kind": "instructor_inject", "message": "x", "grade": "G9"})
    assert refused.code == "action.invalid"


def test_an_msel_grade_outside_the_code_is_refused(wildlife):
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        type(wildlife.msel[0]).model_validate({**wildlife.msel[0].model_dump(), "grade": "B7"})


def test_holdings_noted_between_gradings_grade_as_if_indexed_at_once():
    """Reports are noted as they come and indexed when something is graded: the grades are
    those of holdings indexed report by report, whenever the grading happens."""
    noted, eager = Holdings(), Holdings()
    reports = [("P1", {"name": "A", "phone": "+254 1"}, "R1"), ("P1", {"phone": "+254 1"}, "R2"),
               ("P2", {"passport": "X1"}, "R1")]
    claims = [Claim("attr", "P1", "phone", "+254 1"), Claim("attr", "P2", "passport", "X2"),
              Claim("link", "P1", "P2", "pays"), Claim("absent", "P1")]
    for i, (eid, attrs, source) in enumerate(reports):
        noted.entity(eid, attrs, source)
        eager.entity(eid, attrs, source)
        eager.settle()  # indexed at once
        if i == 1:  # a grading in between settles what was noted so far
            assert credibility(noted, claims[:1], "R3", "B") == credibility(eager, claims[:1], "R3", "B")
    noted.link("P1", "P2", "pays", "R2")
    eager.link("P1", "P2", "pays", "R2")
    eager.settle()
    assert noted.pending  # nothing graded since: still only noted
    for claim in claims:
        for source in ("R1", "R2", "R3"):
            assert credibility(noted, [claim], source, "B") == credibility(eager, [claim], source, "B")
    assert not noted.pending
    assert (noted.entities, noted.values, noted.links, noted.linked) == (
        eager.entities, eager.values, eager.links, eager.linked)
