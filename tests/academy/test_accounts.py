"""Accounts: hashed secrets, one message for every failure, lockout, trainee PIN return."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from academy import catalogs
from academy.accounts import create_user, join_workshop, set_language, sign_in
from academy.errors import AcademyError
from academy.models import Membership, User
from academy.workshops import create_workshop, workshops_of


@pytest.fixture
def instructor(session):
    return create_user(session, username="ines", display_name="Inès Traoré",
                       role="instructor", password="correct-horse")


@pytest.fixture
def workshop(session, instructor):
    return create_workshop(session, title="Regional workshop", instructor=instructor,
                           location="Dakar", language="fr")


def test_password_is_stored_only_as_argon2_hash(session, instructor):
    stored = session.exec(select(User).where(User.username == "ines")).one()
    assert "correct-horse" not in stored.secret_hash
    assert stored.secret_hash.startswith("$argon2id$")


def test_staff_sign_in_accepts_right_password(session, instructor):
    assert sign_in(session, username="INES ", password="correct-horse").id == instructor.id


@pytest.mark.parametrize("username,password", [("ines", "wrong-pass"), ("nobody", "correct-horse")])
def test_wrong_username_or_password_give_the_same_message(session, instructor, username, password):
    with pytest.raises(AcademyError) as caught:
        sign_in(session, username=username, password=password)
    assert caught.value.code == "bad_credentials"


def test_failures_make_the_client_wait_longer_then_the_right_password_gets_in(session, instructor):
    start = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    with pytest.raises(AcademyError, match="bad_credentials"):
        sign_in(session, username="ines", password="x" * 9, client="10.0.0.9", now=start)
    with pytest.raises(AcademyError) as caught:  # too soon: refused before any check
        sign_in(session, username="ines", password="correct-horse", client="10.0.0.9",
                now=start + timedelta(seconds=1))
    # an instructor is not told that "your instructor can let you in"; one second is singular
    assert caught.value.code == "sign_in_wait_staff" and caught.value.params == {"seconds": 1}
    assert catalogs.say("error.sign_in_wait_staff", "en", seconds=1) == (
        "Too many wrong attempts from this device. Wait 1 second, then try again.")
    assert "Wait 1 second," in catalogs.say("error.sign_in_wait", "en", seconds=1)
    assert "Wait 5 seconds," in catalogs.say("error.sign_in_wait", "en", seconds=5)
    later = start + timedelta(seconds=2)
    assert sign_in(session, username="ines", password="correct-horse", client="10.0.0.9",
                   now=later).id == instructor.id


def test_trainee_joins_then_comes_back_with_the_same_pin(session, workshop):
    first = join_workshop(session, new=True, code=workshop.join_code.lower(), name="  Amina   Diallo ", pin="4821")
    again = join_workshop(session, code=workshop.join_code, name="amina diallo", pin="4821")
    assert first.id == again.id
    assert first.display_name == "Amina Diallo"
    assert first.language == "fr"  # a new trainee starts in the workshop's language
    assert [w.id for w in workshops_of(session, user_id=first.id)] == [workshop.id]
    memberships = session.exec(select(Membership).where(Membership.user_id == first.id)).all()
    assert len(memberships) == 1


def test_trainee_with_wrong_pin_or_code_is_refused_alike(session, workshop):
    join_workshop(session, new=True, code=workshop.join_code, name="Amina", pin="4821")
    for code, pin in [(workshop.join_code, "0000"), ("NOPE99", "4821")]:
        with pytest.raises(AcademyError) as caught:
            join_workshop(session, new=True, code=code, name="Amina", pin=pin)
        assert caught.value.code == "bad_join"


@pytest.mark.parametrize("pin", ["12", "abcd", "123456789", ""])
def test_pin_must_be_four_to_eight_digits(session, workshop, pin):
    with pytest.raises(AcademyError) as caught:
        join_workshop(session, new=True, code=workshop.join_code, name="Amina", pin=pin)
    assert caught.value.code == "pin_invalid"


def test_staff_account_rules(session, instructor):
    with pytest.raises(AcademyError, match="username_taken"):
        create_user(session, username="ines", display_name="X", role="admin", password="longenough")
    with pytest.raises(AcademyError, match="password_short"):
        create_user(session, username="bob", display_name="Bob", role="admin", password="short")
    with pytest.raises(AcademyError, match="username_invalid"):
        create_user(session, username="<b>x</b>", display_name="B", role="admin", password="longenough")
    with pytest.raises(AcademyError, match="role_invalid"):
        create_user(session, username="tom", display_name="T", role="trainee", password="longenough")


def test_trainee_cannot_use_staff_sign_in(session, workshop):
    join_workshop(session, new=True, code=workshop.join_code, name="Amina", pin="48214821")
    with pytest.raises(AcademyError, match="bad_credentials"):
        sign_in(session, username=f"w{workshop.id}:amina", password="48214821")


def test_language_is_remembered(session, instructor):
    set_language(session, user_id=instructor.id, language="ar")
    session.commit()
    assert session.get(User, instructor.id).language == "ar"
    with pytest.raises(AcademyError):
        set_language(session, user_id=instructor.id, language="xx")


def test_only_staff_create_workshops(session, workshop):
    trainee = join_workshop(session, new=True, code=workshop.join_code, name="Amina", pin="4821")
    with pytest.raises(AcademyError, match="forbidden"):
        create_workshop(session, title="Mine", instructor=trainee)


def test_a_country_team_member_cannot_use_the_staff_form(session):
    from academy.teams import create_team

    admin = create_user(session, username="boss", display_name="Boss", role="admin",
                        password="long-enough")
    team = create_team(session, acting_user_id=admin.id, country="KE", name="Kenya NEST")
    member = join_workshop(session, new=True, code=team.join_code, name="Wanjiru", pin="24682468")
    assert member.role == "country"
    with pytest.raises(AcademyError, match="bad_credentials"):
        sign_in(session, username=member.username, password="24682468")


def test_a_name_nobody_joined_with_asks_before_creating_a_trainee(session, workshop):
    """A mistyped name at join used to create a second trainee silently."""
    amina = join_workshop(session, new=True, code=workshop.join_code, name="Amina Diallo", pin="4821")
    with pytest.raises(AcademyError) as caught:
        join_workshop(session, code=workshop.join_code, name="Amina Dialo", pin="4821")
    assert caught.value.code == "join_new"
    # the question names only what was typed: no roster name leaks to a holder of the code
    assert caught.value.params == {"name": "Amina Dialo", "place": "workshop"}
    assert session.exec(select(User).where(User.role == "trainee")).all() == [amina]
    # the spelling fixed: the same trainee, no question
    assert join_workshop(session, code=workshop.join_code, name="amina diallo", pin="4821").id == amina.id
    # confirmed as new: a second trainee
    other = join_workshop(session, code=workshop.join_code, name="Amina Dialo", pin="4821", new=True)
    assert other.id != amina.id


def test_a_wrong_code_is_refused_before_any_question(session, workshop):
    with pytest.raises(AcademyError) as caught:
        join_workshop(session, code="NOPE99", name="Amina", pin="4821")
    assert caught.value.code == "bad_join"


def test_a_country_team_asks_too(session):
    from academy.teams import create_team

    admin = create_user(session, username="boss", display_name="Boss", role="admin",
                        password="long-enough")
    team = create_team(session, acting_user_id=admin.id, country="KE", name="Kenya NEST")
    with pytest.raises(AcademyError) as caught:
        join_workshop(session, code=team.join_code, name="Wanjiru", pin="2468")
    assert caught.value.params == {"name": "Wanjiru", "place": "team"}
    assert session.exec(select(User).where(User.role == "country")).all() == []
