"""Slowing down a guesser without locking the real person out.

A trainee's PIN is four to eight digits: a guesser must be slowed down. The old rule —
five wrong PINs lock the name for fifteen minutes — handed the guesser a way to lock any
trainee out of their workshop, and it was checked *after* the PIN: thirty attempts sent
at once all saw "no failures yet" and all reached argon2.

Now failures are counted per (account, client): the same name from another machine —
the real trainee at their own desk — is not slowed by a guesser's failures. After ``n``
failures from one client that client waits ``2**n`` seconds before its next attempt
on that name (capped at ``MAX_DELAY``). The count is reserved *before* the secret is
checked, in its own committed transaction that takes the (account, client) row's lock
(SQLite: the database's write lock; PostgreSQL: the row lock of ``SELECT ... FOR UPDATE``),
so parallel attempts see each other: of thirty sent at once, one is checked and the
others are told to wait. A success clears the client's count; an instructor or admin can
clear a trainee's counts from every client (``roster.unlock_trainee``). A count whose wait
ended more than ``FORGET_AFTER`` ago is forgotten, so the table does not grow with every
name a guesser ever tried.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, delete, select

from academy.errors import AcademyError
from academy.models import SignInAttempt, SignInThrottle

MAX_DELAY = timedelta(minutes=15)
FORGET_AFTER = timedelta(days=1)
CLIENT_MAX = 64  # an IPv6 address is at most 45 characters


def delay(failures: int) -> timedelta:
    """How long a client waits after ``failures`` failures in a row: 2, 4, 8 … seconds."""
    if failures <= 0:
        return timedelta(0)
    return min(timedelta(seconds=2 ** min(failures, 20)), MAX_DELAY)


def join_account(code: str, name: str) -> str:
    return f"join:{code.strip().upper()}:{name.casefold()}"


def staff_account(username: str) -> str:
    return f"staff:{username.strip().lower()}"


def reserve(session: Session, *, account: str, client: str, now: datetime) -> None:
    """Count this attempt as failed before the secret is checked (a success undoes it), or
    refuse with ``sign_in_wait`` while this client must wait. Commits the session: the
    reservation must be visible to parallel attempts before the slow check starts."""
    client = client[:CLIENT_MAX]
    session.commit()  # end the caller's transaction
    # Forget old counts in a transaction of its own: deleting other rows while holding
    # this one's lock could deadlock with a parallel attempt on PostgreSQL.
    session.exec(delete(SignInThrottle).where(  # type: ignore[call-overload]
        col(SignInThrottle.blocked_until) < now - FORGET_AFTER))
    session.commit()
    # A fresh transaction whose first statement takes the row's (SQLite: the database's)
    # write lock, held until the reservation is committed.
    values = {"account": account, "client": client, "failures": 0, "blocked_until": now}
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.execute(insert(SignInThrottle).values(**values).on_conflict_do_nothing())
    row = session.exec(select(SignInThrottle).where(
        SignInThrottle.account == account, SignInThrottle.client == client
    ).with_for_update().execution_options(populate_existing=True)).one()
    if row.blocked_until > now:
        wait = math.ceil((row.blocked_until - now).total_seconds())
        session.commit()
        # a trainee is told their instructor can let them in; staff are not
        code = "sign_in_wait_staff" if account.startswith("staff:") else "sign_in_wait"
        raise AcademyError(code, seconds=wait)
    row.failures += 1
    row.blocked_until = now + delay(row.failures)
    session.add(row)
    session.commit()


def record(session: Session, *, account: str, client: str, succeeded: bool,
           now: datetime) -> None:
    """Log a checked attempt; a success clears this client's count for the account."""
    session.add(SignInAttempt(key=f"{account}@{client[:CLIENT_MAX]}", succeeded=succeeded, at=now))
    if succeeded:
        release(session, account=account, client=client)
    session.flush()


def release(session: Session, *, account: str, client: str) -> None:
    """Undo this client's count for the account: the attempt checked no secret (a name
    nobody joined with yet: the page asks "New here?"), or it succeeded."""
    session.exec(delete(SignInThrottle).where(  # type: ignore[call-overload]
        col(SignInThrottle.account) == account, col(SignInThrottle.client) == client[:CLIENT_MAX]))


def waiting(session: Session, *, account: str, now: datetime) -> bool:
    """Whether some client must wait before trying ``account`` again."""
    return session.exec(select(SignInThrottle.account).where(
        SignInThrottle.account == account, SignInThrottle.blocked_until > now,
        SignInThrottle.failures > 0)).first() is not None


def clear(session: Session, *, account: str) -> int:
    """Forget every client's failures on ``account``; how many clients were waiting."""
    result = session.exec(delete(SignInThrottle).where(  # type: ignore[call-overload]
        col(SignInThrottle.account) == account))
    session.flush()
    return int(result.rowcount or 0)
