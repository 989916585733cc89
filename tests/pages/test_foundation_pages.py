"""Every foundation page, started from app.py, for each role (AppTest)."""

from __future__ import annotations

import pytest

from tests.pages.helpers import app, as_admin, as_instructor, as_trainee, staff_sign_in, texts
from ui.text import plain

pytestmark = pytest.mark.usefixtures("app_db")


def test_signed_out_visitor_sees_the_sign_in_forms():
    at = app()
    assert not at.exception
    assert at.title[0].value == "Welcome to NEST Academy"
    assert at.text_input(key="signin.code") and at.text_input(key="signin.username")


@pytest.mark.parametrize("page", ["pages/trainee_home.py", "pages/instructor_home.py",
                                  "pages/admin_users.py"])
def test_signed_out_visitor_is_sent_to_sign_in_on_every_page(page):
    at = app()
    at.switch_page(page).run()
    assert "Please sign in" in texts(at)
    assert [link.proto.label for link in at.get("page_link")] == ["Sign in"]  # the way there
    assert "DEMO26" not in texts(at)


def test_trainee_home_lists_the_workshop():
    at = as_trainee()
    assert not at.exception
    assert at.title[0].value == "Welcome, Demo Trainee"
    assert "Demo workshop" in texts(at)


@pytest.mark.parametrize("page", ["pages/instructor_home.py", "pages/admin_users.py"])
def test_trainee_is_refused_on_staff_pages(page):
    at = as_trainee()
    at.switch_page(page).run()
    assert at.error[0].value.startswith("Access refused")
    assert "DEMO26" not in texts(at) and "instructor" not in [t.value for t in at.title]


def test_wrong_password_gives_one_clear_message():
    at = staff_sign_in(app(), "instructor", "not-the-password")
    assert not at.exception
    assert at.error[0].value == "Wrong username or password."


def test_wrong_pin_gives_one_clear_message():
    at = app()
    at.text_input(key="signin.code").input("DEMO26")
    at.text_input(key="signin.name").input("Demo Trainee")
    at.text_input(key="signin.pin").input("9999")
    at.button[0].click()
    at.run()
    assert at.error[0].value == "Wrong join code, name or PIN."


def test_instructor_sees_workshops_and_creates_one():
    at = as_instructor()
    assert at.title[0].value == "My workshops"
    assert any(m.value == "DEMO26" for m in at.metric)
    at.text_input(key="instructor.title").input("Forest crime workshop <script>alert(1)</script>")
    at.text_input(key="instructor.loc").input("Douala")
    at.button(key="FormSubmitter:instructor.new_form-Create workshop").click().run()
    assert not at.exception
    assert len(at.metric) == 2
    # shown as text: escaped for Markdown, so the browser shows the tag as typed
    assert plain("Forest crime workshop <script>alert(1)</script>") in texts(at)


def test_instructor_is_refused_on_admin_page():
    at = as_instructor()
    at.switch_page("pages/admin_users.py").run()
    assert at.error[0].value.startswith("Access refused")


def test_admin_lists_users_and_adds_an_instructor():
    at = as_admin()
    assert at.title[0].value == "Users"
    at.text_input(key="admin.name").input("Kofi Mensah")
    at.text_input(key="admin.username").input("kofi")
    at.text_input(key="admin.password").input("long-password")
    at.button(key="FormSubmitter:admin.new_form-Create account").click().run()
    assert at.success[0].value == "Account kofi created."
    at.text_input(key="admin.username").input("kofi")
    at.text_input(key="admin.name").input("Kofi Again")
    at.text_input(key="admin.password").input("long-password")
    at.button(key="FormSubmitter:admin.new_form-Create account").click().run()
    assert at.error[0].value == "This username is already taken."


def test_language_switch_is_remembered_and_arabic_is_right_to_left():
    at = as_trainee()
    at.selectbox(key="sidebar.language").select("ar").run()
    assert at.title[0].value == "مرحبًا، \u2068Demo Trainee\u2069"  # the name isolated
    assert any("direction: rtl" in str(h.proto) for h in at.get("html"))
    at.button(key="sidebar.sign_out").click().run()
    at = as_trainee()  # a new visit: the language comes back from the database
    assert at.title[0].value == "مرحبًا، \u2068Demo Trainee\u2069"  # the name isolated


def test_sign_out_returns_to_sign_in():
    at = as_instructor()
    at.button(key="sidebar.sign_out").click().run()
    at.switch_page("pages/instructor_home.py").run()
    assert "Please sign in" in texts(at)
