"""Browser steps shared by journeys: sign in as each role, pick a language."""

from __future__ import annotations

from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from academy.demo import DEMO_INSTRUCTOR, DEMO_TRAINEE, DEMO_WORKSHOP_CODE
from academy.guidance import load_framework


def wait_idle(page: Page) -> None:
    """Wait until Streamlit has finished running the script."""
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']",
                           timeout=30_000)


def sign_in_trainee(page: Page, base: str, name: str = DEMO_TRAINEE[0],
                    pin: str = DEMO_TRAINEE[1], code: str = DEMO_WORKSHOP_CODE,
                    new: bool = False) -> None:
    """Join with code, name and PIN; ``new``: the first time, answer "New here?" with yes."""
    page.goto(base)
    page.get_by_label("Workshop join code").fill(code)
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Personal PIN", exact=True).fill(pin)
    page.get_by_role("button", name="Join").click()
    if new:
        expect(page.get_by_text("New here?")).to_be_visible()
        page.get_by_role("button", name="Yes, I am new: create me").click()


def sign_in_staff(page: Page, base: str, username: str = DEMO_INSTRUCTOR[0],
                  password: str = DEMO_INSTRUCTOR[1]) -> None:
    page.goto(base)
    page.get_by_role("tab", name="Instructor or admin").click()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()


def choose_language(page: Page, language: str) -> None:
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_test_id("stSelectbox").first.click()
    page.get_by_role("option", name=language).click()
    wait_idle(page)


def sign_out(page: Page, label: str = "Sign out") -> None:
    page.get_by_role("button", name=label).click()
    expect(page.get_by_label("Workshop join code")).to_be_visible()


def select(page: Page, label: str, option: str, scope=None) -> None:  # type: ignore[no-untyped-def]
    """Pick the first option containing ``option`` in the Streamlit selectbox ``label``."""
    root = scope or page
    for _attempt in range(3):  # a click that lands while the form is being redrawn opens
        root.get_by_role("combobox", name=label).click()  # nothing: click again, as a person
        try:
            page.get_by_role("option").filter(has_text=option).first.click(timeout=6_000)
            return
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
            wait_idle(page)
    raise AssertionError(f"no option {option!r} in the selectbox {label!r}")


def metric_value(page: Page, label: str):  # type: ignore[no-untyped-def]
    return page.get_by_test_id("stMetric").filter(has_text=label).first.get_by_test_id(
        "stMetricValue")


def metric(page: Page, label: str) -> str:
    return metric_value(page, label).inner_text()


def set_language(db_url: str, language: str, name: str = DEMO_TRAINEE[0]) -> None:
    """Store a trainee's language, as choosing it in the sidebar does. A journey that expects
    the demo trainee in English says so first: another journey of the module (or a rerun of
    this one) may have left them in Arabic."""
    from sqlmodel import select

    from academy.db import make_engine, session_scope
    from academy.models import User

    engine = make_engine(db_url)
    with session_scope(engine) as s:
        for user in s.exec(select(User).where(User.display_name == name)).all():
            user.language = language
            s.add(user)
    engine.dispose()


def add_corrective_action(page: Page, team: str, text: str, indicator: str,
                          owner: str = "Head of analysis",
                          due: tuple[str, str, str] = ("2027", "03", "31")) -> None:
    """On the cohort debrief's notes of a country's workshop: a corrective action on one of
    the team's indicators, with its owner and due date (typed, as a person would)."""
    page.get_by_role("tab", name="Facilitator notes").click()
    expect(page.get_by_text(f"was made for {team}")).to_be_visible()
    form = page.get_by_test_id("stForm")
    select(page, "Kind", "Action", scope=form)
    form.get_by_label("Note").fill(text)
    named = load_framework().heading(indicator, "en")  # "4.3 · …": offered by number and title
    form.get_by_role("combobox", name="Readiness indicator").click()
    page.keyboard.type(named)  # the list is long: typing filters it
    page.get_by_role("option").filter(has_text=named).first.click()
    form.get_by_label("Owner (for an action)").fill(owner)
    for part, value in zip(("year", "month", "day"), due, strict=True):
        form.get_by_role("spinbutton", name=f"{part}, Due date (for an action)").click()
        page.keyboard.type(value)
    form.get_by_role("button", name="Add note").click()
    wait_idle(page)


def action(page: Page, kind: str) -> None:
    """Open the desk's Actions tab on one action's form."""
    page.get_by_role("tab", name="Actions").click()
    page.get_by_test_id("stRadio").get_by_text(kind, exact=True).click()
    wait_idle(page)


def send(page: Page) -> None:
    page.get_by_role("button", name="Send").click()
    wait_idle(page)


def advance_week(page: Page) -> None:
    page.get_by_role("button", name="Advance a week").click()
    wait_idle(page)
