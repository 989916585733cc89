"""The whole loop in a real browser: a country team's readiness gaps choose its training, an
instructor makes the workshop in one click, an officer plays, the hot-wash's corrective action
comes back to the team's next round and is closed, and a regional coordinator sees the team.

Screenshots: test-artifacts/loop-0*.png. Most of the 42 scores of the first round are stored
straight through academy (as the sheet would store them); the weakest one is scored, the
sheet submitted and the scores agreed in the browser.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import select as sql

from academy.accounts import add_staff
from academy.assessments import (
    agree_unanimous,
    rounds_of_team,
    save_score,
    scores_of_round,
    set_sheet_agency,
    submit_sheet,
)
from academy.db import make_engine, session_scope
from academy.demo import DEMO_ADMIN, DEMO_TEAM_CODE
from academy.guidance import load_framework
from academy.models import (
    AgreedScore,
    AssessorSheet,
    CountryTeam,
    ExerciseRecord,
    FacilitatorNote,
    ReadinessAssessment,
    Role,
    ScenarioVersion,
    TrainingRequest,
    User,
    Workshop,
)
from academy.training_record import progress, training_done
from tests.browser.conftest import ARTIFACTS
from tests.browser.steps import (
    add_corrective_action,
    metric,
    select,
    sign_in_staff,
    sign_in_trainee,
    wait_idle,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

MEMBER = ("Amina Wanjiru", "2468")
OFFICER = ("Otieno Kamau", "1357")
COORDINATOR = ("coordinator", "east-africa-2026")
WEAK = "intelligence.3"  # scored 0 in the browser: network and link analysis
ALSO_WEAK = "financial.1"  # 1: parallel financial investigations (mining and fisheries)
THIRD_WEAK = "international.5"  # 1: legal assistance and extradition (mining and wildlife)
# the gold couriers scenario trains all three: the plan ranks it first
SCENARIO = "Gold Couriers: Madre de Dios to Dubai"
ACTION = "Train two analysts in link analysis"
TEAM = "Demo NEST team (Kenya)"


def go(page: Page, menu_item: str, heading: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=menu_item).click()
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    wait_idle(page)


def new_round(page: Page, title: str) -> None:
    go(page, "Readiness assessment", "Readiness self-assessment")
    page.get_by_text("New assessment round").click()
    page.get_by_label("Title of the round").fill(title)
    page.get_by_role("button", name="Start the round").click()
    wait_idle(page)


def section(page: Page, dimension: str):  # type: ignore[no-untyped-def]
    found = page.get_by_test_id("stExpander").filter(has_text=dimension)
    if not found.get_by_test_id("stRadio").first.is_visible():
        found.locator("summary").first.click()
    return found


def seed_sheet(db_url: str, *, round_title: str, levels: dict[str, int], skip: str = "",
               agree: bool = False) -> None:
    """The member's sheet of the round, every indicator but ``skip`` (2 unless in ``levels``)."""
    framework = load_framework()
    engine = make_engine(db_url)
    with session_scope(engine) as s:
        member = s.exec(sql(User).where(User.display_name == MEMBER[0])).one()
        round_ = s.exec(sql(ReadinessAssessment).where(ReadinessAssessment.title == round_title)).one()
        ids = list(framework.indicators)
        set_sheet_agency(s, acting_user_id=member.id or 0, assessment_id=round_.id or 0,
                         agency="police")  # a sheet is not sent without it
        for iid in ids:
            if iid != skip:
                save_score(s, acting_user_id=member.id or 0, assessment_id=round_.id or 0,
                           indicator_id=iid, level=levels.get(iid, 2), valid_ids=ids)
        if agree:
            submit_sheet(s, acting_user_id=member.id or 0, assessment_id=round_.id or 0,
                         indicator_ids=ids)
            agree_unanimous(s, acting_user_id=member.id or 0, assessment_id=round_.id or 0,
                            indicator_ids=ids)
    engine.dispose()


def play_to_the_end(page: Page) -> None:
    """A week at a time; the last week ends the exercise, which the desk asks first."""
    day = page.get_by_test_id("stMetric").filter(has_text="Day").first.get_by_test_id(
        "stMetricValue")
    for _ in range(20):
        before = day.inner_text()
        now, end = (float(x) for x in before.split("/"))
        if now >= end:
            break
        page.get_by_role("button", name="Advance a week").click()
        wait_idle(page)
        if now + 7 >= end:
            page.get_by_role("button", name="Continue to the end").click()
        expect(day).not_to_have_text(before)
        wait_idle(page)
    expect(page.get_by_text("The exercise has ended.")).to_be_visible()


