"""Shared fixtures: a fresh, migrated database per test.

Persistence tests run against SQLite always, and also against PostgreSQL when
``TEST_DATABASE_URL`` points at a server (``.ci/run`` starts a throwaway one): each test
gets its own new database there, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine
from sqlmodel import Session

from academy.db import make_engine, upgrade

BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])


def _postgres_database() -> Iterator[str]:
    admin_url = os.environ["TEST_DATABASE_URL"]
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin_url.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """A URL of an empty database, on each backend this run can reach."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'academy.db'}"
    else:
        yield from _postgres_database()


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as session:
        yield session
        session.commit()


@pytest.fixture
def app_db(tmp_path, monkeypatch) -> str:  # type: ignore[no-untyped-def]
    """A demo-seeded SQLite database that ``app.py`` (AppTest) will use."""
    from academy.db import session_scope
    from academy.demo import seed_demo

    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    engine = make_engine(url)
    upgrade(engine)
    with session_scope(engine) as s:
        seed_demo(s)
    engine.dispose()
    return url


# --- flaky tests leave their reason in the log ---------------------------------------------
# pytest-rerunfailures lists a test that passed on its second try by name only (-rR); the
# first failure's reason is what the next person needs to fix the flake, so it is printed
# at the end of the run (the tail of the traceback: the assertion and where it happened).
_RERUNS: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.outcome == "rerun" and report.longrepr is not None:
        tail = str(report.longrepr).strip().splitlines()[-25:]
        _RERUNS.append(f"{report.nodeid} ({report.when}):\n" + "\n".join(tail))


def pytest_terminal_summary(terminalreporter) -> None:  # type: ignore[no-untyped-def]
    if _RERUNS:
        terminalreporter.section("why tests were rerun")
        for reason in _RERUNS:
            terminalreporter.write_line(reason)
