"""The tables of the academy.

People (``User``) take part in workshops (``Workshop``) through memberships
(``Membership``): an instructor runs a workshop, trainees join it with its code.
Checked sign-ins are logged (``SignInAttempt``) and failures counted per account and client
(``SignInThrottle``) so that guessing is slowed down.
Every feature that stores something adds its table here and a migration in
``academy/migrations/versions``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum

from sqlalchemy import JSON, BigInteger, DateTime, Integer, Text, TypeDecorator, UniqueConstraint
from sqlmodel import Column, Field, SQLModel

from engine.version import ENGINE_VERSION


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """A timestamp stored as UTC and always read back timezone-aware (SQLite forgets zones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):  # type: ignore[no-untyped-def]
        if value is not None:
            if value.tzinfo is None:
                raise ValueError("naive datetime refused: use datetime.now(timezone.utc)")
            value = value.astimezone(UTC)
        return value

    def process_result_value(self, value, dialect):  # type: ignore[no-untyped-def]
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value


SEED_TYPE = BigInteger().with_variant(Integer(), "sqlite")


def _ts(**kw: object) -> Field:  # type: ignore[valid-type]
    return Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False, **kw))


class Role(StrEnum):
    trainee = "trainee"
    instructor = "instructor"
    admin = "admin"
    country = "country"  # member of a country team (NEST guide and readiness assessment)
    regional = "regional"  # a regional coordinator: compares the countries that opted in


