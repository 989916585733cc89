"""A country team in a real browser: two assessors score apart, agree, export; outsiders refused."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from academy.db import make_engine, session_scope
from academy.demo import DEMO_TEAM_CODE
from academy.models import User
from academy.teams import create_team, team_by_code
from tests.browser.steps import select, sign_in_trainee, wait_idle

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

OTHER_TEAM_CODE = "CAMR26"


def go(page: Page, menu_item: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=menu_item).click()
    wait_idle(page)


def score(page: Page, dimension: str, nth: int, level: int, evidence: str = "") -> None:
    """Pick a level for the nth indicator of a dimension (opening its section if needed)."""
    section = page.get_by_test_id("stExpander").filter(has_text=dimension)
    if not section.get_by_test_id("stRadio").first.is_visible():
        section.locator("summary").click()
    radio = section.get_by_test_id("stRadio").nth(nth)
    radio.locator("label").filter(has_text=re.compile(rf"^{level} — ")).click()
    wait_idle(page)
    if evidence:
        box = section.get_by_test_id("stTextArea").nth(nth).locator("textarea")
        box.fill(evidence)
        box.press("Control+Enter")
        wait_idle(page)


def assessor_scores(page: Page, base: str, name: str, levels: tuple[int, int], agency: str,
                    new: bool = False) -> None:
    sign_in_trainee(page, base, name=name, pin="2468", code=DEMO_TEAM_CODE, new=new)
    expect(page.get_by_role("heading", name="NEST setup guide")).to_be_visible()
    go(page, "Readiness assessment")
    select(page, "The agency you score for", agency)  # a sheet is not sent without it
    wait_idle(page)
    score(page, "Mandate and governance", 0, levels[0], evidence=f"{name}: decree 12/2025")
    score(page, "Mandate and governance", 1, levels[1])
    page.get_by_role("button", name="Submit my sheet").click()
    expect(page.get_by_text("Submit anyway?")).to_be_visible()
    page.get_by_role("button", name="Submit as incomplete").click()
    expect(page.get_by_text("Your sheet is submitted as incomplete.")).to_be_visible()


def test_two_assessors_agree_export_and_an_outsider_is_refused(server, browser, shot):
    engine = make_engine(server.db_url)
    with session_scope(engine) as s:
        admin = s.query(User).filter(User.username == "admin").one()
        if team_by_code(s, code=OTHER_TEAM_CODE) is None:  # a rerun finds it made
            create_team(s, acting_user_id=admin.id, country="CM", name="Cameroon NEST",
                        join_code=OTHER_TEAM_CODE)
    engine.dispose()
    contexts = [browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
                for _ in range(3)]
    amina, otieno, outsider = (c.new_page() for c in contexts)
    for p in (amina, otieno, outsider):
        p.set_default_timeout(30_000)
    try:
        # Amina opens the round, maps two agencies, and scores in her own browser
        sign_in_trainee(amina, server.url, name="Amina Wanjiru", pin="2468", code=DEMO_TEAM_CODE,
                        new=True)
        go(amina, "Agency map")
        for agency, name, areas, functions in [
            ("Police", "Kenya Police Service", ["Wildlife", "Forestry"], ["Investigation", "Intelligence"]),
            ("Wildlife authority", "Kenya Wildlife Service", ["Wildlife"], ["Detection", "Investigation"]),
        ]:
            form = amina.get_by_test_id("stForm")
            if not form.get_by_test_id("stSelectbox").is_visible():
                amina.get_by_text("Add an agency").click()
            select(amina, "Type of agency", agency, scope=form)  # tried again if a redraw ate it
            form.get_by_label("Name of the agency").fill(name)
            for label, values in (("Crime areas", areas), ("Functions", functions)):
                box = form.get_by_test_id("stMultiSelect").filter(has_text=label)
                for value in values:
                    box.locator("input").fill(value)
                    box.locator("input").press("Enter")
                box.locator("input").press("Escape")
            form.get_by_role("button", name="Add to the map").click()
            wait_idle(amina)
        expect(amina.get_by_text("Fisheries: nobody covers")).to_be_visible()
        expect(amina.get_by_test_id("stVegaLiteChart")).to_be_visible()
        amina.get_by_role("heading", name="Coverage").evaluate("e => e.scrollIntoView({block: 'start'})")
        shot(amina, "guidance-agency-heatmap")

        go(amina, "Readiness assessment")
        amina.get_by_text("New assessment round").click()
        amina.get_by_label("Title of the round").fill("Baseline 2026")
        amina.get_by_role("button", name="Start the round").click()
        wait_idle(amina)
        amina.get_by_role("button", name="Sign out").click()
        wait_idle(amina)
        assessor_scores(amina, server.url, "Amina Wanjiru", (1, 2), "Police")
        shot(amina, "guidance-assessment-sheet")
        # Otieno scores independently in a separate browser context
        assessor_scores(otieno, server.url, "Otieno Customs", (3, 2), "Customs", new=True)

        # the consensus: agree the unanimous score, settle the disagreement with a note
        go(amina, "Consensus")
        expect(amina.get_by_text("Assessors who submitted their sheets: 2")).to_be_visible()
        amina.get_by_role("button", name="Agree every unanimous score").click()
        expect(amina.get_by_text("Unanimous scores agreed: 1.")).to_be_visible()
        form = amina.get_by_test_id("stForm")
        form.locator("label").filter(has_text=re.compile(r"^2 — ")).click()
        form.get_by_label("Note on the agreement").fill("Decree adopted; customs has not signed yet")
        form.get_by_role("button", name="Save the agreed score").click()
        wait_idle(amina)
        shot(amina, "guidance-consensus")

        go(amina, "Readiness results")
        expect(amina.get_by_text("2.00 / 3")).to_be_visible()
        expect(amina.get_by_test_id("stVegaLiteChart").first).to_be_visible()
        amina.wait_for_timeout(800)
        shot(amina, "guidance-results")
        with amina.expect_download() as download:
            amina.get_by_role("button", name="Report (PDF)").click()
        pdf = download.value
        assert pdf.suggested_filename.endswith(".pdf")
        with open(pdf.path(), "rb") as f:
            assert f.read(4) == b"%PDF"

        # a member of another country team sees none of it, by menu or by typed id
        sign_in_trainee(outsider, server.url, name="Mbarga", pin="1357", code=OTHER_TEAM_CODE,
                        new=True)
        expect(outsider.get_by_text("Country team: Cameroon · Cameroon NEST")).to_be_visible()
        go(outsider, "Readiness results")
        expect(outsider.get_by_text("No assessment round yet.")).to_be_visible()
        expect(outsider.get_by_text("Baseline 2026")).to_have_count(0)
        outsider.goto(f"{server.url}/readiness-results?assessment=1")
        expect(outsider.get_by_text("Please sign in to see this page.")).to_be_visible()
        expect(outsider.get_by_text("Baseline 2026")).to_have_count(0)
        shot(outsider, "guidance-outsider-refused")
    finally:
        for c in contexts:
            c.close()
