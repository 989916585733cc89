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

from academy import actors, exercises
from academy.errors import AcademyError
from academy.joint import get, my_team
from academy.models import (
    ChannelMessage,
    JointOperation,
    OperationMember,
    OperationTeam,
    SentDraft,
    User,
)
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
    token: str | None = None,
) -> ChannelMessage:
    """Send ``body`` to a team (``to_team_id``) or, from a team, to the control cell (None).

    A trainee always writes as their own team; ``to_role``/``to_user_id`` are the control
    cell's (a person's team is theirs), and a message they address to nobody — a person
    outside the team chosen, a person and a role they do not hold, a role nobody in the
    team holds — is refused with the reason. ``token``: the page's token for the draft
    (see ``claim``)."""
    operation = get(session, operation_id)
    if not body.strip():
        raise AcademyError("message_empty")
    if len(body) > MAX_BODY:
        raise AcademyError("message_too_long", limit=MAX_BODY)
    control = can_manage(session, user=user, workshop_id=operation.workshop_id)
    from_team_id: int | None = None
    if control:
        if to_role is not None and to_role not in actors.ROLES:
            raise AcademyError("joint_role_invalid")
        if to_user_id is not None:
            member = session.exec(select(OperationMember).where(
                OperationMember.operation_id == operation_id,
                OperationMember.user_id == to_user_id)).first()
            if member is None:
                raise AcademyError("not_found")
            if to_team_id is not None and member.team_id != to_team_id:
                raise AcademyError("joint_inject_not_in_team", person=_name(session, to_user_id),
                                   team=_team_name(session, operation_id, to_team_id))
            if to_role is not None and member.role not in (None, to_role):
                raise AcademyError("joint_inject_role_mismatch",
                                   person=_name(session, to_user_id))
            to_team_id = member.team_id
        if to_team_id is None:
            raise AcademyError("joint_team_required")
        if to_role is not None and to_user_id is None and not session.exec(
                select(OperationMember.id).where(
                    OperationMember.team_id == to_team_id,
                    or_(col(OperationMember.role).is_(None),
                        OperationMember.role == to_role))).first():
            raise AcademyError("joint_inject_role_empty",
                               team=_team_name(session, operation_id, to_team_id))
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
    claim(session, operation, user=user, token=token)
    message = ChannelMessage(
        operation_id=operation_id, from_user_id=user.id or 0, from_team_id=from_team_id,
        to_team_id=to_team_id, to_role=to_role, to_user_id=to_user_id, body=body,
        day=record_of(session, operation).day)
    session.add(message)
    session.flush()
    return message


def claim(session: Session, operation: JointOperation, *, user: User, token: str | None) -> None:
    """Store that the page's draft ``token`` was sent into ``operation``; refuse it when it
    already was (``joint_sent_twice``): a double click on a Send button reaches the server
    twice, the second time with the text still in the box, and is told, not stored again.
    Under the operation's lock, so two clicks at the same moment are one. A refusal
    afterwards rolls the claim back with the rest: the corrected draft sends with it."""
    if not token:
        return
    exercises.lock(session, operation.exercise_id)
    if session.exec(select(SentDraft.id).where(SentDraft.operation_id == operation.id,
                                               SentDraft.token == token[:64])).first():
        raise AcademyError("joint_sent_twice")
    session.add(SentDraft(operation_id=operation.id or 0, token=token[:64], user_id=user.id or 0))
    session.flush()


def _name(session: Session, user_id: int) -> str:
    found = session.get(User, user_id)
    return found.display_name if found is not None else ""


def _team_name(session: Session, operation_id: int, team_id: int) -> str:
    team = session.get(OperationTeam, team_id)
    if team is None or team.operation_id != operation_id:
        raise AcademyError("not_found")
    return team.name


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
