"""The instructor's control room while a workshop plays.

Thirty trainees on a LAN, a two-day agenda: the instructor watches every exercise's
summary (simulated day, score, actions, notices accepted and refused, last activity),
spots whoever is stuck — nothing happened for a while — and steps in: a message or a
scenario event (an MSEL inject such as a tip-off) for everyone, one team or one trainee,
or a pause while the room talks. The summary columns of ``ExerciseRecord`` are kept up to
date by every action, so the dashboard never replays an exercise; only drilling into one
trainee does, to show their desk exactly as they see it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlmodel import Session, col, select

from academy import exercises
from academy.assignments import modules_of
from academy.errors import AcademyError
from academy.models import ExerciseRecord, User
from academy.roster import check_manage, teams
from academy.scenarios import get_version, parse
from academy.workshops import trainees_of
from engine.actions import MESSAGE_MAX
from engine.records import DecisionRecord, TraineeView

STUCK_AFTER = timedelta(minutes=10)
MAX_INJECT = MESSAGE_MAX  # the engine's own limit of an instructor's message


@dataclass(frozen=True)
class Row:
    """One trainee's exercise as the dashboard shows it (no exercise: only the name)."""

    user_id: int
    name: str
    team: str | None
    exercise_id: int | None = None
    scenario: str = ""
    day: float = 0.0
    duration: float = 0.0
    score: float = 0.0
    actions: int = 0
    accepted: int = 0
    refused: int = 0
    last_activity: datetime | None = None
    paused: bool = False
    finished: bool = False
    stuck: bool = False


def rows(
    session: Session, *, user: User, workshop_id: int, stuck_after: timedelta = STUCK_AFTER,
    now: datetime | None = None, lang: str = "en",
) -> list[Row]:
    """Every trainee of the workshop with their latest exercise, sorted by team and name;
    scenarios named in ``lang`` (in English where the scenario is not written in it)."""
    check_manage(session, user=user, workshop_id=workshop_id)
    now = now or datetime.now(timezone.utc)
    team_of = teams(session, workshop_id=workshop_id)
    latest: dict[int, ExerciseRecord] = {}
    for record in exercises.of_workshop(session, workshop_id=workshop_id, user=user):
        held = latest.get(record.user_id)
        if held is None or record.updated_at > held.updated_at:
            latest[record.user_id] = record
    titles: dict[int, tuple[str, float]] = {}
    out = []
    for trainee, _ in trainees_of(session, workshop_id=workshop_id):
        uid = trainee.id or 0
        record = latest.get(uid)
        if record is None:
            out.append(Row(uid, trainee.display_name, team_of.get(uid)))
            continue
        if record.scenario_version_id not in titles:
            scenario = parse(get_version(session, version_id=record.scenario_version_id).text)
            titles[record.scenario_version_id] = (scenario.title.get(lang) or scenario.title["en"],
                                                   scenario.duration_days)
        title, duration = titles[record.scenario_version_id]
        idle = now - record.updated_at
        out.append(Row(
            uid, trainee.display_name, team_of.get(uid), record.id, title, record.day, duration,
            record.score, record.actions, record.notices_accepted, record.notices_refused,
            record.updated_at, record.paused, record.finished,
            stuck=not record.finished and not record.paused and idle > stuck_after,
        ))
    return sorted(out, key=lambda r: (r.team or "\uffff", r.name.casefold()))


def counts(table: list[Row]) -> dict[str, int]:
    """The room in four numbers that add up: trainees; playing (started, not finished);
    finished; stuck (playing, but idle too long). A trainee whose exercise ended is finished,
    not also playing."""
    started = [r for r in table if r.exercise_id is not None]
    return {"trainees": len(table), "playing": sum(not r.finished for r in started),
            "finished": sum(r.finished for r in started), "stuck": sum(r.stuck for r in started)}


def by_team(table: list[Row]) -> list[dict[str, object]]:
    """The dashboard folded per team: trainees, playing, mean score, actions, stuck."""
    groups: dict[str, list[Row]] = {}
    for row in table:
        groups.setdefault(row.team or "", []).append(row)
    out = []
    for team, members in sorted(groups.items()):
        playing = [r for r in members if r.exercise_id is not None]  # started: their means
        out.append({
            "team": team, "trainees": len(members), "playing": counts(members)["playing"],
            "mean_day": round(sum(r.day for r in playing) / len(playing), 1) if playing else 0.0,
            "mean_score": round(sum(r.score for r in playing) / len(playing), 1) if playing else 0.0,
            "actions": sum(r.actions for r in playing),
            "accepted": sum(r.accepted for r in playing),
            "refused": sum(r.refused for r in playing),
            "stuck": sum(r.stuck for r in playing),
        })
    return out


def targets(table: list[Row], *, scope: str, team: str | None = None,
            exercise_id: int | None = None) -> list[int]:
    """Exercise ids an inject or a pause goes to: ``all``, one ``team`` or one ``trainee``."""
    live = [r for r in table if r.exercise_id is not None and not r.finished]
    if scope == "all":
        return [r.exercise_id for r in live]  # type: ignore[misc]
    if scope == "team":
        return [r.exercise_id for r in live if (r.team or "") == (team or "")]  # type: ignore[misc]
    if scope == "trainee":
        return [r.exercise_id for r in live if r.exercise_id == exercise_id]  # type: ignore[misc]
    raise AcademyError("not_found")


