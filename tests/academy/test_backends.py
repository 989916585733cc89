"""What runs on SQLite runs on PostgreSQL: every shipped scenario starts in the demo
workshop, and migrations keep the records a database already has.

SQLite stores any integer in 8 bytes whatever the column says; PostgreSQL's ``integer`` is
4 bytes, so a value that fits on the laptop fails on the server ("integer out of range").
These tests run on both backends (``TEST_DATABASE_URL``, see tests/conftest.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect, text
from sqlmodel import Session, select

from academy import exercises
from academy.db import alembic_config, make_engine, session_scope, upgrade
from academy.demo import DEMO_TRAINEE, DEMO_WORKSHOP_CODE, seed_demo
from academy.models import ExerciseRecord, User, Workshop
from academy.scenarios import sync_shipped

pytestmark = pytest.mark.postgres

SHIPPED = sorted(p.stem for p in Path("scenarios").glob("*.yaml"))


def test_every_shipped_scenario_starts_and_plays_in_the_demo_workshop(engine):
    with session_scope(engine) as s:
        seed_demo(s)
        versions = {v.scenario_id: v.id for v in sync_shipped(s)}
    assert len(versions) == len(SHIPPED)
    for scenario_id, version_id in versions.items():
        with session_scope(engine) as s:
            trainee = s.exec(select(User).where(User.display_name == DEMO_TRAINEE[0])).one()
            workshop = s.exec(select(Workshop).where(Workshop.join_code == DEMO_WORKSHOP_CODE)).one()
            record = exercises.start(s, user=trainee, scenario_version_id=version_id,
                                     workshop_id=workshop.id)
            played = exercises.play(s, exercise_id=record.id, user_id=trainee.id, held=None,
                                    action={"kind": "advance", "days": 1})
            assert played.outcome is not None, scenario_id
        with Session(engine) as s:  # read back from the database, as after a restart
            stored = s.get(ExerciseRecord, record.id)
            assert stored.seed == exercises.cohort_seed(workshop.id, scenario_id)
            assert exercises.replay(s, stored).live.day == 1
    with Session(engine) as s:
        seeds = [r.seed for r in s.exec(select(ExerciseRecord)).all()]
    assert len(seeds) == len(SHIPPED)
    assert max(seeds) > 2**31 - 1  # the case a 4-byte column cannot hold


def test_the_seed_column_holds_every_seed_a_workshop_can_get(engine):
    """cohort_seed takes 32 bits of a hash: up to 2**32 - 1."""
    columns = {c["name"]: c for c in inspect(engine).get_columns("exercise")}
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO scenario_version (scenario_id, version, title, digest, text, source,"
            " created_at) VALUES ('x', 1, 'x', 'd', 'x', 'file', CURRENT_TIMESTAMP)"))
        conn.execute(text(
            "INSERT INTO \"user\" (username, display_name, role, secret_hash, language, is_demo,"
            " created_at) VALUES ('u', 'U', 'trainee', 'h', 'en', false, CURRENT_TIMESTAMP)"))
    with session_scope(engine) as s:
        s.add(ExerciseRecord(user_id=1, scenario_version_id=1, seed=2**32 - 1))
    with Session(engine) as s:
        assert s.exec(select(ExerciseRecord)).one().seed == 2**32 - 1
    assert columns["seed"]["nullable"] is False


PREVIOUS = ("c001", "g001", "w001")  # the heads before the seed column was widened


def test_an_exercise_stored_before_the_seed_fix_survives_the_upgrade(db_url):
    engine = make_engine(db_url)
    config = alembic_config(db_url)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        for head in PREVIOUS:
            command.upgrade(config, head)
    with engine.begin() as conn:  # ids come from the sequences: 1 in a new database
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
            " started_at, updated_at) VALUES (1, 1, 567345177, '{\"x\": 1}', '{}', false,"
            " false, 3.5, 42.0, 2, 1, 0, '2026-11-30 08:00:00+00:00',"
            " '2026-11-30 09:00:00+00:00')"))
        conn.execute(text(
            "INSERT INTO exercise_action (exercise_id, seq, t, actor, action, accepted, code, at)"
            " VALUES (1, 0, 1.0, 'trainee', '{\"kind\": \"advance\", \"days\": 1}', true, '',"
            " '2026-11-30 08:30:00+00:00')"))
    upgrade(engine)
    with Session(engine) as s:
        record = s.get(ExerciseRecord, 1)
        assert record is not None
        assert (record.seed, record.overrides, record.day, record.score, record.actions) == (
            567345177, {"x": 1}, 3.5, 42.0, 2)
        assert exercises.log_of(s, exercise_id=1) == [
            {"t": 1.0, "action": {"kind": "advance", "days": 1}}]
    with session_scope(engine) as s:  # and the widened column takes the large seeds now
        s.add(ExerciseRecord(user_id=1, scenario_version_id=1, seed=4268245310))
    with Session(engine) as s:
        assert sorted(r.seed for r in s.exec(select(ExerciseRecord)).all()) == [
            567345177, 4268245310]
    engine.dispose()


def test_the_migrations_build_exactly_the_tables_the_models_describe(engine):
    """A column type changed in models.py without its migration (or the reverse) shows here,
    on each backend: what SQLite forgives, PostgreSQL refuses."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, SQLModel.metadata) == []


