"""A joint operation in real browsers: the instructor starts it for three teams (Kenya with
two trainees, Tanzania, Mozambique) from the control cell; Kenya's NCB officer asks
Tanzania for an inspection at the Port of Dar es Salaam, Tanzania's desk shows the request
by itself and accepts it, Kenya's desks see it accepted; the control cell advances the
clock and every desk shows the new day without a click; a channel message from Tanzania
reaches both Kenyan desks; Kenya finds a company's shipments and keeps the company to itself;
a regional case meeting (proposed by Tanzania, convened and closed by the control cell, each
team tabling and owning a target); a coordinated action day (a seizure Kenya schedules,
executed when the control cell reaches the day); the control cell ends the operation and
the joint debrief shows every team's ratings, the missed connection Kenya's silence made and
the meeting's targets. Screenshots: test-artifacts/joint-0*.png (04 case meeting, 05 action
day, 06 debrief)."""

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
RATIONALE_JOINT = ("Rationale (optional; a team receiving this as a request reads it word for word, "
                   "as does the control cell; also shown in your debrief)")
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
    """Open a tab of the desk and wait until it is the one shown (a desk that a teammate's
    move redraws at the moment of the click is clicked again, as a person would)."""
    target = page.get_by_role("tab", name=name, exact=True)
    for _ in range(3):
        target.click()
        wait_idle(page)
        if target.get_attribute("aria-selected") == "true":
            break
    expect(target).to_have_attribute("aria-selected", "true")


def first_option(page: Page, label: str, scope=None) -> str:  # type: ignore[no-untyped-def]
    """Pick the first option of the selectbox ``label`` and say which it was (names are
    generated per world: the journey reads them from the desk)."""
    root = scope or page
    for _attempt in range(3):
        wait_idle(page)
        root.get_by_role("combobox", name=label).click()
        option = page.get_by_role("option").first
        try:
            option.click(timeout=6_000)
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
            continue
        wait_idle(page)  # the name as the selectbox now shows it (not a list still closing)
        chosen = root.get_by_role("combobox", name=label).input_value().strip()
        assert chosen, f"nothing chosen in {label!r}"
        return chosen
    raise AssertionError(f"no option in the selectbox {label!r}")


def ask_intel(page: Page, source: str) -> str:
    """The team asks ``source`` about the first subject it offers; returns its name."""
    action(page, "Request intelligence")
    select(page, "Source", source)
    subject = first_option(page, "About")
    assert subject and "·" not in subject, subject
    send(page)
    expect(page.get_by_text(re.compile(r"tasked; answer expected around day"))).to_be_visible()
    return re.sub(r" \([^)]*\)$", "", subject)  # "Name (company)": the name


def together(page: Page) -> None:
    tab(page, "Case meeting and action day")


