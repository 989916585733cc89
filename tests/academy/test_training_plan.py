"""From readiness gaps to training: the plan, the team's request, the workshop made from it."""

from __future__ import annotations

import pytest

from academy import assessments, assignments, teams, training_plan
from academy.accounts import create_user, join_workshop
from academy.errors import AcademyError
from academy.guidance import load_framework
from academy.models import Role
from academy.scenarios import sync_shipped


@pytest.fixture(scope="module")
def framework():
    return load_framework()


def all_at(framework, level, **overrides):
    return {i: float(overrides.get(i.replace(".", "_"), level)) for i in framework.indicators}


def test_the_weakest_indicators_choose_modules_and_scenario_objectives(framework):
    scores = all_at(framework, 3, intelligence_3=0, operations_3=1, international_2=1,
                    governance_1=2)
    plan = training_plan.propose(framework, scores)
    assert [i for i, _ in plan.weakest] == ["intelligence.3", "operations.3",
                                            "international.2", "governance.1"]
    modules = {m.id: m.indicators for m in plan.modules}
    assert modules["intelligence-cycle"] == ("intelligence.3",)
    assert modules["interpol-notices"] == ("international.2",)
    assert set(modules) >= {"network-analysis", "wildlife-trafficking", "nest-model"}
    # the wildlife scenario trains three of the four: mapping, seizing and notices
    first = plan.scenarios[0]
    assert first.id == "wildlife-ivory-corridor"
    assert first.indicators == ("intelligence.3", "operations.3", "international.2")
    assert first.objectives == ("map-network", "interdict-flow", "use-notices")
    assert len(plan.scenarios) == training_plan.MAX_SCENARIOS
    assert plan.band == framework.maturity.index(framework.maturity[-1])  # mostly 3: advanced
    assert plan.overrides == {}


def test_a_foundational_team_gets_the_gentler_preset(framework):
    plan = training_plan.propose(framework, all_at(framework, 0))
    assert plan.band == 0 and plan.overrides == {"resources": 1.5, "corruption": 0.5}
    assert len(plan.weakest) == training_plan.WEAKEST
    assert training_plan.propose(framework, all_at(framework, 3)).weakest == ()  # nothing to fix


def test_every_planned_module_and_scenario_exists(framework):
    plan = training_plan.propose(framework, all_at(framework, 0), limit=len(framework.indicators))
    assert {m.id for m in plan.modules} <= set(assignments.module_titles())
    assert {s.id for s in plan.scenarios} <= {p.stem for p in assignments.CURRICULUM.parents[1]
                                              .joinpath("scenarios").glob("*.yaml")}


@pytest.fixture
def country(session, framework):
    """Kenya's team with one agreed round, Cameroon's team, an instructor."""
    admin = create_user(session, username="boss", display_name="Boss", role=Role.admin,
                        password="long-password")
    instructor = create_user(session, username="ines", display_name="Ines",
                             role=Role.instructor, password="instructor-1")
    kenya = teams.create_team(session, acting_user_id=admin.id, country="KE", name="Kenya NEST")
    cameroon = teams.create_team(session, acting_user_id=admin.id, country="CM", name="Cameroon")
    wanjiru = join_workshop(session, new=True, code=kenya.join_code, name="Wanjiru", pin="1111")
    mbarga = join_workshop(session, new=True, code=cameroon.join_code, name="Mbarga", pin="3333")
    sync_shipped(session)
    round_ = assessments.create_assessment(session, acting_user_id=wanjiru.id, team_id=kenya.id,
                                           title="2026")
    for indicator_id, level in all_at(framework, 3, intelligence_3=0, operations_3=1).items():
        assessments.agree(session, acting_user_id=wanjiru.id, assessment_id=round_.id,
                          indicator_id=indicator_id, level=int(level), note="",
                          valid_ids=framework.indicators)
    session.commit()
    return dict(admin=admin, instructor=instructor, kenya=kenya, cameroon=cameroon,
                wanjiru=wanjiru, mbarga=mbarga, round=round_)


