"""Exercises are never lost: stored action by action, replayed after a restart, safe
against two tabs, visible only to their trainee and the workshop's instructors."""

from __future__ import annotations

import pytest
from sqlmodel import select

from academy import debriefs, exercises
from academy.accounts import create_user, join_workshop
from academy.demo import DEMO_WORKSHOP_CODE, seed_demo
from academy.errors import AcademyError
from academy.models import ExerciseAction, User
from academy.scenarios import store, sync_shipped
from academy.workshops import create_workshop

WILDLIFE = "wildlife-ivory-corridor"


@pytest.fixture
def world(session):
    seed_demo(session)
    versions = {v.scenario_id: v for v in sync_shipped(session)}
    trainee = session.exec(select(User).where(User.role == "trainee")).one()
    instructor = session.exec(select(User).where(User.username == "instructor")).one()
    other = join_workshop(session, new=True, code=DEMO_WORKSHOP_CODE, name="Other Trainee", pin="1111")
    session.commit()
    return versions, trainee, instructor, other


def started(session, world):
    versions, trainee, *_ = world
    return exercises.start(session, user=trainee, scenario_version_id=versions[WILDLIFE].id,
                           workshop_id=1)


def test_every_shipped_scenario_is_stored_once(session, world):
    versions, *_ = world
    assert WILDLIFE in versions
    assert sync_shipped(session)[0].id == sorted(versions.values(), key=lambda v: v.scenario_id)[0].id


def test_actions_are_stored_and_a_restart_replays_them_exactly(session, world):
    _, trainee, *_ = world
    record = started(session, world)
    held = None
    for action in ({"kind": "request_intel", "source": "customs-data", "target": "C02"},
                   {"kind": "advance", "days": 7},
                   {"kind": "request_notice", "colour": "red", "subject": "C02",
                    "purpose": "arrest", "rationale": "test a refusal"}):
        held = exercises.play(session, exercise_id=record.id, user_id=trainee.id, held=held, action=action)
    session.commit()
    assert held.outcome is not None and not held.outcome.accepted
    stored = session.exec(select(ExerciseAction).where(ExerciseAction.exercise_id == record.id)).all()
    assert [a.seq for a in stored] == [0, 1, 2]
    assert stored[2].code == held.outcome.code and stored[2].accepted is False
    restarted = exercises.replay(session, record)  # as after a server restart: DB only
    assert restarted.live.view() == held.live.view()
    assert restarted.live.score() == held.live.score()
    assert record.actions == 2 and record.notices_refused == 1 and record.day == 7


def test_a_second_tab_gets_a_conflict_not_a_corrupted_log(session, world):
    _, trainee, *_ = world
    record = started(session, world)
    tab_a = exercises.play(session, exercise_id=record.id, user_id=trainee.id, held=None,
                           action={"kind": "advance", "days": 1})
    tab_b = exercises.replay(session, record)
    exercises.play(session, exercise_id=record.id, user_id=trainee.id, held=tab_b,
                   action={"kind": "advance", "days": 7})
    with pytest.raises(AcademyError) as caught:
        exercises.play(session, exercise_id=record.id, user_id=trainee.id, held=tab_a,
                       action={"kind": "advance", "days": 7})
    assert caught.value.code == "exercise_conflict"
    fresh = exercises.replay(session, record)
    assert fresh.seen == 2 and fresh.live.day == 8


def test_a_refused_action_in_another_tab_is_no_conflict(session, world):
    """A refusal is logged but changes nothing the other tab decided on."""
    _, trainee, *_ = world
    record = started(session, world)
    tab_a = exercises.play(session, exercise_id=record.id, user_id=trainee.id, held=None,
                           action={"kind": "advance", "days": 1})
    tab_b = exercises.replay(session, record)
    refused = exercises.play(session, exercise_id=record.id, user_id=trainee.id, held=tab_b,
                             action={"kind": "request_intel", "source": "customs-data",
                                     "target": "NOBODY"})
    assert refused.outcome is not None and not refused.outcome.accepted
    played = exercises.play(session, exercise_id=record.id, user_id=trainee.id, held=tab_a,
                            action={"kind": "advance", "days": 7})
    assert played.outcome is not None and played.outcome.accepted
    assert played.seen == 3 and played.live.day == 8


def test_an_instructor_inject_reaches_the_trainee_without_a_conflict(session, world):
    _, trainee, instructor, _ = world
    record = started(session, world)
    held = exercises.play(session, exercise_id=record.id, user_id=trainee.id, held=None,
                          action={"kind": "advance", "days": 1})
    out = exercises.inject(session, exercise_id=record.id, instructor=instructor,
                           message="Tip-off: check the cashew containers at Mombasa")
    assert out.accepted
    held = exercises.play(session, exercise_id=record.id, user_id=trainee.id, held=held,
                          action={"kind": "advance", "days": 1})
    assert held.refreshed
    assert any("cashew containers" in item.text for item in held.live.view().inbox)


