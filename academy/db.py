"""Where records live.

A workshop often runs on an instructor's laptop with thirty trainees on the LAN, so the
default database is an embedded SQLite file under ``./data/`` in WAL mode with a busy
timeout. Every transaction there begins with ``BEGIN IMMEDIATE``: it takes the single write
lock before its first read, waiting up to the busy timeout for it. The Python driver's own
habit (a plain ``BEGIN`` just before the first write, a ``SAVEPOINT`` opening a read
transaction) lets a transaction read a snapshot and then try to write after another writer
committed; SQLite refuses that at once ("database is locked"), however long the timeout, as
an instructor's inject to a class at play found out. This is SQLAlchemy's documented recipe
for pysqlite (the driver's transaction handling off, our own BEGIN in the ``begin`` event).
Set ``DATABASE_URL`` to use PostgreSQL instead; the same code and the same Alembic
migrations run on both.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = f"sqlite:///{ROOT / 'data' / 'academy.db'}"
BUSY_TIMEOUT_MS = 15_000


def database_url() -> str:
    """The configured database URL (``DATABASE_URL``), or the embedded SQLite file."""
    return os.environ.get("DATABASE_URL") or DEFAULT_URL


def make_engine(url: str | None = None) -> Engine:
    """An engine for ``url``; SQLite gets WAL, a busy timeout and foreign keys."""
    url = url or database_url()
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
            # one connection per trainee acting at once: a class is about 30, and SQLite
            # connections are cheap file handles (the default 5 + 10 made the others
            # open and close a connection, pragmas included, on every run)
            pool_size=32, max_overflow=16,
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    dbapi_connection.isolation_level = None  # the driver emits no BEGIN: _sqlite_begin does
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin(connection) -> None:  # type: ignore[no-untyped-def]
    """Take the write lock first: a transaction that has read can never be refused its write."""
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(ROOT / "academy" / "migrations"))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest migration; existing records are kept."""
    config = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "heads")  # features may add parallel branches


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session that commits on success and rolls back on any error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except Exception:
            session.rollback()
            raise