def test_gaps_choose_training_and_the_exercise_comes_back_closed(server, browser, shot):
    engine = make_engine(server.db_url)
    framework = load_framework()
    with session_scope(engine) as s:  # the admin grants the regional role
        admin = s.exec(sql(User).where(User.username == DEMO_ADMIN[0])).one()
        add_staff(s, acting_user_id=admin.id or 0, username=COORDINATOR[0],
                  display_name="East Africa coordinator", role=Role.regional,
                  password=COORDINATOR[1])
    # tall windows: a full-page shot stops at the bottom of Streamlit's scrolling main
    contexts = [browser.new_context(viewport={"width": 1400, "height": 1700}) for _ in range(4)]
    member, staff, officer, coordinator = (c.new_page() for c in contexts)
    for p in (member, staff, officer, coordinator):
        p.set_default_timeout(30_000)
    try:
        # 1. the country team finishes a round: the weakest indicator scored, submitted, agreed
        sign_in_trainee(member, server.url, name=MEMBER[0], pin=MEMBER[1], code=DEMO_TEAM_CODE,
                        new=True)
        expect(member.get_by_role("heading", name="NEST setup guide")).to_be_visible()
        new_round(member, "Baseline 2026")
        seed_sheet(server.db_url, round_title="Baseline 2026", levels={ALSO_WEAK: 1, THIRD_WEAK: 1},
                   skip=WEAK)
        go(member, "Consensus", "Consensus")  # back to the sheet: it shows the stored scores
        go(member, "Readiness assessment", "Readiness self-assessment")
        found = section(member, "Intelligence and information sharing")
        found.get_by_test_id("stRadio").nth(2).locator("label").filter(
            has_text=re.compile(r"^0 — ")).click()
        wait_idle(member)
        expect(member.get_by_text(f"{len(framework.indicators)} of {len(framework.indicators)}")
               .first).to_be_visible()
        member.get_by_role("button", name="Submit my sheet").click()
        expect(member.get_by_text("Your sheet is submitted.")).to_be_visible()
        go(member, "Consensus", "Consensus")
        member.get_by_role("button", name="Agree every unanimous score").click()
        expect(member.get_by_text(f"Unanimous scores agreed: {len(framework.indicators)}."))\
            .to_be_visible()
        with session_scope(engine) as s:
            sheet = s.exec(sql(AssessorSheet)).one()
            assert sheet.status == "submitted"
            agreed = {a.indicator_id: a.level for a in s.exec(sql(AgreedScore)).all()}
            assert len(agreed) == len(framework.indicators) and agreed[WEAK] == 0

        # 2. the training plan is proposed from the gaps, and the team asks for it
        go(member, "Training plan", "Training plan")
        expect(member.get_by_text("Drawn from the weakest indicators of the round “Baseline 2026”"))\
            .to_be_visible()
        expect(member.get_by_text(SCENARIO).first).to_be_visible()
        for _ in range(2):  # asking twice (a second click) still makes one request
            member.get_by_role("button", name="Ask an instructor for this training").click()
            expect(member.get_by_text("waiting for an instructor")).to_be_visible()
            wait_idle(member)
        shot(member, "loop-01-training-plan")
        with session_scope(engine) as s:
            request = s.exec(sql(TrainingRequest)).one()
            assert request.plan["weakest"][0] == [WEAK, 0.0]
            assert request.plan["scenarios"][0]["id"] == "mining-gold-couriers"

        # 3. the instructor makes the workshop in one click
        sign_in_staff(staff, server.url)
        go(staff, "Training requests", "Training requests")
        expect(staff.get_by_text(f"Kenya · {TEAM}")).to_be_visible()
        staff.get_by_label("Workshop title").fill("Kenya NEST: link analysis")
        staff.get_by_role("button", name="Create the workshop").click()
        expect(staff.get_by_text("Workshop “Kenya NEST: link analysis” created.")).to_be_visible()
        shot(staff, "loop-02-training-request")
        with session_scope(engine) as s:
            request = s.exec(sql(TrainingRequest)).one()
            workshop = s.get(Workshop, request.workshop_id)
            assert workshop is not None and workshop.title == "Kenya NEST: link analysis"
            team = s.exec(sql(CountryTeam).where(CountryTeam.join_code == DEMO_TEAM_CODE)).one()
            assert workshop.country_team_id == team.id
            workshop_id, join_code = workshop.id, workshop.join_code

        # 4. the team sees the join code; an officer joins with it and plays the exercise
        go(member, "Training plan", "Training plan")
        made = member.get_by_text("Your officers join it with the code")
        expect(made).to_contain_text(join_code)
        sign_in_trainee(officer, server.url, name=OFFICER[0], pin=OFFICER[1], code=join_code,
                        new=True)
        officer.get_by_test_id("stSidebarNav").get_by_text("Exercises").click()
        expect(officer.get_by_role("heading", name="My exercises")).to_be_visible()
        card = officer.get_by_test_id("stVerticalBlock").filter(has_text=SCENARIO).filter(
            has=officer.get_by_role("button", name="Start")).last
        card.get_by_role("button", name="Start").click()
        expect(officer.get_by_role("heading", name=SCENARIO)).to_be_visible()
        play_to_the_end(officer)
        with session_scope(engine) as s:
            record, version = s.exec(sql(ExerciseRecord, ScenarioVersion).join(
                ScenarioVersion, ScenarioVersion.id == ExerciseRecord.scenario_version_id)
                .where(ExerciseRecord.workshop_id == workshop_id)).one()
            assert record.finished and version.scenario_id == "mining-gold-couriers"

        # 5. the instructor's hot-wash: a corrective action on the weak indicator
        go(staff, "Cohort debrief", "Cohort debrief")
        add_corrective_action(staff, TEAM, ACTION, WEAK)
        expect(staff.get_by_text("Owner: Head of analysis · due 2027-03-31 · Open")).to_be_visible()
        with session_scope(engine) as s:
            note = s.exec(sql(FacilitatorNote)).one()
            assert (note.workshop_id, note.kind, note.indicator_id, note.owner, note.status) == \
                (workshop_id, "action", WEAK, "Head of analysis", "open")

        # 6. the team's next round shows the action under the indicator
        new_round(member, "After the exercise")
        found = section(member, "Intelligence and information sharing")
        expect(found.get_by_text(f"From exercises: Corrective action: {ACTION}")).to_be_visible()

        # 7. ... and the team closes it on its improvement plan
        go(member, "Improvement plan", "Improvement plan")
        expect(member.get_by_text(ACTION)).to_be_visible()
        expect(member.get_by_test_id("stMetricValue").first).to_have_text("0 / 1")
        select(member, "Status", "Done")
        wait_idle(member)
        expect(member.get_by_test_id("stMetricValue").first).to_have_text("1 / 1")
        expect(member.get_by_text(f"Status changed by {MEMBER[0]}")).to_be_visible()
        shot(member, "loop-03-improvement-plan")
        with session_scope(engine) as s:
            note = s.exec(sql(FacilitatorNote)).one()
            assert note.status == "done" and note.status_by is not None

        # 8. the team shares its results (its new round has no score yet)...
        go(member, "Readiness results", "Readiness results")
        expect(member.get_by_text("No score yet")).to_be_visible()
        member.get_by_text("Share our results with regional coordinators").click()
        expect(member.get_by_text("Your results are now shared with regional coordinators."))\
            .to_be_visible()
        # ... and once the round is scored (the weak indicator moved) sees its progress
        seed_sheet(server.db_url, round_title="After the exercise", levels={WEAK: 2, ALSO_WEAK: 1},
                   agree=True)
        go(member, "Consensus", "Consensus")
        go(member, "Readiness results", "Readiness results")
        expect(member.get_by_text("Officers in the workshops made for this team: 1.")).to_be_visible()
        member.get_by_role("heading", name="Progress and training").scroll_into_view_if_needed()
        table = member.get_by_test_id("stDataFrame").last  # scroll its rows to the indicator
        table.hover()
        member.mouse.wheel(0, 14 * 35)
        member.wait_for_timeout(300)  # let the table paint
        member.get_by_test_id("stMain").screenshot(path=str(ARTIFACTS / "loop-05-progress.png"))
        with session_scope(engine) as s:
            team = s.exec(sql(CountryTeam).where(CountryTeam.join_code == DEMO_TEAM_CODE)).one()
            assert team.regional_opt_in
            member_id = s.exec(sql(User.id).where(User.display_name == MEMBER[0])).one()
            done = training_done(s, acting_user_id=member_id, team_id=team.id or 0)
            row = next(r for r in progress(framework, [
                scores_of_round(s, assessment_id=r.id or 0, indicator_ids=framework.indicators).scores
                for r in rounds_of_team(s, team_id=team.id or 0)], done) if r.indicator_id == WEAK)
            assert (row.trend, row.exercises) == ((0.0, 2.0), 1)  # the table's row for it

        # 9. the regional coordinator sees the team, its open actions now none
        sign_in_staff(coordinator, server.url, *COORDINATOR)
        go(coordinator, "Regional view", "Regional view")
        expect(coordinator.get_by_role("combobox", name="Country team")).to_have_value(f"Kenya · {TEAM}")
        expect(coordinator.get_by_text("1.98 / 3")).to_be_visible()  # the latest round's overall
        assert metric(coordinator, "Open corrective actions") == "0"
        shot(coordinator, "loop-04-regional-view")
    finally:
        for context in contexts:
            context.close()
    engine.dispose()
