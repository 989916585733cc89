"""The control cell: the instructors who run a joint operation's clock and its script.

Only the workshop's instructors (and admins) sit here; every function checks it on the
server. The control cell owns the one clock — a day at a time, to a chosen day, or "when
every team is ready" (each team raises a flag; the last one moves the clock) — pauses
the teams, sets the phase from the scenario's MSEL and sends injects: into a team's world
(an entry of the operation's log, like every clock move) or, for a role or one person, as
a message from the control cell on the channel (the engine knows countries, not people).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, col, select

from academy import actors, channels, exercises
from academy.errors import AcademyError
from academy.exercises import Played
from academy.joint import get, seated_teams, teams_of
from academy.live import MAX_INJECT
from academy.models import ChannelMessage, JointOperation, OperationMember, OperationTeam, User
from academy.operation_log import fresh, record_of, write
from academy.scenarios import get_version, parse
from academy.workshops import can_manage

WEEK = 7


@dataclass(frozen=True)
class Seated:
    """A team as the control cell lists it: its country, whether it is ready, its members
    (display name, user id, role; role None: every role)."""

    team_id: int
    name: str
    country: str
    ready: bool
    members: list[tuple[str, int, str | None]]


@dataclass
class ControlDesk:
    """What the control cell sees: the whole world beside every team's knowledge."""

    operation: JointOperation
    teams: list[OperationTeam]
    played: Played
    summary: Any  # engine.joint control view
    meetings: list[Any] = field(default_factory=list)  # every case meeting, every table
    plan: list[Any] = field(default_factory=list)  # every team's action-day plan
    action_day: float | None = None
    seated: set[int] = field(default_factory=set)  # teams with someone seated


def require(session: Session, *, user: User, operation_id: int) -> JointOperation:
    """The operation if ``user`` is one of its workshop's instructors (or an admin)."""
    operation = get(session, operation_id)
    if not can_manage(session, user=user, workshop_id=operation.workshop_id):
        raise AcademyError("forbidden")
    return operation


def _control(user: User | None) -> dict[str, Any]:
    return actors.actor(team=None, user=user.id if user else None, role=actors.CONTROL)


def _advance(session: Session, operation: JointOperation, steps: list[int],
             user: User | None) -> float:
    if not steps:
        return record_of(session, operation).day
    played, _outcome, _moved = write(
        session, operation, [{"kind": "advance", "days": d} for d in steps], _control(user))
    for team in teams_of(session, operation.id or 0):  # a new day: every team decides again
        team.ready = False
        session.add(team)
    session.flush()
    return played.live.day


def _still_on(session: Session, operation: JointOperation, from_day: float | None) -> float:
    """The day now, under the operation's lock; "moved meanwhile" when the screen that
    clicked showed another day (another instructor, another tab, or the ready teams moved
    it): a click decided on day 3 never moves a clock already on day 4 again."""
    exercises.lock(session, operation.exercise_id)
    record = record_of(session, operation)
    session.refresh(record)
    if from_day is not None and abs(record.day - from_day) > 1e-9:
        raise AcademyError("joint_clock_moved", day=record.day)
    return record.day


def advance(session: Session, *, user: User, operation_id: int, days: int = 1,
            from_day: float | None = None) -> float:
    """Move the clock ``days`` on (1 or 7); the operation's new day. ``from_day``: the day
    the control cell's screen showed (None: whatever it is now)."""
    operation = require(session, user=user, operation_id=operation_id)
    if days not in (1, WEEK):
        raise AcademyError("joint_day_invalid")
    _still_on(session, operation, from_day)
    return _advance(session, operation, [days], user)


