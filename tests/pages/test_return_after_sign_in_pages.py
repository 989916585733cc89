"""A reload, a new tab or a server restart starts a new Streamlit session, signed out (a
workshop trial: "Please sign in" with no reason, then the home page instead of the page
the person was on). The sign-in prompt says why and that nothing is lost, and signing in
goes back to the page asked for — when the person's role may see it."""

from __future__ import annotations

import pytest

from academy.demo import DEMO_INSTRUCTOR
from tests.pages.helpers import app, staff_sign_in, texts

pytestmark = pytest.mark.usefixtures("app_db")


def test_the_sign_in_prompt_says_why_and_signing_in_returns_to_the_page():
    at = app()
    at.switch_page("pages/control_cell.py").run()
    assert "Please sign in to see this page." in [w.value for w in at.warning]
    assert "A reload, a new tab or a restart of the server signs you out" in texts(at)
    at.switch_page("pages/sign_in.py").run()
    staff_sign_in(at, *DEMO_INSTRUCTOR)
    assert not at.exception
    assert at.title[0].value == "Control cell"


def test_a_page_the_role_may_not_see_is_not_where_signing_in_leads():
    at = app()
    at.switch_page("pages/admin_users.py").run()  # an admin page, asked for by an instructor
    at.switch_page("pages/sign_in.py").run()
    staff_sign_in(at, *DEMO_INSTRUCTOR)
    assert not at.exception
    assert not at.error  # the instructor's home, not "access denied"
