"""Inputs are bounded on the server and admin-only functions check the caller's role
(not only the page that calls them)."""

from __future__ import annotations

import pytest
from sqlmodel import func, select

from academy import passwords
from academy.accounts import (
    MAX_PASSWORD,
    add_staff,
    create_user,
    join_workshop,
    list_users,
    sign_in,
)
from academy.errors import AcademyError
from academy.models import SignInThrottle
from academy.workshops import create_workshop


@pytest.fixture
def people(session):
    admin = create_user(session, username="boss", display_name="Boss", role="admin",
                        password="long-enough")
    ines = create_user(session, username="ines", display_name="Inès", role="instructor",
                       password="correct-horse")
    ws = create_workshop(session, title="Dakar", instructor=ines)
    amina = join_workshop(session, code=ws.join_code, name="Amina", pin="4821", new=True)
    return {"admin": admin, "ines": ines, "amina": amina, "ws": ws}


def test_only_an_admin_lists_accounts_and_adds_staff(session, people):
    for who in ("ines", "amina"):
        with pytest.raises(AcademyError, match="forbidden"):
            list_users(session, acting_user_id=people[who].id)
        with pytest.raises(AcademyError, match="forbidden"):
            add_staff(session, acting_user_id=people[who].id, username="mallory",
                      display_name="M", role="admin", password="long-enough")
    with pytest.raises(AcademyError, match="forbidden"):
        list_users(session, acting_user_id=999_999)
    made = add_staff(session, acting_user_id=people["admin"].id, username="nadia",
                     display_name="Nadia", role="instructor", password="long-enough")
    assert made.id in {u.id for u in list_users(session, acting_user_id=people["admin"].id)}


def test_a_huge_password_is_refused_unread(session, people):
    with pytest.raises(AcademyError, match="password_long"):
        create_user(session, username="tom", display_name="Tom", role="admin",
                    password="x" * (MAX_PASSWORD + 1))
    before = passwords.checks_done()
    with pytest.raises(AcademyError, match="bad_credentials"):
        sign_in(session, username="ines", password="x" * 1_000_000, client="10.0.0.5")
    assert passwords.checks_done() == before


def test_a_huge_join_code_or_username_is_refused_before_any_work(session, people):
    before = passwords.checks_done()
    with pytest.raises(AcademyError, match="bad_join"):
        join_workshop(session, code="A" * 100_000, name="Amina", pin="4821", client="10.0.0.5")
    with pytest.raises(AcademyError, match="bad_credentials"):
        sign_in(session, username="i" * 100_000, password="correct-horse", client="10.0.0.5")
    assert passwords.checks_done() == before
    assert session.exec(select(func.count()).select_from(SignInThrottle)).one() == 0


def test_typed_text_over_its_limit_is_refused_whole_not_cut(session, people):
    """An inject, an assessor's evidence, a chart mark, a workshop's place: the writer is told
    the limit (the server used to keep the first 1,000 characters of an inject, say)."""
    from academy import exercises, live

    with pytest.raises(AcademyError) as refused:
        live.inject(session, user=people["ines"], workshop_id=people["ws"].id, exercise_ids=[],
                    message="x" * (live.MAX_INJECT + 1))
    assert (refused.value.code, refused.value.params) == ("text_too_long",
                                                          {"limit": live.MAX_INJECT})
    with pytest.raises(AcademyError, match="text_too_long"):
        create_workshop(session, title="Accra", instructor=people["ines"], location="x" * 121)
    assert exercises.MAX_HYPOTHESIS == 80
