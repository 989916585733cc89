"""A trainee reads a module, fails the knowledge check, learns why, retries and passes."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from academy.bank import QUESTIONS_SHOWN
from academy.curriculum import load_catalogue
from tests.browser.steps import select, sign_in_trainee, wait_idle

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

CATALOGUE = load_catalogue()
MODULE, _ = CATALOGUE.module("interpol-notices", "en")


def shown(page) -> list:  # type: ignore[no-untyped-def]
    """The questions of the bank this attempt drew, in the order the form shows them."""
    form = page.get_by_test_id("stForm")
    expect(form.get_by_test_id("stRadio").first).to_be_visible()
    return [q for q in MODULE.quiz if form.get_by_text(q.prompt, exact=False).count()]


def answer(page, questions, right: bool) -> None:  # type: ignore[no-untyped-def]
    """Tick every drawn question's right options, or one wrong option per question."""
    form = page.get_by_test_id("stForm")
    radios = form.get_by_test_id("stRadio")
    checkboxes = form.get_by_test_id("stCheckbox")
    radio_index = checkbox_index = 0
    for question in questions:
        chosen = ([o for o in question.options if o.correct] if right
                  else [next(o for o in question.options if not o.correct)])
        if question.type == "multiple":
            for option in question.options:
                if option in chosen:
                    checkboxes.nth(checkbox_index).locator("label").click()
                checkbox_index += 1
        else:
            radios.nth(radio_index).get_by_text(chosen[0].text, exact=True).click()
            radio_index += 1


def test_trainee_fails_learns_why_retries_and_passes(server, page, shot):
    sign_in_trainee(page, server.url)
    expect(page.get_by_role("heading", name="Welcome, Demo Trainee")).to_be_visible()
    page.get_by_test_id("stSidebarNav").get_by_text("Modules", exact=True).click()
    expect(page.get_by_role("heading", name="Modules", exact=True)).to_be_visible()
    wait_idle(page)
    shot(page, "curriculum-01-catalogue")

    start = page.locator(f".st-key-modules-open-{MODULE.id} button")
    expect(start).to_have_text("Start")
    start.click()
    expect(page.get_by_role("heading", name=MODULE.title)).to_be_visible()
    expect(page.get_by_role("heading", name=MODULE.sections[0].title)).to_be_visible()
    wait_idle(page)
    shot(page, "curriculum-02-reading")

    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", name=MODULE.sections[1].title)).to_be_visible()
    wait_idle(page)
    for section in MODULE.sections[1:]:  # then section by section with the "Go to" list
        select(page, "Go to", section.title)
        expect(page.get_by_role("heading", name=section.title)).to_be_visible()
        wait_idle(page)
        if section.title == "The colours":
            expect(page.locator(".nest-module table")).to_be_visible()
            shot(page, "curriculum-03-reading-table")
    page.get_by_role("button", name="Knowledge check").click()
    first = shown(page)
    assert len(first) == QUESTIONS_SHOWN  # a draw from the bank, not the whole bank
    expect(page.get_by_text(first[0].prompt)).to_be_visible()
    wait_idle(page)
    shot(page, "curriculum-04-knowledge-check")

    page.get_by_role("button", name="Submit answers").click()  # nothing answered yet
    total = QUESTIONS_SHOWN
    expect(page.get_by_text(f"Not marked yet: {total} of {total} questions")).to_be_visible()
    wait_idle(page)
    shot(page, "curriculum-05a-blank-questions-warning")
    answer(page, first, right=False)
    page.get_by_role("button", name="Submit answers").click()
    expect(page.get_by_text("Not passed yet")).to_be_visible()
    mistake = next(o for o in first[0].options if not o.correct)
    expect(page.get_by_text(mistake.why)).to_be_visible()  # why the trainee's choice is wrong
    right = next(o for o in first[0].options if o.correct)
    expect(page.get_by_text(right.why)).to_have_count(0)  # the right option is not named
    expect(page.get_by_text("correct answer")).to_have_count(0)
    wait_idle(page)
    shot(page, "curriculum-05-failed-with-explanations")

    page.get_by_role("button", name="Try again").click()
    expect(page.get_by_role("button", name="Submit answers")).to_be_visible()
    again = shown(page)
    assert again and not set(q.id for q in again) & set(q.id for q in first)  # new questions
    wait_idle(page)
    answer(page, again, right=True)
    wait_idle(page)
    shot(page, "curriculum-06-retry-answered")
    page.get_by_role("button", name="Submit answers").click()
    expect(page.get_by_text("Passed: module completed.")).to_be_visible()
    wait_idle(page)
    shot(page, "curriculum-07-passed")

    page.get_by_role("link", name="Back to the modules").click()
    expect(page.get_by_role("heading", name="Modules", exact=True)).to_be_visible()
    expect(page.get_by_text("Completed, best score 100%").first).to_be_visible()
    expect(page.get_by_text(f"1 of {len(CATALOGUE.ids())} modules completed")).to_be_visible()
    wait_idle(page)
    shot(page, "curriculum-08-progress")
