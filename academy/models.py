"""The tables of the academy.

People (``User``) take part in workshops (``Workshop``) through memberships
(``Membership``): an instructor runs a workshop, trainees join it with its code.
Failed sign-ins are remembered (``SignInAttempt``) so that guessing is slowed down.
Every feature that stores something adds its table here and a migration in
``academy/migrations/versions``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum

from sqlalchemy import DateTime, TypeDecorator, UniqueConstraint
from sqlmodel import Column, Field, SQLModel


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


def _ts(**kw: object) -> Field:  # type: ignore[valid-type]
    return Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False, **kw))


class Role(StrEnum):
    trainee = "trainee"
    instructor = "instructor"
    admin = "admin"


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
    """One submitted knowledge check, with the answers given and what was wrong."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    module_id: str = Field(max_length=80, index=True)
    lang: str = Field(max_length=5)
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
