"""The operation's channels: messages between teams and to and from the control cell.

A trainee writes as their team, to another team of the operation or to the control cell;
the control cell writes to a team, to a role in it or to one person. The control cell reads
every message; a trainee reads only those to or from their own team — and of those the
control cell addressed to a role or a person, only their own. The text is stored exactly as
typed (it is evidence of what was said): whoever shows it escapes it as text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, or_, select

from academy import actors
from academy.errors import AcademyError
from academy.joint import get, my_team
from academy.models import ChannelMessage, OperationMember, OperationTeam, User
from academy.operation_log import record_of
from academy.workshops import can_manage

MAX_BODY = 2000


@dataclass(frozen=True)
class Line:
    """A message as a channel shows it: who wrote, from which team to which (None: the
    control cell), on which simulated day. ``body`` is raw text: escape it when shown."""

    id: int
    day: float
    at: datetime
    sender: str
    from_team: str | None
    to_team: str | None
    to_role: str | None
    to_user: str | None
    body: str


def post(
    session: Session, *, user: User, operation_id: int, body: str,
    to_team_id: int | None = None, to_role: str | None = None, to_user_id: int | None = None,
) -> ChannelMessage:
    """Send ``body`` to a team (``to_team_id``) or, from a team, to the control cell (None).

    A trainee always writes as their own team; ``to_role``/``to_user_id`` are the control
    cell's (a person's team is theirs)."""
    operation = get(session, operation_id)
    if not body.strip():
        raise AcademyError("message_empty")
    if len(body) > MAX_BODY:
        raise AcademyError("message_too_long", limit=MAX_BODY)
    control = can_manage(session, user=user, workshop_id=operation.workshop_id)
    from_team_id: int | None = None
    if control:
        if to_user_id is not None:
            member = session.exec(select(OperationMember).where(
                OperationMember.operation_id == operation_id,
                OperationMember.user_id == to_user_id)).first()
            if member is None or (to_team_id is not None and member.team_id != to_team_id):
                raise AcademyError("not_found")
            to_team_id = member.team_id
        if to_team_id is None:
            raise AcademyError("joint_team_required")
        if to_role is not None and to_role not in actors.ROLES:
            raise AcademyError("joint_role_invalid")
    else:
        seat = my_team(session, user=user, operation_id=operation_id)  # non-members: not found
        if to_role is not None or to_user_id is not None:
            raise AcademyError("forbidden")
        from_team_id = seat.team.id
        if to_team_id == from_team_id:
            raise AcademyError("joint_team_required")
    if to_team_id is not None:
        team = session.get(OperationTeam, to_team_id)
        if team is None or team.operation_id != operation_id:
            raise AcademyError("not_found")
    message = ChannelMessage(
        operation_id=operation_id, from_user_id=user.id or 0, from_team_id=from_team_id,
        to_team_id=to_team_id, to_role=to_role, to_user_id=to_user_id, body=body,
        day=record_of(session, operation).day)
    session.add(message)
    session.flush()
    return message


def read(session: Session, *, user: User, operation_id: int) -> list[ChannelMessage]:
    """The messages ``user`` may read, oldest first."""
    operation = get(session, operation_id)
    query = select(ChannelMessage).where(ChannelMessage.operation_id == operation_id)
    order = (col(ChannelMessage.created_at), col(ChannelMessage.id))
    if can_manage(session, user=user, workshop_id=operation.workshop_id):
        return list(session.exec(query.order_by(*order)).all())
    seat = my_team(session, user=user, operation_id=operation_id)
    mine = seat.team.id
    rows = session.exec(query.where(or_(ChannelMessage.from_team_id == mine,
                                        ChannelMessage.to_team_id == mine)).order_by(*order))
    return [m for m in rows.all() if m.from_team_id == mine or (
        (m.to_user_id is None or m.to_user_id == user.id)
        and (m.to_role is None or seat.role is None or m.to_role == seat.role))]


def lines(session: Session, *, user: User, operation_id: int) -> list[Line]:
    """``read`` with names: the sender's, the teams' and the addressed person's."""
    messages = read(session, user=user, operation_id=operation_id)
    teams = {t.id: t.name for t in session.exec(select(OperationTeam).where(
        OperationTeam.operation_id == operation_id))}
    ids = {m.from_user_id for m in messages} | {m.to_user_id for m in messages if m.to_user_id}
    names = {u.id: u.display_name for u in session.exec(
        select(User).where(col(User.id).in_(ids)))} if ids else {}
    return [Line(m.id or 0, m.day, m.created_at, names.get(m.from_user_id, ""),
                 teams.get(m.from_team_id) if m.from_team_id else None,
                 teams.get(m.to_team_id) if m.to_team_id else None, m.to_role,
                 names.get(m.to_user_id) if m.to_user_id else None, m.body)
            for m in messages]