def inject(
    session: Session, *, user: User, workshop_id: int, exercise_ids: list[int],
    message: str = "", event: str | None = None, grade: str = "A1",
) -> tuple[int, int]:
    """Deliver one inject to each exercise; (delivered, refused) — e.g. an unknown event.
    ``grade``: the instructor's Admiralty grade of a free message (an event keeps its own)."""
    check_manage(session, user=user, workshop_id=workshop_id)
    message = message.strip()
    if len(message) > MAX_INJECT:  # refused whole: a cut message would say less than meant
        raise AcademyError("text_too_long", limit=MAX_INJECT)
    if not message and not event:
        raise AcademyError("inject_empty")
    delivered = refused = 0
    for exercise_id in sorted(set(exercise_ids)):  # one order of locks: two senders never deadlock
        _own(session, user=user, workshop_id=workshop_id, exercise_id=exercise_id)
        outcome = exercises.inject(session, exercise_id=exercise_id, instructor=user,
                                   message=message, event=event or None, grade=grade)
        delivered, refused = delivered + outcome.accepted, refused + (not outcome.accepted)
    return delivered, refused


def pause(
    session: Session, *, user: User, workshop_id: int, exercise_ids: list[int], paused: bool
) -> int:
    check_manage(session, user=user, workshop_id=workshop_id)
    for exercise_id in exercise_ids:
        _own(session, user=user, workshop_id=workshop_id, exercise_id=exercise_id)
        exercises.set_paused(session, exercise_id=exercise_id, instructor=user, paused=paused)
    return len(exercise_ids)


def events_of(session: Session, *, user: User, workshop_id: int) -> dict[str, str]:
    """MSEL inject id → its message, for every scenario played in the workshop."""
    check_manage(session, user=user, workshop_id=workshop_id)
    found: dict[str, str] = {}
    versions = {r.scenario_version_id for r in
                exercises.of_workshop(session, workshop_id=workshop_id, user=user)}
    for version_id in sorted(versions):
        scenario = parse(get_version(session, version_id=version_id).text)
        for inj in scenario.msel:
            found.setdefault(inj.id, inj.message["en"])
    return found


@dataclass(frozen=True)
class Drill:
    record: ExerciseRecord
    trainee: str
    view: TraineeView
    decisions: list[DecisionRecord]
    log: list[dict[str, object]]


def drill(session: Session, *, user: User, workshop_id: int, exercise_id: int) -> Drill:
    """One trainee's desk as they see it (the engine's trainee view) and their log."""
    record = _own(session, user=user, workshop_id=workshop_id, exercise_id=exercise_id)
    played = exercises.replay(session, record)
    trainee = session.get(User, record.user_id)
    view = played.live.view()
    return Drill(record, trainee.display_name if trainee else "?", view,
                 list(view.decisions), exercises.log_of(session, exercise_id=exercise_id))


@dataclass(frozen=True)
class Snapshot:
    """The whole dashboard at one moment, read in one session: the room's rows, the scenario
    events an inject may deliver, the assigned modules and who passed them, and the desk of
    the trainee drilled into. Every panel of a refresh reads this one snapshot, so the room,
    the inject panel and the drilled desk never disagree (one is not left at the page's load
    while another moves on)."""

    rows: list[Row]
    events: dict[str, str]
    modules: list[str]
    progress: dict[int, dict[str, str]] | None
    drilled: int | None
    drill: Drill | None

    @property
    def playing(self) -> dict[int, str]:
        """Exercise id → trainee name, of every trainee who started one."""
        return {r.exercise_id: r.name for r in self.rows if r.exercise_id is not None}


def snapshot(
    session: Session, *, user: User, workshop_id: int, stuck_after: timedelta = STUCK_AFTER,
    drill_exercise: int | None = None, now: datetime | None = None, lang: str = "en",
) -> Snapshot:
    """Everything the dashboard shows, now. ``drill_exercise``: the exercise to drill into
    (the first one started when it is None or no longer in the room)."""
    table = rows(session, user=user, workshop_id=workshop_id, stuck_after=stuck_after, now=now,
                 lang=lang)
    playing = [r.exercise_id for r in table if r.exercise_id is not None]
    drilled = drill_exercise if drill_exercise in playing else (playing[0] if playing else None)
    modules = modules_of(session, workshop_id=workshop_id)
    return Snapshot(
        rows=table, events=events_of(session, user=user, workshop_id=workshop_id),
        modules=modules,
        progress=module_progress(session, user=user, workshop_id=workshop_id, module_ids=modules),
        drilled=drilled,
        drill=drill(session, user=user, workshop_id=workshop_id, exercise_id=drilled)
        if drilled is not None else None)


def _own(session: Session, *, user: User, workshop_id: int, exercise_id: int) -> ExerciseRecord:
    """The exercise if it belongs to this workshop and the user manages the workshop."""
    check_manage(session, user=user, workshop_id=workshop_id)
    record = exercises.get(session, exercise_id=exercise_id, user=user)
    if record.workshop_id != workshop_id:
        raise AcademyError("not_found")
    return record


def module_progress(session: Session, *, user: User, workshop_id: int,
                    module_ids: list[str]) -> dict[int, dict[str, str]] | None:
    """Trainee id → module id → ``done``/``started``, if the curriculum feature keeps
    progress (``ModuleProgress``); None when it does not exist in this installation."""
    import academy.models as models

    check_manage(session, user=user, workshop_id=workshop_id)
    table = getattr(models, "ModuleProgress", None)
    if table is None or not module_ids:
        return None
    ids = [u.id for u, _ in trainees_of(session, workshop_id=workshop_id)]
    out: dict[int, dict[str, str]] = {uid or 0: {} for uid in ids}
    for row in session.exec(select(table).where(col(table.user_id).in_(ids),
                                                col(table.module_id).in_(module_ids))).all():
        out[row.user_id][row.module_id] = "done" if row.completed_at else "started"
    return out
