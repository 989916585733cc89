"""Each exercise keeps the engine version it was played on: rows stored before the column
existed get 1 on upgrade, new ones the current version (on SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import text
from sqlmodel import Session, select

from academy import exercises
from academy.db import alembic_config, make_engine, session_scope, upgrade
from academy.models import ExerciseRecord, User
from academy.scenarios import sync_shipped
from engine.version import ENGINE_VERSION

pytestmark = pytest.mark.postgres

BEFORE = ("c002", "g001", "db01", "j001", "l001", "s001")  # the heads before v001


def _old_exercise(conn) -> None:  # type: ignore[no-untyped-def]
    conn.execute(text(
        "INSERT INTO \"user\" (username, display_name, role, secret_hash, language,"
        " is_demo, created_at) VALUES ('w1:ana', 'Ana', 'trainee', 'h', 'en', false,"
        " '2026-11-30 08:00:00+00:00')"))
    conn.execute(text(
        "INSERT INTO scenario_version (scenario_id, version, title, digest, text,"
        " source, created_at) VALUES ('wildlife-ivory-corridor', 1, 'Ivory', 'abc',"
        " 'id: x', 'file', '2026-11-30 08:00:00+00:00')"))
    conn.execute(text(
        "INSERT INTO exercise (user_id, scenario_version_id, seed, overrides, hypotheses,"
        " paused, finished, day, score, actions, notices_accepted, notices_refused,"
        " started_at, updated_at) VALUES (1, 1, 567345177, '{}', '{}', false,"
        " false, 3.5, 42.0, 2, 1, 0, '2026-11-30 08:00:00+00:00',"
        " '2026-11-30 09:00:00+00:00')"))


def test_an_exercise_stored_before_gets_version_1_and_a_new_one_the_current(db_url):
    engine = make_engine(db_url)
    config = alembic_config(db_url)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        for head in BEFORE:
            command.upgrade(config, head)
    with engine.begin() as conn:
        _old_exercise(conn)
    upgrade(engine)
    with Session(engine) as s:
        old = s.get(ExerciseRecord, 1)
        assert old is not None and old.engine_version == 1
        assert exercises.older_engine(old) == 1
    with session_scope(engine) as s:
        version = next(v for v in sync_shipped(s) if v.scenario_id == "pollution-ewaste-secondhand")
        ana = s.exec(select(User)).one()
        new = exercises.start(s, user=ana, scenario_version_id=version.id or 0, workshop_id=None)
        new_id = new.id
    with Session(engine) as s:
        new = s.get(ExerciseRecord, new_id)
        assert new is not None and new.engine_version == ENGINE_VERSION == 5
        assert exercises.older_engine(new) is None
    engine.dispose()


def test_the_engine_version_column_is_not_null_with_default_1(engine):
    from sqlalchemy import inspect

    col = {c["name"]: c for c in inspect(engine).get_columns("exercise")}["engine_version"]
    assert col["nullable"] is False
    assert "1" in str(col["default"])