def advance_to(session: Session, *, user: User, operation_id: int, day: int,
               from_day: float | None = None) -> float:
    """Move the clock to the start of ``day`` (later than today, within the scenario)."""
    operation = require(session, user=user, operation_id=operation_id)
    duration = parse(get_version(session, version_id=operation.scenario_version_id).text
                     ).duration_days
    now = _still_on(session, operation, from_day)
    if not now < day <= duration:
        raise AcademyError("joint_day_invalid")
    gap = int(round(day - now))
    return _advance(session, operation, [WEEK] * (gap // WEEK) + [1] * (gap % WEEK), user)


def advance_when_ready(session: Session, *, user: User, operation_id: int, armed: bool) -> bool:
    """Arm (or disarm) "a day on when every team is ready"; True if that moved it at once."""
    operation = require(session, user=user, operation_id=operation_id)
    operation.advance_when_ready = armed
    session.add(operation)
    session.flush()
    return advance_if_all_ready(session, operation)


def advance_if_all_ready(session: Session, operation: JointOperation) -> bool:
    """A day on, by the control cell, when it is armed and every team is ready.

    Under the operation's lock, flags read as stored now: of a last team getting ready and
    the control cell resuming at the same moment, only one moves the clock."""
    exercises.lock(session, operation.exercise_id)
    session.refresh(operation)
    if not operation.advance_when_ready or operation.paused:
        return False
    seated = seated_teams(session, operation.id or 0)
    playing = [t for t in teams_of(session, operation.id or 0) if t.id in seated]
    if not playing or not all(t.ready for t in playing):
        return False
    _advance(session, operation, [1], None)  # the armed control cell, no one clicking
    return True


def set_paused(session: Session, *, user: User, operation_id: int, paused: bool) -> bool:
    """Pause (or resume) the teams: while paused, no team action is taken and the clock
    waits; True when resuming moved it (armed, and every team got ready meanwhile)."""
    operation = require(session, user=user, operation_id=operation_id)
    operation.paused = paused
    session.add(operation)
    session.flush()
    return advance_if_all_ready(session, operation)


def set_phase(session: Session, *, user: User, operation_id: int, phase: str) -> None:
    """Set the operation's phase: the id of an MSEL inject of its scenario ("" for none)."""
    operation = require(session, user=user, operation_id=operation_id)
    scenario = parse(get_version(session, version_id=operation.scenario_version_id).text)
    if phase and phase not in {inj.id for inj in scenario.msel}:
        raise AcademyError("joint_phase_unknown", phase=phase[:64])
    operation.phase = phase
    session.add(operation)


def set_role(session: Session, *, user: User, operation_id: int, trainee_id: int,
             role: str | None) -> None:
    """Give a member a role inside their team (None: every role)."""
    require(session, user=user, operation_id=operation_id)
    if role is not None and role not in actors.ROLES:
        raise AcademyError("joint_role_invalid")
    member = session.exec(select(OperationMember).where(
        OperationMember.operation_id == operation_id,
        OperationMember.user_id == trainee_id)).first()
    if member is None:
        raise AcademyError("not_found")
    member.role = role
    session.add(member)


def inject(
    session: Session, *, user: User, operation_id: int, message: str = "",
    event: str | None = None, grade: str = "A1", team_id: int | None = None,
    role: str | None = None, to_user_id: int | None = None, token: str | None = None,
) -> Any:
    """An inject from the control cell: into the file of one team (``team_id``) or of every
    team (None) — an entry of the log; to a ``role`` or one person of a team — a
    control-cell message on the channel (an MSEL event goes into the world only). Once the
    operation has ended nothing more is sent into it (``joint_operation_ended``).
    ``token``: the page's token for the draft — the same draft sent twice is one inject
    (``channels.claim``)."""
    operation = require(session, user=user, operation_id=operation_id)
    if not message.strip() and not event:
        raise AcademyError("inject_empty")
    exercises.lock(session, operation.exercise_id)  # ended as it is now, not as first read
    record = record_of(session, operation)
    session.refresh(record)
    if record.finished:
        raise AcademyError("joint_operation_ended")
    if role is not None or to_user_id is not None:
        if event:
            raise AcademyError("joint_event_to_team")
        return channels.post(session, user=user, operation_id=operation_id, body=message,
                             to_team_id=team_id, to_role=role, to_user_id=to_user_id,
                             token=token)
    if len(message.strip()) > MAX_INJECT:  # refused whole, never cut
        raise AcademyError("text_too_long", limit=MAX_INJECT)
    action: dict[str, Any] = {"kind": "instructor_inject", "message": message.strip(),
                              "event": event, "grade": grade}
    if team_id is not None:  # the engine files it into that team's country only
        action["team"] = _team(session, operation, team_id).country
    channels.claim(session, operation, user=user, token=token)
    _played, outcome, _moved = write(session, operation, [action], _control(user))
    return outcome


def _team(session: Session, operation: JointOperation, team_id: int) -> OperationTeam:
    team = session.get(OperationTeam, team_id)
    if team is None or team.operation_id != operation.id:
        raise AcademyError("not_found")
    return team


def control_view(session: Session, *, user: User, operation_id: int,
                 held: Played | None = None) -> ControlDesk:
    """The omniscient picture, for the workshop's instructors only."""
    operation = require(session, user=user, operation_id=operation_id)
    played = fresh(session, operation, held)
    live = played.live
    return ControlDesk(operation=operation, teams=teams_of(session, operation_id),
                       seated=seated_teams(session, operation_id),
                       played=played, summary=actors.control_view(live),
                       meetings=actors.meetings(live, None), plan=actors.action_plan(live, None),
                       action_day=actors.action_day(live))


def messages(session: Session, *, user: User, operation_id: int) -> list[ChannelMessage]:
    """Every channel message of the operation (the control cell reads them all)."""
    require(session, user=user, operation_id=operation_id)
    return channels.read(session, user=user, operation_id=operation_id)


def seating(session: Session, *, user: User, operation_id: int) -> list[Seated]:
    """Every team of the operation with its members and roles, for the control cell."""
    require(session, user=user, operation_id=operation_id)
    rows = session.exec(select(OperationMember, User).join(
        User, col(User.id) == col(OperationMember.user_id)).where(
        OperationMember.operation_id == operation_id).order_by(col(OperationMember.id))).all()
    return [Seated(t.id or 0, t.name, t.country, t.ready,
                   [(u.display_name, u.id or 0, m.role) for m, u in rows if m.team_id == t.id])
            for t in teams_of(session, operation_id)]


def _control_action(session: Session, user: User, operation_id: int,
                    action: dict[str, Any]) -> Any:
    """One of the control cell's own actions, stored in the operation's log; its outcome."""
    operation = require(session, user=user, operation_id=operation_id)
    _played, outcome, _moved = write(session, operation, [action], _control(user))
    return outcome


def convene_meeting(session: Session, *, user: User, operation_id: int, meeting: str) -> Any:
    """Open a regional case meeting a team proposed (engine.meetings); its outcome."""
    return _control_action(session, user, operation_id,
                           {"kind": "convene_meeting", "meeting": meeting})


def close_meeting(session: Session, *, user: User, operation_id: int, meeting: str) -> Any:
    """Close the meeting: the shared file and the agreed target list result."""
    return _control_action(session, user, operation_id,
                           {"kind": "close_meeting", "meeting": meeting})


def set_action_day(session: Session, *, user: User, operation_id: int, day: float) -> Any:
    """Set (or move) the operation's coordinated action day (engine.action_day)."""
    return _control_action(session, user, operation_id, {"kind": "set_action_day", "day": day})
