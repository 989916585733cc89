"""A joint operation: a workshop plays one transnational case together, each team a country.

The instructor starts it on a scenario and maps each workshop team (``Membership.team``, or
the roster's team for a trainee not yet moved) to one of the scenario's countries. The
operation is ONE exercise: one world, one log, one clock. Every trainee's action is stored
with who took it (their team's country, their id, their role), so the log replays with its
actors (``academy/actors.py`` is the only place that talks to the joint engine).

Who may do what is checked here, on the server, on every read and write: a trainee acts
and reads only as a member of their own team; the control cell (``academy/control_cell.py``)
is the workshop's instructors'. A trainee who is not a member is told "not found", as for
any record they may not see.

Roles inside a team (decided here): a team of one holds every role (role None). Several
members, in the order they joined: with three or more they take analyst, NCB officer,
prosecutor liaison in turn; with two, the first holds every role and the second is the NCB
officer, so no team ever lacks a role. A trainee who joins the team later takes the first
role nobody in it holds by name (a team that had nobody: every role). The instructor can
change any role (``control_cell.set_role``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, col, select

from academy import actors, exercises
from academy.db import is_row_id
from academy.errors import AcademyError
from academy.exercises import Played
from academy.models import (
    ExerciseRecord,
    JointOperation,
    Membership,
    OperationMember,
    OperationTeam,
    User,
)
from academy.operation_log import fresh, record_of, team_acted_since, write
from academy.roster import entries, teams
from academy.scenarios import get_version, parse
from academy.workshops import can_manage

MIN_TEAMS, MAX_TEAMS = 2, 5


@dataclass(frozen=True)
class Seat:
    """A trainee's place in an operation: their team and role (None: every role)."""

    operation: JointOperation
    team: OperationTeam
    role: str | None

    def actor(self, user_id: int) -> dict[str, Any]:
        return actors.actor(team=self.team.country, user=user_id, role=self.role)


@dataclass
class Acted:
    """What a trainee's action did; ``clock_moved``: the control cell advanced the clock
    after the day the trainee decided on (the action was still applied, at the new time)."""

    played: Played
    clock_moved: bool
    day: float


@dataclass
class Desk:
    """One team's desk: only what its own country knows."""

    seat: Seat
    played: Played
    view: Any  # engine TraineeView of the team's country
    requests: list[Any]
    meetings: list[Any] = field(default_factory=list)  # case meetings the team sits in
    plan: list[Any] = field(default_factory=list)  # the team's action-day plan
    action_day: float | None = None  # the operation's action day, once set


def get(session: Session, operation_id: int) -> JointOperation:
    operation = session.get(JointOperation, operation_id) if is_row_id(operation_id) else None
    if operation is None:
        raise AcademyError("not_found")
    return operation


def teams_of(session: Session, operation_id: int) -> list[OperationTeam]:
    return list(session.exec(select(OperationTeam).where(
        OperationTeam.operation_id == operation_id).order_by(col(OperationTeam.id))
        .execution_options(populate_existing=True)).all())  # ready flags as now stored


def seated_teams(session: Session, operation_id: int) -> set[int]:
    """Ids of the operation's teams with at least one trainee seated (a team nobody of came
    to cannot say it is ready)."""
    return set(session.exec(select(OperationMember.team_id).where(
        OperationMember.operation_id == operation_id)).all())


def workshop_teams(session: Session, *, workshop_id: int) -> set[str]:
    """The team names of a workshop: on its trainees' memberships and on its roster."""
    names = {t for t in teams(session, workshop_id=workshop_id).values() if t}
    return names | {e.team for e in entries(session, workshop_id=workshop_id) if e.team}


