"""A trainee's exercise, kept safe between clicks, tabs, machines and server restarts.

The truth of an exercise is its scenario version, its seed and the log of actions; every
action is written the moment it is taken (``ExerciseAction``) and everything else is
rebuilt by replaying the log through the engine. The engine object a page holds is only
a cache of that replay: ``play`` checks it against the stored log before every action.
Each log slot (``seq``) can be written once, and a writer of the log holds the exercise's
lock until it commits (``lock``), so when two tabs act on one exercise the second waits,
then is refused with a clear message and shown the fresh state. Instructor injects are log
entries too; they never count as a conflict: a click that finds an inject in its slot is
played after it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select

from academy.db import hold_write_lock, is_row_id
from academy.errors import AcademyError
from academy.models import (
    ExerciseAction,
    ExerciseRecord,
    Membership,
    Role,
    ScenarioVersion,
    User,
    Workshop,
)
from academy.scenarios import get_version, parse
from academy.workshops import can_manage
from engine.exercise import Exercise, Overrides
from engine.records import Outcome
from engine.scenario import Scenario
from engine.version import ENGINE_VERSION


@dataclass
class Played:
    """What a page keeps after an action: the live engine, how much of the log it holds."""

    live: Exercise
    seen: int
    outcome: Outcome | None = None
    refreshed: bool = False  # the live engine was rebuilt from the stored log
    record: ExerciseRecord | None = None  # the exercise row as this action left it


MAX_SEED = 2**32 - 1  # a seed is 8 hex digits of a hash: ``cohort_seed`` reaches this


def cohort_seed(workshop_id: int | None, scenario_id: str) -> int:
    """One world per workshop and scenario, so a cohort can compare what they missed;
    from 0 to ``MAX_SEED``."""
    key = f"{workshop_id or 0}:{scenario_id}".encode()
    return int(hashlib.sha256(key).hexdigest()[:8], 16)


def start(
    session: Session, *, user: User, scenario_version_id: int, workshop_id: int | None
) -> ExerciseRecord:
    """The trainee's unfinished exercise on this scenario, or a new one."""
    version = get_version(session, version_id=scenario_version_id)
    if workshop_id is not None:
        member = session.exec(
            select(Membership).where(
                Membership.workshop_id == workshop_id, Membership.user_id == user.id
            )
        ).first()
        if member is None and user.role != Role.admin:
            raise AcademyError("forbidden")
    for record in mine(session, user_id=user.id or 0):
        same = get_version(session, version_id=record.scenario_version_id)
        if same.scenario_id == version.scenario_id and not record.finished:
            return record
    overrides = overrides_for(session, workshop_id=workshop_id, scenario_id=version.scenario_id)
    record = ExerciseRecord(
        user_id=user.id or 0,
        workshop_id=workshop_id,
        scenario_version_id=version.id or 0,
        seed=cohort_seed(workshop_id, version.scenario_id),
        overrides=overrides,
    )
    session.add(record)
    session.flush()
    return record


def overrides_for(session: Session, *, workshop_id: int | None, scenario_id: str) -> dict:
    """Difficulty overrides an instructor set for this workshop and scenario."""
    from academy.assignments import scenarios_of

    return dict(scenarios_of(session, workshop_id=workshop_id).get(scenario_id, {}))


def mine(session: Session, *, user_id: int) -> list[ExerciseRecord]:
    return list(
        session.exec(
            select(ExerciseRecord)
            .where(ExerciseRecord.user_id == user_id)
            .order_by(col(ExerciseRecord.updated_at).desc())
        ).all()
    )


def get(session: Session, *, exercise_id: int, user: User) -> ExerciseRecord:
    """The exercise if ``user`` may see it: its trainee, an instructor of its workshop, an admin."""
    record = session.get(ExerciseRecord, exercise_id) if is_row_id(exercise_id) else None
    if record is None:
        raise AcademyError("not_found")
    if record.user_id == user.id or user.role == Role.admin:
        return record
    if record.workshop_id is not None and can_manage(
        session, user=user, workshop_id=record.workshop_id
    ):
        return record
    raise AcademyError("not_found")  # do not confirm that someone else's exercise exists


def log_of(session: Session, *, exercise_id: int) -> list[dict[str, Any]]:
    rows = session.exec(
        select(ExerciseAction)
        .where(ExerciseAction.exercise_id == exercise_id)
        .order_by(col(ExerciseAction.seq))
    ).all()
    # a joint operation's entries carry their actor (engine.joint log format); single-player
    # entries stay {"t", "action"} as they always were
    return [{"t": row.t, "action": row.action} if row.by is None
            else {"t": row.t, "action": row.action, "actor": row.by} for row in rows]


def replay(session: Session, record: ExerciseRecord) -> Played:
    """The exercise rebuilt from its stored log."""
    version = get_version(session, version_id=record.scenario_version_id)
    log = log_of(session, exercise_id=record.id or 0)
    live = Exercise.from_log(parse(version.text), record.seed, log, Overrides(**record.overrides))
    return Played(live=live, seen=len(log), refreshed=True)