class User(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(index=True, unique=True, max_length=120)
    display_name: str = Field(max_length=80)
    role: str = Field(default=Role.trainee, max_length=20)
    secret_hash: str = Field(max_length=255)  # argon2 hash of the password (staff) or PIN (trainee)
    language: str = Field(default="en", max_length=5)
    is_demo: bool = False
    created_at: datetime = _ts()


class Workshop(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=120)
    join_code: str = Field(index=True, unique=True, max_length=12)
    location: str = Field(default="", max_length=120)
    language: str = Field(default="en", max_length=5)
    starts_on: date | None = None
    ends_on: date | None = None
    catalogue_open: bool = True
    is_demo: bool = False
    # the country team this workshop trains (made from its training plan): its AAR/IP items
    # reach that team's readiness indicators
    country_team_id: int | None = Field(default=None, foreign_key="countryteam.id", index=True)
    created_by: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = _ts()


class Membership(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("workshop_id", "user_id"),)
    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(foreign_key="workshop.id", index=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    role: str = Field(default=Role.trainee, max_length=20)
    team: str | None = Field(default=None, max_length=60)
    joined_at: datetime = _ts()


class SignInAttempt(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(index=True, max_length=200)
    succeeded: bool = False
    at: datetime = _ts(index=True)


class SignInThrottle(SQLModel, table=True):
    """Failures in a row of one client on one account, and until when it must wait
    (academy/throttle.py). The row is also the lock that serialises parallel attempts."""

    __tablename__ = "sign_in_throttle"
    account: str = Field(primary_key=True, max_length=300)  # join:CODE:name or staff:username
    client: str = Field(primary_key=True, max_length=64)  # the client's IP address
    failures: int = 0
    blocked_until: datetime = _ts(index=True)


# --- Curriculum: module progress, knowledge-check attempts, path certificates -------------


class ModuleProgress(SQLModel, table=True):
    """One trainee's way through one module: where they stopped, how long, how well."""

    __table_args__ = (UniqueConstraint("user_id", "module_id"),)
    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    module_id: str = Field(max_length=80, index=True)
    started_at: datetime = _ts()
    last_seen_at: datetime = _ts()
    completed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime()))
    best_score: int = 0  # percent, 0-100
    attempts: int = 0
    seconds_spent: int = 0
    last_section: str = Field(default="0", max_length=20)  # section index, or "quiz"


class QuizAttempt(SQLModel, table=True):
    """One submitted knowledge check: the questions drawn, the answers given, what was wrong."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    module_id: str = Field(max_length=80, index=True)
    lang: str = Field(max_length=5)
    questions: str = "[]"  # JSON: [question ids asked, in order]; "[]" for attempts before draws
    answers: str  # JSON: {question id: [option ids]}
    wrong: str  # JSON: [question ids answered wrongly]
    score: int  # percent, 0-100
    passed: bool = False
    submitted_at: datetime = _ts()


class Certificate(SQLModel, table=True):
    """Proof that a trainee completed every module of a learning path."""

    __table_args__ = (UniqueConstraint("user_id", "path_id"),)
    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    path_id: str = Field(max_length=80)
    path_title: str = Field(max_length=200)  # English title when issued (the path may change)
    holder_name: str = Field(max_length=80)  # the name when issued
    code: str = Field(index=True, unique=True, max_length=16)
    issued_at: datetime = _ts()


# --- Scenarios and exercises -----------------------------------------------------------


class ScenarioVersion(SQLModel, table=True):
    """One exact text of a scenario. Exercises point at the version they were played on,
    so an instructor's later edit never changes a finished or running exercise."""

    __tablename__ = "scenario_version"
    id: int | None = Field(default=None, primary_key=True)
    scenario_id: str = Field(index=True, max_length=64)
    version: int = 1
    title: str = Field(max_length=200)
    digest: str = Field(unique=True, max_length=64)  # sha256 of the text
    text: str = Field(sa_column=Column(Text, nullable=False))
    source: str = Field(default="file", max_length=10)  # file | studio
    created_by: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = _ts()


class ExerciseRecord(SQLModel, table=True):
    """A trainee's exercise: scenario version, seed and overrides; its actions are rows
    of ``ExerciseAction``. Summary columns feed the instructor's live dashboard."""

    __tablename__ = "exercise"
    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    workshop_id: int | None = Field(default=None, foreign_key="workshop.id", index=True)
    scenario_version_id: int = Field(foreign_key="scenario_version.id")
    # 8 bytes: ``cohort_seed`` reaches 2**32 - 1, past PostgreSQL's 4-byte integer (SQLite
    # keeps every integer in 8 bytes whatever the declared type, hence its variant)
    seed: int = Field(sa_column=Column(SEED_TYPE, nullable=False))
    overrides: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    hypotheses: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    paused: bool = False
    finished: bool = False
    day: float = 0.0
    score: float = 0.0
    actions: int = 0
    notices_accepted: int = 0
    notices_refused: int = 0
    # the engine's rules it was played under (engine.version); rows from before the column
    # was added were played on version 1, new ones on the current version
    engine_version: int = Field(
        default=ENGINE_VERSION, sa_column_kwargs={"server_default": "1"}, nullable=False
    )
    started_at: datetime = _ts()
    updated_at: datetime = _ts()


class ExerciseAction(SQLModel, table=True):
    """One entry of an exercise's log, stored the moment it happens. ``seq`` is unique per
    exercise: two tabs racing for the same slot cannot both write (the second is told)."""

    __tablename__ = "exercise_action"
    __table_args__ = (UniqueConstraint("exercise_id", "seq"),)
    id: int | None = Field(default=None, primary_key=True)
    exercise_id: int = Field(foreign_key="exercise.id", index=True)
    seq: int
    t: float
    actor: str = Field(default="trainee", max_length=20)  # trainee | instructor
    action: dict = Field(sa_column=Column(JSON, nullable=False))
    # who acted in a joint operation ({"team", "user", "role"}, engine.joint.Actor): the
    # log replays with its actors; None in single-player exercises (their logs stay as they were)
    by: dict | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    accepted: bool = True
    code: str = Field(default="", max_length=80)
    at: datetime = _ts()


# --- Joint operation (issue 12): a workshop plays one exercise, each team a country -----


class JointOperation(SQLModel, table=True):
    """A workshop's joint operation: ONE exercise (``exercise_id``, whose log holds every
    team's and the control cell's actions) played by several teams on one clock."""

    __tablename__ = "joint_operation"
    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(foreign_key="workshop.id", index=True)
    scenario_version_id: int = Field(foreign_key="scenario_version.id")
    seed: int = Field(sa_column=Column(SEED_TYPE, nullable=False))
    exercise_id: int = Field(foreign_key="exercise.id", unique=True)
    phase: str = Field(default="", max_length=64)  # an MSEL inject id the control cell set
    paused: bool = False
    # the control cell armed "advance a day when every team is ready"
    advance_when_ready: bool = False
    created_by: int = Field(foreign_key="user.id")
    created_at: datetime = _ts()


class OperationTeam(SQLModel, table=True):
    """A workshop team (``Membership.team``) playing one country of the operation."""

    __tablename__ = "operation_team"
    __table_args__ = (UniqueConstraint("operation_id", "country"),
                      UniqueConstraint("operation_id", "name"))
    id: int | None = Field(default=None, primary_key=True)
    operation_id: int = Field(foreign_key="joint_operation.id", index=True)
    country: str = Field(max_length=2)  # ISO 3166-1 alpha-2, one of the scenario's countries
    name: str = Field(max_length=60)
    ready: bool = False  # the team is ready for the clock to move (reset by every advance)
    # a digest of what the team's desk shows (engine ``Exercise.news``), rewritten when an
    # action changes it: the desks' one-second pulse reads it, so another team's click that
    # changes nothing here redraws no desk here (``academy.pulse``)
    news: str = Field(default="", max_length=40, sa_column_kwargs={"server_default": ""})


class OperationMember(SQLModel, table=True):
    """A trainee of a team; ``role`` None holds every role (a team of one)."""

    __tablename__ = "operation_member"
    __table_args__ = (UniqueConstraint("operation_id", "user_id"),)
    id: int | None = Field(default=None, primary_key=True)
    operation_id: int = Field(foreign_key="joint_operation.id", index=True)
    team_id: int = Field(foreign_key="operation_team.id", index=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    role: str | None = Field(default=None, max_length=24)  # analyst | ncb | prosecutor_liaison


class ChannelMessage(SQLModel, table=True):
    """A message between teams, or between a team and the control cell (team None). The
    control cell reads every one; a trainee only those to or from their team (and, when
    addressed to a role or a person, only that role or person)."""

    __tablename__ = "channel_message"
    id: int | None = Field(default=None, primary_key=True)
    operation_id: int = Field(foreign_key="joint_operation.id", index=True)
    from_user_id: int = Field(foreign_key="user.id")
    from_team_id: int | None = Field(default=None, foreign_key="operation_team.id")
    to_team_id: int | None = Field(default=None, foreign_key="operation_team.id")
    to_role: str | None = Field(default=None, max_length=24)
    to_user_id: int | None = Field(default=None, foreign_key="user.id")
    body: str = Field(max_length=2000)  # stored as typed: escape when shown
    day: float = 0.0  # the simulated day it was sent on
    created_at: datetime = _ts(index=True)


class SentDraft(SQLModel, table=True):
    """A draft a page sent into an operation (a channel message or an inject), by the token
    the page made for it: the same draft sent twice — the second click of a double click,
    which reaches the server with the text still in the box — is stored once."""

    __tablename__ = "sent_draft"
    __table_args__ = (UniqueConstraint("operation_id", "token"),)
    id: int | None = Field(default=None, primary_key=True)
    operation_id: int = Field(foreign_key="joint_operation.id")
    token: str = Field(max_length=64)
    user_id: int = Field(foreign_key="user.id")
    created_at: datetime = _ts()


# --- Instructor workspace --------------------------------------------------------------


class RosterEntry(SQLModel, table=True):
    """A name on the instructor's roster (imported from CSV), with the team it plays in.
    Trainees still join with the code, their name and a PIN they choose; a joined trainee
    whose name matches an entry plays in that entry's team."""

    __tablename__ = "roster_entry"
    __table_args__ = (UniqueConstraint("workshop_id", "name_key"),)
    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(foreign_key="workshop.id", index=True)
    name: str = Field(max_length=80)
    name_key: str = Field(max_length=80)  # casefolded name, for matching
    team: str | None = Field(default=None, max_length=60)
    created_at: datetime = _ts()


class WorkshopModule(SQLModel, table=True):
    """A curriculum module assigned to a workshop's trainees."""

    __tablename__ = "workshop_module"
    __table_args__ = (UniqueConstraint("workshop_id", "module_id"),)
    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(foreign_key="workshop.id", index=True)
    module_id: str = Field(max_length=80)
    position: int = 0


class WorkshopScenario(SQLModel, table=True):
    """A scenario assigned to a workshop, with the instructor's difficulty overrides."""

    __tablename__ = "workshop_scenario"
    __table_args__ = (UniqueConstraint("workshop_id", "scenario_id"),)
    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(foreign_key="workshop.id", index=True)
    scenario_id: str = Field(max_length=64)
    overrides: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = _ts()


class FacilitatorNote(SQLModel, table=True):
    """A facilitator's note from the hot-wash: a plain note, a strength, an area for
    improvement or an action of the improvement plan."""

    __tablename__ = "facilitator_note"
    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(foreign_key="workshop.id", index=True)
    author_id: int = Field(foreign_key="user.id")
    kind: str = Field(default="note", max_length=12)  # note | strength | improvement | action
    text: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = _ts()
    # the improvement plan: the readiness indicator an item bears on, and for a corrective
    # action who does it by when, tracked by the country team to closure
    indicator_id: str = Field(default="", max_length=80)
    owner: str = Field(default="", max_length=120)
    due_on: date | None = None
    status: str = Field(default="open", max_length=12)  # open | in_progress | done
    status_by: int | None = Field(default=None, foreign_key="user.id")
    status_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))