def case_meeting(staff: Page, kenya: Page, kenya_ncb: Page, tanzania: Page, company: str,
                 shot) -> None:  # type: ignore[no-untyped-def]
    together(tanzania)
    tanzania.get_by_label("Why meet (agenda)").fill("Who moves the tusks through Dar es Salaam?")
    tanzania.get_by_role("button", name="Propose a meeting").click()
    expect(tanzania.get_by_text(re.compile(r"Meeting M\d+ proposed to the control cell"))).to_be_visible()
    staff.get_by_role("tab", name="Case meeting and action day").click()
    wait_idle(staff)
    expect(staff.get_by_text("Proposed by Tanzania")).to_be_visible()
    staff.get_by_role("button", name="Convene").click()
    expect(staff.get_by_role("button", name="Close the meeting")).to_be_visible()

    tabled: dict[Page, str] = {}
    # Tanzania tables the driver the rangers named and owns his arrest; Kenya tables a
    # shipment customs found and owns its seizure
    for page, what in ((tanzania, "Arrest"), (kenya_ncb, "Seizure")):
        together(page)
        expect(page.get_by_text(re.compile(r"Meeting M\d+ · open ·"))).to_be_visible()
        meeting = page.get_by_role("main")  # one meeting: its forms' labels are unique
        person = pick_person(page, meeting, exclude=(company, *tabled.values()),
                             load=what == "Seizure")
        meeting.get_by_role("button", name="Put on the table").click()
        expect(page.get_by_text(re.compile(r"put on the table of meeting M\d+"))).to_be_visible()
        if what == "Seizure":
            meeting.get_by_role("radiogroup", name="Action").get_by_text(what, exact=True).first.click()
            wait_idle(page)
        choose(page, "Target your team will own", person, meeting)
        meeting.get_by_role("button", name="Own this target").click()
        expect(page.get_by_text(f"{person} on the target list")).to_be_visible()
        tabled[page] = person
    shot(kenya_ncb, "joint-04-case-meeting")
    staff.get_by_role("button", name="Close the meeting").click()
    expect(staff.get_by_text(re.compile(r"closed: 2 target\(s\) agreed"))).to_be_visible()
    for page in (kenya, tanzania):  # each desk holds the shared file and the target list
        together(page)
        expect(page.get_by_text("Shared case file")).to_be_visible()
        for person in tabled.values():
            expect(page.get_by_test_id("stDataFrame").filter(has_text=person).first).to_be_visible()
        shared = page.get_by_test_id("stDataFrame").filter(has_text=tabled[tanzania]).first
        expect(shared).not_to_contain_text(company)  # Kenya never tabled it
    return None


def choose(page: Page, label: str, option: str, scope) -> None:  # type: ignore[no-untyped-def]
    for _attempt in range(3):
        wait_idle(page)
        scope.get_by_role("combobox", name=label).click()
        try:
            page.get_by_role("option", name=option, exact=True).first.click(timeout=6_000)
            wait_idle(page)
            return
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    raise AssertionError(f"no option {option!r} in {label!r}")


def pick_person(page: Page, scope, exclude: tuple[str, ...],  # type: ignore[no-untyped-def]
                load: bool = False) -> str:
    """Choose what the team puts on the table (a multiselect): the first person (``load``:
    shipment) of its file that is not in ``exclude``; returns the name."""
    for _attempt in range(3):
        wait_idle(page)
        scope.get_by_role("combobox", name="People, companies, vessels, shipments").click()
        options = page.get_by_role("option")
        try:
            options.first.wait_for(timeout=6_000)
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
            continue
        names = [x.strip() for x in options.all_inner_texts()]
        name = next(n for n in names if n not in (*exclude, "Select all")
                    and n.startswith("Shipment") == load)
        options.filter(has_text=name).first.click()
        page.keyboard.press("Escape")
        wait_idle(page)
        return name
    raise AssertionError("no person to table")


def action_day(staff: Page, kenya: Page, kenya_ncb: Page, shot) -> None:  # type: ignore[no-untyped-def]
    form = staff.get_by_test_id("stForm").filter(has_text="Set the action day")
    form.get_by_label("Day").fill("10")
    form.get_by_role("button", name="Set the action day").click()
    expect(staff.get_by_text("The operation's action day: day 10.")).to_be_visible()
    together(kenya_ncb)
    expect(kenya_ncb.get_by_text("The operation's action day: day 10.")).to_be_visible()
    plan = kenya_ncb.get_by_test_id("stForm").filter(has_text="Schedule")
    plan.get_by_text("Seizure", exact=True).click()
    load = first_option(kenya_ncb, "Shipment to seize", plan)
    place = first_option(kenya_ncb, "Place (in your country)", plan)
    plan.get_by_role("button", name="Schedule").click()
    expect(kenya_ncb.get_by_text(f"of {load} scheduled for day 10")).to_be_visible()
    staff.get_by_label("Day to advance to").fill("10")
    staff.keyboard.press("Tab")
    wait_idle(staff)
    staff.get_by_role("button", name="Advance to this day").click()
    expect(metric_value(staff, "Day")).to_have_text("10.0 / 90")
    together(kenya)
    expect(metric_value(kenya, "Day")).to_have_text("10.0 / 90")
    done = kenya.get_by_test_id("stTable").filter(has_text="Result").filter(
        has_text=load).first  # the plan, its results wrapped whole
    expect(done).to_contain_text("done")
    expect(done).to_contain_text(f"Action day: {place} is watched for {load} until day 12")
    done.scroll_into_view_if_needed()  # the page scrolls inside Streamlit's main block
    shot(kenya, "joint-05-action-day")