def start(
    session: Session, *, user: User, workshop_id: int, scenario_version_id: int,
    countries: dict[str, str], roles: dict[int, str | None] | None = None,
    seed: int | None = None,
) -> JointOperation:
    """Start a joint operation: ``countries`` maps each workshop team name to the country it
    plays (2–5 teams, distinct countries of the scenario); ``roles`` sets a trainee's role
    (user id -> role, None: every role) instead of the default rule."""
    if not can_manage(session, user=user, workshop_id=workshop_id):
        raise AcademyError("forbidden")
    version = get_version(session, version_id=scenario_version_id)
    scenario = parse(version.text)
    if not MIN_TEAMS <= len(countries) <= MAX_TEAMS:
        raise AcademyError("joint_team_count", low=MIN_TEAMS, high=MAX_TEAMS)
    known_teams = workshop_teams(session, workshop_id=workshop_id)
    codes = {c.code for c in scenario.countries}
    for name, country in countries.items():
        if name not in known_teams:
            raise AcademyError("joint_team_unknown", team=name)
        if country not in codes:
            raise AcademyError("joint_country_unknown", country=country)
    if len(set(countries.values())) != len(countries):
        raise AcademyError("joint_country_twice")
    for role in (roles or {}).values():
        _check_role(role)
    seating = _seating(session, workshop_id=workshop_id, names=list(countries))
    if set(roles or {}) - {uid for users in seating.values() for uid in users}:
        raise AcademyError("joint_member_unknown")  # a role for someone in none of the teams
    record = ExerciseRecord(  # workshop None: not one of the single-player exercises
        user_id=user.id or 0, workshop_id=None, scenario_version_id=version.id or 0,
        seed=exercises.cohort_seed(workshop_id, version.scenario_id) if seed is None else seed,
        overrides=exercises.overrides_for(session, workshop_id=workshop_id,
                                           scenario_id=version.scenario_id),
    )
    session.add(record)
    session.flush()
    operation = JointOperation(workshop_id=workshop_id, scenario_version_id=version.id or 0,
                               seed=record.seed, exercise_id=record.id or 0,
                               created_by=user.id or 0)
    session.add(operation)
    session.flush()
    for name, country in countries.items():
        session.add(OperationTeam(operation_id=operation.id or 0, country=country, name=name))
    session.flush()
    _enrol_all(session, operation, seating, roles or {})
    control = actors.actor(team=None, user=user.id, role=actors.CONTROL)
    write(session, operation, [actors.team_joins(c) for c in countries.values()], control)
    return operation


def _check_role(role: str | None) -> None:
    if role is not None and role not in actors.ROLES:
        raise AcademyError("joint_role_invalid")


def default_roles(count: int) -> list[str | None]:
    """The roles of a team's members in the order they joined (see the module's story)."""
    if count == 0:
        return []
    if count >= len(actors.ROLES):
        return [actors.ROLES[i % len(actors.ROLES)] for i in range(count)]
    return [None, *actors.ROLES[1:count]]


def _seating(session: Session, *, workshop_id: int, names: list[str]) -> dict[str, list[int]]:
    """Each team's joined trainees in the order they joined the workshop."""
    team_of = teams(session, workshop_id=workshop_id)
    joined = {m.user_id: m.joined_at for m in session.exec(select(Membership).where(
        Membership.workshop_id == workshop_id)).all()}
    return {name: sorted((uid for uid, team in team_of.items() if team == name),
                         key=lambda uid: (joined[uid], uid)) for name in names}


def _enrol_all(session: Session, operation: JointOperation, seating: dict[str, list[int]],
               roles: dict[int, str | None]) -> None:
    for team in teams_of(session, operation.id or 0):
        users = seating[team.name]
        for uid, role in zip(users, default_roles(len(users)), strict=True):
            session.add(OperationMember(operation_id=operation.id or 0, team_id=team.id or 0,
                                        user_id=uid, role=roles.get(uid, role)))
    session.flush()


def my_team(session: Session, *, user: User, operation_id: int) -> Seat:
    """The user's team and role in the operation; "not found" for anyone not in a team.

    A trainee whose workshop team plays in the operation but who joined after it started
    is enrolled here, the first time they open it."""
    operation = get(session, operation_id)
    member = session.exec(select(OperationMember).where(
        OperationMember.operation_id == operation_id, OperationMember.user_id == user.id)).first()
    if member is None:
        member = _enrol_late(session, operation, user)
    team = session.get(OperationTeam, member.team_id)
    assert team is not None  # a member row always points at its operation's team
    return Seat(operation=operation, team=team, role=member.role)


def _enrol_late(session: Session, operation: JointOperation, user: User) -> OperationMember:
    name = teams(session, workshop_id=operation.workshop_id).get(user.id or 0)
    team = next((t for t in teams_of(session, operation.id or 0) if t.name == name), None)
    if team is None:
        raise AcademyError("not_found")  # do not confirm the operation to an outsider
    held = [m.role for m in session.exec(select(OperationMember).where(
        OperationMember.team_id == team.id)).all()]
    role = None if not held else next((r for r in actors.ROLES if r not in held), actors.ROLES[0])
    member = OperationMember(operation_id=operation.id or 0, team_id=team.id or 0,
                             user_id=user.id or 0, role=role)
    session.add(member)
    session.flush()
    return member


