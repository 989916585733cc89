"""Writes wait their turn: a class playing while the instructor sends injects to everyone.

Every trainee click and every inject must land, in some order, and a trainee is told
"changed in another tab" only when another tab of theirs acted — never because an
instructor's inject took the log slot they were about to write. Real threads on a real
SQLite file (and PostgreSQL when ``TEST_DATABASE_URL`` is set), as the server runs them.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from sqlalchemy import event
from sqlmodel import Session, col, select

from academy import exercises, live
from academy.accounts import join_workshop
from academy.db import session_scope
from academy.demo import DEMO_WORKSHOP_CODE, seed_demo
from academy.models import ExerciseAction, User, Workshop
from academy.scenarios import sync_shipped

pytestmark = pytest.mark.postgres

WILDLIFE = "wildlife-ivory-corridor"
TRAINEES = 20
CLICKS = 4
INJECTS = 3


def _class(engine, trainees: int = TRAINEES):  # type: ignore[no-untyped-def]
    """The demo workshop with ``trainees`` trainees each in a started exercise:
    (workshop id, instructor id, [(trainee id, exercise id)])."""
    with session_scope(engine) as s:
        seed_demo(s)
        version = {v.scenario_id: v for v in sync_shipped(s)}[WILDLIFE]
        workshop = s.exec(select(Workshop).where(Workshop.join_code == DEMO_WORKSHOP_CODE)).one()
        instructor = s.exec(select(User).where(User.username == "instructor")).one()
        pairs = []
        for n in range(trainees):
            trainee = join_workshop(s, code=DEMO_WORKSHOP_CODE, name=f"Trainee {n}", pin="1234",
                                   new=True)
            record = exercises.start(s, user=trainee, scenario_version_id=version.id,
                                     workshop_id=workshop.id)
            pairs.append((trainee.id, record.id))
        return workshop.id, instructor.id, pairs


def test_a_class_plays_while_the_instructor_injects_to_everyone(engine):
    workshop_id, instructor_id, pairs = _class(engine)
    errors: list[BaseException] = []
    start = threading.Barrier(TRAINEES + 1)

    def trainee(user_id: int, exercise_id: int) -> None:
        held = None
        start.wait()
        for _ in range(CLICKS):
            try:
                with session_scope(engine) as s:
                    held = exercises.play(s, exercise_id=exercise_id, user_id=user_id,
                                          held=held, action={"kind": "advance", "days": 1})
            except BaseException as error:  # noqa: BLE001 - asserted below
                errors.append(error)

    def instructor() -> None:
        start.wait()
        for n in range(INJECTS):
            try:
                with session_scope(engine) as s:
                    delivered, refused = live.inject(
                        s, user=s.get(User, instructor_id), workshop_id=workshop_id,
                        exercise_ids=[e for _, e in pairs], message=f"Inject number {n}")
                assert (delivered, refused) == (TRAINEES, 0)
            except BaseException as error:  # noqa: BLE001 - asserted below
                errors.append(error)

    threads = [threading.Thread(target=trainee, args=pair) for pair in pairs]
    threads.append(threading.Thread(target=instructor))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with Session(engine) as s:
        for _, exercise_id in pairs:
            rows = s.exec(select(ExerciseAction).where(ExerciseAction.exercise_id == exercise_id)
                          .order_by(col(ExerciseAction.seq))).all()
            assert [r.seq for r in rows] == list(range(CLICKS + INJECTS))
            assert sorted(r.actor for r in rows) == ["instructor"] * INJECTS + ["trainee"] * CLICKS
            record = exercises.replay(s, s.get(exercises.ExerciseRecord, exercise_id))
            assert record.live.day == CLICKS
            inbox = " ".join(item.text for item in record.live.view().inbox)
            assert all(f"Inject number {n}" in inbox for n in range(INJECTS))


def test_an_inject_in_the_trainees_slot_is_played_before_the_trainees_action(engine):
    """The instructor's inject is stored in the very slot the trainee's click was about to
    take — between the click reading the log and writing to it (the lock of ``play`` keeps
    real injects out of that moment; this one is written on the click's own connection):
    the click is applied after the inject, with no "another tab" message."""
    _, _, pairs = _class(engine, trainees=1)
    trainee_id, exercise_id = pairs[0]
    with session_scope(engine) as s:
        held = exercises.play(s, exercise_id=exercise_id, user_id=trainee_id, held=None,
                              action={"kind": "advance", "days": 1})
    with session_scope(engine) as s:  # the inject as the instructor made it
        other = exercises.replay(s, s.get(exercises.ExerciseRecord, exercise_id))
    other.live.apply({"kind": "instructor_inject", "message": "Check the Mombasa reefers",
                      "event": None})
    inject = other.live.log[-1]
    taken: list[str] = []

    def take_the_slot(conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        """Right after the click counted the stored log, the inject takes the next slot."""
        if taken or "count(" not in statement.lower() or "join" not in statement.lower():
            return
        taken.append(statement)
        conn.execute(ExerciseAction.__table__.insert().values(
            exercise_id=exercise_id, seq=held.seen, t=inject["t"], actor="instructor",
            action=inject["action"], accepted=True, code="", at=datetime.now(UTC)))

    event.listen(engine, "after_cursor_execute", take_the_slot)
    try:
        with session_scope(engine) as s:
            played = exercises.play(s, exercise_id=exercise_id, user_id=trainee_id, held=held,
                                    action={"kind": "advance", "days": 1})
    finally:
        event.remove(engine, "after_cursor_execute", take_the_slot)
    assert len(taken) == 1
    assert played.refreshed and played.seen == 3
    with Session(engine) as s:
        rows = s.exec(select(ExerciseAction).where(ExerciseAction.exercise_id == exercise_id)
                      .order_by(col(ExerciseAction.seq))).all()
        assert [(r.seq, r.actor) for r in rows] == [(0, "trainee"), (1, "instructor"),
                                                    (2, "trainee")]
        again = exercises.replay(s, s.get(exercises.ExerciseRecord, exercise_id))
    assert again.live.day == 2
    assert any("Mombasa reefers" in item.text for item in again.live.view().inbox)
    assert again.live.view() == played.live.view()


def test_a_second_tab_that_lost_the_slot_is_still_told(engine):
    """The other side of the rule: the slot taken by the trainee's own other tab is a
    conflict, and nothing of the stale click is stored."""
    _, _, pairs = _class(engine, trainees=1)
    trainee_id, exercise_id = pairs[0]
    with session_scope(engine) as s:
        tab_a = exercises.play(s, exercise_id=exercise_id, user_id=trainee_id, held=None,
                               action={"kind": "advance", "days": 1})
    with session_scope(engine) as s:
        tab_b = exercises.replay(s, s.get(exercises.ExerciseRecord, exercise_id))
    with session_scope(engine) as s:
        exercises.play(s, exercise_id=exercise_id, user_id=trainee_id, held=tab_b,
                       action={"kind": "advance", "days": 7})
    with pytest.raises(exercises.AcademyError, match="exercise_conflict"), \
            session_scope(engine) as s:
        exercises.play(s, exercise_id=exercise_id, user_id=trainee_id, held=tab_a,
                       action={"kind": "advance", "days": 1})
    with Session(engine) as s:
        again = exercises.replay(s, s.get(exercises.ExerciseRecord, exercise_id))
    assert again.seen == 2 and again.live.day == 8