class CalibrationRun(SQLModel, table=True):
    """Bots playing one scenario version many times in the background; the page polls
    ``done``/``total`` for its progress bar and reads ``scores`` per policy at the end."""

    __tablename__ = "calibration_run"
    id: int | None = Field(default=None, primary_key=True)
    scenario_version_id: int = Field(foreign_key="scenario_version.id", index=True)
    runs: int
    policies: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    overrides: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    status: str = Field(default="queued", max_length=12)  # queued | running | done | failed
    done: int = 0
    total: int = 0
    scores: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    # the job: which worker plays it and until when its claim holds (renewed after each
    # batch; a lapsed claim is a dead worker's, taken over by another), the batches played
    batches: list = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    worker: str = Field(default="", max_length=64)
    lease_until: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(),
                                                                          nullable=True))
    claims: int = 0
    error: str = Field(default="", max_length=500)
    created_by: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = _ts()
    updated_at: datetime = _ts()


# --- NEST guide and readiness self-assessment (country teams) --------------------------
# A country team (``CountryTeam``) signs in with its own join code; its members
# (``TeamMember``) tick the setup guide's checklist (``ChecklistTick``), map their agencies
# (``TeamAgency``) and score assessment rounds (``ReadinessAssessment``): each assessor
# fills a sheet (``AssessorSheet`` of ``AssessorScore``), the team agrees a final score per
# indicator (``AgreedScore``). Everything is readable only by the team and admins.


