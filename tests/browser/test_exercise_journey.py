"""A trainee plays a shipped scenario in a real browser, survives a server restart,
and reaches the debrief. Screenshots of each step go to test-artifacts/exercise-*.png."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import Page, expect

from tests.browser.steps import (
    action,
    advance_week,
    choose_language,
    metric,
    metric_value,
    select,
    send,
    sign_in_trainee,
    wait_idle,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
SCENARIO = "The Ivory Corridor: Niassa to Hai Phong"


def open_exercises(page: Page) -> None:
    page.get_by_test_id("stSidebarNav").get_by_text("Exercises").click()
    expect(page.get_by_role("heading", name="My exercises")).to_be_visible()



def test_trainee_plays_to_the_debrief_across_a_server_restart(server, page, shot):
    drawn_wrong: list[str] = []  # a chart the browser could not draw ("…M0,NaN…")
    page.on("console", lambda m: drawn_wrong.append(m.text) if m.type == "error"
            and "attribute" in m.text else None)
    sign_in_trainee(page, server.url)
    open_exercises(page)
    card = page.get_by_test_id("stVerticalBlock").filter(has_text=SCENARIO).filter(
        has=page.get_by_role("button", name="Start")).last
    card.get_by_role("button", name="Start").click()
    expect(page.get_by_role("heading", name=SCENARIO)).to_be_visible()
    expect(metric_value(page, "Day")).to_have_text("0.0 / 90")
    shot(page, "exercise-01-desk-briefing")

    # A Silver Notice on a company with nothing on its money yet: refused, with the reason
    # (the form offers each colour only the subjects its rule accepts: no company for a Red)
    action(page, "Request a notice")
    select(page, "Notice", "Silver Notice (pilot)")
    select(page, "Subject", "(company)")
    send(page)
    expect(page.get_by_text("Refused:")).to_be_visible()
    shot(page, "exercise-02-notice-refused")

    # Intelligence on the company, then a week passes and reports arrive
    action(page, "Request intelligence")
    select(page, "Source", "Customs declarations")
    select(page, "About", "(company)")
    page.get_by_label("Rationale (optional, shown in your debrief)").fill("Check the front company's exports")
    send(page)
    expect(page.get_by_text("answer expected")).to_be_visible()
    advance_week(page)
    expect(metric_value(page, "Day")).to_have_text("7.0 / 90")

    # A name in the inbox opens in the link chart
    page.get_by_role("tab", name="Inbox").click()
    names = page.locator('[data-testid="stBaseButton-tertiary"]')
    expect(names.first).to_be_visible()
    shot(page, "exercise-03b-inbox-names")
    names.first.click()
    wait_idle(page)
    expect(page.get_by_role("tab", name="Link chart", selected=True)).to_be_visible()
    expect(page.get_by_text("Linked to").or_(page.get_by_test_id("stAlert")).first).to_be_visible()
    shot(page, "exercise-03c-name-opened-in-chart")

    # A Blue Notice on a bare name from a tip-off: refused, the rule says what it needs
    action(page, "Request a notice")
    select(page, "Notice", "Blue Notice")
    select(page, "Subject", "(person)")
    send(page)
    expect(page.get_by_text("identifiers (threshold")).to_be_visible()
    shot(page, "exercise-03-blue-notice-needs-identifiers")

    # Immigration is asked for the person's identifiers (the answer comes within days)
    action(page, "Request intelligence")
    select(page, "Source", "Immigration and civil registry")
    select(page, "About", "(person)")
    send(page)
    expect(page.get_by_text("answer expected")).to_be_visible()

    # A seizure request on a shipment the reports revealed
    action(page, "Seizure")
    select(page, "Shipment", "Shipment")
    select(page, "Place", "Port of Mombasa")
    send(page)
    # Mombasa is in Kenya, the trainee's own country: booked with its own teams, not "sent"
    expect(page.get_by_text("booked with your national teams")).to_be_visible()
    shot(page, "exercise-04-seizure-requested")

    page.get_by_role("tab", name="Link chart").click()
    expect(page.get_by_test_id("stVegaLiteChart").first).to_be_visible()
    shot(page, "exercise-05-link-chart")
    page.get_by_role("tab", name="Map").click()
    expect(page.get_by_text("Show movements between days")).to_be_visible()
    expect(page.get_by_test_id("stVegaLiteChart").first).to_be_visible()
    shot(page, "exercise-06-map")
    assert drawn_wrong == []  # user trial: Antarctica under Mercator drew a path of NaN
    before = (metric(page, "Day"), metric(page, "Budget left"), metric(page, "Inbox items"))

    # The server restarts mid-exercise: sign in again, the exercise resumes unchanged
    server.restart()
    sign_in_trainee(page, server.url)
    open_exercises(page)
    page.get_by_test_id("stMain").get_by_role("button", name="Open", exact=True).first.click()
    expect(page.get_by_role("heading", name=SCENARIO)).to_be_visible()
    after = (metric(page, "Day"), metric(page, "Budget left"), metric(page, "Inbox items"))
    assert after == before
    shot(page, "exercise-07-resumed-after-restart")

    # A week later the identifiers are in: the Blue Notice on the same person is accepted
    advance_week(page)
    action(page, "Request a notice")
    select(page, "Notice", "Blue Notice")
    select(page, "Subject", "(person)")
    send(page)
    expect(page.get_by_text("Blue Notice accepted")).to_be_visible()  # its answer's day follows
    shot(page, "exercise-03-blue-notice-accepted")

    for _ in range(20):  # 90 days, a week at a time
        day = metric(page, "Day")
        if day.startswith("90.0"):
            break
        page.get_by_role("button", name="Advance a week").click()
        wait_idle(page)
        if float(day.split("/")[0]) + 7 >= 90:  # the last week ends the exercise: asked first
            expect(page.get_by_text("this ends the exercise — continue?")).to_be_visible()
            shot(page, "exercise-07b-confirm-the-end")
            page.get_by_role("button", name="Continue to the end").click()
        expect(metric_value(page, "Day")).not_to_have_text(day)
        wait_idle(page)
    expect(page.get_by_text("The exercise has ended.")).to_be_visible()
    page.get_by_role("link", name="Open the debrief").click()
    expect(page.get_by_role("heading", name=f"Debrief — {SCENARIO}")).to_be_visible()
    expect(page.get_by_text("Score", exact=True)).to_be_visible()
    shot(page, "exercise-08-debrief-ratings")
    page.get_by_role("tab", name="Shipments").click()
    expect(page.get_by_test_id("stDataFrame").first).to_be_visible()
    shot(page, "exercise-08b-debrief-shipments-and-why")
    page.get_by_role("tab", name="The real network").click()
    expect(page.get_by_test_id("stVegaLiteChart").nth(1)).to_be_visible()
    shot(page, "exercise-09-debrief-network")
    page.get_by_role("tab", name="Export").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the debrief (PDF)").click()
    assert download.value.path().read_bytes().startswith(b"%PDF")


def test_a_french_trainee_gets_refusals_in_french(server, page, shot):
    name = f"Awa Ndiaye {uuid.uuid4().hex[:4]}"  # a new trainee on every attempt
    sign_in_trainee(page, server.url, name=name, pin="5151", new=True)
    expect(page.get_by_role("heading", name=f"Welcome, {name}")).to_be_visible()
    choose_language(page, "Français")
    expect(page.get_by_role("heading", name=f"Bienvenue, {name}")).to_be_visible()
    shot(page, "exercise-10-home-fr")
    page.get_by_test_id("stSidebarNav").get_by_text("Exercices").click()
    expect(page.get_by_role("heading", name="Mes exercices")).to_be_visible()
    title = "Le corridor de l'ivoire\u202f: du Niassa à Hai Phong"
    start = page.get_by_role("button", name="Commencer")
    expect(start).to_have_count(5)  # the whole catalogue is drawn (cards come in one by one)
    start.last.click()  # cards are sorted by scenario id: wildlife is last
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    page.get_by_role("tab", name="Mesures").click()
    page.get_by_test_id("stRadio").get_by_text("Demander une notice", exact=True).click()
    wait_idle(page)
    select(page, "Type de notice", "Notice argent (phase pilote)")
    select(page, "Sujet", "(société)")
    page.get_by_role("button", name="Envoyer").click()
    expect(page.get_by_text("Refusé\u202f: une notice argent porte sur des avoirs")).to_be_visible()
    shot(page, "exercise-11-desk-fr-refusal")
