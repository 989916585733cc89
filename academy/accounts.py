"""Who may come in, and as whom.

Instructors and admins sign in with a username and a password. Trainees do not have
accounts made for them in advance: at a workshop they type the workshop's join code,
their name and a personal PIN they choose, and with the same three they come back the
next day, on another machine. Secrets are stored only as argon2 hashes. Repeated failures
on one name lock it for a while, and every failure gets the same message, so a guesser
learns nothing about which part was wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import NoReturn

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session, col, func, select

from academy.errors import AcademyError
from academy.models import Membership, Role, SignInAttempt, User, Workshop
from academy.teams import add_member, team_by_code

LANGUAGES = ("en", "fr", "es", "ar")
MAX_FAILURES = 5
LOCK_WINDOW = timedelta(minutes=15)
USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{2,39}$")
PIN_RE = re.compile(r"^[0-9]{4,8}$")
MIN_PASSWORD = 8
STAFF = (Role.instructor, Role.admin)  # who may use the username/password form

_hasher = PasswordHasher()  # stateless settings object; holds no user data


def hash_secret(secret: str) -> str:
    return _hasher.hash(secret)


def _verify(secret_hash: str, secret: str) -> bool:
    try:
        return _hasher.verify(secret_hash, secret)
    except (VerificationError, InvalidHashError):
        return False


MARKUP = "<>{}"


def clean_name(name: str) -> str:
    """A display name with surrounding and repeated whitespace removed; markup characters
    and control characters are refused (an empty result means "invalid")."""
    name = " ".join(name.split())
    if any(c in MARKUP or not c.isprintable() for c in name):
        return ""
    return name


def name_problem(name: str) -> str | None:
    """Why a display name is refused, as an error code (None when it is fine):
    ``name_markup`` for a name holding < > { or }, ``name_invalid`` for an empty or too
    long one (or one holding control characters)."""
    if any(c in MARKUP for c in name):
        return "name_markup"
    cleaned = clean_name(name)
    if not cleaned or len(cleaned) > 80:
        return "name_invalid"
    return None


def check_name(name: str) -> str:
    """The cleaned display name, or the refusal that says what is wrong with it."""
    problem = name_problem(name)
    if problem:
        raise AcademyError(problem)
    return clean_name(name)


def create_user(
    session: Session,
    *,
    username: str,
    display_name: str,
    role: Role | str,
    password: str,
    language: str = "en",
    is_demo: bool = False,
) -> User:
    """A new staff account (instructor or admin) after checking every field."""
    username = username.strip().lower()
    if not USERNAME_RE.match(username):
        raise AcademyError("username_invalid")
    if len(password) < MIN_PASSWORD:
        raise AcademyError("password_short", min=MIN_PASSWORD)
    if Role(role) == Role.trainee:
        raise AcademyError("role_invalid")
    if session.exec(select(User).where(User.username == username)).first():
        raise AcademyError("username_taken")
    name = check_name(display_name)
    user = User(
        username=username,
        display_name=name,
        role=Role(role),
        secret_hash=hash_secret(password),
        language=language if language in LANGUAGES else "en",
        is_demo=is_demo,
    )
    session.add(user)
    session.flush()
    return user


def _check_lock(session: Session, key: str, now: datetime) -> None:
    last_success = session.exec(
        select(func.max(SignInAttempt.at)).where(
            SignInAttempt.key == key, col(SignInAttempt.succeeded)
        )
    ).one()
    since = max(now - LOCK_WINDOW, last_success or now - LOCK_WINDOW)
    failures = session.exec(
        select(SignInAttempt.at)
        .where(SignInAttempt.key == key, ~col(SignInAttempt.succeeded), SignInAttempt.at > since)
        .order_by(col(SignInAttempt.at))
    ).all()
    if len(failures) >= MAX_FAILURES:
        until = failures[-MAX_FAILURES] + LOCK_WINDOW
        minutes = max(1, int((until - now).total_seconds() // 60) + 1)
        raise AcademyError("locked", minutes=minutes)


def _record(session: Session, key: str, succeeded: bool, now: datetime) -> None:
    session.add(SignInAttempt(key=key, succeeded=succeeded, at=now))
    session.flush()


def sign_in(session: Session, *, username: str, password: str, now: datetime | None = None) -> User:
    """The staff user with these credentials; one message for every kind of failure."""
    now = now or datetime.now(UTC)
    key = f"staff:{username.strip().lower()}"
    _check_lock(session, key, now)
    user = session.exec(select(User).where(User.username == username.strip().lower())).first()
    ok = user is not None and user.role in STAFF and _verify(user.secret_hash, password)
    _record(session, key, ok, now)
    if not ok:
        session.commit()  # the failure must count even though we raise
        raise AcademyError("bad_credentials")
    return user  # type: ignore[return-value]


def join_workshop(
    session: Session, *, code: str, name: str, pin: str, now: datetime | None = None,
    new: bool = False,
) -> User:
    """The trainee ``name`` of the workshop with ``code``, checked by their PIN.

    A name nobody has joined with yet is refused with ``join_new`` (the page asks "New
    here?") unless ``new`` says the person confirmed they are new: a mistyped name must
    not silently become a second trainee. The refusal names only the name that was typed,
    never the names that are there: a join code is shared with the whole room.
    A code that is no workshop's may be a country team's: its member comes in the same way.
    """
    now = now or datetime.now(UTC)
    code = code.strip().upper()
    name = check_name(name)
    if not PIN_RE.match(pin):
        raise AcademyError("pin_invalid")
    key = f"join:{code}:{name.casefold()}"
    _check_lock(session, key, now)
    workshop = session.exec(select(Workshop).where(Workshop.join_code == code)).first()
    if workshop is None:
        return _join_team(session, code=code, name=name, pin=pin, key=key, now=now, new=new)
    username = f"w{workshop.id}:{name.casefold()}"

    def first_join() -> User:
        user = _new_user(session, username=username, name=name, pin=pin, role=Role.trainee,
                         language=workshop.language, is_demo=workshop.is_demo)
        session.add(Membership(workshop_id=workshop.id, user_id=user.id, role=Role.trainee))
        return user

    return _enter(session, key=key, now=now, username=username, pin=pin, first_join=first_join,
                  new=new, name=name, place="workshop")


def _join_team(session: Session, *, code: str, name: str, pin: str, key: str,
               now: datetime, new: bool) -> User:
    """A member of the country team with ``code`` (role ``country``), as for a workshop."""
    team = team_by_code(session, code=code)
    if team is None:
        _refuse(session, key, now)
    username = f"t{team.id}:{name.casefold()}"

    def first_join() -> User:
        user = _new_user(session, username=username, name=name, pin=pin, role=Role.country,
                         language="en", is_demo=team.is_demo)
        add_member(session, team_id=team.id or 0, user_id=user.id or 0)
        return user

    return _enter(session, key=key, now=now, username=username, pin=pin, first_join=first_join,
                  new=new, name=name, place="team")


def _enter(session: Session, *, key: str, now: datetime, username: str, pin: str,
           first_join: Callable[[], User], new: bool, name: str, place: str) -> User:
    """The member called ``username`` if the PIN is theirs; a new member on a confirmed
    first join (``join_new`` until the person says they are new)."""
    user = session.exec(select(User).where(User.username == username)).first()
    if user is None and not new:
        raise AcademyError("join_new", name=name, place=place)
    if user is None:
        user = first_join()
    elif not _verify(user.secret_hash, pin):
        _refuse(session, key, now)
    _record(session, key, True, now)
    session.flush()
    return user


def _new_user(session: Session, *, username: str, name: str, pin: str, role: Role,
              language: str, is_demo: bool) -> User:
    user = User(username=username, display_name=name, role=role, secret_hash=hash_secret(pin),
                language=language, is_demo=is_demo)
    session.add(user)
    session.flush()
    return user


def _refuse(session: Session, key: str, now: datetime) -> NoReturn:
    """Count the failure (committed, since we raise) and give the one join message."""
    _record(session, key, False, now)
    session.commit()
    raise AcademyError("bad_join")


def set_language(session: Session, *, user_id: int, language: str) -> None:
    """Remember the user's UI language for their next visit."""
    if language not in LANGUAGES:
        raise AcademyError("language_invalid")
    user = session.get(User, user_id)
    if user is not None:
        user.language = language
        session.add(user)


def get_user(session: Session, *, user_id: int) -> User | None:
    return session.get(User, user_id)


def list_users(session: Session) -> list[User]:
    return list(session.exec(select(User).order_by(col(User.role), col(User.username))).all())
