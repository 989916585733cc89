"""The instructor's control room in a real browser: create a workshop, a trainee joins with
its code and plays, the instructor watches, sends an inject, the trainee reads it; then
the studio and the cohort debrief."""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.steps import metric_value, select, sign_in_staff, sign_in_trainee, wait_idle

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
        wait_idle(trainee)
        now, end = (float(x) for x in before.split("/"))
        if now + 7 >= end:  # the last week ends the exercise: the desk asks first
            trainee.get_by_role("button", name="Continue to the end").click()
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
    expect(staff.get_by_text("opened on this line is not closed")).to_be_visible()
    shot(staff, "instructor-05-studio-validation")
    staff.context.close()
    trainee.context.close()


class Room:
    """A workshop of the demo instructor and one trainee in it, played straight through
    academy (as the trainee's desk would store it) while the dashboard is open."""

    def __init__(self, db_url: str) -> None:
        from sqlmodel import select

        from academy.accounts import join_workshop
        from academy.db import make_engine, session_scope
        from academy.demo import DEMO_INSTRUCTOR
        from academy.models import User
        from academy.workshops import create_workshop

        self.engine = make_engine(db_url)
        self.scope = session_scope
        self.title = f"Refresh workshop {uuid.uuid4().hex[:4]}"
        with session_scope(self.engine) as s:
            instructor = s.exec(select(User).where(User.username == DEMO_INSTRUCTOR[0])).one()
            workshop = create_workshop(s, title=self.title, instructor=instructor)
            trainee = join_workshop(s, code=workshop.join_code, name="Refresh Trainee", pin="1357",
                                   new=True)
            self.workshop_id, self.trainee_id = workshop.id, trainee.id
        self.exercise_id: int | None = None

    def start(self) -> None:
        from academy import exercises
        from academy.models import User
        from academy.scenarios import sync_shipped

        with self.scope(self.engine) as s:
            version = next(v for v in sync_shipped(s) if v.scenario_id == "wildlife-ivory-corridor")
            record = exercises.start(s, user=s.get(User, self.trainee_id),
                                     scenario_version_id=version.id, workshop_id=self.workshop_id)
            self.exercise_id = record.id

    def advance(self, days: int) -> None:
        from academy import exercises

        with self.scope(self.engine) as s:
            for step in [7] * (days // 7) + [1] * (days % 7):
                exercises.play(s, exercise_id=self.exercise_id, user_id=self.trainee_id,
                               held=None, action={"kind": "advance", "days": step})


def test_every_dashboard_panel_moves_on_together(server, page, shot):
    room = Room(server.db_url)
    sign_in_staff(page, server.url)
    expect(page.get_by_role("heading", name="My workshops")).to_be_visible()
    page.get_by_role("link", name="Live dashboard").click()
    expect(page.get_by_role("heading", name="Live dashboard")).to_be_visible()
    select(page, "Workshop", room.title, scope=page.get_by_test_id("stSidebar"))
    wait_idle(page)
    expect(page.get_by_text("Nobody has started an exercise yet.")).to_be_visible()
    expect(page.get_by_text("Running exercises reached: 0.")).to_be_visible()

    # the trainee starts: the room, the inject panel and the drilled desk all see it
    room.start()
    expect(page.get_by_test_id("stMetricValue").nth(1)).to_have_text("1")  # playing
    expect(page.get_by_text("Running exercises reached: 1.")).to_be_visible()
    expect(page.get_by_text("Desk of Refresh Trainee")).to_be_visible()
    expect(metric_value(page, "Day")).to_have_text("0.0 / 90")

    # the trainee plays on to day 41: the drilled desk follows without a click
    room.advance(41)
    expect(metric_value(page, "Day")).to_have_text("41.0 / 90")
    expect(page.get_by_text("41.0 / 90", exact=True)).to_have_count(2)  # the table says so too
    shot(page, "instructor-06-dashboard-moves-on-together")

    # a pause from the inject panel shows in the room at once
    page.get_by_role("button", name="Pause").click()
    expect(page.get_by_text("Exercises paused: 1.")).to_be_visible()
    expect(page.get_by_test_id("stDataFrame").first).to_contain_text("paused")
