"""From the exercise back, in a real browser: the instructor writes a corrective action on the
cohort debrief of a country's workshop; a member of that country sees it on the improvement
plan and closes it; the team's next round shows it under its indicator."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from academy.db import make_engine, session_scope
from academy.demo import DEMO_TEAM_CODE
from academy.models import FacilitatorNote, Workshop
from academy.teams import team_by_code
from tests.browser.conftest import ARTIFACTS
from tests.browser.steps import (
    add_corrective_action,
    select,
    sign_in_staff,
    sign_in_trainee,
    wait_idle,
)
from tests.pages.helpers import KNOWN_COMPANY, play_to_end

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

ACTION = "Train two analysts in link analysis"


def test_an_action_from_the_hot_wash_is_tracked_to_closure_by_the_country(server, browser, shot):
    play_to_end(server.db_url, {"kind": "request_notice", "colour": "red", "subject": KNOWN_COMPANY,
                                "purpose": "arrest"})
    engine = make_engine(server.db_url)
    with session_scope(engine) as s:  # the demo workshop was made for the demo country team
        workshop = s.get(Workshop, 1)
        workshop.country_team_id = team_by_code(s, code=DEMO_TEAM_CODE).id
        s.add(workshop)
    staff_ctx, member_ctx = (browser.new_context(viewport={"width": 1400, "height": 1000},
                                                 accept_downloads=True) for _ in range(2))
    staff, member = staff_ctx.new_page(), member_ctx.new_page()
    for p in (staff, member):
        p.set_default_timeout(30_000)
    try:
        sign_in_staff(staff, server.url)
        staff.get_by_role("link", name="Cohort debrief").click()
        expect(staff.get_by_role("heading", name="Cohort debrief")).to_be_visible()
        add_corrective_action(staff, "Demo NEST team (Kenya)", ACTION, "intelligence.3")
        expect(staff.get_by_text("Owner: Head of analysis · due 2027-03-31 · Open")).to_be_visible()
        shot(staff, "improvement-01-cohort-action")

        sign_in_trainee(member, server.url, name="Amina Wanjiru", pin="2468",
                        code=DEMO_TEAM_CODE, new=True)
        member.get_by_role("link", name="Improvement plan").click()
        expect(member.get_by_role("heading", name="Improvement plan")).to_be_visible()
        expect(member.get_by_text(ACTION)).to_be_visible()
        expect(member.get_by_test_id("stMetricValue").first).to_have_text("0 / 1")
        expect(member.get_by_role("button", name="Improvement plan (CSV)")).to_be_visible()
        shot(member, "improvement-02-plan-open")
        select(member, "Status", "Done")
        wait_idle(member)
        expect(member.get_by_test_id("stMetricValue").first).to_have_text("1 / 1")
        expect(member.get_by_text("Status changed by Amina Wanjiru")).to_be_visible()
        shot(member, "improvement-03-plan-done")
        with member.expect_download() as download:  # the PDF is made on the click
            member.get_by_role("button", name="Improvement plan (PDF)").click()
        pdf = Path(download.value.path()).read_bytes()
        assert pdf.startswith(b"%PDF") and download.value.suggested_filename.endswith("-KE.pdf")

        member.get_by_role("link", name="Readiness assessment").click()
        expect(member.get_by_role("heading", name="Readiness self-assessment")).to_be_visible()
        member.get_by_text("New assessment round").click()
        member.get_by_label("Title of the round").fill("After the exercise")
        member.get_by_role("button", name="Start the round").click()
        wait_idle(member)
        section = member.get_by_test_id("stExpander").filter(has_text="Intelligence and information sharing")
        section.locator("summary").first.click()
        found = section.get_by_text(f"From exercises: Corrective action: {ACTION}")
        expect(found).to_be_visible()
        expect(section.get_by_test_id("stRadio").last).to_be_visible()
        # the section itself: a full-page shot stops at the top of Streamlit's scrolling main
        section.screenshot(path=str(ARTIFACTS / "improvement-04-next-round-evidence.png"))
    finally:
        staff_ctx.close()
        member_ctx.close()
    with session_scope(engine) as s:
        assert [n.status for n in s.query(FacilitatorNote).all()] == ["done"]
    engine.dispose()