def test_paused_exercises_refuse_actions(session, world):
    _, trainee, instructor, _ = world
    record = started(session, world)
    exercises.set_paused(session, exercise_id=record.id, instructor=instructor, paused=True)
    with pytest.raises(AcademyError, match="exercise_paused"):
        exercises.play(session, exercise_id=record.id, user_id=trainee.id, held=None,
                       action={"kind": "advance", "days": 1})


def test_another_trainee_cannot_see_or_play_the_exercise(session, world):
    _, _, _, other = world
    record = started(session, world)
    with pytest.raises(AcademyError, match="not_found"):
        exercises.get(session, exercise_id=record.id, user=other)
    with pytest.raises(AcademyError, match="not_found"):
        exercises.play(session, exercise_id=record.id, user_id=other.id, held=None,
                       action={"kind": "advance", "days": 1})
    with pytest.raises(AcademyError):
        exercises.inject(session, exercise_id=record.id, instructor=other, message="x")
    with pytest.raises(AcademyError):
        debriefs.truth(session, exercise_id=record.id, user=other)


def test_an_instructor_of_another_workshop_cannot_see_it(session, world):
    record = started(session, world)
    stranger = create_user(session, username="stranger", display_name="S", role="instructor",
                           password="long-enough")
    create_workshop(session, title="Elsewhere", instructor=stranger)
    with pytest.raises(AcademyError, match="not_found"):
        exercises.get(session, exercise_id=record.id, user=stranger)


def test_the_debrief_stays_locked_until_the_end(session, world):
    _, trainee, *_ = world
    record = started(session, world)
    with pytest.raises(AcademyError, match="debrief_locked"):
        debriefs.truth(session, exercise_id=record.id, user=trainee)


def play_to_the_end(session, record, trainee):
    held = exercises.play(session, exercise_id=record.id, user_id=trainee.id, held=None,
                          action={"kind": "request_intel", "source": "customs-data", "target": "C02"})
    while not held.live.finished:
        held = exercises.play(session, exercise_id=record.id, user_id=trainee.id, held=held,
                              action={"kind": "advance", "days": 7})
    return held


def test_debrief_what_if_and_exports(session, world):
    _, trainee, *_ = world
    record = started(session, world)
    play_to_the_end(session, record, trainee)
    assert record.finished
    _, truth = debriefs.truth(session, exercise_id=record.id, user=trainee)
    assert truth.members and truth.shipments
    choices = debriefs.decisions(session, exercise_id=record.id)
    assert [a["kind"] for _, a in choices] == ["request_intel"]
    without = debriefs.what_if(session, exercise_id=record.id, user=trainee,
                               index=choices[0][0], replacement=None)
    assert without.decisions == []  # the only decision was removed
    assert without.seed == truth.seed
    csv_text = debriefs.shipments_csv(truth)
    assert csv_text.splitlines()[0].startswith("shipment,quantity")
    assert len(csv_text.splitlines()) == len(truth.shipments) + 1
    scenario = debriefs.scenario_of(session, record)
    assert debriefs.pdf(truth, scenario=scenario, trainee="Demo Trainee").startswith(b"%PDF")


def test_a_malformed_action_is_refused_and_logged(session, world):
    _, trainee, *_ = world
    record = started(session, world)
    held = exercises.play(session, exercise_id=record.id, user_id=trainee.id, held=None,
                          action={"kind": "request_notice", "colour": "crimson"})
    assert not held.outcome.accepted and held.outcome.code == "action.invalid"
    assert exercises.replay(session, record).live.view() == held.live.view()


def test_an_invalid_scenario_text_is_refused_with_its_problems(session):
    with pytest.raises(AcademyError) as caught:
        store(session, text="id: x\nunknown_field: 1\n")
    assert caught.value.code == "scenario_invalid"
    assert "scenario.yaml:" in caught.value.params["problems"]


def test_storing_the_same_scenario_twice_at_once_keeps_one_row(engine):
    """Thirty trainees opening Exercises on a fresh server must not trip over each other."""
    import threading
    from pathlib import Path

    from sqlmodel import Session

    from academy.db import session_scope
    from academy.models import ScenarioVersion

    text = Path("scenarios/wildlife-ivory-corridor.yaml").read_text(encoding="utf-8")
    errors: list[BaseException] = []

    def store_it() -> None:
        try:
            with session_scope(engine) as s:
                store(s, text=text)
        except BaseException as error:  # noqa: BLE001 - asserted below
            errors.append(error)

    threads = [threading.Thread(target=store_it) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with Session(engine) as s:
        assert len(s.exec(select(ScenarioVersion)).all()) == 1
