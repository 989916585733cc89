"""Who may come in, and as whom.

Instructors and admins sign in with a username and a password. Trainees do not have
accounts made for them in advance: at a workshop they type the workshop's join code,
their name and a personal PIN they choose, and with the same three they come back the
next day, on another machine. Secrets are stored only as argon2 hashes
(``academy.passwords``). Each failure makes the same client wait longer before its next
attempt on that name (``academy.throttle``) without slowing anyone else, and every failure
gets the same message, so a guesser learns nothing about which part was wrong.

``client`` is who is asking — the page passes the browser's IP address — so one machine's
failures never slow the real person at another. Signing in commits the caller's session:
the attempt is reserved and committed before the secret is checked.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import NoReturn

from sqlmodel import Session, col, select

from academy import throttle
from academy.errors import AcademyError
from academy.models import Membership, Role, User, Workshop
from academy.passwords import hash_secret, needs_rehash, verify
from academy.teams import add_member, team_by_code

LANGUAGES = ("en", "fr", "es", "ar")
LOCAL = "local"  # the client of a caller that is not a browser (the CLI, the demo seed)
USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{2,39}$")
PIN_RE = re.compile(r"^[0-9]{4,8}$")
MIN_PASSWORD = 8
MAX_PASSWORD = 128  # argon2 reads the whole secret: a megabyte "password" is refused unread
MAX_CODE = 12  # join codes are 6 characters; longer text is no workshop's
STAFF = (Role.instructor, Role.admin, Role.regional)  # who may use the username/password form

# Checked when no account has the name, so that an unknown name costs the same time.
_NOBODY = "$argon2id$v=19$m=19456,t=2,p=1$ih6g0QvnCjbnJNB47YTy3A$kwHNooG5WQrwzRQ25NYax9iUFnLL4i1QPzbxWxucS04"


def _check(user: User | None, secret: str) -> bool:
    """Whether ``secret`` is ``user``'s; an old-settings hash is renewed on success."""
    if user is None:
        verify(_NOBODY, secret)
        return False
    if not verify(user.secret_hash, secret):
        return False
    if needs_rehash(user.secret_hash):
        user.secret_hash = hash_secret(secret)
    return True


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
    if len(password) > MAX_PASSWORD:
        raise AcademyError("password_long", max=MAX_PASSWORD)
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


def sign_in(session: Session, *, username: str, password: str, client: str = LOCAL,
            now: datetime | None = None) -> User:
    """The staff user with these credentials; one message for every kind of failure."""
    now = now or datetime.now(UTC)
    username = username.strip().lower()
    if not USERNAME_RE.match(username):  # no account has this name: nothing to check
        raise AcademyError("bad_credentials")
    account = throttle.staff_account(username)
    throttle.reserve(session, account=account, client=client, now=now)
    user = session.exec(select(User).where(User.username == username)).first()
    staff = user if user is not None and user.role in STAFF else None
    ok = len(password) <= MAX_PASSWORD and _check(staff, password)
    throttle.record(session, account=account, client=client, succeeded=ok, now=now)
    if not ok:
        session.commit()  # the failure must count even though we raise
        raise AcademyError("bad_credentials")
    return staff  # type: ignore[return-value]


def join_workshop(
    session: Session, *, code: str, name: str, pin: str, client: str = LOCAL,
    now: datetime | None = None, new: bool = False,
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
    if not code or len(code) > MAX_CODE:
        raise AcademyError("bad_join")
    key = throttle.join_account(code, name)
    throttle.reserve(session, account=key, client=client, now=now)
    workshop = session.exec(select(Workshop).where(Workshop.join_code == code)).first()
    if workshop is None:
        return _join_team(session, code=code, name=name, pin=pin, key=key, client=client,
                          now=now, new=new)
    username = f"w{workshop.id}:{name.casefold()}"

    def first_join() -> User:
        user = _new_user(session, username=username, name=name, pin=pin, role=Role.trainee,
                         language=workshop.language, is_demo=workshop.is_demo)
        session.add(Membership(workshop_id=workshop.id, user_id=user.id, role=Role.trainee))
        return user

    return _enter(session, key=key, client=client, now=now, username=username, pin=pin,
                  first_join=first_join, new=new, name=name, place="workshop")


def _join_team(session: Session, *, code: str, name: str, pin: str, key: str, client: str,
               now: datetime, new: bool) -> User:
    """A member of the country team with ``code`` (role ``country``), as for a workshop."""
    team = team_by_code(session, code=code)
    if team is None:
        _refuse(session, key, client, now)
    username = f"t{team.id}:{name.casefold()}"

    def first_join() -> User:
        user = _new_user(session, username=username, name=name, pin=pin, role=Role.country,
                         language="en", is_demo=team.is_demo)
        add_member(session, team_id=team.id or 0, user_id=user.id or 0)
        return user

    return _enter(session, key=key, client=client, now=now, username=username, pin=pin,
                  first_join=first_join, new=new, name=name, place="team")


def _enter(session: Session, *, key: str, client: str, now: datetime, username: str, pin: str,
           first_join: Callable[[], User], new: bool, name: str, place: str) -> User:
    """The member called ``username`` if the PIN is theirs; a new member on a confirmed
    first join (``join_new`` until the person says they are new)."""
    user = session.exec(select(User).where(User.username == username)).first()
    if user is None and not new:  # no PIN was checked: the question costs no attempt
        throttle.release(session, account=key, client=client)
        session.commit()
        raise AcademyError("join_new", name=name, place=place)
    if user is None:
        user = first_join()
    elif not _check(user, pin):
        _refuse(session, key, client, now)
    throttle.record(session, account=key, client=client, succeeded=True, now=now)
    return user


def _new_user(session: Session, *, username: str, name: str, pin: str, role: Role,
              language: str, is_demo: bool) -> User:
    user = User(username=username, display_name=name, role=role, secret_hash=hash_secret(pin),
                language=language, is_demo=is_demo)
    session.add(user)
    session.flush()
    return user


def _refuse(session: Session, key: str, client: str, now: datetime) -> NoReturn:
    """Log the failure (committed, since we raise) and give the one join message; the
    throttle counted it already."""
    throttle.record(session, account=key, client=client, succeeded=False, now=now)
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


def _check_admin(session: Session, user_id: int) -> None:
    acting = session.get(User, user_id)
    if acting is None or acting.role != Role.admin:
        raise AcademyError("forbidden")


def list_users(session: Session, *, acting_user_id: int) -> list[User]:
    """Every account (admins only)."""
    _check_admin(session, acting_user_id)
    return list(session.exec(select(User).order_by(col(User.role), col(User.username))).all())


def add_staff(session: Session, *, acting_user_id: int, username: str, display_name: str,
              role: Role | str, password: str) -> User:
    """A new instructor or admin account, made by an admin (``create_user``'s checks)."""
    _check_admin(session, acting_user_id)
    return create_user(session, username=username, display_name=display_name, role=role,
                       password=password)