def stored_count(session: Session, exercise_id: int) -> int:
    """How many log entries are stored: the next slot of the log (a COUNT only)."""
    return session.exec(select(func.count()).select_from(ExerciseAction).where(
        ExerciseAction.exercise_id == exercise_id)).one()


def own(session: Session, *, exercise_id: int, user_id: int) -> tuple[ExerciseRecord, int]:
    """A trainee's own exercise and how many log entries it has stored, in one query that
    also checks the account is still a trainee's (the desk asks on every redraw, for thirty
    trainees at once)."""
    if not is_row_id(exercise_id):  # an id typed into the URL
        raise AcademyError("not_found")
    stored = (select(func.count()).select_from(ExerciseAction)
              .where(ExerciseAction.exercise_id == exercise_id).scalar_subquery())
    row = session.exec(
        select(ExerciseRecord, stored)
        .join(User, col(User.id) == col(ExerciseRecord.user_id))
        .where(ExerciseRecord.id == exercise_id, User.id == user_id, User.role == Role.trainee)
    ).first()
    if row is None:
        raise AcademyError("not_found")  # do not confirm that someone else's exercise exists
    return row[0], row[1]


def latest_open(session: Session, *, user_id: int) -> int | None:
    """The trainee's most recently played exercise that has not ended, if any."""
    return latest(session, user_id=user_id, finished=False)


def latest(session: Session, *, user_id: int, finished: bool) -> int | None:
    """The trainee's most recently played exercise that has ended (or not), if any."""
    return session.exec(
        select(ExerciseRecord.id)
        .where(ExerciseRecord.user_id == user_id, col(ExerciseRecord.finished).is_(finished))
        .order_by(col(ExerciseRecord.updated_at).desc())
    ).first()


def play(
    session: Session,
    *,
    exercise_id: int,
    user_id: int,
    held: Played | None,
    action: dict[str, Any],
) -> Played:
    """Carry out a trainee's action on their exercise and store it at once.

    ``held`` is what the page had; if the stored log moved on since (another tab, or an
    instructor inject), the engine is rebuilt first — and if another tab of the trainee
    acted, the action is refused so that nothing is done on a stale picture.
    """
    lock(session, exercise_id)
    record, stored = own(session, exercise_id=exercise_id, user_id=user_id)
    if record.paused:
        raise AcademyError("exercise_paused")
    held, outcome, stored = append(
        session, record=record, stored=stored, held=held,
        apply=lambda live: live.apply(action),
        raced=lambda seen: _trainee_acted_since(session, exercise_id, seen),
    )
    _summarise(record, held.live, outcome, action)
    session.add(record)
    return Played(live=held.live, seen=stored + 1, outcome=outcome, refreshed=held.refreshed,
                  record=record)


def append(
    session: Session, *, record: ExerciseRecord, stored: int, held: Played | None,
    apply: Callable[[Exercise], Outcome], raced: Callable[[int], bool],
    actor: str = "trainee", by: dict[str, Any] | None = None,
) -> tuple[Played, Outcome, int]:
    """Play ``apply`` on the exercise as its stored log now is and write the entry it logs
    into the next free slot; (the engine that holds it, the outcome, the slot written).

    The caller holds ``lock``. ``held`` is the engine the actor decided on (None: the log
    as stored); when the log moved on since, ``raced(seen)`` says whether what was written
    after slot ``seen`` makes the action stale (another tab of the trainee, a teammate):
    then it is refused (``exercise_conflict``), else it is played after those entries.
    ``actor``/``by`` say who acted (``by``: a joint operation's actor, engine.joint.Actor).
    """
    exercise_id = record.id or 0
    seen = held.seen if held is not None else stored  # the log the actor decided on
    for _attempt in range(3):
        if held is None or held.seen != stored:
            if raced(seen):
                raise AcademyError("exercise_conflict")
            held = replay(session, record)
        outcome = apply(held.live)
        entry = held.live.log[-1]
        try:
            with session.begin_nested():  # a taken slot undoes this row, not the transaction
                session.add(ExerciseAction(
                    exercise_id=exercise_id, seq=stored, t=entry["t"], actor=actor, by=by,
                    action=entry["action"], accepted=outcome.accepted, code=outcome.code,
                ))
            return held, outcome, stored
        except IntegrityError:  # the slot was written meanwhile: by whom decides what follows
            held.seen = -1  # this engine holds an action the log does not: never reuse it
            seen, held, stored = stored, None, stored_count(session, exercise_id)
    raise AcademyError("exercise_conflict")


def lock(session: Session, exercise_id: int) -> None:
    """Make this transaction the only writer of the exercise's log until it ends.

    PostgreSQL locks the exercise row, SQLite takes its one write lock: a second writer
    waits for the commit, then reads the log as it is."""
    hold_write_lock(session)
    if is_row_id(exercise_id):  # else no row: ``own``/``get`` say not found
        session.exec(select(ExerciseRecord.id).where(ExerciseRecord.id == exercise_id)
                     .with_for_update()).first()


