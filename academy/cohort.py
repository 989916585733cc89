"""A workshop's curriculum progress, as its instructor sees it before a session.

Who has passed which module tells the instructor whom to pair with whom; the questions
most trainees get wrong on their *first* attempt (before the explanations taught them)
tell the instructor which idea to go over again at the start of the day. Each attempt asks
a draw from the module's bank, so a question's share is counted among the trainees whose
first attempt asked it.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

from sqlmodel import Session, col, select

from academy.errors import AcademyError
from academy.models import ModuleProgress, QuizAttempt, User
from academy.workshops import can_manage, trainees_of


@dataclass(frozen=True)
class ModuleRow:
    module_id: str
    trainees: int
    started: int
    passed: tuple[str, ...]  # names
    average_best: int | None  # percent, among those who attempted


@dataclass(frozen=True)
class QuestionRow:
    module_id: str
    question_id: str
    first_attempts: int
    wrong: int  # trainees who got it wrong on their first attempt

    @property
    def share_wrong(self) -> float:
        return self.wrong / self.first_attempts if self.first_attempts else 0.0


@dataclass(frozen=True)
class WorkshopProgress:
    workshop_id: int
    trainee_names: tuple[str, ...]
    modules: tuple[ModuleRow, ...]
    questions: tuple[QuestionRow, ...]  # hardest first

    def hardest(self, module_id: str) -> list[QuestionRow]:
        return [q for q in self.questions if q.module_id == module_id]


def _asked(attempt: QuizAttempt) -> list[str]:
    """The questions an attempt asked (drawn from the bank); older records: those answered."""
    asked = json.loads(attempt.questions or "[]")
    return asked or list(json.loads(attempt.answers) | dict.fromkeys(json.loads(attempt.wrong)))


def workshop_progress(
    session: Session, *, actor_id: int, workshop_id: int, module_ids: list[str]
) -> WorkshopProgress:
    """Per-module progress of the workshop's trainees; only for those who manage it."""
    actor = session.get(User, actor_id)
    if actor is None or not can_manage(session, user=actor, workshop_id=workshop_id):
        raise AcademyError("forbidden")
    trainees = {user.id: user.display_name for user, _ in trainees_of(session, workshop_id=workshop_id)}
    ids = list(trainees)
    progress = session.exec(
        select(ModuleProgress).where(col(ModuleProgress.user_id).in_(ids))
    ).all() if ids else []
    attempts = session.exec(
        select(QuizAttempt).where(col(QuizAttempt.user_id).in_(ids))
        .order_by(col(QuizAttempt.submitted_at), col(QuizAttempt.id))
    ).all() if ids else []

    rows = []
    for module_id in module_ids:
        mine = [p for p in progress if p.module_id == module_id]
        tried = [p.best_score for p in mine if p.attempts]
        rows.append(ModuleRow(
            module_id=module_id, trainees=len(trainees), started=len(mine),
            passed=tuple(sorted(trainees[p.user_id] for p in mine if p.completed_at)),
            average_best=round(sum(tried) / len(tried)) if tried else None,
        ))

    first: dict[tuple[int, str], QuizAttempt] = {}
    for attempt in attempts:
        first.setdefault((attempt.user_id, attempt.module_id), attempt)
    seen: Counter[tuple[str, str]] = Counter()
    wrong: Counter[tuple[str, str]] = Counter()
    for attempt in first.values():
        for question_id in _asked(attempt):
            seen[(attempt.module_id, question_id)] += 1
        for question_id in json.loads(attempt.wrong):
            wrong[(attempt.module_id, question_id)] += 1
    questions = sorted(
        (QuestionRow(module_id=m, question_id=q, first_attempts=n, wrong=wrong[(m, q)])
         for (m, q), n in seen.items()),
        key=lambda r: (-r.share_wrong, r.module_id, r.question_id),
    )
    return WorkshopProgress(
        workshop_id=workshop_id, trainee_names=tuple(sorted(trainees.values())),
        modules=tuple(rows), questions=tuple(questions),
    )
