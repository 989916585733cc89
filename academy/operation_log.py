"""A joint operation's one log: every team's and the control cell's actions, in one order.

The operation is one exercise, so it keeps the single-player exercise's guarantees
(``academy/exercises.py``): one writer at a time (the exercise's lock), each log slot
written once, a raced click told instead of lost. What is new is who writes: each entry
carries its actor, and a click is stale only when someone of the same team (a teammate, or
the trainee in another tab) wrote since the desk was drawn — another team's action or a
move of the clock is no conflict, the click is played after it (and told when the clock
moved).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from sqlmodel import Session, col, select

from academy import actors, exercises
from academy.exercises import Played
from academy.models import (
    ExerciseAction,
    ExerciseRecord,
    JointOperation,
    OperationTeam,
    utcnow,
)
from engine.exercise import Exercise
from engine.records import Outcome


def record_of(session: Session, operation: JointOperation) -> ExerciseRecord:
    record = session.get(ExerciseRecord, operation.exercise_id)
    assert record is not None  # the operation's exercise is made with it and never deleted
    return record


def write(
    session: Session, operation: JointOperation, actions: list[dict[str, Any]],
    by: dict[str, Any], *, held: Played | None = None,
    raced: Callable[[int], bool] | None = None, seen_day: float = -1.0,
) -> tuple[Played, Outcome, bool]:
    """Log ``actions`` one after the other as ``by`` under the operation's lock; (the engine,
    the last outcome, whether the clock had moved past ``seen_day`` when it was applied)."""
    exercises.lock(session, operation.exercise_id)
    record = record_of(session, operation)
    stored = exercises.stored_count(session, operation.exercise_id)
    moved = False
    outcome: Outcome | None = None

    def carry_out(action: dict[str, Any]) -> Callable[[Exercise], Outcome]:
        def apply(live: Exercise) -> Outcome:
            nonlocal moved
            moved = live.day > seen_day + 1e-9 and seen_day >= 0
            return actors.apply(live, action, by)
        return apply

    for action in actions:
        held, outcome, slot = exercises.append(
            session, record=record, stored=stored, held=held, apply=carry_out(action),
            raced=raced or (lambda seen: False),
            actor="instructor" if by.get("role") == actors.CONTROL else "trainee", by=by)
        stored = slot + 1
        held.seen = stored
    assert held is not None and outcome is not None  # at least one action was written
    record.day, record.finished = held.live.day, held.live.finished
    record.actions += sum(a.get("kind") not in actors.CONTROL_KINDS for a in actions)
    record.updated_at = utcnow()
    session.add(record)
    tell_news(session, operation, held.live)
    return held, outcome, moved


def tell_news(session: Session, operation: JointOperation, live: Exercise) -> None:
    """Write each team's news digest (``Exercise.news``) where it changed: the pulse its
    desks poll every second (``academy.pulse``). A team's desks redraw when what they show
    changed — the clock, its file, its requests — not on every other team's click."""
    teams = session.exec(select(OperationTeam).where(
        OperationTeam.operation_id == operation.id)).all()
    for team in teams:
        digest = hashlib.sha1(repr(live.news(team.country)).encode()).hexdigest()
        if digest != team.news:
            team.news = digest
            session.add(team)


def team_acted_since(session: Session, exercise_id: int, seen: int, country: str) -> bool:
    """Did anyone of the team (a teammate, or the trainee in another tab) change the world
    after ``seen``? A refused action is logged but changes nothing anyone decided on."""
    rows = session.exec(select(ExerciseAction.by).where(
        ExerciseAction.exercise_id == exercise_id, ExerciseAction.seq >= seen,
        col(ExerciseAction.accepted).is_(True))).all()
    return any(by and by.get("role") != actors.CONTROL and by.get("team") == country
               for by in rows)


def fresh(session: Session, operation: JointOperation, held: Played | None = None) -> Played:
    """The operation's engine as its stored log now is (``held`` when it is up to date).

    ``held`` behind the log is caught up by applying only the entries written since, in
    their order, exactly as a replay applies them (``Exercise.from_log``): when one team
    acts or the clock moves, thirty open desks redraw at once, and each would otherwise
    replay the whole operation from its first day."""
    stored = exercises.stored_count(session, operation.exercise_id)
    if held is not None and held.seen == stored:
        return held
    if held is not None and held.seen < stored:
        caught = _catch_up(session, operation, held)
        if caught is not None:
            return caught
    return exercises.replay(session, record_of(session, operation))


def _catch_up(session: Session, operation: JointOperation, held: Played) -> Played | None:
    """``held`` with the entries written after ``held.seen`` applied; None when a full replay
    is needed (an old-style entry, or the held engine is not where the log says)."""
    rows = session.exec(select(ExerciseAction).where(
        ExerciseAction.exercise_id == operation.exercise_id,
        col(ExerciseAction.seq) >= held.seen).order_by(col(ExerciseAction.seq))).all()
    if len(held.live.log) != held.seen or [r.seq for r in rows] != list(
            range(held.seen, held.seen + len(rows))):
        return None
    if any(r.by is None or r.action.get("kind") == "advance_to_next_event" for r in rows):
        return None  # a replay treats some of these specially (engine.exercise.from_log)
    try:
        for row in rows:
            actors.apply(held.live, row.action, row.by or {})
    except Exception:  # noqa: BLE001 - the held engine is spoilt: rebuild it from the log
        return None
    return Played(live=held.live, seen=held.seen + len(rows), refreshed=True)