def _trainee_acted_since(session: Session, exercise_id: int, seen: int) -> bool:
    """Did the trainee change the world in another tab after ``seen``? A refused action is
    logged but changes nothing this tab decided on."""
    rows = session.exec(
        select(ExerciseAction.actor).where(
            ExerciseAction.exercise_id == exercise_id, ExerciseAction.seq >= seen,
            col(ExerciseAction.accepted).is_(True),
        )
    ).all()
    return any(actor == "trainee" for actor in rows)


def _summarise(record: ExerciseRecord, live: Exercise, outcome: Outcome, action: dict) -> None:
    record.day = live.day
    record.finished = live.finished
    record.score = round(live.score(), 2)
    record.updated_at = datetime.now(timezone.utc)
    if action.get("kind") not in ("advance", "advance_to_next_event"):
        record.actions += 1
    if action.get("kind") in ("request_notice", "request_diffusion"):
        if outcome.accepted:
            record.notices_accepted += 1
        else:
            record.notices_refused += 1


MAX_HYPOTHESIS = 80  # a chart label: "suspected broker"


def set_hypothesis(
    session: Session, *, exercise_id: int, user: User, entity: str, label: str
) -> dict[str, str]:
    """Mark an entity of the trainee's chart with a hypothesis ("suspected broker")."""
    record = session.get(ExerciseRecord, exercise_id)
    if record is None or record.user_id != user.id:
        raise AcademyError("not_found")
    label = " ".join(label.split())
    if len(label) > MAX_HYPOTHESIS:  # refused whole, never cut
        raise AcademyError("text_too_long", limit=MAX_HYPOTHESIS)
    hypotheses = dict(record.hypotheses)
    if label:
        hypotheses[entity[:64]] = label
    else:
        hypotheses.pop(entity, None)
    record.hypotheses = hypotheses
    session.add(record)
    return hypotheses


def inject(
    session: Session, *, exercise_id: int, instructor: User, message: str = "",
    event: str | None = None, grade: str = "A1",
) -> Outcome:
    """An instructor's message or scenario event delivered into one trainee's exercise."""
    record = get(session, exercise_id=exercise_id, user=instructor)
    if instructor.role not in (Role.instructor, Role.admin):
        raise AcademyError("forbidden")
    lock(session, exercise_id)  # the trainee's click waits, then plays after the inject
    _held, outcome, _slot = append(
        session, record=record, stored=stored_count(session, exercise_id), held=None,
        apply=lambda live: live.apply(
            {"kind": "instructor_inject", "message": message, "event": event, "grade": grade}),
        raced=lambda seen: False, actor="instructor",
    )
    return outcome


def set_paused(session: Session, *, exercise_id: int, instructor: User, paused: bool) -> None:
    record = get(session, exercise_id=exercise_id, user=instructor)
    if instructor.role not in (Role.instructor, Role.admin) or record.user_id == instructor.id:
        raise AcademyError("forbidden")
    record.paused = paused
    session.add(record)


def of_workshop(session: Session, *, workshop_id: int, user: User) -> list[ExerciseRecord]:
    """Every exercise of a workshop, for its instructors."""
    if not can_manage(session, user=user, workshop_id=workshop_id):
        raise AcademyError("forbidden")
    return list(session.exec(
        select(ExerciseRecord).where(ExerciseRecord.workshop_id == workshop_id)
    ).all())


def workshop_of(session: Session, *, user_id: int) -> Workshop | None:
    """The workshop a trainee plays in (their most recent membership)."""
    return session.exec(
        select(Workshop)
        .join(Membership, col(Membership.workshop_id) == col(Workshop.id))
        .where(Membership.user_id == user_id)
        .order_by(col(Membership.joined_at).desc())
    ).first()


def available(session: Session, *, user: User) -> list[ScenarioVersion]:
    """The scenarios this trainee may start: nothing while the workshop's catalogue is
    closed; when open, the scenarios assigned to the workshop (all when none is)."""
    from academy.assignments import scenarios_of
    from academy.scenarios import latest

    workshop = workshop_of(session, user_id=user.id or 0)
    if workshop is None or not workshop.catalogue_open:
        return []
    assigned = scenarios_of(session, workshop_id=workshop.id)
    versions = latest(session)
    return [v for v in versions if v.scenario_id in assigned] if assigned else versions


def mine_with_scenarios(session: Session, *, user_id: int) -> list[tuple[ExerciseRecord, Scenario]]:
    """The user's exercises, newest first, each with its scenario (for titles and lengths)."""
    return [(r, parse(get_version(session, version_id=r.scenario_version_id).text))
            for r in mine(session, user_id=user_id)]


def older_engine(record: ExerciseRecord) -> int | None:
    """The engine version ``record`` was played on, when older than the engine that now
    replays it (its events may differ from what the trainee saw); otherwise None."""
    played = record.engine_version
    return played if played < ENGINE_VERSION else None
