"""Two servers starting at once on one empty database: both come up, the demo exists once.

Migrating and seeding take a lock first (a PostgreSQL advisory lock; on SQLite every
writer takes the write lock), so the second waits and then finds the work done. Real
concurrency: processes released together by a barrier, and ``python -m academy`` twice.
"""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys

import pytest
from sqlalchemy import inspect, text
from sqlmodel import Session, select

from academy.db import make_engine, session_scope, upgrade
from academy.demo import seed_demo
from academy.models import CountryTeam, Membership, User, Workshop

pytestmark = pytest.mark.postgres

STARTS = 4


def _demo_once(url: str) -> None:
    engine = make_engine(url)
    with Session(engine) as s:
        assert len(s.exec(select(User)).all()) == 3
        assert len(s.exec(select(Workshop)).all()) == 1
        assert len(s.exec(select(Membership)).all()) == 2
        assert len(s.exec(select(CountryTeam)).all()) == 1
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar() >= 1
    assert "exercise" in inspect(engine).get_table_names()
    engine.dispose()


def _start_server(url: str, ready, results) -> None:  # type: ignore[no-untyped-def]
    """What a server does on its first run: migrate, then seed the demo (as the CLI does)."""
    engine = make_engine(url)  # each server its own engine, pool and connections
    try:
        ready.wait()
        upgrade(engine)
        with session_scope(engine) as s:
            results.put(("made", seed_demo(s)))
    except BaseException as error:  # noqa: BLE001 - reported to the test
        results.put(("error", repr(error)))
    finally:
        engine.dispose()


def test_servers_starting_at_once_migrate_and_seed_once(db_url):
    context = multiprocessing.get_context("spawn")
    ready, results = context.Barrier(STARTS), context.Queue()
    servers = [context.Process(target=_start_server, args=(db_url, ready, results))
               for _ in range(STARTS)]
    for server in servers:
        server.start()
    got = sorted(results.get(timeout=300) for _ in servers)
    for server in servers:
        server.join()
    assert got == [("made", False)] * (STARTS - 1) + [("made", True)]
    _demo_once(db_url)


def test_two_seed_demo_commands_at_once_both_succeed(db_url):
    env = {**os.environ, "DATABASE_URL": db_url}
    commands = [subprocess.Popen([sys.executable, "-m", "academy", "seed-demo"], env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                for _ in range(2)]
    results = [c.communicate(timeout=300) + (c.returncode,) for c in commands]
    assert [r[2] for r in results] == [0, 0], results
    assert sorted(r[0].strip() for r in results) == [
        "database already has users: demo not created", "demo data created"]
    _demo_once(db_url)