def act(
    session: Session, *, user: User, operation_id: int, action: dict[str, Any],
    seen_day: float, held: Played | None = None,
) -> Acted:
    """Carry out a trainee's action for their team and store it at once.

    ``held``: the engine the trainee's desk holds (its ``seen`` is the log length they
    decided on): if a teammate acted since, the action is refused (``team_conflict``) and
    the desk shows the fresh state; other teams' and the control cell's entries are not a
    conflict, the action is played after them. ``seen_day``: the day the desk showed; when
    the clock moved since, the action is still applied, at the new time, and ``clock_moved``
    says so."""
    seat = my_team(session, user=user, operation_id=operation_id)
    kind = action.get("kind") if isinstance(action, dict) else None
    if kind in actors.CONTROL_KINDS:
        raise AcademyError("joint_control_only")
    exercises.lock(session, seat.operation.exercise_id)  # the operation's only writer now
    session.refresh(seat.operation)  # paused as it is now, not as first read
    if seat.operation.paused:
        raise AcademyError("exercise_paused")
    country, exercise_id = seat.team.country, seat.operation.exercise_id
    try:
        played, outcome, moved = write(
            session, seat.operation, [action], seat.actor(user.id or 0), held=held,
            raced=lambda seen: team_acted_since(session, exercise_id, seen, country),
            seen_day=seen_day)
    except AcademyError as error:  # in a team it was a teammate, not "another tab"
        if error.code == "exercise_conflict":
            raise AcademyError("team_conflict") from error
        raise
    played.outcome = outcome
    return Acted(played=played, clock_moved=moved, day=played.live.day)


def team_view(
    session: Session, *, user: User, operation_id: int, country: str | None = None,
    held: Played | None = None,
) -> Desk:
    """The user's own team's desk. ``country`` (e.g. from a URL) must be their team's:
    another team's desk is never shown, whoever asks."""
    seat = my_team(session, user=user, operation_id=operation_id)
    if country is not None and country != seat.team.country:
        raise AcademyError("not_found")
    played = fresh(session, seat.operation, held)
    live, country = played.live, seat.team.country
    return Desk(seat=seat, played=played, view=actors.team_view(live, country),
                requests=actors.requests(live, country),
                meetings=actors.meetings(live, country), plan=actors.action_plan(live, country),
                action_day=actors.action_day(live))


def set_ready(session: Session, *, user: User, operation_id: int, ready: bool = True,
              seen_day: float | None = None) -> bool:
    """Mark the user's team ready for the clock to move; True when that moved it (the
    control cell armed "advance when every team is ready" and this was the last team).

    A flag is for one day: ``seen_day`` is the day the trainee's desk showed when they
    clicked. When the clock has moved since (another team was the last to get ready,
    the control cell advanced), the call is refused (``joint_ready_stale``) and the new
    day's flag is left as it is: a tab drawn before the move — a second tab of the team,
    a toggle re-sending its old value — never marks the team ready for a day it has not
    seen (QA: the clock then moved again without that team). None: whatever day it is."""
    seat = my_team(session, user=user, operation_id=operation_id)
    # under the operation's lock: of teams ready at the same moment, exactly one sees every
    # flag raised and moves the clock (without it each could miss the others' flags)
    exercises.lock(session, seat.operation.exercise_id)
    session.refresh(seat.operation)
    if seen_day is not None:
        record = record_of(session, seat.operation)
        session.refresh(record)
        if abs(record.day - seen_day) > 1e-9:
            raise AcademyError("joint_ready_stale", day=record.day)
    seat.team.ready = ready
    session.add(seat.team)
    session.flush()
    from academy.control_cell import advance_if_all_ready

    return advance_if_all_ready(session, seat.operation)


def of_workshop(session: Session, *, user: User, workshop_id: int) -> list[JointOperation]:
    """The workshop's operations, newest first: for its instructors, or the ones a trainee
    has a seat in."""
    rows = list(session.exec(select(JointOperation).where(
        JointOperation.workshop_id == workshop_id).order_by(col(JointOperation.id).desc())).all())
    if can_manage(session, user=user, workshop_id=workshop_id):
        return rows
    mine = []
    for operation in rows:
        try:
            my_team(session, user=user, operation_id=operation.id or 0)
        except AcademyError:
            continue
        mine.append(operation)
    return mine


def for_trainee(session: Session, *, user: User) -> JointOperation | None:
    """The newest operation of the trainee's workshops in which they have a seat."""
    workshop_ids = session.exec(select(Membership.workshop_id).where(
        Membership.user_id == user.id)).all()
    for operation in session.exec(select(JointOperation).where(
            col(JointOperation.workshop_id).in_(workshop_ids))
            .order_by(col(JointOperation.id).desc())).all():
        try:
            my_team(session, user=user, operation_id=operation.id or 0)
        except AcademyError:
            continue
        return operation
    return None