def test_what_people_type_past_a_column_length_is_refused_cleanly_on_each_backend(session):
    """SQLite stores any length in a VARCHAR(n); PostgreSQL refuses with an error page.
    A sign-in name or join code of any length is a wrong one, not a crash."""
    from academy.accounts import join_workshop, sign_in
    from academy.errors import AcademyError

    seed_demo(session)
    session.commit()
    with pytest.raises(AcademyError, match="bad_credentials"):
        sign_in(session, username="x" * 300, password="whatever-it-is")
    session.rollback()
    with pytest.raises(AcademyError, match="bad_join"):
        join_workshop(session, code="Q" * 300, name="Ana Trainee", pin="1234")


def test_a_scenario_with_a_long_title_or_a_large_version_is_stored_or_refused(session):
    """The scenario schema allows a 6,000-character title and any version number; the
    catalogue keeps the title's first 200 characters and refuses a version past 4 bytes."""
    from academy.errors import AcademyError
    from academy.scenarios import parse, store

    shipped = Path("scenarios/wildlife-ivory-corridor.yaml").read_text(encoding="utf-8")
    old_title = '  en: "The Ivory Corridor: Niassa to Hai Phong"\n'
    assert old_title in shipped and "\nversion: 1\n" in shipped
    title = "The Ivory Corridor" + ", and its many routes" * 40
    version = store(session, text=shipped.replace(old_title, f'  en: "{title}"\n', 1))
    session.commit()
    assert parse(version.text).title["en"] == title
    assert version.title == title[:200]
    with pytest.raises(AcademyError, match="scenario_invalid") as caught:
        store(session, text=shipped.replace("\nversion: 1\n", "\nversion: 9999999999\n", 1))
    assert "version" in caught.value.params["problems"]


def test_an_id_past_four_bytes_in_a_url_finds_nothing_on_each_backend(session):
    """``?exercise=`` and ``?team=`` can carry any number; PostgreSQL refuses to compare
    one past its 4-byte ids ("integer out of range") where SQLite just finds no row."""
    from academy.errors import AcademyError
    from academy.teams import require_team

    seed_demo(session)
    session.commit()
    admin = session.exec(select(User).where(User.username == "admin")).one()
    trainee = session.exec(select(User).where(User.role == "trainee")).one()
    for huge in (2**31, 2**40, 10**30):
        with pytest.raises(AcademyError, match="not_found"):
            exercises.get(session, exercise_id=huge, user=admin)
        with pytest.raises(AcademyError, match="not_found"):
            exercises.own(session, exercise_id=huge, user_id=trainee.id)
        with pytest.raises(AcademyError, match="not_found"):
            exercises.play(session, exercise_id=huge, user_id=trainee.id, held=None,
                           action={"kind": "advance", "days": 1})
        with pytest.raises(AcademyError, match="team_forbidden"):
            require_team(session, acting_user_id=admin.id, team_id=huge)
