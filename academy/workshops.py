"""Workshops: a cohort of trainees, their instructors, and the join code on the whiteboard.

A join code is short, typed by hand from a projector, so it avoids letters people confuse
(0/O, 1/I/L).
"""

from __future__ import annotations

import secrets
from datetime import date

from sqlmodel import Session, col, select

from academy.errors import AcademyError
from academy.models import Membership, Role, User, Workshop

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_join_code(session: Session, length: int = 6) -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))
        if not session.exec(select(Workshop).where(Workshop.join_code == code)).first():
            return code


def create_workshop(
    session: Session,
    *,
    title: str,
    instructor: User,
    location: str = "",
    language: str = "en",
    starts_on: date | None = None,
    ends_on: date | None = None,
    join_code: str | None = None,
    is_demo: bool = False,
) -> Workshop:
    """A new workshop run by ``instructor``, with a fresh join code."""
    if instructor.role not in (Role.instructor, Role.admin):
        raise AcademyError("forbidden")
    title = " ".join(title.split())
    if not title or len(title) > 120:
        raise AcademyError("title_invalid")
    if starts_on and ends_on and ends_on < starts_on:
        raise AcademyError("dates_invalid")
    if len(" ".join(location.split())) > 120:  # refused whole, never cut
        raise AcademyError("text_too_long", limit=120)
    workshop = Workshop(
        title=title,
        join_code=join_code or new_join_code(session),
        location=" ".join(location.split()),
        language=language,
        starts_on=starts_on,
        ends_on=ends_on,
        is_demo=is_demo,
        created_by=instructor.id,
    )
    session.add(workshop)
    session.flush()
    session.add(Membership(workshop_id=workshop.id, user_id=instructor.id, role=Role.instructor))
    session.flush()
    return workshop


def workshops_of(session: Session, *, user_id: int) -> list[Workshop]:
    """The workshops a user belongs to, newest first."""
    rows = session.exec(
        select(Workshop)
        .join(Membership, col(Membership.workshop_id) == col(Workshop.id))
        .where(Membership.user_id == user_id)
        .order_by(col(Workshop.created_at).desc())
    ).all()
    return list(rows)


def can_manage(session: Session, *, user: User, workshop_id: int) -> bool:
    """Admins manage every workshop; instructors only those they run."""
    if user.role == Role.admin:
        return True
    if user.role != Role.instructor:
        return False
    membership = session.exec(
        select(Membership).where(
            Membership.workshop_id == workshop_id,
            Membership.user_id == user.id,
            Membership.role == Role.instructor,
        )
    ).first()
    return membership is not None


def trainees_of(session: Session, *, workshop_id: int) -> list[tuple[User, Membership]]:
    rows = session.exec(
        select(User, Membership)
        .join(Membership, col(Membership.user_id) == col(User.id))
        .where(Membership.workshop_id == workshop_id, Membership.role == Role.trainee)
        .order_by(col(User.display_name))
    ).all()
    return [(u, m) for u, m in rows]
