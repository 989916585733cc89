"""A joint operation in real browsers: the instructor starts it for three teams (Kenya with
two trainees, Tanzania, Mozambique) from the control cell; Kenya's NCB officer asks
Tanzania for an inspection at the Port of Dar es Salaam, Tanzania's desk shows the request
by itself and accepts it, Kenya's desks see it accepted; the control cell advances the
clock and every desk shows the new day without a click; a channel message from Tanzania
reaches both Kenyan desks. Screenshots: test-artifacts/joint-0*.png."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from sqlmodel import select as sql

from academy.db import make_engine, session_scope
from academy.demo import DEMO_INSTRUCTOR, DEMO_TRAINEE, DEMO_WORKSHOP_CODE
from academy.models import User, Workshop
from academy.roster import import_roster, parse_roster
from tests.browser.steps import (
    action,
    metric_value,
    select,
    send,
    set_language,
    sign_in_staff,
    sign_in_trainee,
    wait_idle,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

SCENARIO = "The Ivory Corridor"
KENYA_TWO = ("Wanjiku Otieno", "1357")
TANZANIAN = ("Amani Mushi", "2580")
ROSTER = {DEMO_TRAINEE[0]: "Kenya NEST", KENYA_TWO[0]: "Kenya NEST",
          TANZANIAN[0]: "Tanzania NEST", "Luisa Macuacua": "Mozambique NEST"}
WHY = "Our source says the tusks leave through Dar es Salaam"
NOTE = "<b>Customs</b> will board the vessel at 06:00 — **be ready**"


def roster(db_url: str) -> None:
    """The instructor's roster puts the workshop's trainees in three teams (as the setup
    page's CSV import does)."""
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        instructor = s.exec(sql(User).where(User.username == DEMO_INSTRUCTOR[0])).one()
        workshop = s.exec(sql(Workshop).where(Workshop.join_code == DEMO_WORKSHOP_CODE)).one()
        text = "name,team\n" + "".join(f"{n},{t}\n" for n, t in ROSTER.items())
        import_roster(s, user=instructor, workshop_id=workshop.id or 0,
                      preview=parse_roster(text.encode()))
    engine.dispose()


def open_desk(page: Page) -> None:
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Joint operation").click()
    expect(metric_value(page, "Day")).to_be_visible()
    wait_idle(page)


def pick(page: Page, label: str, option: str) -> None:
    """The option ``option`` of the selectbox named exactly ``label`` (``select`` matches
    labels by substring: "Kenya NEST" would also find a role's "Demo Trainee · Kenya NEST")."""
    for _attempt in range(3):  # a click during a redraw opens nothing: click again
        wait_idle(page)
        page.get_by_role("combobox", name=label, exact=True).click()
        try:
            page.get_by_role("option").filter(has_text=option).first.click(timeout=6_000)
            wait_idle(page)
            return
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    raise AssertionError(f"no option {option!r} in the selectbox {label!r}")


def tab(page: Page, name: str) -> None:
    page.get_by_role("tab", name=name, exact=True).click()
    wait_idle(page)


def test_three_teams_cooperate_on_one_clock(server, browser, shot):
    set_language(server.db_url, "en")
    roster(server.db_url)
    contexts = [browser.new_context(viewport={"width": 1400, "height": 1400}) for _ in range(4)]
    staff, kenya, kenya_ncb, tanzania = (c.new_page() for c in contexts)
    for p in (staff, kenya, kenya_ncb, tanzania):
        p.set_default_timeout(30_000)
    try:
        # the trainees join the workshop under their roster names
        sign_in_trainee(kenya, server.url)
        sign_in_trainee(kenya_ncb, server.url, name=KENYA_TWO[0], pin=KENYA_TWO[1], new=True)
        sign_in_trainee(tanzania, server.url, name=TANZANIAN[0], pin=TANZANIAN[1], new=True)
        for p in (kenya, kenya_ncb, tanzania):
            expect(p.get_by_test_id("stSidebarNav").get_by_role(
                "link", name="Joint operation")).to_be_visible()

        # 1. the instructor starts the operation: each workshop team plays a country
        sign_in_staff(staff, server.url)
        staff.get_by_test_id("stSidebarNav").get_by_role("link", name="Control cell").click()
        expect(staff.get_by_role("heading", name="Control cell")).to_be_visible()
        select(staff, "Scenario", SCENARIO)
        pick(staff, "Kenya NEST", "Kenya")
        pick(staff, "Tanzania NEST", "Tanzania")
        pick(staff, "Mozambique NEST", "Mozambique")
        staff.get_by_role("button", name="Start the operation").click()
        expect(staff.get_by_text("The joint operation has started.")).to_be_visible()
        expect(metric_value(staff, "Day")).to_have_text("0.0 / 90")
        seating = staff.get_by_test_id("stDataFrame").first
        expect(seating).to_contain_text("Kenya NEST")

        # 2. each trainee opens their team's desk: their own country, their role
        for p, country, role in ((kenya, "Kenya", "Every role"),
                                 (kenya_ncb, "Kenya", "NCB officer"),
                                 (tanzania, "Tanzania", "Every role")):
            open_desk(p)
            expect(p.get_by_text(f"playing {country}")).to_be_visible()
            expect(p.get_by_text(f"your role: {role}")).to_be_visible()
            expect(metric_value(p, "Day")).to_have_text("0.0 / 90")
        expect(kenya.get_by_role("button", name="Advance a day")).to_have_count(0)

        # 3. Kenya's NCB officer asks Tanzania for an inspection at Dar es Salaam's port
        action(kenya_ncb, "Inspection")
        select(kenya_ncb, "Place", "Port of Dar es Salaam")
        kenya_ncb.get_by_label("Rationale (optional, shown in your debrief)").fill(WHY)
        send(kenya_ncb)
        expect(kenya_ncb.get_by_text("sent to the team playing Tanzania")).to_be_visible()
        # the form starts again (a second click must not send the request twice)
        expect(kenya_ncb.get_by_test_id("stSelectbox").filter(has_text="Place")).not_to_contain_text(
            "Port of Dar es Salaam")
        shot(kenya_ncb, "joint-01-team-desk")

        # 4. Tanzania's desk shows the request by itself; the team accepts it with a reason
        expect(tanzania.get_by_text("1 request(s) from other teams wait")).to_be_visible()
        tab(tanzania, "Requests")
        expect(tanzania.get_by_text(WHY)).to_be_visible()
        tanzania.get_by_label("Your reason (the asking team reads it)").fill(
            "Our customs team will be there")
        tanzania.get_by_role("button", name="Accept", exact=True).click()
        expect(tanzania.get_by_text(re.compile(r"Request R\d+ from Kenya accepted"))).to_be_visible()
        tab(kenya, "Requests")  # the other Kenyan desk: the answer has arrived by itself
        outgoing = kenya.get_by_test_id("stDataFrame").first
        expect(outgoing).to_contain_text("accepted")
        expect(outgoing).to_contain_text("Our customs team will be there")
        shot(kenya, "joint-03-request-accepted")

        # 5. the control cell sees the answered request and moves the clock: every desk
        #    shows the new day without a click
        staff.get_by_role("tab", name="Requests between teams").click()
        expect(staff.get_by_test_id("stDataFrame").filter(has_text="accepted")).to_be_visible()
        staff.get_by_role("button", name="Advance a day").click()
        expect(metric_value(staff, "Day")).to_have_text("1.0 / 90")
        for p in (kenya, kenya_ncb, tanzania):
            expect(metric_value(p, "Day")).to_have_text("1.0 / 90")
        staff.get_by_role("tab", name="World and teams").click()
        wait_idle(staff)
        expect(staff.get_by_test_id("stVegaLiteChart").first).to_be_visible()
        shot(staff, "joint-02-control-cell")

        # 6. Tanzania writes to Kenya on the channel; both Kenyan desks get it as typed
        tab(tanzania, "Channel")
        select(tanzania, "To", "Kenya NEST")
        tanzania.get_by_label("Message").fill(NOTE)
        tanzania.get_by_role("button", name="Send the message").click()
        expect(tanzania.get_by_text("Message sent.")).to_be_visible()
        for p in (kenya, kenya_ncb):
            tab(p, "Channel")
            expect(p.get_by_text(NOTE)).to_be_visible()  # the tags and stars as typed

        # TODO(issue 12, lead): after merging the case-meeting / action-day and joint-debrief
        # branches, continue here: a team proposes a regional case meeting, the control cell
        # convenes it, each team puts items on the table; the teams schedule a coordinated
        # action day and the control cell executes it; the joint debrief shows the missed
        # connections (screenshot joint-04-debrief).
    finally:
        for c in contexts:
            c.close()
