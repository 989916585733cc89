"""The database layer: migrations, WAL, aware datetimes, upgrades that keep records."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from sqlalchemy import inspect, text
from sqlmodel import Session, select

from academy.db import make_engine, session_scope, upgrade
from academy.demo import DEMO_WORKSHOP_CODE, seed_demo
from academy.models import User, Workshop


def test_migrations_create_every_table(engine):
    tables = set(inspect(engine).get_table_names())
    assert {"user", "workshop", "membership", "signinattempt", "alembic_version"} <= tables


def test_upgrade_twice_keeps_every_record(db_url):
    engine = make_engine(db_url)
    upgrade(engine)
    with session_scope(engine) as s:
        assert seed_demo(s) is True
    upgrade(engine)  # e.g. the app restarting with a newer version between two workshop days
    with session_scope(engine) as s:
        assert seed_demo(s) is False  # demo is made only once
        assert len(s.exec(select(User)).all()) == 3
        assert s.exec(select(Workshop)).one().join_code == DEMO_WORKSHOP_CODE
    engine.dispose()


def test_datetimes_come_back_timezone_aware_utc(session):
    seed_demo(session)
    session.commit()
    session.expire_all()
    user = session.exec(select(User)).first()
    assert user.created_at.tzinfo is not None
    assert user.created_at.utcoffset().total_seconds() == 0


def test_naive_datetimes_are_refused(session):
    user = User(username="x1x", display_name="X", secret_hash="h",
                created_at=datetime(2026, 1, 1))  # naive: no timezone
    session.add(user)
    with pytest.raises(Exception, match="naive datetime"):
        session.flush()
    session.rollback()


def test_sqlite_uses_wal_and_a_busy_timeout(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 5000


def test_a_server_opening_a_new_database_while_another_writes_waits_then_uses_wal(tmp_path):
    """The CI trial's "database is locked" on start-up: four servers on one new file. Turning
    a new file to WAL while another connection writes is refused at once by SQLite (its busy
    timeout is not consulted); the server waits for the writer, as for any other write."""
    import sqlite3

    path = tmp_path / "x.db"
    writer = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    writer.execute("CREATE TABLE t (x)")  # a new file, still in its default journal mode
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO t VALUES (1)")
    release = threading.Timer(0.5, lambda: writer.execute("COMMIT"))
    release.start()
    engine = make_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("SELECT count(*) FROM t")).scalar() == 1
    finally:
        release.join()
        writer.close()
        engine.dispose()


def test_a_server_starting_waits_for_another_servers_setup_past_the_busy_timeout(
        tmp_path, monkeypatch):
    """A CI run on a loaded machine: a server starting gave up on "database is locked"
    while another migrated and seeded. Setup waits for setup, not the page's busy timeout."""
    import academy.db

    monkeypatch.setattr(academy.db, "BUSY_TIMEOUT_MS", 100)
    path = tmp_path / "x.db"
    first = make_engine(f"sqlite:///{path}")
    upgrade(first)
    busy = first.connect()
    busy.exec_driver_sql("BEGIN IMMEDIATE")  # another server's setup, under way
    release = threading.Timer(1.0, busy.exec_driver_sql, args=("COMMIT",))
    release.start()
    second = make_engine(f"sqlite:///{path}")
    try:
        upgrade(second)  # waits the second, then finds the schema up to date
        with session_scope(second) as s:
            assert seed_demo(s) is True
    finally:
        release.join()
        busy.close()
        first.dispose()
        second.dispose()


def test_thirty_concurrent_writers_do_not_lock_sqlite(tmp_path):
    """Thirty trainees joining at the same moment on one laptop."""
    from academy.accounts import join_workshop

    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    upgrade(engine)
    with session_scope(engine) as s:
        seed_demo(s)
    errors: list[BaseException] = []

    def join(n: int) -> None:
        try:
            with session_scope(engine) as s:
                join_workshop(s, new=True, code=DEMO_WORKSHOP_CODE, name=f"Trainee {n}", pin="1234")
        except BaseException as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=join, args=(n,)) for n in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with Session(engine) as s:
        assert len(s.exec(select(User)).all()) == 3 + 30


def test_now_is_utc():
    from academy.models import utcnow

    assert utcnow().tzinfo == UTC
