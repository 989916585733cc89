"""Where records live.

A workshop often runs on an instructor's laptop with thirty trainees on the LAN, so the
default database is an embedded SQLite file under ``./data/`` in WAL mode with a busy
timeout. SQLite has one write lock. A transaction that has read and then wants to write
after another writer committed is refused at once ("database is locked"), however long
the timeout: the Python driver let that happen (its plain ``BEGIN`` before the first
write, and a ``SAVEPOINT`` that opens a *read* transaction), and an instructor's inject to
a class at play failed so. Here the driver's transaction handling is off (SQLAlchemy's
pysqlite recipe) and a transaction begins with ``BEGIN IMMEDIATE`` — the write lock taken
first, waiting its turn — just before its first write of any kind (``_sqlite_write_first``),
or earlier when the work must read under the lock (``hold_write_lock``). Reads before that
run on their own, as WAL allows: page redraws never wait for a writer nor hold one up, and a
read inside another session's block cannot wait on it.

Set ``DATABASE_URL`` to use PostgreSQL instead; the same code and the same Alembic
migrations run on both. Migrating and seeding hold a lock (``setup_lock``): a PostgreSQL
advisory lock, SQLite's write lock, so servers starting together on an empty database
take turns.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import event, text
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session, create_engine

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = f"sqlite:///{ROOT / 'data' / 'academy.db'}"
BUSY_TIMEOUT_MS = 15_000
SETUP_TIMEOUT_MS = 300_000  # migrating and seeding: another server's may take a while


MAX_ROW_ID = 2**31 - 1  # ids are 4-byte integers: PostgreSQL refuses to even compare past it


def is_row_id(value: int) -> bool:
    """Could ``value`` (from a URL, say) be a row's id? Past the range, none has it."""
    return 0 < value <= MAX_ROW_ID


def typed_id(text: object) -> int | None:
    """The number a typed value (``?team=12`` in a URL) spells in ASCII digits, else None;
    whoever reads the row checks its range (``is_row_id``). ``str.isdigit`` alone is not
    enough: it accepts "²", which ``int`` refuses with an exception."""
    value = "" if text is None else str(text)
    return int(value) if value.isascii() and value.isdigit() else None


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
        event.listen(engine, "before_cursor_execute", _sqlite_write_first)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    dbapi_connection.isolation_level = None  # the driver emits no BEGIN: we do
    cursor = dbapi_connection.cursor()
    _wal(cursor)
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _wal(cursor) -> None:  # type: ignore[no-untyped-def]
    """WAL mode, waiting for a writer as any write does. Turning a new file to WAL while
    another connection writes to it is refused at once ("database is locked"): SQLite does
    not consult the busy timeout there. Servers starting together on a new file met that."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "SAVEPOINT", "CREATE", "DROP", "ALTER")
SETUP_LOCK_KEY = 0x4E455354  # "NEST": PostgreSQL advisory lock of migrating and seeding


def _sqlite_write_first(conn, cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
    """Before the first write of a transaction, take the write lock (waiting for it)."""
    if statement.lstrip()[:9].upper().startswith(WRITES):
        _begin_immediate(conn.connection.dbapi_connection, cursor)


def _begin_immediate(dbapi_connection, cursor) -> None:  # type: ignore[no-untyped-def]
    if not dbapi_connection.in_transaction:
        cursor.execute("BEGIN IMMEDIATE")


def hold_write_lock(connection: Connection | Session) -> None:
    """From now until commit, this transaction is the database's only writer (SQLite): what
    it reads next stays true until it writes. PostgreSQL needs row locks instead."""
    if isinstance(connection, Session):
        connection = connection.connection()
    if connection.dialect.name == "sqlite":
        dbapi_connection = connection.connection.dbapi_connection
        _begin_immediate(dbapi_connection, dbapi_connection.cursor())


def setup_lock(connection: Connection | Session) -> None:
    """One migration or demo seeding at a time, across processes, until commit."""
    if isinstance(connection, Session):
        connection = connection.connection()
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SETUP_LOCK_KEY})
    else:  # a server starting waits for another's setup however long a loaded machine takes
        raw = connection.connection.dbapi_connection
        raw.execute(f"PRAGMA busy_timeout={SETUP_TIMEOUT_MS}")
        try:
            hold_write_lock(connection)
        finally:
            raw.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(ROOT / "academy" / "migrations"))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


_alembic_globals = threading.Lock()  # alembic's context and op are module globals


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest migration; existing records are kept."""
    config = alembic_config(engine.url.render_as_string(hide_password=False))
    with _alembic_globals, engine.begin() as connection:
        setup_lock(connection)  # a second server waits, then finds the schema up to date
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
