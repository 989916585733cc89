"""Shared helpers for the curriculum tests: the answer key of a module, people to act as."""

from __future__ import annotations

from sqlmodel import Session

from academy.accounts import create_user, join_workshop
from academy.curriculum import Module
from academy.models import User, Workshop
from academy.workshops import create_workshop


def right_answers(module: Module) -> dict[str, list[str]]:
    return {q.id: [o.id for o in q.options if o.correct] for q in module.quiz}


def wrong_answers(module: Module) -> dict[str, list[str]]:
    return {q.id: [next(o.id for o in q.options if not o.correct)] for q in module.quiz}


def cohort(session: Session, code: str = "CUR123") -> tuple[User, Workshop, User, User]:
    """An instructor running a workshop with two trainees."""
    instructor = create_user(session, username=f"teach-{code.lower()}", display_name="Teacher",
                             role="instructor", password="long-password")
    workshop = create_workshop(session, title="Curriculum test", instructor=instructor,
                               join_code=code)
    amina = join_workshop(session, new=True, code=code, name="Amina Diallo", pin="1234")
    carlos = join_workshop(session, new=True, code=code, name="Carlos Ruiz", pin="5678")
    return instructor, workshop, amina, carlos
