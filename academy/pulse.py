"""What an open joint-operation screen watches every second, to redraw by itself.

Thirty team desks and the control cell poll at once while a workshop plays; each poll must
cost one small query, never a replay. A desk asks for its operation's *pulse*: its team's
news digest (what the desk shows — the clock, the team's file, its requests — rewritten by
each write that changes it, ``academy.operation_log.tell_news``; another team's click that
changes nothing here redraws nothing here), the number of channel messages it may read,
the pause, the phase and the ready flags. When the pulse
differs from the one the screen was drawn with, the screen redraws (and rebuilds the
engine only if the log moved). The membership is checked in the same query: someone who
is not (or no longer) in a team gets "not found", as everywhere in the operation.
"""

from __future__ import annotations

from sqlalchemy import func, or_
from sqlalchemy import select as columns  # sqlmodel's select types at most four columns
from sqlmodel import Session, col, select

from academy.db import is_row_id
from academy.errors import AcademyError
from academy.models import (
    ChannelMessage,
    ExerciseAction,
    JointOperation,
    OperationMember,
    OperationTeam,
    User,
)
from academy.workshops import can_manage

Pulse = tuple[object, ...]


def team_pulse(session: Session, *, user_id: int, operation_id: int) -> Pulse:
    """(the team's news digest — ``academy.operation_log.tell_news`` —, messages to or from
    the team, paused, phase, the team's ready flag) —
    one query; "not found" for anyone without a seat."""
    if not is_row_id(operation_id):
        raise AcademyError("not_found")
    said = (select(func.count()).select_from(ChannelMessage)
            .where(ChannelMessage.operation_id == operation_id,
                   or_(col(ChannelMessage.from_team_id) == OperationMember.team_id,
                       col(ChannelMessage.to_team_id) == OperationMember.team_id))
            .scalar_subquery())
    row = session.execute(
        columns(col(OperationTeam.news), said, col(JointOperation.paused),
                col(JointOperation.phase), col(OperationTeam.ready))
        .select_from(OperationMember)
        .join(JointOperation, col(JointOperation.id) == col(OperationMember.operation_id))
        .join(OperationTeam, col(OperationTeam.id) == col(OperationMember.team_id))
        .where(col(OperationMember.operation_id) == operation_id,
               col(OperationMember.user_id) == user_id)
    ).first()
    if row is None:
        raise AcademyError("not_found")
    return tuple(row)


def control_pulse(session: Session, *, user: User, operation_id: int) -> Pulse:
    """(log length, every message, paused, phase, armed, each team's ready flag) for the
    control cell; "forbidden" for anyone who does not run the operation's workshop."""
    operation = session.get(JointOperation, operation_id) if is_row_id(operation_id) else None
    if operation is None:
        raise AcademyError("not_found")
    if not can_manage(session, user=user, workshop_id=operation.workshop_id):
        raise AcademyError("forbidden")
    log = (select(func.count()).select_from(ExerciseAction)
           .where(ExerciseAction.exercise_id == operation.exercise_id).scalar_subquery())
    said = (select(func.count()).select_from(ChannelMessage)
            .where(ChannelMessage.operation_id == operation_id).scalar_subquery())
    counts = session.exec(select(log, said)).one()
    ready = session.exec(select(OperationTeam.ready).where(
        OperationTeam.operation_id == operation_id).order_by(col(OperationTeam.id))
        .execution_options(populate_existing=True)).all()
    session.refresh(operation)
    return (*counts, operation.paused, operation.phase, operation.advance_when_ready,
            tuple(ready))