def debrief(staff: Page, tanzania: Page, company: str, shot) -> None:  # type: ignore[no-untyped-def]
    staff.get_by_test_id("stSidebarNav").get_by_role("link", name="Joint debrief").click()
    expect(staff.get_by_role("heading", name="Joint debrief")).to_be_visible()
    staff.get_by_role("button", name="End the operation now").click()
    expect(staff.get_by_text(re.compile(r"The operation ended on day 90"))).to_be_visible()
    tanzania.get_by_test_id("stSidebarNav").get_by_role("link", name="Joint debrief").click()
    expect(tanzania.get_by_text(re.compile(r"The operation ended on day 90"))).to_be_visible()
    ratings = tanzania.get_by_test_id("stDataFrame").first
    for team in ("Kenya NEST", "Tanzania NEST"):
        expect(ratings).to_contain_text(team)
    # nobody sat in Mozambique's team: the simulation played it, and it is not rated
    expect(ratings).not_to_contain_text("Mozambique NEST")
    expect(tanzania.get_by_text(re.compile(r"Played by the simulation.*Mozambique NEST"))).to_be_visible()
    tab(tanzania, "Missed connections")
    expect(tanzania.get_by_role("tabpanel", name="Missed connections").get_by_text(
        re.compile(f"Kenya NEST \\(Kenya\\) held [^—]*{re.escape(company)}")).first).to_be_visible()
    shot(tanzania, "joint-06-debrief")
    tab(tanzania, "Case meetings")
    targets = tanzania.get_by_role("tabpanel", name="Case meetings").get_by_test_id("stDataFrame")
    expect(targets).to_contain_text("Kenya NEST")
    expect(targets).to_contain_text("Tanzania NEST")


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
        wait_idle(kenya_ncb)  # the form redraws with the place's price: one rationale box
        kenya_ncb.get_by_label(RATIONALE_JOINT).fill(WHY)
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

        # 7. Kenya's analyst asks customs for the manifests of the company in its file (the
        #    shipments it handles come back); Kenya will keep them to itself
        company = ask_intel(kenya, "Customs declarations")
        staff.get_by_role("button", name="Advance a week").click()
        expect(metric_value(staff, "Day")).to_have_text("8.0 / 90")
        expect(metric_value(kenya, "Day")).to_have_text("8.0 / 90")

        # 8. the regional case meeting: Tanzania proposes it, the control cell convenes it,
        #    Kenya and Tanzania each put a person on the table and own them as targets
        #    (Kenya keeps the company and its shipments off the table: the debrief's missed
        #    connection), the control cell closes it
        case_meeting(staff, kenya, kenya_ncb, tanzania, company, shot)

        # 9. the coordinated action day: the control cell sets it, Kenya schedules a seizure
        #    of a shipment it found at a Kenyan place (an arrest needs a warrant, and a
        #    warrant needs graded evidence the files do not hold this early), the control
        #    cell advances to it, the desk shows the outcome
        action_day(staff, kenya, kenya_ncb, shot)

        # 10. the control cell ends the operation; the joint debrief (every seated trainee
        #     may read it now) shows each team's ratings, the link Kenya held and never
        #     shared, the case meeting's targets
        debrief(staff, tanzania, company, shot)
    finally:
        for c in contexts:
            c.close()