def test_a_team_requests_its_plan_and_an_instructor_makes_the_workshop_in_one_click(
        session, country, framework):
    k = country
    request = training_plan.request_training(session, acting_user_id=k["wanjiru"].id,
                                             team_id=k["kenya"].id, framework=framework)
    listed = training_plan.requests_for(session, user=k["instructor"])
    assert [(r.id, team.name) for r, team in listed] == [(request.id, "Kenya NEST")]
    workshop = training_plan.create_workshop_from(session, user=k["instructor"],
                                                  request_id=request.id, title="Kenya NEST 2027")
    plan = training_plan.TrainingPlan.from_dict(request.plan)
    assert workshop.country_team_id == k["kenya"].id
    assert assignments.modules_of(session, workshop_id=workshop.id) == [m.id for m in plan.modules]
    assigned = assignments.scenarios_of(session, workshop_id=workshop.id)
    assert list(assigned) == [s.id for s in plan.scenarios]
    assert plan.scenarios[0].id == "wildlife-ivory-corridor"
    with pytest.raises(AcademyError, match="plan_taken"):  # one request, one workshop
        training_plan.create_workshop_from(session, user=k["instructor"], request_id=request.id,
                                           title="Again")
    seen = training_plan.requests_of_team(session, acting_user_id=k["wanjiru"].id,
                                          team_id=k["kenya"].id)
    assert seen[0][0].workshop_id == workshop.id and seen[0][1].join_code == workshop.join_code


def test_asking_again_while_waiting_updates_the_one_request(session, country, framework):
    """A second click (or a colleague's) before an instructor answers must not put the same
    team twice in the instructors' list: the waiting request carries the current plan."""
    k = country
    first = training_plan.request_training(session, acting_user_id=k["wanjiru"].id,
                                           team_id=k["kenya"].id, framework=framework)
    assessments.agree(session, acting_user_id=k["wanjiru"].id, assessment_id=k["round"].id,
                      indicator_id="operations.3", level=3, valid_ids=framework.indicators)
    again = training_plan.request_training(session, acting_user_id=k["wanjiru"].id,
                                           team_id=k["kenya"].id, framework=framework)
    assert again.id == first.id
    assert [r.id for r, _ in training_plan.requests_for(session, user=k["instructor"])] == [first.id]
    assert [i for i, _ in again.plan["weakest"]] == ["intelligence.3"]
    training_plan.create_workshop_from(session, user=k["instructor"], request_id=first.id,
                                       title="Kenya NEST 2027")
    later = training_plan.request_training(session, acting_user_id=k["wanjiru"].id,
                                           team_id=k["kenya"].id, framework=framework)
    assert later.id != first.id  # once answered, a new request is a new one


def test_only_the_team_requests_and_only_staff_turn_requests_into_workshops(
        session, country, framework):
    k = country
    with pytest.raises(AcademyError, match="team_forbidden"):  # another country's member
        training_plan.request_training(session, acting_user_id=k["mbarga"].id,
                                       team_id=k["kenya"].id, framework=framework)
    with pytest.raises(AcademyError, match="plan_empty"):  # Cameroon has no round yet
        training_plan.request_training(session, acting_user_id=k["mbarga"].id,
                                       team_id=k["cameroon"].id, framework=framework)
    request = training_plan.request_training(session, acting_user_id=k["wanjiru"].id,
                                             team_id=k["kenya"].id, framework=framework)
    for outsider in (k["wanjiru"], k["mbarga"], None):
        with pytest.raises(AcademyError, match="forbidden"):
            training_plan.requests_for(session, user=outsider)
        with pytest.raises(AcademyError, match="forbidden"):
            training_plan.create_workshop_from(session, user=outsider, request_id=request.id,
                                               title="x")
    with pytest.raises(AcademyError, match="team_forbidden"):
        training_plan.requests_of_team(session, acting_user_id=k["mbarga"].id,
                                       team_id=k["kenya"].id)


