"""A trainee's progress through the curriculum, kept so they can stop and come back.

Opening a module starts it; moving through its sections remembers where the trainee is
(the next visit resumes there). Each attempt at the knowledge check asks questions drawn
from the module's bank for (trainee, module, attempt number) — see ``academy.bank`` — so a
page reloaded shows the same questions and a retry shows others. Submitting, once every
question asked has an answer, is marked here, on the server, on the questions this attempt
drew, and stored as an attempt with the questions asked and the answers given. A score at
or above the pass mark completes the module; the best score and the number of attempts
are kept.

Time spent is counted from one interaction to the next, capped, so a tab left open over
lunch does not count as an hour of study.

Progress is personal: every read takes the acting user and refuses anyone but the
trainee themself, an instructor of one of their workshops, or an admin.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, col, select

from academy.bank import Q, draw
from academy.curriculum import QUIZ_STEP, Module
from academy.errors import AcademyError
from academy.grading import GradeResult, grade, unanswered
from academy.models import Membership, ModuleProgress, QuizAttempt, Role, User

IDLE_CAP = timedelta(minutes=5)  # a longer gap between two clicks counts as this much


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def check_can_read(session: Session, *, actor_id: int, user_id: int) -> None:
    """Refuse unless ``actor_id`` is the user, an admin, or an instructor of their workshop."""
    if actor_id == user_id:
        return
    actor = session.get(User, actor_id)
    if actor is None or actor.role == Role.trainee:
        raise AcademyError("forbidden")
    if actor.role == Role.admin:
        return
    mine = select(Membership.workshop_id).where(
        Membership.user_id == actor_id, Membership.role == Role.instructor
    )
    shared = session.exec(
        select(Membership).where(Membership.user_id == user_id,
                                 col(Membership.workshop_id).in_(mine))
    ).first()
    if shared is None:
        raise AcademyError("forbidden")


def _get(session: Session, user_id: int, module_id: str) -> ModuleProgress | None:
    return session.exec(
        select(ModuleProgress).where(
            ModuleProgress.user_id == user_id, ModuleProgress.module_id == module_id
        )
    ).first()


def _touch(row: ModuleProgress, now: datetime) -> None:
    gap = now - row.last_seen_at
    if gap > timedelta(0):
        row.seconds_spent += int(min(gap, IDLE_CAP).total_seconds())
    row.last_seen_at = now


def open_module(
    session: Session, *, user_id: int, module_id: str, now: datetime | None = None
) -> ModuleProgress:
    """The trainee's progress on a module, started now if this is the first visit."""
    now = _now(now)
    row = _get(session, user_id, module_id)
    if row is None:
        row = ModuleProgress(user_id=user_id, module_id=module_id, started_at=now,
                             last_seen_at=now)
    else:
        _touch(row, now)
    session.add(row)
    session.flush()
    return row


def save_position(
    session: Session, *, user_id: int, module_id: str, position: str,
    now: datetime | None = None,
) -> None:
    """Remember the section (index) or ``"quiz"`` the trainee is on."""
    if position != QUIZ_STEP and not (position.isdigit() and len(position) <= 4):
        raise AcademyError("position_invalid")
    row = open_module(session, user_id=user_id, module_id=module_id, now=now)
    row.last_section = position
    session.add(row)
    session.flush()


def attempt_number(session: Session, *, user_id: int, module_id: str) -> int:
    """The number (from 0) of the trainee's next attempt: how many they have submitted."""
    row = _get(session, user_id, module_id)
    return row.attempts if row else 0


def current_quiz(
    session: Session, *, user_id: int, module_id: str, bank: Sequence[Q],
) -> tuple[int, tuple[Q, ...]]:
    """The attempt the trainee is on and the questions of ``bank`` it asks.

    ``bank`` is the module's quiz, public (for a page) or with its key.
    """
    attempt = attempt_number(session, user_id=user_id, module_id=module_id)
    return attempt, draw(bank, user_id=user_id, module_id=module_id, attempt=attempt)


def submit_attempt(
    session: Session, *, user_id: int, module: Module,
    answers: Mapping[str, Iterable[str]], attempt: int | None = None,
    now: datetime | None = None,
) -> GradeResult:
    """Mark the knowledge check, store the attempt and update the trainee's progress.

    Only the questions this attempt drew are marked and stored; answers to others are
    ignored. Refused with ``quiz_incomplete`` (nothing marked, nothing stored) while any
    question asked has no answer: a skipped question is a slip to point out, not a wrong
    answer. ``attempt`` is the attempt number the page showed: when another tab has
    submitted it in the meantime, the answers belong to an old draw and are refused with
    ``quiz_outdated``.
    """
    now = _now(now)
    current, asked = current_quiz(session, user_id=user_id, module_id=module.id, bank=module.quiz)
    if attempt is not None and attempt != current:
        raise AcademyError("quiz_outdated")
    ids = [q.id for q in asked]
    clean = {qid: sorted({str(o) for o in answers.get(qid, ())}) for qid in ids}
    missing = unanswered(asked, clean)
    if missing:
        raise AcademyError("quiz_incomplete", count=len(missing), total=len(asked),
                           numbers=", ".join(map(str, missing)))
    result = grade(module, clean, asked=ids)
    session.add(QuizAttempt(
        user_id=user_id, module_id=module.id, lang=module.lang, questions=json.dumps(ids),
        answers=json.dumps(clean, sort_keys=True), wrong=json.dumps(result.wrong),
        score=result.score, passed=result.passed, submitted_at=now,
    ))
    row = open_module(session, user_id=user_id, module_id=module.id, now=now)
    row.attempts += 1
    row.best_score = max(row.best_score, result.score)
    if result.passed and row.completed_at is None:
        row.completed_at = now
    session.add(row)
    session.flush()
    return result


def progress_of(session: Session, *, actor_id: int, user_id: int) -> dict[str, ModuleProgress]:
    """Every module the user started, by module id."""
    check_can_read(session, actor_id=actor_id, user_id=user_id)
    rows = session.exec(select(ModuleProgress).where(ModuleProgress.user_id == user_id)).all()
    return {row.module_id: row for row in rows}


def completed_ids(session: Session, *, actor_id: int, user_id: int) -> set[str]:
    return {m for m, row in progress_of(session, actor_id=actor_id, user_id=user_id).items()
            if row.completed_at is not None}


def last_opened(session: Session, *, actor_id: int, user_id: int) -> str | None:
    """The module the user touched last (to resume), if any."""
    rows = progress_of(session, actor_id=actor_id, user_id=user_id).values()
    latest = max(rows, key=lambda row: row.last_seen_at, default=None)
    return latest.module_id if latest else None


def attempts_of(
    session: Session, *, actor_id: int, user_id: int, module_id: str
) -> list[QuizAttempt]:
    """The user's attempts at one module, oldest first."""
    check_can_read(session, actor_id=actor_id, user_id=user_id)
    return list(session.exec(
        select(QuizAttempt)
        .where(QuizAttempt.user_id == user_id, QuizAttempt.module_id == module_id)
        .order_by(col(QuizAttempt.submitted_at), col(QuizAttempt.id))
    ).all())
