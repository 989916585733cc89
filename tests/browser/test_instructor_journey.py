"""The instructor's control room in a real browser: create a workshop, a trainee joins with
its code and plays, the instructor watches, sends an inject, the trainee reads it; then
the studio and the cohort debrief."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.steps import sign_in_staff, sign_in_trainee, wait_idle

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

INJECT = "Customs at Mombasa flag a cashew container bound for Port Klang"


def test_instructor_runs_a_workshop_live(server, browser, shot):
    staff = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    trainee = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    for p in (staff, trainee):
        p.set_default_timeout(30_000)

    # the instructor creates a workshop and reads its join code
    sign_in_staff(staff, server.url)
    expect(staff.get_by_role("heading", name="My workshops")).to_be_visible()
    staff.get_by_text("New workshop").click()
    staff.get_by_label("Title").fill("Mombasa port workshop")
    staff.get_by_label("Location").fill("Mombasa")
    staff.get_by_role("button", name="Create workshop").click()
    wait_idle(staff)
    expect(staff.get_by_text("Mombasa port workshop")).to_be_visible()
    code = staff.get_by_test_id("stMetricValue").first.inner_text().strip()  # newest first
    assert re.fullmatch(r"[A-Z2-9]{6}", code)

    # a trainee joins with the code and starts an exercise
    sign_in_trainee(trainee, server.url, name="Lina Mwangi", pin="4321", code=code, new=True)
    expect(trainee.get_by_role("heading", name="Welcome, Lina Mwangi")).to_be_visible()
    trainee.get_by_role("link", name="Exercises").click()
    trainee.get_by_role("button", name="Start").first.click()
    expect(trainee.get_by_role("button", name="Advance a day")).to_be_visible()
    trainee.get_by_role("button", name="Advance a day").click()
    wait_idle(trainee)

    # the instructor sees them on the dashboard and sends an inject to everyone
    staff.get_by_role("link", name="Live dashboard").click()
    expect(staff.get_by_role("heading", name="Live dashboard")).to_be_visible()
    expect(staff.get_by_text("Desk of Lina Mwangi")).to_be_visible()
    expect(staff.get_by_test_id("stMetricValue").nth(1)).to_have_text("1")  # playing
    staff.get_by_label("Message").fill(INJECT)
    staff.get_by_role("button", name="Send inject").click()
    expect(staff.get_by_text("Inject delivered to exercises: 1")).to_be_visible()
    shot(staff, "instructor-01-dashboard")

    # the trainee receives it without a click: the open desk notices the log moved on
    expect(trainee.get_by_text("The exercise has moved on")).to_be_visible(timeout=30_000)
    wait_idle(trainee)
    trainee.get_by_role("tab", name=re.compile(r"^Inbox")).click()
    # st.text lays its words out in a box Playwright counts as invisible: check it is there
    expect(trainee.get_by_test_id("stText").filter(has_text=INJECT)).to_be_attached()
    shot(trainee, "instructor-02-trainee-inbox-inject")

    # the trainee plays to the end; the instructor holds the hot-wash
    day = trainee.get_by_test_id("stMetricValue").first
    for _ in range(20):
        before = day.inner_text()
        if before.startswith(before.split("/")[-1].strip() + ".0 /"):  # e.g. "60.0 / 60"
            break
        trainee.get_by_role("button", name="Advance a week").click()
        expect(day).not_to_have_text(before, timeout=20_000)
    expect(trainee.get_by_text("The exercise has ended.")).to_be_visible()
    staff.get_by_role("link", name="Cohort debrief").click()
    expect(staff.get_by_role("heading", name="Cohort debrief")).to_be_visible()
    expect(staff.get_by_text("Ratings per objective")).to_be_visible(timeout=30_000)
    shot(staff, "instructor-03-cohort-debrief")

    staff.get_by_role("link", name="Scenario studio").click()
    expect(staff.get_by_role("heading", name="Scenario studio")).to_be_visible()
    staff.get_by_role("tab", name="World (omniscient)").click()
    wait_idle(staff)
    shot(staff, "instructor-04-studio-world")
    staff.get_by_role("tab", name="Edit").click()
    staff.get_by_label("Scenario YAML").fill("id: broken\ntitle: [unclosed")
    staff.get_by_label("Scenario YAML").blur()
    expect(staff.get_by_text("malformed YAML")).to_be_visible()
    shot(staff, "instructor-05-studio-validation")
    staff.context.close()
    trainee.context.close()
