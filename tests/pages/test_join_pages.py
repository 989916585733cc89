"""Joining a workshop: a name nobody joined with yet is asked about, not silently made a
trainee; the question leaks no roster name (AppTest from app.py)."""

from __future__ import annotations

import re

import pytest
from sqlmodel import select

from academy.db import make_engine, session_scope
from academy.demo import DEMO_TEAM_CODE, DEMO_WORKSHOP_CODE
from academy.models import User
from tests.pages.helpers import app, texts

pytestmark = pytest.mark.usefixtures("app_db")


def join(code: str, name: str, pin: str):  # type: ignore[no-untyped-def]
    at = app()
    at.text_input(key="signin.code").input(code)
    at.text_input(key="signin.name").input(name)
    at.text_input(key="signin.pin").input(pin)
    at.button[0].click()
    return at.run()


def trainees(url: str) -> list[str]:
    engine = make_engine(url)
    with session_scope(engine) as s:
        names = sorted(u.display_name for u in s.exec(select(User).where(User.role == "trainee")))
    engine.dispose()
    return names


def test_a_mistyped_name_is_asked_about_before_a_trainee_is_made(app_db):
    at = join(DEMO_WORKSHOP_CODE, "Demo Trainie", "2468")  # the demo trainee, one letter off
    assert not at.exception
    assert at.warning[0].value.startswith("New here? No trainee called “Demo Trainie” is in "
                                          "this workshop yet.")
    assert "Demo Trainee" not in texts(at)  # the name on the roster is not offered
    assert trainees(app_db) == ["Demo Trainee"]  # nobody was made
    assert not [title for title in at.title if title.value.startswith("Welcome,")]
    # "check my spelling" goes back to the form, still nobody made
    at.button(key="signin.recheck").click().run()
    assert not at.warning
    assert trainees(app_db) == ["Demo Trainee"]


def test_a_new_trainee_confirms_and_comes_in(app_db):
    at = join(DEMO_WORKSHOP_CODE, "Lina Mwangi", "4321")
    assert at.warning[0].value.startswith("New here?")
    at.button(key="signin.create").click().run()
    assert not at.exception
    assert at.title[0].value == "Welcome, Lina Mwangi"
    assert trainees(app_db) == ["Demo Trainee", "Lina Mwangi"]
    # coming back with the same name: no question
    again = join(DEMO_WORKSHOP_CODE, "lina mwangi", "4321")
    assert again.title[0].value == "Welcome, Lina Mwangi"


def test_a_country_team_member_is_asked_too():
    at = join(DEMO_TEAM_CODE, "Amina Wanjiru", "2468")
    assert at.warning[0].value.startswith("New here? No member called “Amina Wanjiru” is in "
                                          "this team yet.")


def test_a_typed_name_in_the_question_is_text():
    at = join(DEMO_WORKSHOP_CODE, "![x](http://evil.example/x.png)", "2468")
    value = at.warning[0].value
    assert "!\\[x\\](\u2060http\\://evil.example/x.png)" in value  # escaped: no image to fetch
    assert not re.search(r"(?<!\\)!\[|(?<!\\)\]\(", value)
