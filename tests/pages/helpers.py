"""Drive ``app.py`` with Streamlit's AppTest as a given role."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from academy.demo import DEMO_ADMIN, DEMO_INSTRUCTOR, DEMO_TRAINEE, DEMO_WORKSHOP_CODE

APP = str(Path(__file__).resolve().parents[2] / "app.py")

TIMEOUT = 30


def app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    return at


def staff_sign_in(at: AppTest, username: str, password: str) -> AppTest:
    at.text_input(key="signin.username").input(username)
    at.text_input(key="signin.password").input(password)
    at.button[1].click()  # the staff form's submit button (second form on the page)
    return at.run()


def as_trainee() -> AppTest:
    at = app()
    at.text_input(key="signin.code").input(DEMO_WORKSHOP_CODE)
    at.text_input(key="signin.name").input(DEMO_TRAINEE[0])
    at.text_input(key="signin.pin").input(DEMO_TRAINEE[1])
    at.button[0].click()
    return at.run()


def as_instructor() -> AppTest:
    return staff_sign_in(app(), *DEMO_INSTRUCTOR)


def as_admin() -> AppTest:
    return staff_sign_in(app(), *DEMO_ADMIN)


def texts(at: AppTest) -> str:
    """Everything readable on the page, for assertions."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "error",
                 "warning", "success", "metric"):
        for element in at.get(kind):
            parts.append(str(getattr(element, "value", "")) + " " + str(getattr(element, "label", "")))
    return "\n".join(parts)


def reopen_desk(lang: str, tab: str) -> AppTest:
    """The demo trainee in a new browser session, in ``lang``, on the desk's ``tab`` (their
    running exercise resumes). A new session because AppTest replays a choice it holds as the
    label of the old language, which the browser never does."""
    at = as_trainee()
    at.session_state["i18n.lang"] = lang
    at.session_state["desk.tab"] = tab
    return at.switch_page("pages/desk.py").run()