class CountryTeam(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    country: str = Field(max_length=2, index=True)  # ISO 3166-1 alpha-2
    name: str = Field(max_length=120)
    join_code: str = Field(index=True, unique=True, max_length=12)
    is_demo: bool = False
    regional_opt_in: bool = False  # shown to regional coordinators beside other countries
    created_by: int | None = Field(default=None, foreign_key="user.id")
    created_at: datetime = _ts()


class TeamMember(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("team_id", "user_id"),)
    id: int | None = Field(default=None, primary_key=True)
    team_id: int = Field(foreign_key="countryteam.id", index=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    agency: str = Field(default="", max_length=40)  # an agency type id from agencies.yaml
    joined_at: datetime = _ts()


class ChecklistTick(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("team_id", "item_id"),)
    id: int | None = Field(default=None, primary_key=True)
    team_id: int = Field(foreign_key="countryteam.id", index=True)
    item_id: str = Field(max_length=80)
    done: bool = True
    by_user_id: int = Field(foreign_key="user.id")
    at: datetime = _ts()


class TeamAgency(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    team_id: int = Field(foreign_key="countryteam.id", index=True)
    agency_type: str = Field(max_length=40)
    name: str = Field(max_length=120)
    crime_areas: str = Field(default="", max_length=300)  # comma-separated ids
    functions: str = Field(default="", max_length=300)  # comma-separated ids
    created_at: datetime = _ts()


class ReadinessAssessment(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    team_id: int = Field(foreign_key="countryteam.id", index=True)
    title: str = Field(max_length=120)
    framework_version: str = Field(default="", max_length=20)
    created_by: int = Field(foreign_key="user.id")
    created_at: datetime = _ts()


class AssessorSheet(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("assessment_id", "user_id"),)
    id: int | None = Field(default=None, primary_key=True)
    assessment_id: int = Field(foreign_key="readinessassessment.id", index=True)
    user_id: int = Field(foreign_key="user.id")
    agency: str = Field(default="", max_length=40)
    status: str = Field(default="draft", max_length=12)  # draft, submitted, incomplete
    submitted_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))


class AssessorScore(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("sheet_id", "indicator_id"),)
    id: int | None = Field(default=None, primary_key=True)
    sheet_id: int = Field(foreign_key="assessorsheet.id", index=True)
    indicator_id: str = Field(max_length=80)
    level: int | None = None
    evidence: str = Field(default="", max_length=2000)
    at: datetime = _ts()


class TrainingRequest(SQLModel, table=True):
    """A country team asks for the training its weakest indicators call for; an instructor
    turns it into a workshop for that country's trainees."""

    __tablename__ = "training_request"
    id: int | None = Field(default=None, primary_key=True)
    team_id: int = Field(foreign_key="countryteam.id", index=True)
    assessment_id: int = Field(foreign_key="readinessassessment.id")
    plan: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    requested_by: int = Field(foreign_key="user.id")
    requested_at: datetime = _ts()
    workshop_id: int | None = Field(default=None, foreign_key="workshop.id")


class AgreedScore(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("assessment_id", "indicator_id"),)
    id: int | None = Field(default=None, primary_key=True)
    assessment_id: int = Field(foreign_key="readinessassessment.id", index=True)
    indicator_id: str = Field(max_length=80)
    level: int
    note: str = Field(default="", max_length=2000)
    by_user_id: int = Field(foreign_key="user.id")
    at: datetime = _ts()