def test_the_training_of_a_countrys_officers_shows_beside_its_scores(session, country, framework):
    from academy import exercises, training_record
    from academy import progress as module_progress
    from academy.curriculum import load_catalogue
    from academy.models import ExerciseRecord
    from academy.workshops import create_workshop

    k = country
    request = training_plan.request_training(session, acting_user_id=k["wanjiru"].id,
                                             team_id=k["kenya"].id, framework=framework)
    kenyan = training_plan.create_workshop_from(session, user=k["instructor"],
                                                request_id=request.id, title="Kenya 2027")
    other = create_workshop(session, title="Open course", instructor=k["instructor"])
    officer = join_workshop(session, new=True, code=kenyan.join_code, name="Otieno", pin="4321")
    stranger = join_workshop(session, new=True, code=other.join_code, name="Zed", pin="4321")
    module = load_catalogue().modules["en"]["intelligence-cycle"]
    key = {q.id: [o.id for o in q.options if o.correct] for q in module.quiz}
    for trainee in (officer, stranger):  # both pass; only Kenya's officer counts for Kenya
        assert module_progress.submit_attempt(session, user_id=trainee.id, module=module,
                                              answers=key).passed
    wildlife = {v.scenario_id: v for v in sync_shipped(session)}["wildlife-ivory-corridor"]
    records = {}
    for trainee, workshop in ((officer, kenyan), (stranger, other)):
        record = records[trainee.id] = exercises.start(session, user=trainee, scenario_version_id=wildlife.id,
                                 workshop_id=workshop.id)
        held = None
        while not session.get(ExerciseRecord, record.id).finished:
            held = exercises.play(session, exercise_id=record.id, user_id=trainee.id, held=held,
                                  action={"kind": "advance", "days": 7})
    done = training_record.training_done(session, acting_user_id=k["wanjiru"].id,
                                         team_id=k["kenya"].id)
    assert done.officers == 1 and done.passed == {"intelligence-cycle": 1}
    played = session.get(ExerciseRecord, records[officer.id].id)
    assert done.exercises == {"wildlife-ivory-corridor": [played.score]}
    rows = {r.indicator_id: r for r in training_record.progress(
        framework, [{"intelligence.3": 0.0}, {"intelligence.3": 2.0}], done)}
    assert rows["intelligence.3"].trend == (0.0, 2.0)
    assert rows["intelligence.3"].modules_passed == 1 and rows["governance.1"].modules_passed == 0
    assert rows["intelligence.3"].exercises == 1
    assert rows["intelligence.3"].mean_score == round(played.score, 1)
    assert rows["governance.1"].exercises == 0 and rows["governance.1"].mean_score is None
    with pytest.raises(AcademyError, match="team_forbidden"):
        training_record.training_done(session, acting_user_id=k["mbarga"].id,
                                      team_id=k["kenya"].id)


def test_asking_again_refreshes_the_teams_open_request_instead_of_adding_one(
        session, country, framework):
    """A second click (or a teammate's) while no workshop is made yet is the same request:
    instructors see one plan per team to act on, the latest."""
    k = country
    first = training_plan.request_training(session, acting_user_id=k["wanjiru"].id,
                                           team_id=k["kenya"].id, framework=framework)
    again = training_plan.request_training(session, acting_user_id=k["wanjiru"].id,
                                           team_id=k["kenya"].id, framework=framework)
    assert again.id == first.id
    assert len(training_plan.requests_for(session, user=k["instructor"])) == 1
    training_plan.create_workshop_from(session, user=k["instructor"], request_id=first.id,
                                       title="Kenya 2027")
    later = training_plan.request_training(session, acting_user_id=k["wanjiru"].id,
                                           team_id=k["kenya"].id, framework=framework)
    assert later.id != first.id  # once served, asking again is a new request


def test_two_instructors_clicking_at_once_make_one_workshop(engine, country, framework):
    """The instructor who read the request before the other made its workshop is refused:
    the request is re-read under a write lock, not taken from what the session held."""
    from sqlmodel import Session, select

    from academy.models import TrainingRequest, Workshop

    k = country
    with Session(engine) as s:
        request_id = training_plan.request_training(
            s, acting_user_id=k["wanjiru"].id, team_id=k["kenya"].id, framework=framework).id
        s.commit()
    late, early = Session(engine), Session(engine)
    try:
        instructor = late.get(type(k["instructor"]), k["instructor"].id)
        seen = late.get(TrainingRequest, request_id)  # read (and held), not yet acted on
        assert seen.workshop_id is None
        training_plan.create_workshop_from(early, user=early.get(type(instructor), instructor.id),
                                           request_id=request_id, title="First")
        early.commit()
        with pytest.raises(AcademyError, match="plan_taken"):
            training_plan.create_workshop_from(late, user=instructor, request_id=request_id,
                                               title="Second")
        late.rollback()
    finally:
        late.close()
        early.close()
    with Session(engine) as s:
        assert [w.title for w in s.exec(select(Workshop).where(
            Workshop.country_team_id == k["kenya"].id)).all()] == ["First"]
